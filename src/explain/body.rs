//! Reading the errors out of a response body: JSON in every shape Hike's family of APIs uses,
//! Hike's form-encoded rate-limit body, OAuth errors, HTML error pages and plain text.

use serde::Serialize;
use serde_json::Value;

use crate::redact::{Redacted, Redactor};

/// One error the body reports.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BodyError {
    /// The field it is about; `None` for the whole request or record (`base`).
    pub field: Option<Redacted>,
    /// What is wrong (all of it hidden when the field is credential-named).
    pub message: Redacted,
}

/// An OAuth error (RFC 6749 §5.2), from a JSON or form-encoded body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OAuthError {
    /// The error code, such as `invalid_grant`.
    pub error: Redacted,
    /// The server's description, if any.
    pub description: Option<Redacted>,
    /// What the code means, when it is a standard one.
    pub meaning: Option<String>,
}

/// What kind of body a response carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BodyKind {
    /// No body in the transcript.
    Empty,
    /// A JSON document.
    Json,
    /// `name=value&...`.
    Form,
    /// An HTML page.
    Html,
    /// Other text.
    Text,
    /// Compressed or binary bytes.
    Binary,
}

impl BodyKind {
    /// The kind as JSON names it: `json`, `form`, `html`, `text`, `binary`, `empty`.
    pub fn as_str(self) -> &'static str {
        match self {
            BodyKind::Empty => "empty",
            BodyKind::Json => "json",
            BodyKind::Form => "form",
            BodyKind::Html => "html",
            BodyKind::Text => "text",
            BodyKind::Binary => "binary",
        }
    }
}

/// What the body says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BodyFacts {
    /// Its kind.
    pub kind: BodyKind,
    /// The errors it reports.
    pub errors: Vec<BodyError>,
    /// An OAuth error, if it is one.
    pub oauth_error: Option<OAuthError>,
    /// The title of an HTML page.
    pub html_title: Option<Redacted>,
    /// Whether the body looks gzip-compressed.
    pub gzip: bool,
    /// Whether the body claims to be JSON but none of it could be read.
    pub json_unreadable: bool,
    /// How many errors past the first [`MAX_ERRORS`] were left out.
    pub errors_omitted: u64,
}

/// At most this many errors are reported.
pub const MAX_ERRORS: usize = 50;
/// A message longer than this is cut.
const MAX_MESSAGE: usize = 300;

/// What RFC 6749 §5.2 and RFC 6750 §3.1 error codes mean.
pub fn oauth_meaning(error: &str) -> Option<&'static str> {
    Some(match error {
        "invalid_request" => {
            "the request is missing a parameter, repeats one, or is otherwise malformed"
        }
        "invalid_client" => {
            "the client could not be authenticated: check client_id and client_secret"
        }
        "invalid_grant" => {
            "the authorization code or refresh token is invalid, expired, revoked, already used, \
             or was issued for another redirect address or client"
        }
        "unauthorized_client" => "this client may not use this grant type",
        "unsupported_grant_type" => {
            "the grant_type is not supported: use authorization_code or refresh_token"
        }
        "invalid_scope" => "the scope asked for is invalid or unknown: Hike's only scope is `all`",
        "invalid_token" => "the access token is expired, revoked, malformed or invalid",
        "insufficient_scope" => "the access token lacks the scope this request needs",
        "access_denied" => "the store owner or the server refused the authorization",
        _ => return None,
    })
}

/// Reads the body of an error response (4xx, 5xx), given its Content-Type and
/// Content-Encoding; [`read_response`] reads any.
pub fn read(body: &[u8], content_type: Option<&str>, content_encoding: Option<&str>) -> BodyFacts {
    read_response(
        body,
        content_type,
        content_encoding,
        true,
        &Redactor::default(),
    )
}

