//! `explain --summary`: one report over every exchange of the input — counts by status and
//! class, Hike's two rate-limit windows, calls made during a cooldown, endpoints, and the
//! failures' request ids — built one exchange at a time in bounded memory.
//!
//! ```
//! use hike_status::summary::Summary;
//! use hike_status::transcript::Parser;
//!
//! let mut p = Parser::streaming(Default::default());
//! p.feed(b"HTTP/1.1 429 Too Many Requests\r\nDate: Wed, 25 Nov 2026 12:00:00 GMT\r\n");
//! p.feed(b"X-Rate-Limit-Problem: Minute\r\n\r\nHTTP/1.1 200 OK\r\n");
//! p.feed(b"Date: Wed, 25 Nov 2026 12:00:30 GMT\r\n\r\n");
//! p.end();
//! let mut s = Summary::new();
//! while let Some(x) = p.next_exchange() {
//!     s.add(&x);
//! }
//! let r = s.report();
//! assert_eq!((r.exchanges, r.rate_limit.hits, r.rate_limit.during_cooldown), (2, 1, 1));
//! assert_eq!(r.rate_limit.peak_per_minute, Some(2));
//! ```

mod endpoints;
mod window;

use std::collections::BTreeMap;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::Serialize;

use crate::explain::RetryAfter;
use crate::redact::{Redactor, Secrets};
use crate::transcript::{Exchange, Frame, Request};

pub use endpoints::{MAX_ENDPOINTS, collapse};
pub use window::{MAX_SECONDS, Windows};

/// How many failures are listed.
pub const MAX_FAILURES: usize = 100;
/// How many endpoints are listed, most frequent first.
pub const TOP_ENDPOINTS: usize = 20;
/// Hike's windows: a rolling minute and a rolling 24 hours.
const MINUTE: i64 = 60;
const DAY: i64 = 86_400;

/// The running summary: feed it every exchange with [`Summary::add`].
#[derive(Debug, Clone)]
pub struct Summary {
    exchanges: u64,
    no_response: u64,
    /// Exchanges by final status, indexed by the status.
    by_status: Vec<u64>,
    hits: u64,
    minute: u64,
    daily: u64,
    during_cooldown: u64,
    /// The latest time a rate limit seen so far clears, in seconds since the epoch.
    clears: Option<i64>,
    windows: Windows,
    endpoints: endpoints::Endpoints,
    failures: Vec<Failure>,
    failures_omitted: u64,
    first: Option<i64>,
    last: Option<i64>,
}

impl Default for Summary {
    fn default() -> Summary {
        Summary::new()
    }
}

/// What the summary reads of one exchange, whole or framed.
struct Seen<'a> {
    index: u64,
    status: Option<u16>,
    time: Option<SystemTime>,
    retry_after: Option<&'a str>,
    problem: Option<&'a str>,
    request_id: Option<&'a str>,
    request: Option<&'a Request>,
    secrets: &'a Secrets,
}

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
    pub peak_per_minute: Option<u64>,
    /// The most exchanges in any window `[t, t + 24 h)`; null when no exchange has a time.
    pub peak_per_day: Option<u64>,
    /// Exchanges, after a 429, whose time is before the latest clearing time seen so far.
    pub during_cooldown: u64,
}

/// One endpoint of the summary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Endpoint {
    /// The method.
    pub method: String,
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
    /// Method and path, most frequent first, the first [`TOP_ENDPOINTS`].
    pub endpoints: Vec<Endpoint>,
    /// Exchanges of endpoints not listed.
    pub endpoints_other: u64,
    /// The first [`MAX_FAILURES`] exchanges that ended in a 4xx, a 5xx or no response.
    pub failures: Vec<Failure>,
    /// Failures past those listed.
    pub failures_omitted: u64,
    /// The earliest exchange time (RFC 3339, UTC).
    pub first_time: Option<String>,
    /// The latest exchange time (RFC 3339, UTC).
    pub last_time: Option<String>,
}

