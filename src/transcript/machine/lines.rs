//! Line assembly: bytes fed in chunks of any size become whole lines, bounded by
//! `max_line`, and the quiet lines of a long body are only counted.

use crate::find;
use crate::transcript::core::grammar::find_http;
use crate::transcript::core::queue::Lane;
use crate::transcript::fast;
use crate::transcript::formats::markers::is_quiet_body_line;
use crate::transcript::machine::Machine;

impl Machine {
    /// Feeds the next chunk of input; chunks may split lines anywhere.
    pub(crate) fn feed(&mut self, mut chunk: &[u8]) {
        if self.ended {
            return;
        }
        self.asm.out.bytes += chunk.len() as u64;
        if !self.pending.is_empty() || self.pending_overflow {
            match find::memchr(b'\n', chunk) {
                Some(i) => {
                    self.extend_pending(&chunk[..i]);
                    let line = std::mem::take(&mut self.pending);
                    self.pending_overflow = false;
                    self.complete_line(&line, line.len() as u64 + self.asm.line.skipped + 1);
                    self.asm.body.scan_line_fed = false;
                    self.asm.line.skipped = 0;
                    self.pending = line;
                    self.pending.clear();
                    chunk = &chunk[i + 1..];
                }
                None => {
                    self.extend_pending(chunk);
                    return;
                }
            }
        }
        let mut start = 0;
        // Bytes of quiet body lines not yet counted: past the kept prefix of a body, a line
        // whose first bytes rule out every marker costs one comparison.
        let mut quiet = 0u64;
        // Where `HTTP/` first stands at or after the line being read (the chunk's length when
        // nowhere): one search serves every body line up to it, instead of one a line.
        let mut next_http: Option<usize> = None;
        loop {
            if self.asm.body.skip && self.asm.body.scan.is_none() && self.asm.quiet_unframed() {
                let max = self.asm.limits.max_line;
                start = quiet_run(chunk, start, max, &mut quiet, &mut next_http);
            }
            if self.asm.outbox.lane != Lane::Off && chunk[start..].starts_with(b"HTTP/") {
                if quiet > 0 {
                    self.asm.count_body(quiet);
                    quiet = 0;
                }
                if self.plain_boundary() {
                    start = fast::take_run(
                        &mut self.asm,
                        &mut self.fast,
                        &mut self.nonblank_lines,
                        (&mut self.record_time, self.year),
                        chunk,
                        start,
                    );
                }
            }
            if chunk.get(start) == Some(&b'{')
                && self.trace.is_none()
                && self.follow.is_none()
                && self.asm.record_boundary()
            {
                let around = fast::records::Around {
                    asm: &mut self.asm,
                    nonblank_lines: &mut self.nonblank_lines,
                    record_time: &mut self.record_time,
                    year: self.year,
                    shapes: &mut self.fast.shapes,
                };
                start = fast::records::take_run(around, chunk, start);
            }
            let Some(n) = find::memchr(b'\n', &chunk[start..]) else {
                break;
            };
            let end = start + n;
            let line = &chunk[start..end];
            if self.asm.body.skip && is_quiet_body_line(line) && {
                let max = self.asm.limits.max_line;
                // As `has_status_text`: `HTTP/` whole within the kept start, or in the tail.
                let has = || {
                    let kept_end = start + line.len().min(max);
                    http_from(&mut next_http, chunk, start) + 5 <= kept_end
                        || line.len() > max && find_http(tail_of(line, max), 0).is_some()
                };
                self.asm.counted_room(line.len() as u64 + 1, has)
            } {
                if let Some(scan) = self.asm.body.scan.as_mut() {
                    scan.feed(b"\n");
                    scan.feed(line);
                }
                quiet += line.len() as u64 + 1;
                start = end + 1;
                continue;
            }
            if quiet > 0 {
                self.asm.count_body(quiet);
                quiet = 0;
            }
            self.asm.line.raw_len = line.len() as u64 + 1;
            if line.len() > self.asm.limits.max_line {
                self.asm.line.skipped = (line.len() - self.asm.limits.max_line) as u64;
                let (kept, rest) = line.split_at(self.asm.limits.max_line);
                self.asm.scan_long_line(kept, rest);
                self.tail.clear();
                push_tail(&mut self.tail, tail_of(line, 0));
                self.line(kept);
                self.asm.body.scan_line_fed = false;
                self.asm.line.skipped = 0;
            } else {
                self.line(line);
            }
            start = end + 1;
        }
        if quiet > 0 {
            self.asm.count_body(quiet);
        }
        self.extend_pending(&chunk[start..]);
    }

    /// Handles a line put together across chunks, the same way `feed` handles one inside a
    /// chunk; `raw_len` is its size as read.
    pub(crate) fn complete_line(&mut self, line: &[u8], raw_len: u64) {
        let tail: &[u8] = if self.asm.line.skipped > 0 {
            &self.tail
        } else {
            &[]
        };
        if self.asm.body.skip
            && is_quiet_body_line(line)
            && self
                .asm
                .counted_room(raw_len, || has_status_text(line, tail))
        {
            if let Some(scan) = self.asm.body.scan.as_mut() {
                if !std::mem::take(&mut self.asm.body.scan_line_fed) {
                    scan.feed(b"\n");
                    scan.feed(line);
                }
            }
            self.asm.count_body(raw_len);
        } else {
            self.asm.line.raw_len = raw_len;
            self.line(line);
        }
    }

