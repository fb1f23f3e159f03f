//! Application logs: the lines apps write about the HTTP calls they make, and the JSON
//! records of structured loggers, read one line at a time into [`LogExchange`]s.
//!
//! Pure: no I/O, no state across lines. [`read_line`] reads one line; [`Follow`] reads the
//! body some loggers write on the lines after a status line (a pretty-printed JSON body, a
//! form body, indented lines). A number becomes a status only in HTTP context (see
//! [`text`]); a record's status comes from the keys loggers use (see [`record`]). Being
//! silent is better than being wrong: a line with no status in HTTP context gives `None`,
//! but for Hike's own rate-limit body (`oauth_problem=rate limit exceeded...`), which is
//! read as an inferred 429 ([`LogExchange::inferred`]).
//!
//! ```
//! use hike_status::applog::{read_line, Context, Source};
//!
//! let ctx = Context::new(2026);
//! let line = br#"{"level":"error","message":"Failed sale","status":422,"data":{"errors":{"title":["can't be blank"]}},"timestamp":"2026-12-01T10:00:00.000Z"}"#;
//! let x = read_line(line, &ctx).unwrap();
//! assert_eq!((x.status, x.source), (422, Source::WinstonJson));
//! assert_eq!(x.body.as_deref(), Some(&br#"{"errors":{"title":["can't be blank"]}}"#[..]));
//! assert_eq!(x.time_ms, Some(1_796_119_200_000));
//! assert!(read_line(b"Synced 429 products", &ctx).is_none());
//! ```

mod body;
pub mod flat;
mod follow;
pub mod record;
mod request;
mod scan;
mod secrets;
mod source;
pub mod text;
pub mod time;

pub use follow::{Follow, Step};
pub use secrets::{CredentialPlace, SeenSecrets};
pub use source::{Advice, Client, Source};

/// What the reader needs to know beyond the line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Context {
    /// The year of the current date (`--now` in tests), for syslog's times, which have none.
    pub year: i32,
    /// Lines longer than this are read only up to it (a bound on time and memory).
    pub max_line: usize,
}

impl Context {
    /// The default bounds, with this year for syslog's times.
    pub fn new(year: i32) -> Context {
        Context {
            year,
            max_line: MAX_LINE,
        }
    }
}

/// How much of a line is read by default: 1 MiB (a pino record of a whole AxiosError is
/// some 10 KiB; winston's of the same error some 20 KiB).
pub const MAX_LINE: usize = 1 << 20;

/// How much of a body is kept: 64 KiB, as for any capture.
pub const MAX_BODY: usize = 64 * 1024;

/// One exchange an application log shows: what its line or record states.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LogExchange {
    /// The status, 100..=599.
    pub status: u16,
    /// Whether the status was not stated but inferred from Hike's rate-limit body (finding
    /// `status-inferred-from-body`).
    pub inferred: bool,
    /// The reason phrase the line gives with the status, if any.
    pub reason: Option<String>,
    /// The request's method (upper case), when the line or record names it.
    pub method: Option<String>,
    /// The request's URL or path, as logged (not redacted: pass it to the redactor).
    pub target: Option<String>,
    /// A request id the record or line gives.
    pub request_id: Option<String>,
    /// The response headers a record holds (axios' `response.headers`), in order, bounded.
    pub headers: Vec<(String, String)>,
    /// The response body on the same line or in the record (at most [`MAX_BODY`] bytes).
    pub body: Option<Vec<u8>>,
    /// The time of the line or record, in milliseconds since the Unix epoch (UTC).
    pub time_ms: Option<i64>,
    /// The log format the line is written in.
    pub source: Source,
    /// The HTTP client the line shows, when it shows one.
    pub client: Option<Client>,
    /// Whether the status ends the line's text, so that a body may follow on the next lines
    /// (feed them to a [`Follow`]).
    pub body_may_follow: bool,
    /// The credentials the line shows, to be hidden wherever they appear.
    pub secrets: SeenSecrets,
}

/// What an exchange's line lacks, for the finding `status-from-log-line`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Lacks {
    /// No response header (`X-Rate-Limit-Problem`, `Retry-After`) was logged.
    pub headers: bool,
    /// No response body was logged.
    pub body: bool,
    /// No request id was logged.
    pub request_id: bool,
}

