//! Turning a parsed [`Transcript`] into a [`Report`]: what the final response means on Hike,
//! what its headers and body say, what the request did wrong, and what to do next.
//!
//! Nothing here reads input or prints; the clock is passed in, so a test can fix it.
//!
//! ```
//! use std::time::SystemTime;
//! use hike_status::{explain, transcript::Parser};
//!
//! let mut p = Parser::new();
//! p.feed(b"HTTP/1.1 429 Too Many Requests\r\nX-Rate-Limit-Problem: Daily\r\nRetry-After: 30\r\n\r\n");
//! let report = explain::explain(&p.finish(), SystemTime::UNIX_EPOCH).unwrap();
//! assert_eq!(report.status, 429);
//! assert_eq!(report.retry_after_seconds, Some(30));
//! assert_eq!(report.rate_limit.unwrap().limit, Some(5000));
//! ```

use std::borrow::Cow;
use std::time::{Duration, SystemTime};

use serde::Serialize;

use crate::body::{self, BodyError, BodyFacts, BodyKind, OAuthError};
use crate::sanitize::{redact_credential, redact_text, redact_url, scrub, secret_values};
use crate::table::{CodeInfo, table};
use crate::transcript::{ClientError, Response, Style, Transcript};

/// Hike's rate limits (../shared/HIKE-API.md): per app and per store.
const MINUTE_LIMIT: u32 = 60;
const DAILY_LIMIT: u32 = 5000;
/// Hike's largest POST body.
const MAX_POST_BYTES: u64 = 4 * 1024 * 1024;

/// Headers that carry a request id, most specific first.
const REQUEST_ID_HEADERS: &[&str] = &[
    "x-request-id",
    "request-id",
    "x-correlation-id",
    "x-amzn-requestid",
    "x-amz-request-id",
    "x-amz-cf-id",
    "x-trace-id",
    "cf-ray",
    "traceparent",
];

/// Everything `explain` says about a transcript.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// The final status code.
    pub status: u16,
    /// Its name (Hike's where Hike documents it).
    pub name: String,
    /// Its class, such as `4xx`.
    pub class: String,
    /// Whether Hike documents the code.
    pub documented: bool,
    /// What it means on Hike.
    pub meaning: String,
    /// What to do about it, in general.
    pub hint: String,
    /// Whether the same request may succeed later.
    pub retryable: bool,
    /// Where to read more.
    pub links: Vec<String>,
    /// The protocol version of the final response (`1.1`, `2`), if a status line was seen.
    pub http_version: Option<String>,
    /// The reason phrase as sent; the code decides, not the phrase.
    pub reason: Option<String>,
    /// Every status seen, in order (bounded: the first and last few hundred).
    pub chain: Vec<u16>,
    /// How many statuses between the first and last few hundred were left out of `chain`.
    pub chain_omitted: u64,
    /// How long to wait before retrying, from `Retry-After`.
    pub retry_after_seconds: Option<u64>,
    /// When a retry may be sent, RFC 3339, UTC.
    pub retry_at: Option<String>,
    /// What the rate-limit headers say.
    pub rate_limit: Option<RateLimit>,
    /// The `Location` header (credentials redacted).
    pub location: Option<String>,
    /// The request id to quote to support.
    pub request_id: Option<String>,
    /// The `WWW-Authenticate` challenge.
    pub www_authenticate: Option<Challenge>,
    /// The errors the body reports.
    pub errors: Vec<BodyError>,
    /// How many more errors the body reports than `errors` lists.
    pub errors_omitted: u64,
    /// An OAuth error from the body.
    pub oauth_error: Option<OAuthError>,
    /// What the body is.
    pub body: Option<BodySummary>,
    /// The request, when the transcript shows it.
    pub request: Option<RequestSummary>,
    /// What the transcript shows went wrong or is worth knowing.
    pub findings: Vec<String>,
    /// What to do next, most specific first.
    pub next_steps: Vec<String>,
    /// The client the transcript came from, as far as its shape tells.
    pub source: String,
}

/// Rate-limit facts from the final response's headers.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct RateLimit {
    /// Hike's `X-Rate-Limit-Problem`: `Minute` or `Daily`.
    pub problem: Option<String>,
    /// The limit that applies, in calls per window.
    pub limit: Option<u64>,
    /// The window of that limit, in seconds.
    pub window_seconds: Option<u64>,
    /// The longest wait before the limit clears, in seconds.
    pub wait_seconds_at_most: Option<u64>,
    /// `X-RateLimit-Remaining`.
    pub remaining: Option<u64>,
    /// `X-RateLimit-Reset`, as sent.
    pub reset: Option<String>,
}

