//! Rolling windows: the most exchanges in any window `[t, t + W)`, counted per second in
//! bounded memory, whatever order the times come in.
//!
//! `Date` has one-second resolution, so the input is a count per second. The counts are
//! keyed by the second itself (never by an offset from the first exchange, so a log that
//! wraps or a job run twice cannot make them grow out of bounds), and the peak is found by a
//! sweep over the sorted seconds when asked. Seconds that rise, as a log's do, are counted
//! by a push onto a sorted run; one that comes before the run's last is counted in the run
//! when the run holds it, or else in a map (so no second is in both). Past [`MAX_SECONDS`]
//! distinct seconds the counts are folded: the peaks of what they hold are kept and the
//! older half of the seconds is dropped, so memory stays bounded; the windows are exact
//! while a log's distinct seconds fit (two days of an exchange every second).

use std::collections::BTreeMap;
use std::iter::Peekable;

/// How many distinct seconds are counted at once.
pub const MAX_SECONDS: usize = 200_000;

/// Counts per second, and the peaks of two window widths.
#[derive(Debug, Clone, Default)]
pub struct Windows {
    /// Seconds that came before the last of `run` and are not in it.
    seconds: BTreeMap<i64, u64>,
    /// Rising seconds, in order, each once.
    run: Vec<(i64, u64)>,
    /// Peaks of what was folded away.
    folded: [u64; 2],
    widths: [i64; 2],
}

impl Windows {
    /// Windows of `a` and `b` seconds.
    pub fn new(a: i64, b: i64) -> Windows {
        Windows {
            seconds: BTreeMap::new(),
            run: Vec::new(),
            folded: [0, 0],
            widths: [a, b],
        }
    }

    /// Counts one exchange at second `t`.
    pub fn add(&mut self, t: i64) {
        match self.run.last_mut() {
            Some((s, n)) if *s == t => *n += 1,
            Some((s, _)) if *s > t => match self.run.binary_search_by_key(&t, |(s, _)| *s) {
                Ok(i) => self.run[i].1 += 1,
                Err(_) => *self.seconds.entry(t).or_insert(0) += 1,
            },
            _ => self.run.push((t, 1)),
        }
        // The run and the map share no second: together, the distinct seconds. They are
        // folded when the one a map alone would hold comes, so the peaks are the same.
        if self.seconds.len() + self.run.len() > MAX_SECONDS {
            self.fold();
        }
    }

    /// Whether any time was counted.
    pub fn is_empty(&self) -> bool {
        self.seconds.is_empty() && self.run.is_empty() && self.folded == [0, 0]
    }

    /// The most exchanges in any window of each width.
    pub fn peaks(&self) -> [u64; 2] {
        self.peaks_of(self.sorted())
    }

    /// The peaks of each width over `seconds` (sorted, each once) and what was folded.
    fn peaks_of(&self, seconds: impl Iterator<Item = (i64, u64)> + Clone) -> [u64; 2] {
        let mut p = self.folded;
        for (i, w) in self.widths.iter().enumerate() {
            p[i] = p[i].max(peak(seconds.clone(), *w));
        }
        p
    }

    /// Every second counted, in order, each once.
    fn sorted(&self) -> Merged<'_> {
        Merged {
            map: self.seconds.iter().peekable(),
            run: self.run.iter().peekable(),
        }
    }

    /// Past [`MAX_SECONDS`] distinct seconds: keeps the peaks of all, and the later half of
    /// the seconds as the run.
    fn fold(&mut self) {
        let mut all: Vec<(i64, u64)> = self.sorted().collect();
        self.folded = self.peaks_of(all.iter().copied());
        all.drain(..all.len() - all.len() / 2);
        self.seconds = BTreeMap::new();
        all.shrink_to_fit();
        self.run = all;
    }
}

/// The map's seconds and the run's, merged in order, a second in both counted once.
#[derive(Clone)]
struct Merged<'a> {
    map: Peekable<std::collections::btree_map::Iter<'a, i64, u64>>,
    run: Peekable<std::slice::Iter<'a, (i64, u64)>>,
}

impl Iterator for Merged<'_> {
    type Item = (i64, u64);

    fn next(&mut self) -> Option<(i64, u64)> {
        match (self.map.peek(), self.run.peek()) {
            (Some((a, _)), Some((b, _))) if *a < b => self.map.next().map(|(t, n)| (*t, *n)),
            (Some((a, n)), Some((b, m))) if *a == b => {
                let both = (**a, **n + *m);
                self.map.next();
                self.run.next();
                Some(both)
            }
            (_, Some(_)) => self.run.next().copied(),
            (_, None) => self.map.next().map(|(t, n)| (*t, *n)),
        }
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
    fn rising_falling_and_repeated_seconds_count_as_one_map_would() {
        // A reference: every second in one map, one sweep.
        let naive = |times: &[i64], width: i64| {
            let mut m = BTreeMap::new();
            for t in times {
                *m.entry(*t).or_insert(0u64) += 1;
            }
            peak(m.iter().map(|(t, n)| (*t, *n)), width)
        };
        let mut x: u64 = 7;
        let mut next = |n: u64| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x % n
        };
        for round in 0..40 {
            let mut times = Vec::new();
            let mut t: i64 = 1_000_000;
            for _ in 0..2_000 {
                // Mostly rising by 0 to 3 s, sometimes back by up to two minutes.
                t += match next(10) {
                    0 => -(next(120) as i64),
                    _ => next(4) as i64,
                };
                times.push(t);
            }
            let mut w = Windows::new(60, 600);
            for t in &times {
                w.add(*t);
            }
            assert_eq!(
                w.peaks(),
                [naive(&times, 60), naive(&times, 600)],
                "round {round}"
            );
        }
    }

    #[test]
    fn past_the_bound_the_fold_drops_what_one_map_would() {
        // The counts as one map holds them, folded at its (MAX_SECONDS + 1)th second.
        let one_map = |times: &[i64], width: i64| {
            let (mut m, mut folded) = (BTreeMap::new(), 0);
            for t in times {
                *m.entry(*t).or_insert(0u64) += 1;
                if m.len() > MAX_SECONDS {
                    folded = folded.max(peak(m.iter().map(|(t, n)| (*t, *n)), width));
                    m = m.split_off(&m.keys().nth(m.len() - m.len() / 2).copied().unwrap_or(0));
                }
            }
            folded.max(peak(m.iter().map(|(t, n)| (*t, *n)), width))
        };
        // One a minute apart, just past the bound, then a burst back at the second one: the
        // fold dropped that second's first count.
        let mut times: Vec<i64> = (0..=MAX_SECONDS as i64).map(|i| i * 100).collect();
        times.extend([100; 50]);
        let windows = |times: &[i64]| {
            let mut w = Windows::new(60, 86_400);
            for t in times {
                w.add(*t);
            }
            w.peaks()
        };
        assert_eq!(windows(&times), [50, 864]);
        // Then again past the bound, back and forth over seconds the run holds.
        times.extend((0..MAX_SECONDS as i64).map(|i| 30_000_000 + (i % 1_000) * 7 + i / 3));
        assert_eq!(
            windows(&times),
            [one_map(&times, 60), one_map(&times, 86_400)]
        );
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
        assert!(w.seconds.len() + w.run.len() <= MAX_SECONDS);
        assert_eq!(w.peaks()[0], 2);
    }
}
