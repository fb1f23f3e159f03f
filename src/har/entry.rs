//! Building entries from what the scanner reports: where in a HAR each value sits, which to
//! keep, and small values handed to serde.

use serde::Deserialize;

use super::text::{base64_decoded_len, decode_base64};
use super::{Detect, Entry, Limits};
use crate::json::scan::{Action, Handler, ValueKind};
use crate::json::unescape::unescape;

/// Where the scanner is, for the containers that matter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Root,
    Log,
    Entries,
    Entry,
    Request,
    Response,
    Content,
    PostData,
    Params,
    Headers { response: bool },
}

/// The value being recorded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Started,
    ResourceType,
    Method,
    Url,
    RequestVersion,
    Header { response: bool },
    PostMime,
    PostText,
    Param,
    Status,
    StatusText,
    ResponseVersion,
    Error,
    Mime,
    Encoding,
    Size,
    Text,
}

#[derive(Deserialize)]
struct NameValue {
    name: String,
    #[serde(default)]
    value: Option<String>,
}

/// The entry being built, and the entries done.
pub(crate) struct Builder {
    limits: Limits,
    roles: Vec<Role>,
    pending: Option<Field>,
    pub(crate) detect: Detect,
    /// How many entries were completed.
    pub(crate) entries: u64,
    /// Whether `log.entries` ended.
    pub(crate) entries_done: bool,
    /// Whether an entry was no object.
    pub(crate) bad_entry: bool,
    /// Completed entries not yet taken.
    pub(crate) ready: Vec<Entry>,
    current: Entry,
    text: Vec<u8>,
    text_len: u64,
    encoding: Option<String>,
    size: Option<i64>,
}

fn string(raw: &[u8]) -> Option<String> {
    serde_json::from_slice::<String>(raw).ok()
}

/// A number, or a string holding one (some exporters quote the status).
fn number(raw: &[u8]) -> Option<i64> {
    if let Ok(n) = serde_json::from_slice::<i64>(raw) {
        return Some(n);
    }
    if let Ok(f) = serde_json::from_slice::<f64>(raw) {
        return (f.is_finite() && f.fract() == 0.0).then_some(f as i64);
    }
    string(raw)?.trim().parse().ok()
}

impl Builder {
    pub(crate) fn new(limits: Limits) -> Builder {
        Builder {
            limits,
            roles: Vec::new(),
            pending: None,
            detect: Detect::Undecided,
            entries: 0,
            entries_done: false,
            bad_entry: false,
            ready: Vec::new(),
            current: Entry::default(),
            text: Vec::new(),
            text_len: 0,
            encoding: None,
            size: None,
        }
    }

    /// Drops the entry being built (the input broke off inside it).
    pub(crate) fn abandon(&mut self) {
        self.current = Entry::default();
        self.text = Vec::new();
    }

    fn descend(&mut self, role: Role) -> Action {
        self.roles.push(role);
        Action::Descend
    }

    fn record(&mut self, field: Field, limit: usize) -> Action {
        self.pending = Some(field);
        Action::Record(limit)
    }

    fn keep_text(&mut self, field: Field, limit: usize) -> Action {
        self.pending = Some(field);
        Action::Text(limit)
    }

    fn not_har(&mut self) -> Action {
        self.detect = Detect::NotHar;
        Action::Stop
    }

    fn header_slot(&mut self, response: bool) -> Action {
        let (kept, omitted) = if response {
            let r = &mut self.current.response;
            (r.headers.len(), &mut r.headers_omitted)
        } else {
            let r = &mut self.current.request;
            (r.headers.len(), &mut r.headers_omitted)
        };
        if kept >= self.limits.max_headers {
            *omitted += 1;
            return Action::Skip;
        }
        let limit = self.limits.max_header;
        self.record(Field::Header { response }, limit)
    }

