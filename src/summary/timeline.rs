//! The timeline: calls, 429s and other failures per minute, then grouped into at most
//! [`MAX_BUCKETS`] buckets of `60·k` seconds, aligned on multiples of the bucket since the
//! Unix epoch.
//!
//! Memory grows with the number of distinct minutes (16 bytes each: a year of minutes is
//! about 8 MiB) and no further. Minutes that rise, as a log's do, are pushed onto a sorted
//! run; one before the run's last goes where the run holds it, or into a map.

use std::collections::BTreeMap;

use serde::Serialize;

/// The most buckets a timeline has.
pub const MAX_BUCKETS: i64 = 1440;

/// Calls, 429s and other failures of one minute or bucket.
pub type Counts = [u32; 3];

/// Counts per minute.
#[derive(Debug, Clone, Default)]
pub struct Minutes {
    /// Rising minutes since the epoch, each once.
    run: Vec<(u32, Counts)>,
    /// Minutes that came before the run's last and are not in it.
    late: BTreeMap<u32, Counts>,
}

/// What an exchange was, for the timeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A 1xx, 2xx or 3xx.
    Ok,
    /// A 429.
    Limited,
    /// Another 4xx, a 5xx, or no response.
    Failed,
}

/// One bucket of the timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Bucket {
    /// Its start (RFC 3339, UTC).
    pub start: String,
    /// Every exchange with a time in it.
    pub calls: u64,
    /// The 429s among them.
    pub limited: u64,
    /// The other 4xx, the 5xx and the exchanges with no response.
    pub failed: u64,
}

/// The timeline of `--summary --json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Timeline {
    /// How long a bucket is: 60·k seconds, k the smallest that keeps the buckets at most
    /// [`MAX_BUCKETS`].
    pub bucket_seconds: u64,
    /// Every bucket from the first time to the last.
    pub buckets: Vec<Bucket>,
}

impl Minutes {
    /// Counts one exchange at `t` (milliseconds since the epoch).
    pub fn add(&mut self, t: i64, kind: Kind) {
        let m = u32::try_from(t.div_euclid(60_000).max(0)).unwrap_or(u32::MAX);
        let c = match self.run.last_mut() {
            Some((s, c)) if *s == m => c,
            Some((s, _)) if *s > m => match self.run.binary_search_by_key(&m, |e| e.0) {
                Ok(i) => &mut self.run[i].1,
                Err(_) => self.late.entry(m).or_default(),
            },
            _ => {
                self.run.push((m, [0; 3]));
                &mut self.run.last_mut().expect("just pushed").1
            }
        };
        c[0] = c[0].saturating_add(1);
        match kind {
            Kind::Ok => {}
            Kind::Limited => c[1] = c[1].saturating_add(1),
            Kind::Failed => c[2] = c[2].saturating_add(1),
        }
    }

    /// The timeline; `None` when nothing was counted. `start` formats a bucket's start
    /// (seconds since the epoch).
    pub fn timeline(&self, start: impl Fn(i64) -> String) -> Option<Timeline> {
        let first = i64::from(
            self.run
                .first()?
                .0
                .min(self.late.keys().next().map_or(u32::MAX, |m| *m)),
        );
        let last = i64::from(self.run.last()?.0);
        let k = bucket_minutes(first, last);
        let base = first.div_euclid(k);
        let n = (last.div_euclid(k) - base + 1) as usize;
        let mut totals = vec![[0u64; 3]; n];
        let mut merged = self.late.iter().map(|(m, c)| (*m, *c)).collect::<Vec<_>>();
        merged.extend(self.run.iter().copied());
        for (m, c) in merged {
            let b = &mut totals[(i64::from(m).div_euclid(k) - base) as usize];
            for i in 0..3 {
                b[i] += u64::from(c[i]);
            }
        }
        let buckets = totals
            .into_iter()
            .enumerate()
            .map(|(i, [calls, limited, failed])| Bucket {
                start: start((base + i as i64) * k * 60),
                calls,
                limited,
                failed,
            })
            .collect();
        Some(Timeline {
            bucket_seconds: (k * 60) as u64,
            buckets,
        })
    }
}

/// The smallest k for which buckets of k minutes aligned on the epoch, from minute `first`
/// to minute `last`, number at most [`MAX_BUCKETS`].
pub fn bucket_minutes(first: i64, last: i64) -> i64 {
    let span = last - first + 1;
    let mut k = ((span + MAX_BUCKETS - 1) / MAX_BUCKETS).max(1);
    while last.div_euclid(k) - first.div_euclid(k) + 1 > MAX_BUCKETS {
        k += 1;
    }
    k
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buckets_stay_within_the_bound_on_the_epoch() {
        // A day of minutes from midnight: one-minute buckets.
        assert_eq!(bucket_minutes(0, 1439), 1);
        // One minute more: two-minute buckets.
        assert_eq!(bucket_minutes(0, 1440), 2);
        // 2880 minutes from an odd minute: aligned on even minutes they are 1441 buckets of
        // two, so three.
        assert_eq!(bucket_minutes(1, 2880), 3);
        // A week: 10,080 minutes, seven-minute buckets.
        assert_eq!(bucket_minutes(0, 10_079), 7);
    }
}
