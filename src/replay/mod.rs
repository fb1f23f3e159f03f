//! A request as one runnable curl command (`explain --curl`), with no secret in it: every
//! credential the redactor would hide becomes a shell variable the user sets.
//!
//! ```
//! use hike_status::replay::{Options, replay};
//! use hike_status::redact::Secrets;
//! use hike_status::transcript::Parser;
//!
//! let mut p = Parser::new();
//! p.feed(b"> GET /api/v1/products/get_all?page_size=5 HTTP/1.1\r\n> Host: api.hikeup.com\r\n\
//!     > Authorization: Bearer hk_live_SECRETTOKEN123\r\n>\r\n< HTTP/1.1 500 Oops\r\n<\r\n");
//! let t = p.finish();
//! let req = t.last.final_response.as_ref().unwrap().request.clone().unwrap();
//! let r = replay(&req, &t.secrets, Options { body: true }).unwrap();
//! let script = r.script();
//! assert!(script.contains("-H 'Authorization: Bearer '\"$HIKE_ACCESS_TOKEN\""));
//! assert!(!script.contains("SECRETTOKEN"));
//! ```

mod body;
pub mod quote;

use std::fmt;

use crate::redact::{Place, Redactor, Secrets, ShellVars, Variable, scheme_of};
use crate::sanitize::sanitize;
use crate::transcript::{Exchange, Request};

use quote::Word;

/// What a replay carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// The request body, when the input shows it (`--handoff` leaves it out unless
    /// `--include-bodies`).
    pub body: bool,
}

/// The curl command that repeats a request, and what it took out.
#[derive(Debug, Clone)]
pub struct Replay {
    /// Comment lines before the command (their text, without `# `).
    pub notes: Vec<String>,
    /// The command's lines of arguments, the first starting `curl`.
    pub lines: Vec<Vec<Word>>,
    /// The shell variables that stand for credentials.
    pub variables: Vec<Variable>,
    /// Every place a credential was taken from (variables, and a body left out unread).
    pub removed: Vec<Place>,
}

/// Why there is no replay: the input does not show the request, or not enough of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotShown {
    /// No request at all (`curl -i`, `wget -S`, a library's line, an app's log).
    NoRequest,
    /// A URL but not the request's method or headers.
    NoHeaders,
    /// The request's headers, but no host to send it to.
    NoHost,
}

impl fmt::Display for NotShown {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = match self {
            NotShown::NoRequest => {
                "the input does not show the request (its method, URL and headers)"
            }
            NotShown::NoHeaders => {
                "the input does not show the request's method and headers, only its URL"
            }
            NotShown::NoHost => {
                "the input does not show the host the request went to (no Host header)"
            }
        };
        write!(
            f,
            "no curl command to print: {what}; capture the call with `curl -v URL 2>&1`, \
             `http -v`, `curl --trace-ascii - URL` or a HAR export, and give that to explain"
        )
    }
}

/// Headers a replay leaves to curl: it sets them from the URL and the body it sends.
const LEFT_TO_CURL: &[&str] = &["host", "content-length", "accept-encoding", "connection"];

/// The request an exchange's final response answered (else the first the exchange shows).
pub fn request_of(x: &Exchange) -> Option<&Request> {
    x.final_response
        .as_ref()
        .and_then(|r| r.request.as_deref())
        .or(x.request.as_deref())
}

/// The replay of `req`, every credential in `secrets` or by the redaction rule made a
/// variable.
pub fn replay(req: &Request, secrets: &Secrets, opts: Options) -> Result<Replay, NotShown> {
    if !req.headers_shown {
        return Err(if req.target.is_empty() {
            NotShown::NoRequest
        } else {
            NotShown::NoHeaders
        });
    }
    let method = req.method.as_deref().ok_or(NotShown::NoHeaders)?;
    let url = url_of(req).ok_or(NotShown::NoHost)?;
    let red = Redactor::new(secrets.clone());
    let mut b = Builder {
        red: &red,
        vars: ShellVars::new(),
        removed: Vec::new(),
        notes: Vec::new(),
    };
    let mut first = vec![
        Word::literal("curl"),
        Word::literal("-sS"),
        Word::literal("-i"),
    ];
    let body = body::plan(req, opts.body);
    match method {
        "GET" if !body.sends() => {}
        "HEAD" => first.push(Word::literal("--head")),
        m => {
            first.push(Word::literal("-X"));
            first.push(Word::literal(m));
        }
    }
    // Headers first, so that the bearer token is the one named HIKE_ACCESS_TOKEN when a
    // URL's access_token holds another.
    let mut headers = Vec::new();
    for (name, value) in &req.headers {
        let lower = name.trim().to_ascii_lowercase();
        if name.starts_with(':') || LEFT_TO_CURL.contains(&lower.as_str()) {
            continue;
        }
        headers.push(vec![
            Word::literal("-H"),
            b.header(name.trim(), value.trim()),
        ]);
    }
    first.push(b.url(&url));
    let mut lines = vec![first];
    lines.append(&mut headers);
    body.write(&mut b, req, &mut lines);
    let variables: Vec<Variable> = b.vars.variables().cloned().collect();
    let mut notes = Vec::new();
    if !variables.is_empty() {
        let list: Vec<String> = variables
            .iter()
            .map(|v| format!("{} ({})", v.name, sanitize(&v.place.to_string())))
            .collect();
        notes.push(format!("set first: {}", list.join(", ")));
    }
    notes.append(&mut b.notes);
    let mut removed = Vec::new();
    for p in b.removed {
        if !removed.contains(&p) {
            removed.push(p);
        }
    }
    Ok(Replay {
        notes,
        lines,
        variables,
        removed,
    })
}

