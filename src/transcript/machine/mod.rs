//! The state machine: lines in, messages grouped into a transcript out.

mod lines;
mod unframed;

use crate::transcript::core::assemble::{Assembler, Reading};
use crate::transcript::core::framing::BodyCut;
use crate::transcript::core::grammar::*;
use crate::transcript::core::queue::Outbox;
use crate::transcript::fast::FastLane;
use crate::transcript::formats::applog;
use crate::transcript::formats::curl;
use crate::transcript::formats::curl_trace::{TraceLine, read_trace_line, strip_stamp};
use crate::transcript::formats::library::dump::{finish_follow, follow_line, start_library};
use crate::transcript::formats::library::follow_state::LibraryFollow;
use crate::transcript::formats::library::record::PyRecord;
use crate::transcript::formats::markers::*;
use crate::transcript::formats::trace_grammar::CurlTrace;
use crate::transcript::formats::wget;
use crate::transcript::formats::write_out::WriteOut;
use crate::transcript::formats::{Line, LineContext, classify};
use crate::transcript::{Limits, MAX_REQUEST_BODY, Request, Style, Transcript};

/// The line machine: each line is read for what it is and handed to the assembler, or to
/// the recogniser of the client family that printed it.
#[derive(Debug)]
pub(crate) struct Machine {
    /// The exchange being built, and where completed ones go.
    pub(crate) asm: Assembler,
    /// The partial line carried over from the previous chunk.
    pub(crate) pending: Vec<u8>,
    /// Whether the pending line outgrew `max_line` (the rest of it is skipped).
    pub(crate) pending_overflow: bool,
    /// How many lines held more than blanks.
    pub(crate) nonblank_lines: u64,
    /// A curl trace (`--trace`, `--trace-ascii`, `--trace-time`) being read.
    pub(crate) trace: Option<CurlTrace>,
    /// What is being read after a library's error line (an axios dump, Guzzle's body).
    pub(crate) follow: Option<LibraryFollow>,
    /// What `curl -w` may have written after lines outside any message.
    pub(crate) write_out: WriteOut,
    /// The input has ended (`end`).
    pub(crate) ended: bool,
    /// The lines a trace block stands for, waiting to be read.
    emitted: Vec<TraceLine>,
    /// What the fast lane keeps from one run to the next.
    pub(crate) fast: FastLane,
    /// The current year, for log lines whose times have none (syslog's).
    pub(crate) year: i32,
    /// The time of the log record being read, for its lines that have none.
    record_time: applog::RecordTime,
    /// The last bytes of the line being read, when it outgrew `max_line`.
    pub(crate) tail: Vec<u8>,
}

impl Machine {
    pub(crate) fn new(limits: Limits, outbox: Outbox) -> Machine {
        Machine {
            asm: Assembler::new(limits, outbox),
            pending: Vec::new(),
            pending_overflow: false,
            nonblank_lines: 0,
            trace: None,
            follow: None,
            write_out: WriteOut::default(),
            ended: false,
            emitted: Vec::new(),
            fast: FastLane::default(),
            year: crate::applog::time::year_of(std::time::SystemTime::now()),
            record_time: applog::RecordTime::default(),
            tail: Vec::new(),
        }
    }

    /// Ends the input: the last exchange is complete (and, streaming, queued). Feeding
    /// after this is ignored.
    pub(crate) fn end(&mut self) {
        if self.ended {
            return;
        }
        if !self.pending.is_empty() || self.pending_overflow {
            let line = std::mem::take(&mut self.pending);
            self.pending_overflow = false;
            self.complete_line(&line, line.len() as u64 + self.asm.line.skipped);
            self.asm.body.scan_line_fed = false;
            self.asm.line.skipped = 0;
        }
        unframed::release_held(self, None);
        self.flush_trace();
        finish_follow(&mut self.follow, &mut self.asm);
        self.asm.flush_star_errors();
        self.write_out.finish(&mut self.asm, self.nonblank_lines);
        self.asm.end_exchange();
        self.ended = true;
    }