/// Which of Hike's limits `X-Rate-Limit-Problem` names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Problem<'a> {
    Minute,
    Daily,
    Other(&'a str),
}

impl RateLimit {
    fn problem(&self) -> Option<Problem<'_>> {
        let p = self.problem.as_deref()?;
        Some(if p.eq_ignore_ascii_case("minute") {
            Problem::Minute
        } else if p.eq_ignore_ascii_case("daily") {
            Problem::Daily
        } else {
            Problem::Other(p)
        })
    }
}

/// A `WWW-Authenticate` challenge (RFC 6750 §3).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Challenge {
    /// The scheme, such as `Bearer`.
    pub scheme: String,
    /// The `error` parameter.
    pub error: Option<String>,
    /// The `error_description` parameter.
    pub description: Option<String>,
    /// What the error code means.
    pub meaning: Option<String>,
}

/// What the final response's body is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BodySummary {
    /// Its kind: `json`, `form`, `html`, `text`, `binary` or `empty`.
    pub kind: BodyKind,
    /// The response's Content-Type.
    pub content_type: Option<String>,
    /// How many bytes of body the transcript holds.
    pub bytes: u64,
    /// Whether only a prefix of it was read.
    pub truncated: bool,
}

/// The request, as the transcript shows it (credentials redacted).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RequestSummary {
    /// The method, when shown.
    pub method: Option<String>,
    /// The target or URL, credentials redacted.
    pub target: String,
    /// The Content-Type it sent.
    pub content_type: Option<String>,
    /// The Authorization it sent, redacted (`Bearer [redacted, 23 chars]`).
    pub authorization: Option<String>,
    /// Whether the transcript shows the request's headers.
    pub headers_shown: bool,
}

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
                 `wget -S -O - URL 2>&1` or `http --print=hb URL`, or give a status code"
            ),
        }
    }
}

impl std::error::Error for NoResponse {}

/// What to check when the client got no response, by curl's error number.
pub fn client_advice(code: Option<u32>, message: &str) -> &'static str {
    let lower = message.to_ascii_lowercase();
    match code {
        Some(6) => "check the host name (api.hikeup.com), DNS and any proxy setting",
        Some(5) => "check the proxy host name",
        Some(7) => {
            "check the host and port, that the server is up, and any firewall or proxy between"
        }
        Some(28) => {
            "the server did not answer in time: check the network, raise --max-time, and ask \
             for less at once (smaller pages, batches of up to 50)"
        }
        Some(35) => {
            "the TLS handshake failed: check that the URL is https on a TLS port (`wrong version \
             number` means TLS spoken to plain HTTP) and any TLS-intercepting proxy"
        }
        Some(51) | Some(60) | Some(77) | Some(58) => {
            "the server's certificate was not trusted: check the system clock, the CA bundle \
             and any TLS-intercepting proxy; do not switch verification off in production"
        }
        Some(52) => "the server closed the connection without answering: retry with backoff",
        Some(18) => {
            "the connection closed before the whole body arrived, so the body is incomplete: \
             retry with backoff"
        }
        Some(56) | Some(55) => "the connection broke mid-transfer: retry with backoff",
        Some(3) => "the URL is malformed: check its scheme, host and quoting in the shell",
        Some(47) => "too many redirects: check the URL and the Location headers it leads to",
        _ if lower.contains("resolve") => "check the host name, DNS and any proxy setting",
        _ if lower.contains("refused") || lower.contains("failed") => {
            "check the host and port, that the server is up, and any firewall or proxy between"
        }
        _ => "check the URL, the network and that the server is up, then capture again",
    }
}

