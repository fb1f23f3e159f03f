//! curl's output beyond `-i` and `-v`: the failure lines `-v` prints without `-S`
//! (`* Could not resolve host: X`, `* Failed to connect to ...`), each given the error
//! number `curl: (N)` would have shown.

use crate::transcript::ClientError;
use crate::transcript::core::grammar::lossy;

/// curl's verbose failure messages (lib/*.c `failf`) and the error numbers they come with
/// (libcurl-errors(3)).
const STAR_FAILURES: &[(&[u8], u32)] = &[
    (b"Could not resolve host", 6),
    (b"Could not resolve proxy", 5),
    (b"Failed to connect to ", 7),
    (b"Operation timed out after ", 28),
    (b"Connection timed out after ", 28),
    (b"Resolving timed out after ", 28),
    (b"Connection timeout after ", 28),
    (b"SSL certificate problem", 60),
    (b"SSL: no alternative certificate subject name", 60),
    (b"Empty reply from server", 52),
    (b"Recv failure", 56),
    (b"Send failure", 55),
    (b"transfer closed with ", 18),
    (b"Maximum (", 47),
    (b"URL rejected", 3),
    (b"URL using bad/illegal format", 3),
    (b"Unsupported protocol", 1),
    (b"schannel: ", 35),
    (b"TLS connect error", 35),
];

/// What a `* ` line of `curl -v` says of TLS: `* Connected to X (IP) port N` whether N is
/// 443, a handshake or ALPN line that it is used; `None` for any other line.
pub(crate) fn star_tls(line: &[u8]) -> Option<bool> {
    let text = line.strip_prefix(b"* ")?.trim_ascii();
    if let Some(rest) = text.strip_prefix(b"Connected to ") {
        let port = memchr::memmem::find(rest, b" port ").map(|at| &rest[at + 6..])?;
        return Some(port.starts_with(b"443") && !port.get(3).is_some_and(u8::is_ascii_digit));
    }
    [
        &b"SSL connection using"[..],
        b"TLSv1",
        b"ALPN",
        b"SSL certificate verify",
    ]
    .iter()
    .any(|p| text.starts_with(p))
    .then_some(true)
}

/// A `* ` line of `curl -v` that reports the failure `curl: (N)` would (without `-S`, it
/// is all there is). `* connect to X port N failed: ...` precedes `* Failed to connect`
/// and counts as the same failure.
pub(crate) fn star_failure(line: &[u8]) -> Option<ClientError> {
    let text = line.strip_prefix(b"* ")?.trim_ascii();
    let code = STAR_FAILURES
        .iter()
        .find(|(p, _)| text.starts_with(p))
        .map(|(_, c)| *c)
        // `* Failed to connect to X port N after 75002 ms: Timeout was reached`: the text
        // after the colon is curl's error text, here CURLE_OPERATION_TIMEDOUT's.
        .map(|c| match c {
            7 if text.ends_with(b"Timeout was reached") => 28,
            c => c,
        })
        .or_else(|| {
            // `* connect to 127.0.0.1 port 18099 failed: Connection refused`
            (text.starts_with(b"connect to ") && memchr::memmem::find(text, b" failed: ").is_some())
                .then_some(7)
        })
        .or_else(|| {
            // `* OpenSSL/3.0.19: error:0A00010B:SSL routines::wrong version number`
            (text.starts_with(b"OpenSSL/")
                || text.starts_with(b"LibreSSL/")
                || text.starts_with(b"BoringSSL"))
            .then(|| memchr::memmem::find(text, b"error:"))
            .flatten()
            .map(|_| 35)
        })?;
    Some(ClientError {
        code: Some(code),
        message: lossy(text),
        after: 0,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn star_lines_with_their_numbers() {
        let code = |l: &str| star_failure(l.as_bytes()).and_then(|e| e.code);
        assert_eq!(
            code("* Could not resolve host: nonexistent.invalid"),
            Some(6)
        );
        assert_eq!(
            code("* Failed to connect to 127.0.0.1 port 18093 after 2001 ms: Timeout was reached"),
            Some(28)
        );
        assert_eq!(
            code("* connect to 127.0.0.1 port 18099 failed: Connection refused"),
            Some(7)
        );
        assert_eq!(
            code(
                "* Failed to connect to 127.0.0.1 port 18099 after 0 ms: Couldn't connect to server"
            ),
            Some(7)
        );
        assert_eq!(
            code("* Operation timed out after 1001 milliseconds with 0 bytes received"),
            Some(28)
        );
        assert_eq!(
            code("* OpenSSL/3.0.19: error:0A00010B:SSL routines::wrong version number"),
            Some(35)
        );
        assert_eq!(
            code("* SSL certificate problem: self-signed certificate"),
            Some(60)
        );
        assert_eq!(code("*   Trying 127.0.0.1:18099..."), None);
        assert_eq!(
            code("* Connected to 127.0.0.1 (127.0.0.1) port 18080 (#0)"),
            None
        );
        assert_eq!(code("* Closing connection 0"), None);
        assert_eq!(code("Could not resolve host: x"), None);
    }
}
