//! Bodies with no length to trust: a line that ends in a status line glued to the body's
//! last byte waits for the next line, and ends the body only if header lines follow.

use crate::transcript::core::assemble::HeldLine;
use crate::transcript::core::grammar::{find_http, header_colon, status_parts};
use crate::transcript::machine::Machine;

/// A line of a body with no length to trust: releases the line held before it, or
/// holds this one if it ends in a status line. True when the line was taken.
pub(super) fn line(m: &mut Machine, raw: &[u8], may_hold: bool) -> bool {
    if m.asm.framing.held.is_some() {
        release_held(m, Some(raw));
        m.line(raw);
        return true;
    }
    if !may_hold || m.trace.is_some() || m.follow.is_some() {
        return false;
    }
    let Some((start, status)) = glued_status(m, raw) else {
        return false;
    };
    m.asm.framing.held = Some(HeldLine {
        raw: raw.to_vec(),
        raw_len: m.asm.line.raw_len,
        skipped: m.asm.line.skipped,
        scan_fed: m.asm.body.scan_line_fed,
        start,
        status: status.to_vec(),
    });
    true
}

/// Where a status line glued to the end of this line begins (in the line as read), and
/// the status line (`{"errors": ...}HTTP/1.1 500 Internal Server Error`, as curl
/// prints it when the body has no final newline). A line longer than `max_line` is
/// looked at in its last bytes.
fn glued_status<'a>(m: &'a Machine, raw: &'a [u8]) -> Option<(u64, &'a [u8])> {
    let skipped = m.asm.line.skipped;
    let (end, offset) = if skipped == 0 {
        (raw, 0)
    } else {
        let tail = &m.tail[..];
        (tail, raw.len() as u64 + skipped - tail.len() as u64)
    };
    let text = end.strip_suffix(b"\r").unwrap_or(end);
    let mut from = 0;
    let at = loop {
        let at = find_http(text, from)?;
        if offset + at as u64 > 0 && status_parts(&text[at..]).is_some() {
            break at;
        }
        from = at + 1;
    };
    Some((offset + at as u64, &end[at..]))
}

/// Reads the held line, now that the line after it (`next`, `None` at the end of the
/// input) is known: a header line there means a response begins at the status line;
/// anything else, and the whole line was body that quoted one.
pub(super) fn release_held(m: &mut Machine, next: Option<&[u8]>) {
    let Some(held) = m.asm.framing.held.take() else {
        return;
    };
    let starts = next.is_some_and(|n| header_colon(n.strip_suffix(b"\r").unwrap_or(n)).is_some());
    let line = &mut m.asm.line;
    let saved = (line.raw_len, line.skipped, m.asm.body.scan_line_fed);
    m.asm.body.scan_line_fed = held.scan_fed;
    if starts {
        // The body's end, counted by its size as read, then the status line.
        let kept = held.start.min(held.raw.len() as u64);
        m.asm.line.raw_len = held.start;
        m.asm.line.skipped = held.start - kept;
        m.asm.body_line(&held.raw[..kept as usize]);
        m.asm.line.raw_len = held.raw_len - held.start;
        m.asm.line.skipped = 0;
        m.asm.body.scan_line_fed = false;
        m.read_line(&held.status, false);
    } else {
        m.asm.line.raw_len = held.raw_len;
        m.asm.line.skipped = held.skipped;
        m.read_line(&held.raw, false);
    }
    let line = &mut m.asm.line;
    (line.raw_len, line.skipped, m.asm.body.scan_line_fed) = saved;
}
#[cfg(test)]
mod tests {
    use crate::transcript::{Limits, Parser};

    /// The final status of every exchange, the input fed whole and in small chunks (each
    /// must give the same).
    fn statuses(input: &[u8]) -> Vec<Option<u16>> {
        statuses_with(Limits::default(), input)
    }

