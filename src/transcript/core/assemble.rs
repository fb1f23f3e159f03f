//! The exchange being built: the response and request being read, the exchange they
//! belong to, what their lines add to it (header fields, body lines, credentials learned),
//! and the count of exchanges and statuses. Where one exchange ends and the next begins is
//! in `framing.rs`; the recognisers in `formats/` and the fast lane build through this.

use std::rc::Rc;

use crate::json::error_body::ErrorScan;
use crate::transcript::core::grammar::*;
use crate::transcript::core::header_keep;
use crate::transcript::core::queue::Outbox;
use crate::transcript::{ClientError, Exchange, Limits, Request, Response, Style, Transcript};

/// What the line being read belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Reading {
    /// Between messages, or in text that belongs to none.
    Outside,
    /// A response's header lines.
    ResponseHeaders,
    /// A response's body.
    ResponseBody,
    /// A request's header lines.
    RequestHeaders,
    /// A request's body (HTTPie `-v`).
    RequestBody,
}

/// The exchange being built, and what the whole input has shown so far.
#[derive(Debug)]
pub(crate) struct Assembler {
    pub(crate) limits: Limits,
    pub(crate) state: Reading,
    /// What is known of the input as a whole.
    pub(crate) out: Transcript,
    /// The exchange being read.
    pub(crate) exchange: Exchange,
    /// Whether `exchange` has begun (a status, a request or a client error was seen).
    pub(crate) exchange_open: bool,
    /// The response being read.
    pub(crate) current: Option<Response>,
    /// The request being read.
    pub(crate) request: Option<Request>,
    /// The last request read, which the responses after it answer.
    pub(crate) last_request: Option<Rc<Request>>,
    /// How many statuses the whole input showed so far.
    pub(crate) statuses: u64,
    /// Failures `curl -v` reported on `* ` lines; used when curl printed no `curl: (N)`.
    pub(crate) star_errors: Vec<(StarKind, ClientError)>,
    /// The current response's body as it is taken in.
    pub(crate) body: BodyIntake,
    /// The line being handled.
    pub(crate) line: LineFacts,
    /// Where the current message ends.
    pub(crate) framing: Framing,
    /// How the current response's head was printed.
    pub(crate) head: HeadShape,
    /// Where completed exchanges go.
    pub(crate) outbox: Outbox,
    /// With `curl --trace-time`: how long responses took after their requests.
    pub(crate) latencies: Latencies,
}

/// What a failure `curl -v` printed on a `* ` line says of the call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum StarKind {
    /// The call failed (`* Could not resolve host`, `* Failed to connect to`).
    Ends,
    /// One address failed (`* connect to ::1 port 80 failed`); curl may try the next.
    Attempt,
    /// curl starts the request again (`* Connection died, retrying a fresh connect`).
    Retry,
}

/// The current response's body as it is taken in.
#[derive(Debug, Default)]
pub(crate) struct BodyIntake {
    /// The body so far holds a line (so the next line is joined with `\n`).
    pub(crate) started: bool,
    /// The kept prefix is full: quiet lines are only counted.
    pub(crate) skip: bool,
    /// The scan of an error body for its errors, past the kept prefix too.
    pub(crate) scan: Option<ErrorScan>,
    /// The scan has had the line being read already (it outgrew `max_line` across chunks).
    pub(crate) scan_line_fed: bool,
}

/// The line being handled.
#[derive(Debug, Default)]
pub(crate) struct LineFacts {
    /// Its size as read: its `\r`, the part past `max_line`, and its `\n` if it had one.
    pub(crate) raw_len: u64,
    /// How many of its bytes were skipped past `max_line`.
    pub(crate) skipped: u64,
    /// It had escape sequences or a carriage return to clean.
    pub(crate) cleaned: bool,
}

/// How the current response's head was printed.
#[derive(Debug, Default)]
pub(crate) struct HeadShape {
    /// A `curl -v` response line (`< HTTP/...`) has been seen in the input.
    pub(crate) verbose: bool,
    /// The indentation of the status line (wget indents by two).
    pub(crate) indent: usize,
    /// The head had lines that needed cleaning (HTTPie colors): its `Content-Length` does
    /// not describe what was printed.
    pub(crate) cleaned: bool,
    /// `curl -v` showed the connection is over TLS (a handshake, or port 443).
    pub(crate) tls: bool,
}

