//! What curl, wget and HTTPie add around HTTP: `curl -v` prefixes, progress meters,
//! escape sequences, wget's own lines, and the clients' failure lines.

use crate::transcript::ClientError;
use crate::transcript::core::grammar::{lossy, trim_start};

/// Where a line came from in a `curl -v` trace.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Side {
    Plain,
    Response,
    Request,
}

/// Whether a line past a body's kept prefix surely is more body, from its first bytes:
/// no status line, request line, curl or wget marker, escape sequence or carriage return
/// can start this way.
#[inline]
pub(crate) fn is_quiet_body_line(line: &[u8]) -> bool {
    match line.first() {
        None => false,
        Some(b'{') | Some(b'}') => line.get(1) != Some(&b' '),
        Some(&b) => {
            !(b.is_ascii_uppercase()
                || b.is_ascii_digit()
                || b.is_ascii_whitespace()
                || b.is_ascii_control()
                || matches!(b, b'<' | b'>' | b'*' | b'c' | b'w' | b'-'))
        }
    }
}

/// Whether a body line surely is body text: a quiet start, and no escape sequence or
/// carriage return to resolve.
pub(crate) fn is_plain_body_start(line: &[u8]) -> bool {
    is_quiet_body_line(line) && crate::find::memchr2(0x1b, b'\r', line).is_none()
}

/// wget's own lines between and after the headers: progress, saving, timestamps.
pub(crate) fn is_wget_noise(line: &[u8]) -> bool {
    const PREFIXES: &[&[u8]] = &[
        b"Saving to:",
        b"Length:",
        b"HTTP request sent",
        b"Connecting to ",
        b"Resolving ",
        b"Reusing existing connection",
        b"Location: ",
    ];
    if PREFIXES.iter().any(|p| line.starts_with(p)) {
        return true;
    }
    // `2026-11-25 12:10:52 ERROR 404: Not Found.` and `     0K ....   100% 48.1M=0s`
    let ts = line.len() > 20
        && line[..4].iter().all(u8::is_ascii_digit)
        && line[4] == b'-'
        && line[10] == b' '
        && line[13] == b':';
    let progress = {
        let t = trim_start(line);
        t.len() < line.len()
            && t.first().is_some_and(u8::is_ascii_digit)
            && t.iter().take_while(|b| b.is_ascii_digit()).count() < t.len()
            && t[t.iter().take_while(|b| b.is_ascii_digit()).count()] == b'K'
    };
    ts || progress
}

/// Strips escape sequences (HTTPie's colors) and drops what curl's progress meter wrote
/// before a carriage return. Other text before a `\r` stays, so a `\r` cannot make a
/// header line pass for a status line.
pub(crate) fn clean_line(line: &[u8]) -> Vec<u8> {
    let line = match crate::find::memrchr(b'\r', line) {
        Some(i) if i + 1 < line.len() && is_overwritten(&line[..i]) => &line[i + 1..],
        _ => line,
    };
    let mut scratch = Vec::with_capacity(line.len());
    let mut i = 0;
    while i < line.len() {
        let b = line[i];
        if b != 0x1b {
            scratch.push(b);
            i += 1;
            continue;
        }
        i += 1;
        match line.get(i) {
            Some(b'[') => {
                i += 1;
                while i < line.len() && !(0x40..=0x7e).contains(&line[i]) {
                    i += 1;
                }
                i += 1;
            }
            Some(b']') => {
                i += 1;
                while i < line.len() && line[i] != 0x07 && line[i] != 0x1b {
                    i += 1;
                }
                if line.get(i) == Some(&0x1b) {
                    i += 1;
                }
                i += 1;
            }
            Some(_) => i += 1,
            None => {}
        }
    }
    scratch
}

/// Whether text before a `\r` is what a terminal would overwrite: nothing, or curl's
/// progress meter.
pub(crate) fn is_overwritten(before: &[u8]) -> bool {
    before
        .split(|b| *b == b'\r')
        .all(|part| part.iter().all(u8::is_ascii_whitespace) || is_progress_line(part))
}

pub(crate) fn split_side(line: &[u8]) -> (Side, &[u8]) {
    match line {
        [b'<'] => (Side::Response, &[]),
        [b'>'] => (Side::Request, &[]),
        [b'<', b' ', rest @ ..] => (Side::Response, rest),
        [b'>', b' ', rest @ ..] => (Side::Request, rest),
        _ => (Side::Plain, line),
    }
}

/// curl's note that it follows a redirect.
const ISSUE_ANOTHER: &[u8] = b"* Issue another request";
/// wget's note that it follows a redirect, at the end of its `Location:` line.
const FOLLOWING: &[u8] = b"[following]";

/// curl's `* Issue another request` and wget's `... [following]`: the next request is the
/// next hop of a redirect.
pub(crate) fn is_redirect_note(line: &[u8]) -> bool {
    line.starts_with(ISSUE_ANOTHER) || line.ends_with(FOLLOWING)
}

/// Whether a line that could pass for a header field or a status line is a client's own:
/// a redirect note, a failure line (`curl: (7) ...`, `wget: ...`) or the progress meter's
/// heading. The fast lane declines such lines and leaves them to the line machine. (It
/// reads every header line of a log: the first byte picks the one prefix to compare.)
#[inline]
pub(crate) fn is_client_marker(line: &[u8]) -> bool {
    let prefixed = match line.first() {
        Some(b'*') => line.starts_with(ISSUE_ANOTHER),
        Some(b'c') => line.starts_with(b"curl:"),
        Some(b'w') => line.starts_with(b"wget:"),
        Some(b'D') => line.starts_with(b"Dload"),
        _ => false,
    };
    prefixed || line.ends_with(FOLLOWING)
}

