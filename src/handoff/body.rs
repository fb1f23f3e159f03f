//! The bodies in a post: their size and type, and with `--include-bodies` the response
//! body itself, redacted (the request body travels in the replay).

use std::io::{self, Write};

use serde_json::Value;

use crate::explain::Report;
use crate::explain::body::BodyKind;
use crate::redact::{Place, Redactor, is_credential_field};
use crate::transcript::{Exchange, Request};

use super::Options;
use super::markdown::{fence, plain};

/// How much of a response body a post shows.
const MAX_SHOWN: usize = 8 * 1024;

/// The response body's line, and with `--include-bodies` the body in a fenced block.
pub(super) fn response(
    out: &mut dyn Write,
    x: &Exchange,
    r: &Report,
    red: &Redactor,
    opts: Options,
    removed: &mut Vec<Place>,
) -> io::Result<()> {
    let Some(b) = &r.body else { return Ok(()) };
    if b.kind == BodyKind::Empty {
        return writeln!(out, "- **Response body:** empty");
    }
    let ty = b
        .content_type
        .as_ref()
        .map(|c| format!(" ({})", plain(c)))
        .unwrap_or_default();
    let what = format!("{} bytes of {}{ty}", b.bytes, b.kind.as_str());
    let resp = x.final_response.as_ref();
    if !opts.include_bodies {
        return writeln!(
            out,
            "- **Response body:** {what}, left out as this post is public \
             (explain --handoff --include-bodies adds it)"
        );
    }
    let Some(resp) = resp.filter(|_| b.kind != BodyKind::Binary) else {
        return writeln!(out, "- **Response body:** {what}, not text to show");
    };
    let (text, hid) = redacted_body(&resp.body, red);
    if hid {
        removed.push(Place::ResponseBody);
    }
    let cut = if text.len() > MAX_SHOWN || resp.body_truncated {
        ", its start"
    } else {
        ""
    };
    let mut end = text.len().min(MAX_SHOWN);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    writeln!(out, "- **Response body:** {what}{cut}:\n")?;
    let lang = if b.kind == BodyKind::Json {
        "json"
    } else {
        "text"
    };
    write!(out, "{}", fence(lang, &text[..end]))?;
    writeln!(out)
}

/// The request body's line: its size and type, and where it is.
pub(super) fn request(
    out: &mut dyn Write,
    req: Option<&Request>,
    red: &Redactor,
    opts: Options,
) -> io::Result<()> {
    let Some(req) = req.filter(|r| r.headers_shown) else {
        return Ok(());
    };
    let declared = req
        .header("content-length")
        .and_then(|v| v.trim().parse::<u64>().ok());
    if declared.unwrap_or(0) == 0 && req.body.iter().all(u8::is_ascii_whitespace) {
        return Ok(());
    }
    let size = declared
        .map(|n| format!("{n} bytes"))
        .unwrap_or_else(|| format!("{} bytes shown", req.body.len()));
    let ty = req
        .header("content-type")
        .map(|c| format!(" ({})", plain(&red.text(c.trim()))))
        .unwrap_or_default();
    let where_ = if !opts.include_bodies {
        "left out as this post is public (explain --handoff --include-bodies adds it)"
    } else if req.body.is_empty() {
        "not shown by the input"
    } else {
        "in the replay below, credentials as variables"
    };
    writeln!(out, "- **Request body:** {size}{ty}, {where_}")
}

/// The body as text with every credential hidden (a JSON body field by field), and
/// whether anything was.
fn redacted_body(body: &[u8], red: &Redactor) -> (String, bool) {
    let text = String::from_utf8_lossy(body);
    if let Some(mut v) = crate::json::read_whole::<Value>(text.trim().as_bytes()) {
        let mut hid = false;
        redact_json(&mut v, red, false, &mut hid);
        let pretty = serde_json::to_string_pretty(&v).unwrap_or_default();
        return (pretty, hid);
    }
    // JSON inside other text (a library's dump: `data: {...},`).
    if let (Some(a), Some(b)) = (text.find(['{', '[']), text.rfind(['}', ']'])) {
        if a < b && (a > 0 || b + 1 < text.len()) {
            if let Some(mut v) = crate::json::read_whole::<Value>(&text.as_bytes()[a..=b]) {
                let mut hid = false;
                redact_json(&mut v, red, false, &mut hid);
                let inner = serde_json::to_string_pretty(&v).unwrap_or_default();
                let (before, _) = redacted_text(&text[..a], red);
                let (after, more) = redacted_text(&text[b + 1..], red);
                return (format!("{before}{inner}{after}"), hid || more);
            }
        }
    }
    redacted_text(&text, red)
}

/// Text with every credential hidden, line by line, and each quoted piece of a line on its
/// own too (prose inside a JSON-like string: `"refresh_token x is invalid"`).
fn redacted_text(text: &str, red: &Redactor) -> (String, bool) {
    let line = |l: &str| {
        let whole = red.text(l).into_string();
        let pieces: Vec<String> = whole
            .split('"')
            .map(|p| red.text(p).into_string())
            .collect();
        pieces.join("\"")
    };
    let out: Vec<String> = text.lines().map(line).collect();
    let out = out.join("\n");
    let hid = out.matches("[redacted, ").count() > text.matches("[redacted, ").count();
    (out, hid)
}

fn redact_json(v: &mut Value, red: &Redactor, secret: bool, hid: &mut bool) {
    match v {
        Value::String(s) => {
            let new = if secret {
                format!("[redacted, {} chars]", s.chars().count())
            } else {
                red.text(s).into_string()
            };
            if new != *s {
                *hid = true;
                *s = new;
            }
        }
        Value::Array(items) => {
            for i in items {
                redact_json(i, red, secret, hid);
            }
        }
        Value::Object(fields) => {
            // An error about a credential-named field (`{"field": "client_secret",
            // "message": "..."}`, ABP's `"members": ["password"]`): its other strings are
            // hidden whole, as the report hides its message.
            let about_secret = fields.values().any(names_credential);
            let old = std::mem::take(fields);
            for (k, mut val) in old {
                let key = red.text(&k).into_string();
                if key != k {
                    *hid = true;
                }
                let under =
                    secret || is_credential_field(&k) || (about_secret && !names_credential(&val));
                redact_json(&mut val, red, under, hid);
                fields.insert(key, val);
            }
        }
        Value::Number(_) | Value::Bool(_) | Value::Null => {
            if secret {
                *v = Value::String("[redacted]".into());
                *hid = true;
            }
        }
    }
}

/// Whether a value is a credential-named field's name, or a list of names with one.
fn names_credential(v: &Value) -> bool {
    let name = |s: &str| s.len() <= 64 && !s.contains(' ') && is_credential_field(s);
    match v {
        Value::String(s) => name(s),
        Value::Array(items) => items.iter().any(|i| i.as_str().is_some_and(name)),
        _ => false,
    }
}
