//! Framing: where one exchange ends and the next begins, and bodies bounded by the length
//! their response declares.
//!
//! A status line starts a new exchange once the current one has its final response, but a
//! 3xx directly followed by the next status line (`curl -iL`) and an interim 1xx go on; a
//! request line starts one unless curl's `Issue another request` or wget's `[following]`
//! said it is the next hop of a redirect. A client's failure line ends the exchange that
//! waited for a response, or is an exchange of its own when the last one got its answer.
//!
//! A plain response (`curl -i`, HTTPie uncolored) whose `Content-Length` describes what was
//! printed bounds its body by it: a status line inside those bytes is body text, and a
//! capture glued to the previous body on one line is split where the body ends. The length
//! is not trusted for 1xx, 204 and 304, with `Transfer-Encoding` (`curl -i` strips chunked
//! framing) or `Content-Encoding` (`--compressed` decodes), when the head had escape
//! sequences (HTTPie colors reformat the body), and in `curl -v` and `wget -S` traces; and
//! when the body's first line is a status line, the response sent no body (HEAD with
//! `curl -I`, the hops `curl -iL` prints). After a 101, a status line is looked for
//! anywhere in a line, since the other protocol's bytes end with no newline.

use std::rc::Rc;

use super::error_scan::ErrorScan;
use super::grammar::parse_status_line;
use super::machine::{Parser, State};
use super::{ClientError, Request, Response, Style};

/// curl's errors about a transfer that had begun: they belong to the response before them.
const TRANSFER_ERRORS: &[u32] = &[16, 18, 22, 23, 55, 56, 61, 63, 92];

impl Parser {
    /// Counts the current exchange in, if it has not begun yet.
    fn open_exchange(&mut self) {
        if !self.x_open {
            self.x_open = true;
            self.out.exchanges += 1;
            self.x.index = self.out.exchanges;
        }
    }

    /// Completes the current exchange: queued when streaming, else kept as the last.
    pub(crate) fn end_exchange(&mut self) {
        self.close_response();
        if !self.x_open {
            return;
        }
        if let Some(req) = self.request.take() {
            // A request no response answered: what it sent is known all the same.
            self.learn_request(&req.headers, &req.target, &req.body);
            if self.x.request.is_none() {
                self.x.request = Some(Rc::new(req));
            }
        }
        if self.x.request.is_none() {
            self.x.request = self
                .x
                .final_response
                .as_ref()
                .and_then(|r| r.request.clone());
        }
        self.x.response_after_micros = self
            .x
            .final_response
            .as_ref()
            .and_then(|r| self.response_time(r.position));
        let x = std::mem::take(&mut self.x);
        self.out.responded += u64::from(x.got_response());
        if self.streaming {
            self.done.push_back(super::lane::Item::Exchange(x));
        } else {
            self.last_done = Some(x);
        }
        self.x_open = false;
        self.redirect_follow = false;
        self.hop_request = false;
        self.request = None;
        self.last_request = None;
    }

    /// A failure `curl -v` printed on a `* ` line: it stands for the exchange's failure only
    /// when curl went on to nothing else (no request or status line, no `curl: (N)` line,
    /// which says it again) before the input ends.
    pub(crate) fn star_error(&mut self, err: ClientError) {
        if self.star_errors.len() < self.limits.max_client_errors {
            self.star_errors.push(err);
        }
    }

    /// At the end of the input: the last `* ` failure, if curl printed nothing after it.
    pub(crate) fn flush_star_errors(&mut self) {
        let Some(err) = self.star_errors.pop() else {
            return;
        };
        self.star_errors.clear();
        if !self.has_final() {
            self.client_error(err);
        }
    }

    /// Whether the exchange has its final response (closed, or still being read).
    fn has_final(&self) -> bool {
        let is_final = |r: &Response| r.status >= 200 || r.status == 101;
        self.current.as_ref().is_some_and(is_final)
            || self.x.final_response.as_ref().is_some_and(is_final)
    }

    /// Whether a status line (the current response closed) begins another exchange.
    fn status_starts_exchange(&self) -> bool {
        match self.x.final_response.as_ref() {
            None => false,
            Some(f) if f.status == 101 => true,
            Some(f) if f.status < 200 => false,
            Some(f) if (300..400).contains(&f.status) => {
                let directly = f.body_bytes == 0 && self.since_head == 0;
                !(self.hop_request || directly)
            }
            Some(_) => true,
        }
    }

    /// Learns what a request sends as credentials, for the exchange and the whole input.
    pub(crate) fn learn_request(
        &mut self,
        headers: &[(String, String)],
        target: &str,
        body: &[u8],
    ) {
        self.out.secrets.learn_request(headers, target, body);
        self.x.secrets.learn_request(headers, target, body);
    }

    /// Learns the credentials a response body issues, for the exchange and the whole input.
    pub(crate) fn learn_response(&mut self, body: &[u8]) {
        self.out.secrets.learn_response(body);
        self.x.secrets.learn_response(body);
    }

