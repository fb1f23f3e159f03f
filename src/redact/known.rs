//! The credentials an input has shown so far: every value a request sent as a credential
//! and every token a token response issued, kept (the last [`Secrets::MAX`]) so that they
//! are hidden wherever they show up later.

use std::borrow::Cow;
use std::collections::VecDeque;

use serde_json::Value;

use super::names::{
    hidden, is_credential_field, is_credential_header, is_credential_name, percent_decode,
};
use super::text::is_scheme;

/// A bounded set of credential values, most recent last.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Secrets {
    values: VecDeque<String>,
}

/// Values shorter than this are not remembered: they would hide ordinary words.
const MIN_CHARS: usize = 6;
/// Values longer than this are not remembered (a bound on memory); where they stand they
/// are hidden by their place (header, parameter, field) all the same.
const MAX_BYTES: usize = 8192;

impl Secrets {
    /// How many values are kept: the oldest is forgotten past this.
    pub const MAX: usize = 256;

    /// An empty set.
    pub fn new() -> Secrets {
        Secrets::default()
    }

    /// How many values are kept.
    pub fn len(&self) -> usize {
        self.values.len()
    }

    /// Whether no value is kept.
    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }

    /// Whether this exact value is kept.
    pub fn contains(&self, value: &str) -> bool {
        self.values.iter().any(|v| v == value.trim())
    }

    /// Remembers every value another set holds, oldest first (what one exchange showed,
    /// into what the whole input showed so far).
    pub fn absorb(&mut self, other: &Secrets) {
        for v in &other.values {
            self.remember_one(v);
        }
    }

    /// Remembers one value (and, when it is percent- or form-encoded, its decoded form).
    pub fn remember(&mut self, value: &str) {
        let value = value.trim().trim_matches('"');
        self.remember_one(value);
        if value.contains(['%', '+']) {
            let decoded = percent_decode(value);
            let form = decoded.replace('+', " ");
            self.remember_one(&form);
            self.remember_one(&decoded);
            // `Authorization=Bearer%20x`: the token after the scheme is sent too.
            if let Some((scheme, token)) = form.trim().split_once(' ') {
                if is_scheme(scheme) {
                    self.remember_one(token);
                }
            }
        }
    }

    fn remember_one(&mut self, value: &str) {
        let value = value.trim();
        if value.chars().count() < MIN_CHARS
            || value.len() > MAX_BYTES
            || value.starts_with("[redacted")
        {
            return;
        }
        if let Some(i) = self.values.iter().position(|v| v == value) {
            // Seen again: it is the most recent now.
            if let Some(v) = self.values.remove(i) {
                self.values.push_back(v);
            }
            return;
        }
        if self.values.len() == Secrets::MAX {
            self.values.pop_front();
        }
        self.values.push_back(value.to_string());
    }

    /// Remembers what a request sends as credentials: each credential header's value (and
    /// the token after its scheme, and each cookie's value), the userinfo and the
    /// credential-named parameters of its target, and the credential-named fields of its
    /// body (form-encoded or JSON).
    pub fn learn_request(&mut self, headers: &[(String, String)], target: &str, body: &[u8]) {
        for (name, value) in headers.iter().filter(|(n, _)| is_credential_header(n)) {
            let value = value.trim();
            self.remember(value);
            if let Some((_, token)) = value.split_once(char::is_whitespace) {
                self.remember(token);
            }
            if name.to_ascii_lowercase().contains("cookie") {
                for pair in value.split(';') {
                    if let Some((_, v)) = pair.split_once('=') {
                        self.remember(v.split(';').next().unwrap_or(v));
                    }
                }
            }
        }
        if let Some((_, after)) = target.split_once("://") {
            let authority = &after[..after.find(['/', '?', '#']).unwrap_or(after.len())];
            if let Some((userinfo, _)) = authority.rsplit_once('@') {
                self.remember(userinfo);
                if let Some((_, password)) = userinfo.split_once(':') {
                    self.remember(password);
                }
            }
        }
        if let Some((_, query)) = target.split_once(['?', '#']) {
            self.learn_pairs(query, is_credential_name);
        }
        self.learn_body(body);
    }

    /// Remembers the credentials a response body issues: the credential-named fields of a
    /// token response (`access_token`, `refresh_token`, `id_token`, ...), JSON or
    /// form-encoded.
    pub fn learn_response(&mut self, body: &[u8]) {
        if may_issue_credentials(body) {
            self.learn_body(body);
        }
    }

    fn learn_body(&mut self, body: &[u8]) {
        let text = String::from_utf8_lossy(body);
        let text = text.trim();
        if text.is_empty() {
            return;
        }
        match crate::json::read_whole::<Value>(text.as_bytes()) {
            Some(v) => self.learn_json(&v, 0),
            None => {
                for line in text.lines() {
                    self.learn_pairs(line.trim(), is_credential_field);
                }
            }
        }
    }

    fn learn_json(&mut self, v: &Value, depth: usize) {
        // Two levels cover a token response and `{"data": {...}}`; deeper is not looked at.
        if depth > 2 {
            return;
        }
        match v {
            Value::Object(fields) => {
                for (name, value) in fields {
                    match value {
                        Value::String(s) if is_credential_field(name) => self.remember(s),
                        Value::Object(_) | Value::Array(_) => self.learn_json(value, depth + 1),
                        _ => {}
                    }
                }
            }
            Value::Array(items) => {
                for item in items.iter().take(16) {
                    self.learn_json(item, depth + 1);
                }
            }
            _ => {}
        }
    }

    fn learn_pairs(&mut self, list: &str, is_secret: fn(&str) -> bool) {
        for pair in list.split(['&', ';', '#']) {
            if let Some((name, value)) = pair.trim().split_once('=') {
                if is_secret(name) {
                    self.remember(value);
                } else if let Some((_, query)) = value.split_once('?') {
                    // A URL inside a value has parameters of its own (one level is read).
                    for inner in query.split(['&', ';', '#']) {
                        if let Some((n, v)) = inner.split_once('=') {
                            if is_credential_name(n) {
                                self.remember(v);
                            }
                        }
                    }
                }
            }
        }
    }

    /// The text with every kept value hidden, longest first (so a token inside a longer
    /// value leaves no piece behind).
    pub fn hide<'a>(&self, text: &'a str) -> Cow<'a, str> {
        if self.values.is_empty() || text.len() < MIN_CHARS {
            return Cow::Borrowed(text);
        }
        let mut found: Vec<&String> = self
            .values
            .iter()
            .filter(|v| text.contains(v.as_str()))
            .collect();
        if found.is_empty() {
            return Cow::Borrowed(text);
        }
        found.sort_by_key(|v| std::cmp::Reverse(v.len()));
        let mut out = text.to_string();
        for v in found {
            if out.contains(v.as_str()) {
                out = out.replace(v.as_str(), &hidden(v));
            }
        }
        Cow::Owned(out)
    }
}

/// Whether a response body may issue a credential [`Secrets::learn_response`] would learn:
/// false when it names no `token`, `Token`, `TOKEN` or `secret` at all, as most bodies do.
pub fn may_issue_credentials(body: &[u8]) -> bool {
    // One pass for the third letter of each word (a log holds many small bodies, where
    // setting up a search per word cost more than the search).
    crate::find::memchr3_iter(b'k', b'K', b'c', body).any(|i| {
        let Some(start) = i.checked_sub(2) else {
            return false;
        };
        let word = &body[start..];
        if body[i] == b'c' {
            word.starts_with(b"secret")
        } else {
            [&b"token"[..], b"Token", b"TOKEN"]
                .iter()
                .any(|w| word.starts_with(w))
        }
    })
}
