//! A status stated in a line of text, with HTTP context:
//!
//! - after `HTTP` or a protocol version: `HTTP 429`, `HTTP/1.1 429`, `"HTTP/1.1 429 ..."`;
//! - after the quoted request line of an access log or urllib3's debug line:
//!   `"GET /x HTTP/1.1" 429 95`;
//! - after a status key: `status 429`, `status: 429`, `status=429`, `"statusCode":429`,
//!   `"status_code": 429`, `status code 429`, `response code 429` (not `exit status`);
//! - before its own reason phrase: `429 Too Many Requests`, `(Too Many Requests)`,
//!   `INTERNAL SERVER ERROR` (Spring's and Rails' lines, .NET's message);
//! - after `returned` or `responded`: `returned 401`;
//! - as `(429)` or `: 429` after a failure word (`error`, `failed`, `falló`, `Fehler`,
//!   `échec`, ..., or `API`): `Hikeup API Error (429)`, `Token refresh failed: 400 {...}`;
//! - after an arrow that follows a method and path: `GET /x -> 200`;
//! - .NET's HttpClient log: `End processing HTTP request after 48.2ms - 429` (its inner
//!   handler's `Received HTTP response headers after ...` line is the same exchange).
//!
//! Where the context is weak (all but the protocol, the request line, a quoted or `=`
//! key and the reason phrase), the word after the code must not make it a count:
//! `failed: 404 of 1000 items` and `returned 200 rows` are no statuses.

use std::borrow::Cow;

use super::body;
use super::record;
use super::request::{request, request_at, request_id};
use super::scan::{code_at, cut, ends_with_ci, is_method, last_word, reason_at};
use super::secrets::of_text;
use super::source::{Source, text_client, text_source};
use super::time;
use super::{Context, LogExchange};

/// A status found in a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stated {
    /// The status.
    pub status: u16,
    /// Where its three digits start.
    pub at: usize,
    /// Where the status and the reason phrase with it end.
    pub end: usize,
    /// The reason phrase with it, if any.
    pub reason: Option<String>,
    /// The method and target of a quoted request line before it.
    pub request: Option<(String, String)>,
}

/// Failure words after which `(429)` or `: 429` is a status, in the languages integrations
/// log in (lower case).
const FAILURE_WORDS: &[&str] = &[
    "error",
    "errors",
    "err",
    "failed",
    "failure",
    "fail",
    "fails",
    "failing",
    "api",
    "exception",
    "erreur",
    "échec",
    "echec",
    "échoué",
    "echoue",
    "fehler",
    "fehlgeschlagen",
    "falló",
    "fallo",
    "fallida",
    "fallido",
    "falla",
    "erro",
    "falhou",
    "falha",
    "errore",
    "fallito",
    "fallita",
    "fout",
    "mislukt",
    "ошибка",
    "błąd",
    "hata",
    "エラー",
    "失敗",
    "错误",
    "失败",
    "오류",
    "실패",
];

/// Words after a code that keep it a status where the context is weak.
const CONNECTIVES: &[&str] = &[
    "for", "on", "from", "when", "while", "with", "at", "after", "in", "to", "calling", "error",
    "response", "status", "body", "retrying", "retry", "and", "but", "so", "because", "url", "uri",
    "path", "method", "request", "http", "then", "via", "de", "en", "con", "para", "bei", "für",
    "beim", "pour", "sur", "lors", "ok", "get", "post", "put", "patch", "delete", "head",
    "options", "received", "returned", "error:",
];

/// Whether the text after a code keeps it a status where the context is weak.
fn follow_ok(after: &str) -> bool {
    let Some(c) = after.chars().next() else {
        return true;
    };
    if c == ' ' || c == '\t' {
        let w = after.trim_start();
        let Some(c2) = w.chars().next() else {
            return true;
        };
        if c2.is_ascii_digit() {
            return false;
        }
        if c2.is_alphabetic() {
            let end = w
                .find(|c: char| !c.is_alphanumeric() && c != '_')
                .unwrap_or(w.len());
            let word = &w[..end];
            let lower = word.to_lowercase();
            return CONNECTIVES.contains(&lower.as_str())
                || c2.is_uppercase()
                || w[end..].starts_with(['=', ':']);
        }
        return true;
    }
    matches!(
        c,
        ',' | ';' | ':' | ')' | ']' | '}' | '"' | '\'' | '!' | '.' | '-' | '>' | '|'
    )
}

/// `HTTP`, `HTTP/1.1`, `HTTP/2` right before (with a space).
fn after_protocol(before: &str) -> bool {
    let Some(t) = before.strip_suffix(' ') else {
        return false;
    };
    let b = t.as_bytes();
    let word_start = |len: usize| b.len() == len || !b[b.len() - len - 1].is_ascii_alphanumeric();
    if ends_with_ci(b, b"http") {
        return word_start(4);
    }
    let Some(slash) = t.rfind('/') else {
        return false;
    };
    let v = &t[slash + 1..];
    ends_with_ci(&b[..slash], b"http")
        && (slash == 4 || !b[slash - 5].is_ascii_alphanumeric())
        && matches!(v, "1.0" | "1.1" | "2" | "2.0" | "3" | "3.0")
}

