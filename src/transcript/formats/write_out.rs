//! What `curl -w` writes: `%{json}` (an object with `response_code`, `url_effective`,
//! `content_type`, `errormsg`, `exitcode`, ...), `%{http_code}` printed right after a body
//! with no newline (`{...}401`), and `%{http_code} %{time_total}`. Each gives a response
//! (with the body it follows, when there is one) or the client's failure.

use std::rc::Rc;

use serde_json::{Map, Value};

use crate::transcript::core::assemble::Assembler;
use crate::transcript::{ClientError, Request, Response, Style};

/// The `-w '%{json}'` object at the end of a line, and the text before it (a body).
pub(crate) fn json_write_out(line: &[u8]) -> Option<(&[u8], Map<String, Value>)> {
    // Looked for in every line that starts `{`: the searcher is built once.
    static KEY: once_cell::sync::Lazy<crate::find::Finder<'static>> =
        once_cell::sync::Lazy::new(|| crate::find::Finder::new(b"\"response_code\":"));
    let key = KEY.find(line)?;
    // The object starts at one of the `{` before the key: try the nearest few.
    for start in crate::find::memrchr_iter(b'{', &line[..key]).take(64) {
        if let Some((Value::Object(obj), end)) = crate::json::read_first(&line[start..]) {
            let rest = &line[start + end..];
            if obj.contains_key("response_code") && rest.trim_ascii().is_empty() {
                return Some((&line[..start], obj));
            }
        }
    }
    None
}

/// A status code as `-w` writes it: `000` or 100..=599.
fn code(d: &[u8]) -> Option<u16> {
    if d.len() != 3 || !d.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let c = d.iter().fold(0u16, |n, b| n * 10 + u16::from(b - b'0'));
    (c == 0 || (100..=599).contains(&c)).then_some(c)
}

/// A line `-w '%{http_code}'` ended: the code alone (`404`), right after a body with no
/// newline between (`{"error": "invalid_token"}401`), or with `%{time_total}` after it
/// (`500 0.005962`, `{...}500 0.043864`): the body's part on the line, the code and the
/// time. Without a time, the code must stand alone or right after the end of a JSON, HTML
/// or quoted body (`}`, `]`, `>`, `"`): after a letter or a dot it may be the body's own
/// (`E500`, `1.2.300`).
pub(crate) fn code_line(line: &[u8]) -> Option<(&[u8], u16, Option<f64>)> {
    let line = line.trim_ascii_end();
    let time = crate::find::memrchr(b' ', line).and_then(|i| {
        std::str::from_utf8(&line[i + 1..])
            .ok()
            .filter(|t| t.contains('.'))
            .and_then(|t| t.parse::<f64>().ok())
            .filter(|t| t.is_finite() && *t >= 0.0)
            .map(|t| (i, t))
    });
    let (rest, secs) = match time {
        Some((i, t)) => (&line[..i], Some(t)),
        None => (line, None),
    };
    if rest.len() < 3 {
        return None;
    }
    let (body, digits) = rest.split_at(rest.len() - 3);
    let c = code(digits)?;
    let glued = match body.last() {
        None => true,
        Some(b) => secs.is_some() && !b.is_ascii_digit() || matches!(b, b'}' | b']' | b'>' | b'"'),
    };
    glued.then_some((body, c, secs))
}

/// What `curl -w` may have written: the lines outside any message, kept (bounded) as the
/// body a `-w` line may follow.
#[derive(Debug, Default)]
pub(crate) struct WriteOut {
    orphans: Vec<u8>,
}

/// What `-w` wrote of a response besides its body.
struct WrittenHead {
    status: u16,
    version: String,
    headers: Vec<(String, String)>,
    request: Option<Request>,
}

