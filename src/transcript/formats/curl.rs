//! curl's output beyond `-i` and `-v`: the failure lines `-v` prints without `-S`
//! (`* Could not resolve host: X`, `* Failed to connect to ...`), each given the error
//! number `curl: (N)` would have shown.

use crate::transcript::ClientError;
use crate::transcript::core::assemble::StarKind;
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
    (b"TLS connect error", 35),
];

/// What a `* ` line of `curl -v` says of TLS: `* Connected to X (IP) port N` whether N is
/// 443, a handshake or ALPN line that it is used; `None` for any other line.
pub(crate) fn star_tls(line: &[u8]) -> Option<bool> {
    let text = line.strip_prefix(b"* ")?.trim_ascii();
    if let Some(rest) = text.strip_prefix(b"Connected to ") {
        let port = crate::find::memmem(rest, b" port ").map(|at| &rest[at + 6..])?;
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
    if text.starts_with(RETRY) {
        // Not a failure: what failed before it is not the call's (see `star_kind`).
        return Some(ClientError {
            code: None,
            message: lossy(text),
            after: 0,
        });
    }
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
            (text.starts_with(b"connect to ") && crate::find::memmem(text, b" failed: ").is_some())
                .then_some(7)
        })
        .or_else(|| {
            // Windows' TLS (lib/vtls/schannel.c) says much on `* schannel: ` lines; its
            // failures say they failed, or that the server closed abruptly.
            let failed = |w: &[u8]| crate::find::memmem(text, w).is_some();
            (text.starts_with(b"schannel: ")
                && (failed(b"failed") || failed(b"abruptly") || failed(b"timed out")))
            .then_some(35)
        })
        .or_else(|| {
            // `* OpenSSL/3.0.19: error:0A00010B:SSL routines::wrong version number`
            (text.starts_with(b"OpenSSL/")
                || text.starts_with(b"LibreSSL/")
                || text.starts_with(b"BoringSSL"))
            .then(|| crate::find::memmem(text, b"error:"))
            .flatten()
            .map(|_| 35)
        })?;
    Some(ClientError {
        code: Some(code),
        message: lossy(text),
        after: 0,
    })
}

/// `* Connection died, retrying a fresh connect (retry count: 1)` (lib/multi.c): curl
/// sends the request again on a new connection.
const RETRY: &[u8] = b"Connection died, retrying a fresh connect";

/// What a [`star_failure`] says of the call: it failed; one address failed
/// (`* connect to X port N failed: ...`, lib/cf-socket.c's `infof`, after which curl tries
/// the next address; when all fail, lib/connect.c's `failf` says `* Failed to connect to`);
/// or curl is trying again.
pub(crate) fn star_kind(err: &ClientError) -> StarKind {
    if err.message.starts_with("connect to ") {
        StarKind::Attempt
    } else if err.code.is_none() {
        StarKind::Retry
    } else {
        StarKind::Ends
    }
}

