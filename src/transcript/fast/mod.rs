//! The fast lane: runs of plain `curl -i` exchanges framed from their bytes alone.
//!
//! A log of many `curl -si` captures is mostly exchanges of one shape: a status line, header
//! fields, a blank line, a body of exactly its `Content-Length`, blank lines, and the next
//! status line. Where the line machine would take each of them through every client's
//! markers, line by line, the fast lane checks its shape, skips the body by its length, and
//! then, by its [`Lane`]: counts it in (the default parser, which keeps only the last
//! exchange), hands out the few fields a summary reads as a [`Frame`], or builds the
//! [`Exchange`](crate::transcript::Exchange) the machine would have built (a streaming parser).
//!
//! It takes an exchange only when the line machine would read it the same way and leave
//! itself in the same state: a final status that is not a redirect, 204 or 304; header
//! lines of plain ASCII that no client's marker could match; a trusted length, whose body
//! it learns from as the machine would; and after it, in the same chunk, a whole status
//! line. What it declines, the line machine reads as before. The last exchange of the input
//! is always the line machine's, so the one `explain` reports is built as it always was.

pub(crate) mod exchange;
pub(crate) mod http_date;
pub(crate) mod lane;
pub(crate) mod records;
pub(crate) mod shapes;

use crate::redact::Secrets;
use crate::transcript::core::assemble::{Assembler, Reading};
use crate::transcript::core::framing::{CUT_SHORT, CUT_SHORT_MARK, declared_length_of};
use crate::transcript::core::grammar::{header_value, status_parts};
use crate::transcript::core::header_keep::REQUEST_ID_HEADERS;
use crate::transcript::core::queue::Lane;
use crate::transcript::fast::exchange::Spare;
use crate::transcript::fast::lane::{DateCache, StatusLine, Unit};
use crate::transcript::formats::applog::RecordTime;
use crate::transcript::formats::markers::is_client_marker;
use crate::transcript::{Frame, Item, Limits};

/// What the fast lane keeps from one run to the next.
#[derive(Debug, Default)]
pub(crate) struct FastLane {
    /// Buffers of an exchange handed back, for the next one the fast lane builds.
    pub(crate) spare: Spare,
    /// The last `Date` a frame had, parsed.
    pub(crate) frame_date: DateCache,
    /// The last body the fast lane learned nothing from (bounded by `max_body`).
    pub(crate) barren_body: Vec<u8>,
    /// The calls of structured records read before.
    pub(crate) shapes: shapes::Shapes,
}

/// At a line that starts `HTTP/` (`at` in `chunk`), with no partial line pending and the
/// machine at a plain boundary ([`Machine::plain_boundary`](crate::transcript::machine::Machine::plain_boundary)):
/// takes every exchange it can from there into `asm` and returns where the line machine
/// goes on. `nonblank_lines` is the machine's count of lines that held more than blanks.
pub(crate) fn take_run(
    asm: &mut Assembler,
    fast: &mut FastLane,
    nonblank_lines: &mut u64,
    record_time: (&mut RecordTime, i32),
    chunk: &[u8],
    at: usize,
) -> usize {
    let lane = asm.outbox.lane;
    let Some(first) = unit(&chunk[at..], &asm.limits, lane, None) else {
        return at;
    };
    // Between messages a status line is read for a library's error line and for curl's
    // `-w '%{json}'` first: a line either would take is left to the machine.
    if asm.state == Reading::Outside
        && (crate::find::memchr(b'{', first.status_line).is_some()
            || crate::transcript::formats::library::parse_line(first.status_line).is_some())
    {
        return at;
    }
    // A status line read between messages ends a log record's time (it has none of its
    // own), as the machine notes every line it reads there.
    if asm.state == Reading::Outside {
        record_time.0.note(first.status_line, record_time.1);
    }
    // What the status line would do: end the exchange before it.
    asm.star_errors.clear();
    asm.close_response();
    if asm.exchange_open {
        asm.end_exchange();
    }
    let mut pos = at;
    let mut next = Some(first);
    while let Some(u) = next {
        take_unit(asm, fast, nonblank_lines, &u);
        pos += u.end;
        let head = u
            .next
            .map(|(line, next, status)| (line, next - u.end, status));
        next = unit(&chunk[pos..], &asm.limits, lane, head);
    }
    // As after a final response's body: the status line that follows is read as one.
    asm.state = Reading::ResponseBody;
    pos
}