impl LogExchange {
    /// What the line lacks.
    pub fn lacks(&self) -> Lacks {
        Lacks {
            headers: self.headers.is_empty(),
            body: self.body.as_ref().is_none_or(|b| b.is_empty()),
            request_id: self.request_id.is_none()
                && !self
                    .headers
                    .iter()
                    .any(|(n, _)| n.eq_ignore_ascii_case("x-request-id")),
        }
    }

    /// How to log what the line lacks, with its logger and HTTP client.
    pub fn advice(&self) -> Advice {
        Advice::new(self.source, self.client)
    }

    /// The time as a `SystemTime`.
    pub fn time(&self) -> Option<std::time::SystemTime> {
        let ms = u64::try_from(self.time_ms?).ok()?;
        std::time::UNIX_EPOCH.checked_add(std::time::Duration::from_millis(ms))
    }
}

/// Reads one line of an application log (without its line end): a JSON record, or a line
/// of text that states a status in HTTP context, or Hike's rate-limit body alone. `None`
/// when it shows no exchange.
pub fn read_line(line: &[u8], ctx: &Context) -> Option<LogExchange> {
    let line = &line[..line.len().min(ctx.max_line)];
    let line = line.strip_suffix(b"\r").unwrap_or(line);
    let line = line.strip_prefix(b"\xef\xbb\xbf").unwrap_or(line);
    let trimmed = line.trim_ascii();
    if trimmed.len() < 3 || !may_hold_status(trimmed) {
        return None;
    }
    if trimmed[0] == b'{' && trimmed[trimmed.len() - 1] == b'}' {
        if let Some(serde_json::Value::Object(obj)) = crate::json::read_whole(trimmed) {
            return record::read(&obj, ctx);
        }
    }
    text::read(line, ctx)
}

/// The credentials a line of text shows, as the reader learns them from the lines it reads
/// (for a line another reader claims: an HTTP library's error line inside a log line).
pub fn text_secrets(line: &[u8]) -> SeenSecrets {
    secrets::of_text(&String::from_utf8_lossy(line), None)
}

/// Where the message of a Monolog line ends: before its trailing context and extra (`{...}`
/// or `[]` each).
pub fn monolog_message_end(s: &str) -> usize {
    body::monolog_message_end(s)
}

/// Whether a line is a logger's own, status or not: a JSON record of a logger this module
/// knows, or a line in a known logger's layout (a time and level first). Used to tell an
/// application's log line from more text of a response body.
pub fn is_log_line(line: &[u8]) -> bool {
    let t = line.trim_ascii();
    if t.first() == Some(&b'{') && t.last() == Some(&b'}') {
        return match crate::json::read_whole(t) {
            Some(serde_json::Value::Object(obj)) => record::source_of(&obj) != Source::JsonRecord,
            _ => false,
        };
    }
    !matches!(
        source::text_source(line),
        Source::Plain | Source::DotNetConsole
    )
}

/// Whether a line holds a status code standing alone (as every stated status does, in text
/// or as a JSON number or string) or Hike's form body: most lines of a log hold neither, and
/// are passed over without being parsed.
fn may_hold_status(line: &[u8]) -> bool {
    let mut i = 0;
    while let Some(d) = line[i..].iter().position(|c| (b'1'..=b'5').contains(c)) {
        if scan::code_at(line, i + d).is_some() {
            return true;
        }
        i += d + 1;
    }
    crate::find::memmem(line, b"oauth_problem=").is_some()
}

/// Reads a whole log: every line with [`read_line`], and the body on the lines after a
/// status line that has none ([`Follow`]). The lines a body takes are not read as lines.
pub fn read_log(input: &[u8], ctx: &Context) -> Vec<LogExchange> {
    let mut out = Vec::new();
    let mut lines = input.split(|&b| b == b'\n').peekable();
    while let Some(line) = lines.next() {
        let Some(mut x) = read_line(line, ctx) else {
            continue;
        };
        if x.body_may_follow {
            let mut f = Follow::new();
            while let Some(next) = lines.peek() {
                match f.feed(next) {
                    Step::Take => {
                        lines.next();
                    }
                    Step::Done => {
                        lines.next();
                        break;
                    }
                    Step::Stop => break,
                }
            }
            if let Some(body) = f.into_body() {
                x.body = Some(body);
                x.body_may_follow = false;
            }
        }
        out.push(x);
    }
    out
}

#[cfg(test)]
mod tests;