/// Reads a body knowing whether its response is an error (4xx, 5xx). A success's body
/// holds errors only under an explicit `errors` or `error` key: its messages, list items
/// and pages are results, not complaints. Every message and field name it reports has
/// passed through `red`.
pub fn read_response(
    body: &[u8],
    content_type: Option<&str>,
    content_encoding: Option<&str>,
    is_error: bool,
    red: &Redactor,
) -> BodyFacts {
    let mut facts = BodyFacts {
        kind: BodyKind::Empty,
        errors: Vec::new(),
        oauth_error: None,
        html_title: None,
        gzip: false,
        json_unreadable: false,
        errors_omitted: 0,
    };
    let trimmed = body.trim_ascii();
    if trimmed.is_empty() {
        return facts;
    }
    let encoded = content_encoding.is_some_and(|e| {
        let e = e.trim().to_ascii_lowercase();
        !e.is_empty() && e != "identity"
    });
    facts.gzip = body.starts_with(&[0x1f, 0x8b])
        || content_encoding.is_some_and(|e| e.to_ascii_lowercase().contains("gzip"));
    if encoded || facts.gzip || looks_binary(body) {
        facts.kind = BodyKind::Binary;
        return facts;
    }
    let text = String::from_utf8_lossy(body);
    let ct = content_type.unwrap_or("").to_ascii_lowercase();
    let json_like = ct.contains("json") || ct.is_empty() && text.trim_start().starts_with('{');
    if let Some(value) = first_json(&text) {
        facts.kind = BodyKind::Json;
        json_errors(&value, &mut facts, is_error, red);
    } else if json_like {
        // Cut short (only a prefix is read) or malformed: take what keys complete.
        facts.kind = BodyKind::Json;
        let partial = partial_json(&text);
        facts.json_unreadable = partial.is_empty();
        json_errors(&Value::Object(partial), &mut facts, is_error, red);
    } else if ct.contains("html")
        || starts_with_ci(text.trim_start(), "<!doctype html")
        || starts_with_ci(text.trim_start(), "<html")
    {
        facts.kind = BodyKind::Html;
        let title = html_title(&text);
        if let (Some(t), true) = (&title, is_error) {
            push(red, &mut facts.errors, &mut facts.errors_omitted, None, t);
        }
        facts.html_title = title.map(|t| red.text(&t));
    } else if let Some(pairs) = form_pairs(&text) {
        // Its explicit error keys count on any status.
        facts.kind = BodyKind::Form;
        form_errors(&pairs, &mut facts, red);
    } else {
        facts.kind = BodyKind::Text;
        let first = text.lines().map(str::trim).find(|l| !l.is_empty());
        if let (Some(line), true) = (first, is_error) {
            push(
                red,
                &mut facts.errors,
                &mut facts.errors_omitted,
                None,
                line,
            );
        }
    }
    facts
}

fn starts_with_ci(s: &str, prefix: &str) -> bool {
    s.len() >= prefix.len() && s.as_bytes()[..prefix.len()].eq_ignore_ascii_case(prefix.as_bytes())
}

fn looks_binary(body: &[u8]) -> bool {
    let sample = &body[..body.len().min(1024)];
    if memchr::memchr(0, sample).is_some() {
        return true;
    }
    let text = String::from_utf8_lossy(sample);
    let bad = text
        .chars()
        .filter(|c| *c == '\u{fffd}' || (c.is_control() && !c.is_whitespace()))
        .count();
    bad * 10 > text.chars().count().max(1)
}

/// The first JSON object or array in the text: the body may sit among other lines (wget's
/// chatter, a trailing `curl -w` code).
fn first_json(text: &str) -> Option<Value> {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let t = line.trim_start();
        if t.starts_with('{') || t.starts_with('[') {
            let start = offset + (line.len() - t.len());
            let mut stream =
                serde_json::Deserializer::from_str(&text[start..]).into_iter::<Value>();
            if let Some(Ok(v)) = stream.next() {
                if v.is_object() || v.is_array() {
                    return Some(v);
                }
            }
        }
        offset += line.len();
    }
    None
}