impl Assembler {
    pub(crate) fn new(limits: Limits, outbox: Outbox) -> Assembler {
        Assembler {
            limits,
            state: Reading::Outside,
            out: Transcript::default(),
            exchange: Exchange::default(),
            exchange_open: false,
            current: None,
            request: None,
            last_request: None,
            statuses: 0,
            star_errors: Vec::new(),
            body: BodyIntake::default(),
            line: LineFacts::default(),
            framing: Framing::default(),
            head: HeadShape::default(),
            outbox,
            latencies: Latencies::default(),
        }
    }

    /// Counts the current exchange in, if it has not begun yet.
    pub(crate) fn open_exchange(&mut self) {
        if !self.exchange_open {
            self.exchange_open = true;
            self.out.exchanges += 1;
            self.exchange.index = self.out.exchanges;
        }
    }

    /// Completes the current exchange: queued when streaming, else kept as the last.
    pub(crate) fn end_exchange(&mut self) {
        self.close_response();
        if !self.exchange_open {
            return;
        }
        if let Some(req) = self.request.take() {
            // A request no response answered: what it sent is known all the same.
            self.learn_request(&req.headers, &req.target, &req.body);
            if self.exchange.request.is_none() {
                self.exchange.request = Some(Rc::new(req));
            }
        }
        if self.exchange.request.is_none() {
            self.exchange.request = self
                .exchange
                .final_response
                .as_ref()
                .and_then(|r| r.request.clone());
        }
        self.exchange.response_after_micros = self
            .exchange
            .final_response
            .as_ref()
            .and_then(|r| self.latencies.of(r.position));
        let x = std::mem::take(&mut self.exchange);
        self.out.responded += u64::from(x.got_response());
        self.outbox.push(x);
        self.exchange_open = false;
        self.framing.redirect_follow = false;
        self.framing.hop_request = false;
        self.request = None;
        self.last_request = None;
    }

    /// Learns what a request sends as credentials, for the exchange and the whole input.
    pub(crate) fn learn_request(
        &mut self,
        headers: &[(String, String)],
        target: &str,
        body: &[u8],
    ) {
        self.out.secrets.learn_request(headers, target, body);
        self.exchange.secrets.learn_request(headers, target, body);
    }

    /// Learns the credentials a response body issues, for the exchange and the whole input.
    pub(crate) fn learn_response(&mut self, body: &[u8]) {
        self.out.secrets.learn_response(body);
        self.exchange.secrets.learn_response(body);
    }