/// Why there is no response, or (`Err`) the status code the transcript gives without one.
fn no_response(t: &Transcript) -> Result<NoResponse, u16> {
    if let Some(code) = t.bare_code {
        if code == 0 {
            return Ok(NoResponse::ClientFailed {
                code: None,
                message: String::new(),
            });
        }
        return Err(code);
    }
    // `curl -f` reports the status in its error 22.
    if let Some(code) = t.client_errors.iter().find_map(curl_22_status) {
        return Err(code);
    }
    if let Some(e) = t.client_errors.last() {
        return Ok(NoResponse::ClientFailed {
            code: e.code,
            message: redact_text(&e.message).into_owned(),
        });
    }
    if let Some(line) = &t.broken_status_line {
        return Ok(NoResponse::BrokenStatusLine(redact_text(line).into_owned()));
    }
    if t.saw_request {
        return Ok(NoResponse::RequestOnly);
    }
    match t.first_line.as_deref().map(str::trim_start) {
        None => Ok(NoResponse::Empty),
        Some(l) if l.starts_with('{') || l.starts_with('[') || l.starts_with('<') => {
            Ok(NoResponse::BodyOnly)
        }
        Some(l) if l.contains('=') && !l.contains(' ') || l.starts_with("oauth_problem=") => {
            Ok(NoResponse::BodyOnly)
        }
        Some(_) => Ok(NoResponse::NoHttp),
    }
}

