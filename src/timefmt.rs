//! Times as RFC 3339 text in UTC, checked: the times come from the input (a log line, a
//! HAR entry, a Date header plus a wait), and RFC 3339 has four-digit years only.

use std::time::{SystemTime, UNIX_EPOCH};

/// 10000-01-01T00:00:00Z, in seconds: the first time RFC 3339 cannot write.
const END_SECS: u64 = 253_402_300_800;

/// `t` as RFC 3339 in UTC, with milliseconds when it has them (`2026-12-01T10:00:00.123Z`,
/// else `2026-12-01T10:00:00Z`); `None` before 1970 or from the year 10000 on.
pub fn rfc3339(t: SystemTime) -> Option<String> {
    let d = t.duration_since(UNIX_EPOCH).ok()?;
    if d.as_secs() >= END_SECS {
        return None;
    }
    Some(if d.subsec_millis() == 0 {
        humantime::format_rfc3339_seconds(t).to_string()
    } else {
        humantime::format_rfc3339_millis(t).to_string()
    })
}

/// `t` as RFC 3339 in UTC, to the second; `None` before 1970 or from the year 10000 on.
pub fn rfc3339_seconds(t: SystemTime) -> Option<String> {
    let d = t.duration_since(UNIX_EPOCH).ok()?;
    (d.as_secs() < END_SECS).then(|| humantime::format_rfc3339_seconds(t).to_string())
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
}
