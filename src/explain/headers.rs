//! Header analysis: Retry-After, Hike's rate-limit headers and WWW-Authenticate.

use std::time::{Duration, SystemTime};

use crate::explain::body::{self};
use crate::explain::hike::{DAILY_LIMIT, MINUTE_LIMIT};
use crate::explain::report::{Challenge, Problem, RateLimit};
use crate::redact::Redactor;
use crate::transcript::{Response, http_date};

/// The last second RFC 3339 can write: 9999-12-31T23:59:59Z.
pub(crate) const LAST_RFC3339: Duration = Duration::from_secs(253_402_300_799);

/// What a `Retry-After` header says: a delay, or a time.
///
/// RFC 9110 §10.2.3 allows only digits (`delay-seconds = 1*DIGIT`) or an HTTP-date. Real
/// servers also send a plain decimal such as `2.0`, whose meaning is plain, so digits, a
/// dot and digits are read too, rounded up to whole seconds. Anything else a float parser
/// would take (`1e3`, `+5`, `.5`, `inf`) is no delay: the header is not read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RetryAfter {
    /// A delay, in whole seconds.
    Seconds(u64),
    /// An HTTP-date.
    At {
        /// The time it names.
        at: SystemTime,
        /// Whether that time had passed when the response was sent (by its `Date`, else at
        /// the time of the analysis): nothing to wait for.
        passed: bool,
    },
}

impl RetryAfter {
    /// Reads a `Retry-After` value; `None` when it is neither form. `sent`: when the
    /// response was sent (its `Date`, else now), which a date is measured from.
    pub fn parse(value: &str, sent: SystemTime) -> Option<RetryAfter> {
        let value = value.trim();
        if let Some(secs) = delay_seconds(value) {
            return Some(RetryAfter::Seconds(secs));
        }
        if value.starts_with(|c: char| c.is_ascii_digit()) {
            // Digits that are neither delay-seconds nor a decimal (`1e3`, `2.`, a number
            // past u64) are no delay, and no HTTP-date starts with a digit.
            return None;
        }
        let at = http_date::parse(value.as_bytes())?;
        Some(RetryAfter::At {
            at,
            passed: at < sent,
        })
    }

    /// How long to wait from `sent`, in seconds: 0 for a time already past.
    pub fn seconds(&self, sent: SystemTime) -> u64 {
        match *self {
            RetryAfter::Seconds(secs) => secs,
            RetryAfter::At { at, .. } => at.duration_since(sent).map_or(0, |d| d.as_secs()),
        }
    }

    /// When a retry may be sent, measured from the response's `Date`: `date` itself for
    /// a time already past. Without a `Date` (`now` stands in), a number of seconds gives
    /// no clock time (the response may be old, only the delay is known), nor does a date
    /// already past at the time of the analysis. `None` too when it falls past what RFC
    /// 3339 can write.
    pub fn until(&self, date: Option<SystemTime>, now: SystemTime) -> Option<SystemTime> {
        let sent = date.unwrap_or(now);
        match *self {
            RetryAfter::Seconds(secs) => date?.checked_add(Duration::from_secs(secs)),
            RetryAfter::At { at, passed } => (date.is_some() || !passed).then_some(at.max(sent)),
        }
        .and_then(writable)
    }
}

/// `120` → 120, and the lenient `2.0` → 2, `2.1` → 3; `None` for anything else.
fn delay_seconds(value: &str) -> Option<u64> {
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let (whole, fraction) = value.split_once('.').unwrap_or((value, "0"));
    if !digits(whole) || !digits(fraction) {
        return None;
    }
    let secs = whole.parse::<u64>().ok()?;
    if fraction.bytes().any(|b| b != b'0') {
        secs.checked_add(1)
    } else {
        Some(secs)
    }
}

pub(crate) fn writable(t: SystemTime) -> Option<SystemTime> {
    t.duration_since(SystemTime::UNIX_EPOCH)
        .ok()
        .filter(|d| *d <= LAST_RFC3339)
        .map(|_| t)
}

pub(crate) fn rate_limit(resp: &Response, red: &Redactor) -> Option<RateLimit> {
    // Every name read below has `rate` at its start or after `x-`: a response with no such
    // header (most) has nothing to tell, and is passed over in one look at its names.
    if !resp.headers.iter().any(|(n, _)| may_be_rate_limit(n)) {
        return None;
    }
    let num = |names: &[&str]| {
        names.iter().find_map(|n| resp.header(n)).and_then(|v| {
            v.trim()
                .split([',', ';'])
                .next()?
                .trim()
                .parse::<u64>()
                .ok()
        })
    };
    let mut rl = RateLimit {
        problem: resp
            .header("x-rate-limit-problem")
            .map(|p| red.text(p.trim())),
        limit: num(&["x-ratelimit-limit", "x-rate-limit-limit", "ratelimit-limit"]),
        remaining: num(&[
            "x-ratelimit-remaining",
            "x-rate-limit-remaining",
            "ratelimit-remaining",
        ]),
        reset: ["x-ratelimit-reset", "x-rate-limit-reset", "ratelimit-reset"]
            .iter()
            .find_map(|n| resp.header(n))
            .map(|v| red.text(v.trim())),
        ..RateLimit::default()
    };
    match rl.problem() {
        Some(Problem::Minute) => {
            rl.limit = Some(u64::from(MINUTE_LIMIT));
            rl.window_seconds = Some(60);
            rl.wait_seconds_at_most = Some(60);
        }
        Some(Problem::Daily) => {
            rl.limit = Some(u64::from(DAILY_LIMIT));
            rl.window_seconds = Some(86_400);
            rl.wait_seconds_at_most = Some(86_400);
        }
        _ => {}
    }
    (rl != RateLimit::default()).then_some(rl)
}