impl Summary {
    /// An empty summary.
    pub fn new() -> Summary {
        Summary {
            exchanges: 0,
            no_response: 0,
            by_status: Vec::new(),
            hits: 0,
            minute: 0,
            daily: 0,
            during_cooldown: 0,
            clears: None,
            windows: Windows::new(MINUTE, DAY),
            endpoints: endpoints::Endpoints::default(),
            failures: Vec::new(),
            failures_omitted: 0,
            first: None,
            last: None,
        }
    }

    /// Counts one exchange in.
    pub fn add(&mut self, x: &Exchange) {
        let status = exchange_status(x);
        let resp = x.final_response.as_ref().filter(|_| status.is_some());
        let header = |name| resp.and_then(|r| r.header(name));
        let date = header("date").and_then(|d| httpdate::parse_http_date(d.trim()).ok());
        self.count(&Seen {
            index: x.index,
            status,
            time: x.started.or(date),
            retry_after: header("retry-after"),
            problem: header("x-rate-limit-problem"),
            request_id: resp.and_then(|r| r.request_id()),
            request: resp
                .and_then(|r| r.request.as_deref())
                .or(x.request.as_deref()),
            secrets: &x.secrets,
        });
    }

    /// Counts in an exchange the parser's fast lane took; `secrets`: the credentials the
    /// input showed up to it, its own included.
    pub fn add_frame(&mut self, f: &Frame, secrets: &Secrets) {
        self.count(&Seen {
            index: f.index,
            status: Some(f.status),
            time: f.date,
            retry_after: f.retry_after.as_deref(),
            problem: f.rate_limit_problem.as_deref(),
            request_id: f.request_id.as_deref(),
            request: None,
            secrets,
        });
    }

    /// Whether a failure counted next is listed (with its request id), or only counted.
    pub fn lists_failures(&self) -> bool {
        self.failures.len() < MAX_FAILURES
    }

    fn count(&mut self, x: &Seen) {
        self.exchanges += 1;
        let status = x.status;
        match status {
            Some(s) => {
                let s = usize::from(s);
                if s >= self.by_status.len() {
                    self.by_status.resize(s + 1, 0);
                }
                self.by_status[s] += 1;
            }
            None => self.no_response += 1,
        }
        let time = x.time.and_then(seconds);
        if let Some(t) = time {
            self.windows.add(t);
            self.first = Some(self.first.map_or(t, |f| f.min(t)));
            self.last = Some(self.last.map_or(t, |l| l.max(t)));
            if self.clears.is_some_and(|c| t < c) {
                self.during_cooldown += 1;
            }
        }
        if status == Some(429) {
            self.hits += 1;
            let problem = x.problem;
            let daily = problem.is_some_and(|p| p.trim().eq_ignore_ascii_case("daily"));
            if daily {
                self.daily += 1;
            } else if problem.is_some_and(|p| p.trim().eq_ignore_ascii_case("minute")) {
                self.minute += 1;
            }
            if let Some(t) = time {
                let base = UNIX_EPOCH + Duration::from_secs(t.max(0) as u64);
                let wait = x
                    .retry_after
                    .and_then(|ra| RetryAfter::parse(ra, base))
                    .map(|retry| i64::try_from(retry.seconds(base)).unwrap_or(i64::MAX))
                    .unwrap_or(if daily { DAY } else { MINUTE });
                let c = t.saturating_add(wait);
                self.clears = Some(self.clears.map_or(c, |old| old.max(c)));
            }
        }
        let failed = status.is_none_or(|s| s >= 400);
        let listed = failed && self.lists_failures();
        if failed && !listed {
            self.failures_omitted += 1;
        }
        if x.request.is_none() && !listed {
            return;
        }
        // Built only for what is shown: most exchanges of a long log show nothing of theirs.
        let red = Redactor::new(x.secrets.clone());
        let shown = x.request.map(|q| {
            let method = q.method.as_deref().unwrap_or("GET");
            (
                red.text(method).to_string(),
                red.text(&collapse(&q.target)).to_string(),
            )
        });
        if let Some((method, path)) = &shown {
            self.endpoints
                .add(method, path.clone(), status.unwrap_or(0));
        }
        if listed {
            let request_id = x.request_id.map(|id| red.text(id).to_string());
            self.failures.push(Failure {
                index: x.index,
                status,
                time: time.map(rfc3339),
                request_id,
                method: shown.as_ref().map(|s| s.0.clone()),
                path: shown.map(|s| s.1),
            });
        }
    }

