//! Reading the errors out of a response body: JSON in every shape Hike's family of APIs uses,
//! Hike's form-encoded rate-limit body, OAuth errors, HTML error pages and plain text.

use serde::Serialize;
use serde_json::Value;

use crate::json::error_keys::ITEM_MESSAGE;
use crate::redact::{Redacted, Redactor};

mod charset;
mod form;
mod json;
mod memo;
mod shapes;
#[cfg(test)]
mod tests;

use form::*;
use json::*;

pub use shapes::ProblemDetails;

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
    /// The members of an RFC 9457 problem detail, when the body is one.
    pub problem: Option<ProblemDetails>,
    /// Whether the streaming scan of a long JSON body stopped before its end.
    pub scan_cut: bool,
    /// The legacy charset the body was decoded from, as its Content-Type declares it.
    pub charset: Option<String>,
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
    let read = || read_fresh(body, content_type, content_encoding, is_error, red);
    if !red.secrets().is_empty() {
        // What the reading hides depends on them: read afresh.
        return read();
    }
    let key = memo::Key {
        body,
        content_type,
        content_encoding,
        is_error,
    };
    memo::remembered(key, read)
}

fn read_fresh(
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
        problem: None,
        scan_cut: false,
        charset: None,
    };
    let trimmed = body.trim_ascii();
    if trimmed.is_empty() {
        return facts;
    }
    let encoded = content_encoding.is_some_and(|e| {
        let e = e.trim().to_ascii_lowercase();
        !e.is_empty() && e != "identity"
    });
    let charset = charset::declared(content_type);
    facts.charset = charset.map(|e| e.name().to_string());
    // `curl --compressed` prints the body decoded under the `Content-Encoding` it was sent
    // with: only a body whose bytes are still compressed is left unread.
    let compressed = body.starts_with(&[0x1f, 0x8b]) || encoded && has_controls(body);
    if compressed || charset.is_none() && looks_binary(body) {
        facts.gzip = body.starts_with(&[0x1f, 0x8b])
            || content_encoding.is_some_and(|e| e.to_ascii_lowercase().contains("gzip"));
        facts.kind = BodyKind::Binary;
        return facts;
    }
    let text = charset::text(body, charset);
    let ct = content_type.unwrap_or("").to_ascii_lowercase();
    let json_like = ct.contains("json") || ct.is_empty() && text.trim_start().starts_with('{');
    if !is_error && !ct.contains("problem+json") && success_without_errors(&text) {
        // A success's list or record: JSON, with nothing more to read in it.
        facts.kind = BodyKind::Json;
    } else if let Some(value) = first_json(&text) {
        facts.kind = BodyKind::Json;
        if let Some(obj) = value.as_object() {
            // A success's body with a `title` and a `status` is a record, not a problem.
            let declared = ct.contains("problem+json");
            if is_error || declared {
                facts.problem = shapes::problem(obj, declared, red);
            }
        }
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
            facts.push_error(red, None, t);
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
            facts.push_error(red, None, line);
        }
    }
    facts
}

fn starts_with_ci(s: &str, prefix: &str) -> bool {
    s.len() >= prefix.len() && s.as_bytes()[..prefix.len()].eq_ignore_ascii_case(prefix.as_bytes())
}

/// Whether the start of a body holds a control byte text has no use for (all but the
/// whitespace ones): compressed bytes are dense with them (about one in nine), and a
/// decoded text, in any charset, has none.
fn has_controls(body: &[u8]) -> bool {
    let sample = &body[..body.len().min(1024)];
    sample
        .iter()
        .any(|&b| b == 0x7f || b < 0x20 && !matches!(b, b'\t' | b'\n' | 0x0b | 0x0c | b'\r'))
}

fn looks_binary(body: &[u8]) -> bool {
    let sample = &body[..body.len().min(1024)];
    if crate::find::memchr(0, sample).is_some() {
        return true;
    }
    // Printable ASCII and whitespace, as most bodies are: nothing below counts it.
    if sample
        .iter()
        .all(|&b| (0x20..0x7f).contains(&b) || matches!(b, b'\t' | b'\n' | 0x0b | 0x0c | b'\r'))
    {
        return false;
    }
    let text = String::from_utf8_lossy(sample);
    let bad = text
        .chars()
        .filter(|c| *c == '\u{fffd}' || (c.is_control() && !c.is_whitespace()))
        .count();
    bad * 10 > text.chars().count().max(1)
}

impl BodyFacts {
    /// Adds an error the body gives, redacted and cut, unless it is blank or already there;
    /// past [`MAX_ERRORS`] it is only counted.
    pub(crate) fn push_error(&mut self, red: &Redactor, field: Option<&str>, message: &str) {
        if self.errors.len() >= MAX_ERRORS {
            self.errors_omitted += 1;
            return;
        }
        let message = message.trim();
        if message.is_empty() {
            return;
        }
        // Cut after redacting, so that no cut leaves a piece of a credential unrecognised.
        let e = BodyError {
            field: field.map(|f| red.text(f)),
            message: red.message(field, message).truncated(MAX_MESSAGE),
        };
        // A body may say the same twice (a problem detail's `errors` and `invalid-params`).
        if !self.errors.contains(&e) {
            self.errors.push(e);
        }
    }
}

pub(crate) fn value_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Null => None,
        Value::Object(o) => ITEM_MESSAGE
            .iter()
            .find_map(|key| shapes::get_ci(o, key))
            .and_then(value_text),
        other => Some(other.to_string()),
    }
}

/// Adds the errors a streaming scan found past the kept prefix of a JSON body: those the
/// prefix gave already are not listed twice, and those past [`MAX_ERRORS`] are counted.
pub fn add_scanned(
    facts: &mut BodyFacts,
    scanned: &crate::json::error_body::ScannedErrors,
    red: &Redactor,
) {
    for e in &scanned.errors {
        facts.push_error(red, e.field.as_deref(), &e.message);
    }
    facts.errors_omitted += scanned.omitted;
    if !scanned.errors.is_empty() {
        facts.json_unreadable = false;
    }
    facts.scan_cut |= scanned.cut;
}