    /// The entry is complete: its body decoded, and it is queued.
    fn complete(&mut self) {
        let mut entry = std::mem::take(&mut self.current);
        self.entries += 1;
        entry.index = self.entries;
        let r = &mut entry.response;
        let limit = self.limits.max_body;
        if r.body_present {
            let mut text = Vec::new();
            unescape(&self.text, &mut text);
            let whole = self.text_len == self.text.len() as u64;
            let base64 = self
                .encoding
                .as_deref()
                .is_some_and(|e| e.eq_ignore_ascii_case("base64"));
            let estimate = if base64 {
                decode_base64(&text, limit, &mut r.body);
                if whole && r.body.len() < limit {
                    r.body.len() as u64
                } else {
                    base64_decoded_len(self.text_len)
                }
            } else {
                let estimate = if whole {
                    text.len() as u64
                } else {
                    self.text_len
                };
                text.truncate(limit);
                r.body = text;
                estimate
            };
            // A text read whole is the body, decoded: its length is the body's size, whatever
            // `content.size` says (mitmproxy writes the compressed size there). Only a text
            // cut short leaves `size` to tell the whole.
            let cut = estimate > r.body.len() as u64;
            r.body_bytes = match self.size {
                Some(s) if (cut || r.body.is_empty()) && s > estimate as i64 => s as u64,
                _ => estimate,
            };
            r.body_truncated = r.body_bytes > r.body.len() as u64;
        } else {
            r.body_bytes = self.size.unwrap_or(0).max(0) as u64;
        }
        self.text.clear();
        self.text_len = 0;
        self.encoding = None;
        self.size = None;
        self.ready.push(entry);
    }
}

impl Handler for Builder {
    fn value(&mut self, _in_object: bool, key: Option<&[u8]>, kind: ValueKind) -> Action {
        self.pending = None;
        let key = key.unwrap_or_default();
        let object = kind == ValueKind::Object;
        let l = self.limits;
        let Some(&role) = self.roles.last() else {
            return if object {
                self.descend(Role::Root)
            } else {
                self.not_har()
            };
        };
        match (role, key) {
            (Role::Root, b"log") if object => self.descend(Role::Log),
            (Role::Root, b"log") => self.not_har(),
            (Role::Log, b"entries") if kind == ValueKind::Array => {
                self.detect = Detect::Har;
                self.descend(Role::Entries)
            }
            (Role::Log, b"entries") => self.not_har(),
            (Role::Entries, _) if object => self.descend(Role::Entry),
            (Role::Entries, _) => {
                self.bad_entry = true;
                Action::Stop
            }
            (Role::Entry, b"startedDateTime") => self.record(Field::Started, 256),
            (Role::Entry, b"_resourceType") => self.record(Field::ResourceType, 256),
            (Role::Entry, b"request") if object => self.descend(Role::Request),
            (Role::Entry, b"response") if object => self.descend(Role::Response),
            (Role::Request, b"method") => self.record(Field::Method, 256),
            (Role::Request, b"url") => self.keep_text(Field::Url, l.max_url),
            (Role::Request, b"httpVersion") => self.record(Field::RequestVersion, 256),
            (Role::Request, b"headers") if kind == ValueKind::Array => {
                self.descend(Role::Headers { response: false })
            }
            (Role::Request, b"postData") if object => self.descend(Role::PostData),
            (Role::PostData, b"mimeType") => self.record(Field::PostMime, 1024),
            // Room for escapes: the kept text is cut to the limit once unescaped.
            (Role::PostData, b"text") => {
                self.keep_text(Field::PostText, 2 * l.max_request_body + 16)
            }
            (Role::PostData, b"params") if kind == ValueKind::Array => self.descend(Role::Params),
            (Role::Params, _)
                if object && self.current.request.post_params.len() < l.max_headers =>
            {
                self.record(Field::Param, l.max_header)
            }
            (Role::Headers { response }, _) if object => self.header_slot(response),
            (Role::Response, b"status") => self.record(Field::Status, 64),
            (Role::Response, b"statusText") => self.record(Field::StatusText, 4096),
            (Role::Response, b"httpVersion") => self.record(Field::ResponseVersion, 256),
            (Role::Response, b"headers") if kind == ValueKind::Array => {
                self.descend(Role::Headers { response: true })
            }
            (Role::Response, b"content") if object => self.descend(Role::Content),
            (Role::Response, b"_error" | b"_errorText" | b"_failureText") => {
                self.record(Field::Error, 4096)
            }
            (Role::Content, b"mimeType") => self.record(Field::Mime, 1024),
            (Role::Content, b"encoding") => self.record(Field::Encoding, 256),
            (Role::Content, b"size") => self.record(Field::Size, 64),
            (Role::Content, b"text") if kind == ValueKind::String => {
                self.current.response.body_present = true;
                self.keep_text(Field::Text, 2 * l.max_body + 64)
            }
            _ => Action::Skip,
        }
    }

