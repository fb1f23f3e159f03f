//! Input decoding in front of the parser: a file saved on Windows may start with a UTF-8
//! byte-order mark, or be UTF-16 with a BOM (what Windows PowerShell 5.1's `>` writes).
//! Bytes come in chunks split anywhere; UTF-8 goes out, in pieces of bounded size.
//!
//! `encoding_rs` does the UTF-16 decoding: it keeps a split code unit or surrogate pair
//! across calls, so a chunk boundary may fall anywhere, and writes into a caller's buffer,
//! so memory stays bounded.
//!
//! ```
//! use hike_status::transcript::{Decoder, InputEncoding, Parser};
//!
//! let mut text: Vec<u8> = vec![0xff, 0xfe]; // UTF-16LE BOM
//! for u in "HTTP/1.1 429 Too Many Requests\r\n\r\n".encode_utf16() {
//!     text.extend_from_slice(&u.to_le_bytes());
//! }
//! let mut d = Decoder::new();
//! let mut p = Parser::new();
//! for chunk in text.chunks(3) {
//!     d.feed(chunk, &mut |b: &[u8]| p.feed(b));
//! }
//! d.finish(&mut |b: &[u8]| p.feed(b));
//! assert_eq!(d.encoding(), InputEncoding::Utf16Le);
//! assert_eq!(p.finish().last.final_response.unwrap().status, 429);
//! ```

use serde::Serialize;

/// The encoding the input was read in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum InputEncoding {
    /// UTF-8 (or ASCII) without a byte-order mark.
    Utf8,
    /// UTF-8 with a byte-order mark (Notepad, PowerShell 7's `Out-File -Encoding utf8BOM`).
    Utf8Bom,
    /// UTF-16 little-endian with a BOM (Windows PowerShell 5.1's `>`).
    Utf16Le,
    /// UTF-16 big-endian with a BOM.
    Utf16Be,
}

impl InputEncoding {
    /// How a report names it.
    pub fn as_str(self) -> &'static str {
        match self {
            InputEncoding::Utf8 => "UTF-8",
            InputEncoding::Utf8Bom => "UTF-8 with BOM",
            InputEncoding::Utf16Le => "UTF-16LE",
            InputEncoding::Utf16Be => "UTF-16BE",
        }
    }
}

/// The size of the UTF-8 pieces the decoder hands on.
const OUT: usize = 16 * 1024;

enum DecodeState {
    /// The first bytes, kept until they tell whether a BOM stands there (at most 3).
    Sniff(Vec<u8>),
    /// UTF-8: bytes pass through unchanged.
    Pass,
    /// UTF-16: decoded to UTF-8.
    Utf16(Box<encoding_rs::Decoder>),
}

impl std::fmt::Debug for DecodeState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DecodeState::Sniff(head) => write!(f, "Sniff({head:?})"),
            DecodeState::Pass => write!(f, "Pass"),
            DecodeState::Utf16(d) => write!(f, "Utf16({})", d.encoding().name()),
        }
    }
}

/// Decodes a byte stream to UTF-8 by its byte-order mark. See the [module docs](self).
#[derive(Debug)]
pub struct Decoder {
    state: DecodeState,
    encoding: InputEncoding,
    out: Vec<u8>,
}

impl Default for Decoder {
    fn default() -> Decoder {
        Decoder::new()
    }
}

impl Decoder {
    /// A decoder that has seen no bytes.
    pub fn new() -> Decoder {
        Decoder {
            state: DecodeState::Sniff(Vec::with_capacity(3)),
            encoding: InputEncoding::Utf8,
            out: Vec::new(),
        }
    }

    /// The encoding found (UTF-8 until a BOM says otherwise).
    pub fn encoding(&self) -> InputEncoding {
        self.encoding
    }

    /// Decodes the next chunk and hands the UTF-8 text to `sink`, in one or more pieces.
    pub fn feed(&mut self, chunk: &[u8], sink: &mut dyn FnMut(&[u8])) {
        if let DecodeState::Sniff(head) = &mut self.state {
            let need = 3 - head.len();
            let take = need.min(chunk.len());
            head.extend_from_slice(&chunk[..take]);
            let decided = head.len() == 3 || !could_be_bom(head);
            if !decided {
                return;
            }
            let head = std::mem::take(head);
            self.decide(&head, sink);
            self.feed(&chunk[take..], sink);
            return;
        }
        match &mut self.state {
            DecodeState::Pass => {
                if !chunk.is_empty() {
                    sink(chunk)
                }
            }
            DecodeState::Utf16(d) => decode(d, chunk, false, &mut self.out, sink),
            DecodeState::Sniff(_) => {}
        }
    }

    /// Ends the input: hands on what is held back (a lone last byte of UTF-16 becomes U+FFFD).
    pub fn finish(&mut self, sink: &mut dyn FnMut(&[u8])) {
        if let DecodeState::Sniff(head) = &mut self.state {
            let head = std::mem::take(head);
            self.decide(&head, sink);
        }
        if let DecodeState::Utf16(d) = &mut self.state {
            decode(d, &[], true, &mut self.out, sink);
        }
    }

