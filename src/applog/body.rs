//! A response body on the same line as its status: a JSON value, Hike's form body (alone,
//! after a prefix such as `body=`, or quoted), a value after `body=` / `data=`.

use serde_json::Value;

use super::MAX_BODY;
use super::scan::cut;

/// Whether `s` starts with Hike's rate-limit notice: `oauth_problem=rate limit exceeded`
/// (plain, `%20` or `+` encoded, any case).
fn is_hike_form(s: &str) -> bool {
    let Some(v) = s.strip_prefix("oauth_problem=") else {
        return false;
    };
    let v = v.as_bytes();
    [
        "rate limit exceeded",
        "rate%20limit%20exceeded",
        "rate+limit+exceeded",
    ]
    .iter()
    .any(|w| v.len() >= w.len() && v[..w.len()].eq_ignore_ascii_case(w.as_bytes()))
}

/// Hike's rate-limit form body anywhere in `s`: its byte range (to a closing quote, or to
/// the end of the text).
pub(crate) fn hike_form(s: &str) -> Option<(usize, usize)> {
    // Built once: `str::find` sets up its searcher on every call.
    static NAME: once_cell::sync::Lazy<crate::find::Finder<'static>> =
        once_cell::sync::Lazy::new(|| crate::find::Finder::new(b"oauth_problem="));
    // Most strings hold no `=` at all: one quick look rules them out.
    crate::find::memchr(b'=', s.as_bytes())?;
    let mut from = 0;
    while let Some(i) = NAME.find(&s.as_bytes()[from..]) {
        let at = from + i;
        from = at + 1;
        let before = s[..at].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') || !is_hike_form(&s[at..]) {
            continue;
        }
        let end = match before {
            Some(q @ ('"' | '\'' | '`')) => s[at..].find(q).map_or(s.len(), |e| at + e),
            _ => s[at..]
                .find(['"', '\'', '`', '\r', '\n'])
                .map_or(s.len(), |e| at + e),
        };
        let end = at + s[at..end].trim_end().len();
        return Some((at, end));
    }
    None
}

/// The first JSON object or array that starts at one of the first few `{` / `[` of `s`:
/// its byte range and value.
pub(crate) fn json_in(s: &str) -> Option<(usize, usize, Value)> {
    let mut tries = 0;
    let mut from = 0;
    while let Some(i) = s[from..].find(['{', '[']) {
        let at = from + i;
        from = at + 1;
        tries += 1;
        if tries > 8 {
            return None;
        }
        if let Some((v, end)) = crate::json::read_first::<Value>(&s.as_bytes()[at..]) {
            if v.is_object() || (v.is_array() && !v.as_array().is_some_and(Vec::is_empty)) {
                return Some((at, at + end, v));
            }
        }
    }
    None
}

/// Where the message of a Monolog line ends: before its trailing `%context% %extra%`
/// (each `[]` or a JSON object; Laravel leaves empty ones out). The last JSON object is
/// taken for the context unless it is the only one and reads as an error body.
pub(crate) fn monolog_message_end(s: &str) -> usize {
    let mut end = s.trim_end().len();
    let mut objects = Vec::new();
    for _ in 0..2 {
        let t = s[..end].trim_end();
        if let Some(rest) = t.strip_suffix("[]") {
            end = rest.len();
            continue;
        }
        if !t.ends_with('}') {
            break;
        }
        // The object that ends the text: the leftmost ` {` from which the rest parses whole
        // (among the last few, a bound on time for a line of many).
        let start = t
            .rmatch_indices(" {")
            .take(32)
            .map(|(i, _)| i + 1)
            .filter(|&i| {
                crate::json::read_whole::<Value>(&t.as_bytes()[i..]).is_some_and(|v| v.is_object())
            })
            .last();
        match start {
            Some(i) => {
                objects.push(&t[i..]);
                end = i;
            }
            None => break,
        }
    }
    let only_body = objects.len() == 1 && {
        let o = objects[0];
        [
            "\"errors\"",
            "\"error\"",
            "\"error_description\"",
            "\"detail\"",
        ]
        .iter()
        .any(|k| o.contains(k))
    };
    if only_body {
        end + objects[0].len()
    } else {
        end
    }
}

/// A quoted value at the start of `s` (`'...'` or `"..."`, with backslash escapes as
/// Python's repr and JSON write them): its text.
fn quoted(s: &str) -> Option<String> {
    let mut chars = s.char_indices();
    let (_, q) = chars.next()?;
    if q != '\'' && q != '"' {
        return None;
    }
    let mut out = String::new();
    let mut esc = false;
    for (_, c) in chars {
        if esc {
            out.push(match c {
                'n' => '\n',
                't' => '\t',
                'r' => '\r',
                other => other,
            });
            esc = false;
        } else if c == '\\' {
            esc = true;
        } else if c == q {
            return Some(out);
        } else {
            out.push(c);
        }
        if out.len() > MAX_BODY {
            return Some(out);
        }
    }
    None
}

