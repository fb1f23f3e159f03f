//! Framing: where one exchange ends and the next begins, and bodies bounded by the length
//! their response declares.
//!
//! A status line starts a new exchange once the current one has its final response, but a
//! 3xx directly followed by the next status line (`curl -iL`) and an interim 1xx go on; a
//! request line starts one unless curl's `Issue another request` or wget's `[following]`
//! said it is the next hop of a redirect. A client's failure line ends the exchange that
//! waited for a response, or is an exchange of its own when the last one got its answer;
//! a failure `curl -v` printed on a `* ` line does so once the call it ended is over (the
//! next call's request or status line, another such failure, the end of the input), unless
//! curl said it again as `curl: (N)` or it was one address's attempt.
//!
//! A plain response (`curl -i`, HTTPie uncolored) whose `Content-Length` describes what was
//! printed bounds its body by it: a status line inside those bytes is body text, and a
//! capture glued to the previous body on one line is split where the body ends. The length
//! is not trusted for 1xx, 204 and 304, with `Transfer-Encoding` (`curl -i` strips chunked
//! framing) or `Content-Encoding` (`--compressed` decodes), when the head had escape
//! sequences (HTTPie colors reformat the body), and in `curl -v` and `wget -S` traces; and
//! when the body's first line is a status line, the response sent no body (HEAD with
//! `curl -I`, the hops `curl -iL` prints). After a 101, a status line is looked for
//! anywhere in a line, since the other protocol's bytes end with no newline. A plain body
//! with no length to trust (chunked or `--compressed` as curl prints them decoded, or ended
//! by the connection's close) ends at a status line: at a line start, or glued to its last
//! byte when the line after it is a header line (`machine/unframed.rs`).

use crate::transcript::core::assemble::{Assembler, Reading, StarKind};
use crate::transcript::core::grammar::parse_status_line;
use crate::transcript::core::queue::Lane;
use crate::transcript::{ClientError, Exchange, Request, Response, Style};

/// What a line read in a body is to the framing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum BodyCut {
    /// Not taken: the line is read as any other.
    No,
    /// Taken whole as body.
    Whole,
    /// Its start was body; the rest, from this byte on, is a line of its own.
    Rest(usize),
}

/// curl's errors about a transfer that had begun: they belong to the response before them.
const TRANSFER_ERRORS: &[u32] = &[16, 18, 22, 23, 55, 56, 61, 63, 92];

impl Assembler {
    /// A failure `curl -v` printed on a `* ` line. Held until it is known to be the
    /// failure of a call: with `-S` curl says it again as `curl: (N) ...`, which stands for
    /// it; a `* connect to X port N failed` is one address's attempt, and curl may go on
    /// to the next address and connect. What ends the call (a request or status line of the
    /// next one, another failure that ends a call, the end of the input) makes the held
    /// failure an exchange ([`Assembler::commit_star_errors`]).
    pub(crate) fn star_error(&mut self, kind: StarKind, err: ClientError) {
        match kind {
            // curl retries on a fresh connection: what failed before is not the call's end.
            StarKind::Retry => {
                self.star_errors.clear();
                return;
            }
            StarKind::Ends if self.star_errors.iter().any(|(k, _)| *k == StarKind::Ends) => {
                self.commit_star_errors();
            }
            _ => {}
        }
        if self.star_errors.len() < self.limits.max_client_errors {
            self.star_errors.push((kind, err));
        }
    }

    /// The call the held `* ` failures belong to has ended: the last one that ended a call
    /// is its failure (an exchange of its own, or that of the exchange waiting for an
    /// answer); attempts alone were recovered from.
    pub(crate) fn commit_star_errors(&mut self) {
        if self.star_errors.is_empty() {
            return;
        }
        let at = self
            .star_errors
            .iter()
            .rposition(|(k, _)| *k == StarKind::Ends);
        let err = at.map(|at| self.star_errors.swap_remove(at).1);
        self.star_errors.clear();
        if let Some(err) = err {
            self.client_error(err);
        }
    }