    /// The report of what was counted.
    pub fn report(&self) -> SummaryReport {
        let by_status = || (self.by_status.iter().enumerate()).filter(|(_, n)| **n > 0);
        let mut by_class = BTreeMap::new();
        for (s, n) in by_status() {
            *by_class.entry(format!("{}xx", s / 100)).or_insert(0) += n;
        }
        let (peak_minute, peak_day) = if self.windows.is_empty() {
            (None, None)
        } else {
            let [m, d] = self.windows.peaks();
            (Some(m), Some(d))
        };
        let mut endpoints: Vec<Endpoint> = self
            .endpoints
            .table
            .iter()
            .map(|((method, path), c)| Endpoint {
                method: method.clone(),
                path: path.clone(),
                count: c.count,
                by_status: c
                    .by_status
                    .iter()
                    .map(|(s, n)| (status_key(*s), *n))
                    .collect(),
            })
            .collect();
        endpoints.sort_by(|a, b| {
            b.count
                .cmp(&a.count)
                .then_with(|| a.path.cmp(&b.path))
                .then_with(|| a.method.cmp(&b.method))
        });
        let listed: u64 = endpoints.iter().take(TOP_ENDPOINTS).map(|e| e.count).sum();
        let all: u64 = endpoints.iter().map(|e| e.count).sum::<u64>() + self.endpoints.overflow;
        endpoints.truncate(TOP_ENDPOINTS);
        SummaryReport {
            exchanges: self.exchanges,
            no_response: self.no_response,
            by_status: by_status().map(|(s, n)| (format!("{s:03}"), *n)).collect(),
            by_class,
            rate_limit: RateLimitSummary {
                hits: self.hits,
                minute: self.minute,
                daily: self.daily,
                peak_per_minute: peak_minute,
                peak_per_day: peak_day,
                during_cooldown: self.during_cooldown,
            },
            endpoints,
            endpoints_other: all - listed,
            failures: self.failures.clone(),
            failures_omitted: self.failures_omitted,
            first_time: self.first.map(rfc3339),
            last_time: self.last.map(rfc3339),
        }
    }
}

/// The final status, the one `curl -f` names included; `None` when there was no response.
pub fn exchange_status(x: &Exchange) -> Option<u16> {
    x.status().or_else(|| {
        x.client_errors
            .iter()
            .find_map(crate::explain::curl_22_status)
    })
}

fn status_key(s: u16) -> String {
    if s == 0 {
        "none".to_string()
    } else {
        format!("{s:03}")
    }
}

fn seconds(t: SystemTime) -> Option<i64> {
    match t.duration_since(UNIX_EPOCH) {
        Ok(d) => i64::try_from(d.as_secs()).ok(),
        Err(e) => i64::try_from(e.duration().as_secs()).ok().map(|s| -s),
    }
}

fn rfc3339(t: i64) -> String {
    let Ok(secs) = u64::try_from(t) else {
        return "before 1970".to_string();
    };
    UNIX_EPOCH
        .checked_add(Duration::from_secs(secs))
        .map(|at| humantime::format_rfc3339_seconds(at).to_string())
        .unwrap_or_else(|| "after 9999".to_string())
}
