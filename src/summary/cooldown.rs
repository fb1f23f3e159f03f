//! Cooldowns: the time after a 429 in which Hike's limit may still hold.
//!
//! A cooldown runs from a 429 to the earliest of its Retry-After time, the next 2xx or 3xx
//! (which proves the limit had cleared) and its window (60 s for a Minute notice or none,
//! 24 h for a Daily one), its end excluded. The calls inside one that come after the 429
//! that began it in input order are counted (the same second included); a 429 inside a
//! cooldown is counted and stretches it to the later of the two ends.

/// The cooldown running, if one is.
#[derive(Debug, Clone, Default)]
pub struct Cooldowns {
    running: Option<(i64, i64)>,
    during: u64,
}

/// What an exchange with a time was, for the cooldowns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Seen {
    /// A 2xx or 3xx.
    Success,
    /// A 429 whose own cooldown would end at this time (milliseconds).
    Limited(i64),
    /// Anything else: a 1xx, another 4xx, a 5xx, no response.
    Other,
}

impl Cooldowns {
    /// Counts an exchange at `t` (milliseconds), in input order.
    pub fn add(&mut self, t: i64, seen: Seen) {
        if let Some((start, end)) = self.running {
            if t >= end {
                self.running = None;
            } else if t >= start {
                match seen {
                    Seen::Success => self.running = None,
                    Seen::Limited(own) => {
                        self.during += 1;
                        self.running = Some((start, end.max(own)));
                    }
                    Seen::Other => self.during += 1,
                }
                return;
            }
        }
        if let Seen::Limited(own) = seen {
            self.running = Some((t, own));
        }
    }

    /// The calls made inside a cooldown.
    pub fn during(&self) -> u64 {
        self.during
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const S: i64 = 1000;

    #[test]
    fn a_success_ends_a_cooldown_and_a_429_stretches_it() {
        let mut c = Cooldowns::default();
        // A Daily 429 at 0 s: up to 24 h.
        c.add(0, Seen::Limited(86_400 * S));
        // A 500 an hour on: inside.
        c.add(3_600 * S, Seen::Other);
        // A 200 two hours on: it had cleared; not counted, and the cooldown is over.
        c.add(7_200 * S, Seen::Success);
        c.add(7_300 * S, Seen::Other);
        assert_eq!(c.during(), 1);
        // A Minute 429 at 10,000 s, then one at 10,050 s inside it (counted), which
        // stretches it to 10,110 s: a 500 at 10,100 s is inside.
        c.add(10_000 * S, Seen::Limited(10_060 * S));
        c.add(10_050 * S, Seen::Limited(10_110 * S));
        c.add(10_100 * S, Seen::Other);
        // The end is excluded.
        c.add(10_110 * S, Seen::Other);
        assert_eq!(c.during(), 3);
        // Time going backwards: before the 429 that began it, not inside.
        c.add(20_000 * S, Seen::Limited(20_060 * S));
        c.add(19_990 * S, Seen::Other);
        // The same second as the 429: inside.
        c.add(20_000 * S, Seen::Other);
        assert_eq!(c.during(), 4);
    }
}
