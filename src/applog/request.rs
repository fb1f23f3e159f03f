//! The request a line of text names: a method with a path or URL (`GET /x`, `"POST
//! https://h/x`), or a target after `on`, `for url:`, `from`, `url=`, `path=`; and a request
//! id it gives.

use super::scan::{find_ci, is_method, starts_with_ci, target_at};

/// Where the first method with a target starts in a line, if it shows one.
pub(crate) fn request_at(s: &str) -> Option<usize> {
    method_target(s).map(|(at, _, _)| at)
}

/// The first method followed by a target: where it starts, the method, the target.
fn method_target(s: &str) -> Option<(usize, &'static str, &str)> {
    let b = s.as_bytes();
    let mut best: Option<(usize, &'static str, &str)> = None;
    for m in ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"] {
        let mut from = 0;
        while let Some(i) = s[from..].find(m) {
            let at = from + i;
            from = at + m.len();
            if best.is_some_and(|(b, _, _)| b < at) {
                break;
            }
            if at > 0 && (b[at - 1].is_ascii_alphanumeric() || b[at - 1] == b'_') {
                continue;
            }
            if let Some(t) = s[from..].strip_prefix(' ').and_then(target_at) {
                best = Some((at, m, t));
                break;
            }
        }
    }
    best
}

/// The method and target a line shows: `GET /x`, `"POST https://h/x`, or a target after
/// `on`, `for url:`, `from`, `url=`, `path=`.
pub(crate) fn request(s: &str) -> (Option<String>, Option<String>) {
    let b = s.as_bytes();
    if let Some((_, m, t)) = method_target(s) {
        return (Some(m.to_string()), Some(t.to_string()));
    }
    let method = kv(s, &["method="]).filter(|m| is_method(m.to_ascii_uppercase().as_bytes()));
    let method = method.map(|m| m.to_ascii_uppercase());
    for key in [
        " on ",
        " for url: ",
        " for url ",
        " from ",
        " url=",
        " path=",
        " uri=",
        " url: ",
    ] {
        let mut from = 0;
        while let Some(i) = find_ci(&b[from..], key.as_bytes()) {
            let at = from + i + key.len();
            from = at;
            let v = s[at..].trim_start_matches(['\'', '"']);
            if let Some(t) = target_at(v) {
                if key == " from " && !starts_with_ci(v.as_bytes(), b"http") {
                    continue;
                }
                return (method, Some(t.to_string()));
            }
        }
    }
    (method, None)
}

/// The value after the first of `keys` in a `key=value` line.
fn kv<'a>(s: &'a str, keys: &[&str]) -> Option<&'a str> {
    for key in keys {
        if let Some(i) = find_ci(s.as_bytes(), key.as_bytes()) {
            if i > 0 && s.as_bytes()[i - 1].is_ascii_alphanumeric() {
                continue;
            }
            let v = s[i + key.len()..].trim_start_matches(['\'', '"']);
            let end = v
                .find(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | ',' | '&'))
                .unwrap_or(v.len());
            if end > 0 {
                return Some(&v[..end]);
            }
        }
    }
    None
}

/// A request id a line gives (`request_id=`, `requestId=`, `X-Request-Id: `).
pub(crate) fn request_id(s: &str) -> Option<String> {
    kv(
        s,
        &[
            "x-request-id: ",
            "x-request-id=",
            "request_id=",
            "requestid=",
            "request-id=",
            "request id: ",
            "request_id: ",
        ],
    )
    .filter(|v| v.len() >= 4 && v.len() <= 128)
    .map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn methods_and_targets() {
        let r = |s: &str| {
            let (m, t) = request(s);
            (m.unwrap_or_default(), t.unwrap_or_default())
        };
        assert_eq!(r("returned 401 for GET /x"), ("GET".into(), "/x".into()));
        assert_eq!(r("HTTP 401 on /x: body"), ("".into(), "/x".into()));
        assert_eq!(
            r("hike_call method=GET path=/api/v1/products status_code=200"),
            ("GET".into(), "/api/v1/products".into())
        );
        assert_eq!(
            r("HTTP Request: GET http://h/x \"HTTP/1.1 200 OK\""),
            ("GET".into(), "http://h/x".into())
        );
        assert_eq!(r("TARGET /x"), ("".into(), "".into()));
    }
}
