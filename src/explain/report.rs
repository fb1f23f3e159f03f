//! The report `explain` gives: the types that the renderers and `--json` show.

use serde::Serialize;

use crate::explain::body::{BodyError, BodyKind, OAuthError};
use crate::explain::finding::{Finding, NextStep};
use crate::redact::Redacted;
use crate::table::CodeInfo;

/// Everything `explain` says about a transcript. Its JSON form (`render` makes it, with the
/// findings' and next steps' words) is what `explain --json` prints.
#[derive(Debug, Clone)]
pub struct Report {
    /// The final status code as `hike-status CODE` looks it up: name, class, whether Hike
    /// documents it and the registry assigns it, meaning, hint, whether to retry, links.
    pub info: &'static CodeInfo,
    /// The protocol version of the final response (`1.1`, `2`), if a status line was seen.
    pub http_version: Option<Redacted>,
    /// The reason phrase as sent; the code decides, not the phrase.
    pub reason: Option<Redacted>,
    /// Every status seen, in order (bounded: the first and last few hundred).
    pub chain: Vec<u16>,
    /// How many statuses between the first and last few hundred were left out of `chain`.
    pub chain_omitted: u64,
    /// How long to wait before retrying, from `Retry-After`.
    pub retry_after_seconds: Option<u64>,
    /// When a retry may be sent, RFC 3339, UTC.
    pub retry_at: Option<String>,
    /// Whether `retry_after_seconds` was measured from the time of the analysis: a
    /// `Retry-After` date, the response having no `Date` header to measure it from.
    pub retry_from_now: bool,
    /// What the rate-limit headers say.
    pub rate_limit: Option<RateLimit>,
    /// The `Location` header (credentials redacted).
    pub location: Option<Redacted>,
    /// The request id to quote to support.
    pub request_id: Option<Redacted>,
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
    pub findings: Vec<Finding>,
    /// What to do next, most specific first.
    pub next_steps: Vec<NextStep>,
    /// When the exchange happened, RFC 3339, UTC: its log line's or HAR entry's time, else
    /// the response's Date header.
    pub time: Option<String>,
    /// The client the transcript came from, as far as its shape tells.
    pub source: &'static str,
    /// The exchange's place in the input, counting from 1 (`--each`, `--exchange`).
    pub index: Option<u64>,
    /// How many exchanges the input holds (`explain` of the last one).
    pub exchanges: Option<u64>,
}

/// An exchange that got no response, in the shape of a [`Report`]: `status` and every field
/// that needs a response are null, and `error` says what failed.
#[derive(Debug, Clone, Serialize)]
pub struct NoResponseReport {
    /// Always null.
    pub status: Option<u16>,
    /// What failed, in words.
    pub error: String,
    /// The exchange's place in the input, counting from 1 (`--each`, `--exchange`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub index: Option<u64>,
    /// How many exchanges the input holds (`explain` of the last one).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exchanges: Option<u64>,
    /// How many of them got a response (`explain` of the last one).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub responded: Option<u64>,
    #[serde(flatten)]
    nulls: NullFields,
}

impl NoResponseReport {
    /// The report of an exchange that got no response, for the reason given.
    pub fn new(error: String, index: Option<u64>, exchanges: Option<u64>) -> NoResponseReport {
        NoResponseReport {
            status: None,
            error,
            index,
            exchanges,
            responded: None,
            nulls: NullFields::default(),
        }
    }
}

/// The fields of a [`Report`] that need a response, all null.
#[derive(Debug, Clone, Default, Serialize)]
struct NullFields {
    name: (),
    class: (),
    documented: (),
    assigned: (),
    meaning: (),
    hint: (),
    retryable: (),
    links: (),
    http_version: (),
    reason: (),
    chain: (),
    chain_omitted: (),
    retry_after_seconds: (),
    retry_at: (),
    rate_limit: (),
    location: (),
    request_id: (),
    www_authenticate: (),
    errors: (),
    errors_omitted: (),
    oauth_error: (),
    body: (),
    request: (),
    findings: (),
    next_steps: (),
    time: (),
    source: (),
}

impl Report {
    /// The final status code.
    pub fn status(&self) -> u16 {
        self.info.code
    }
}

/// Rate-limit facts from the final response's headers.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct RateLimit {
    /// Hike's `X-Rate-Limit-Problem`: `Minute` or `Daily`.
    pub problem: Option<Redacted>,
    /// The limit that applies, in calls per window.
    pub limit: Option<u64>,
    /// The window of that limit, in seconds.
    pub window_seconds: Option<u64>,
    /// The longest wait before the limit clears, in seconds.
    pub wait_seconds_at_most: Option<u64>,
    /// `X-RateLimit-Remaining`.
    pub remaining: Option<u64>,
    /// `X-RateLimit-Reset`, as sent.
    pub reset: Option<Redacted>,
}

/// Which of Hike's limits `X-Rate-Limit-Problem` names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Problem<'a> {
    Minute,
    Daily,
    Other(&'a str),
}

impl RateLimit {
    pub(crate) fn problem(&self) -> Option<Problem<'_>> {
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
    pub scheme: Redacted,
    /// The `error` parameter.
    pub error: Option<Redacted>,
    /// The `error_description` parameter.
    pub description: Option<Redacted>,
    /// What the error code means.
    pub meaning: Option<String>,
}

/// What the final response's body is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BodySummary {
    /// Its kind: `json`, `form`, `html`, `text`, `binary` or `empty`.
    pub kind: BodyKind,
    /// The response's Content-Type.
    pub content_type: Option<Redacted>,
    /// How many bytes of body the transcript holds.
    pub bytes: u64,
    /// Whether only a prefix of it was read.
    pub truncated: bool,
}

/// The request, as the transcript shows it (credentials redacted).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RequestSummary {
    /// The method, when shown.
    pub method: Option<Redacted>,
    /// The target or URL, credentials redacted.
    pub target: Redacted,
    /// The Content-Type it sent.
    pub content_type: Option<Redacted>,
    /// The Authorization it sent, redacted (`Bearer [redacted, 23 chars]`).
    pub authorization: Option<Redacted>,
    /// Whether the transcript shows the request's headers.
    pub headers_shown: bool,
}
