//! Hike's rolling windows over a stream of exchange times: the peak of each window, how full
//! each stands at the latest time, and when one more call fits both.
//!
//! A window keeps the counts of the calls inside it, and no others: per millisecond for the
//! minute (at most 60,000 counts), per second for the 24 hours (at most 86,400), so memory is
//! bounded by the window's length, never by the number of calls, and the peaks are exact at
//! any size on input in time order. A time before the latest one seen (a log that is not in
//! time order) still counts where it belongs in the windows ahead, but the windows already
//! passed cannot take it back: the peaks become lower bounds, each at most the number of
//! such times short, and [`Windows::out_of_order`] says how many there were.

use std::collections::{BTreeMap, VecDeque};

/// A millisecond time: milliseconds since the Unix epoch.
pub type Millis = i64;

/// One rolling window `(t - width, t]`, counted in units of `unit` milliseconds.
#[derive(Debug, Clone)]
pub struct Window {
    width: i64,
    unit: i64,
    /// The units inside the window that came in time order, rising, each once.
    run: VecDeque<(i64, u64)>,
    /// The units inside the window that came after a later one and are not in `run`.
    late: BTreeMap<i64, u64>,
    sum: u64,
    peak: u64,
    latest: Option<i64>,
}

impl Window {
    /// A window `width_ms` long, counted per `unit_ms` (which divides it).
    pub fn new(width_ms: i64, unit_ms: i64) -> Window {
        Window {
            width: width_ms / unit_ms,
            unit: unit_ms,
            run: VecDeque::new(),
            late: BTreeMap::new(),
            sum: 0,
            peak: 0,
            latest: None,
        }
    }

    /// Counts one call at `t`.
    pub fn add(&mut self, t: Millis) {
        let u = if self.unit == 1 {
            t
        } else {
            t.div_euclid(self.unit)
        };
        match self.latest {
            // The commonest case in a busy log: the same unit as the last call.
            Some(l) if u == l => {
                if let Some((_, n)) = self.run.back_mut() {
                    *n += 1;
                }
            }
            Some(l) if u < l => {
                if u <= l.saturating_sub(self.width) {
                    // Before the window: no window ahead holds it.
                    return;
                }
                match self.run.binary_search_by_key(&u, |e| e.0) {
                    Ok(i) => self.run[i].1 += 1,
                    Err(_) => *self.late.entry(u).or_insert(0) += 1,
                }
            }
            _ => {
                match self.run.back_mut() {
                    Some((b, n)) if *b == u => *n += 1,
                    _ => self.run.push_back((u, 1)),
                }
                self.latest = Some(u);
                self.expire(u);
            }
        }
        self.sum += 1;
        self.peak = self.peak.max(self.sum);
    }

    /// Drops what is no longer inside `(u - width, u]`.
    fn expire(&mut self, u: i64) {
        let cut = u.saturating_sub(self.width);
        while let Some(&(s, n)) = self.run.front() {
            if s > cut {
                break;
            }
            self.sum -= n;
            self.run.pop_front();
        }
        while let Some(e) = self.late.first_entry() {
            if *e.key() > cut {
                break;
            }
            self.sum -= e.remove();
        }
    }

    /// The most calls any window held.
    pub fn peak(&self) -> u64 {
        self.peak
    }

    /// The calls in the window that ends at the latest time.
    pub fn used(&self) -> u64 {
        self.sum
    }

    /// The start (in milliseconds) of the unit of the `k`th latest call inside the window,
    /// counting each call; `None` when it holds fewer.
    fn kth_latest(&self, k: u64) -> Option<Millis> {
        let mut late = self.late.iter().rev().map(|(u, n)| (*u, *n)).peekable();
        let mut run = self.run.iter().rev().copied().peekable();
        let mut seen = 0;
        loop {
            let next = match (run.peek(), late.peek()) {
                (Some(a), Some(b)) if a.0 >= b.0 => run.next(),
                (Some(_), None) => run.next(),
                (_, Some(_)) => late.next(),
                (None, None) => return None,
            };
            let (u, n) = next?;
            seen += n;
            if seen >= k {
                return Some(u.saturating_mul(self.unit));
            }
        }
    }
}

/// Hike's two windows, fed every exchange time.
#[derive(Debug, Clone)]
pub struct Windows {
    /// The rolling minute, per millisecond.
    pub minute: Window,
    /// The rolling 24 hours, per second.
    pub day: Window,
    latest: Option<Millis>,
    out_of_order: u64,
    subsecond: bool,
}