    fn statuses_with(limits: Limits, input: &[u8]) -> Vec<Option<u16>> {
        let read = |chunk: usize| crate::transcript::tests::statuses_with(limits, input, chunk);
        let whole = read(input.len());
        for chunk in [1, 2, 5, 13] {
            assert_eq!(read(chunk), whole, "chunks of {chunk}");
        }
        whole
    }

    const CHUNKED: &str = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n";

    #[test]
    fn a_glued_status_line_with_headers_after_it_ends_the_body() {
        let input = format!("{CHUNKED}{{\"a\": 1}}HTTP/1.1 500 Oops\r\nServer: x\r\n\r\n{{}}");
        assert_eq!(statuses(input.as_bytes()), [Some(200), Some(500)]);
        let input = "HTTP/1.0 200 OK\r\n\r\nokHTTP/1.0 429 Slow\r\nRetry-After: 3\r\n\r\n";
        assert_eq!(statuses(input.as_bytes()), [Some(200), Some(429)]);
    }

    #[test]
    fn a_body_that_quotes_a_status_line_is_body() {
        // Nothing after it, text after it, a blank line after it.
        for after in ["", "\nmore text", "\n\nmore text", "\r\n"] {
            let input = format!("{CHUNKED}the server said HTTP/1.1 500 Oops{after}");
            assert_eq!(statuses(input.as_bytes()), [Some(200)], "{after:?}");
        }
        // A counted body is bounded by its length.
        let input = "HTTP/1.1 200 OK\r\nContent-Length: 26\r\n\r\nx HTTP/1.1 500 Oops\r\nA: b\r\n";
        assert_eq!(statuses(input.as_bytes()), [Some(200)]);
        // In a `curl -v` trace, response lines start `< `.
        let input = "< HTTP/1.1 200 OK\r\n< Transfer-Encoding: chunked\r\n<\r\nsaid HTTP/1.1 500 Oops\r\nA: b\r\n";
        assert_eq!(statuses(input.as_bytes()), [Some(200)]);
    }

    #[test]
    fn a_line_longer_than_what_is_kept_is_looked_at_in_its_last_bytes() {
        let items = "{\"id\": 1}, ".repeat(8000);
        let body = format!("{{\"items\": [{items}]}}");
        let input = format!("{CHUNKED}{body}HTTP/1.1 500 Oops\r\nServer: x\r\n\r\n{{}}");
        assert_eq!(statuses(input.as_bytes()), [Some(200), Some(500)]);
        let mut p = Parser::new();
        p.feed(input.as_bytes());
        let t = p.finish();
        assert_eq!(t.exchanges, 2);
        // The 200's body is counted by its own bytes.
        let mut p = Parser::streaming(Limits::default());
        p.feed(input.as_bytes());
        p.end();
        let first = p.next_exchange().unwrap();
        let r = first.final_response.unwrap();
        assert_eq!((r.body_bytes, r.body_truncated), (body.len() as u64, true));
        // With tiny limits, a status line that begins inside the kept start or past it.
        for body in ["{}", "{\"a\": 1}", &"x".repeat(60), &"x".repeat(600)] {
            let input = format!("{CHUNKED}{body}HTTP/1.1 503 Busy\r\nServer: x\r\n\r\n");
            let got = statuses_with(Limits::tiny(), input.as_bytes());
            assert_eq!(got, [Some(200), Some(503)], "{body}");
        }
        // Past the kept start of the body, where quiet lines are only counted.
        let lines = "{\"id\": 1, \"title\": \"Trail mix\"},\n".repeat(3000);
        for last in ["]}".to_string(), format!("[{items}]}}")] {
            let input = format!("{CHUNKED}{lines}{last}HTTP/1.1 500 Oops\r\nServer: x\r\n\r\n");
            assert_eq!(statuses(input.as_bytes()), [Some(200), Some(500)]);
        }
        // A long line that only quotes one is body.
        let input = format!("{CHUNKED}{body}HTTP/1.1 500 Oops\r\nmore text\r\n");
        assert_eq!(statuses(input.as_bytes()), [Some(200)]);
    }
}
