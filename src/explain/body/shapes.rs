//! Error bodies in the shapes .NET, Java and problem-detail APIs use: RFC 9457 problem
//! details (with the `errors` and `invalid-params` extension members), ASP.NET Web API
//! (`Message`, `MessageDetail`, `ExceptionMessage`, `ModelState`) and ABP (`error.message`,
//! `error.details`, `error.validationErrors[]` with `members`). Keys match without regard to
//! case, as ASP.NET's serializers differ in it.

use serde::Serialize;
use serde_json::{Map, Value};

use crate::json::error_keys::{
    ASPNET_DETAIL, ASPNET_EXCEPTION, ASPNET_EXCEPTION_TYPE, ASPNET_MESSAGE, DETAILS,
    INVALID_PARAMS, ITEM_FIELD, ITEM_FIELD_PARTS, ITEM_POINTER, MODEL_STATE, NO_FIELD,
    VALIDATION_ERRORS,
};
use crate::redact::{Redacted, Redactor};

use super::*;

/// The members of an RFC 9457 problem detail (§3.1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ProblemDetails {
    /// `type`: a URI naming the problem type.
    pub problem_type: Option<Redacted>,
    /// `title`: a short summary of the problem type.
    pub title: Option<Redacted>,
    /// `status`: the status code the server gave.
    pub status: Option<u16>,
    /// `detail`: what went wrong this time.
    pub detail: Option<Redacted>,
    /// `instance`: a URI naming this occurrence.
    pub instance: Option<Redacted>,
}

/// The value of a key, matched exactly first, then without regard to case.
pub(crate) fn get_ci<'a>(obj: &'a Map<String, Value>, key: &str) -> Option<&'a Value> {
    obj.get(key).or_else(|| {
        obj.iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(key))
            .map(|(_, v)| v)
    })
}

fn text_ci<'a>(obj: &'a Map<String, Value>, key: &str) -> Option<&'a str> {
    get_ci(obj, key)
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

/// The field an error item names: `field`, `param`, `name`, `property(Name)`, `members`
/// (ABP), `loc` (FastAPI) or a JSON `pointer` (`#/age` → `age`).
/// Every item of an error list, each with the field it names.
pub(crate) fn push_items(items: &[Value], facts: &mut BodyFacts, red: &Redactor) {
    for item in items {
        let field = item_field(item);
        if let Some(m) = value_text(item) {
            facts.push_error(red, field.as_deref(), &m);
        }
    }
}

pub(crate) fn item_field(item: &Value) -> Option<String> {
    let obj = item.as_object()?;
    for key in ITEM_FIELD {
        if let Some(s) = text_ci(obj, key) {
            return Some(s.to_string());
        }
    }
    for key in ITEM_FIELD_PARTS {
        if let Some(Value::Array(parts)) = get_ci(obj, key) {
            let parts: Vec<String> = parts
                .iter()
                .filter_map(|p| match p {
                    Value::String(s) => Some(s.clone()),
                    Value::Number(n) => Some(n.to_string()),
                    _ => None,
                })
                .collect();
            if !parts.is_empty() {
                return Some(parts.join(", "));
            }
        }
    }
    let pointer = ITEM_POINTER.iter().find_map(|key| text_ci(obj, key))?;
    let p = pointer.trim_start_matches('#').trim_start_matches('/');
    Some(p.replace('/', ".")).filter(|p| !p.is_empty())
}

/// The problem detail a body is, when it has the members of one: `title` or `detail`, with
/// `type` or `status` (RFC 9457 §3.1), or its media type says so.
pub(crate) fn problem(
    obj: &Map<String, Value>,
    declared: bool,
    red: &Redactor,
) -> Option<ProblemDetails> {
    let title = text_ci(obj, "title");
    let detail = text_ci(obj, "detail");
    let problem_type = text_ci(obj, "type");
    let status = get_ci(obj, "status").and_then(|s| match s {
        Value::Number(n) => n.as_u64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    });
    let shaped =
        (title.is_some() || detail.is_some()) && (problem_type.is_some() || status.is_some());
    if !(declared || shaped) {
        return None;
    }
    Some(ProblemDetails {
        problem_type: problem_type.map(|t| red.url(t)),
        title: title.map(|t| red.text(t)),
        status: status.and_then(|s| u16::try_from(s).ok()),
        detail: detail.map(|d| red.text(d)),
        instance: text_ci(obj, "instance").map(|i| red.url(i)),
    })
}

