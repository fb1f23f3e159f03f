//! The line an HTTP library throws on an error status, as it stands in a stack trace or a
//! CI log: Python requests, urllib and httpx, Node's axios (and the request config and
//! response object it dumps when uncaught), .NET and PowerShell 7, Windows PowerShell 5.1,
//! PHP's Guzzle (with the start of the body), Java's HttpURLConnection and Rust's reqwest.
//!
//! Each line becomes a response with the status it names; what follows it (axios's dump,
//! Guzzle's body start, PowerShell's command line) is read by `dump.rs`, and the Python log
//! record that prints one request's line more than once by `record.rs`.

pub(crate) mod dump;
pub(crate) mod follow_state;
pub(crate) mod js;
pub(crate) mod record;

use serde::Serialize;

use crate::transcript::core::grammar::lossy;

/// The HTTP library an error line came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Library {
    /// Python requests: `requests.exceptions.HTTPError: 429 Client Error: ...`.
    Requests,
    /// Python urllib: `urllib.error.HTTPError: HTTP Error 500: ...`.
    Urllib,
    /// Python httpx: `httpx.HTTPStatusError: Client error '401 Unauthorized' ...`.
    Httpx,
    /// Node axios: `AxiosError: Request failed with status code 401`.
    Axios,
    /// .NET HttpClient and PowerShell 7: `Response status code does not indicate success`.
    DotNet,
    /// Windows PowerShell 5.1: `The remote server returned an error: (503) ...`.
    WindowsPowerShell,
    /// PHP Guzzle: ``Client error: `GET URL` resulted in a `429 ...` response``.
    Guzzle,
    /// Java HttpURLConnection: `Server returned HTTP response code: 504 for URL: ...`.
    Java,
    /// Rust reqwest: `HTTP status client error (401 Unauthorized) for url (...)`.
    Reqwest,
}

impl Library {
    /// The library's name, as a report shows it.
    pub fn name(self) -> &'static str {
        match self {
            Library::Requests => "Python requests",
            Library::Urllib => "Python urllib",
            Library::Httpx => "Python httpx",
            Library::Axios => "Node axios",
            Library::DotNet => ".NET HttpClient / PowerShell 7",
            Library::WindowsPowerShell => "Windows PowerShell 5.1",
            Library::Guzzle => "PHP Guzzle",
            Library::Java => "Java HttpURLConnection",
            Library::Reqwest => "Rust reqwest",
        }
    }
}

/// What one library error line says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct LibraryLine {
    pub library: Library,
    pub status: u16,
    pub reason: String,
    pub method: Option<String>,
    pub url: Option<String>,
    /// The body the line quotes after it (Guzzle's summary, when a logger put it on the
    /// same line).
    pub body: Option<Vec<u8>>,
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    crate::find::memmem(hay, needle)
}

/// Every library's marker holds one of these words; most lines of a log hold none.
const HINTS: [&[u8]; 4] = [b"rror", b"sponse", b"status code", b"resulted"];

/// Whether `line` holds one of [`HINTS`]: a line that does not is no library's line.
fn may_be_library_line(line: &[u8]) -> bool {
    static FINDERS: once_cell::sync::Lazy<[crate::find::Finder<'static>; 4]> =
        once_cell::sync::Lazy::new(|| HINTS.map(crate::find::Finder::new));
    FINDERS.iter().any(|f| f.find(line).is_some())
}

/// Where a library's marker stands in `line`; the marker holds one of [`HINTS`].
fn find_marker(line: &[u8], marker: &[u8]) -> Option<usize> {
    debug_assert!(
        HINTS.iter().any(|h| find(marker, h).is_some()),
        "a marker with no hint: {marker:?}"
    );
    find(line, marker)
}

/// The body Guzzle's summary quotes after `response:` when a logger put it on the same
/// line (Monolog): one JSON value, or the text up to Guzzle's ` (truncated...)`.
fn same_line_body(rest: &[u8]) -> Option<Vec<u8>> {
    let t = rest.trim_ascii();
    if t.is_empty() {
        return None;
    }
    if matches!(t[0], b'{' | b'[') {
        if let Some((serde::de::IgnoredAny, end)) = crate::json::read_first(t) {
            return Some(t[..end].to_vec());
        }
    }
    // Not JSON: up to Guzzle's mark, and never the logger's context and extra after it.
    let end = crate::applog::monolog_message_end(&String::from_utf8_lossy(t)).min(t.len());
    let t = t[..end].trim_ascii_end();
    let cut = find(t, b" (truncated...)").unwrap_or(t.len());
    Some(t[..cut].to_vec()).filter(|b| !b.is_empty())
}

/// Three digits in 100..=599 at the start of `b`, not followed by another digit.
fn code_at(b: &[u8]) -> Option<u16> {
    if b.len() < 3
        || !b[..3].iter().all(u8::is_ascii_digit)
        || b.get(3).is_some_and(u8::is_ascii_digit)
    {
        return None;
    }
    let c = u16::from(b[0] - b'0') * 100 + u16::from(b[1] - b'0') * 10 + u16::from(b[2] - b'0');
    (100..=599).contains(&c).then_some(c)
}

/// The text up to `end` (exclusive) or the end of the line, trimmed.
fn until<'a>(b: &'a [u8], end: &[u8]) -> &'a [u8] {
    let cut = find(b, end).unwrap_or(b.len());
    b[..cut].trim_ascii()
}