    /// Ends the input and returns what the transcript holds. A streaming parser has
    /// handed its exchanges out already, so `last` is what was not drained, if anything.
    pub(crate) fn finish(mut self) -> Transcript {
        self.end();
        let asm = self.asm;
        let mut out = asm.out;
        out.last = asm.outbox.last().unwrap_or(asm.exchange);
        out.response_after_micros = out.last.response_after_micros;
        out
    }

    /// Handles one line, without its `\n`.
    pub(crate) fn line(&mut self, raw: &[u8]) {
        self.read_line(raw, true);
    }

    /// Handles one line; `may_hold`: a line of a body with no length to trust that ends in
    /// a status line may wait for the next (`unframed.rs`).
    fn read_line(&mut self, raw: &[u8], may_hold: bool) {
        let mut line = raw;
        if self.asm.state == Reading::ResponseBody {
            let mut cut = match self.asm.framing.body_left {
                Some(_) => self.asm.counted_line(raw),
                None if self.asm.framing.unframed => {
                    if unframed::line(self, raw, may_hold) {
                        return;
                    }
                    BodyCut::No
                }
                None => BodyCut::No,
            };
            if cut == BodyCut::No {
                cut = self.asm.upgraded_line(raw);
            }
            if cut == BodyCut::No {
                cut = self.glued_failure(raw);
            }
            match cut {
                BodyCut::No => {}
                BodyCut::Whole => return,
                BodyCut::Rest(at) => {
                    self.line(&raw[at..]);
                    return;
                }
            }
        }
        if line.last() == Some(&b'\r') {
            line = &line[..line.len() - 1];
        }
        if self.asm.framing.after_body && line.is_empty() {
            self.asm.framing.since_head += self.asm.line.raw_len;
            return;
        }
        // Fast path: most lines of a big body start with an ordinary byte. (In a trace dump
        // the body comes in the dump; a plain line is its copy on stdout.)
        // Past a counted body's end a line may be an application's log line: read it whole.
        if self.asm.state == Reading::ResponseBody
            && is_plain_body_start(line)
            && self.trace.is_none()
            && !self.asm.framing.past_length
        {
            self.asm.body_line(line);
            return;
        }
        let cleaned;
        self.asm.line.cleaned = false;
        if crate::find::memchr2(0x1b, b'\r', line).is_some() {
            cleaned = clean_line(line);
            line = &cleaned;
            self.asm.line.cleaned = true;
        }
        // Progress meters are dropped here, once, however many stand before the text.
        while let Some(rest) = after_progress(line) {
            if rest.iter().all(u8::is_ascii_whitespace) {
                return;
            }
            line = rest;
        }
        if line.first().is_some_and(u8::is_ascii_digit) {
            line = strip_stamp(&mut self.trace, &mut self.asm, line);
        }
        if !line.iter().all(u8::is_ascii_whitespace) {
            self.nonblank_lines += 1;
            self.asm.note_first_line(line);
        }
        if self.follow.is_none() && self.asm.state == Reading::Outside {
            // An exception no log record caught: its traceback is a record of its own.
            self.follow = PyRecord::opened_by(line).map(LibraryFollow::Python);
        }
        if self.follow.is_some() && follow_line(&mut self.follow, &mut self.asm, line) {
            return;
        }
        let traced = read_trace_line(&mut self.trace, &mut self.asm, line, &mut self.emitted);
        self.dispatch_emitted();
        if traced {
            return;
        }
        self.dispatch(line);
    }

