//! `explain --summary`: one report over every exchange of the input — counts by status and
//! class, Hike's two rate-limit windows (their peaks, where they stand at the log's end and
//! when a call fits again), calls made during a cooldown, a timeline, endpoints, and the
//! failures grouped and with their request ids — built one exchange at a time in bounded
//! memory.
//!
//! ```
//! use hike_status::summary::Summary;
//! use hike_status::transcript::Parser;
//!
//! let mut p = Parser::streaming(Default::default());
//! p.feed(b"HTTP/1.1 429 Too Many Requests\r\nDate: Wed, 25 Nov 2026 12:00:00 GMT\r\n");
//! p.feed(b"X-Rate-Limit-Problem: Minute\r\n\r\nHTTP/1.1 500 Internal Server Error\r\n");
//! p.feed(b"Date: Wed, 25 Nov 2026 12:00:30 GMT\r\n\r\n");
//! p.end();
//! let mut s = Summary::new();
//! while let Some(x) = p.next_exchange() {
//!     s.add(&x);
//! }
//! let r = s.report();
//! assert_eq!((r.exchanges, r.rate_limit.hits, r.rate_limit.during_cooldown), (2, 1, 1));
//! assert_eq!(r.rate_limit.peak_per_minute, Some(2));
//! // Two calls in the minute: a third fits at once; Hike's Minute notice means it can take
//! // until 60 s after the 429.
//! assert_eq!(r.rate_limit.next_call_at.as_deref(), Some("2026-11-25T12:00:30Z"));
//! assert_eq!(r.rate_limit.next_call_at_latest, None);
//! ```

mod cooldown;
mod endpoints;
mod failures;
mod report;
mod shown;
mod table;
mod timeline;
mod window;

use std::collections::BTreeMap;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use crate::explain::RetryAfter;
use crate::explain::hike::{DAILY_LIMIT, MINUTE_LIMIT};
use crate::redact::{Redactor, Secrets};
use crate::transcript::{Exchange, Frame, http_date};

pub use endpoints::{MAX_ENDPOINTS, collapse};
pub use failures::{FailureGroup, MAX_GROUPS};
pub use report::{Endpoint, Failure, Notice, Pacing, RateLimitSummary, SummaryReport};
pub use timeline::{Bucket, MAX_BUCKETS, Timeline};
pub use window::{Millis, Windows};

use cooldown::Cooldowns;
use timeline::{Kind, Minutes};

