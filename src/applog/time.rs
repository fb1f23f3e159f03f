//! The times log lines and records carry, to milliseconds since the Unix epoch (UTC):
//! RFC 3339 / ISO 8601 (`2026-12-01T10:00:00.123Z`, `2026-12-01 10:00:00,123`,
//! `+00:00`, `+0000`, no zone), an access log's `[01/Dec/2026:10:00:00 +0000]`, syslog's
//! `Dec  1 10:00:00` (the year comes from the caller), an HTTP date, and epoch numbers.
//! A time without a zone is UTC.

const MONTHS: [&[u8; 3]; 12] = [
    b"Jan", b"Feb", b"Mar", b"Apr", b"May", b"Jun", b"Jul", b"Aug", b"Sep", b"Oct", b"Nov", b"Dec",
];

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm): for
/// the times of application logs and of HAR entries.
pub(crate) fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The civil date and time of epoch milliseconds: (year, month, day, hour, minute, second,
/// millisecond).
pub fn civil(ms: i64) -> (i64, u32, u32, u32, u32, u32, u32) {
    let days = ms.div_euclid(86_400_000);
    let rem = ms.rem_euclid(86_400_000);
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    let secs = (rem / 1000) as u32;
    (
        y,
        m,
        d,
        secs / 3600,
        secs / 60 % 60,
        secs % 60,
        (rem % 1000) as u32,
    )
}

/// The year (UTC) of a time.
pub fn year_of(t: std::time::SystemTime) -> i32 {
    let ms = match t.duration_since(std::time::UNIX_EPOCH) {
        Ok(d) => i64::try_from(d.as_millis()).unwrap_or(i64::MAX),
        Err(_) => 0,
    };
    i32::try_from(civil(ms).0).unwrap_or(i32::MAX)
}

/// Epoch milliseconds as RFC 3339 with milliseconds, in UTC (`2026-12-01T10:00:00.123Z`).
pub fn rfc3339(ms: i64) -> String {
    let (y, mo, d, h, mi, s, milli) = civil(ms);
    format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}.{milli:03}Z")
}

