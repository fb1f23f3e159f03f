//! Line assembly: bytes fed in chunks of any size become whole lines, bounded by
//! `max_line`, and the quiet lines of a long body are only counted.

use super::clients::is_quiet_body_line;
use super::lane::Lane;
use super::machine::{Parser, State};
use crate::json::error_body::ErrorScan;

impl Parser {
    /// Feeds the next chunk of input; chunks may split lines anywhere.
    pub fn feed(&mut self, mut chunk: &[u8]) {
        if self.ended {
            return;
        }
        self.out.bytes += chunk.len() as u64;
        if !self.pending.is_empty() || self.pending_overflow {
            match memchr::memchr(b'\n', chunk) {
                Some(i) => {
                    self.extend_pending(&chunk[..i]);
                    let line = std::mem::take(&mut self.pending);
                    self.pending_overflow = false;
                    self.complete_line(&line, line.len() as u64 + self.skipped + 1);
                    self.scan_line_fed = false;
                    self.skipped = 0;
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
        loop {
            if self.lane != Lane::Off && chunk[start..].starts_with(b"HTTP/") {
                if quiet > 0 {
                    self.count_body(quiet);
                    quiet = 0;
                }
                start = self.fast_units(chunk, start);
            }
            let Some(n) = memchr::memchr(b'\n', &chunk[start..]) else {
                break;
            };
            let end = start + n;
            let line = &chunk[start..end];
            if self.skip_body
                && is_quiet_body_line(line)
                && self.counted_room(line.len() as u64 + 1)
            {
                if let Some(scan) = self.scan.as_mut() {
                    scan.feed(b"\n");
                    scan.feed(line);
                }
                quiet += line.len() as u64 + 1;
                start = end + 1;
                continue;
            }
            if quiet > 0 {
                self.count_body(quiet);
                quiet = 0;
            }
            self.raw_len = line.len() as u64 + 1;
            if line.len() > self.limits.max_line {
                self.skipped = (line.len() - self.limits.max_line) as u64;
                let (kept, rest) = line.split_at(self.limits.max_line);
                self.scan_long_line(kept, rest);
                self.line(kept);
                self.scan_line_fed = false;
                self.skipped = 0;
            } else {
                self.line(line);
            }
            start = end + 1;
        }
        if quiet > 0 {
            self.count_body(quiet);
        }
        self.extend_pending(&chunk[start..]);
    }

    /// Handles a line put together across chunks, the same way `feed` handles one inside a
    /// chunk; `raw_len` is its size as read.
    pub(crate) fn complete_line(&mut self, line: &[u8], raw_len: u64) {
        if self.skip_body && is_quiet_body_line(line) && self.counted_room(raw_len) {
            if let Some(scan) = self.scan.as_mut() {
                if !std::mem::take(&mut self.scan_line_fed) {
                    scan.feed(b"\n");
                    scan.feed(line);
                }
            }
            self.count_body(raw_len);
        } else {
            self.raw_len = raw_len;
            self.line(line);
        }
    }

    /// Counts body bytes past the kept prefix.
    pub(crate) fn count_body(&mut self, bytes: u64) {
        if let Some(r) = self.current.as_mut() {
            r.body_bytes += bytes;
        }
    }

    pub(crate) fn extend_pending(&mut self, bytes: &[u8]) {
        let room = self.limits.max_line.saturating_sub(self.pending.len());
        if bytes.len() > room {
            self.pending.extend_from_slice(&bytes[..room]);
            let kept = std::mem::take(&mut self.pending);
            self.scan_long_line(&kept, &bytes[room..]);
            self.pending = kept;
            self.skipped += (bytes.len() - room) as u64;
            self.pending_overflow = true;
        } else {
            self.pending.extend_from_slice(bytes);
        }
    }

    /// A line too long to keep, in an error body: the scan reads all of it as it comes, its
    /// kept start first, whether the line turns out to be body or not (so that where a
    /// chunk ends never changes what the scan sees).
    pub(crate) fn scan_long_line(&mut self, kept: &[u8], rest: &[u8]) {
        if self.state != State::ResponseBody {
            return;
        }
        let error_body = self.current.as_ref().is_some_and(|r| r.status >= 400);
        if error_body && !self.body_started {
            self.scan.get_or_insert_with(ErrorScan::new);
        }
        let Some(scan) = self.scan.as_mut() else {
            return;
        };
        if !self.scan_line_fed {
            self.scan_line_fed = true;
            if self.body_started {
                scan.feed(b"\n");
            }
            scan.feed(kept);
        }
        scan.feed(rest);
    }
}