/// Counts a unit in, as the line machine would have.
fn take_unit(asm: &mut Assembler, fast: &mut FastLane, nonblank_lines: &mut u64, u: &Unit) {
    asm.count_taken(u.status_line);
    *nonblank_lines += u.head_lines;
    let mut secrets = Secrets::new();
    if let Some(body) = u.issues.filter(|b| *b != fast.barren_body) {
        secrets.learn_response(body);
        if secrets.is_empty() {
            // A log repeats its error bodies: this one is not read again.
            fast.barren_body.clear();
            fast.barren_body.extend_from_slice(body);
        } else {
            asm.out.secrets.learn_response(body);
        }
    }
    match asm.outbox.lane {
        Lane::Frames => {}
        Lane::Exchanges => {
            let (index, position) = (asm.out.exchanges, asm.statuses);
            let spare = &mut fast.spare;
            let x = exchange::build(u, &asm.limits, index, position, secrets, spare);
            asm.outbox.done.push_back(Item::Exchange(x));
            return;
        }
        Lane::Off | Lane::Count => return,
    }
    // The lines are plain ASCII.
    let text = |v: Option<&[u8]>| v.and_then(|v| std::str::from_utf8(v).ok()).map(Box::from);
    let limited = u.status == 429;
    let failed = u.status >= 400 && asm.outbox.frame_ids;
    let date = u.date.and_then(|d| fast.frame_date.parse(d));
    asm.outbox.done.push_back(Item::Frame(Frame {
        index: asm.out.exchanges,
        status: u.status,
        date,
        retry_after: text(u.retry_after.filter(|_| limited)),
        rate_limit_problem: text(u.problem.filter(|_| limited)),
        request_id: text(u.ids.iter().find_map(|v| *v).filter(|_| failed)),
        request: None,
        secrets,
    }));
}

/// The line at `at` without its `\n` (or `\r\n`), and where the next begins; `None` when it
/// does not end in this chunk, is longer than the machine keeps, or holds a byte other
/// than printable ASCII and tabs (nothing to clean, nothing a terminal would act on).
pub(crate) fn plain_line<'a>(
    buf: &'a [u8],
    at: usize,
    limits: &Limits,
) -> Option<(&'a [u8], usize)> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let rest = &buf[at..];
    let mut i = 0;
    loop {
        // Eight bytes at a time, to the first below 0x20 or from 0x7f up: the lowest byte
        // flagged is always one of those (borrows and carries only run upward).
        while let Some(c) = rest.get(i..i + 8) {
            let w = u64::from_le_bytes(c.try_into().unwrap_or([0; 8]));
            let flags = (w.wrapping_sub(ONES * 0x20) & !w | w | w.wrapping_add(ONES)) & HIGH;
            if flags != 0 {
                i += (flags.trailing_zeros() / 8) as usize;
                break;
            }
            i += 8;
        }
        if i > limits.max_line {
            return None;
        }
        match *rest.get(i)? {
            b'\n' => return Some((&rest[..i], at + i + 1)),
            b'\r' if rest.get(i + 1) == Some(&b'\n') && i < limits.max_line => {
                return Some((&rest[..i], at + i + 2));
            }
            b'\t' | 0x20..=0x7e => i += 1,
            _ => return None,
        }
    }
}

/// A status line (of plain text) the machine reads as nothing but one, with its status.
fn status_line(line: &[u8]) -> Option<u16> {
    if is_client_marker(line) {
        return None;
    }
    status_parts(line).map(|(_, code, _)| code)
}

