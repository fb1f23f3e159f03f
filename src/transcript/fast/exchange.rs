//! Whole exchanges from what the fast lane took, for a streaming parser that hands every
//! exchange out (`--each`): the [`Exchange`] the line machine would have built, made from
//! the checked bytes without its per-line work.

use crate::redact::Secrets;
use crate::transcript::core::grammar::{header_value_span, lossy, status_parts};
use crate::transcript::fast::lane::Unit;
use crate::transcript::{Exchange, Limits, Response, Style};

/// What exchanges handed back leave for the next ones to reuse: their responses'
/// buffers. A chunk's exchanges are all built before the first is handed back, so a few
/// hundred are kept, at most [`SPARES`] holding at most [`SPARE_BYTES`] together.
#[derive(Debug, Default)]
pub(crate) struct Spare {
    parts: Vec<SpareParts>,
    /// The bytes `parts` hold.
    bytes: usize,
}

#[derive(Debug, Default)]
struct SpareParts {
    headers: Vec<(String, String)>,
    body: Vec<u8>,
    version: String,
    reason: String,
}

impl SpareParts {
    /// The bytes its buffers hold.
    fn bytes(&self) -> usize {
        let fields = self
            .headers
            .iter()
            .map(|(n, v)| n.capacity() + v.capacity());
        self.headers.capacity() * std::mem::size_of::<(String, String)>()
            + fields.sum::<usize>()
            + self.body.capacity()
            + self.version.capacity()
            + self.reason.capacity()
    }
}

/// How many exchanges' buffers are kept.
const SPARES: usize = 1024;
/// The most header fields a kept one has (a rare long block is not held on to).
const SPARE_HEADERS: usize = 32;
/// The longest body a kept one has.
const SPARE_BODY: usize = 4096;
/// The most bytes the kept buffers hold together (header fields and reasons may be long).
const SPARE_BYTES: usize = 4 << 20;

impl Spare {
    /// Keeps `x`'s response's buffers, when they are of the usual size and room is left.
    pub(crate) fn keep(&mut self, x: Exchange) {
        let Some(r) = x.final_response else {
            return;
        };
        let usual = r.headers.len() <= SPARE_HEADERS && r.body.capacity() <= SPARE_BODY;
        if usual && self.parts.len() < SPARES {
            let parts = SpareParts {
                headers: r.headers,
                body: r.body,
                version: r.version,
                reason: r.reason,
            };
            let bytes = parts.bytes();
            if self.bytes + bytes <= SPARE_BYTES {
                self.bytes += bytes;
                self.parts.push(parts);
            }
        }
    }

    /// The buffers of one exchange handed back, or new ones.
    fn take(&mut self) -> SpareParts {
        let parts = self.parts.pop().unwrap_or_default();
        self.bytes = self.bytes.saturating_sub(parts.bytes());
        parts
    }
}

/// `s` made `text`, in `s`'s buffer.
fn set(s: &mut String, text: &str) {
    s.clear();
    s.push_str(text);
}

/// The exchange a unit stands for: the `index`th of the input, its status the
/// `position`th, with the credentials its body issued; built in `spare`'s buffers.
pub(crate) fn build(
    u: &Unit,
    limits: &Limits,
    index: u64,
    position: u64,
    secrets: Secrets,
    spare: &mut Spare,
) -> Exchange {
    let parts = spare.take();
    let (mut version, mut reason) = (parts.version, parts.reason);
    match status_parts(u.status_line) {
        Some((v, _, r)) => {
            set_text(&mut version, v);
            set_text(&mut reason, r.trim_ascii());
        }
        None => {
            version.clear();
            reason.clear();
        }
    }
    // The head was checked line by line: plain ASCII, each line a header field. One
    // conversion for all of it, then each name and value sliced out.
    let fields = std::str::from_utf8(u.fields).unwrap_or_default();
    let mut headers = parts.headers;
    let mut n = 0;
    let mut start = 0;
    for end in crate::find::memchr_iter(b'\n', fields.as_bytes()) {
        let Some(raw) = fields.get(start..end) else {
            break;
        };
        start = end + 1;
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        let Some(colon) = crate::find::memchr(b':', line.as_bytes()) else {
            break;
        };
        let (name, value) = (&line[..colon], &line[colon + 1..]);
        let value = value
            .get(header_value_span(value.as_bytes()))
            .unwrap_or_default();
        match headers.get_mut(n) {
            Some((a, b)) => {
                set(a, name);
                set(b, value);
            }
            None => headers.push((name.to_owned(), value.to_owned())),
        }
        n += 1;
    }
    headers.truncate(n);
    // The machine keeps the body's lines joined by `\n` (the unit has no `\r`): the body but
    // its last newline.
    let mut body = parts.body;
    body.clear();
    body.extend_from_slice(u.body.strip_suffix(b"\n").unwrap_or(u.body));
    let mut x = Exchange {
        index,
        secrets,
        ..Exchange::default()
    };
    x.chain.push(u.status, limits.chain_keep);
    x.final_response = Some(Response {
        version,
        status: u.status,
        reason,
        headers,
        body,
        body_bytes: u.body.len() as u64,
        body_truncated: false,
        style: Style::Plain,
        request: None,
        position,
        scanned: None,
        headers_skipped: 0,
    });
    x
}

/// `s` made the text of `b`: the checked lines are printable ASCII, so no lossy
/// conversion is paid for.
fn set_text(s: &mut String, b: &[u8]) {
    match std::str::from_utf8(b) {
        Ok(t) => set(s, t),
        Err(_) => *s = lossy(b),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An exchange as the line machine may hand one back: `fields` header fields of
    /// `value` bytes each.
    fn handed_back(fields: usize, value: usize) -> Exchange {
        Exchange {
            final_response: Some(Response {
                version: "1.1".into(),
                status: 200,
                reason: "OK".into(),
                headers: (0..fields)
                    .map(|i| (format!("X-H{i}"), "a".repeat(value)))
                    .collect(),
                body: b"ok".to_vec(),
                body_bytes: 2,
                body_truncated: false,
                style: Style::Plain,
                request: None,
                position: 1,
                scanned: None,
                headers_skipped: 0,
            }),
            ..Exchange::default()
        }
    }

    #[test]
    fn the_kept_buffers_stay_bounded_whatever_their_fields_hold() {
        let mut spare = Spare::default();
        // Long header fields (the machine keeps 8 KiB of a value), handed back with none
        // built in between.
        for _ in 0..SPARES {
            spare.keep(handed_back(SPARE_HEADERS - 1, 8 * 1024));
        }
        let held: usize = spare.parts.iter().map(SpareParts::bytes).sum();
        assert!(held <= SPARE_BYTES, "{held} bytes kept");
        assert!(!spare.parts.is_empty(), "some are kept");
        // Taken and handed back in turn, the usual ones are reused.
        for _ in 0..SPARES {
            let _ = spare.take();
        }
        assert_eq!(spare.bytes, 0);
        for _ in 0..SPARES {
            spare.keep(handed_back(8, 30));
        }
        assert_eq!(spare.parts.len(), SPARES);
        assert_eq!(
            spare.bytes,
            spare.parts.iter().map(SpareParts::bytes).sum::<usize>()
        );
    }
}
