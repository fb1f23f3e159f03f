//! JSON error bodies: the first document among other lines, a document cut short, and the
//! error keys of every shape Hike's family of APIs uses, OAuth errors included.

use serde_json::Value;

use crate::json::error_keys::{CUT_BODY, ERROR, ERROR_DESCRIPTION, ERRORS};
use crate::redact::Redactor;

use super::shapes::*;
use super::*;

/// The first JSON object or array in the text: the body may sit among other lines (wget's
/// chatter, a trailing `curl -w` code).
pub(crate) fn first_json(text: &str) -> Option<Value> {
    first_document::<Value>(text)
}

/// The first document that `T` reads in the text, starting at a line that opens with `{`
/// or `[` (so an object or an array).
fn first_document<T: serde::de::DeserializeOwned>(text: &str) -> Option<T> {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let t = line.trim_start();
        if t.starts_with('{') || t.starts_with('[') {
            let start = offset + (line.len() - t.len());
            // The document may go on over the lines after this one.
            if let Some((v, _)) = crate::json::read_first::<T>(&text.as_bytes()[start..]) {
                return Some(v);
            }
        }
        offset += line.len();
    }
    None
}

/// Whether the body of a success (not a declared problem detail) is a JSON document in
/// which [`json_errors`] finds nothing: no key can be `errors` or `error` when the text
/// holds no `error` in any case. Such a document is only checked, not built. Only text
/// that the check and serde_json's `Value` read alike qualifies: no escapes (a lone
/// surrogate), no exponent or 300-digit number (out of range), and far less nesting than
/// serde_json's limit; any other goes the whole way.
pub(crate) fn success_without_errors(text: &str) -> bool {
    let b = text.as_bytes();
    if crate::find::memchr(b'\\', b).is_some()
        || b.windows(5).any(|w| w.eq_ignore_ascii_case(b"error"))
    {
        return false;
    }
    let (mut opens, mut digits) = (0usize, 0usize);
    for (i, &c) in b.iter().enumerate() {
        match c {
            b'{' | b'[' => opens += 1,
            b'e' | b'E' if i > 0 && b[i - 1].is_ascii_digit() => return false,
            _ => {}
        }
        digits = if c.is_ascii_digit() { digits + 1 } else { 0 };
        if digits >= 300 || opens > 100 {
            return false;
        }
    }
    first_document::<serde::de::IgnoredAny>(text).is_some()
}

/// The error keys of a JSON object whose text is cut short or broken: each top-level key
/// whose value completes inside the text. A scan that knows strings and nesting finds the
/// top level; serde_json reads each value.
pub(crate) fn partial_json(text: &str) -> serde_json::Map<String, Value> {
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
                if depth == 1 && b.get(k) == Some(&b':') && CUT_BODY.contains(&key) {
                    let value = crate::json::read_first::<Value>(&b[k + 1..]);
                    if let (Some((v, _)), false) = (value, map.contains_key(key)) {
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

pub(crate) fn json_errors(value: &Value, facts: &mut BodyFacts, is_error: bool, red: &Redactor) {
    let Some(obj) = value.as_object() else {
        if let (Value::Array(items), true) = (value, is_error) {
            for item in items.iter().filter_map(value_text) {
                facts.push_error(red, None, &item);
            }
        }
        return;
    };
    // A problem detail (RFC 9457) or ASP.NET's HttpError says what failed first.
    if is_error || facts.problem.is_some() {
        if facts.problem.is_some() {
            problem_errors(obj, facts, red);
        } else if is_aspnet(obj) {
            aspnet_errors(obj, facts, red);
        }
    }
    if let Some(errors) = get_ci(obj, ERRORS) {
        match errors {
            Value::Object(fields) => keyed_errors(fields, facts, red),
            Value::Array(items) => {
                push_items(items, facts, red);
            }
            other => {
                if let Some(m) = value_text(other) {
                    facts.push_error(red, None, &m);
                }
            }
        }
    }
    if let Some(error) = get_ci(obj, ERROR) {
        let description = get_ci(obj, ERROR_DESCRIPTION)
            .and_then(Value::as_str)
            .map(str::to_string);
        match error {
            Value::String(code) if oauth_meaning(code).is_some() || description.is_some() => {
                oauth(facts, code, description, red);
            }
            Value::Object(e) if is_abp(e) => abp_errors(e, facts, red),
            other => {
                if let Some(m) = value_text(other) {
                    facts.push_error(red, None, &m);
                }
            }
        }
    }
    if facts.errors.is_empty() && is_error {
        if let Some(m) = get_ci(obj, "message").and_then(value_text) {
            facts.push_error(red, None, &m);
        }
    }
}

pub(crate) fn oauth(
    facts: &mut BodyFacts,
    code: &str,
    description: Option<String>,
    red: &Redactor,
) {
    let message = match &description {
        Some(d) => format!("{code}: {d}"),
        None => code.to_string(),
    };
    facts.push_error(red, None, &message);
    facts.oauth_error = Some(OAuthError {
        error: red.text(code),
        description: description.map(|d| red.text(&d)),
        meaning: oauth_meaning(code).map(str::to_string),
    });
}