impl WriteOut {
    /// Takes what a `-w '%{json}'` line outside any response wrote: a response, or the failure.
    pub(crate) fn take_json(&mut self, asm: &mut Assembler, body: &[u8], obj: Map<String, Value>) {
        let text = |k: &str| obj.get(k).and_then(Value::as_str).map(str::to_string);
        let code = obj
            .get("response_code")
            .and_then(Value::as_u64)
            .unwrap_or(0);
        if !(100..=599).contains(&code) {
            asm.client_error(ClientError {
                code: obj
                    .get("exitcode")
                    .and_then(Value::as_u64)
                    .and_then(|c| u32::try_from(c).ok())
                    .filter(|c| *c != 0),
                message: text("errormsg").unwrap_or_default(),
                after: 0,
            });
            return;
        }
        let mut headers = Vec::new();
        if let Some(ct) = text("content_type") {
            headers.push(("Content-Type".to_string(), ct));
        }
        let url = text("url_effective").or_else(|| text("url"));
        let request = url.as_ref().map(|u| Request {
            method: text("method"),
            target: u.clone(),
            headers: Vec::new(),
            headers_shown: false,
            body: Vec::new(),
            tls: false,
        });
        let version = text("http_version")
            .filter(|v| v != "0")
            .unwrap_or_default();
        let secs = obj.get("time_total").and_then(Value::as_f64);
        let head = WrittenHead {
            status: code as u16,
            version,
            headers,
            request,
        };
        self.response(asm, head, body, secs);
    }

    /// A response made from what `-w` wrote, with the text it followed as its body.
    fn response(
        &mut self,
        asm: &mut Assembler,
        head: WrittenHead,
        glued: &[u8],
        secs: Option<f64>,
    ) {
        let WrittenHead {
            status,
            version,
            headers,
            request,
        } = head;
        let mut body = std::mem::take(&mut self.orphans);
        body.extend_from_slice(glued);
        let position = asm.begin_status(status);
        asm.exchange.write_out_micros = secs
            .filter(|s| s.is_finite() && *s >= 0.0)
            .map(|s| (s * 1e6).round() as u64);
        if let Some(req) = &request {
            asm.learn_request(&req.headers, &req.target, &req.body);
        }
        let request = request.map(Rc::new);
        if asm.exchange.request.is_none() {
            asm.exchange.request.clone_from(&request);
        }
        asm.current = Some(Response {
            version,
            status,
            reason: String::new(),
            headers,
            body: Vec::new(),
            body_bytes: 0,
            body_truncated: false,
            style: Style::CurlWriteOut,
            request,
            position,
            scanned: None,
            headers_skipped: 0,
        });
        asm.body.started = false;
        let text = body.strip_suffix(b"\n").unwrap_or(&body);
        if !text.trim_ascii().is_empty() {
            for line in text.split(|b| *b == b'\n') {
                asm.line.raw_len = line.len() as u64 + 1;
                asm.body_line(line);
            }
        }
        asm.close_response();
    }

    /// Keeps a line that belongs to no message (it may be a body `-w` follows), bounded.
    pub(crate) fn keep_orphan(&mut self, line: &[u8], max_body: usize) {
        let room = max_body.saturating_sub(self.orphans.len());
        if room > 0 {
            self.orphans
                .extend_from_slice(&line[..line.len().min(room)]);
            self.orphans.push(b'\n');
        }
    }