/// Where, in a line of a body `curl -sv` printed with no final newline, the next run's
/// first `* ` line begins, glued to the body's last byte: `*   Trying 127.0.0.1:18099...`,
/// curl 8's `* Host h:80 was resolved.`, or a failure that ends a call before it connects
/// (`* Could not resolve host: h`). The rest of the line must be the whole
/// of such a line, with no quote, so that a body quoting one is not cut.
pub(crate) fn glued_star_at(raw: &[u8]) -> Option<usize> {
    let text = raw.strip_suffix(b"\r").unwrap_or(raw);
    let starts_run = |t: &[u8]| {
        if crate::find::memchr(b'"', t).is_some() {
            return false;
        }
        if let Some(rest) = t.strip_prefix(b"*   Trying ") {
            return rest.ends_with(b"...") && !rest.contains(&b' ');
        }
        if let Some(rest) = t.strip_prefix(b"* Host ") {
            return rest.ends_with(b" was resolved.");
        }
        // `* Could not resolve host: NAME` (or proxy), the name one word.
        star_failure(t).is_some_and(|e| matches!(e.code, Some(5 | 6)))
            && t.rsplit(|b| *b == b':').next().is_some_and(|name| {
                let name = name.strip_prefix(b" ").unwrap_or(name);
                !name.is_empty() && !name.iter().any(u8::is_ascii_whitespace)
            })
    };
    crate::find::memmem_iter(text, b"* ").find(|&at| at > 0 && starts_run(&text[at..]))
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

    #[test]
    fn what_a_star_failure_says_of_the_call() {
        let kind = |l: &str| star_failure(l.as_bytes()).map(|e| star_kind(&e));
        assert_eq!(
            kind("* connect to ::1 port 80 failed: Connection refused"),
            Some(StarKind::Attempt)
        );
        assert_eq!(
            kind("* Failed to connect to localhost port 80 after 0 ms: Couldn't connect to server"),
            Some(StarKind::Ends)
        );
        assert_eq!(
            kind("* Connection died, retrying a fresh connect (retry count: 1)"),
            Some(StarKind::Retry)
        );
        // Windows' TLS says much that is no failure.
        assert_eq!(
            kind("* schannel: disabled automatic use of client certificate"),
            None
        );
        assert_eq!(
            kind("* schannel: shutting down SSL/TLS connection with h port 443"),
            None
        );
        assert_eq!(
            kind("* schannel: next InitializeSecurityContext failed: SEC_E_UNTRUSTED_ROOT"),
            Some(StarKind::Ends)
        );
    }

    #[test]
    fn the_next_run_glued_to_a_body() {
        let at = |l: &str| glued_star_at(l.as_bytes());
        assert_eq!(at("{\"a\": 1}*   Trying 127.0.0.1:18099...\r"), Some(8));
        assert_eq!(
            at("{}* Could not resolve host: nonexistent.invalid"),
            Some(2)
        );
        assert_eq!(at("{}* Host localhost:80 was resolved."), Some(2));
        // A body that quotes one, or a failure that comes after a connection began.
        assert_eq!(at("{\"m\": \"* Could not resolve host: db\"}"), None);
        assert_eq!(at("note * Could not resolve host: db and more"), None);
        assert_eq!(at("{}* Failed to connect to h port 80 after 0 ms: x"), None);
        assert_eq!(at("*   Trying 127.0.0.1:80..."), None);
    }

    fn statuses(input: &str) -> Vec<Option<u16>> {
        let mut p = crate::transcript::Parser::streaming(crate::transcript::Limits::default());
        p.feed(input.as_bytes());
        p.end();
        std::iter::from_fn(|| p.next_exchange())
            .map(|x| x.status())
            .collect()
    }

    const CALL: &str = "*   Trying 127.0.0.1:80...\n* Connected to localhost (127.0.0.1) port 80 (#0)\n> GET / HTTP/1.1\r\n> Host: localhost\r\n>\r\n< HTTP/1.1 200 OK\r\n< Content-Length: 2\r\n<\r\n{}";

    #[test]
    fn an_address_that_failed_before_one_that_connected_is_no_failure() {
        let input = format!(
            "*   Trying [::1]:80...\n* connect to ::1 port 80 failed: Connection refused\n{CALL}"
        );
        assert_eq!(statuses(&input), [Some(200)]);
    }

    #[test]
    fn a_star_failure_said_again_by_curl_is_one_exchange() {
        let failed = "* Could not resolve host: x.invalid\n* Closing connection 0\n";
        let input = format!("{failed}curl: (6) Could not resolve host: x.invalid\n{CALL}");
        assert_eq!(statuses(&input), [None, Some(200)]);
        let input = format!("{failed}{CALL}");
        assert_eq!(statuses(&input), [None, Some(200)]);
        // Two calls that failed, then the end of the input.
        let input = format!("{CALL}{failed}{failed}");
        assert_eq!(statuses(&input), [Some(200), None, None]);
    }
}
