//! The fast lane for structured logs: runs of flat JSON records between messages, each a
//! call ([`Flat::Call`]) or a record with none ([`Flat::Nothing`]), taken as [`Frame`]s
//! for a summary.
//!
//! The line machine reads such a record as a family's line only when no family before the
//! application log claims it (`formats::classify`), and then as an exchange of its own that
//! the next exchange ends; a record with no call is text between messages, which changes
//! nothing once an exchange was read. So a call is taken only when the next call stands in
//! the same chunk with nothing but records with no call between: nothing can be added to
//! its exchange. The last call of a run, and every line the lane is not sure of, are the
//! machine's.

use std::time::{Duration, UNIX_EPOCH};

use crate::applog::flat::{self, Flat, Keys};
use crate::redact::Secrets;
use crate::transcript::core::assemble::Assembler;
use crate::transcript::formats::applog::RecordTime;
use crate::transcript::formats::library::parse_line;
use crate::transcript::formats::markers::parse_client_error;
use crate::transcript::formats::wget;
use crate::transcript::formats::write_out::json_write_out;
use crate::transcript::{Frame, Item};

use super::plain_line;
use super::shapes::{RecordCall, Shapes};

/// What the machine keeps that a run of records changes.
pub(crate) struct Around<'m> {
    pub(crate) asm: &'m mut Assembler,
    pub(crate) nonblank_lines: &'m mut u64,
    pub(crate) record_time: &'m mut RecordTime,
    pub(crate) year: i32,
    /// The calls read in earlier runs.
    pub(crate) shapes: &'m mut Shapes,
}

/// At a line that starts `{` (`at` in `chunk`), with no partial line pending and the
/// machine between messages ([`Assembler::record_boundary`]): takes every record it can
/// from there and returns where the line machine goes on.
pub(crate) fn take_run(m: Around<'_>, chunk: &[u8], at: usize) -> usize {
    let mut pos = at;
    // Lines read but not yet taken: a call first, if any, then records with none.
    let mut call: Option<(RecordCall, &[u8])> = None;
    let mut held_from = at;
    let mut held_lines = 0u64;
    let mut last_taken: Option<&[u8]> = None;
    let mut taken_lines = 0u64;
    let mut ended = false;
    let mut keys = Keys::default();
    while let Some((line, next)) = plain_line(chunk, pos, &m.asm.limits) {
        let Some(record) = read(line, m.year, &mut keys, m.shapes) else {
            break;
        };
        match record {
            Record::Call(c) => {
                // The call before this one is complete: take it, and what stood after it.
                if let Some((before, before_line)) = call.take() {
                    if !ended {
                        m.asm.end_exchange();
                        ended = true;
                    }
                    take_call(m.asm, before, before_line);
                }
                taken_lines += held_lines;
                if held_lines > 0 {
                    last_taken = Some(&chunk[held_from..pos]);
                }
                call = Some((c, line));
                held_from = pos;
                held_lines = 1;
            }
            Record::Nothing => held_lines += 1,
        }
        pos = next;
    }
    // What is held after the last call goes to the machine with it; records with no call
    // and no call before them are taken.
    let mut end = held_from;
    if call.is_none() {
        taken_lines += held_lines;
        if held_lines > 0 {
            last_taken = Some(&chunk[held_from..pos]);
        }
        end = pos;
    }
    if let Some(lines) = last_taken {
        // Each record line sets the record time afresh: the last one taken decides it.
        let last = last_line(lines);
        m.record_time.note(last, m.year);
    }
    *m.nonblank_lines += taken_lines;
    end
}

/// What the lane makes of a line it reads.
enum Record {
    /// A call.
    Call(RecordCall),
    /// A record with no call.
    Nothing,
}

/// What a line is to the lane: `None` when it is not a flat record the machine would read
/// as the application log's, a call or a record with none. A call read before at another
/// time is recalled ([`Shapes`]).
fn read(line: &[u8], year: i32, keys: &mut Keys, shapes: &mut Shapes) -> Option<Record> {
    let cut = shapes.cut(line);
    if let Some(call) = cut.as_ref().and_then(|c| shapes.recall(line, c, year)) {
        debug_assert_eq!(
            read_anew(line, year, keys).map(|f| match f {
                Flat::Call(c) => Some(RecordCall::of(&c)),
                _ => None,
            }),
            Some(Some(call.clone())),
            "a recalled call reads otherwise afresh"
        );
        return Some(Record::Call(call));
    }
    match read_anew(line, year, keys)? {
        Flat::Call(c) => {
            let call = RecordCall::of(&c);
            if let Some(cut) = &cut {
                shapes.keep(line, cut, &c.time, &call);
            }
            Some(Record::Call(call))
        }
        Flat::Nothing | Flat::Unsure => Some(Record::Nothing),
    }
}

/// [`read`], with nothing recalled.
fn read_anew<'a>(line: &'a [u8], year: i32, keys: &mut Keys) -> Option<Flat<'a>> {
    if !line.starts_with(b"{\"") {
        return None;
    }
    // Families read before the application log that could claim a line that starts `{`:
    // wget's `-nv` success line, curl's `-w '%{json}'`, a client's error line.
    if wget::nv_done(line).is_some()
        || json_write_out(line).is_some()
        || parse_client_error(line).is_some()
    {
        return None;
    }
    match flat::read_with(line, year, keys) {
        Flat::Call(c) => Some(Flat::Call(c)),
        // A record with no call is read on: an HTTP library's error line in it would count.
        Flat::Nothing if parse_line(line).is_none() => Some(Flat::Nothing),
        _ => None,
    }
}

/// The last line of `lines` (each ends in `\n`), without its line end.
fn last_line(lines: &[u8]) -> &[u8] {
    let body = lines.strip_suffix(b"\n").unwrap_or(lines);
    let body = body.strip_suffix(b"\r").unwrap_or(body);
    let from = crate::find::memrchr(b'\n', body).map_or(0, |i| i + 1);
    &body[from..]
}

/// Counts a call in, as the line machine would have, and hands it out as a frame.
fn take_call(asm: &mut Assembler, c: RecordCall, line: &[u8]) {
    asm.count_taken(line);
    if c.has_body {
        // The body was read as lines of the response's body.
        asm.framing.after_body = false;
    }
    let time_ms = u64::try_from(c.time_ms).unwrap_or_default();
    asm.outbox.done.push_back(Item::Frame(Frame {
        index: asm.out.exchanges,
        status: c.status,
        date: UNIX_EPOCH.checked_add(Duration::from_millis(time_ms)),
        retry_after: None,
        rate_limit_problem: None,
        request_id: None,
        request: c.request,
        secrets: Secrets::new(),
    }));
}
