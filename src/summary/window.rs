//! Rolling windows: the most exchanges in any window `[t, t + W)`, counted per second in a
//! bounded map, whatever order the times come in.
//!
//! `Date` has one-second resolution, so the input is a count per second. The counts are kept
//! in a map keyed by the second itself (never by an offset from the first exchange, so a log
//! that wraps or a job run twice cannot make it grow out of bounds), and the peak is found by
//! a sweep over the sorted seconds when asked. Past [`MAX_SECONDS`] distinct seconds the map
//! is folded: the peaks of what it holds are kept and its older half is dropped, so memory
//! stays bounded; the windows are exact while a log's distinct seconds fit in the map (two
//! days of an exchange every second).

use std::collections::BTreeMap;

/// How many distinct seconds are counted at once.
pub const MAX_SECONDS: usize = 200_000;

/// Counts per second, and the peaks of two window widths.
#[derive(Debug, Clone, Default)]
pub struct Windows {
    seconds: BTreeMap<i64, u64>,
    /// The second counted last and its count, not yet in `seconds`: a log's exchanges come
    /// many a second, in order.
    latest: Option<(i64, u64)>,
    /// Peaks of what was folded away.
    folded: [u64; 2],
    widths: [i64; 2],
}

impl Windows {
    /// Windows of `a` and `b` seconds.
    pub fn new(a: i64, b: i64) -> Windows {
        Windows {
            seconds: BTreeMap::new(),
            latest: None,
            folded: [0, 0],
            widths: [a, b],
        }
    }

    /// Counts one exchange at second `t`.
    pub fn add(&mut self, t: i64) {
        match &mut self.latest {
            Some((s, n)) if *s == t => *n += 1,
            latest => {
                if let Some((s, n)) = latest.replace((t, 1)) {
                    self.put(s, n);
                }
            }
        }
    }

    fn put(&mut self, t: i64, n: u64) {
        *self.seconds.entry(t).or_insert(0) += n;
        if self.seconds.len() > MAX_SECONDS {
            self.fold();
        }
    }

    /// Whether any time was counted.
    pub fn is_empty(&self) -> bool {
        self.seconds.is_empty() && self.latest.is_none() && self.folded == [0, 0]
    }

    /// The most exchanges in any window of each width.
    pub fn peaks(&self) -> [u64; 2] {
        let mut p = self.folded;
        for (i, w) in self.widths.iter().enumerate() {
            let peak = match self.latest {
                // The latest second is read in its place, not put into the map.
                Some((t, n)) => {
                    let held = self.seconds.get(&t).copied().unwrap_or(0);
                    let before = self.seconds.range(..t).map(|(s, m)| (*s, *m));
                    let after = self.seconds.range(t..).skip(usize::from(held > 0));
                    let all = before
                        .chain(std::iter::once((t, n + held)))
                        .chain(after.map(|(s, m)| (*s, *m)));
                    peak(all, *w)
                }
                None => peak(self.seconds.iter().map(|(s, m)| (*s, *m)), *w),
            };
            p[i] = p[i].max(peak);
        }
        p
    }

    fn fold(&mut self) {
        self.folded = self.peaks();
        let keep = self.seconds.len() / 2;
        let cut = *self
            .seconds
            .keys()
            .nth(self.seconds.len() - keep)
            .unwrap_or(&i64::MAX);
        self.seconds = self.seconds.split_off(&cut);
    }
}

/// The most counts in any window `[t, t + width)`: a sweep with two pointers over the
/// sorted seconds (a window that holds the most starts at a counted second).
fn peak(seconds: impl Iterator<Item = (i64, u64)> + Clone, width: i64) -> u64 {
    let mut best = 0;
    let mut sum = 0;
    let mut start = seconds.clone().peekable();
    for (t, n) in seconds {
        sum += n;
        while let Some((_, m)) = start.next_if(|(s, _)| *s <= t.saturating_sub(width)) {
            sum -= m;
        }
        best = best.max(sum);
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_window_is_half_open() {
        let mut w = Windows::new(60, 86_400);
        // Exactly 60 s apart: never in one minute window.
        w.add(1000);
        w.add(1060);
        assert_eq!(w.peaks(), [1, 2]);
        // 59 s apart: in one.
        w.add(1001);
        assert_eq!(w.peaks(), [2, 3]);
        // Exactly 24 h after the first: not in its day.
        w.add(1000 + 86_400);
        assert_eq!(w.peaks()[1], 3);
    }

    #[test]
    fn times_going_backwards_count_where_they_belong() {
        let mut forwards = Windows::new(60, 86_400);
        let mut backwards = Windows::new(60, 86_400);
        let times = [5_000, 5_001, 5_030, 5_059, 5_060, 90_000, 90_010];
        for t in times {
            forwards.add(t);
        }
        for t in times.iter().rev() {
            backwards.add(*t);
        }
        // [5000, 5060) holds four; [5000, 5000 + 24 h) all seven.
        assert_eq!(forwards.peaks(), [4, 7]);
        assert_eq!(backwards.peaks(), forwards.peaks());
        // A job run twice, the later run first in the log: each run in one minute, both
        // (an hour apart) in one day.
        let mut twice = Windows::new(60, 86_400);
        for t in (0..10)
            .map(|i| 103_600 + i)
            .chain((0..10).map(|i| 100_000 + i))
        {
            twice.add(t);
        }
        assert_eq!(twice.peaks(), [10, 20]);
    }

    #[test]
    fn memory_stays_bounded_when_times_jump_around() {
        let mut w = Windows::new(60, 86_400);
        let mut t: i64 = 1_000_000;
        for i in 0..(MAX_SECONDS as i64 * 3) {
            // Far apart, back and forth.
            t = if i % 2 == 0 { t + 7_919 } else { t - 3_001 };
            w.add(t);
            w.add(t);
        }
        assert!(w.seconds.len() <= MAX_SECONDS);
        assert_eq!(w.peaks()[0], 2);
    }
}
