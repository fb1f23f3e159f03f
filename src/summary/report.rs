//! What `explain --summary` reports: the types the text and JSON views are made from.

use std::collections::BTreeMap;

use serde::Serialize;

use super::{FailureGroup, Timeline};

/// An exchange that ended in a 4xx, a 5xx or no response.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Failure {
    /// Its number, as `--each` and `--exchange N` count.
    pub index: u64,
    /// Its final status; null when it got no response.
    pub status: Option<u16>,
    /// Its time (RFC 3339, UTC), when known.
    pub time: Option<String>,
    /// The request id to give Hike support.
    pub request_id: Option<String>,
    /// The request's method, when shown.
    pub method: Option<String>,
    /// The request's path, ids collapsed, when shown.
    pub path: Option<String>,
}

/// Hike's rate limits over the whole input.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RateLimitSummary {
    /// How many 429s.
    pub hits: u64,
    /// How many named the Minute limit (`X-Rate-Limit-Problem`).
    pub minute: u64,
    /// How many named the Daily limit.
    pub daily: u64,
    /// The most exchanges in any window `[t, t + 60 s)`; null when no exchange has a time.
    /// A lower bound when `out_of_order` is not 0 (at most that many short).
    pub peak_per_minute: Option<u64>,
    /// The most exchanges in any window `[t, t + 24 h)`; null when no exchange has a time.
    pub peak_per_day: Option<u64>,
    /// Exchanges whose time came after a later exchange's in input order.
    pub out_of_order: u64,
    /// Calls in `(T - 60 s, T]`, T the latest time of any exchange; null when none has one.
    pub minute_used: Option<u64>,
    /// Calls in `(T - 24 h, T]`.
    pub day_used: Option<u64>,
    /// The earliest time at or after T at which one more call fits both windows (RFC 3339).
    pub next_call_at: Option<String>,
    /// When the exchange at T is a 429: its Retry-After time, else T + 60 s (Minute or no
    /// notice) or T + 24 h (Daily); else null.
    pub next_call_at_latest: Option<String>,
    /// What set `next_call_at_latest` (for the text view).
    #[serde(skip)]
    pub latest_notice: Option<Notice>,
    /// A Daily 429 came with fewer calls of the log in its 24 hours than Hike's limit: the
    /// log does not hold every call of this app and store, and the windows are lower bounds.
    pub log_incomplete: bool,
    /// Calls inside a cooldown (from a 429 to the earliest of its Retry-After time, the next
    /// 2xx or 3xx and its window) after the 429 that began it.
    pub during_cooldown: u64,
}

/// What the 429 at the log's latest time said about how long to wait.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Notice {
    /// A Retry-After header.
    RetryAfter,
    /// `X-Rate-Limit-Problem: Daily`.
    Daily,
    /// `X-Rate-Limit-Problem: Minute` (or another value).
    Minute,
    /// No header.
    None,
}

/// How the log's calls would have gone at Hike's pace, when its busiest minute went past
/// Hike's limit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Pacing {
    /// The log's calls with a time.
    pub calls: u64,
    /// How long they took in the log, first to last, in seconds.
    pub took_seconds: u64,
    /// When the last would go at Hike's pace, in bursts (as `hike-status plan N`).
    pub at_hike_pace_seconds: u64,
    /// A spacing, in milliseconds, that stays inside both windows: one a second, or
    /// 86,400 s / 5000 when the log's busiest day went past 5000.
    pub spacing_ms: u64,
}

/// One endpoint of the summary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Endpoint {
    /// The method; null when the input does not show it (an HTTP library's error line).
    pub method: Option<String>,
    /// The path, ids collapsed.
    pub path: String,
    /// How many exchanges.
    pub count: u64,
    /// By final status (`"none"` for no response).
    pub by_status: BTreeMap<String, u64>,
}

/// What `explain --summary` reports.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SummaryReport {
    /// Every exchange, no-response ones included.
    pub exchanges: u64,
    /// Exchanges that got no response.
    pub no_response: u64,
    /// By final status, keys the three digits; sums to `exchanges - no_response`.
    pub by_status: BTreeMap<String, u64>,
    /// By class (`2xx`).
    pub by_class: BTreeMap<String, u64>,
    /// Hike's rate limits.
    pub rate_limit: RateLimitSummary,
    /// Method and path, most frequent first, the first [`TOP_ENDPOINTS`](super::TOP_ENDPOINTS).
    pub endpoints: Vec<Endpoint>,
    /// Exchanges of endpoints not listed.
    pub endpoints_other: u64,
    /// The first [`MAX_FAILURES`](super::MAX_FAILURES) exchanges that ended in a 4xx, a 5xx or no response.
    pub failures: Vec<Failure>,
    /// Failures past those listed.
    pub failures_omitted: u64,
    /// Every failure, grouped by status, method and path, the worst first (5xx and no
    /// response before 4xx, then the most).
    pub failure_groups: Vec<FailureGroup>,
    /// Failures of groups past [`MAX_GROUPS`](super::MAX_GROUPS).
    pub failure_groups_other: u64,
    /// Calls per bucket from the first time to the last; null when no exchange has a time.
    pub timeline: Option<Timeline>,
    /// When the busiest minute went past Hike's limit: the same calls at Hike's pace.
    pub pacing: Option<Pacing>,
    /// The earliest exchange time (RFC 3339, UTC).
    pub first_time: Option<String>,
    /// The latest exchange time (RFC 3339, UTC).
    pub last_time: Option<String>,
}