fn curl_22_status(e: &ClientError) -> Option<u16> {
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

/// Explains a bare code, as `curl -w '%{http_code}'` prints it.
pub fn code_report(code: u16) -> Option<Report> {
    let info = table().info(code)?;
    let mut r = base_report(&info);
    r.chain = vec![code];
    r.source = "status code only".to_string();
    r.next_steps.push(info.hint.clone());
    r.findings.push(
        "only the status code was given: capture headers and body too (`curl -i` or `curl -v`) \
         to see what the response says"
            .to_string(),
    );
    Some(r)
}

/// Explains the final response of a transcript, with `now` as the current time; a
/// transcript that is only a status code is explained from the table.
pub fn explain(t: &Transcript, now: SystemTime) -> Result<Report, NoResponse> {
    match &t.final_response {
        // Only an interim answer came before the client gave up (or, with `curl -f`,
        // named the final status in its error).
        Some(resp) if resp.status < 200 && !t.client_errors.is_empty() => match no_response(t) {
            Ok(why) => Err(why),
            Err(code) => code_report(code).ok_or(NoResponse::NoHttp),
        },
        // The final response is the last that is not 1xx: there is none.
        Some(resp) if resp.status < 200 => Err(NoResponse::OnlyInterim(resp.status)),
        Some(resp) => Ok(response_report(t, resp, now)),
        None => match no_response(t) {
            Ok(why) => Err(why),
            Err(code) => code_report(code).ok_or(NoResponse::NoHttp),
        },
    }
}

fn base_report(info: &CodeInfo) -> Report {
    Report {
        status: info.code,
        name: info.name.clone(),
        class: info.class.clone(),
        documented: info.documented,
        meaning: info.meaning.clone(),
        hint: info.hint.clone(),
        retryable: info.retryable,
        links: info.links.clone(),
        http_version: None,
        reason: None,
        chain: Vec::new(),
        chain_omitted: 0,
        retry_after_seconds: None,
        retry_at: None,
        rate_limit: None,
        location: None,
        request_id: None,
        www_authenticate: None,
        errors: Vec::new(),
        errors_omitted: 0,
        oauth_error: None,
        body: None,
        request: None,
        findings: Vec::new(),
        next_steps: Vec::new(),
        source: String::new(),
    }
}

fn response_report(t: &Transcript, resp: &Response, now: SystemTime) -> Report {
    let info = table()
        .info(resp.status)
        .expect("the parser only accepts codes 100-599");
    let mut r = base_report(&info);
    r.http_version = Some(resp.version.clone());
    r.reason = Some(resp.reason.clone()).filter(|s| !s.is_empty());
    r.chain = t.chain.codes();
    r.chain_omitted = t.chain.omitted;
    r.source = source_name(resp).to_string();

    let date = resp
        .header("date")
        .and_then(|d| httpdate::parse_http_date(d.trim()).ok());
    if let Some(ra) = resp.header("retry-after") {
        match retry_after(ra, date, now) {
            Some((secs, at)) => {
                r.retry_after_seconds = Some(secs);
                r.retry_at = at.map(|at| humantime::format_rfc3339_seconds(at).to_string());
            }
            None => r.findings.push(
                "the Retry-After header is neither a number of seconds nor an HTTP date".into(),
            ),
        }
    }
    r.rate_limit = rate_limit(resp);
    // When a Retry-After is present, it wins over the limit's own window.
    if let (Some(rl), Some(secs)) = (r.rate_limit.as_mut(), r.retry_after_seconds) {
        if rl.wait_seconds_at_most.is_some() {
            rl.wait_seconds_at_most = Some(secs);
        }
    }
    r.location = resp.header("location").map(|l| redact_url(l).into_owned());
    r.request_id = REQUEST_ID_HEADERS
        .iter()
        .find_map(|h| resp.header(h))
        .map(str::to_string);
    r.www_authenticate = resp.header("www-authenticate").map(parse_challenge);

    let mut facts = body::read_response(
        &resp.body,
        resp.header("content-type"),
        resp.header("content-encoding"),
        resp.status >= 400,
    );
    r.body = Some(BodySummary {
        kind: facts.kind,
        content_type: resp.header("content-type").map(str::to_string),
        bytes: resp.body_bytes,
        truncated: resp.body_truncated,
    });
    r.errors = std::mem::take(&mut facts.errors);
    r.errors_omitted = facts.errors_omitted;
    r.oauth_error = facts.oauth_error.take();
    r.request = resp.request.as_deref().map(|req| RequestSummary {
        method: req.method.clone(),
        target: redact_url(&req.target).into_owned(),
        content_type: req.header("content-type").map(str::to_string),
        authorization: req.header("authorization").map(redact_credential),
        headers_shown: req.headers_shown,
    });

    // Everything below is built from cleaned strings.
    let secrets = resp
        .request
        .as_deref()
        .map(|q| secret_values(&q.headers, &q.target, &q.body))
        .unwrap_or_default();
    for text in input_strings(&mut r) {
        clean(text, &secrets);
    }
    findings(&mut r, resp, &facts);
    for e in t.client_errors.iter().filter(|e| e.after >= resp.position) {
        let what = e
            .code
            .map_or("the client".to_string(), |c| format!("curl error {c}"));
        let mut message = e.message.clone();
        clean(&mut message, &secrets);
        r.findings.push(format!(
            "{what} after the response: {message}: {}",
            client_advice(e.code, &e.message)
        ));
    }
    next_steps(&mut r, resp);
    // Findings quote the request; its credentials go wherever they appear.
    if let Some(a) = r.request.as_mut().and_then(|q| q.authorization.as_mut()) {
        scrub(a, &secrets);
    }
    for text in r.findings.iter_mut().chain(r.next_steps.iter_mut()) {
        scrub(text, &secrets);
    }
    r
}

/// Removes credentials from a string of the transcript: those it quotes itself, and those
/// the request sent.
fn clean(text: &mut String, secrets: &[String]) {
    if let Cow::Owned(c) = redact_text(text) {
        *text = c;
    }
    scrub(text, secrets);
}

/// Every string of the report that came from the transcript, but the request's
/// Authorization, which is shown redacted already.
fn input_strings(r: &mut Report) -> Vec<&mut String> {
    let mut v: Vec<&mut String> = Vec::new();
    v.extend(r.reason.as_mut());
    v.extend(r.location.as_mut());
    v.extend(r.request_id.as_mut());
    if let Some(c) = r.www_authenticate.as_mut() {
        v.push(&mut c.scheme);
        v.extend(c.error.as_mut());
        v.extend(c.description.as_mut());
    }
    if let Some(o) = r.oauth_error.as_mut() {
        v.push(&mut o.error);
        v.extend(o.description.as_mut());
    }
    if let Some(rl) = r.rate_limit.as_mut() {
        v.extend(rl.problem.as_mut());
        v.extend(rl.reset.as_mut());
    }
    if let Some(b) = r.body.as_mut() {
        v.extend(b.content_type.as_mut());
    }
    if let Some(q) = r.request.as_mut() {
        v.extend(q.method.as_mut());
        v.push(&mut q.target);
        v.extend(q.content_type.as_mut());
    }
    for e in &mut r.errors {
        v.push(&mut e.message);
        v.extend(e.field.as_mut());
    }
    v
}

fn source_name(resp: &Response) -> &'static str {
    match resp.style {
        Style::CurlVerbose => "curl -v",
        Style::Wget => "wget -S",
        Style::Plain => "response headers (curl -i, HTTPie)",
    }
}

/// The last second RFC 3339 can write: 9999-12-31T23:59:59Z.
const LAST_RFC3339: Duration = Duration::from_secs(253_402_300_799);