    /// In a `curl -v` trace the body goes to stdout with no newline after it, so the next
    /// run's `curl: (N) ...` failure or first `* ` line (on stderr) may follow it on the
    /// same line.
    pub(crate) fn glued_failure(&mut self, raw: &[u8]) -> BodyCut {
        if !self.asm.head.verbose {
            return BodyCut::No;
        }
        let failure = crate::find::memmem_iter(raw, b"curl: (")
            .find(|&at| at > 0 && parse_client_error(&raw[at..]).is_some());
        // (A progress meter's last update is followed the same way; it is dropped below.)
        let star = || curl::glued_star_at(raw).filter(|_| after_progress(raw).is_none());
        let Some(at) = failure.or_else(star) else {
            return BodyCut::No;
        };
        self.asm.split_body_line(raw, at);
        BodyCut::Rest(at)
    }

    /// Hands on a trace's gathered block, line by line.
    fn flush_trace(&mut self) {
        if let Some(t) = self.trace.as_mut() {
            t.flush_block(&mut self.asm, &mut self.emitted);
        }
        self.dispatch_emitted();
    }

    /// Reads the lines a trace stands for as `curl -v` would have printed them.
    fn dispatch_emitted(&mut self) {
        if self.emitted.is_empty() {
            return;
        }
        let mut lines = std::mem::take(&mut self.emitted);
        for l in &lines {
            let line = &l.text[..l.text.len().min(self.asm.limits.max_line)];
            if let Some(t) = self.trace.as_mut() {
                t.note_time(line, l.time, &mut self.asm);
            }
            self.asm.line.raw_len = l.text.len() as u64 + l.newline;
            self.dispatch(line);
        }
        lines.clear();
        self.emitted = lines;
    }

    /// Whether a status line read now would end what the machine holds and begin a new
    /// exchange from a state the fast lane can stand for: no client family is in the
    /// middle of something, and the assembler is at a plain boundary.
    pub(crate) fn plain_boundary(&self) -> bool {
        self.trace.is_none() && self.follow.is_none() && self.asm.plain_boundary()
    }

    pub(crate) fn dispatch(&mut self, line: &[u8]) {
        let (side, text) = split_side(line);
        match side {
            Side::Response => {
                if let Some(status) = self.asm.try_status(text) {
                    self.asm.head.verbose = true;
                    self.asm.start_response(status, Style::CurlVerbose, 0);
                } else if self.asm.state == Reading::ResponseHeaders
                    && self.asm.current_style() == Some(Style::CurlVerbose)
                {
                    self.asm.header_or_end(text);
                }
            }
            Side::Request => {
                if let Some(req) = parse_request_line(text) {
                    self.asm.start_request(req, true);
                } else if self.asm.state == Reading::RequestHeaders {
                    self.asm.request_header_or_end(text);
                }
            }
            Side::Plain => self.plain(line),
        }
    }

