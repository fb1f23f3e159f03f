//! A HAR entry in the transcript's terms: its request, its response (or the failure that
//! stands for none), and the time it started.

use std::rc::Rc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use crate::redact::Secrets;
use crate::transcript::{ClientError, MAX_REQUEST_BODY, Request, Response, Style};

use super::Entry;

/// One entry, converted.
#[derive(Debug, Clone)]
pub struct Converted {
    /// The response; `None` when the entry's status is 0 (or no HTTP status at all).
    pub response: Option<Response>,
    /// The request.
    pub request: Rc<Request>,
    /// Why there is no response, when there is none.
    pub failure: Option<ClientError>,
    /// `startedDateTime`, when it is a valid ISO 8601 time.
    pub started: Option<SystemTime>,
}

/// Converts an entry, and remembers the credentials its request sent and its response
/// issued, so they are hidden wherever they show up.
pub fn convert(entry: Entry, secrets: &mut Secrets) -> Converted {
    let q = entry.request;
    let mut body = q.post_text;
    if body.is_empty() && !q.post_params.is_empty() {
        // A form sent as params only (Insomnia, some proxies): the form it stands for.
        let form: Vec<String> = q
            .post_params
            .iter()
            .map(|(n, v)| format!("{n}={v}"))
            .collect();
        body = form.join("&").into_bytes();
        body.truncate(MAX_REQUEST_BODY);
    }
    let request = Rc::new(Request {
        method: q.method,
        target: q.url,
        headers: q.headers,
        headers_shown: true,
        body,
        tls: false,
    });
    secrets.learn_request(&request.headers, &request.target, &request.body);
    let started = entry.started.as_deref().and_then(parse_time);
    let r = entry.response;
    if !(100..=599).contains(&r.status) {
        // Playwright writes -1 where the others write 0.
        let written = r.negative_status.unwrap_or(i64::from(r.status));
        let message = match (&r.error, r.status) {
            // The page (or the browser) called the request off: no network failure.
            (Some(e), 0) if is_abort(e) => format!(
                "status {written}, no response recorded: {e} (the page cancelled the request \
                 or navigated away before an answer came)"
            ),
            // Chrome says why in `_error`, Playwright in `_failureText`; Firefox and API
            // clients write status 0 alone.
            (Some(e), 0) => format!("status {written}, no response recorded: {e}"),
            (None, 0) => format!(
                "status {written}, no response recorded: the request was blocked, \
                 cancelled or failed before an answer came"
            ),
            (_, n) => format!("the HAR gives status {n}, which is no HTTP status"),
        };
        return Converted {
            response: None,
            request,
            failure: Some(ClientError {
                code: None,
                message,
                after: 0,
            }),
            started,
        };
    }
    secrets.learn_response(&r.body);
    // The HAR holds the body decoded: a Content-Encoding header no longer applies to it.
    let mut headers: Vec<(String, String)> = r
        .headers
        .into_iter()
        .filter(|(n, _)| !n.eq_ignore_ascii_case("content-encoding") && !n.starts_with(':'))
        .collect();
    let mime = r.mime_type.as_deref().map(str::trim).unwrap_or_default();
    let has_type = headers
        .iter()
        .any(|(n, _)| n.eq_ignore_ascii_case("content-type"));
    if !has_type && !mime.is_empty() && mime != "x-unknown" {
        headers.push(("Content-Type".to_string(), mime.to_string()));
    }
    let response = Response {
        version: version(&r.http_version),
        status: r.status,
        reason: r.status_text,
        headers,
        body: r.body,
        body_bytes: r.body_bytes,
        body_truncated: r.body_truncated,
        style: Style::Har,
        request: Some(request.clone()),
        position: 1,
        // The errors past the kept prefix of a long JSON body are not scanned in a HAR.
        scanned: None,
        headers_skipped: 0,
    };
    Converted {
        response: Some(response),
        request,
        failure: None,
        started,
    }
}

/// Whether a browser's failure text says the request was aborted rather than failed
/// (Chromium's `net::ERR_ABORTED`, WebKit's and Firefox's cancellations).
pub fn is_abort(error: &str) -> bool {
    let e = error.to_ascii_lowercase();
    e.contains("err_aborted") || e.contains("ns_binding_aborted") || e == "cancelled"
}