/// `Retry-After` → (seconds to wait, when). A decimal rounds up; a date is measured from
/// the response's own `Date`, else from `now`. The time is `None` when it falls past what
/// RFC 3339 can write.
pub fn retry_after(
    value: &str,
    date: Option<SystemTime>,
    now: SystemTime,
) -> Option<(u64, Option<SystemTime>)> {
    let value = value.trim();
    let base = date.unwrap_or(now);
    let secs = if let Ok(secs) = value.parse::<u64>() {
        secs
    } else if let Ok(f) = value.parse::<f64>() {
        if !(0.0..1e15).contains(&f) {
            return None;
        }
        f.ceil() as u64
    } else {
        let at = httpdate::parse_http_date(value).ok()?;
        // A date already past means now.
        let at = at.max(base);
        let secs = at.duration_since(base).map_or(0, |d| d.as_secs());
        return Some((secs, writable(at)));
    };
    let at = base
        .checked_add(Duration::from_secs(secs))
        .and_then(writable);
    Some((secs, at))
}

fn writable(t: SystemTime) -> Option<SystemTime> {
    t.duration_since(SystemTime::UNIX_EPOCH)
        .ok()
        .filter(|d| *d <= LAST_RFC3339)
        .map(|_| t)
}

fn rate_limit(resp: &Response) -> Option<RateLimit> {
    let num = |names: &[&str]| {
        names.iter().find_map(|n| resp.header(n)).and_then(|v| {
            v.trim()
                .split([',', ';'])
                .next()?
                .trim()
                .parse::<u64>()
                .ok()
        })
    };
    let mut rl = RateLimit {
        problem: resp
            .header("x-rate-limit-problem")
            .map(|p| p.trim().to_string()),
        limit: num(&["x-ratelimit-limit", "x-rate-limit-limit", "ratelimit-limit"]),
        remaining: num(&[
            "x-ratelimit-remaining",
            "x-rate-limit-remaining",
            "ratelimit-remaining",
        ]),
        reset: ["x-ratelimit-reset", "x-rate-limit-reset", "ratelimit-reset"]
            .iter()
            .find_map(|n| resp.header(n))
            .map(|v| v.trim().to_string()),
        ..RateLimit::default()
    };
    match rl.problem() {
        Some(Problem::Minute) => {
            rl.limit = Some(u64::from(MINUTE_LIMIT));
            rl.window_seconds = Some(60);
            rl.wait_seconds_at_most = Some(60);
        }
        Some(Problem::Daily) => {
            rl.limit = Some(u64::from(DAILY_LIMIT));
            rl.window_seconds = Some(86_400);
            rl.wait_seconds_at_most = Some(86_400);
        }
        _ => {}
    }
    (rl != RateLimit::default()).then_some(rl)
}

/// `Bearer error="invalid_token", error_description="..."` → its parts.
pub fn parse_challenge(value: &str) -> Challenge {
    let value = value.trim();
    let (scheme, params) = value.split_once(' ').unwrap_or((value, ""));
    let mut error = None;
    let mut description = None;
    let mut rest = params.trim();
    while !rest.is_empty() {
        let Some(eq) = rest.find('=') else { break };
        let key = rest[..eq]
            .trim()
            .trim_start_matches(',')
            .trim()
            .to_ascii_lowercase();
        rest = rest[eq + 1..].trim_start();
        let val;
        if let Some(q) = rest.strip_prefix('"') {
            let mut out = String::new();
            let mut chars = q.char_indices();
            let mut end = q.len();
            while let Some((i, c)) = chars.next() {
                match c {
                    '\\' => {
                        if let Some((_, n)) = chars.next() {
                            out.push(n);
                        }
                    }
                    '"' => {
                        end = i + 1;
                        break;
                    }
                    c => out.push(c),
                }
            }
            val = out;
            rest = q[end.min(q.len())..].trim_start();
        } else {
            let end = rest.find(',').unwrap_or(rest.len());
            val = rest[..end].trim().to_string();
            rest = &rest[end..];
        }
        rest = rest.trim_start_matches(',').trim_start();
        match key.as_str() {
            "error" => error = Some(val),
            "error_description" => description = Some(val),
            _ => {}
        }
    }
    let meaning = error
        .as_deref()
        .and_then(body::oauth_meaning)
        .map(str::to_string);
    Challenge {
        scheme: scheme.to_string(),
        error,
        description,
        meaning,
    }
}

/// Whether a request target is Hike's token endpoint, in origin form (`/oauth/token`) or
/// absolute form (`https://api.hikeup.com/oauth/token`), with or without a trailing `/`.
fn is_token_endpoint(target: &str) -> bool {
    let path = match target.split_once("://") {
        Some((_, rest)) => rest.find('/').map_or("", |i| &rest[i..]),
        None => target,
    };
    let path = path.split(['?', '#']).next().unwrap_or("");
    path.trim_end_matches('/').ends_with("/oauth/token")
}