impl Default for Windows {
    fn default() -> Windows {
        Windows::new()
    }
}

/// The rolling minute in milliseconds.
pub const MINUTE_MS: Millis = 60_000;
/// The rolling 24 hours in milliseconds.
pub const DAY_MS: Millis = 86_400_000;

impl Windows {
    /// Empty windows.
    pub fn new() -> Windows {
        Windows {
            minute: Window::new(MINUTE_MS, 1),
            day: Window::new(DAY_MS, 1000),
            latest: None,
            out_of_order: 0,
            subsecond: false,
        }
    }

    /// Counts one call at `t`.
    pub fn add(&mut self, t: Millis) {
        if self.latest.is_some_and(|l| t < l) {
            self.out_of_order += 1;
        }
        self.latest = Some(self.latest.map_or(t, |l| l.max(t)));
        self.subsecond |= t.rem_euclid(1000) != 0;
        self.minute.add(t);
        self.day.add(t);
    }

    /// The latest time counted.
    pub fn latest(&self) -> Option<Millis> {
        self.latest
    }

    /// How many times came after a later one.
    pub fn out_of_order(&self) -> u64 {
        self.out_of_order
    }

    /// The earliest time at or after the latest one at which one more call fits both
    /// windows: at most `per_minute - 1` calls in the minute before it and `per_day - 1`
    /// in the 24 hours before it. `None` when nothing was counted.
    pub fn next_call_at(&self, per_minute: u64, per_day: u64) -> Option<Millis> {
        let t = self.latest?;
        let minute = self
            .minute
            .kth_latest(per_minute)
            .map(|c| c.saturating_add(MINUTE_MS));
        // The day counts whole seconds: a call inside one may have been at its end.
        let slack = if self.subsecond { 999 } else { 0 };
        let day = (self.day.kth_latest(per_day)).map(|c| c.saturating_add(slack + DAY_MS));
        Some(t.max(minute.unwrap_or(t)).max(day.unwrap_or(t)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const S: i64 = 1000;

    #[test]
    fn a_window_is_half_open() {
        let mut w = Windows::new();
        // Exactly 60 s apart: never in one minute window.
        w.add(1000 * S);
        w.add(1060 * S);
        assert_eq!((w.minute.peak(), w.day.peak()), (1, 2));
        // 59.999 s after the first: in one with it.
        w.add(1000 * S + 59_999);
        assert_eq!(w.minute.peak(), 2);
        // Exactly 24 h after the first: not in its day.
        w.add(1000 * S + DAY_MS);
        assert_eq!(w.day.peak(), 3);
    }

    #[test]
    fn milliseconds_count_in_the_minute() {
        // 61 calls within 59.4 s: all in one minute.
        let mut w = Windows::new();
        for i in 0..61 {
            w.add(5_000 * S + i * 990);
        }
        assert_eq!(w.minute.peak(), 61);
        assert_eq!(w.minute.used(), 61);
        // The 60th latest is the second call, at +990 ms: one more fits 60 s after it.
        assert_eq!(w.next_call_at(60, 5000), Some(5_000 * S + 990 + MINUTE_MS));
    }

    #[test]
    fn late_times_count_ahead_and_are_told() {
        let mut w = Windows::new();
        for t in [100, 101, 102, 50, 20, 160] {
            w.add(t * S);
        }
        // 50 s comes after 102 s but inside (42 s, 102 s]: that window holds 50, 100, 101
        // and 102. 20 s is before it: no window ahead holds it.
        assert_eq!(w.out_of_order(), 2);
        assert_eq!(w.minute.peak(), 4);
        // (100 s, 160 s] holds 101, 102 and 160.
        assert_eq!(w.minute.used(), 3);
        assert_eq!(w.day.used(), 6);
    }

    #[test]
    fn memory_stays_bounded_by_the_window() {
        let mut w = Windows::new();
        let mut t: i64 = 1_000_000 * S;
        for i in 0..400_000i64 {
            t = if i % 2 == 0 { t + 7_919 } else { t - 3_001 };
            w.add(t);
        }
        assert!(w.minute.run.len() + w.minute.late.len() <= 2 * 60_000);
        assert!(w.day.run.len() + w.day.late.len() <= 2 * 86_400);
    }
}