/// The protocol version as a status line writes it: `HTTP/1.1` → `1.1`, `h2` and
/// `http/2.0` → `2`.
fn version(v: &str) -> String {
    let v = v.trim();
    let lower = v.to_ascii_lowercase();
    let bare = lower.strip_prefix("http/").unwrap_or(&lower);
    match bare {
        "h2" | "2" | "2.0" | "h2c" => "2".to_string(),
        "h3" | "3" | "3.0" => "3".to_string(),
        _ if bare.starts_with("h3-") => "3".to_string(),
        other => other.to_string(),
    }
}

/// An ISO 8601 / RFC 3339 time as HARs write it: `2026-11-25T12:00:00.123Z`,
/// `2026-11-25T16:14:29.870542+00:00`, `2026-11-25T12:20:00.511+13:00`.
pub fn parse_time(s: &str) -> Option<SystemTime> {
    let s = s.trim();
    let b = s.as_bytes();
    let num = |from: usize, len: usize| -> Option<i64> {
        let d = s.get(from..from + len)?;
        d.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| d.parse().ok())?
    };
    if b.len() < 19 || b[4] != b'-' || b[7] != b'-' || !matches!(b[10], b'T' | b't' | b' ') {
        return None;
    }
    let (year, month, day) = (num(0, 4)?, num(5, 2)?, num(8, 2)?);
    if b[13] != b':' || b[16] != b':' {
        return None;
    }
    let (hour, minute, second) = (num(11, 2)?, num(14, 2)?, num(17, 2)?);
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) || hour > 23 || minute > 59 {
        return None;
    }
    let mut i = 19;
    let mut nanos = 0u32;
    if b.get(i) == Some(&b'.') {
        i += 1;
        let start = i;
        while i < b.len() && b[i].is_ascii_digit() {
            if i - start < 9 {
                nanos = nanos * 10 + u32::from(b[i] - b'0');
            }
            i += 1;
        }
        let digits = (i - start).min(9);
        if digits == 0 {
            return None;
        }
        nanos *= 10u32.pow(9 - digits as u32);
    }
    let offset = match &s[i..] {
        "Z" | "z" | "" => 0,
        tz if tz.len() == 6 && matches!(tz.as_bytes()[0], b'+' | b'-') && &tz[3..4] == ":" => {
            let h = num(i + 1, 2)?;
            let m = num(i + 4, 2)?;
            let sign = if tz.starts_with('-') { -1 } else { 1 };
            sign * (h * 3600 + m * 60)
        }
        _ => return None,
    };
    let days = crate::applog::time::days_from_civil(year, month, day);
    let secs = days * 86_400 + hour * 3600 + minute * 60 + second.min(60) - offset;
    let secs = u64::try_from(secs).ok()?;
    UNIX_EPOCH.checked_add(Duration::new(secs, nanos))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rfc3339(t: SystemTime) -> String {
        humantime::format_rfc3339_millis(t).to_string()
    }

    #[test]
    fn times_as_hars_write_them() {
        let t = |s| parse_time(s).map(rfc3339);
        assert_eq!(
            t("2026-11-25T12:00:00.123Z").as_deref(),
            Some("2026-11-25T12:00:00.123Z")
        );
        assert_eq!(
            t("2026-11-25T16:14:29.870542+00:00").as_deref(),
            Some("2026-11-25T16:14:29.870Z")
        );
        assert_eq!(
            t("2026-11-25T12:20:00.511+13:00").as_deref(),
            Some("2026-11-24T23:20:00.511Z")
        );
        assert_eq!(
            t("2024-02-29T23:59:59-01:30").as_deref(),
            Some("2024-03-01T01:29:59.000Z")
        );
        for bad in [
            "",
            "yesterday",
            "2026-13-01T00:00:00Z",
            "2026-11-25",
            "2026-11-25T1:00:00Z",
        ] {
            assert_eq!(parse_time(bad), None, "{bad}");
        }
    }

    #[test]
    fn versions_as_status_lines_write_them() {
        for (har, line) in [
            ("HTTP/1.1", "1.1"),
            ("http/2.0", "2"),
            ("h2", "2"),
            ("HTTP/2", "2"),
            ("h3", "3"),
            ("", ""),
            ("HTTP/1.0", "1.0"),
        ] {
            assert_eq!(version(har), line, "{har}");
        }
    }
}