fn is_json_type(ct: &str) -> bool {
    let ct = ct.to_ascii_lowercase();
    ct.starts_with("application/json") || ct.contains("+json")
}

fn findings(r: &mut Report, resp: &Response, facts: &BodyFacts) {
    let status = resp.status;
    let f = &mut r.findings;
    // The request as shown: credentials removed.
    let shown = r.request.as_ref();
    if let (Some(req), Some(shown)) = (resp.request.as_deref(), shown) {
        let target = shown.target.as_str();
        let oauth_token = is_token_endpoint(target);
        if let Some(m) = &shown.method {
            f.push(format!("the request was {m} {target}"));
        }
        if req.target != target {
            f.push(
                "the URL carries a credential (shown redacted), and URLs end up in logs: send \
                 an access token in the Authorization header, and client secrets, codes and \
                 refresh tokens in the form body of POST /oauth/token"
                    .to_string(),
            );
        }
        if req.headers_shown {
            let ct = shown.content_type.as_deref();
            if status == 400 && !oauth_token {
                if let Some(ct) = ct.filter(|c| !is_json_type(c)) {
                    f.push(format!(
                        "the request sent Content-Type: {ct}; Hike's API expects application/json"
                    ));
                }
            }
            if oauth_token {
                if let Some(ct) = ct.filter(|c| is_json_type(c)) {
                    f.push(format!(
                        "the request sent Content-Type: {ct} to /oauth/token, which takes a \
                         form-encoded body (application/x-www-form-urlencoded)"
                    ));
                }
            }
            let auth = req.header("authorization");
            match (status, auth) {
                // The token endpoint knows the app by client_id and client_secret in its
                // form body; there is no access token yet.
                (401, _) if oauth_token => f.push(
                    "the token endpoint authenticates the app by client_id and client_secret in \
                     the form body: check both against the app's settings"
                        .to_string(),
                ),
                (401 | 403, None) => f.push(
                    "no Authorization header was sent: send `Authorization: Bearer <access_token>`"
                        .to_string(),
                ),
                (401 | 403, Some(_)) => {
                    // The report holds the header redacted already; its scheme stays.
                    let shown = shown.authorization.as_deref().unwrap_or("");
                    let bearer = shown.to_ascii_lowercase().starts_with("bearer ");
                    if !bearer {
                        f.push(format!(
                            "the request sent Authorization: {shown}; Hike expects the Bearer scheme"
                        ));
                    } else if status == 401 {
                        f.push(format!(
                            "the request sent a token (Authorization: {shown}) and Hike refused \
                             it: it is expired, revoked or wrong"
                        ));
                    } else {
                        f.push(format!(
                            "the request sent a token (Authorization: {shown}); it was \
                             recognised but lacks access to this resource"
                        ));
                    }
                }
                _ => {}
            }
            if let Some(len) = req
                .header("content-length")
                .and_then(|l| l.trim().parse::<u64>().ok())
                .filter(|l| *l > MAX_POST_BYTES)
            {
                f.push(format!(
                    "the request body is {len} bytes; Hike takes at most 4 MB per POST"
                ));
            }
            if req
                .headers
                .iter()
                .any(|(n, _)| n.eq_ignore_ascii_case("cookie"))
            {
                f.push(
                    "the request sent a Cookie (not shown); Hike's API does not use cookies".into(),
                );
            }
        }
    }
    if let Some(c) = &r.www_authenticate {
        if let Some(e) = &c.error {
            let expected = match e.as_str() {
                "invalid_request" => Some(400),
                "invalid_token" => Some(401),
                "insufficient_scope" => Some(403),
                _ => None,
            };
            let meaning = c.meaning.as_deref().unwrap_or("a server-specific error");
            f.push(format!("WWW-Authenticate says {e}: {meaning}"));
            if expected.is_some_and(|x| x != status) {
                f.push(format!(
                    "{e} usually comes with status {} (RFC 6750 §3.1), not {status}",
                    expected.unwrap_or_default()
                ));
            }
        }
    }
    if let Some(o) = &r.oauth_error {
        let told = r.www_authenticate.as_ref().and_then(|c| c.error.as_deref()) == Some(&o.error);
        if let (Some(m), false) = (&o.meaning, told) {
            f.push(format!("OAuth error {}: {m}", o.error));
        }
    }
    if let Some(rl) = &r.rate_limit {
        match rl.problem() {
            Some(Problem::Minute) => f.push(format!(
                "X-Rate-Limit-Problem: Minute: more than {MINUTE_LIMIT} calls in a rolling \
                 minute for this app and store; it clears within a minute"
            )),
            Some(Problem::Daily) => f.push(format!(
                "X-Rate-Limit-Problem: Daily: more than {DAILY_LIMIT} calls in a rolling 24 hours \
                 for this app and store; it can take up to 24 hours to clear"
            )),
            Some(Problem::Other(other)) => f.push(format!("X-Rate-Limit-Problem: {other}")),
            None => {}
        }
        if rl.remaining == Some(0) && status < 400 {
            f.push(
                "no calls remain in the current rate-limit window: calls will get 429 until it \
                 resets"
                    .into(),
            );
        }
    }
    match facts.kind {
        BodyKind::Binary if facts.gzip => f.push(
            "the body is gzip-compressed and was not decoded: capture with `curl --compressed` \
             to read it"
                .to_string(),
        ),
        BodyKind::Binary => f.push("the body is binary, not text".to_string()),
        BodyKind::Html if status >= 500 => f.push(
            "the body is an HTML error page from a proxy or load balancer, not from the API: \
             the request may not have reached Hike, or Hike did not answer the proxy in time"
                .to_string(),
        ),
        BodyKind::Form if status == 429 => {
            f.push("the body is Hike's form-encoded rate-limit notice (oauth_problem)".to_string())
        }
        _ => {}
    }
    if resp.style == Style::Wget && status >= 400 && facts.kind == BodyKind::Empty {
        f.push(
            "wget keeps no body on an error: add --content-on-error to see what Hike said".into(),
        );
    }
    if facts.errors_omitted > 0 {
        f.push(format!(
            "the body reports {} more errors than are listed here",
            facts.errors_omitted
        ));
    }
    if facts.json_unreadable {
        f.push(if resp.body_truncated {
            "the JSON body is too large to read whole, and no error keys complete in its start"
                .to_string()
        } else {
            "the body claims to be JSON but cannot be read (malformed, or nested too deeply)"
                .to_string()
        });
    }
    if resp.body_truncated {
        f.push(format!(
            "the body is {} bytes; only its start was read",
            resp.body_bytes
        ));
    }
    if (300..400).contains(&status) && status != 304 {
        match &r.location {
            Some(l) if status == 303 => f.push(format!("the answer is at {l}: fetch it with GET")),
            Some(l) => f.push(format!(
                "the transcript ends at a redirect to {l}: follow it (curl -L)"
            )),
            None => f.push("a redirect without a Location header".to_string()),
        }
    }
    if status == 201 {
        if let Some(l) = &r.location {
            f.push(format!("the new resource is at {l}"));
        }
    }
    if r.chain.len() > 1 {
        let redirects = r.chain.iter().filter(|c| (300..400).contains(*c)).count();
        if redirects > 0 {
            f.push(format!(
                "{redirects} redirect(s) were followed before the final response"
            ));
        }
    }
}

