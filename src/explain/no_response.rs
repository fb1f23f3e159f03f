//! When the input holds no response: why, and curl's error numbers in words.

use crate::redact::{Redactor, Secrets};
use crate::transcript::{ClientError, Exchange, Transcript};

/// Why a transcript holds no response to explain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NoResponse {
    /// Nothing at all was given.
    Empty,
    /// The client reports that no response came (`curl: (7) ...`, or `000`).
    ClientFailed {
        /// The client's error number, if any.
        code: Option<u32>,
        /// The client's message.
        message: String,
    },
    /// A line started like a status line but was none (`HTTP/1.1 4`).
    BrokenStatusLine(String),
    /// A request, and no response to it.
    RequestOnly,
    /// A body, but no status line or headers.
    BodyOnly,
    /// Text with no HTTP response in it.
    NoHttp,
    /// Only interim (1xx) responses, such as `100 Continue`, and no final one.
    OnlyInterim(u16),
}

impl std::fmt::Display for NoResponse {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            NoResponse::Empty => write!(
                f,
                "the input is empty: pipe in a transcript, e.g. `curl -si URL | hike-status explain`"
            ),
            NoResponse::ClientFailed { code, message } => {
                let what = match code {
                    Some(c) => format!("curl error {c}"),
                    None if crate::har::is_abort(message) => {
                        "the browser aborted the request".to_string()
                    }
                    None if message.is_empty() => "no status code (000)".to_string(),
                    None => "the client failed".to_string(),
                };
                let msg = if message.is_empty() {
                    String::new()
                } else {
                    format!(": {message}")
                };
                write!(
                    f,
                    "no response: {what}{msg}; {}",
                    client_advice(*code, message)
                )
            }
            NoResponse::BrokenStatusLine(line) => write!(
                f,
                "no response: \"{line}\" is not a valid status line (want e.g. `HTTP/1.1 429 Too Many Requests`)"
            ),
            NoResponse::RequestOnly => write!(
                f,
                "no response: the transcript shows a request but no answer to it; capture stderr \
                 too (`curl -v URL 2>&1`) or check the connection"
            ),
            NoResponse::BodyOnly => write!(
                f,
                "no response: this is a body with no status line or headers; capture them with \
                 `curl -i URL`, `curl -v URL 2>&1` or `http --print=hb URL`"
            ),
            NoResponse::OnlyInterim(code) => write!(
                f,
                "no final response: the transcript ends after an interim {code}; capture the \
                 whole exchange (the final status follows the interim one)"
            ),
            NoResponse::NoHttp => write!(
                f,
                "no HTTP response found: pipe in `curl -i URL`, `curl -v URL 2>&1`, \
                 `wget -S -O - URL 2>&1` or `http --print=hb URL`, a HAR export, or a log \
                 whose lines state the status (`HTTP 429`, `\"status\":429`), or give a status \
                 code"
            ),
        }
    }
}

impl std::error::Error for NoResponse {}

/// What to check when the client got no response, by curl's error number and, where one
/// number covers several failures (28, 60) or the client gives none (wget), by its text.
pub fn client_advice(code: Option<u32>, message: &str) -> &'static str {
    let lower = message.to_ascii_lowercase();
    let has = |s: &str| lower.contains(s);
    // curl's 28 covers a name lookup or a connection that timed out, before any request
    // was sent, as well as a transfer that did: its text tells them apart.
    let connect_timeout = has("resolving timed out")
        || has("connection timed out after")
        || has("connection timeout after")
        || (has("failed to connect") && has("timeout was reached"));
    // A host-name mismatch is a certificate for another name, not an untrusted one.
    let wrong_host = has("no alternative certificate subject name")
        || has("no certificate subject alternative name")
        || has("does not match hostname")
        || has("does not match target host name")
        || has("certificate common name");
    match code {
        Some(6) => "check the host name (api.hikeup.com), DNS and any proxy setting",
        Some(5) => "check the proxy host name",
        Some(7) => {
            "check the host and port, that the server is up, and any firewall or proxy between"
        }
        Some(28) if has("resolving timed out") => RESOLVE_TIMEOUT,
        Some(28) if connect_timeout => CONNECT_TIMEOUT,
        Some(28) => {
            "the server did not answer in time: check the network, raise --max-time, and ask \
             for less at once (smaller pages, batches of up to 50)"
        }
        Some(35) => TLS_HANDSHAKE,
        Some(58) => {
            "curl could not use the client certificate or key it was given (--cert, --key): \
             check the file paths, the format and any passphrase (Hike's API itself \
             authenticates with a Bearer token, not a client certificate)"
        }
        Some(77) => {
            "curl could not read the CA certificate file or folder (--cacert, --capath, or the \
             system bundle): check that the path exists and is readable"
        }
        Some(60) if wrong_host => WRONG_HOST,
        Some(60) => UNTRUSTED,
        // Before curl 7.62, error 51 was both of these; since, curl reports them as 60.
        Some(51) if wrong_host => {
            "the server's certificate is for another host name than the URL's: call the API by \
             its name (api.hikeup.com), not by an IP address or another alias, and check any \
             TLS-intercepting proxy (curl before 7.62 said error 51 where it now says 60)"
        }
        Some(51) => {
            "the server's certificate could not be verified: check the system clock, the CA \
             bundle and any TLS-intercepting proxy (curl before 7.62 said error 51 where it now \
             says 60)"
        }
        Some(52) => "the server closed the connection without answering: retry with backoff",
        Some(18) => {
            "the connection closed before the whole body arrived, so the body is incomplete: \
             retry with backoff"
        }
        Some(56) | Some(55) => "the connection broke mid-transfer: retry with backoff",
        Some(3) => "the URL is malformed: check its scheme, host and quoting in the shell",
        Some(47) => "too many redirects: check the URL and the Location headers it leads to",
        // wget gives no number: its text says what failed.
        None if wrong_host => WRONG_HOST,
        None if has("cannot verify") || has("is not trusted") => UNTRUSTED,
        None if has("unable to establish ssl connection") => TLS_HANDSHAKE,
        None if has("read error") && has("timed out") => {
            "the connection was made and the request sent, but no answer came in time \
             (wget's --read-timeout): check the network, and ask for less at once \
             (smaller pages, batches of up to 50)"
        }
        None if crate::har::is_abort(&lower) => {
            "this is no network failure: look at what on the page called the request off (an \
             AbortController, a navigation away, a closed tab), not at the host or the network"
        }
        _ if has("resolve") => "check the host name, DNS and any proxy setting",
        _ if has("refused") || has("failed") => {
            "check the host and port, that the server is up, and any firewall or proxy between"
        }
        _ => "check the URL, the network and that the server is up, then capture again",
    }
}

