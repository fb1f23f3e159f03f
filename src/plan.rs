//! `hike-status plan N`: how long N calls take at Hike's limits from empty windows, in
//! bursts (60 at the start of each minute, 5000 a rolling day) and evenly spaced (one a
//! second), with the text and JSON views.
//!
//! ```
//! use hike_status::plan::Plan;
//!
//! // 61 calls: 60 in the first minute, the 61st a minute after the first.
//! assert_eq!(Plan::new(61).last_call_after_seconds, 60);
//! // 5001 calls: the 5001st waits for the first day's window to roll.
//! assert_eq!((Plan::new(5001).last_call_after_seconds, Plan::new(5001).days), (86_400, 2));
//! ```

use std::io::{self, Write};

use colored::Colorize;
use serde::Serialize;

use crate::explain::hike::{DAILY_LIMIT, MINUTE_LIMIT};
use crate::render::field;

/// The most calls a plan is made for.
pub const MAX_CALLS: u64 = 1_000_000_000_000;
const MINUTE: u64 = 60;
const DAY: u64 = 86_400;

/// How long N calls take at Hike's limits, from empty windows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Plan {
    /// N.
    pub calls: u64,
    /// Hike's limit a rolling minute.
    pub per_minute: u64,
    /// Hike's limit a rolling 24 hours.
    pub per_day: u64,
    /// When the last call goes, in bursts, counted from the first: `d·86400 + ⌊j/60⌋·60`
    /// seconds, `d = ⌊(N−1)/5000⌋`, `j = (N−1) mod 5000`.
    pub last_call_after_seconds: u64,
    /// The rolling days the calls take: `d + 1`.
    pub days: u64,
}

impl Plan {
    /// The plan for `calls` calls (at least 1, at most [`MAX_CALLS`]).
    pub fn new(calls: u64) -> Plan {
        let (per_minute, per_day) = (u64::from(MINUTE_LIMIT), u64::from(DAILY_LIMIT));
        let n = calls.clamp(1, MAX_CALLS) - 1;
        let (d, j) = (n / per_day, n % per_day);
        Plan {
            calls,
            per_minute,
            per_day,
            last_call_after_seconds: d * DAY + j / per_minute * MINUTE,
            days: d + 1,
        }
    }

    /// When the last call goes when they are spaced one a second, each day's calls in turn.
    pub fn evenly_last_call_after_seconds(&self) -> u64 {
        let n = self.calls.clamp(1, MAX_CALLS) - 1;
        n / self.per_day * DAY + n % self.per_day
    }
}

/// A duration in words: `59 min`, `1 d 0 h 1 min`, `45 s`.
pub fn duration_words(secs: u64) -> String {
    let (d, h, m, s) = (secs / DAY, secs % DAY / 3600, secs % 3600 / 60, secs % 60);
    let mut parts = Vec::new();
    if d > 0 {
        parts.push(format!("{d} d"));
    }
    if d > 0 || h > 0 {
        parts.push(format!("{h} h"));
    }
    if d > 0 || h > 0 || m > 0 {
        parts.push(format!("{m} min"));
    }
    if s > 0 || parts.is_empty() {
        parts.push(format!("{s} s"));
    }
    parts.join(" ")
}

/// Writes the plan for a terminal.
pub fn write_text(out: &mut dyn Write, p: &Plan) -> io::Result<()> {
    let calls = if p.calls == 1 { "call" } else { "calls" };
    writeln!(
        out,
        "{}",
        format!(
            "{} {calls} at Hike's limits ({} a rolling minute, {} a rolling 24 hours, per app and store)",
            p.calls, p.per_minute, p.per_day
        )
        .bold()
    )?;
    let bursts = format!(
        "the last call goes {} after the first ({} s): {} at the start of each minute{}",
        duration_words(p.last_call_after_seconds),
        p.last_call_after_seconds,
        p.per_minute,
        if p.days > 1 {
            format!(
                ", {} a day, then a wait for the first call of the day to leave the 24-hour window; {} rolling days",
                p.per_day, p.days
            )
        } else {
            String::new()
        }
    );
    field(out, "in bursts", &bursts)?;
    let even = p.evenly_last_call_after_seconds();
    field(
        out,
        "evenly",
        &format!(
            "one a second, the last call goes {} after the first ({even} s){}; one a second \
             keeps every rolling minute at 60 calls or fewer",
            duration_words(even),
            if p.days > 1 {
                format!(", each day's {} and then the same wait", p.per_day)
            } else {
                String::new()
            }
        ),
    )?;
    field(
        out,
        "batching",
        "fewer calls go further: Hike takes POST bodies up to 4MB (its docs do not spell out \
         the unit) with no limit on the number of items inside, and recommends batches of up \
         to 50 items for a timely answer",
    )?;
    field(
        out,
        "after a 429",
        "stop until Retry-After (or the limit's window) has passed: Hike says calls made while \
         limited may add to the limitation",
    )?;
    field(out, "see", "https://docs.hikeup.com/reference/rate-limit")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_as_words() {
        assert_eq!(duration_words(0), "0 s");
        assert_eq!(duration_words(60), "1 min");
        assert_eq!(duration_words(4_940), "1 h 22 min 20 s");
        assert_eq!(duration_words(86_400 + 60), "1 d 0 h 1 min");
    }
}
