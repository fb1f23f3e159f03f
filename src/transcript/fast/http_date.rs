//! HTTP dates read fast: the IMF-fixdate form every server sends
//! (`Wed, 18 Nov 2026 11:06:40 GMT`) computed in place, anything else left to `httpdate`.
//! Every `Date` the program reads, and a `Retry-After` that is a date, is read here.
//!
//! [`parse`] gives what `httpdate::parse_http_date` gives for every input: a valid
//! IMF-fixdate is computed here, with the same checks (each field in range, the day in its
//! month, the weekday the date's own); the other forms, and any fixdate these checks
//! reject, go to `httpdate`.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// A trimmed `Date` value's time, as `httpdate::parse_http_date` reads it.
pub(crate) fn parse(value: &[u8]) -> Option<SystemTime> {
    fixdate(value).or_else(|| {
        let text = std::str::from_utf8(value).ok()?;
        httpdate::parse_http_date(text).ok()
    })
}

/// A valid IMF-fixdate's time; `None` for anything else.
fn fixdate(s: &[u8]) -> Option<SystemTime> {
    if s.len() != 29 || &s[25..] != b" GMT" || s[16] != b' ' || s[19] != b':' || s[22] != b':' {
        return None;
    }
    let two = |i: usize| {
        let (a, b) = (s[i].wrapping_sub(b'0'), s[i + 1].wrapping_sub(b'0'));
        (a < 10 && b < 10).then(|| u64::from(a * 10 + b))
    };
    let (sec, min, hour, day) = (two(23)?, two(20)?, two(17)?, two(5)?);
    let year = two(12)? * 100 + two(14)?;
    const MONTHS: [&[u8; 5]; 12] = [
        b" Jan ", b" Feb ", b" Mar ", b" Apr ", b" May ", b" Jun ", b" Jul ", b" Aug ", b" Sep ",
        b" Oct ", b" Nov ", b" Dec ",
    ];
    const DAYS: [&[u8; 5]; 7] = [
        b"Mon, ", b"Tue, ", b"Wed, ", b"Thu, ", b"Fri, ", b"Sat, ", b"Sun, ",
    ];
    let month = MONTHS.iter().position(|m| &s[7..12] == *m)? as u64 + 1;
    let weekday = DAYS.iter().position(|d| &s[..5] == *d)? as u64;
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let month_days = match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    if sec >= 60 || min >= 60 || hour >= 24 || day == 0 || day > month_days {
        return None;
    }
    if !(1970..=9999).contains(&year) {
        return None;
    }
    // Days since 1970-01-01, a Thursday.
    const BEFORE: [u64; 12] = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];
    let y = year - 1;
    let leap_days = (y / 4 - y / 100 + y / 400) - (1969 / 4 - 1969 / 100 + 1969 / 400);
    let in_year = BEFORE[month as usize - 1] + day - 1 + u64::from(leap && month > 2);
    let days = (year - 1970) * 365 + leap_days + in_year;
    if (days + 3) % 7 != weekday {
        return None;
    }
    UNIX_EPOCH.checked_add(Duration::from_secs(
        days * 86_400 + hour * 3600 + min * 60 + sec,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    fn httpdate(s: &str) -> Option<SystemTime> {
        httpdate::parse_http_date(s).ok()
    }

    #[test]
    fn every_fixdate_reads_as_httpdate_reads_it() {
        let days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun", "Xyz"];
        let months = [
            "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
            "Foo",
        ];
        let mut computed = 0;
        for year in [1969, 1970, 1999, 2000, 2024, 2026, 2100, 9999] {
            for month in months {
                for day in [0, 1, 7, 28, 29, 30, 31, 32] {
                    for weekday in days {
                        for time in [
                            "00:00:00", "23:59:59", "11:06:40", "24:00:00", "12:60:00", "12:00:60",
                            "1a:00:00",
                        ] {
                            let s = format!("{weekday}, {day:02} {month} {year} {time} GMT");
                            assert_eq!(parse(s.as_bytes()), httpdate(&s), "{s}");
                            computed += usize::from(fixdate(s.as_bytes()).is_some());
                        }
                    }
                }
            }
        }
        assert!(computed > 1000, "the fast form read only {computed}");
        for s in [
            "Sunday, 06-Nov-94 08:49:37 GMT",
            "Sun Nov  6 08:49:37 1994",
            "Wed, 18 Nov 2026 11:06:40 UTC",
            "Wed,18 Nov 2026 11:06:40 GMT ",
            "",
        ] {
            assert_eq!(parse(s.as_bytes()), httpdate(s), "{s}");
        }
    }

    /// Every day from 1970 through 9999 as httpdate writes it reads back as that time, and
    /// with the next weekday's name is refused, as httpdate refuses it; one byte changed
    /// anywhere in a few dates (any of the 256 values) reads as httpdate reads it.
    #[test]
    fn every_day_and_every_byte_read_as_httpdate_reads_them() {
        const NAMES: [&[u8; 3]; 7] = [b"Mon", b"Tue", b"Wed", b"Thu", b"Fri", b"Sat", b"Sun"];
        for day in 0..2_932_897u64 {
            let t = UNIX_EPOCH + Duration::from_secs(day * 86_400 + day * 7_919 % 86_400);
            let mut b = httpdate::fmt_http_date(t).into_bytes();
            assert_eq!(fixdate(&b), Some(t), "{}", String::from_utf8_lossy(&b));
            let next = (NAMES.iter().position(|n| b[..3] == n[..]).unwrap() + 1) % 7;
            b[..3].copy_from_slice(NAMES[next]);
            assert_eq!(fixdate(&b), None, "{}", String::from_utf8_lossy(&b));
        }
        for secs in [
            0u64,
            951_782_400,
            1_798_761_599,
            4_107_542_399,
            253_402_300_799,
        ] {
            let s = httpdate::fmt_http_date(UNIX_EPOCH + Duration::from_secs(secs)).into_bytes();
            for at in 0..s.len() {
                for c in 0..=255u8 {
                    let mut b = s.clone();
                    b[at] = c;
                    let text = std::str::from_utf8(&b).ok();
                    assert_eq!(parse(&b), text.and_then(httpdate), "{text:?}");
                }
            }
        }
    }
}