    /// Closes the current response and counts a new status into the exchange it belongs
    /// to; returns its place among all the statuses of the input.
    pub(crate) fn begin_status(&mut self, status: u16) -> u64 {
        self.star_errors.clear();
        self.close_response();
        if self.x_open && self.status_starts_exchange() {
            self.end_exchange();
        }
        self.open_exchange();
        self.x.chain.push(status, self.limits.chain_keep);
        self.statuses += 1;
        self.statuses
    }

    pub(crate) fn start_response(
        &mut self,
        (version, status, reason): (String, u16, String),
        style: Style,
        indent: usize,
    ) {
        let position = self.begin_status(status);
        self.indent = indent;
        self.state = State::ResponseHeaders;
        self.body_started = false;
        self.after_body = false;
        self.since_head = 0;
        self.hop_request = false;
        self.head_cleaned = self.line_cleaned;
        if let Some(req) = self.request.take() {
            self.learn_request(&req.headers, &req.target, &req.body);
            self.last_request = Some(Rc::new(req));
        }
        if self.x.request.is_none() {
            self.x.request.clone_from(&self.last_request);
        }
        self.current = Some(Response {
            version,
            status,
            reason,
            headers: Vec::new(),
            body: Vec::new(),
            body_bytes: 0,
            body_truncated: false,
            style,
            request: self.last_request.clone(),
            position,
            scanned: None,
            headers_skipped: 0,
        });
    }

    pub(crate) fn close_response(&mut self) {
        self.skip_body = false;
        self.body_left = None;
        self.body_check = false;
        let scan = self.scan.take();
        self.scan_line_fed = false;
        if let Some(mut r) = self.current.take() {
            if r.body_truncated {
                r.scanned = scan.map(ErrorScan::finish);
            }
            self.learn_response(&r.body);
            let interim = |s: u16| s < 200 && s != 101;
            if !interim(r.status)
                || self
                    .x
                    .final_response
                    .as_ref()
                    .is_none_or(|f| interim(f.status))
            {
                self.x.final_response = Some(r);
            }
        }
        self.state = State::Outside;
    }

    pub(crate) fn start_request(&mut self, req: Request, shown: bool) {
        self.star_errors.clear();
        let hop = self.redirect_follow
            && self
                .x
                .final_response
                .as_ref()
                .or(self.current.as_ref())
                .is_some_and(|f| (300..400).contains(&f.status));
        self.close_response();
        let answered = self.x.final_response.is_some();
        let unanswered = self.request.is_some() || self.last_request.is_some();
        if self.x_open && !hop && (answered || unanswered) {
            self.end_exchange();
        }
        if let Some(old) = self.request.take() {
            // A request no response answered: what it sent is known all the same.
            self.learn_request(&old.headers, &old.target, &old.body);
        }
        self.hop_request = hop;
        self.redirect_follow = false;
        self.open_exchange();
        self.request = Some(Request {
            headers_shown: shown,
            tls: req.tls || self.tls,
            ..req
        });
        self.state = if shown {
            State::RequestHeaders
        } else {
            State::Outside
        };
    }

    /// A client's failure line: it ends the exchange that waited for an answer, or is an
    /// exchange of its own; an error about a transfer under way stays with its response.
    pub(crate) fn client_error(&mut self, err: ClientError) {
        self.star_errors.clear();
        let transfer = err.code.is_some_and(|c| TRANSFER_ERRORS.contains(&c));
        let answered = self.has_final();
        if answered && transfer {
            self.push_client_error(err);
            return;
        }
        if answered {
            self.end_exchange();
        }
        self.close_response();
        self.push_client_error(err);
        self.end_exchange();
    }

    fn push_client_error(&mut self, mut err: ClientError) {
        // Past the bound the line is not kept, but it still begins the exchange.
        self.open_exchange();
        if self.x.client_errors.len() < self.limits.max_client_errors {
            err.after = self.statuses;
            self.x.client_errors.push(err);
        }
    }

    /// The response's header block has ended: its body follows, bounded by its declared
    /// length when that can be trusted.
    pub(crate) fn head_ended(&mut self) {
        self.state = State::ResponseBody;
        self.since_head = 0;
        let Some(r) = self.current.as_ref() else {
            return;
        };
        if r.style == Style::Plain && self.indent == 0 && !self.verbose && !self.head_cleaned {
            if let Some(n) = declared_length(r) {
                self.body_left = Some(n);
                self.body_check = true;
            }
        }
    }