    /// At the end, when nothing else was found: what `-w '%{http_code}'` (with
    /// `%{time_total}`, or not) wrote after each URL's body, one line per URL: an exchange
    /// each, with the body before its code. A code alone is the whole input: an exchange
    /// whose response is that status ([`Style::StatusCode`]), or none for `000`.
    pub(crate) fn finish(&mut self, asm: &mut Assembler, nonblank_lines: u64) {
        if asm.out.exchanges > 0 || asm.exchange_open || nonblank_lines == 0 {
            return;
        }
        let orphans = std::mem::take(&mut self.orphans);
        let text = orphans.strip_suffix(b"\n").unwrap_or(&orphans);
        let mut items = Vec::new();
        let mut body: Vec<u8> = Vec::new();
        for line in text.split(|b| *b == b'\n') {
            match code_line(line) {
                Some((prefix, code, secs)) => {
                    body.extend_from_slice(prefix);
                    items.push((std::mem::take(&mut body), code, secs));
                }
                None => {
                    body.extend_from_slice(line);
                    body.push(b'\n');
                }
            }
        }
        if items.is_empty() || !body.trim_ascii().is_empty() {
            return;
        }
        let lone_code = items.len() == 1 && items[0].0.is_empty() && items[0].2.is_none();
        for (body, code, secs) in items {
            self.code(asm, code, &body, secs);
            if lone_code {
                if let Some(r) = asm.exchange.final_response.as_mut() {
                    r.style = Style::StatusCode;
                }
            }
            asm.end_exchange();
        }
    }

    fn code(&mut self, asm: &mut Assembler, code: u16, body: &[u8], secs: Option<f64>) {
        if code == 0 {
            // No response: what `-w` says when curl failed, with no more words.
            asm.client_error(ClientError {
                code: None,
                message: String::new(),
                after: 0,
            });
            return;
        }
        let body = body.to_vec();
        let head = WrittenHead {
            status: code,
            version: String::new(),
            headers: Vec::new(),
            request: None,
        };
        self.response(asm, head, &body, secs);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::transcript::{Parser, Transcript};

    fn parse(input: &[u8]) -> Transcript {
        let mut p = Parser::new();
        p.feed(input);
        p.finish()
    }

    /// A code alone is an exchange; a log of codes is an exchange each.
    #[test]
    fn a_bare_code() {
        let t = parse(b"404");
        assert_eq!((t.exchanges, t.last.status()), (1, Some(404)));
        let style = t.last.final_response.map(|r| r.style);
        assert_eq!(style, Some(Style::StatusCode));
        let t = parse(b"000\n");
        assert_eq!((t.exchanges, t.responded), (1, 0));
        assert_eq!(t.last.client_errors.len(), 1);
        let t = parse(b"404\n500\n");
        assert_eq!((t.exchanges, t.last.status()), (2, Some(500)));
        let style = t.last.final_response.map(|r| r.style);
        assert_eq!(style, Some(Style::CurlWriteOut));
    }

    #[test]
    fn write_out_forms() {
        let (body, obj) =
            json_write_out(br#"{"a": 1}{"certs":"","response_code":429,"x":{"y":2}}"#).unwrap();
        assert_eq!(body, br#"{"a": 1}"#);
        assert_eq!(obj["response_code"], 429);
        assert!(json_write_out(br#"{"response_code": 429} trailing"#).is_none());
        let c = |l: &[u8]| {
            code_line(l).map(|(b, c, t)| (String::from_utf8_lossy(b).into_owned(), c, t))
        };
        assert_eq!(
            c(br#"{"e": 1}401"#),
            Some((r#"{"e": 1}"#.into(), 401, None))
        );
        assert_eq!(c(b"<p>x</p>404\n"), Some(("<p>x</p>".into(), 404, None)));
        assert_eq!(c(b"404"), Some((String::new(), 404, None)));
        assert_eq!(c(b"000"), Some((String::new(), 0, None)));
        assert_eq!(
            c(b"500 0.005962"),
            Some((String::new(), 500, Some(0.005962)))
        );
        assert_eq!(
            c(b"retry api429 0.043079"),
            Some(("retry api".into(), 429, Some(0.043079)))
        );
        assert_eq!(c(b"Error E500"), None);
        assert_eq!(c(b"version 1.2.300"), None);
        assert_eq!(c(b"{}999"), None);
        assert_eq!(c(b"id 12345"), None);
        assert_eq!(c(b"5000 1.0"), None);
        assert_eq!(c(b"500 fast"), None);
    }
}