fn push(
    red: &Redactor,
    errors: &mut Vec<BodyError>,
    omitted: &mut u64,
    field: Option<&str>,
    message: &str,
) {
    if errors.len() >= MAX_ERRORS {
        *omitted += 1;
        return;
    }
    let message = message.trim();
    if message.is_empty() {
        return;
    }
    // Cut after redacting, so that no cut leaves a piece of a credential unrecognised.
    errors.push(BodyError {
        field: field.map(|f| red.text(f)),
        message: red.message(field, message).truncated(MAX_MESSAGE),
    });
}

fn value_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Null => None,
        Value::Object(o) => o
            .get("message")
            .or_else(|| o.get("detail"))
            .or_else(|| o.get("description"))
            .and_then(value_text),
        other => Some(other.to_string()),
    }
}

/// The error keys of a JSON object whose text is cut short or broken: each top-level key
/// whose value completes inside the text. A scan that knows strings and nesting finds the
/// top level; serde_json reads each value.
fn partial_json(text: &str) -> serde_json::Map<String, Value> {
    const WANTED: [&str; 4] = ["errors", "error", "error_description", "message"];
    let b = text.as_bytes();
    let mut map = serde_json::Map::new();
    let mut depth = 0usize;
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'"' => {
                let start = i + 1;
                let mut j = start;
                while j < b.len() && b[j] != b'"' {
                    j += if b[j] == b'\\' { 2 } else { 1 };
                }
                if j >= b.len() {
                    break;
                }
                let mut k = j + 1;
                while k < b.len() && b[k].is_ascii_whitespace() {
                    k += 1;
                }
                // Both ends are ASCII quotes, so the slice is on character boundaries.
                let key = &text[start..j];
                if depth == 1 && b.get(k) == Some(&b':') && WANTED.contains(&key) {
                    let mut values =
                        serde_json::Deserializer::from_str(&text[k + 1..]).into_iter::<Value>();
                    if let (Some(Ok(v)), false) = (values.next(), map.contains_key(key)) {
                        map.insert(key.to_string(), v);
                    }
                }
                i = j + 1;
            }
            b'{' | b'[' => {
                depth += 1;
                i += 1;
            }
            b'}' | b']' => {
                depth = depth.saturating_sub(1);
                i += 1;
            }
            _ => i += 1,
        }
    }
    map
}

fn json_errors(value: &Value, facts: &mut BodyFacts, is_error: bool, red: &Redactor) {
    let Some(obj) = value.as_object() else {
        if let (Value::Array(items), true) = (value, is_error) {
            for item in items.iter().filter_map(value_text) {
                push(
                    red,
                    &mut facts.errors,
                    &mut facts.errors_omitted,
                    None,
                    &item,
                );
            }
        }
        return;
    };
    if let Some(errors) = obj.get("errors") {
        match errors {
            Value::Object(fields) => {
                for (field, v) in fields {
                    let field = (field != "base").then_some(field.as_str());
                    match v {
                        Value::Array(msgs) => {
                            for m in msgs.iter().filter_map(value_text) {
                                push(red, &mut facts.errors, &mut facts.errors_omitted, field, &m);
                            }
                        }
                        other => {
                            if let Some(m) = value_text(other) {
                                push(red, &mut facts.errors, &mut facts.errors_omitted, field, &m);
                            }
                        }
                    }
                }
            }
            Value::Array(items) => {
                for item in items {
                    let field = item
                        .get("field")
                        .or_else(|| item.get("param"))
                        .and_then(Value::as_str);
                    if let Some(m) = value_text(item) {
                        push(red, &mut facts.errors, &mut facts.errors_omitted, field, &m);
                    }
                }
            }
            other => {
                if let Some(m) = value_text(other) {
                    push(red, &mut facts.errors, &mut facts.errors_omitted, None, &m);
                }
            }
        }
    }
    if let Some(error) = obj.get("error") {
        let description = obj
            .get("error_description")
            .and_then(Value::as_str)
            .map(str::to_string);
        match error {
            Value::String(code) if oauth_meaning(code).is_some() || description.is_some() => {
                oauth(facts, code, description, red);
            }
            other => {
                if let Some(m) = value_text(other) {
                    push(red, &mut facts.errors, &mut facts.errors_omitted, None, &m);
                }
            }
        }
    }
    if facts.errors.is_empty() && is_error {
        if let Some(m) = obj.get("message").and_then(value_text) {
            push(red, &mut facts.errors, &mut facts.errors_omitted, None, &m);
        }
    }
}