    /// Handles a line (as read, `\r` included; its size is `raw_len`) while a counted body
    /// is open. False when the line is no body: the caller handles it as any other line.
    pub(crate) fn counted_line(&mut self, raw: &[u8]) -> bool {
        let Some(left) = self.body_left else {
            return false;
        };
        if std::mem::take(&mut self.body_check) {
            let text = raw.strip_suffix(b"\r").unwrap_or(raw);
            if text.starts_with(b"HTTP/") && parse_status_line(text).is_some() {
                self.body_left = None;
                return false;
            }
        }
        if left == 0 {
            self.body_done();
            return false;
        }
        let raw_len = self.raw_len;
        if raw_len <= left {
            self.body_left = Some(left - raw_len);
            self.body_line(raw.strip_suffix(b"\r").unwrap_or(raw));
            if left == raw_len {
                self.body_done();
            }
            return true;
        }
        // The body ends inside this line: what follows it starts the next thing (captures
        // glued with no newline between them).
        let cut = usize::try_from(left).unwrap_or(usize::MAX).min(raw.len());
        let skipped = self.skipped;
        self.raw_len = left;
        self.skipped = if cut < raw.len() { 0 } else { skipped };
        self.body_line(&raw[..cut]);
        self.body_done();
        self.raw_len = raw_len - left;
        self.skipped = if cut < raw.len() { skipped } else { 0 };
        self.line(&raw[cut..]);
        true
    }

    /// After a 101 the connection speaks another protocol, whose bytes need not end in a
    /// newline: the next capture's status line may follow them on the same line.
    pub(crate) fn upgraded_line(&mut self, raw: &[u8]) -> bool {
        if self.current.as_ref().is_none_or(|r| r.status != 101) {
            return false;
        }
        let text = raw.strip_suffix(b"\r").unwrap_or(raw);
        let Some(at) = memchr::memmem::find_iter(text, b"HTTP/")
            .find(|&at| at > 0 && parse_status_line(&text[at..]).is_some())
        else {
            return false;
        };
        self.split_body_line(raw, at);
        true
    }

    /// In a `curl -v` trace the body goes to stdout with no newline after it, so the next
    /// run's `curl: (N) ...` failure (on stderr) may follow it on the same line.
    pub(crate) fn glued_failure(&mut self, raw: &[u8]) -> bool {
        if !self.verbose {
            return false;
        }
        let Some(at) = memchr::memmem::find_iter(raw, b"curl: (")
            .find(|&at| at > 0 && super::clients::parse_client_error(&raw[at..]).is_some())
        else {
            return false;
        };
        self.split_body_line(raw, at);
        true
    }

    /// Reads `raw[..at]` as the end of the body and `raw[at..]` as a line of its own, each
    /// counted by its own length.
    fn split_body_line(&mut self, raw: &[u8], at: usize) {
        let (raw_len, skipped) = (self.raw_len, self.skipped);
        self.raw_len = at as u64;
        self.skipped = 0;
        self.body_line(&raw[..at]);
        self.raw_len = raw_len - at as u64;
        self.skipped = skipped;
        self.line(&raw[at..]);
    }

    fn body_done(&mut self) {
        self.body_left = None;
        self.after_body = true;
    }

    /// Whether a quiet line of `len` bytes (past the kept prefix) is body, counting it
    /// against the declared length; false when the body ends in it.
    #[inline]
    pub(crate) fn counted_room(&mut self, len: u64) -> bool {
        match self.body_left {
            None => true,
            Some(left) if left > len && !self.body_check => {
                self.body_left = Some(left - len);
                true
            }
            Some(_) => false,
        }
    }
}

/// The body length a response declares, when it bounds what the transcript printed.
fn declared_length(r: &Response) -> Option<u64> {
    let headers = r.headers.iter();
    declared_length_of(r.status, headers.map(|(n, v)| (n.as_bytes(), v.as_bytes())))
}

/// The body length a response of `status` with these header fields (values trimmed)
/// declares: one `Content-Length` (or several that agree), no `Transfer-Encoding`, no
/// `Content-Encoding` but `identity`; none for 1xx, 204 and 304, which send no body.
pub(crate) fn declared_length_of<'a>(
    status: u16,
    headers: impl Iterator<Item = (&'a [u8], &'a [u8])>,
) -> Option<u64> {
    if status < 200 || status == 204 || status == 304 {
        return None;
    }
    let mut len = None;
    let mut encoding_seen = false;
    for (name, value) in headers {
        if name.eq_ignore_ascii_case(b"transfer-encoding") {
            return None;
        }
        if name.eq_ignore_ascii_case(b"content-encoding") {
            // The first one is the one read.
            if !std::mem::replace(&mut encoding_seen, true)
                && !value.eq_ignore_ascii_case(b"identity")
            {
                return None;
            }
            continue;
        }
        if !name.eq_ignore_ascii_case(b"content-length") {
            continue;
        }
        if value.is_empty() || value.len() > 19 || !value.iter().all(u8::is_ascii_digit) {
            return None;
        }
        let n = value.iter().fold(0u64, |n, d| n * 10 + u64::from(d - b'0'));
        if len.is_some_and(|l| l != n) {
            return None;
        }
        len = Some(n);
    }
    len
}