    /// Picks the encoding from the first bytes (all of them when the input is shorter than
    /// three) and passes on what follows the BOM.
    fn decide(&mut self, head: &[u8], sink: &mut dyn FnMut(&[u8])) {
        let (encoding, bom) = if head.starts_with(&[0xef, 0xbb, 0xbf]) {
            (InputEncoding::Utf8Bom, 3)
        } else if head.starts_with(&[0xff, 0xfe]) {
            (InputEncoding::Utf16Le, 2)
        } else if head.starts_with(&[0xfe, 0xff]) {
            (InputEncoding::Utf16Be, 2)
        } else {
            (InputEncoding::Utf8, 0)
        };
        self.encoding = encoding;
        self.state = match encoding {
            InputEncoding::Utf16Le => DecodeState::Utf16(Box::new(
                encoding_rs::UTF_16LE.new_decoder_without_bom_handling(),
            )),
            InputEncoding::Utf16Be => DecodeState::Utf16(Box::new(
                encoding_rs::UTF_16BE.new_decoder_without_bom_handling(),
            )),
            _ => DecodeState::Pass,
        };
        self.feed(&head[bom..], sink);
    }
}

/// Whether the bytes so far may still grow into a BOM.
fn could_be_bom(head: &[u8]) -> bool {
    [&[0xefu8, 0xbb, 0xbf][..], &[0xff, 0xfe], &[0xfe, 0xff]]
        .iter()
        .any(|bom| bom.len() > head.len() && bom.starts_with(head))
}

fn decode(
    d: &mut encoding_rs::Decoder,
    mut input: &[u8],
    last: bool,
    out: &mut Vec<u8>,
    sink: &mut dyn FnMut(&[u8]),
) {
    out.resize(OUT, 0);
    loop {
        let (result, read, written, _) = d.decode_to_utf8(input, out, last);
        if written > 0 {
            sink(&out[..written]);
        }
        input = &input[read..];
        if result == encoding_rs::CoderResult::InputEmpty {
            break;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(input: &[u8], chunk: usize) -> (InputEncoding, Vec<u8>) {
        let mut d = Decoder::new();
        let mut out = Vec::new();
        for c in input.chunks(chunk.max(1)) {
            d.feed(c, &mut |b: &[u8]| out.extend_from_slice(b));
        }
        d.finish(&mut |b: &[u8]| out.extend_from_slice(b));
        (d.encoding(), out)
    }

    fn utf16(text: &str, le: bool) -> Vec<u8> {
        let mut v = if le {
            vec![0xff, 0xfe]
        } else {
            vec![0xfe, 0xff]
        };
        for u in text.encode_utf16() {
            v.extend_from_slice(&if le { u.to_le_bytes() } else { u.to_be_bytes() });
        }
        v
    }

    #[test]
    fn every_bom_at_every_chunk_size() {
        let text = "HTTP/1.1 200 OK\r\nX: café 😀\r\n";
        for chunk in 1..9 {
            assert_eq!(
                run(text.as_bytes(), chunk),
                (InputEncoding::Utf8, text.into())
            );
            let mut bom = vec![0xef, 0xbb, 0xbf];
            bom.extend_from_slice(text.as_bytes());
            assert_eq!(run(&bom, chunk), (InputEncoding::Utf8Bom, text.into()));
            assert_eq!(
                run(&utf16(text, true), chunk),
                (InputEncoding::Utf16Le, text.into())
            );
            assert_eq!(
                run(&utf16(text, false), chunk),
                (InputEncoding::Utf16Be, text.into())
            );
        }
    }

    #[test]
    fn short_inputs_and_partial_boms() {
        assert_eq!(run(b"", 1), (InputEncoding::Utf8, vec![]));
        assert_eq!(run(b"4", 1), (InputEncoding::Utf8, b"4".to_vec()));
        assert_eq!(
            run(&[0xef, 0xbb], 1),
            (InputEncoding::Utf8, vec![0xef, 0xbb])
        );
        assert_eq!(
            run(&[0xef, b'x'], 1),
            (InputEncoding::Utf8, vec![0xef, b'x'])
        );
        assert_eq!(run(&[0xff, 0xfe], 1), (InputEncoding::Utf16Le, vec![]));
        // A lone trailing byte and an unpaired surrogate become U+FFFD, not a panic.
        let (_, out) = run(&[0xff, 0xfe, b'4', 0, 0x00, 0xd8, b'x'], 1);
        assert_eq!(String::from_utf8(out).unwrap(), "4\u{fffd}");
    }

    #[test]
    fn long_input_comes_out_in_bounded_pieces() {
        let text = "x".repeat(100_000);
        let mut d = Decoder::new();
        let mut biggest = 0;
        let mut total = 0;
        d.feed(&utf16(&text, true), &mut |b: &[u8]| {
            biggest = biggest.max(b.len());
            total += b.len();
        });
        d.finish(&mut |b: &[u8]| total += b.len());
        assert_eq!(total, 100_000);
        assert!(biggest <= OUT);
    }
}