fn next_steps(r: &mut Report, resp: &Response) {
    let status = resp.status;
    let steps = &mut r.next_steps;
    if let Some(secs) = r.retry_after_seconds {
        let until = r
            .retry_at
            .as_deref()
            .map(|at| format!(", until {at},"))
            .unwrap_or_default();
        steps.push(format!(
            "wait {}{until} as Retry-After asks, then send the request again",
            human_seconds(secs)
        ));
    } else if let Some(rl) = &r.rate_limit {
        match rl.problem() {
            Some(Problem::Minute) => steps.push(
                "wait up to a minute, then resume at no more than 60 calls a minute".to_string(),
            ),
            Some(Problem::Daily) => steps.push(
                "stop for now: the daily allowance of 5000 calls can take up to 24 hours to clear"
                    .to_string(),
            ),
            _ => {}
        }
    }
    if status == 429 {
        steps.push(
            "queue calls and space them out, with exponential backoff on every 429".to_string(),
        );
    }
    let token_endpoint = r
        .request
        .as_ref()
        .is_some_and(|q| is_token_endpoint(&q.target));
    if status == 401 && !token_endpoint {
        let sent = r
            .request
            .as_ref()
            .is_some_and(|q| q.authorization.is_some());
        if sent
            || r.www_authenticate.as_ref().and_then(|c| c.error.as_deref()) == Some("invalid_token")
        {
            steps.push(
                "refresh the access token: POST /oauth/token with grant_type=refresh_token, then \
                 retry with the new token"
                    .to_string(),
            );
        }
    }
    if let Some(o) = &r.oauth_error {
        if o.error == "invalid_grant" {
            steps.push(
                "get a fresh authorization code through /oauth/authorize and exchange it at once, \
                 with exactly the redirect_uri the app registered"
                    .to_string(),
            );
        }
    }
    if !r.errors.is_empty()
        && r.oauth_error.is_none()
        && matches!(status, 400 | 409 | 413 | 415 | 422)
    {
        steps.push("fix what the errors above name, then send the request again".to_string());
    }
    if status == 303 {
        if let Some(l) = &r.location {
            steps.push(format!("GET {l}"));
        }
    }
    // Support can look into a failure that may pass; a plan limit (501) it cannot.
    if status >= 500 && r.retryable {
        if let Some(id) = &r.request_id {
            steps.push(format!(
                "if it persists, give Hike support the request id {id}"
            ));
        }
    }
    steps.push(r.hint.clone());
}

