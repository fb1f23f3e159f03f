//! Calls read before: a record line that differs from a call the lane has read only in its
//! time reads as that call did, with its own time.
//!
//! A logger writes the same few calls again and again (`{"level":"info","message":"Hike
//! call ok","method":"GET","status":200,"timestamp":"...","url":"/api/v1/products"}`), and
//! what the record lane makes of such a line, apart from its time, does not rest on the
//! time's text when that text is only digits and `-:.+TZ` (ISO 8601, an epoch number):
//! - the text stands between the quotes of one JSON string, and holds no `"` or `\`, so it
//!   cannot end that string early or open another key or value: the record's keys and
//!   values are the same whatever time stands there;
//! - it is a string under `timestamp`, so it is no status, method, URL or body;
//! - it holds no `=`, no space and no letter but `T` and `Z`, so no credential's name, no
//!   header's name, no marker of a family and no word a stated status needs can be spelled
//!   in it, and the credential and status searches that look into every string find
//!   nothing there;
//! - the time a line is recalled at is read with [`time::iso_at`], which takes the time
//!   at the start of the text and accepts what follows it: the check on the bytes above is
//!   what keeps a text such as `2026-12-04T16:00:00Z Cookie: sid-1` from being recalled.
//!
//! So a line is cut into what stands before its `"timestamp":"` string, the string and
//! what stands after; a line whose two outer parts equal those of a call read before is
//! that call, at the time its own string gives. Anything else (a time of other characters,
//! a line that is not a call, a time that does not parse) is read afresh.

use std::ops::Range;

use once_cell::sync::Lazy;

use crate::applog::flat::FlatCall;
use crate::applog::time;
use crate::transcript::LoggedRequest;

/// How many calls are remembered (each in the slot its outer parts hash to).
const SLOTS: usize = 256;
/// A longer line is not remembered.
const MAX_LINE: usize = 1024;
/// A longer time is not cut out.
const MAX_TIME: usize = 40;

/// The bytes a time may hold to be cut out: digits and `-:.+TZ`.
static TIME_BYTES: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = matches!(
            b as u8,
            b'0'..=b'9' | b'-' | b':' | b'.' | b'+' | b'T' | b'Z'
        );
        b += 1;
    }
    table
};

/// The key whose string is a record's time.
static TIME_KEY: Lazy<crate::find::Finder<'static>> =
    Lazy::new(|| crate::find::Finder::new(b"\"timestamp\":\""));

/// The calls remembered, at most [`SLOTS`] lines of at most [`MAX_LINE`] bytes.
#[derive(Debug, Default)]
pub(crate) struct Shapes {
    slots: Vec<Shape>,
    /// Where the last line's time started: most lines have theirs at the same place.
    last_time: usize,
}

/// One call read before.
#[derive(Debug, Default)]
struct Shape {
    /// Its line; empty in a slot not used yet.
    line: Vec<u8>,
    /// Where its time stands in it.
    time: Range<usize>,
    /// What it was read as (at its own time).
    call: RecordCall,
}

/// Where a line's time stands, and the slot its outer parts hash to.
#[derive(Debug, Clone)]
pub(crate) struct Cut {
    time: Range<usize>,
    slot: usize,
}

impl Shapes {
    /// The line cut around a `"timestamp":"` string (where the last line's was, or the
    /// first), when it is short enough to remember and its time is of the characters the
    /// module docs name. (Whichever such string it is cut around, a line is recalled only
    /// when all it holds but that string equals a line read before.)
    pub(crate) fn cut(&mut self, line: &[u8]) -> Option<Cut> {
        if line.len() > MAX_LINE {
            return None;
        }
        let key = TIME_KEY.needle();
        let hint = self.last_time;
        let start = if hint >= key.len() && line.get(hint - key.len()..hint) == Some(key) {
            hint
        } else {
            TIME_KEY.find(line)? + key.len()
        };
        self.last_time = start;
        let len = crate::find::memchr(b'"', &line[start..])?;
        let text = &line[start..start + len];
        if len == 0 || len > MAX_TIME || !text.iter().all(|b| TIME_BYTES[usize::from(*b)]) {
            return None;
        }
        let end = start + len;
        let slot = (hash(&line[..start]) ^ hash(&line[end..]).rotate_left(29)) as usize % SLOTS;
        Some(Cut {
            time: start..end,
            slot,
        })
    }

    /// The call `line` repeats, at its own time; `None` when it repeats none remembered, or
    /// its time does not parse (the line is then read afresh, which finds out).
    pub(crate) fn recall(&self, line: &[u8], cut: &Cut, year: i32) -> Option<RecordCall> {
        let shape = self.slots.get(cut.slot)?;
        if shape.line.is_empty()
            || shape.line[..shape.time.start] != line[..cut.time.start]
            || shape.line[shape.time.end..] != line[cut.time.end..]
        {
            return None;
        }
        // What `time::parse` reads first; the time holds no space for it to trim.
        let text = &line[cut.time.clone()];
        let time_ms = match time::iso_at(text) {
            Some((ms, _)) => ms,
            None => time::parse(std::str::from_utf8(text).ok()?, year)?,
        };
        (time_ms >= 0).then(|| RecordCall {
            time_ms,
            ..shape.call.clone()
        })
    }

    /// Remembers `call`, read from `line`, when its time is the string `cut` found.
    pub(crate) fn keep(&mut self, line: &[u8], cut: &Cut, time: &Range<usize>, call: &RecordCall) {
        if *time != cut.time {
            return;
        }
        if self.slots.is_empty() {
            self.slots.resize_with(SLOTS, Shape::default);
        }
        let shape = &mut self.slots[cut.slot];
        shape.line.clear();
        shape.line.extend_from_slice(line);
        shape.time = cut.time.clone();
        shape.call.clone_from(call);
    }
}

/// A call as the record lane takes it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct RecordCall {
    /// The status, 200..=599.
    pub(crate) status: u16,
    /// Milliseconds since the Unix epoch, not negative.
    pub(crate) time_ms: i64,
    /// Whether the record holds a body.
    pub(crate) has_body: bool,
    /// The request it names, as frames carry it: its method upper-cased.
    pub(crate) request: Option<LoggedRequest>,
}

impl RecordCall {
    /// The call a flat record states.
    pub(crate) fn of(c: &FlatCall<'_>) -> RecordCall {
        RecordCall {
            status: c.status,
            time_ms: c.time_ms,
            has_body: c.has_body,
            request: (c.method.is_some() || c.target.is_some()).then(|| {
                (
                    c.method.map(|m| m.to_ascii_uppercase().into()),
                    c.target.unwrap_or_default().into(),
                )
            }),
        }
    }
}

/// A quick hash of `bytes` (FxHash's step, eight bytes at a time): it only picks a slot,
/// and a slot's line is compared whole.
fn hash(bytes: &[u8]) -> u64 {
    const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
    let step = |h: u64, w: u64| (h.rotate_left(5) ^ w).wrapping_mul(K);
    let mut h = bytes.len() as u64;
    let mut words = bytes.chunks_exact(8);
    for w in &mut words {
        h = step(h, u64::from_le_bytes(w.try_into().unwrap_or_default()));
    }
    let mut tail = [0u8; 8];
    tail[..words.remainder().len()].copy_from_slice(words.remainder());
    step(h, u64::from_le_bytes(tail))
}
