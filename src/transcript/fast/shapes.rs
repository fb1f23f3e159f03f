//! Calls read before: a record line that differs from a call the lane has read only in its
//! time reads as that call did, with its own time.
//!
//! A logger writes the same few calls again and again (`{"level":"info","message":"Hike
//! call ok","method":"GET","status":200,"timestamp":"...","url":"/api/v1/products"}`), and
//! what the record lane makes of such a line, apart from its time, does not rest on the
//! time's text when that text is only digits and `-:.+TZ` (ISO 8601, an epoch number):
//! - it holds no letter a marker, a credential's name or a header's name is spelled with
//!   (`T` and `Z` stand between digits), no `=`, no `"` and no `\`, so no family's
//!   recogniser, no credential check and no status search reads anything else there;
//! - it is a string under `timestamp`, so it is no status, method, URL or body.
//!
//! So a line is cut into what stands before its `"timestamp":"` string, the string and
//! what stands after; a line whose two outer parts equal those of a call read before is
//! that call, at the time its own string gives. Anything else (a time of other characters,
//! a line that is not a call, a time that does not parse) is read afresh.

use std::ops::Range;

use once_cell::sync::Lazy;

use crate::applog::flat::FlatCall;
use crate::applog::time;

/// How many calls are remembered (each in the slot its outer parts hash to).
const SLOTS: usize = 256;
/// A longer line is not remembered.
const MAX_LINE: usize = 1024;
/// A longer time is not cut out.
const MAX_TIME: usize = 40;

/// The key whose string is a record's time.
static TIME_KEY: Lazy<memchr::memmem::Finder<'static>> =
    Lazy::new(|| memchr::memmem::Finder::new(b"\"timestamp\":\""));

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
    status: u16,
    method: Option<Range<usize>>,
    target: Option<Range<usize>>,
    has_body: bool,
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
        let len = memchr::memchr(b'"', &line[start..])?;
        let text = &line[start..start + len];
        if len == 0
            || len > MAX_TIME
            || !text
                .iter()
                .all(|b| matches!(b, b'0'..=b'9' | b'-' | b':' | b'.' | b'+' | b'T' | b'Z'))
        {
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
    pub(crate) fn recall<'a>(&self, line: &'a [u8], cut: &Cut, year: i32) -> Option<FlatCall<'a>> {
        let shape = self.slots.get(cut.slot)?;
        if shape.line.is_empty()
            || shape.line[..shape.time.start] != line[..cut.time.start]
            || shape.line[shape.time.end..] != line[cut.time.end..]
        {
            return None;
        }
        let text = std::str::from_utf8(&line[cut.time.clone()]).ok()?;
        let time_ms = time::parse(text, year).filter(|ms| *ms >= 0)?;
        // A part after the time stands as far from the time's end as in the shape's line.
        let here = |r: &Range<usize>| {
            let r = if r.start >= shape.time.end {
                r.start - shape.time.end + cut.time.end..r.end - shape.time.end + cut.time.end
            } else {
                r.clone()
            };
            std::str::from_utf8(line.get(r)?).ok()
        };
        Some(FlatCall {
            status: shape.status,
            method: match &shape.method {
                Some(r) => Some(here(r)?),
                None => None,
            },
            target: match &shape.target {
                Some(r) => Some(here(r)?),
                None => None,
            },
            time_ms,
            has_body: shape.has_body,
            time: cut.time.clone(),
        })
    }

    /// Remembers the call `line` was read as, when its time is the string `cut` found.
    pub(crate) fn keep(&mut self, line: &[u8], cut: &Cut, call: &FlatCall<'_>) {
        if call.time != cut.time {
            return;
        }
        // Where a part read from the line stands in it.
        let range = |s: &str| {
            let start = (s.as_ptr() as usize).checked_sub(line.as_ptr() as usize)?;
            (start + s.len() <= line.len()).then_some(start..start + s.len())
        };
        let (method, target) = match (call.method.map(range), call.target.map(range)) {
            (Some(None), _) | (_, Some(None)) => return,
            (m, t) => (m.flatten(), t.flatten()),
        };
        if self.slots.is_empty() {
            self.slots.resize_with(SLOTS, Shape::default);
        }
        let shape = &mut self.slots[cut.slot];
        shape.line.clear();
        shape.line.extend_from_slice(line);
        shape.time = cut.time.clone();
        shape.status = call.status;
        shape.method = method;
        shape.target = target;
        shape.has_body = call.has_body;
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
