//! Times as RFC 3339 text in UTC, checked: the times come from the input (a log line, a
//! HAR entry, a Date header plus a wait), and RFC 3339 has four-digit years only. Written
//! here, digit by digit, as `humantime` writes them (a test holds the two together): a log
//! of many exchanges has a time to write for each.

use std::time::{SystemTime, UNIX_EPOCH};

use crate::applog::time::civil;

/// 10000-01-01T00:00:00Z, in seconds: the first time RFC 3339 cannot write.
const END_SECS: u64 = 253_402_300_800;

/// `t` as RFC 3339 in UTC, with milliseconds when it has them (`2026-12-01T10:00:00.123Z`,
/// else `2026-12-01T10:00:00Z`); `None` before 1970 or from the year 10000 on.
pub fn rfc3339(t: SystemTime) -> Option<String> {
    let d = t.duration_since(UNIX_EPOCH).ok()?;
    if d.as_secs() >= END_SECS {
        return None;
    }
    let millis = d.subsec_millis();
    Some(write(d.as_secs(), (millis != 0).then_some(millis)))
}

/// `t` as RFC 3339 in UTC, to the second; `None` before 1970 or from the year 10000 on.
pub fn rfc3339_seconds(t: SystemTime) -> Option<String> {
    let d = t.duration_since(UNIX_EPOCH).ok()?;
    (d.as_secs() < END_SECS).then(|| write(d.as_secs(), None))
}

/// `secs` after the epoch (below [`END_SECS`]) as `YYYY-MM-DDTHH:MM:SSZ`, with `.mmm`
/// before the `Z` when `millis` is given.
fn write(secs: u64, millis: Option<u32>) -> String {
    // Below END_SECS, the milliseconds fit an i64 many times over.
    let (year, month, day, hour, minute, second, _) = civil(secs as i64 * 1000);
    let mut b = *b"0000-00-00T00:00:00.000Z";
    let mut put = |at: usize, n: u64, digits: usize| {
        let mut n = n;
        for i in (at..at + digits).rev() {
            b[i] = b'0' + (n % 10) as u8;
            n /= 10;
        }
    };
    put(0, year.unsigned_abs(), 4);
    put(5, u64::from(month), 2);
    put(8, u64::from(day), 2);
    put(11, u64::from(hour), 2);
    put(14, u64::from(minute), 2);
    put(17, u64::from(second), 2);
    let len = match millis {
        Some(ms) => {
            put(20, u64::from(ms), 3);
            b.len()
        }
        None => {
            b[19] = b'Z';
            20
        }
    };
    std::str::from_utf8(&b[..len])
        .expect("ASCII digits and signs")
        .to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn the_last_second_of_9999_is_written_and_the_next_is_not() {
        let at = |s: u64, ms: u64| UNIX_EPOCH + Duration::from_millis(s * 1000 + ms);
        assert_eq!(
            rfc3339(at(END_SECS - 1, 0)).as_deref(),
            Some("9999-12-31T23:59:59Z")
        );
        assert_eq!(
            rfc3339(at(1_796_119_200, 123)).as_deref(),
            Some("2026-12-01T10:00:00.123Z")
        );
        assert_eq!(rfc3339(at(END_SECS, 0)), None);
        assert_eq!(rfc3339_seconds(at(END_SECS + 86_400, 0)), None);
    }

    /// Every day's first and last second from 1970 through 2100 (leap years, 2000 and
    /// 2100 among them), and times spread over the years to 9999, with and without
    /// milliseconds: the text is humantime's.
    #[test]
    fn the_text_is_what_humantime_writes() {
        let at = |s: u64, ms: u64| UNIX_EPOCH + Duration::from_millis(s * 1000 + ms);
        let check = |s: u64| {
            let t = at(s, 0);
            let seconds = humantime::format_rfc3339_seconds(t).to_string();
            assert_eq!(rfc3339(t).unwrap(), seconds);
            assert_eq!(rfc3339_seconds(at(s, 7)).unwrap(), seconds);
            for ms in [1, 40, 999] {
                let t = at(s, ms);
                let millis = humantime::format_rfc3339_millis(t).to_string();
                assert_eq!(rfc3339(t).unwrap(), millis);
            }
        };
        let end_of_2100 = 4_133_980_800;
        for day in (0..end_of_2100).step_by(86_400) {
            check(day);
            check(day + 86_399);
        }
        for s in (end_of_2100..END_SECS).step_by(86_400 * 29 + 3_607) {
            check(s);
        }
        check(END_SECS - 1);
    }

    /// Every day from 1970 through 9999 (not only to 2100 and a sample after), at a second
    /// that moves through the day: the text is humantime's.
    #[test]
    fn every_day_to_9999_is_humantimes_text() {
        let mut s = 0;
        while s < END_SECS {
            let t = UNIX_EPOCH + Duration::new(s + s / 86_400 % 86_400, 999_000_000);
            assert_eq!(
                rfc3339_seconds(t).unwrap(),
                humantime::format_rfc3339_seconds(t).to_string()
            );
            assert_eq!(
                rfc3339(t).unwrap(),
                humantime::format_rfc3339_millis(t).to_string()
            );
            s += 86_400;
        }
        assert_eq!(rfc3339(UNIX_EPOCH - Duration::from_nanos(1)), None);
    }
}