/// Whether a header name has `rate` at its start or after two characters (`x-`), as every
/// rate-limit header [`rate_limit`] reads has. Each four bytes are compared as one word
/// with the case bit set: `rate` is all letters, and a byte with that bit set is one of
/// its letters only if it was that letter in either case.
fn may_be_rate_limit(name: &str) -> bool {
    let b = name.as_bytes();
    [0, 2].iter().any(|&at| {
        b.get(at..at + 4)
            .and_then(|w| <[u8; 4]>::try_from(w).ok())
            .is_some_and(is_rate)
    })
}

/// Whether four bytes spell `rate` in any case, tested as one word with the case bit set.
fn is_rate(w: [u8; 4]) -> bool {
    const RATE: u32 = u32::from_le_bytes(*b"rate");
    u32::from_le_bytes(w) | 0x2020_2020 == RATE
}

/// `Bearer error="invalid_token", error_description="..."` → its parts, each through `red`.
pub fn parse_challenge(value: &str, red: &Redactor) -> Challenge {
    let value = value.trim();
    let (scheme, params) = value.split_once(' ').unwrap_or((value, ""));
    let mut error = None;
    let mut description = None;
    let mut rest = params.trim();
    while !rest.is_empty() {
        let Some(eq) = rest.find('=') else { break };
        let key = rest[..eq]
            .trim()
            .trim_start_matches(',')
            .trim()
            .to_ascii_lowercase();
        rest = rest[eq + 1..].trim_start();
        let val;
        if let Some(q) = rest.strip_prefix('"') {
            let mut out = String::new();
            let mut chars = q.char_indices();
            let mut end = q.len();
            while let Some((i, c)) = chars.next() {
                match c {
                    '\\' => {
                        if let Some((_, n)) = chars.next() {
                            out.push(n);
                        }
                    }
                    '"' => {
                        end = i + 1;
                        break;
                    }
                    c => out.push(c),
                }
            }
            val = out;
            rest = q[end.min(q.len())..].trim_start();
        } else {
            let end = rest.find(',').unwrap_or(rest.len());
            val = rest[..end].trim().to_string();
            rest = &rest[end..];
        }
        rest = rest.trim_start_matches(',').trim_start();
        match key.as_str() {
            "error" => error = Some(val),
            "error_description" => description = Some(val),
            _ => {}
        }
    }
    let meaning = error
        .as_deref()
        .and_then(body::oauth_meaning)
        .map(str::to_string);
    Challenge {
        scheme: red.text(scheme),
        error: error.map(|e| red.text(&e)),
        description: description.map(|d| red.text(&d)),
        meaning,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rate_limit_name_passes_the_first_look() {
        for name in [
            "X-Rate-Limit-Problem",
            "x-ratelimit-limit",
            "X-RATE-LIMIT-LIMIT",
            "RateLimit-Limit",
            "x-ratelimit-remaining",
            "x-rate-limit-remaining",
            "ratelimit-remaining",
            "x-ratelimit-reset",
            "x-rate-limit-reset",
            "ratelimit-reset",
        ] {
            assert!(may_be_rate_limit(name), "{name}");
        }
        for name in [
            "Date",
            "Retry-After",
            "Content-Type",
            "X-Request-Id",
            "x-r",
            "",
        ] {
            assert!(!may_be_rate_limit(name), "{name}");
        }
        // Any ASCII byte in any of the four places: the word test is the case-blind one.
        for at in 0..4 {
            for b in 0..0x80 {
                let mut w = *b"x-RaTe";
                w[2 + at] = b;
                let name = std::str::from_utf8(&w).unwrap();
                let want = w[2..].eq_ignore_ascii_case(b"rate");
                assert_eq!(may_be_rate_limit(name), want, "{name:?}");
            }
        }
    }

    /// The word test, for every byte (non-ASCII too, which a `&str` test cannot put alone
    /// in a place) in each of the four places; and names with non-ASCII bytes around it.
    #[test]
    fn the_word_test_is_case_blind_for_every_byte() {
        for at in 0..4 {
            for b in 0..=255u8 {
                let mut w = *b"RaTe";
                w[at] = b;
                assert_eq!(is_rate(w), w.eq_ignore_ascii_case(b"rate"), "{w:?}");
            }
        }
        for name in [
            "\u{e9}rate",
            "x\u{e9}rate",
            "x-rat\u{e9}",
            "\u{2122}rate",
            "x-R@TE",
            "x-{ate",
        ] {
            let b = name.as_bytes();
            let want = [0, 2].iter().any(|&at| {
                b.get(at..at + 4)
                    .is_some_and(|w| w.eq_ignore_ascii_case(b"rate"))
            });
            assert_eq!(may_be_rate_limit(name), want, "{name}");
        }
    }
}