    pub(crate) fn extend_pending(&mut self, bytes: &[u8]) {
        let room = self.asm.limits.max_line.saturating_sub(self.pending.len());
        if bytes.len() > room {
            self.pending.extend_from_slice(&bytes[..room]);
            if !self.pending_overflow {
                self.tail.clear();
                push_tail(&mut self.tail, &self.pending);
            }
            push_tail(&mut self.tail, &bytes[room..]);
            let kept = std::mem::take(&mut self.pending);
            self.asm.scan_long_line(&kept, &bytes[room..]);
            self.pending = kept;
            self.asm.line.skipped += (bytes.len() - room) as u64;
            self.pending_overflow = true;
        } else {
            self.pending.extend_from_slice(bytes);
        }
    }
}

/// Counts a run of quiet lines in a body with no length to trust, where nothing but
/// `HTTP/` in a line can end the body (the state [`quiet_unframed`] names): the loop of
/// [`Machine::feed`] with only the tests such a line needs. Returns where the first line
/// it does not take begins (one holding `HTTP/`, or longer than `max`); `feed` reads that
/// line the usual way.
///
/// [`quiet_unframed`]: crate::transcript::core::assemble::Assembler::quiet_unframed
fn quiet_run(
    chunk: &[u8],
    mut start: usize,
    max: usize,
    quiet: &mut u64,
    next_http: &mut Option<usize>,
) -> usize {
    // The run stops at the line `HTTP/` stands in, so where it stands stays the next.
    let http_at = http_from(next_http, chunk, start);
    let from = start;
    let ends = LineEnds::new(chunk.len() - start);
    while let Some(n) = ends.find(&chunk[start..]) {
        let end = start + n;
        // `HTTP/` holds no newline: it begins before `end` only if it ends there too.
        if n > max || end > http_at || !is_quiet_body_line(&chunk[start..end]) {
            break;
        }
        start = end + 1;
    }
    *quiet += (start - from) as u64;
    start
}

/// Where `HTTP/` first stands in `chunk` at or after `start` (the chunk's length when
/// nowhere), kept in `next` so that one search serves every line up to it.
#[inline]
fn http_from(next: &mut Option<usize>, chunk: &[u8], start: usize) -> usize {
    match *next {
        Some(at) if at >= start => at,
        _ => *next.insert(find_http(chunk, start).unwrap_or(chunk.len())),
    }
}

/// The search for a line's end in a run of quiet lines: where at least [`find::LONG`]
/// bytes are left in the chunk and the CPU has AVX2, memchr's AVX2 searcher, made once for the run (the
/// `memchr` function picks and sets one up on every call); elsewhere [`find::memchr`],
/// which asks the CPU nothing on a short run.
struct LineEnds {
    #[cfg(target_arch = "x86_64")]
    avx2: Option<memchr::arch::x86_64::avx2::memchr::One>,
}

impl LineEnds {
    /// The search for a run within the `len` bytes left in the chunk (the run may end
    /// sooner).
    #[cfg_attr(not(target_arch = "x86_64"), allow(unused_variables))]
    fn new(len: usize) -> Self {
        Self {
            #[cfg(target_arch = "x86_64")]
            avx2: if len >= find::LONG {
                memchr::arch::x86_64::avx2::memchr::One::new(b'\n')
            } else {
                None
            },
        }
    }

    #[inline]
    fn find(&self, haystack: &[u8]) -> Option<usize> {
        #[cfg(target_arch = "x86_64")]
        if let Some(searcher) = &self.avx2 {
            return searcher.find(haystack);
        }
        find::memchr(b'\n', haystack)
    }
}

/// How many of a long line's last bytes are kept to find a status line glued to its end.
pub(crate) const TAIL: usize = 256;

/// The last [`TAIL`] bytes of `line` when it is longer than `max` (none otherwise).
fn tail_of(line: &[u8], max: usize) -> &[u8] {
    if line.len() > max {
        &line[line.len().saturating_sub(TAIL)..]
    } else {
        &[]
    }
}

/// Appends `bytes` to `tail`, which keeps only the last [`TAIL`] bytes.
fn push_tail(tail: &mut Vec<u8>, bytes: &[u8]) {
    tail.extend_from_slice(&bytes[bytes.len().saturating_sub(TAIL)..]);
    if tail.len() > TAIL {
        tail.drain(..tail.len() - TAIL);
    }
}

/// Whether what is read of a line (its kept start, its last bytes) holds `HTTP/`.
fn has_status_text(kept: &[u8], tail: &[u8]) -> bool {
    find_http(kept, 0).is_some() || find_http(tail, 0).is_some()
}