    /// At the end of the input: the held failure of the last call, or, if curl printed
    /// only attempts, the last attempt when no response came.
    pub(crate) fn flush_star_errors(&mut self) {
        if self.star_errors.iter().any(|(k, _)| *k == StarKind::Ends) {
            self.commit_star_errors();
            return;
        }
        let Some((_, err)) = self.star_errors.pop() else {
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
            || self.exchange.final_response.as_ref().is_some_and(is_final)
    }

    /// Whether a status line (the current response closed) begins another exchange.
    fn status_starts_exchange(&self) -> bool {
        match self.exchange.final_response.as_ref() {
            None => false,
            Some(f) if f.status == 101 => true,
            Some(f) if f.status < 200 => false,
            // Only a 3xx with a Location is followed (curl never follows a 304).
            Some(f) if followable(f) => {
                let directly = f.body_bytes == 0 && self.framing.since_head == 0;
                !(self.framing.hop_request || directly)
            }
            Some(_) => true,
        }
    }

    /// Closes the current response and counts a new status into the exchange it belongs
    /// to; returns its place among all the statuses of the input.
    pub(crate) fn begin_status(&mut self, status: u16) -> u64 {
        self.commit_star_errors();
        self.close_response();
        if self.exchange_open && self.status_starts_exchange() {
            self.end_exchange();
        }
        self.open_exchange();
        self.exchange.chain.push(status, self.limits.chain_keep);
        self.statuses += 1;
        self.statuses
    }

    pub(crate) fn start_request(&mut self, req: Request, shown: bool) {
        self.commit_star_errors();
        let hop = self.framing.redirect_follow
            && self
                .exchange
                .final_response
                .as_ref()
                .or(self.current.as_ref())
                .is_some_and(followable);
        self.close_response();
        let answered = self.exchange.final_response.is_some();
        let unanswered = self.request.is_some() || self.last_request.is_some();
        if self.exchange_open && !hop && (answered || unanswered) {
            self.end_exchange();
        }
        if let Some(old) = self.request.take() {
            // A request no response answered: what it sent is known all the same.
            self.learn_request(&old.headers, &old.target, &old.body);
        }
        self.framing.hop_request = hop;
        self.framing.redirect_follow = false;
        self.open_exchange();
        self.request = Some(Request {
            headers_shown: shown,
            tls: req.tls || self.head.tls,
            ..req
        });
        self.state = if shown {
            Reading::RequestHeaders
        } else {
            Reading::Outside
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

    /// The response's header block has ended: its body follows, bounded by its declared
    /// length when that can be trusted.
    pub(crate) fn head_ended(&mut self) {
        self.state = Reading::ResponseBody;
        self.framing.since_head = 0;
        let Some(r) = self.current.as_ref() else {
            return;
        };
        // A response to HEAD has no body: under `curl -svI` what follows on stdout is
        // curl's copy of the header block.
        let head = |q: &Request| q.method.as_deref() == Some("HEAD");
        let asked = self.request.as_ref().or(self.last_request.as_deref());
        if self.head.verbose && asked.is_some_and(head) {
            self.close_response();
            return;
        }
        if r.style == Style::Plain
            && self.head.indent == 0
            && !self.head.verbose
            && !self.head.cleaned
        {
            match declared_length(r) {
                Some(n) => {
                    self.framing.body_left = Some(n);
                    self.framing.body_check = true;
                }
                // 1xx have no body; after a 101 the other protocol's bytes are read apart.
                None => self.framing.unframed = r.status >= 200,
            }
        }
    }

    /// Handles a line (as read, `\r` included; its size is `raw_len`) while a counted body
    /// is open: whether it is body, or its start is (the caller reads the rest as a line).
    pub(crate) fn counted_line(&mut self, raw: &[u8]) -> BodyCut {
        let Some(left) = self.framing.body_left else {
            return BodyCut::No;
        };
        if std::mem::take(&mut self.framing.body_check) {
            let text = raw.strip_suffix(b"\r").unwrap_or(raw);
            if text.starts_with(b"HTTP/") && parse_status_line(text).is_some() {
                self.framing.body_left = None;
                return BodyCut::No;
            }
        }
        // curl's error 18 says the transfer stopped short of the declared length: the body
        // ends where its line begins, on a line of its own or glued to the last bytes.
        let left = cut_short_at(raw, left).unwrap_or(left);
        if left == 0 {
            self.body_done();
            return BodyCut::No;
        }
        let raw_len = self.line.raw_len;
        if raw_len <= left {
            self.framing.body_left = Some(left - raw_len);
            self.body_line(raw.strip_suffix(b"\r").unwrap_or(raw));
            if left == raw_len {
                self.body_done();
            }
            return BodyCut::Whole;
        }
        // The body ends inside this line: what follows it starts the next thing (captures
        // glued with no newline between them).
        let cut = usize::try_from(left).unwrap_or(usize::MAX).min(raw.len());
        let skipped = self.line.skipped;
        self.line.raw_len = left;
        self.line.skipped = if cut < raw.len() { 0 } else { skipped };
        self.body_line(&raw[..cut]);
        self.body_done();
        self.line.raw_len = raw_len - left;
        self.line.skipped = if cut < raw.len() { skipped } else { 0 };
        BodyCut::Rest(cut)
    }

    /// After a 101 the connection speaks another protocol, whose bytes need not end in a
    /// newline: the next capture's status line may follow them on the same line.
    pub(crate) fn upgraded_line(&mut self, raw: &[u8]) -> BodyCut {
        if self.current.as_ref().is_none_or(|r| r.status != 101) {
            return BodyCut::No;
        }
        let text = raw.strip_suffix(b"\r").unwrap_or(raw);
        let Some(at) = crate::find::memmem_iter(text, b"HTTP/")
            .find(|&at| at > 0 && parse_status_line(&text[at..]).is_some())
        else {
            return BodyCut::No;
        };
        self.split_body_line(raw, at);
        BodyCut::Rest(at)
    }

    /// Reads `raw[..at]` as the end of the body, and readies `raw[at..]` to be read as a
    /// line of its own, each counted by its own length.
    pub(crate) fn split_body_line(&mut self, raw: &[u8], at: usize) {
        let (raw_len, skipped) = (self.line.raw_len, self.line.skipped);
        self.line.raw_len = at as u64;
        self.line.skipped = 0;
        self.body_line(&raw[..at]);
        self.line.raw_len = raw_len - at as u64;
        self.line.skipped = skipped;
    }

    fn body_done(&mut self) {
        self.framing.body_left = None;
        self.framing.after_body = true;
        self.framing.past_length = true;
    }

    /// Whether a quiet line of `len` bytes (past the kept prefix) is body, counting it
    /// against the declared length; false when the body ends in it. `has_status_text`
    /// says whether what is read of the line holds `HTTP/`: asked only of a body with no
    /// length to trust, which a status line glued to the end of any line may end.
    #[inline]
    pub(crate) fn counted_room(
        &mut self,
        len: u64,
        has_status_text: impl FnOnce() -> bool,
    ) -> bool {
        match self.framing.body_left {
            // Past a counted body's end a line may be an application's log line.
            None if self.framing.past_length => false,
            None if self.framing.unframed => self.framing.held.is_none() && !has_status_text(),
            None => true,
            Some(left) if left > len && !self.framing.body_check => {
                self.framing.body_left = Some(left - len);
                true
            }
            Some(_) => false,
        }
    }

    /// Whether the body being read has no length to trust and nothing held, so that a
    /// quiet line is counted unless it holds `HTTP/` ([`Self::counted_room`]'s test),
    /// and no record run can begin ([`Self::record_boundary`] is false).
    #[inline]
    pub(crate) fn quiet_unframed(&self) -> bool {
        self.framing.body_left.is_none()
            && !self.framing.past_length
            && self.framing.unframed
            && self.framing.held.is_none()
    }

    /// Whether a structured log's record read now stands between messages, where a call
    /// it states ends what is held and begins an exchange of its own, in a state the fast
    /// lane for records can stand for (the machine adds that no client family is in the
    /// middle of something). Only for a summary's frames, and once an exchange was read (a
    /// line before the first may be what `curl -w` wrote).
    pub(crate) fn record_boundary(&self) -> bool {
        self.outbox.lane == Lane::Frames
            && self.out.exchanges > 0
            && self.state == Reading::Outside
            && self.current.is_none()
            && !self.head.verbose
            && self.star_errors.is_empty()
            && self.request.is_none()
            && self.last_request.is_none()
            && !self.framing.redirect_follow
            && !self.framing.hop_request
            && self.framing.body_left.is_none()
            && self.framing.held.is_none()
            && !self.framing.past_length
            && !self.framing.unframed
            // A closed exchange holds nothing a new one would take on.
            && (self.exchange_open || self.exchange == Exchange::default())
    }

    /// Whether a status line read now would end what is held and begin a new exchange
    /// from a state the fast lane can stand for (the machine adds that no client family is
    /// in the middle of something: [`Machine::plain_boundary`](crate::transcript::machine::Machine::plain_boundary)).
    pub(crate) fn plain_boundary(&self) -> bool {
        let quiet = !self.head.verbose
            && self.outbox.lane != Lane::Off
            && self.star_errors.is_empty()
            && self.request.is_none()
            && self.last_request.is_none()
            && !self.framing.redirect_follow
            && !self.framing.hop_request
            && self.framing.body_left.is_none()
            && self.framing.held.is_none();
        if !quiet {
            return false;
        }
        if !self.exchange_open {
            // A broken status line read between exchanges waits in `exchange` for the next one.
            return self.current.is_none()
                && matches!(self.state, Reading::Outside)
                && self.exchange.broken_status_line.is_none();
        }
        // A final response, not a redirect (`curl -iL` prints the next hop right after one)
        // or an upgrade, being read in plain style.
        matches!(self.state, Reading::ResponseHeaders | Reading::ResponseBody)
            && self.current.as_ref().is_some_and(|r| {
                r.style == Style::Plain
                    && r.status >= 200
                    && !(300..400).contains(&r.status)
                    && self.head.indent == 0
            })
    }
}

/// Whether a client may follow this response to another hop: a 3xx that names a
/// `Location`, and not a 304.
fn followable(r: &Response) -> bool {
    (300..400).contains(&r.status) && r.status != 304 && r.header("Location").is_some()
}

/// curl's error 18 messages, as (how the line ends, what stands before the number).
pub(crate) const CUT_SHORT: [(&[u8], &[u8]); 2] = [
    (
        b" bytes remaining to read",
        b"curl: (18) transfer closed with ",
    ),
    (b" bytes missing", b"curl: (18) end of response with "),
];

/// How each of curl's error 18 messages begins.
pub(crate) const CUT_SHORT_MARK: &[u8] = b"curl: (18)";

/// Where curl's `curl: (18) transfer closed with N bytes remaining to read` (curl 8's
/// `curl: (18) end of response with N bytes missing`) begins in a counted body line that
/// ends in it, when the N bytes it says are missing are those the declared length leaves
/// there (`left`: before the line): only the end of the line is read, and a body that
/// quotes the message stays whole.
fn cut_short_at(raw: &[u8], left: u64) -> Option<u64> {
    let text = raw.strip_suffix(b"\r").unwrap_or(raw);
    let (rest, head) = CUT_SHORT
        .iter()
        .find_map(|(end, head)| Some((text.strip_suffix(*end)?, *head)))?;
    let digits = rest.iter().rev().take_while(|b| b.is_ascii_digit()).count();
    let (before, n) = rest.split_at(rest.len() - digits);
    let at = before.strip_suffix(head)?.len() as u64;
    let n: u64 = std::str::from_utf8(n).ok()?.parse().ok()?;
    (left.checked_sub(at) == Some(n)).then_some(at)
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
    // This runs for every response a log holds: names of another length are passed over
    // here, with no call; the rest are compared eight bytes at a time.
    let is = |name: &[u8], field: &[u8]| {
        name.len() == field.len() && crate::ascii::eq_ignore_case(name, field)
    };
    for (name, value) in headers {
        if is(name, b"transfer-encoding") {
            return None;
        }
        if is(name, b"content-encoding") {
            // The first one is the one read.
            if !std::mem::replace(&mut encoding_seen, true)
                && !value.eq_ignore_ascii_case(b"identity")
            {
                return None;
            }
            continue;
        }
        if !is(name, b"content-length") {
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
