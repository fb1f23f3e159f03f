//! curl's trace outputs, read as the `curl -v` lines they stand for: `--trace-ascii -`
//! (`== Info:`, `=> Send header, N bytes`, `<= Recv data`, then `0000: text` lines cut at 64
//! bytes), `--trace -` (the same blocks as a hex dump, 16 bytes a line), and the
//! `HH:MM:SS.micros ` stamp `--trace-time` puts before every line of either or of `-v`.
//!
//! A block's bytes are gathered (bounded), then handed on line by line: header blocks as
//! `> `/`< ` lines, received data as body lines, curl's notes as `* ` lines. The time stamps
//! give how long the final response took after its request was sent.

use crate::transcript::core::machine::Parser;
use crate::transcript::formats::trace_grammar::*;

impl Parser {
    /// Reads a line of a curl trace; `true` when it was one (or was the body's copy that a
    /// trace also prints to stdout, which is dropped: the trace holds the body).
    pub(crate) fn trace_line(&mut self, line: &[u8]) -> bool {
        if let Some(b) = block_head(line) {
            self.flush_block();
            let t = self.trace.get_or_insert_with(Trace::default);
            t.block = Some(b);
            t.dump = true;
            t.block_time = t.now;
            return true;
        }
        if let Some(info) = line.strip_prefix(b"== Info: ") {
            self.flush_block();
            let t = self.trace.get_or_insert_with(Trace::default);
            t.dump = true;
            let mut star = b"* ".to_vec();
            star.extend_from_slice(info);
            self.trace_emit(&star, 1);
            return true;
        }
        let Some(t) = self.trace.as_mut().filter(|t| t.dump) else {
            return false;
        };
        if let (Some(text), Some(_)) = (data_line(line), t.block) {
            if t.bytes.is_empty() && t.block.is_some() && !t.hex {
                // `--trace` lines are 16 groups of `hh ` and the text: tell them apart once.
                let mut probe = Vec::new();
                t.hex = hex_bytes(text, &mut probe)
                    && text.len() > 48
                    && text[..48].iter().filter(|b| **b == b' ').count() >= 16;
            }
            if t.bytes.len() < MAX_BLOCK {
                if t.hex {
                    hex_bytes(text, &mut t.bytes);
                } else {
                    t.bytes.extend_from_slice(text);
                    // A line is cut at 64 bytes; a shorter one ended at a line end.
                    if text.len() < 64 {
                        t.bytes.push(b'\n');
                    }
                }
            }
            return true;
        }
        // Not a trace line: curl's stdout (the body again), or its error line.
        self.flush_block();
        if line.starts_with(b"curl: (") {
            return false;
        }
        if let Some(i) = memchr::memmem::find(line, b"== Info: ") {
            return self.trace_line(&line[i..]);
        }
        true
    }

    /// Hands on the gathered block, line by line.
    pub(crate) fn flush_block(&mut self) {
        let Some(t) = self.trace.as_mut() else {
            return;
        };
        let Some(block) = t.block.take() else {
            return;
        };
        let bytes = std::mem::take(&mut t.bytes);
        let mut text: &[u8] = &bytes;
        if text.last() == Some(&b'\n') {
            text = &text[..text.len() - 1];
        }
        let ends_in_newline = bytes.last() == Some(&b'\n');
        let pieces = text.split(|b| *b == b'\n').count();
        for (i, piece) in text.split(|b| *b == b'\n').enumerate() {
            let piece = piece.strip_suffix(b"\r").unwrap_or(piece);
            // A body's size as sent: the last piece of a block may end without a newline.
            let newline = u64::from(i + 1 < pieces || ends_in_newline);
            match block {
                Block::SendHeader | Block::RecvHeader => {
                    let mut l = if block == Block::SendHeader {
                        b"> ".to_vec()
                    } else {
                        b"< ".to_vec()
                    };
                    l.extend_from_slice(piece);
                    self.trace_emit(&l, 1);
                }
                Block::RecvData => self.trace_emit(piece, newline),
                Block::SendData => {
                    if let Some(req) = self.request.as_mut() {
                        let room =
                            crate::transcript::MAX_REQUEST_BODY.saturating_sub(req.body.len());
                        req.body.extend_from_slice(&piece[..piece.len().min(room)]);
                    }
                }
                Block::Other => {}
            }
        }
    }