    fn recorded(&mut self, raw: &[u8], complete: bool) {
        let Some(field) = self.pending.take() else {
            return;
        };
        let (q, r) = (&mut self.current.request, &mut self.current.response);
        if !complete {
            match field {
                Field::Header { response: true } => r.headers_omitted += 1,
                Field::Header { response: false } => q.headers_omitted += 1,
                _ => {}
            }
            return;
        }
        match field {
            Field::Started => self.current.started = string(raw),
            Field::ResourceType => self.current.resource_type = string(raw),
            Field::Method => q.method = string(raw),
            Field::RequestVersion => q.http_version = string(raw),
            Field::PostMime => q.post_mime_type = string(raw),
            Field::Header { response } => {
                let (headers, omitted) = if response {
                    (&mut r.headers, &mut r.headers_omitted)
                } else {
                    (&mut q.headers, &mut q.headers_omitted)
                };
                match serde_json::from_slice::<NameValue>(raw) {
                    Ok(h) => headers.push((h.name, h.value.unwrap_or_default())),
                    Err(_) => *omitted += 1,
                }
            }
            Field::Param => {
                if let Ok(p) = serde_json::from_slice::<NameValue>(raw) {
                    q.post_params.push((p.name, p.value.unwrap_or_default()));
                }
            }
            Field::Status => {
                let n = number(raw);
                r.negative_status = n.filter(|n| *n < 0);
                r.status = n
                    .and_then(|n| u16::try_from(n).ok())
                    .filter(|&n| n <= 999)
                    .unwrap_or(0);
            }
            Field::StatusText => r.status_text = string(raw).unwrap_or_default(),
            Field::ResponseVersion => r.http_version = string(raw).unwrap_or_default(),
            Field::Error => r.error = string(raw).filter(|s| !s.is_empty()),
            Field::Mime => r.mime_type = string(raw),
            Field::Encoding => self.encoding = string(raw),
            Field::Size => self.size = number(raw),
            Field::Url | Field::PostText | Field::Text => {}
        }
    }

    fn text(&mut self, raw: &[u8], raw_len: u64) {
        match self.pending.take() {
            Some(Field::Url) => {
                let mut url = Vec::new();
                unescape(raw, &mut url);
                self.current.request.url = String::from_utf8_lossy(&url).into_owned();
            }
            Some(Field::PostText) => {
                let q = &mut self.current.request;
                q.post_text.clear();
                unescape(raw, &mut q.post_text);
                q.post_text.truncate(self.limits.max_request_body);
            }
            Some(Field::Text) => {
                // One buffer for every entry's text: no large allocation for each.
                self.text.clear();
                self.text.extend_from_slice(raw);
                self.text_len = raw_len;
            }
            _ => {}
        }
    }

    fn end(&mut self) -> Action {
        match self.roles.pop() {
            Some(Role::Entry) => {
                self.complete();
                Action::Descend
            }
            Some(Role::Entries) => {
                self.entries_done = true;
                Action::Stop
            }
            _ => Action::Descend,
        }
    }
}