/// Recognises a library's error line anywhere in a line (after a log prefix, `E   `, `Error: `).
pub(crate) fn parse_line(line: &[u8]) -> Option<LibraryLine> {
    if !may_be_library_line(line) {
        return None;
    }
    let make = |library, status, reason: &[u8], method: Option<&[u8]>, url: Option<&[u8]>| {
        Some(LibraryLine {
            library,
            status,
            reason: lossy(reason).trim().to_string(),
            method: method.map(|m| lossy(m).to_ascii_uppercase()),
            url: url.filter(|u| !u.is_empty()).map(lossy),
            body: None,
        })
    };
    // requests: '%s Client Error: %s for url: %s' (and Server Error).
    for kind in [&b" Client Error: "[..], b" Server Error: "] {
        if let Some(i) = find_marker(line, kind) {
            if i >= 3 {
                if let Some(code) = code_at(&line[i - 3..]) {
                    let rest = &line[i + kind.len()..];
                    let (reason, url) = match find(rest, b" for url: ") {
                        Some(j) => (&rest[..j], Some(rest[j + 10..].trim_ascii())),
                        None => (rest, None),
                    };
                    return make(Library::Requests, code, reason, None, url);
                }
            }
        }
    }
    // urllib: 'HTTP Error %s: %s'.
    if let Some(i) = find_marker(line, b"HTTP Error ") {
        let rest = &line[i + 11..];
        if let (Some(code), Some(b':')) = (code_at(rest), rest.get(3)) {
            return make(Library::Urllib, code, &rest[4..], None, None);
        }
    }
    // httpx: "{error_type} '{status_code} {reason_phrase}' for url '{url}'".
    for kind in [
        &b"Client error '"[..],
        b"Server error '",
        b"Redirect response '",
        b"Informational response '",
    ] {
        if let Some(i) = find_marker(line, kind) {
            let rest = &line[i + kind.len()..];
            if let Some(code) = code_at(rest) {
                let reason = until(&rest[3..], b"'");
                let url = find(rest, b"' for url '").map(|j| until(&rest[j + 11..], b"'"));
                return make(Library::Httpx, code, reason, None, url);
            }
        }
    }
    // axios: 'Request failed with status code ' + status.
    if let Some(i) = find_marker(line, b"Request failed with status code ") {
        if let Some(code) = code_at(&line[i + 32..]) {
            return make(Library::Axios, code, b"", None, None);
        }
    }
    // .NET: SR.net_http_message_not_success_statuscode_reason, 'Response status code does
    // not indicate success: {0} ({1}).'
    if let Some(i) = find_marker(line, b"Response status code does not indicate success: ") {
        let rest = &line[i + 48..];
        if let Some(code) = code_at(rest) {
            let reason = rest[3..].trim_ascii();
            let reason = reason
                .strip_prefix(b"(")
                .map_or(&b""[..], |r| until(r, b")"));
            return make(Library::DotNet, code, reason, None, None);
        }
    }
    // .NET Framework WebException (Windows PowerShell 5.1): 'The remote server returned an
    // error: ({0}) {1}.'
    if let Some(i) = find_marker(line, b"The remote server returned an error: (") {
        let rest = &line[i + 38..];
        if let (Some(code), Some(b')')) = (code_at(rest), rest.get(3)) {
            let reason = rest[4..].trim_ascii();
            let reason = reason.strip_suffix(b".").unwrap_or(reason);
            return make(Library::WindowsPowerShell, code, reason, None, None);
        }
    }
    // Guzzle: '%s: `%s %s` resulted in a `%s %s` response'.
    if let Some(i) = find_marker(line, b"` resulted in a `") {
        let before = &line[..i];
        let open = crate::find::memrchr(b'`', before)?;
        let request = &before[open + 1..];
        let (method, url) = match crate::find::memchr(b' ', request) {
            Some(s) => (Some(&request[..s]), Some(&request[s + 1..])),
            None => (None, Some(request)),
        };
        let rest = &line[i + 17..];
        let code = code_at(rest)?;
        let reason = until(&rest[3..], b"`");
        let mut l = make(Library::Guzzle, code, reason, method, url)?;
        l.body = find(rest, b"` response:").and_then(|j| same_line_body(&rest[j + 11..]));
        return Some(l);
    }
    // Java: 'Server returned HTTP response code: ' + respCode + ' for URL: ' + url.
    if let Some(i) = find_marker(line, b"Server returned HTTP response code: ") {
        let rest = &line[i + 36..];
        let code = code_at(rest)?;
        let url = find(rest, b" for URL: ").map(|j| rest[j + 10..].trim_ascii());
        return make(Library::Java, code, b"", None, url);
    }
    // reqwest: 'HTTP status client error ({code}) for url ({url})', or its Debug form in
    // `Error: reqwest::Error { kind: Status(401), url: "..." }`.
    for kind in [
        &b"HTTP status client error ("[..],
        b"HTTP status server error (",
    ] {
        if let Some(i) = find_marker(line, kind) {
            let rest = &line[i + kind.len()..];
            let code = code_at(rest)?;
            let reason = until(&rest[3..], b")");
            let url = find(rest, b" for url (").map(|j| {
                let u = &rest[j + 10..];
                let u = u.trim_ascii_end();
                u.strip_suffix(b")").unwrap_or(u)
            });
            return make(Library::Reqwest, code, reason, None, url);
        }
    }
    if let Some(i) = find_marker(line, b"reqwest::Error { kind: Status(") {
        let rest = &line[i + 30..];
        let code = code_at(rest)?;
        let url = find(rest, b"url: \"").map(|j| until(&rest[j + 6..], b"\""));
        return make(Library::Reqwest, code, b"", None, url);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    type LineParts = (Library, u16, String, Option<String>, Option<String>);

    fn p(line: &str) -> Option<LineParts> {
        parse_line(line.as_bytes()).map(|l| (l.library, l.status, l.reason, l.method, l.url))
    }

    #[test]
    fn every_library_line() {
        let s = |x: &str| Some(x.to_string());
        assert_eq!(
            p(
                "E   requests.exceptions.HTTPError: 500 Server Error: INTERNAL SERVER ERROR for url: https://h/x?a=1"
            ),
            Some((
                Library::Requests,
                500,
                "INTERNAL SERVER ERROR".into(),
                None,
                s("https://h/x?a=1")
            ))
        );
        assert_eq!(
            p("urllib.error.HTTPError: HTTP Error 429: Too Many Requests"),
            Some((Library::Urllib, 429, "Too Many Requests".into(), None, None))
        );
        assert_eq!(
            p("httpx.HTTPStatusError: Server error '503 Service Unavailable' for url 'https://h/'"),
            Some((
                Library::Httpx,
                503,
                "Service Unavailable".into(),
                None,
                s("https://h/")
            ))
        );
        assert_eq!(
            p("[AxiosError: Request failed with status code 404]").map(|x| x.1),
            Some(404)
        );
        assert_eq!(
            p(
                "Invoke-WebRequest: Response status code does not indicate success: 401 (Unauthorized)."
            ),
            Some((Library::DotNet, 401, "Unauthorized".into(), None, None))
        );
        assert_eq!(
            p("Server error: `PUT https://h/p/1` resulted in a `502 Bad Gateway` response:"),
            Some((
                Library::Guzzle,
                502,
                "Bad Gateway".into(),
                s("PUT"),
                s("https://h/p/1")
            ))
        );
        assert_eq!(
            p(
                "Caused by: java.io.IOException: Server returned HTTP response code: 401 for URL: https://h/"
            ),
            Some((Library::Java, 401, String::new(), None, s("https://h/")))
        );
        assert_eq!(
            p("Error: reqwest::Error { kind: Status(429, None), url: \"https://h/\" }"),
            Some((Library::Reqwest, 429, String::new(), None, s("https://h/")))
        );
    }

    #[test]
    fn look_alikes_are_not_library_lines() {
        for line in [
            "HTTP Error 4040: no",
            "HTTP Error 404 Not Found",
            "Request failed with status code 99",
            "Request failed with status code 4291",
            "The remote server returned an error: (503 Server Unavailable.",
            "x` resulted in a `",
            "` resulted in a `abc",
            "HTTP status client error (",
            "reqwest::Error { kind: Status(",
            "Response status code does not indicate success: ",
            "12 Client Error: x",
            "",
        ] {
            assert_eq!(p(line), None, "{line}");
        }
    }
}
