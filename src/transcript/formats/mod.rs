//! The recognisers: what each client family prints around HTTP, and how it is read.
//!
//! [`classify`] tells what a line is, from the line and the little the machine knows
//! ([`LineContext`]), without changing anything; the machine then acts on the [`Line`] it
//! gets, one arm per kind. A new input family is a new file here, its kinds in [`Line`],
//! its check in `classify` and its arm in the machine.

pub(crate) mod applog;
pub(crate) mod curl;
pub(crate) mod curl_trace;
pub mod library;
pub(crate) mod markers;
pub(crate) mod trace_grammar;
pub(crate) mod wget;
pub(crate) mod write_out;

use serde_json::{Map, Value};

use crate::transcript::core::assemble::Reading;
use crate::transcript::core::grammar::parse_status_line;
use crate::transcript::formats::library::LibraryLine;
use crate::transcript::formats::markers::{
    is_curl_noise, parse_client_error, wget_owner_mismatch, wget_request_url,
};
use crate::transcript::{ClientError, Style};

/// What the machine knows that decides how a plain line is read.
#[derive(Debug, Clone, Copy)]
pub(crate) struct LineContext {
    /// What the line would belong to.
    pub(crate) state: Reading,
    /// The style of the response being read, if any.
    pub(crate) style: Option<Style>,
    /// A `curl -v` response line has been seen: plain lines are no status lines.
    pub(crate) verbose: bool,
    /// The response's counted body has ended: the line is past it (text there continues
    /// the body, but for an application's log line).
    pub(crate) past_length: bool,
    /// The current year, for log lines whose times have none (syslog's).
    pub(crate) year: i32,
}