fn days_in_month(y: i64, m: i64) -> i64 {
    match m {
        2 if y % 4 == 0 && (y % 100 != 0 || y % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// `n` ASCII digits at `at` as a number.
fn digits(b: &[u8], at: usize, n: usize) -> Option<i64> {
    let d = b.get(at..at + n)?;
    d.iter()
        .all(u8::is_ascii_digit)
        .then(|| d.iter().fold(0i64, |a, c| a * 10 + i64::from(c - b'0')))
}

/// Milliseconds of a checked civil time, less the zone offset in seconds.
fn to_ms(
    (y, mo, d): (i64, i64, i64),
    (h, mi, s): (i64, i64, i64),
    milli: i64,
    off: i64,
) -> Option<i64> {
    if !(1..=12).contains(&mo)
        || d < 1
        || d > days_in_month(y, mo)
        || h > 23
        || mi > 59
        || s > 60
        || !(1970..=9999).contains(&y)
    {
        return None;
    }
    let secs = days_from_civil(y, mo, d) * 86_400 + h * 3600 + mi * 60 + s.min(59) - off;
    // The zone may move a time past either end of what RFC 3339 writes.
    (0..253_402_300_800)
        .contains(&secs)
        .then_some(secs * 1000 + milli)
}

/// A zone at `b[i..]`: `Z`, `+HH:MM`, `+HHMM`, `+HH`, ` +0000`, ` UTC`, ` GMT`, or nothing
/// (UTC). Gives the offset in seconds and the bytes it took.
fn zone(b: &[u8], i: usize) -> (i64, usize) {
    let rest = &b[i.min(b.len())..];
    match rest.first() {
        Some(b'Z' | b'z') => (0, 1),
        Some(&c @ (b'+' | b'-')) => {
            let sign = if c == b'-' { -1 } else { 1 };
            let Some(h) = digits(rest, 1, 2) else {
                return (0, 0);
            };
            let (m, used) = if rest.get(3) == Some(&b':') {
                (digits(rest, 4, 2), 6)
            } else {
                (digits(rest, 3, 2), 5)
            };
            match m {
                Some(m) if h <= 23 && m <= 59 => (sign * (h * 3600 + m * 60), used),
                _ if h <= 23 => (sign * h * 3600, 3),
                _ => (0, 0),
            }
        }
        Some(b' ') if rest.len() > 1 && matches!(rest[1], b'+' | b'-') => {
            let (off, used) = zone(rest, 1);
            if used >= 5 { (off, used + 1) } else { (0, 0) }
        }
        Some(b' ') if rest.get(1..4) == Some(b"UTC") || rest.get(1..4) == Some(b"GMT") => (0, 4),
        _ => (0, 0),
    }
}

/// A fraction of a second (`.123`, `,123`, `.123456`) at `b[i..]`: milliseconds and the
/// bytes it took.
fn fraction(b: &[u8], i: usize) -> (i64, usize) {
    if !matches!(b.get(i), Some(b'.' | b',')) {
        return (0, 0);
    }
    let mut j = i + 1;
    let mut ms = 0;
    while j < b.len() && b[j].is_ascii_digit() {
        if j - i <= 3 {
            ms = ms * 10 + i64::from(b[j] - b'0');
        }
        j += 1;
    }
    match j - i - 1 {
        0 => (0, 0),
        1 => (ms * 100, j - i),
        2 => (ms * 10, j - i),
        _ => (ms, j - i),
    }
}

/// An ISO 8601 / RFC 3339 time starting at `b[0]`: its milliseconds and length.
pub fn iso_at(b: &[u8]) -> Option<(i64, usize)> {
    if b.len() < 19 || b[4] != b'-' || b[7] != b'-' || !matches!(b[10], b'T' | b't' | b' ') {
        return None;
    }
    if b[13] != b':' || b[16] != b':' {
        return None;
    }
    let (y, mo, d) = (digits(b, 0, 4)?, digits(b, 5, 2)?, digits(b, 8, 2)?);
    let (h, mi, s) = (digits(b, 11, 2)?, digits(b, 14, 2)?, digits(b, 17, 2)?);
    let (milli, f) = fraction(b, 19);
    let (off, z) = zone(b, 19 + f);
    let end = 19 + f + z;
    if b.get(end).is_some_and(u8::is_ascii_digit) {
        return None;
    }
    Some((to_ms((y, mo, d), (h, mi, s), milli, off)?, end))
}

/// An access log's time (`01/Dec/2026:10:00:00 +0000`, the brackets left out) at `b[0]`.
pub fn clf_at(b: &[u8]) -> Option<(i64, usize)> {
    if b.len() < 20 || b[2] != b'/' || b[6] != b'/' || b[11] != b':' {
        return None;
    }
    let d = digits(b, 0, 2)?;
    let mo = MONTHS.iter().position(|m| b[3..6] == **m)? as i64 + 1;
    let y = digits(b, 7, 4)?;
    let (h, mi, s) = (digits(b, 12, 2)?, digits(b, 15, 2)?, digits(b, 18, 2)?);
    if b.get(14) != Some(&b':') || b.get(17) != Some(&b':') {
        return None;
    }
    let (milli, f) = fraction(b, 20);
    let (off, z) = zone(b, 20 + f);
    Some((to_ms((y, mo, d), (h, mi, s), milli, off)?, 20 + f + z))
}

/// syslog's `Dec  1 10:00:00` (or `Dec 01`) at `b[0]`, in `year`.
pub fn syslog_at(b: &[u8], year: i32) -> Option<(i64, usize)> {
    if b.len() < 15 || b[3] != b' ' {
        return None;
    }
    let mo = MONTHS.iter().position(|m| b[..3] == **m)? as i64 + 1;
    let d = match (b[4], b[5]) {
        (b' ', c) if c.is_ascii_digit() => i64::from(c - b'0'),
        _ => digits(b, 4, 2)?,
    };
    if b[6] != b' ' || b[9] != b':' || b[12] != b':' {
        return None;
    }
    let (h, mi, s) = (digits(b, 7, 2)?, digits(b, 10, 2)?, digits(b, 13, 2)?);
    let (milli, f) = fraction(b, 15);
    Some((
        to_ms((i64::from(year), mo, d), (h, mi, s), milli, 0)?,
        15 + f,
    ))
}

/// A whole value that is a time: any form above, or an HTTP date
/// (`Tue, 01 Dec 2026 10:00:00 GMT`), or an epoch number as text.
pub fn parse(s: &str, year: i32) -> Option<i64> {
    let t = s.trim();
    let b = t.as_bytes();
    if let Some((ms, _)) = iso_at(b).or_else(|| clf_at(b.strip_prefix(b"[").unwrap_or(b))) {
        return Some(ms);
    }
    if let Some((ms, _)) = syslog_at(b, year) {
        return Some(ms);
    }
    if let Ok(t) = httpdate::parse_http_date(t) {
        let d = t.duration_since(std::time::UNIX_EPOCH).ok()?;
        return i64::try_from(d.as_millis()).ok();
    }
    t.parse::<f64>().ok().and_then(epoch)
}

/// An epoch number: milliseconds when past 1e11 (pino, winston's `Date.now()`), seconds
/// otherwise (loguru's `timestamp`, Unix time); a time before 2000 or after 9999 is not one.
pub fn epoch(n: f64) -> Option<i64> {
    if !n.is_finite() || n <= 0.0 {
        return None;
    }
    let ms = if n >= 1e11 { n } else { n * 1000.0 };
    (946_684_800_000.0..253_402_300_800_000.0)
        .contains(&ms)
        .then_some(ms as i64)
}

/// The first time written anywhere in a line of text: ISO 8601 (at a word start), an
/// access log's `[dd/Mon/yyyy:...]`, or syslog's `Mon dd hh:mm:ss` at the line's start.
pub fn find_in_line(line: &[u8], year: i32) -> Option<i64> {
    if let Some((ms, _)) = syslog_at(line, year) {
        return Some(ms);
    }
    let mut i = 0;
    while i + 19 <= line.len() {
        let c = line[i];
        let start = i == 0 || !line[i - 1].is_ascii_alphanumeric();
        if start && c.is_ascii_digit() {
            if let Some((ms, _)) = iso_at(&line[i..]) {
                return Some(ms);
            }
        }
        if c == b'[' {
            if let Some((ms, _)) = clf_at(&line[i + 1..]) {
                return Some(ms);
            }
        }
        i += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Option<String> {
        parse(s, 2026).map(rfc3339)
    }

    #[test]
    fn every_form() {
        let z = Some("2026-12-01T10:00:00.123Z".to_string());
        assert_eq!(t("2026-12-01T10:00:00.123Z"), z);
        assert_eq!(t("2026-12-01 10:00:00,123"), z);
        assert_eq!(t("2026-12-01 10:00:00.123"), z);
        assert_eq!(t("2026-12-01T10:00:00.123456+00:00"), z);
        assert_eq!(t("2026-12-01T23:00:00.123+13:00"), z);
        assert_eq!(t("2026-12-01T05:00:00.123-0500"), z);
        assert_eq!(t("[01/Dec/2026:10:00:00.123 +0000]"), z);
        assert_eq!(t("01/Dec/2026:11:00:00.123 +0100"), z);
        assert_eq!(t("Dec  1 10:00:00.123"), z);
        assert_eq!(t("1796119200123"), z);
        assert_eq!(t("1796119200.123"), z);
        assert_eq!(
            t("Tue, 01 Dec 2026 10:00:00 GMT").as_deref(),
            Some("2026-12-01T10:00:00.000Z")
        );
        assert_eq!(
            t("2026-12-01T10:00:00").as_deref(),
            Some("2026-12-01T10:00:00.000Z")
        );
    }

    #[test]
    fn not_times() {
        for s in [
            "2026-13-01T10:00:00Z",
            "2026-02-30 10:00:00",
            "2026-12-01T24:00:00Z",
            "v2026-12-01",
            "429",
            "12345",
            "-5",
            "Dex  1 10:00:00",
            "",
            "1e400",
        ] {
            assert_eq!(t(s), None, "{s}");
        }
    }

    #[test]
    fn found_in_lines() {
        let f = |s: &str| find_in_line(s.as_bytes(), 2026).map(rfc3339);
        assert_eq!(
            f("127.0.0.1 - - [05/Dec/2026:08:30:00 +0000] \"GET / HTTP/1.1\" 200 5").as_deref(),
            Some("2026-12-05T08:30:00.000Z")
        );
        assert_eq!(
            f("2026-12-05 08:27:26,882 - hike.sync - ERROR - x").as_deref(),
            Some("2026-12-05T08:27:26.882Z")
        );
        assert_eq!(
            f("Dec  5 08:30:00 pos hike[1]: x").as_deref(),
            Some("2026-12-05T08:30:00.000Z")
        );
        assert_eq!(
            f("[2026-12-05T08:30:00.123456+00:00] app.ERROR: x").as_deref(),
            Some("2026-12-05T08:30:00.123Z")
        );
        assert_eq!(f("no time here 2026"), None);
    }

    #[test]
    fn civil_round_trips() {
        for ms in [0, 951_782_400_000, 1_796_119_200_123, 4_102_444_799_999] {
            let (y, mo, d, h, mi, s, milli) = civil(ms);
            let back = to_ms(
                (y, i64::from(mo), i64::from(d)),
                (i64::from(h), i64::from(mi), i64::from(s)),
                i64::from(milli),
                0,
            );
            assert_eq!(back, Some(ms));
        }
    }
}
