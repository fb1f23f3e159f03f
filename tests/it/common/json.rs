//! The `--json` shapes as typed structs, as a script would read them: a field renamed,
//! removed or added without these being updated fails to deserialize.

use serde::Deserialize;

/// A code, as a lookup, `list` and `search` print it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Code {
    pub code: u16,
    pub name: String,
    pub class: String,
    pub documented: bool,
    pub assigned: bool,
    pub meaning: String,
    pub hint: String,
    pub retryable: bool,
    pub standard_name: String,
    pub standard_meaning: String,
    pub differs_from_standard: bool,
    pub rfc: Option<String>,
    pub links: Vec<String>,
}

/// What `explain --json` prints.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Report {
    pub status: u16,
    pub name: String,
    pub class: String,
    pub documented: bool,
    pub assigned: bool,
    pub meaning: String,
    pub hint: String,
    pub retryable: bool,
    pub links: Vec<String>,
    pub http_version: Option<String>,
    pub reason: Option<String>,
    pub chain: Vec<u16>,
    pub chain_omitted: u64,
    pub retry_after_seconds: Option<u64>,
    pub retry_at: Option<String>,
    pub rate_limit: Option<RateLimit>,
    pub location: Option<String>,
    pub request_id: Option<String>,
    pub www_authenticate: Option<Challenge>,
    pub errors: Vec<BodyError>,
    pub errors_omitted: u64,
    pub oauth_error: Option<OAuthError>,
    pub body: Option<Body>,
    pub request: Option<Request>,
    pub findings: Vec<Finding>,
    pub next_steps: Vec<String>,
    /// When the exchange happened (RFC 3339), when the input says.
    pub time: Option<String>,
    pub source: String,
    /// How many exchanges the input holds (`explain` of the last exchange).
    pub exchanges: Option<u64>,
    /// The exchange's place in the input (`--each`, `--exchange N`).
    pub index: Option<u64>,
    /// Null in a report; what failed when an exchange got no response.
    pub error: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RateLimit {
    pub problem: Option<String>,
    pub limit: Option<u64>,
    pub window_seconds: Option<u64>,
    pub wait_seconds_at_most: Option<u64>,
    pub remaining: Option<u64>,
    pub reset: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Challenge {
    pub scheme: String,
    pub error: Option<String>,
    pub description: Option<String>,
    pub meaning: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BodyError {
    pub field: Option<String>,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OAuthError {
    pub error: String,
    pub description: Option<String>,
    pub meaning: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Body {
    pub kind: BodyKind,
    pub content_type: Option<String>,
    pub bytes: u64,
    pub truncated: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BodyKind {
    Empty,
    Json,
    Form,
    Html,
    Text,
    Binary,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Request {
    pub method: Option<String>,
    pub target: String,
    pub content_type: Option<String>,
    pub authorization: Option<String>,
    pub headers_shown: bool,
}

/// A finding: its stable id and its words.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Finding {
    pub id: String,
    pub message: String,
}