/// Lines of curl's own chatter that carry nothing about the response.
pub(crate) fn is_curl_noise(line: &[u8]) -> bool {
    line.starts_with(b"* ")
        || line == b"*"
        || line.starts_with(b"{ [")
        || line.starts_with(b"} [")
        || is_progress_heading(line)
}

/// The two heading lines curl prints above its progress meter.
pub(crate) fn is_progress_heading(line: &[u8]) -> bool {
    let t = trim_start(line);
    t.starts_with(b"% Total") || t.starts_with(b"Dload")
}

/// curl's progress meter and its two heading lines.
pub(crate) fn is_progress_line(line: &[u8]) -> bool {
    is_progress_heading(line)
        || after_progress(line).is_some_and(|rest| rest.iter().all(u8::is_ascii_whitespace))
}

/// What follows curl's progress meter on a line that begins with one: curl writes its
/// verbose lines (`*   Trying`, `< HTTP/1.1 504`) straight after the last update.
/// `100    26  100    26    0     0  92857      0 --:--:-- 0:00:01 --:--:-- 26000` is
/// eleven columns, three of them times, then the current speed.
pub(crate) fn after_progress(line: &[u8]) -> Option<&[u8]> {
    let is_time = |w: &[u8]| {
        w == b"--:--:--"
            || w.len() >= 7
                && w.iter().all(|b| b.is_ascii_digit() || *b == b':')
                && w.iter().filter(|b| **b == b':').count() == 2
    };
    let mut rest = trim_start(line);
    if !rest.first().is_some_and(u8::is_ascii_digit) {
        return None;
    }
    let mut times = 0;
    for _ in 0..11 {
        let end = rest.iter().position(|b| *b == b' ').unwrap_or(rest.len());
        if end == 0 {
            return None;
        }
        times += usize::from(is_time(&rest[..end]));
        rest = trim_start(&rest[end..]);
    }
    if times < 3 {
        return None;
    }
    // The speed: digits with a unit.
    let speed = rest
        .iter()
        .take_while(|b| b.is_ascii_digit() || b"kMGTP.".contains(b))
        .count();
    if speed == 0 {
        return None;
    }
    Some(&rest[speed..])
}

/// `curl: (7) Failed to connect ...`, and wget's failures to connect or resolve.
pub(crate) fn parse_client_error(line: &[u8]) -> Option<ClientError> {
    if let Some(rest) = line.strip_prefix(b"curl: (") {
        let close = crate::find::memchr(b')', rest)?;
        let code = std::str::from_utf8(&rest[..close]).ok()?.parse().ok();
        return Some(ClientError {
            code,
            message: lossy(&rest[close + 1..]).trim().to_string(),
            after: 0,
        });
    }
    if let Some(message) = wget_tls_or_read_failure(line) {
        return Some(ClientError {
            code: None,
            // `... issued by ‘CN=X’:` introduces the lines after it.
            message: lossy(message).trim().trim_end_matches(':').to_string(),
            after: 0,
        });
    }
    let wget_failure = line.starts_with(b"wget: unable to resolve")
        || (line.starts_with(b"Connecting to ") && crate::find::memmem(line, b"failed:").is_some())
        || line.starts_with(b"wget: ");
    if wget_failure {
        return Some(ClientError {
            code: None,
            message: lossy(line).trim().to_string(),
            after: 0,
        });
    }
    None
}

/// wget's report of a TLS failure or a read that timed out (src/openssl.c, src/gnutls.c,
/// src/http.c): the first line of each, which stands for the lines after it.
fn wget_tls_or_read_failure(line: &[u8]) -> Option<&[u8]> {
    // Every line of a transcript comes here: most start with none of their first letters.
    if !matches!(line.first(), Some(b'E' | b'U' | b'H' | b'R')) {
        return None;
    }
    let text = line.strip_suffix(b"\r").unwrap_or(line);
    const FIRST_LINES: &[&[u8]] = &[
        b"ERROR: cannot verify ",
        b"ERROR: no certificate subject alternative name matches",
        b"ERROR: certificate common name ",
        b"Unable to establish SSL connection.",
    ];
    if FIRST_LINES.iter().any(|p| text.starts_with(p))
        || text.starts_with(b"ERROR: The certificate of ") && text.ends_with(b" is not trusted.")
    {
        return Some(text);
    }
    let rest = text
        .strip_prefix(b"HTTP request sent, awaiting response... ")
        .unwrap_or(text);
    rest.starts_with(b"Read error (").then_some(rest)
}

/// wget's host-name mismatch, said on a line of its own (GnuTLS builds), which follows the
/// trust failure when there is one.
pub(crate) fn wget_owner_mismatch(line: &[u8]) -> Option<ClientError> {
    line.starts_with(b"The certificate's owner does not match hostname")
        .then(|| ClientError {
            code: None,
            message: lossy(line).trim().to_string(),
            after: 0,
        })
}

/// wget's `--2026-11-25 12:10:52--  http://host/path` line names the URL it requests.
pub(crate) fn wget_request_url(line: &[u8]) -> Option<String> {
    let rest = line.strip_prefix(b"--")?;
    let end = crate::find::memmem(rest, b"--  ")?;
    if end != 19 || !rest[0].is_ascii_digit() {
        return None;
    }
    Some(lossy(&rest[end + 4..]).trim().to_string())
}
