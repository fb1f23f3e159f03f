//! The `explain --summary` report as text: statuses with a bar each and Hike's name, the
//! rate-limit section against Hike's limits, the top endpoints, the failures' request ids,
//! and what to do next.

use std::io::{self, Write};

use colored::Colorize;

use crate::explain::hike::{DAILY_LIMIT, MINUTE_LIMIT};
use crate::render::text::{by_class, field};
use crate::sanitize::sanitize;
use crate::summary::SummaryReport;
use crate::table::table;

/// Where the input shows a path but not its method.
const METHOD_NOT_SHOWN: &str = "(method not shown)";
/// The widest bar.
const BAR: u64 = 30;

/// Writes a summary for a terminal; every string from the input is sanitized here.
pub fn summary(out: &mut dyn Write, s: &SummaryReport) -> io::Result<()> {
    let mut head = format!(
        "{} {}",
        s.exchanges,
        plural(s.exchanges, "exchange", "exchanges")
    );
    if s.no_response > 0 {
        head.push_str(&format!(", {} with no response", s.no_response));
    }
    if let (Some(a), Some(b)) = (&s.first_time, &s.last_time) {
        head.push_str(&format!(", from {a} to {b}"));
    }
    writeln!(out, "{}", head.bold())?;
    let most = s
        .by_status
        .values()
        .copied()
        .max()
        .unwrap_or(0)
        .max(s.no_response);
    let bar = |n: u64| "█".repeat(((n * BAR).div_ceil(most.max(1))) as usize);
    for (code, n) in &s.by_status {
        let c: u16 = code.parse().unwrap_or(0);
        let name = table().info(c).map(|i| i.name).unwrap_or_default();
        writeln!(
            out,
            "  {}  {:<22} {:>8}  {}",
            by_class(code, c).bold(),
            name,
            n,
            by_class(&bar(*n), c)
        )?;
    }
    if s.no_response > 0 {
        writeln!(
            out,
            "  {}  {:<22} {:>8}  {}",
            "---".bold(),
            "no response",
            s.no_response,
            bar(s.no_response).dimmed()
        )?;
    }
    let rl = &s.rate_limit;
    let mut words = Vec::new();
    if let Some(p) = rl.peak_per_minute {
        let verdict = if p > u64::from(MINUTE_LIMIT) {
            format!("over Hike's {MINUTE_LIMIT}")
        } else {
            format!("within Hike's {MINUTE_LIMIT}")
        };
        words.push(format!(
            "peak {p} {} within one minute, {verdict}",
            plural(p, "call", "calls")
        ));
    }
    if let Some(p) = rl.peak_per_day {
        let verdict = if p > u64::from(DAILY_LIMIT) {
            format!("over Hike's {DAILY_LIMIT}")
        } else {
            format!("within Hike's {DAILY_LIMIT}")
        };
        words.push(format!(
            "peak {p} {} within 24 hours, {verdict}",
            plural(p, "call", "calls")
        ));
    }
    if rl.peak_per_minute.is_none() {
        words.push("no exchange has a time (a Date header, or a HAR entry's startedDateTime), so the windows are unknown".into());
    }
    if rl.hits > 0 {
        words.push(format!(
            "{} rate-limited (429): {} Minute, {} Daily",
            rl.hits, rl.minute, rl.daily
        ));
    }
    if rl.during_cooldown > 0 {
        words.push(format!(
            "{} {} made while rate-limited, which Hike says may add to the limitation",
            rl.during_cooldown,
            plural(rl.during_cooldown, "call was", "calls were")
        ));
    }
    for (i, w) in words.iter().enumerate() {
        field(
            out,
            if i == 0 { "rate limit" } else { "" },
            &format!("• {w}"),
        )?;
    }
    for (i, e) in s.endpoints.iter().enumerate() {
        let statuses: Vec<String> = e
            .by_status
            .iter()
            .map(|(k, n)| format!("{k}×{n}"))
            .collect();
        field(
            out,
            if i == 0 { "endpoints" } else { "" },
            &format!(
                "{} {} {} ({})",
                e.count,
                sanitize(e.method.as_deref().unwrap_or(METHOD_NOT_SHOWN)),
                sanitize(&e.path),
                statuses.join(", ")
            ),
        )?;
    }
    if s.endpoints_other > 0 {
        field(
            out,
            "",
            &format!("{} more on other endpoints", s.endpoints_other),
        )?;
    }
    for (i, f) in s.failures.iter().enumerate() {
        let status = f
            .status
            .map_or("no response".to_string(), |c| c.to_string());
        let mut text = format!("#{} {status}", f.index);
        if let Some(t) = &f.time {
            text.push_str(&format!(" at {t}"));
        }
        if let Some(p) = &f.path {
            let m = f.method.as_deref().unwrap_or(METHOD_NOT_SHOWN);
            text.push_str(&format!(" {} {}", sanitize(m), sanitize(p)));
        }
        if let Some(id) = &f.request_id {
            text.push_str(&format!(" · request id {}", sanitize(id)));
        }
        field(out, if i == 0 { "failures" } else { "" }, &text)?;
    }
    if s.failures_omitted > 0 {
        field(out, "", &format!("{} more failures", s.failures_omitted))?;
    }
    let mut next = Vec::new();
    if rl.hits > 0
        || rl
            .peak_per_minute
            .is_some_and(|p| p > u64::from(MINUTE_LIMIT))
    {
        next.push(format!(
            "queue calls and space them out: at most {MINUTE_LIMIT} a rolling minute and \
             {DAILY_LIMIT} a rolling 24 hours per app and store; after a 429, stop until \
             Retry-After (or the limit's window) has passed"
        ));
    }
    if s.failures
        .iter()
        .any(|f| f.request_id.is_some() && f.status.is_some_and(|c| c >= 500))
    {
        next.push("give Hike support the request ids of the 5xx failures above".to_string());
    }
    if !s.failures.is_empty() {
        next.push(
            "look at one failure in full: hike-status explain FILE --exchange N (N is its #)"
                .to_string(),
        );
    }
    for (i, n) in next.iter().enumerate() {
        field(
            out,
            if i == 0 { "next" } else { "" },
            &format!("{}. {n}", i + 1),
        )?;
    }
    field(out, "see", "https://docs.hikeup.com/reference/rate-limit")
}

/// `one` for a count of 1, else `many`.
fn plural(n: u64, one: &'static str, many: &'static str) -> &'static str {
    if n == 1 { one } else { many }
}