/// `"GET /x HTTP/1.1" ` right before: the method and target.
fn after_request_line(before: &str) -> Option<(String, String)> {
    let t = before.strip_suffix("\" ")?;
    let open = t.rfind('"')?;
    let mut parts = t[open + 1..].split(' ');
    let (m, target, v) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || !is_method(m.as_bytes()) || !v.starts_with("HTTP/") {
        return None;
    }
    Some((m.to_string(), target.to_string()))
}

const STATUS_KEYS: &[&str] = &[
    "status",
    "statuscode",
    "status_code",
    "status-code",
    "status code",
    "http_code",
    "httpcode",
    "http code",
    "response code",
    "response_code",
    "responsecode",
];

/// Words before `status` that make it no HTTP status.
const NOT_HTTP: &[&str] = &[
    "exit",
    "exited with",
    "wait",
    "process",
    "job",
    "order",
    "payment",
    "build",
    "pipeline",
    "task",
];

/// A status key right before (`status: `, `"statusCode":`, `status=`): `Some(strong)`.
fn after_status_key(before: &str) -> Option<bool> {
    let t = before.trim_end_matches([' ', '\t', ':', '=', '"', '\'']);
    let seps = &before[t.len()..];
    if seps.is_empty() || seps.len() > 5 {
        return None;
    }
    let tb = t.as_bytes();
    let key = STATUS_KEYS
        .iter()
        .find(|k| ends_with_ci(tb, k.as_bytes()))?;
    let rest = t[..t.len() - key.len()].trim_end_matches([' ', '_', '-', '.']);
    // The few words before the key are enough (and keep a long line linear).
    let from = rest.len().saturating_sub(16);
    let from = (from..=rest.len())
        .find(|&i| rest.is_char_boundary(i))
        .unwrap_or(rest.len());
    let rest = rest[from..].to_lowercase();
    if NOT_HTTP.iter().any(|w| rest.ends_with(w)) {
        return None;
    }
    Some(seps.contains(['"', '=']))
}

/// `(429)` or `: 429` after a failure word, or `returned 401`: the context is there.
fn after_failure(before: &str, after: &str) -> bool {
    let t = before.trim_end();
    if t.ends_with("returned") || t.ends_with("responded") || t.ends_with("responded with") {
        return true;
    }
    let w = if let Some(open) = t.strip_suffix('(') {
        if !after.starts_with(')') {
            return false;
        }
        // `Rate limited (429)`, `throttled (429)`: a code in brackets, not a count after
        // a colon (`limited: 500 items`).
        let w = last_word(open).to_lowercase();
        if w == "limited" || w == "throttled" {
            return true;
        }
        last_word(open)
    } else if let Some(colon) = t.strip_suffix(':') {
        last_word(colon)
    } else {
        return false;
    };
    let w = w.to_lowercase();
    FAILURE_WORDS.contains(&w.as_str()) || w.ends_with("error") || w.ends_with("exception")
}

/// The first status stated in HTTP context on a line.
pub fn find_status(s: &str) -> Option<Stated> {
    let b = s.as_bytes();
    // Each looked for once a line, not once a candidate (a long line holds many numbers).
    static DOTNET: once_cell::sync::Lazy<crate::find::Finder<'static>> =
        once_cell::sync::Lazy::new(|| {
            crate::find::Finder::new(b"End processing HTTP request after")
        });
    let dotnet_line = DOTNET.find(b).is_some();
    let mut first_request: Option<Option<usize>> = None;
    for at in 0..b.len().saturating_sub(2) {
        if !(b'1'..=b'5').contains(&b[at]) {
            continue;
        }
        let Some(status) = code_at(b, at) else {
            continue;
        };
        let before = &s[..at];
        let after = &s[at + 3..];
        let found = |end: usize, reason: Option<&str>, request| Stated {
            status,
            at,
            end,
            reason: reason.map(str::to_string),
            request,
        };
        // The reason phrase with it: `429 Too Many Requests`, `429 (Too Many Requests)`.
        if let Some(r) = after.strip_prefix(' ') {
            if let Some(n) = reason_at(status, r) {
                return Some(found(at + 4 + n, Some(&r[..n]), after_request_line(before)));
            }
        }
        if let Some(r) = after.strip_prefix(" (") {
            if let Some(n) = reason_at(status, r) {
                if r[n..].starts_with(')') {
                    return Some(found(at + 6 + n, Some(&r[..n]), None));
                }
            }
        }
        // `HTTP 429` (not `HTTP/1.1 429`): `HTTP 500 errors today` counts errors.
        if after_protocol(before)
            && (before.ends_with("/1.1 ")
                || before.ends_with("/1.0 ")
                || before.ends_with("/2 ")
                || before.ends_with("/2.0 ")
                || before.ends_with("/3 ")
                || follow_ok(after))
        {
            return Some(found(at + 3, None, None));
        }
        if let Some(req) = after_request_line(before) {
            return Some(found(at + 3, None, Some(req)));
        }
        let weak = match after_status_key(before) {
            Some(strong) => !strong,
            None => {
                let t = before.trim_end();
                let arrow = (t.ends_with("->") || t.ends_with("=>") || t.ends_with('→'))
                    && first_request
                        .get_or_insert_with(|| request_at(s))
                        .is_some_and(|r| r < at);
                let dotnet = dotnet_line && before.ends_with("ms - ");
                if dotnet {
                    return Some(found(at + 3, None, None));
                }
                if !(arrow || after_failure(before, after)) {
                    continue;
                }
                true
            }
        };
        if weak && !follow_ok(after.strip_prefix(')').unwrap_or(after)) {
            continue;
        }
        let end = if after.starts_with(')') {
            at + 4
        } else {
            at + 3
        };
        return Some(found(end, None, None));
    }
    None
}