/// What a plain line (one with no `< ` or `> ` prefix) is.
#[derive(Debug)]
pub(crate) enum Line<'a> {
    /// A failure `curl -v` printed on a `* ` line (`formats/curl.rs`).
    StarFailure(ClientError),
    /// curl's own chatter, which carries nothing about the response.
    CurlNoise,
    /// wget's `HTTP request sent, awaiting response... 429 ...` (`formats/wget.rs`).
    WgetAwaiting(u16, String),
    /// wget's `... ERROR 429: Too Many Requests.`
    WgetError(u16, String),
    /// `wget -nv`'s `... URL:http://h/p [115/115] -> "-" [1]`: a download that succeeded.
    WgetNvDone(String),
    /// A request known by its URL alone: wget's `--date--  URL` line, or the URL line
    /// `wget -nv` prints between messages.
    UrlRequest(String),
    /// What `curl -w '%{json}'` wrote between messages: the text before the object (a
    /// body), and the object (`formats/write_out.rs`).
    WriteOutJson(&'a [u8], Map<String, Value>),
    /// A client's failure line: `curl: (7) ...`, wget's.
    ClientError(ClientError),
    /// wget's `The certificate's owner does not match hostname ...`: more of a TLS failure
    /// just said, or alone the failure itself.
    WgetOwnerMismatch(ClientError),
    /// The error line an HTTP library threw (`formats/library/`).
    Library(LibraryLine),
    /// A status line (wget's indented by `indent`).
    Status {
        parts: (String, u16, String),
        indent: usize,
    },
    /// What starts as a status line and is not one (`HTTP/1.1 4`), at its indent.
    BrokenStatus(&'a [u8]),
    /// A line an application logged about a call it made (`formats/applog.rs`).
    AppLog(Box<crate::applog::LogExchange>),
    /// A logger's line with no exchange in it, past a counted body: not more of the body.
    LogNoise,
    /// Anything else: a header, body or request line by where it stands.
    Text,
}

/// What a plain line is, given `ctx`. Pure: the machine acts on the answer.
pub(crate) fn classify<'a>(line: &'a [u8], ctx: &LineContext) -> Line<'a> {
    let outside = ctx.state == Reading::Outside;
    if let Some(err) = curl::star_failure(line) {
        return Line::StarFailure(err);
    }
    if is_curl_noise(line) {
        return Line::CurlNoise;
    }
    if let Some((code, reason)) = wget::awaiting(line) {
        return Line::WgetAwaiting(code, reason);
    }
    if let Some((code, reason)) = wget::error_line(line) {
        return Line::WgetError(code, reason);
    }
    if let Some(url) = wget::nv_done(line) {
        return Line::WgetNvDone(url);
    }
    if outside {
        if let Some(url) = wget::nv_url(line) {
            return Line::UrlRequest(url);
        }
        if crate::find::memchr(b'{', line).is_some() {
            if let Some((body, obj)) = write_out::json_write_out(line) {
                return Line::WriteOutJson(body, obj);
            }
        }
    }
    if let Some(err) = parse_client_error(line) {
        return Line::ClientError(err);
    }
    if let Some(err) = wget_owner_mismatch(line) {
        return Line::WgetOwnerMismatch(err);
    }
    // A structured logger's record (one JSON object a line) may quote a library's error
    // line in its message: the record says more (status, body, time, request).
    let app_log = (outside || ctx.past_length) && !ctx.verbose;
    let json = line.trim_ascii_start().starts_with(b"{");
    if app_log && json {
        if let Some(l) = applog::logged(line, outside, ctx.year) {
            return l;
        }
    }
    // A library's error line: between messages, or after another such line.
    let between = matches!(ctx.state, Reading::Outside | Reading::RequestBody)
        || matches!(ctx.style, Some(Style::Library(_)));
    if between {
        if let Some(l) = library::parse_line(line) {
            return Line::Library(l);
        }
    }
    // In a `curl -v` trace every response line starts `< `: a plain line that looks like
    // a status line is body text there.
    let indent = line.iter().take_while(|b| **b == b' ').count();
    if indent <= 8 && !ctx.verbose {
        let text = &line[indent..];
        if text.starts_with(b"HTTP/") {
            return match parse_status_line(text) {
                Some(parts) => Line::Status { parts, indent },
                None => Line::BrokenStatus(text),
            };
        }
    }
    if let Some(url) = wget_request_url(line) {
        return Line::UrlRequest(url);
    }
    // Last: a line no client family claims, between messages, may be an application's;
    // not in a `curl -v` trace (its plain lines are bodies), nor what `-w` may have written
    // after a body (`...}401`, `500 0.043864`).
    if app_log && !json && write_out::code_line(line).is_none() {
        if let Some(l) = applog::logged(line, outside, ctx.year) {
            return l;
        }
    }
    Line::Text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(line: &str, state: Reading, verbose: bool) -> String {
        let ctx = LineContext {
            state,
            style: None,
            verbose,
            past_length: false,
            year: 2026,
        };
        let k = format!("{:?}", classify(line.as_bytes(), &ctx));
        k.split(['(', ' ']).next().unwrap_or_default().to_string()
    }

    #[test]
    fn each_family_is_told_by_its_line() {
        let out = |l: &str| kind(l, Reading::Outside, false);
        assert_eq!(out("* Could not resolve host: x.invalid"), "StarFailure");
        assert_eq!(out("*   Trying 127.0.0.1:8080..."), "CurlNoise");
        assert_eq!(
            out("HTTP request sent, awaiting response... 429 Too Many Requests"),
            "WgetAwaiting"
        );
        assert_eq!(
            out("2026-11-25 16:26:26 ERROR 429: Too Many Requests."),
            "WgetError"
        );
        assert_eq!(out("https://h/p:"), "UrlRequest");
        assert_eq!(out("--2026-11-25 12:10:52--  http://h/p"), "UrlRequest");
        assert_eq!(
            out(r#"{"response_code":429,"errormsg":""}"#),
            "WriteOutJson"
        );
        assert_eq!(out("curl: (7) Failed to connect"), "ClientError");
        assert_eq!(
            out("AxiosError: Request failed with status code 401"),
            "Library"
        );
        assert_eq!(out("HTTP/1.1 429 Too Many Requests"), "Status");
        assert_eq!(out("  HTTP/1.1 404 Not Found"), "Status");
        assert_eq!(out("HTTP/1.1 4"), "BrokenStatus");
        assert_eq!(out("Content-Type: text/plain"), "Text");
    }

    #[test]
    fn what_the_machine_knows_decides() {
        // In a `curl -v` trace a plain status line is body text.
        assert_eq!(kind("HTTP/1.1 200 OK", Reading::ResponseBody, true), "Text");
        // `-w '%{json}'` and wget's `-nv` URL line only between messages.
        let json = r#"{"response_code":429}"#;
        assert_eq!(kind(json, Reading::ResponseBody, false), "Text");
        assert_eq!(
            kind("https://h/p:", Reading::ResponseHeaders, false),
            "Text"
        );
        // A library's error line between messages, not inside a body.
        let axios = "AxiosError: Request failed with status code 401";
        assert_eq!(kind(axios, Reading::RequestBody, false), "Library");
        assert_eq!(kind(axios, Reading::ResponseBody, false), "Text");
    }
}
