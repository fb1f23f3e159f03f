//! wget without `-S`: the status stands on wget's own line (`HTTP request sent, awaiting
//! response... 429 Too Many Requests`), or, with `-nv`, only in its error line
//! (`2026-11-25 12:10:52 ERROR 429: Too Many Requests.`) under a `URL:` line.

use crate::transcript::Style;
use crate::transcript::core::assemble::{Assembler, Reading};
use crate::transcript::core::grammar::lossy;

/// Three digits in 100..=599 and the text after them.
fn code_and_reason(b: &[u8]) -> Option<(u16, &[u8])> {
    if b.len() < 3
        || !b[..3].iter().all(u8::is_ascii_digit)
        || b.get(3).is_some_and(|c| *c != b' ' && *c != b':')
    {
        return None;
    }
    let code = u16::from(b[0] - b'0') * 100 + u16::from(b[1] - b'0') * 10 + u16::from(b[2] - b'0');
    (100..=599)
        .contains(&code)
        .then(|| (code, b[3..].trim_ascii()))
}

/// `HTTP request sent, awaiting response... 429 Too Many Requests` (with `-S`, nothing
/// follows the dots: the status line comes on the next line, indented).
pub(crate) fn awaiting(line: &[u8]) -> Option<(u16, String)> {
    let rest = line
        .strip_prefix(b"HTTP request sent, awaiting response... ")
        .or_else(|| line.strip_prefix(b"Proxy request sent, awaiting response... "))?;
    let (code, reason) = code_and_reason(rest.trim_ascii())?;
    Some((code, lossy(reason)))
}

/// `2026-11-25 12:10:52 ERROR 429: Too Many Requests.`
pub(crate) fn error_line(line: &[u8]) -> Option<(u16, String)> {
    let at = crate::find::memmem(line, b" ERROR ")?;
    if at != 19 || !line[0].is_ascii_digit() {
        return None;
    }
    let (code, reason) = code_and_reason(&line[at + 7..])?;
    let reason = reason.strip_prefix(b":").unwrap_or(reason).trim_ascii();
    let reason = reason.strip_suffix(b".").unwrap_or(reason);
    Some((code, lossy(reason)))
}

/// `-nv`'s line for a download that succeeded, `2026-12-05 08:30:59 URL:http://h/p [115/115]
/// -> "-" [1]`, glued right after the body when that went to stdout without a final newline:
/// the URL it names.
pub(crate) fn nv_done(line: &[u8]) -> Option<String> {
    // The last ` URL:`, found by its one `U` (this is asked of every line that starts `{`,
    // which holds few).
    let at = crate::find::memrchr_iter(b'U', line).find_map(|u| {
        u.checked_sub(1)
            .filter(|a| line[*a..].starts_with(b" URL:"))
    })?;
    let stamp = line.get(at.checked_sub(19)?..at)?;
    let shape = stamp.iter().enumerate().all(|(i, c)| match i {
        4 | 7 => *c == b'-',
        10 => *c == b' ',
        13 | 16 => *c == b':',
        _ => c.is_ascii_digit(),
    });
    let rest = &line[at + 5..];
    let url = &rest[..crate::find::memchr(b' ', rest)?];
    let web = url.starts_with(b"http://") || url.starts_with(b"https://");
    (shape && web && crate::find::memmem(rest, b"] -> ").is_some()).then(|| lossy(url))
}

/// `-nv` names the URL alone on a line, with a colon after it.
pub(crate) fn nv_url(line: &[u8]) -> Option<String> {
    let url = line.strip_suffix(b":")?;
    let web = url.starts_with(b"http://") || url.starts_with(b"https://");
    (web && !url.contains(&b' ')).then(|| lossy(url))
}

/// A download `-nv` says succeeded: a request answered with a 2xx, which wget's
/// success line does not name further; read as 200.
pub(crate) fn nv_success(asm: &mut Assembler, url: String) {
    asm.start_request(crate::transcript::Request::url_only(url), false);
    error_status(asm, 200, "OK".to_string());
}

/// A response whose status wget's own line gave (`awaiting response... 429 ...`).
pub(crate) fn awaiting_response(asm: &mut Assembler, code: u16, reason: String) {
    asm.start_response((String::new(), code, reason), Style::Wget, 0);
    // No header lines follow: what comes next is wget's chatter and the body.
    asm.state = Reading::ResponseBody;
}

/// wget's `ERROR 429: ...` line: with `-S` or without, the status was read already; with
/// `-nv` this is it.
pub(crate) fn error_status(asm: &mut Assembler, code: u16, reason: String) {
    if asm.current.is_none() && asm.state == Reading::Outside {
        asm.start_response((String::new(), code, reason), Style::Wget, 0);
        asm.close_response();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wgets_own_status_lines() {
        assert_eq!(
            awaiting(b"HTTP request sent, awaiting response... 429 Too Many Requests"),
            Some((429, "Too Many Requests".into()))
        );
        assert_eq!(awaiting(b"HTTP request sent, awaiting response... "), None);
        assert_eq!(
            error_line(b"2026-11-25 16:26:26 ERROR 429: Too Many Requests."),
            Some((429, "Too Many Requests".into()))
        );
        assert_eq!(
            error_line(b"2026-11-25 12:10:52 ERROR 422: (no description)."),
            Some((422, "(no description)".into()))
        );
        assert_eq!(error_line(b"2026-11-25 16:26:26 ERROR 4290: x"), None);
        assert_eq!(error_line(b"an ERROR 429: in text"), None);
        assert_eq!(nv_url(b"http://h/p:"), Some("http://h/p".into()));
        assert_eq!(nv_url(b"see http://h/p:"), None);
        let done = b"{}2026-12-05 08:30:59 URL:http://h/p [115/115] -> \"-\" [1]";
        assert_eq!(nv_done(done), Some("http://h/p".into()));
        assert_eq!(nv_done(b"see URL:http://h/p [1/1] -> x"), None);
    }
}
