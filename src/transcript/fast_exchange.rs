//! Whole exchanges from what the fast lane took, for a streaming parser that hands every
//! exchange out (`--each`): the [`Exchange`] the line machine would have built, made from
//! the checked bytes without its per-line work.

use super::fast::Unit;
use super::grammar::{MAX_HEADER_VALUE, lossy, status_parts};
use super::{Exchange, Limits, Response, Style};
use crate::redact::Secrets;

/// The exchange a unit stands for: the `index`th of the input, its status the
/// `position`th, with the credentials its body issued.
pub(crate) fn build(
    u: &Unit,
    limits: &Limits,
    index: u64,
    position: u64,
    secrets: Secrets,
) -> Exchange {
    let (version, reason) = match status_parts(u.status_line) {
        Some((version, _, reason)) => (text(version), text(reason.trim_ascii())),
        None => (String::new(), String::new()),
    };
    // The head was checked line by line: plain ASCII, each line a header field. One
    // conversion for all of it, then each name and value sliced out.
    let fields = std::str::from_utf8(u.fields).unwrap_or_default();
    let mut headers = Vec::new();
    let mut start = 0;
    for end in memchr::memchr_iter(b'\n', fields.as_bytes()) {
        let Some(raw) = fields.get(start..end) else {
            break;
        };
        start = end + 1;
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        let Some(colon) = memchr::memchr(b':', line.as_bytes()) else {
            break;
        };
        let (name, value) = (&line[..colon], &line[colon + 1..]);
        let value = value.get(..MAX_HEADER_VALUE).unwrap_or(value).trim_ascii();
        headers.push((name.to_owned(), value.to_owned()));
    }
    // The machine keeps the body's lines joined by `\n` (the unit has no `\r`): the body but
    // its last newline.
    let body = u.body.strip_suffix(b"\n").unwrap_or(u.body).to_vec();
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

/// The checked lines are printable ASCII: no lossy conversion to pay for.
fn text(b: &[u8]) -> String {
    match std::str::from_utf8(b) {
        Ok(s) => s.to_owned(),
        Err(_) => lossy(b),
    }
}