impl Replay {
    /// The comment lines and the command, a line each argument group, ending in a newline.
    pub fn script(&self) -> String {
        let mut out = String::new();
        for n in &self.notes {
            out.push_str("# ");
            out.push_str(&sanitize(n).replace('\n', " "));
            out.push('\n');
        }
        for (i, line) in self.lines.iter().enumerate() {
            if i > 0 {
                out.push_str(" \\\n  ");
            }
            let words: Vec<String> = line.iter().map(Word::quoted).collect();
            out.push_str(&words.join(" "));
        }
        out.push('\n');
        out
    }
}

/// The request's URL: as written when absolute, else from its Host header, `https://`
/// when the capture showed TLS or port 443.
fn url_of(req: &Request) -> Option<String> {
    let t = req.target.trim();
    let lower = t.get(..8).unwrap_or(t).to_ascii_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") {
        return Some(t.to_string());
    }
    let host = req
        .header("host")
        .or_else(|| req.header(":authority"))?
        .trim();
    if host.is_empty() || host.contains(['/', ' ', '@']) {
        return None;
    }
    let port443 = host.rsplit_once(':').is_some_and(|(_, p)| p == "443");
    let scheme = if req.tls || port443 { "https" } else { "http" };
    let path = if t.starts_with('/') { t } else { "/" };
    Some(format!("{scheme}://{host}{path}"))
}

/// Makes the words, naming each credential it takes out.
pub(crate) struct Builder<'a> {
    red: &'a Redactor,
    vars: ShellVars,
    removed: Vec<Place>,
    notes: Vec<String>,
}

impl Builder<'_> {
    /// `text` as a word, each span a variable named for the place `place_of` gives it.
    fn word(
        &mut self,
        prefix: &str,
        text: &str,
        spans: Option<Vec<std::ops::Range<usize>>>,
        place_of: impl Fn(&str, usize) -> Place,
    ) -> Word {
        let mut w = Word::literal(prefix);
        // What cannot be read back is hidden whole.
        #[allow(clippy::single_range_in_vec_init)]
        let spans = spans.unwrap_or_else(|| vec![0..text.len()]);
        let mut at = 0;
        for s in spans {
            w.push_literal(&text[at..s.start]);
            let place = place_of(text, s.start);
            let name = self.vars.name(&text[s.clone()], &place).to_string();
            self.removed.push(place);
            w.push_variable(&name);
            at = s.end;
        }
        w.push_literal(&text[at..]);
        w
    }

    fn url(&mut self, url: &str) -> Word {
        let spans = self.red.url_spans(url);
        self.word("", url, spans, url_place)
    }

    fn header(&mut self, name: &str, value: &str) -> Word {
        if value.is_empty() {
            // `-H 'Name:'` would remove the header; `Name;` sends it empty.
            return Word::literal(&format!("{name};"));
        }
        let spans = self.red.header_spans(name, value);
        let credential = crate::redact::is_credential_header(name);
        let scheme = scheme_of(value);
        self.word(&format!("{name}: "), value, spans, |_, _| {
            if credential {
                Place::Header {
                    name: name.to_string(),
                    scheme: scheme.clone(),
                }
            } else {
                Place::InHeader(name.to_string())
            }
        })
    }

    pub(crate) fn body(&mut self, text: &str) -> Word {
        let spans = self.red.text_spans(text);
        self.word("", text, spans, body_place)
    }

    pub(crate) fn note(&mut self, note: String) {
        self.notes.push(note);
    }
}

/// Where in a URL a hidden span starting at `at` stands.
fn url_place(url: &str, at: usize) -> Place {
    let before = &url[..at];
    if before.ends_with("://") {
        return Place::Userinfo;
    }
    match before.rfind(['?', '&', ';', '#']) {
        Some(sep) if before.ends_with('=') => {
            let name = &before[sep + 1..before.len() - 1];
            if before.contains('#') {
                Place::Fragment(name.to_string())
            } else {
                Place::Query(name.to_string())
            }
        }
        _ => Place::InUrl,
    }
}

/// Where in a body a hidden span starting at `at` stands: a form field, a JSON field, or
/// elsewhere.
fn body_place(body: &str, at: usize) -> Place {
    let before = &body[..at];
    if let Some(rest) = before.strip_suffix('=') {
        let start = rest.rfind(['&', '\n', '?']).map_or(0, |i| i + 1);
        let name = &rest[start..];
        if !name.is_empty() && !name.contains(['"', ' ', '{']) {
            return Place::FormField(name.to_string());
        }
    }
    let t = before.strip_suffix('"').unwrap_or(before).trim_end();
    if let Some(t) = t.strip_suffix(':') {
        if let Some(t) = t.trim_end().strip_suffix('"') {
            if let Some(open) = t.rfind('"') {
                return Place::JsonField(t[open + 1..].to_string());
            }
        }
    }
    Place::RequestBody
}

#[cfg(test)]
mod tests;