fn oauth(facts: &mut BodyFacts, code: &str, description: Option<String>, red: &Redactor) {
    let message = match &description {
        Some(d) => format!("{code}: {d}"),
        None => code.to_string(),
    };
    push(
        red,
        &mut facts.errors,
        &mut facts.errors_omitted,
        None,
        &message,
    );
    facts.oauth_error = Some(OAuthError {
        error: red.text(code),
        description: description.map(|d| red.text(&d)),
        meaning: oauth_meaning(code).map(str::to_string),
    });
}

/// `a=b&c=d` → pairs, when the whole first line is of that shape. Hike's rate-limit body
/// is not percent-encoded (its values hold spaces), so both forms are read.
fn form_pairs(text: &str) -> Option<Vec<(String, String)>> {
    let line = text.lines().map(str::trim).find(|l| !l.is_empty())?;
    let mut pairs = Vec::new();
    for part in line.split('&') {
        let (k, v) = part.split_once('=')?;
        if k.is_empty()
            || !k
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"_-.[]".contains(&b))
        {
            return None;
        }
        pairs.push((percent_decode(k), percent_decode(v)));
    }
    Some(pairs)
}

fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < b.len() => match (hex(b[i + 1]), hex(b[i + 2])) {
                (Some(h), Some(l)) => {
                    out.push(h * 16 + l);
                    i += 2;
                }
                _ => out.push(b'%'),
            },
            c => out.push(c),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex(b: u8) -> Option<u8> {
    (b as char).to_digit(16).map(|d| d as u8)
}

fn form_errors(pairs: &[(String, String)], facts: &mut BodyFacts, red: &Redactor) {
    let get = |k: &str| pairs.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str());
    if let Some(problem) = get("oauth_problem") {
        let message = match get("oauth_problem_advice") {
            Some(advice) => format!("{problem} ({advice})"),
            None => problem.to_string(),
        };
        push(
            red,
            &mut facts.errors,
            &mut facts.errors_omitted,
            None,
            &message,
        );
    }
    if let Some(code) = get("error") {
        oauth(
            facts,
            code,
            get("error_description").map(str::to_string),
            red,
        );
    }
}