fn bounded(s: &str) -> Vec<u8> {
    cut(s, MAX_BODY).as_bytes().to_vec()
}

/// A body named by a key anywhere in the line: `body=...`, `data=...`, `body: ...`,
/// `response_body=...` (quoted, or a JSON value, or a form to the next space).
pub(crate) fn keyed(s: &str) -> Option<Vec<u8>> {
    for key in [
        "body=",
        "data=",
        "response_body=",
        "responseBody=",
        "body: ",
    ] {
        let mut from = 0;
        while let Some(i) = s[from..].find(key) {
            let at = from + i;
            from = at + key.len();
            if s[..at]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_alphanumeric() || c == '_')
            {
                continue;
            }
            let v = &s[at + key.len()..];
            if let Some(q) = quoted(v) {
                return Some(bounded(&q));
            }
            if v.starts_with(['{', '[']) {
                if let Some((0, end, _)) = json_in(v) {
                    return Some(bounded(&v[..end]));
                }
            }
            if is_hike_form(v) {
                let (a, e) = hike_form(v)?;
                return Some(bounded(&v[a..e]));
            }
        }
    }
    None
}

/// The body that follows a status on the same line (`rest` is the text after the status
/// and its reason phrase): a JSON value, Hike's form body, another form body, or a quoted
/// value right after the status.
pub(crate) fn after_status(rest: &str) -> Option<Vec<u8>> {
    if let Some((a, e, _)) = json_in(rest) {
        return Some(bounded(&rest[a..e]));
    }
    if let Some((a, e)) = hike_form(rest) {
        return Some(bounded(&rest[a..e]));
    }
    let t = rest.trim_start_matches([' ', ':', '-', '|', ',', '>', '.', ')']);
    if let Some(q) = quoted(t) {
        // `"data":{...}` of a record cut short is a key, not a quoted body.
        let key = t
            .get(q.len() + 2..)
            .is_some_and(|r| r.trim_start().starts_with(':'));
        if !q.trim().is_empty() && !key {
            return Some(bounded(&q));
        }
    }
    // `error=invalid_grant&error_description=...`: a form body right after the status.
    let word = t.split_whitespace().next().unwrap_or("");
    if word.contains('=') && word.contains('&') && !t.contains(" for ") {
        return Some(bounded(t.trim_end()));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(b: Option<Vec<u8>>) -> Option<String> {
        b.map(|b| String::from_utf8(b).unwrap())
    }

    const FORM: &str = "oauth_problem=rate limit exceeded&oauth_problem_advice=please wait before retrying the Hike api";

    #[test]
    fn bodies_after_a_status() {
        assert_eq!(
            s(after_status(&format!(" on /x: {FORM}"))).as_deref(),
            Some(FORM)
        );
        assert_eq!(
            s(after_status(r#": {"error": "invalid_grant"} (sent x=1)"#)).as_deref(),
            Some(r#"{"error": "invalid_grant"}"#)
        );
        assert_eq!(
            s(after_status(&format!(": \"{FORM}\""))).as_deref(),
            Some(FORM)
        );
        assert_eq!(
            s(after_status(
                " error=invalid_grant&error_description=expired"
            ))
            .as_deref(),
            Some("error=invalid_grant&error_description=expired")
        );
        assert_eq!(after_status(" - Token is invalid"), None);
        assert_eq!(after_status(" for GET /x"), None);
        assert_eq!(after_status(" [] {not json"), None);
    }

    #[test]
    fn a_key_after_the_status_is_no_body() {
        assert_eq!(
            after_status(r#","data":{"errors":{...}},"timestamp":"2026-12-01T10:00:00.000Z"}"#),
            None
        );
        assert_eq!(
            s(after_status(r#": "Token is invalid""#)).as_deref(),
            Some("Token is invalid")
        );
    }

    #[test]
    fn keyed_bodies() {
        assert_eq!(
            s(keyed(
                r#"hike_call_failed body='{"errors": {"title": ["can\'t be blank"]}}' method=POST"#
            ))
            .as_deref(),
            Some(r#"{"errors": {"title": ["can't be blank"]}}"#)
        );
        assert_eq!(s(keyed(&format!("x body={FORM}"))).as_deref(), Some(FORM));
        assert_eq!(keyed("nobody=1 somedata=2"), None);
    }

    #[test]
    fn hike_form_anywhere() {
        assert_eq!(
            hike_form(&format!("x 'body={FORM}' y")),
            Some((8, 8 + FORM.len()))
        );
        assert_eq!(hike_form("oauth_problem=token_expired"), None);
        assert_eq!(hike_form("xoauth_problem=rate limit exceeded"), None);
        assert_eq!(
            hike_form("oauth_problem=rate%20limit%20exceeded&x=1"),
            Some((0, 41))
        );
    }
}