    /// Reads a plain line: what [`classify`] says it is, acted on.
    pub(crate) fn plain(&mut self, line: &[u8]) {
        let ctx = LineContext {
            state: self.asm.state,
            style: self.asm.current_style(),
            verbose: self.asm.head.verbose,
            past_length: self.asm.framing.past_length,
            year: self.year,
        };
        if ctx.state == Reading::Outside {
            self.record_time.note(line, self.year);
        }
        let kind = classify(line, &ctx);
        if !matches!(kind, Line::StarFailure(_)) && is_redirect_note(line) {
            self.asm.framing.redirect_follow = true;
        }
        if let Some(tls) = curl::star_tls(line) {
            // `* Connected to` begins a connection, which a handshake line shows is TLS.
            let connected = line.starts_with(b"* Connected to ");
            self.asm.head.tls = tls || (self.asm.head.tls && !connected);
        }
        match kind {
            // Kept apart: with `-S` curl says it again as `curl: (N) ...`.
            Line::StarFailure(err) => self.asm.star_error(curl::star_kind(&err), err),
            Line::CurlNoise | Line::LogNoise => {}
            Line::WgetAwaiting(code, reason) => {
                wget::awaiting_response(&mut self.asm, code, reason)
            }
            Line::WgetError(code, reason) => wget::error_status(&mut self.asm, code, reason),
            Line::WgetNvDone(url) => wget::nv_success(&mut self.asm, url),
            Line::UrlRequest(url) => self.asm.start_request(Request::url_only(url), false),
            Line::WriteOutJson(body, obj) => self.write_out.take_json(&mut self.asm, body, obj),
            Line::ClientError(err) => self.asm.client_error(err),
            Line::WgetOwnerMismatch(err) => {
                // After wget's `ERROR: The certificate of X is not trusted.` it says more
                // of the same failure; alone, it is the failure.
                let said = !self.asm.exchange_open && self.asm.outbox.failed_last;
                if !said {
                    self.asm.client_error(err);
                }
            }
            Line::Library(l) => {
                let before = self.asm.statuses;
                self.follow = start_library(&mut self.asm, l, self.follow.take());
                // What the rest of the line shows (a logger's context) is hidden too.
                let seen = crate::applog::text_secrets(line);
                self.asm.out.secrets.absorb(&seen.values);
                self.asm.exchange.secrets.absorb(&seen.values);
                // Inside a log, the exchange takes its record's time (a line a Python
                // record repeats begins none).
                if self.asm.statuses > before {
                    self.record_time.stamp(&mut self.asm);
                }
            }
            Line::AppLog(x) => {
                self.follow = applog::start(&mut self.asm, *x).map(LibraryFollow::AppLog);
                self.record_time.stamp(&mut self.asm);
            }
            Line::Status { parts, indent } => {
                let style = if indent > 0 {
                    Style::Wget
                } else {
                    Style::Plain
                };
                self.asm.start_response(parts, style, indent);
            }
            Line::BrokenStatus(text) => {
                self.asm.note_broken_status(text);
                self.text(line);
            }
            Line::Text => self.text(line),
        }
    }

    /// Reads a line no recogniser claimed: a header, body or request line by where it
    /// stands.
    fn text(&mut self, line: &[u8]) {
        match self.asm.state {
            Reading::ResponseHeaders if self.asm.current_style() != Some(Style::CurlVerbose) => {
                if self.asm.head.indent > 0 {
                    let ind = line.iter().take_while(|b| **b == b' ').count();
                    if ind >= self.asm.head.indent {
                        self.asm.header_or_end(&line[self.asm.head.indent..]);
                        return;
                    }
                    // wget's own lines end the header block.
                    self.asm.state = Reading::ResponseBody;
                    if !is_wget_noise(line) {
                        self.asm.body_line(line);
                    }
                } else {
                    self.asm.header_or_end(line);
                }
            }
            Reading::ResponseHeaders | Reading::ResponseBody
                if self.asm.current_style() == Some(Style::Wget) && is_wget_noise(line) => {}
            Reading::ResponseHeaders | Reading::ResponseBody => {
                if self.asm.state == Reading::ResponseHeaders {
                    // `curl -v`: an unprefixed line during headers is body output.
                    self.asm.state = Reading::ResponseBody;
                }
                match parse_request_line(line).filter(|_| !self.asm.head.verbose) {
                    Some(req) => self.asm.start_request(req, true),
                    None => self.asm.body_line(line),
                }
            }
            Reading::RequestHeaders => self.asm.request_header_or_end(line),
            Reading::RequestBody | Reading::Outside => {
                if let Some(req) = parse_request_line(line) {
                    self.asm.start_request(req, true);
                } else if let (Reading::RequestBody, Some(req)) =
                    (self.asm.state, self.asm.request.as_mut())
                {
                    let room = MAX_REQUEST_BODY.saturating_sub(req.body.len());
                    if room > 0 {
                        req.body.extend_from_slice(&line[..line.len().min(room)]);
                        req.body.push(b'\n');
                    }
                } else if self.asm.state == Reading::Outside && self.asm.out.exchanges == 0 {
                    self.write_out.keep_orphan(line, self.asm.limits.max_body);
                }
            }
        }
    }
}