/// A problem detail's own errors: its `detail` (or `title`), then `invalid-params`
/// (RFC 9457's example extension: `name`, `reason`). Its `errors` member is read with the
/// other `errors` shapes.
pub(crate) fn problem_errors(obj: &Map<String, Value>, facts: &mut BodyFacts, red: &Redactor) {
    let summary = match (text_ci(obj, "title"), text_ci(obj, "detail")) {
        (Some(t), Some(d)) => Some(format!("{}: {d}", t.trim_end_matches('.'))),
        (t, d) => t.or(d).map(str::to_string),
    };
    if let Some(m) = summary {
        facts.push_error(red, None, &m);
    }
    if let Some(Value::Array(items)) = get_ci(obj, INVALID_PARAMS) {
        for item in items {
            let field = item_field(item);
            let message = item
                .as_object()
                .and_then(|o| text_ci(o, "reason").or_else(|| text_ci(o, "message")));
            if let Some(m) = message {
                facts.push_error(red, field.as_deref(), m);
            }
        }
    }
}

/// Whether a body is ASP.NET Web API's error shape.
pub(crate) fn is_aspnet(obj: &Map<String, Value>) -> bool {
    [MODEL_STATE, ASPNET_DETAIL, ASPNET_EXCEPTION]
        .iter()
        .any(|k| get_ci(obj, k).is_some())
}

/// ASP.NET Web API's HttpError: `Message`, `MessageDetail`, `ExceptionType` with
/// `ExceptionMessage`, and `ModelState` keyed by field.
pub(crate) fn aspnet_errors(obj: &Map<String, Value>, facts: &mut BodyFacts, red: &Redactor) {
    for key in [ASPNET_MESSAGE, ASPNET_DETAIL] {
        if let Some(m) = text_ci(obj, key) {
            facts.push_error(red, None, m);
        }
    }
    if let Some(m) = text_ci(obj, ASPNET_EXCEPTION) {
        let m = match text_ci(obj, ASPNET_EXCEPTION_TYPE) {
            Some(t) => format!("{t}: {m}"),
            None => m.to_string(),
        };
        facts.push_error(red, None, &m);
    }
    if let Some(Value::Object(fields)) = get_ci(obj, MODEL_STATE) {
        keyed_errors(fields, facts, red);
    }
}

/// Errors keyed by field: `{"title": ["can't be blank"], "base": [...]}`.
pub(crate) fn keyed_errors(fields: &Map<String, Value>, facts: &mut BodyFacts, red: &Redactor) {
    for (field, v) in fields {
        let field = (field != NO_FIELD && !field.is_empty()).then_some(field.as_str());
        match v {
            Value::Array(msgs) => {
                for m in msgs.iter().filter_map(value_text) {
                    facts.push_error(red, field, &m);
                }
            }
            other => {
                if let Some(m) = value_text(other) {
                    facts.push_error(red, field, &m);
                }
            }
        }
    }
}

/// ABP's `error` object: `message`, then each of `validationErrors` with its `members`, or
/// `details` when there are none (it repeats them in words).
pub(crate) fn abp_errors(error: &Map<String, Value>, facts: &mut BodyFacts, red: &Redactor) {
    if let Some(m) = text_ci(error, "message") {
        facts.push_error(red, None, m);
    }
    match get_ci(error, VALIDATION_ERRORS) {
        Some(Value::Array(items)) if !items.is_empty() => {
            push_items(items, facts, red);
        }
        _ => {
            if let Some(d) = text_ci(error, DETAILS) {
                facts.push_error(red, None, d);
            }
        }
    }
}

/// Whether an `error` object is ABP's.
pub(crate) fn is_abp(error: &Map<String, Value>) -> bool {
    get_ci(error, VALIDATION_ERRORS).is_some() || get_ci(error, DETAILS).is_some()
}