/// The text of an HTML page's `<title>`, or of its first `<h1>`.
fn html_title(text: &str) -> Option<String> {
    let lower = text.to_ascii_lowercase();
    for (open, close) in [("<title>", "</title>"), ("<h1>", "</h1>")] {
        if let Some(s) = lower.find(open) {
            let from = s + open.len();
            if let Some(e) = lower[from..].find(close) {
                let t = text[from..from + e].trim();
                if !t.is_empty() {
                    return Some(t.split_whitespace().collect::<Vec<_>>().join(" "));
                }
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn errors(body: &str) -> Vec<(Option<String>, String)> {
        read(body.as_bytes(), None, None)
            .errors
            .into_iter()
            .map(|e| (e.field.map(|f| f.into_string()), e.message.into_string()))
            .collect()
    }

    #[test]
    fn every_json_shape() {
        assert_eq!(
            errors(r#"{"errors": "Not Found"}"#),
            [(None, "Not Found".into())]
        );
        assert_eq!(
            errors(r#"{"errors": ["a", "b"]}"#),
            [(None, "a".into()), (None, "b".into())]
        );
        assert_eq!(
            errors(r#"{"errors": {"title": ["can't be blank"], "base": ["gone"]}}"#),
            [
                (Some("title".into()), "can't be blank".into()),
                (None, "gone".into())
            ]
        );
        assert_eq!(errors(r#"{"error": "boom"}"#), [(None, "boom".into())]);
        let f = read(
            br#"{"error":"invalid_grant","error_description":"used"}"#,
            None,
            None,
        );
        assert_eq!(f.oauth_error.unwrap().error, "invalid_grant");
        assert_eq!(f.errors[0].message, "invalid_grant: used");
    }

    #[test]
    fn success_bodies_hold_no_errors_but_explicit_ones() {
        let ok = |b: &str| {
            read_response(
                b.as_bytes(),
                Some("application/json"),
                None,
                false,
                &Redactor::default(),
            )
        };
        assert!(ok(r#"{"message": "Product created"}"#).errors.is_empty());
        assert!(
            ok(r#"[{"id": 1, "description": "Blue shirt"}]"#)
                .errors
                .is_empty()
        );
        assert!(ok("plain words").errors.is_empty());
        let html = read_response(
            b"<html><title>Moved</title></html>",
            None,
            None,
            false,
            &Redactor::default(),
        );
        assert_eq!((html.kind, html.errors.len()), (BodyKind::Html, 0));
        let form = read_response(
            b"error=invalid_grant&error_description=used",
            None,
            None,
            false,
            &Redactor::default(),
        );
        assert_eq!((form.kind, form.errors.len()), (BodyKind::Form, 1));
        assert_eq!(
            ok(r#"{"errors": ["partial"]}"#).errors[0].message,
            "partial"
        );
    }

    #[test]
    fn a_json_body_cut_short_still_gives_its_errors() {
        let mut body = r#"{"errors": {"title": ["can't be blank"]}, "items": ["#.to_string();
        body.push_str(&"1234567890,".repeat(1000));
        let f = read(body.as_bytes(), Some("application/json"), None);
        assert_eq!(f.kind, BodyKind::Json);
        assert_eq!(f.errors[0].field.as_deref(), Some("title"));
        let f = read(br#"{"items": [1, 2, 3"#, Some("application/json"), None);
        assert!(f.errors.is_empty() && f.json_unreadable);
        // Only the top level counts, and a key's name inside a value is no key.
        let f = read(
            br#"{"data": [{"errors": "not me"}], "tags": ["errors"], "errors": "real", "items": [1,"#,
            Some("application/json"),
            None,
        );
        assert_eq!(f.errors.len(), 1);
        assert_eq!(f.errors[0].message, "real");
    }

    #[test]
    fn errors_past_the_limit_are_counted() {
        let list: Vec<String> = (0..70).map(|i| format!("\"e{i}\"")).collect();
        let body = format!("{{\"errors\": [{}]}}", list.join(","));
        let f = read(body.as_bytes(), Some("application/json"), None);
        assert_eq!((f.errors.len(), f.errors_omitted), (MAX_ERRORS, 20));
    }

    #[test]
    fn hikes_form_body() {
        let f = read(
            b"oauth_problem=rate limit exceeded&oauth_problem_advice=please wait",
            Some("application/x-www-form-urlencoded"),
            None,
        );
        assert_eq!(f.kind, BodyKind::Form);
        assert_eq!(f.errors[0].message, "rate limit exceeded (please wait)");
        assert_eq!(percent_decode("a%20b+c%zz%"), "a b c%zz%");
    }

    #[test]
    fn kind_names_match_json() {
        for k in [
            BodyKind::Empty,
            BodyKind::Json,
            BodyKind::Form,
            BodyKind::Html,
            BodyKind::Text,
            BodyKind::Binary,
        ] {
            assert_eq!(serde_json::to_value(k).unwrap(), k.as_str());
        }
    }

    #[test]
    fn html_and_binary() {
        let f = read(
            b"<html><head><title>502 Bad Gateway</title></head></html>",
            None,
            None,
        );
        assert_eq!(f.kind, BodyKind::Html);
        assert_eq!(f.html_title.as_deref(), Some("502 Bad Gateway"));
        let f = read(&[0x1f, 0x8b, 8, 0, 0, 0], None, None);
        assert!(f.gzip && f.kind == BodyKind::Binary);
        assert_eq!(read(b"  \n", None, None).kind, BodyKind::Empty);
    }
}