/// The first JSON object in a line that reads as a record with a status (Monolog's context,
/// a record a message quotes).
fn embedded(s: &str, ctx: &Context) -> Option<(LogExchange, serde_json::Value)> {
    let (_, _, v) = body::json_in(s)?;
    let obj = v.as_object()?;
    let x = record::exchange(obj, ctx)?;
    Some((x, v))
}

/// Reads one line of text (see the [module docs](self)).
pub(crate) fn read(line: &[u8], ctx: &Context) -> Option<LogExchange> {
    let s: Cow<'_, str> = String::from_utf8_lossy(line);
    let s: &str = &s;
    if !s.bytes().any(|c| c.is_ascii_digit()) && !s.contains("oauth_problem=") {
        return None;
    }
    let source = text_source(line);
    let client = text_client(line);
    let time_ms = time::find_in_line(line, ctx.year);
    let (method, target) = request(s);
    let stated = find_status(s);
    // A record inside the line (Monolog's context) gives its fields when it holds the
    // status, or a status where the text states none.
    let inner = if stated.is_none() || s.contains('{') {
        embedded(s, ctx)
    } else {
        None
    };
    let inner_wins = match (&stated, &inner) {
        (Some(st), Some((x, _))) => x.status == st.status,
        (None, Some(_)) => true,
        _ => false,
    };
    let (mut x, json) = match (stated, inner) {
        (_, Some((x, v))) if inner_wins => (x, Some(v)),
        (Some(st), inner) => {
            let end = if source == Source::Monolog {
                body::monolog_message_end(s).max(st.end)
            } else {
                s.len()
            };
            let rest = &s[st.end..end];
            let body = body::keyed(&s[..end]).or_else(|| body::after_status(rest));
            let tail = rest.trim_matches(|c: char| c.is_whitespace() || ".:-)(".contains(c));
            let (method, target) = match st.request {
                Some((m, t)) => (Some(m), Some(t)),
                None => (method.clone(), target.clone()),
            };
            let json = inner.map(|(_, v)| v);
            let follows = body.is_none() && names_only(tail, &method, &target);
            (
                LogExchange {
                    status: st.status,
                    reason: st.reason,
                    method,
                    target,
                    request_id: request_id(s),
                    body_may_follow: follows,
                    body,
                    ..LogExchange::default()
                },
                json,
            )
        }
        (None, _) => {
            let (a, e) = body::hike_form(s)?;
            (
                LogExchange {
                    status: 429,
                    inferred: true,
                    method: method.clone(),
                    target: target.clone(),
                    body: Some(cut(&s[a..e], super::MAX_BODY).as_bytes().to_vec()),
                    ..LogExchange::default()
                },
                None,
            )
        }
    };
    x.method = x.method.or(method);
    x.target = x.target.or(target);
    x.time_ms = x.time_ms.or(time_ms);
    x.source = source;
    x.client = x.client.or(client);
    x.secrets = of_text(s, json.as_ref());
    Some(x)
}

/// Whether what follows a status on its line names at most the request it answered (`for
/// GET /x`, `on /x`): a body the logger wrote may still follow on the next lines.
fn names_only(tail: &str, method: &Option<String>, target: &Option<String>) -> bool {
    tail.split_whitespace().all(|w| {
        let w = w.trim_matches(|c: char| ".:-)(".contains(c));
        w.is_empty()
            || ["for", "on", "from", "to"].contains(&w)
            || method.as_deref() == Some(w)
            || target.as_deref() == Some(w)
    })
}

#[cfg(test)]
mod tests;