/// Checks the exchange at the start of `buf` for the fast lane `lane`.
/// `first`: its status line, read already (the line, where the next begins, the status).
fn unit<'a>(
    buf: &'a [u8],
    limits: &Limits,
    lane: Lane,
    first: Option<StatusLine<'a>>,
) -> Option<Unit<'a>> {
    let fields = lane == Lane::Frames;
    let (line, mut pos, status) = match first {
        Some(f) => f,
        None => {
            let (line, pos) = plain_line(buf, 0, limits)?;
            (line, pos, status_line(line)?)
        }
    };
    if !(200..300).contains(&status) && !(400..600).contains(&status) || status == 204 {
        return None;
    }
    let mut u = Unit {
        end: 0,
        next: None,
        status,
        status_line: line,
        head_lines: 1,
        date: None,
        retry_after: None,
        problem: None,
        ids: [None; REQUEST_ID_HEADERS.len()],
        issues: None,
        fields: &[],
        body: &[],
    };
    let head = pos;
    // The fields that frame the body (`Content-Length` and the encodings), a few at most.
    let mut framing: [(&[u8], &[u8]); 4] = [(&[], &[]); 4];
    let mut framed = 0;
    let mut count = 0;
    loop {
        let (line, next) = plain_line(buf, pos, limits)?;
        pos = next;
        if line.is_empty() {
            break;
        }
        count += 1;
        let (name, value) = header(line)?;
        if count > limits.max_headers {
            return None;
        }
        if matches!(name.len(), 14 | 16 | 17) && is_framing(name) {
            *framing.get_mut(framed)? = (name, value);
            framed += 1;
        } else if fields {
            u.note(name, value);
        }
    }
    u.head_lines += count as u64;
    let n = declared_length_of(status, framing[..framed].iter().copied())?;
    let n = usize::try_from(n).ok()?;
    if n > limits.max_body.min(limits.max_line) || buf.len() - pos < n {
        return None;
    }
    u.fields = &buf[head..pos];
    let body = &buf[pos..pos + n];
    u.body = body;
    if n > 0 && body.starts_with(b"HTTP/") {
        return None;
    }

    // The body the machine keeps is its lines without their `\r`: built here only without.
    if lane == Lane::Exchanges && crate::find::memchr(b'\r', body).is_some() {
        return None;
    }
    if crate::redact::may_issue_credentials(body) {
        // The machine learns from the body as it keeps it: its lines joined by `\n`. Without
        // a `\r` in it, that is the body but its last newline.
        if crate::find::memchr(b'\r', body).is_some() {
            return None;
        }
        u.issues = Some(body.strip_suffix(b"\n").unwrap_or(body));
    }
    // The line the body ends in, whole, is as long as the machine keeps.
    let body_end = pos + n;
    let line_start = crate::find::memrchr(b'\n', body).map_or(pos, |i| pos + i + 1);
    // curl's error 18 inside the length (`curl: (18) transfer closed ...`, a line of its
    // own) says the body ended short of it: the machine reads where.
    let last = &buf[line_start..body_end];
    // Where the mark's `(` stands in it (`curl: (18)`).
    let open = CUT_SHORT_MARK.len() - 4;
    let curl_18 = |i: usize| i >= open && body[i - open..].starts_with(CUT_SHORT_MARK);
    // (The two ends compared one by one: this runs for every body the lane takes.)
    if last.ends_with(CUT_SHORT[0].0)
        || last.ends_with(CUT_SHORT[1].0)
        || line_start > pos && crate::find::memchr_iter(b'(', body).any(curl_18)
    {
        return None;
    }
    let line_end = body_end + crate::find::memchr(b'\n', &buf[body_end..])?;
    if line_end - line_start > limits.max_line {
        return None;
    }
    // Blank lines, then the next status line, whole.
    let mut at = body_end;
    loop {
        let rest = &buf[at..];
        if rest.starts_with(b"\n") {
            at += 1;
        } else if rest.starts_with(b"\r\n") {
            at += 2;
        } else {
            break;
        }
    }
    let (next, next_at) = plain_line(buf, at, limits)?;
    u.next = Some((next, next_at, status_line(next)?));
    u.end = at;
    Some(u)
}

/// Which name lengths a request id header has: most names are none of them.
const ID_LENGTHS: [bool; 32] = {
    let mut lengths = [false; 32];
    let mut i = 0;
    while i < REQUEST_ID_HEADERS.len() {
        lengths[REQUEST_ID_HEADERS[i].len()] = true;
        i += 1;
    }
    lengths
};

impl<'a> Unit<'a> {
    /// Keeps the first value of each field a [`Frame`] holds.
    fn note(&mut self, name: &[u8], value: &'a [u8]) {
        let slot = match name.len() {
            4 if name.eq_ignore_ascii_case(b"date") => &mut self.date,
            11 if name.eq_ignore_ascii_case(b"retry-after") => &mut self.retry_after,
            20 if name.eq_ignore_ascii_case(b"x-rate-limit-problem") => &mut self.problem,
            n if ID_LENGTHS.get(n) == Some(&true) => match REQUEST_ID_HEADERS
                .iter()
                .position(|h| h.as_bytes().eq_ignore_ascii_case(name))
            {
                Some(i) => &mut self.ids[i],
                None => return,
            },
            _ => return,
        };
        slot.get_or_insert(value);
    }
}

/// `Name: value` as the fast lane takes it: a name of letters, digits and `-` that starts
/// with a letter (the line is plain text); not a line curl or wget print that the machine
/// reads as theirs. The value is kept by the machine's rule ([`header_value`]).
pub(crate) fn header(line: &[u8]) -> Option<(&[u8], &[u8])> {
    // The name runs to the first byte that cannot be in one, which must be the colon.
    let colon = line
        .iter()
        .position(|b| !NAME_BYTES[usize::from(*b)])
        .filter(|&i| line[i] == b':')?;
    let name = &line[..colon];
    let ok = name.first().is_some_and(u8::is_ascii_alphabetic) && !is_client_marker(line);
    ok.then(|| (name, header_value(&line[colon + 1..])))
}

/// The bytes of a header name the fast lane takes: letters, digits and `-`.
const NAME_BYTES: [bool; 256] = {
    let mut ok = [false; 256];
    let mut b = 0;
    while b < 256 {
        ok[b] = (b as u8).is_ascii_alphanumeric() || b == b'-' as usize;
        b += 1;
    }
    ok
};

/// `Content-Length`, `Content-Encoding` or `Transfer-Encoding`.
fn is_framing(name: &[u8]) -> bool {
    [
        &b"content-length"[..],
        b"content-encoding",
        b"transfer-encoding",
    ]
    .iter()
    .any(|f| crate::ascii::eq_ignore_case(f, name))
}