/// How many failures are listed.
pub const MAX_FAILURES: usize = 100;
/// How many endpoints are listed, most frequent first.
pub const TOP_ENDPOINTS: usize = 20;
/// Hike's windows: a rolling minute and a rolling 24 hours, in milliseconds.
const MINUTE: i64 = window::MINUTE_MS;
const DAY: i64 = window::DAY_MS;

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
    cooldowns: Cooldowns,
    windows: Windows,
    minutes: Minutes,
    /// The exchange at the latest time (the last in input order of those at it): when it
    /// is a 429, the time its notice says a call may have to wait until.
    at_latest: Option<Option<(i64, Notice)>>,
    /// A Daily 429 came with fewer calls in its 24 hours than the limit.
    log_incomplete: bool,
    /// Exchanges with a time.
    timed: u64,
    endpoints: endpoints::Endpoints,
    requests: shown::ShownRequests,
    failures: Vec<Failure>,
    failures_omitted: u64,
    groups: failures::Groups,
    first: Option<i64>,
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
    /// The request's method, if shown, and its target.
    request: Option<(Option<&'a str>, &'a str)>,
    secrets: &'a Secrets,
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
            cooldowns: Cooldowns::default(),
            windows: Windows::new(),
            minutes: Minutes::default(),
            at_latest: None,
            log_incomplete: false,
            timed: 0,
            endpoints: endpoints::Endpoints::default(),
            requests: shown::ShownRequests::default(),
            failures: Vec::new(),
            failures_omitted: 0,
            groups: failures::Groups::default(),
            first: None,
        }
    }

    /// Counts one exchange in.
    pub fn add(&mut self, x: &Exchange) {
        let status = exchange_status(x);
        let resp = x.final_response.as_ref().filter(|_| status.is_some());
        let header = |name| resp.and_then(|r| r.header(name));
        let date = header("date").and_then(|d| http_date::parse(d.trim().as_bytes()));
        self.count(&Seen {
            index: x.index,
            status,
            time: x.started.or(date),
            retry_after: header("retry-after"),
            problem: header("x-rate-limit-problem"),
            request_id: resp.and_then(|r| r.request_id()),
            request: resp
                .and_then(|r| r.request.as_deref())
                .or(x.request.as_deref())
                .map(|q| (q.method.as_deref(), q.target.as_str())),
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
            request: f.request.as_ref().map(|(m, t)| (m.as_deref(), &**t)),
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
        let failed = status.is_none_or(|s| s >= 400);
        let time = x.time.and_then(millis);
        let mut daily = false;
        if status == Some(429) {
            self.hits += 1;
            let problem = x.problem;
            daily = problem.is_some_and(|p| p.trim().eq_ignore_ascii_case("daily"));
            if daily {
                self.daily += 1;
            } else if problem.is_some_and(|p| p.trim().eq_ignore_ascii_case("minute")) {
                self.minute += 1;
            }
        }
        if let Some(t) = time {
            self.timed(x, t, daily);
        }
        let listed = failed && self.lists_failures();
        if failed && !listed {
            self.failures_omitted += 1;
        }
        if x.request.is_none() && !listed {
            if failed {
                self.groups.add((status, None, None), x.index, time);
            }
            return;
        }
        let mut shown = x
            .request
            .map(|r| self.requests.show(r, x.secrets, &mut self.endpoints));
        if let Some(s) = &shown {
            self.endpoints.count(s.endpoint, status.unwrap_or(0));
        }
        if failed {
            match shown.as_deref_mut() {
                Some(s) => {
                    let slot = s.group(status, x.index, &mut self.groups);
                    self.groups.count(slot, time);
                }
                None => self.groups.add((status, None, None), x.index, time),
            }
        }
        if listed {
            let request_id = x
                .request_id
                .map(|id| Redactor::new(x.secrets.clone()).text(id).to_string());
            self.failures.push(Failure {
                index: x.index,
                status,
                time: time.map(rfc3339),
                request_id,
                method: shown.as_ref().and_then(|s| s.method.clone()),
                path: shown.map(|s| s.path.clone()),
            });
        }
    }

    /// Counts an exchange at `t` (milliseconds) into the windows, the timeline and the
    /// cooldowns.
    fn timed(&mut self, x: &Seen, t: i64, daily: bool) {
        let status = x.status;
        let latest = self.windows.latest();
        let in_order = latest.is_none_or(|l| t >= l);
        self.windows.add(t);
        self.timed += 1;
        // Hike counted at least its limit of calls before a Daily 429 in its 24 hours;
        // the window now holds those the log has, and the 429 itself.
        if daily && in_order && self.windows.day.used() <= u64::from(DAILY_LIMIT) {
            self.log_incomplete = true;
        }
        self.first = Some(self.first.map_or(t, |f| f.min(t)));
        let kind = match status {
            Some(429) => Kind::Limited,
            Some(s) if s < 400 => Kind::Ok,
            _ => Kind::Failed,
        };
        self.minutes.add(t, kind);
        let window = if daily { DAY } else { MINUTE };
        let retry = (status == Some(429))
            .then(|| {
                let base = UNIX_EPOCH + Duration::from_millis(t.max(0) as u64);
                x.retry_after
                    .and_then(|ra| RetryAfter::parse(ra, base))
                    .map(|ra| i64::try_from(ra.seconds(base)).unwrap_or(i64::MAX / 2000) * 1000)
            })
            .flatten();
        let seen = match status {
            Some(429) => {
                cooldown::Seen::Limited(t.saturating_add(retry.unwrap_or(window).min(window)))
            }
            Some(s) if (200..400).contains(&s) => cooldown::Seen::Success,
            _ => cooldown::Seen::Other,
        };
        self.cooldowns.add(t, seen);
        if in_order {
            let notice = match (retry, daily, x.problem.is_some()) {
                (Some(_), _, _) => Notice::RetryAfter,
                (None, true, _) => Notice::Daily,
                (None, false, true) => Notice::Minute,
                (None, false, false) => Notice::None,
            };
            self.at_latest = Some(
                (status == Some(429)).then(|| (t.saturating_add(retry.unwrap_or(window)), notice)),
            );
        }
    }

    /// The report of what was counted.
    pub fn report(&self) -> SummaryReport {
        let by_status = || (self.by_status.iter().enumerate()).filter(|(_, n)| **n > 0);
        let mut by_class = BTreeMap::new();
        for (s, n) in by_status() {
            *by_class.entry(format!("{}xx", s / 100)).or_insert(0) += n;
        }
        let w = &self.windows;
        let latest = w.latest();
        let timed = latest.is_some();
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
        let peak_minute = timed.then(|| w.minute.peak());
        let pacing = match (peak_minute, self.first, latest) {
            (Some(p), Some(first), Some(last)) if p > u64::from(MINUTE_LIMIT) => {
                let calls = self.timed;
                Some(Pacing {
                    calls,
                    took_seconds: u64::try_from((last - first) / 1000).unwrap_or(0),
                    at_hike_pace_seconds: crate::plan::Plan::new(calls).last_call_after_seconds,
                    spacing_ms: if w.day.peak() > u64::from(DAILY_LIMIT) {
                        DAY as u64 / u64::from(DAILY_LIMIT)
                    } else {
                        1000
                    },
                })
            }
            _ => None,
        };
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
                peak_per_day: timed.then(|| w.day.peak()),
                out_of_order: w.out_of_order(),
                minute_used: timed.then(|| w.minute.used()),
                day_used: timed.then(|| w.day.used()),
                next_call_at: w
                    .next_call_at(u64::from(MINUTE_LIMIT), u64::from(DAILY_LIMIT))
                    .map(rfc3339_ms),
                next_call_at_latest: self.at_latest.flatten().map(|(t, _)| rfc3339_ms(t)),
                latest_notice: self.at_latest.flatten().map(|(_, n)| n),
                log_incomplete: self.log_incomplete,
                during_cooldown: self.cooldowns.during(),
            },
            endpoints,
            endpoints_other: all - listed,
            failures: self.failures.clone(),
            failures_omitted: self.failures_omitted,
            failure_groups: self.groups.sorted(rfc3339),
            failure_groups_other: self.groups.overflow,
            timeline: self.minutes.timeline(|s| rfc3339(s * 1000)),
            pacing,
            first_time: self.first.map(rfc3339),
            last_time: latest.map(rfc3339),
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

/// Milliseconds since the epoch.
fn millis(t: SystemTime) -> Option<i64> {
    // Seconds and milliseconds apart: `as_millis` works in 128 bits, once an exchange.
    let ms = |d: Duration| {
        let secs = i64::try_from(d.as_secs()).ok()?;
        secs.checked_mul(1000)?
            .checked_add(i64::from(d.subsec_millis()))
    };
    match t.duration_since(UNIX_EPOCH) {
        Ok(d) => ms(d),
        Err(e) => ms(e.duration()).map(|s| -s),
    }
}

/// A time in milliseconds as RFC 3339 to the second (the milliseconds dropped).
fn rfc3339(t: i64) -> String {
    format_time(t.div_euclid(1000) * 1000)
}

/// A time in milliseconds as RFC 3339, with its milliseconds when it has any.
fn rfc3339_ms(t: i64) -> String {
    format_time(t)
}

fn format_time(t: i64) -> String {
    let Ok(ms) = u64::try_from(t) else {
        return "before 1970".to_string();
    };
    UNIX_EPOCH
        .checked_add(Duration::from_millis(ms))
        .and_then(crate::timefmt::rfc3339)
        .unwrap_or_else(|| "after 9999".to_string())
}