/// `90` → `90 s`, `3600` → `3600 s (1 h)`.
fn human_seconds(secs: u64) -> String {
    match secs {
        0..=119 => format!("{secs} s"),
        120..=7199 => format!("{secs} s ({} min)", secs.div_ceil(60)),
        _ => format!("{secs} s ({:.1} h)", secs as f64 / 3600.0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> SystemTime {
        humantime::parse_rfc3339(s).unwrap()
    }

    #[test]
    fn retry_after_forms() {
        let now = at("2026-11-25T12:00:00Z");
        assert_eq!(retry_after("120", None, now).unwrap().0, 120);
        assert_eq!(retry_after("2.0", None, now).unwrap().0, 2);
        assert_eq!(retry_after("2.1", None, now).unwrap().0, 3);
        let date = httpdate::parse_http_date("Wed, 25 Nov 2026 12:10:49 GMT").ok();
        let (secs, when) = retry_after("Wed, 25 Nov 2026 13:10:49 GMT", date, now).unwrap();
        assert_eq!(secs, 3600);
        assert_eq!(
            humantime::format_rfc3339_seconds(when.unwrap()).to_string(),
            "2026-11-25T13:10:49Z"
        );
        // Without a Date header, from now.
        assert_eq!(
            retry_after("Wed, 25 Nov 2026 12:01:00 GMT", None, now)
                .unwrap()
                .0,
            60
        );
        // A date in the past means no wait.
        assert_eq!(
            retry_after("Wed, 25 Nov 2026 11:00:00 GMT", None, now)
                .unwrap()
                .0,
            0
        );
        assert!(retry_after("soon", None, now).is_none());
        // Past year 9999 there is a wait but no time to write.
        assert_eq!(
            retry_after("999999999999.0", None, now),
            Some((999_999_999_999, None))
        );
        assert_eq!(
            retry_after("18446744073709551615", None, now),
            Some((u64::MAX, None))
        );
        let late = httpdate::parse_http_date("Fri, 31 Dec 9999 23:59:50 GMT").ok();
        assert_eq!(retry_after("60", late, now), Some((60, None)));
        assert!(retry_after("-1.5", None, now).is_none());
    }

    #[test]
    fn challenges() {
        let c = parse_challenge(
            r#"Bearer error="invalid_token", error_description="The \"token\" expired""#,
        );
        assert_eq!(c.scheme, "Bearer");
        assert_eq!(c.error.as_deref(), Some("invalid_token"));
        assert_eq!(c.description.as_deref(), Some("The \"token\" expired"));
        assert!(c.meaning.unwrap().contains("expired"));
        let c = parse_challenge("Bearer realm=api, error=insufficient_scope");
        assert_eq!(c.error.as_deref(), Some("insufficient_scope"));
        let c = parse_challenge("Basic");
        assert_eq!((c.scheme.as_str(), c.error), ("Basic", None));
    }

    #[test]
    fn curl_22_carries_the_status() {
        let e = ClientError {
            code: Some(22),
            message: "The requested URL returned error: 404".into(),
            after: 0,
        };
        assert_eq!(curl_22_status(&e), Some(404));
    }
}
