//! curl's trace outputs, read as the `curl -v` lines they stand for: `--trace-ascii -`
//! (`== Info:`, `=> Send header, N bytes`, `<= Recv data`, then `0000: text` lines cut at 64
//! bytes), `--trace -` (the same blocks as a hex dump, 16 bytes a line), and the
//! `HH:MM:SS.micros ` stamp `--trace-time` puts before every line of either or of `-v`.
//!
//! A block's bytes are gathered (bounded), then handed on line by line: header blocks as
//! `> `/`< ` lines, received data as body lines, curl's notes as `* ` lines. The time stamps
//! give how long the final response took after its request was sent.

use crate::transcript::MAX_REQUEST_BODY;
use crate::transcript::core::assemble::Assembler;
use crate::transcript::core::grammar::parse_request_line;
use crate::transcript::formats::trace_grammar::*;

/// A line a trace block stands for, as `curl -v` would have printed it.
#[derive(Debug)]
pub(crate) struct TraceLine {
    /// The line, without its `\n`.
    pub(crate) text: Vec<u8>,
    /// 1 when it ended in a newline (a body's last piece may not).
    pub(crate) newline: u64,
    /// The stamp of its block's head (`--trace-time`).
    pub(crate) time: Option<u64>,
}

/// Reads a line of a curl trace; `true` when it was one (or was the body's copy that a
/// trace also prints to stdout, which is dropped: the trace holds the body). The lines a
/// finished block stands for are put in `emitted`, to be read before this one.
pub(crate) fn read_trace_line(
    trace: &mut Option<CurlTrace>,
    asm: &mut Assembler,
    line: &[u8],
    emitted: &mut Vec<TraceLine>,
) -> bool {
    if let Some(b) = block_head(line) {
        if let Some(t) = trace.as_mut() {
            t.flush_block(asm, emitted);
        }
        let t = trace.get_or_insert_with(CurlTrace::default);
        t.block = Some(b);
        t.dump = true;
        t.block_time = t.now;
        return true;
    }
    if let Some(info) = line.strip_prefix(b"== Info: ") {
        if let Some(t) = trace.as_mut() {
            t.flush_block(asm, emitted);
        }
        let t = trace.get_or_insert_with(CurlTrace::default);
        t.dump = true;
        let mut star = b"* ".to_vec();
        star.extend_from_slice(info);
        t.emit(star, 1, emitted);
        return true;
    }
    let Some(t) = trace.as_mut().filter(|t| t.dump) else {
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
    t.flush_block(asm, emitted);
    if line.starts_with(b"curl: (") {
        return false;
    }
    if let Some(i) = crate::find::memmem(line, b"== Info: ") {
        return read_trace_line(trace, asm, &line[i..], emitted);
    }
    true
}

/// Strips a `--trace-time` stamp, noting the time; the line without it.
pub(crate) fn strip_stamp<'a>(
    trace: &mut Option<CurlTrace>,
    asm: &mut Assembler,
    line: &'a [u8],
) -> &'a [u8] {
    match strip_time(line) {
        Some((time, rest)) if stamped(rest) => {
            let t = trace.get_or_insert_with(CurlTrace::default);
            t.now = Some(time);
            if !rest.starts_with(b"=> ") && !rest.starts_with(b"<= ") {
                t.note_time(rest, Some(time), asm);
            }
            rest
        }
        _ => line,
    }
}

impl CurlTrace {
    /// Hands on the gathered block, line by line, into `emitted` (a request's data goes
    /// to the request being read).
    pub(crate) fn flush_block(&mut self, asm: &mut Assembler, emitted: &mut Vec<TraceLine>) {
        let Some(block) = self.block.take() else {
            return;
        };
        let bytes = std::mem::take(&mut self.bytes);
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
                    self.emit(l, 1, emitted);
                }
                Block::RecvData => self.emit(piece.to_vec(), newline, emitted),
                Block::SendData => {
                    if let Some(req) = asm.request.as_mut() {
                        let room = MAX_REQUEST_BODY.saturating_sub(req.body.len());
                        req.body.extend_from_slice(&piece[..piece.len().min(room)]);
                    }
                }
                Block::Other => {}
            }
        }
    }

    /// A line the trace stands for, stamped with its block's time.
    fn emit(&self, text: Vec<u8>, newline: u64, emitted: &mut Vec<TraceLine>) {
        emitted.push(TraceLine {
            text,
            newline,
            time: self.block_time,
        });
    }

    /// Notes when a request was sent and when the response to it began (the next status
    /// of the input).
    pub(crate) fn note_time(&mut self, line: &[u8], time: Option<u64>, asm: &mut Assembler) {
        let position = asm.statuses + 1;
        let Some(time) = time else {
            return;
        };
        if let Some(req) = line.strip_prefix(b"> ") {
            if parse_request_line(req).is_some() {
                self.sent = Some(time);
            }
        } else if line.starts_with(b"< HTTP/") {
            if let Some(sent) = self.sent {
                // The stamps are times of day: a trace may pass midnight.
                let day = 86_400 * 1_000_000;
                asm.latencies.push(position, (time + day - sent) % day);
            }
        }
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