    pub(crate) fn start_response(
        &mut self,
        (version, status, reason): (String, u16, String),
        style: Style,
        indent: usize,
    ) {
        let position = self.begin_status(status);
        self.head.indent = indent;
        self.state = Reading::ResponseHeaders;
        self.body.started = false;
        self.framing.after_body = false;
        self.framing.since_head = 0;
        self.framing.hop_request = false;
        self.head.cleaned = self.line.cleaned;
        if let Some(req) = self.request.take() {
            self.learn_request(&req.headers, &req.target, &req.body);
            self.last_request = Some(Rc::new(req));
        }
        if self.exchange.request.is_none() {
            self.exchange.request.clone_from(&self.last_request);
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
        self.framing.past_length = false;
        self.body.skip = false;
        self.framing.body_left = None;
        self.framing.body_check = false;
        self.framing.unframed = false;
        let scan = self.body.scan.take();
        self.body.scan_line_fed = false;
        if let Some(mut r) = self.current.take() {
            if r.body_truncated {
                r.scanned = scan.map(ErrorScan::finish);
            }
            self.learn_response(&r.body);
            let interim = |s: u16| s < 200 && s != 101;
            if !interim(r.status)
                || self
                    .exchange
                    .final_response
                    .as_ref()
                    .is_none_or(|f| interim(f.status))
            {
                self.exchange.final_response = Some(r);
            }
        }
        self.state = Reading::Outside;
    }

    pub(crate) fn push_client_error(&mut self, mut err: ClientError) {
        // Past the bound the line is not kept, but it still begins the exchange.
        self.open_exchange();
        if self.exchange.client_errors.len() < self.limits.max_client_errors {
            err.after = self.statuses;
            self.exchange.client_errors.push(err);
        }
    }

    pub(crate) fn current_style(&self) -> Option<Style> {
        self.current.as_ref().map(|r| r.style)
    }

    /// Parses a status line, or notes a broken one.
    pub(crate) fn try_status(&mut self, text: &[u8]) -> Option<(String, u16, String)> {
        if !text.starts_with(b"HTTP/") {
            return None;
        }
        match parse_status_line(text) {
            Some(s) => Some(s),
            None => {
                self.note_broken_status(text);
                None
            }
        }
    }

    /// Notes the input's first line with more than blanks (what was given, when it holds
    /// no status line), if none was noted.
    pub(crate) fn note_first_line(&mut self, line: &[u8]) {
        if self.out.first_line.is_none() {
            self.out.first_line = Some(lossy(&line[..line.len().min(256)]));
        }
    }

    /// Counts in an exchange the fast lane took whole, as the line machine would have: one
    /// exchange with one final response, whose status line is `status_line`.
    pub(crate) fn count_taken(&mut self, status_line: &[u8]) {
        // What the fast lane takes always got a response.
        self.outbox.failed_last = false;
        self.out.exchanges += 1;
        self.out.responded += 1;
        self.statuses += 1;
        self.note_first_line(status_line);
    }

    /// Notes a line that starts as a status line and is not one, if it is the exchange's
    /// first.
    pub(crate) fn note_broken_status(&mut self, text: &[u8]) {
        if self.exchange.broken_status_line.is_none() {
            self.exchange.broken_status_line = Some(lossy(&text[..text.len().min(200)]));
        }
    }

    pub(crate) fn header_or_end(&mut self, text: &[u8]) {
        if text.iter().all(u8::is_ascii_whitespace) {
            self.head_ended();
            return;
        }
        self.head.cleaned |= self.line.cleaned;
        let max = self.limits.max_headers;
        match parse_header(text) {
            Some(h) => {
                if let Some(r) = self.current.as_mut() {
                    if !header_keep::keep(&mut r.headers, max, h) {
                        r.headers_skipped += 1;
                    }
                }
            }
            None => {
                // Not a header: the block ended without a blank line.
                self.state = Reading::ResponseBody;
                self.body_line(text);
            }
        }
    }

    pub(crate) fn request_header_or_end(&mut self, text: &[u8]) {
        if text.iter().all(u8::is_ascii_whitespace) {
            self.state = Reading::RequestBody;
            return;
        }
        let max = self.limits.max_headers;
        if let (Some(h), Some(req)) = (parse_header(text), self.request.as_mut()) {
            header_keep::keep(&mut req.headers, max, h);
        } else {
            self.state = Reading::RequestBody;
        }
    }

    pub(crate) fn body_line(&mut self, line: &[u8]) {
        let Some(r) = self.current.as_mut() else {
            return;
        };
        let sep = usize::from(self.body.started);
        if !self.body.started && r.status >= 400 && self.body.scan.is_none() {
            self.body.scan = Some(ErrorScan::new());
        }
        self.body.started = true;
        self.framing.after_body = false;
        if let Some(scan) = self.body.scan.as_mut() {
            if !std::mem::take(&mut self.body.scan_line_fed) {
                if sep == 1 {
                    scan.feed(b"\n");
                }
                scan.feed(line);
            }
        }
        r.body_bytes += self.line.raw_len;
        if r.body_truncated {
            // The kept prefix has ended; only count.
            return;
        }
        let room = self.limits.max_body.saturating_sub(r.body.len());
        if sep + line.len() > room || self.line.skipped > 0 {
            r.body_truncated = true;
            self.body.skip = true;
        }
        if sep == 1 && room > 0 {
            r.body.push(b'\n');
        }
        let take = line.len().min(room.saturating_sub(sep));
        r.body.extend_from_slice(&line[..take]);
    }

    /// Takes a body a line quotes whole (a log line's) line by line as any body: its bytes
    /// are a newline between its lines, none after the last (that one is the line's).
    pub(crate) fn take_quoted_body(&mut self, body: &[u8]) {
        let (skipped, raw_len) = (std::mem::take(&mut self.line.skipped), self.line.raw_len);
        let mut lines = body.split(|b| *b == b'\n').peekable();
        while let Some(line) = lines.next() {
            let newline = u64::from(lines.peek().is_some());
            self.line.raw_len = line.len() as u64 + newline;
            self.body_line(line);
        }
        (self.line.skipped, self.line.raw_len) = (skipped, raw_len);
    }

    /// Counts body bytes past the kept prefix.
    pub(crate) fn count_body(&mut self, bytes: u64) {
        if let Some(r) = self.current.as_mut() {
            r.body_bytes += bytes;
        }
    }

    /// A line too long to keep, in an error body: the scan reads all of it as it comes, its
    /// kept start first, whether the line turns out to be body or not (so that where a
    /// chunk ends never changes what the scan sees).
    pub(crate) fn scan_long_line(&mut self, kept: &[u8], rest: &[u8]) {
        if self.state != Reading::ResponseBody {
            return;
        }
        let error_body = self.current.as_ref().is_some_and(|r| r.status >= 400);
        if error_body && !self.body.started {
            self.body.scan.get_or_insert_with(ErrorScan::new);
        }
        let Some(scan) = self.body.scan.as_mut() else {
            return;
        };
        if !self.body.scan_line_fed {
            self.body.scan_line_fed = true;
            if self.body.started {
                scan.feed(b"\n");
            }
            scan.feed(kept);
        }
        scan.feed(rest);
    }
}

/// Where the current message ends, and whether the next one continues its exchange.
#[derive(Debug, Default)]
pub(crate) struct Framing {
    /// Body bytes still to come by the declared `Content-Length`.
    pub(crate) body_left: Option<u64>,
    /// The first line of a counted body is yet to come (a status line there means the
    /// response sent no body: HEAD, `curl -iL` hops).
    pub(crate) body_check: bool,
    /// The counted body has ended: blank lines are skipped, text continues the body.
    pub(crate) after_body: bool,
    /// The response's counted body has ended, whatever came after it: a line there may be
    /// an application's log line.
    pub(crate) past_length: bool,
    /// Bytes of lines read since the current response's header block ended.
    pub(crate) since_head: u64,
    /// curl's `Issue another request` or wget's `[following]` was seen: the next request
    /// continues the exchange.
    pub(crate) redirect_follow: bool,
    /// A request was read after a 3xx of this exchange: the next status continues it.
    pub(crate) hop_request: bool,
    /// The current plain response's body has no length to trust (chunked, decoded by
    /// `--compressed`, delimited by the connection's close): a status line followed by
    /// header lines ends it, at a line start or glued to its last byte.
    pub(crate) unframed: bool,
    /// A line of such a body that ends in a status line, waiting for the next line to
    /// say whether a response begins there.
    pub(crate) held: Option<HeldLine>,
}

/// A body line that ends in a status line (`{"errors": ...}HTTP/1.1 500 ...`), as read.
#[derive(Debug)]
pub(crate) struct HeldLine {
    /// The line as kept (up to `max_line` bytes), `\r` included.
    pub(crate) raw: Vec<u8>,
    /// Its size as read (its `\n` included), and how many of its bytes were not kept.
    pub(crate) raw_len: u64,
    pub(crate) skipped: u64,
    /// The error scan had the line already (it outgrew `max_line`).
    pub(crate) scan_fed: bool,
    /// Where the status line begins in the line as read.
    pub(crate) start: u64,
    /// The status line, `\r` included.
    pub(crate) status: Vec<u8>,
}

/// The positions among all statuses of the last few responses whose time is known
/// (`--trace-time`), and how long after its request each began, in microseconds.
#[derive(Debug, Default)]
pub(crate) struct Latencies {
    recent: std::collections::VecDeque<(u64, u64)>,
}

impl Latencies {
    /// Notes that the response at `position` began `micros` after its request.
    pub(crate) fn push(&mut self, position: u64, micros: u64) {
        if self.recent.len() == 8 {
            self.recent.pop_front();
        }
        self.recent.push_back((position, micros));
    }

    /// How long after its request the response at `position` began, when known.
    pub(crate) fn of(&self, position: u64) -> Option<u64> {
        self.recent
            .iter()
            .rev()
            .find(|(p, _)| *p == position)
            .map(|(_, m)| *m)
    }
}