    /// Strips a `--trace-time` stamp, noting the time; the line without it.
    pub(crate) fn trace_time<'a>(&mut self, line: &'a [u8]) -> &'a [u8] {
        match strip_time(line) {
            Some((time, rest)) if stamped(rest) => {
                self.trace.get_or_insert_with(Trace::default).now = Some(time);
                if !rest.starts_with(b"=> ") && !rest.starts_with(b"<= ") {
                    self.note_time(rest, Some(time));
                }
                rest
            }
            _ => line,
        }
    }

    /// Notes when a request was sent and when the response to it began.
    fn note_time(&mut self, line: &[u8], time: Option<u64>) {
        let position = self.statuses + 1;
        let Some(t) = self.trace.as_mut() else {
            return;
        };
        let Some(time) = time else {
            return;
        };
        if let Some(req) = line.strip_prefix(b"> ") {
            if crate::transcript::core::grammar::parse_request_line(req).is_some() {
                t.sent = Some(time);
            }
        } else if line.starts_with(b"< HTTP/") {
            if let Some(sent) = t.sent {
                // The stamps are times of day: a trace may pass midnight.
                let day = 86_400 * 1_000_000;
                if t.latencies.len() == 8 {
                    t.latencies.pop_front();
                }
                t.latencies.push_back((position, (time + day - sent) % day));
            }
        }
    }

    /// How long after its request the response at `position` began, when the trace's
    /// stamps say (`--trace-time`).
    pub(crate) fn response_time(&self, position: u64) -> Option<u64> {
        let t = self.trace.as_ref()?;
        t.latencies
            .iter()
            .rev()
            .find(|(p, _)| *p == position)
            .map(|(_, m)| *m)
    }

    /// Reads a line the trace stands for as `curl -v` would have printed it.
    fn trace_emit(&mut self, line: &[u8], newline: u64) {
        let raw = line.len() as u64 + newline;
        let line = &line[..line.len().min(self.limits.max_line)];
        let time = self.trace.as_ref().and_then(|t| t.block_time);
        self.note_time(line, time);
        self.raw_len = raw;
        self.dispatch(line);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stamps_heads_and_data_lines() {
        assert_eq!(
            strip_time(b"16:44:02.305218 < HTTP/1.1 429"),
            Some((
                ((16 * 60 + 44) * 60 + 2) * 1_000_000 + 305_218,
                &b"< HTTP/1.1 429"[..]
            ))
        );
        assert_eq!(strip_time(b"16:44:02 < x"), None);
        assert_eq!(
            block_head(b"<= Recv header, 32 bytes (0x20)"),
            Some(Block::RecvHeader)
        );
        assert_eq!(
            block_head(b"=> Send data, 13 bytes (0xd)"),
            Some(Block::SendData)
        );
        assert_eq!(
            block_head(b"<= Recv SSL data, 5 bytes (0x5)"),
            Some(Block::Other)
        );
        assert_eq!(block_head(b"<= Recv header"), None);
        assert_eq!(data_line(b"0040: it before"), Some(&b"it before"[..]));
        assert_eq!(data_line(b"004g: x"), None);
        let mut v = Vec::new();
        assert!(hex_bytes(
            b"48 54 54 50 2f 31 2e 31 20 34 30 30 20 42 61 64 HTTP/1.1 400 Bad",
            &mut v
        ));
        assert_eq!(v, b"HTTP/1.1 400 Bad");
        v.clear();
        assert!(hex_bytes(
            b"0d 0a                                           ..",
            &mut v
        ));
        assert_eq!(v, b"\r\n");
    }
}