// curl bounds the lookup and the connection by --connect-timeout and by --max-time, the
// smaller winning: 7.88 says `Failed to connect ... Timeout was reached` for the first and
// `Connection timed out after N milliseconds` for the second.
const RESOLVE_TIMEOUT: &str = "the host name could not be looked up in time, so no request \
     was sent: check DNS and any proxy setting, or give the lookup and connection more time \
     (--connect-timeout, and --max-time when it is set)";
const CONNECT_TIMEOUT: &str = "no connection was made in time, so no request was sent: check \
     the host and port, any firewall or proxy between, or allow more time (--connect-timeout, \
     and --max-time when it is set)";
const TLS_HANDSHAKE: &str = "the TLS handshake failed: check that the URL is https on a TLS \
     port (`wrong version number` or an unexpected TLS packet means TLS spoken to plain HTTP) \
     and any TLS-intercepting proxy";
const UNTRUSTED: &str = "the server's certificate was not trusted: check the system clock, the \
     CA bundle and any TLS-intercepting proxy; do not switch verification off in production";
const WRONG_HOST: &str = "the server's certificate is for another host name than the URL's: \
     call the API by its name (api.hikeup.com), not by an IP address or another alias, and \
     check any TLS-intercepting proxy; switching verification off hides a wrong host";

/// Why an exchange got no response, or (`Err`) the status code it gives without one.
pub(crate) fn no_response(x: &Exchange, secrets: &Secrets) -> Result<NoResponse, u16> {
    // `curl -f` reports the status in its error 22.
    if let Some(code) = x.client_errors.iter().find_map(curl_22_status) {
        return Err(code);
    }
    // What the error names from the input passes through the redactor, as a report's
    // strings do.
    let red = Redactor::new(secrets.clone());
    if let Some(e) = x.client_errors.last() {
        return Ok(NoResponse::ClientFailed {
            code: e.code,
            message: red.text(&e.message).into_string(),
        });
    }
    if let Some(line) = &x.broken_status_line {
        return Ok(NoResponse::BrokenStatusLine(red.text(line).into_string()));
    }
    match &x.final_response {
        Some(r) if r.status < 200 => Ok(NoResponse::OnlyInterim(r.status)),
        _ if x.request.is_some() => Ok(NoResponse::RequestOnly),
        _ => Ok(NoResponse::NoHttp),
    }
}

/// Why a transcript with no exchange at all holds no response.
pub(crate) fn transcript_no_response(t: &Transcript) -> NoResponse {
    if let Some(line) = &t.last.broken_status_line {
        let red = Redactor::new(t.secrets.clone());
        return NoResponse::BrokenStatusLine(red.text(line).into_string());
    }
    match t.first_line.as_deref().map(str::trim_start) {
        None => NoResponse::Empty,
        Some(l) if l.starts_with('{') || l.starts_with('[') || l.starts_with('<') => {
            NoResponse::BodyOnly
        }
        Some(l) if l.contains('=') && !l.contains(' ') || l.starts_with("oauth_problem=") => {
            NoResponse::BodyOnly
        }
        Some(_) => NoResponse::NoHttp,
    }
}

pub(crate) fn curl_22_status(e: &ClientError) -> Option<u16> {
    if e.code != Some(22) {
        return None;
    }
    let digits: String = e
        .message
        .rsplit(' ')
        .next()?
        .chars()
        .filter(char::is_ascii_digit)
        .collect();
    digits.parse().ok().filter(|c| (100..=599).contains(c))
}
