//! The `explain --summary` report as text: the chart of calls over time, statuses with a bar
//! each and Hike's name, the rate-limit section against Hike's limits (and when a call fits
//! again), pacing, the top endpoints, the failures grouped, and what to do next.

use std::io::{self, Write};

use colored::Colorize;

use crate::explain::hike::{DAILY_LIMIT, MINUTE_LIMIT};
use crate::plan::duration_words;
use crate::render::chart::chart;
use crate::render::field::field;
use crate::render::text::{by_class, prose_width};
use crate::sanitize::sanitize;
use crate::summary::{FailureGroup, MAX_FAILURES, Notice, SummaryReport};
use crate::table::table;

/// Where the input shows a path but not its method.
const METHOD_NOT_SHOWN: &str = "(method not shown)";
/// The widest bar.
const BAR: u64 = 30;
/// The most lines the failures take at 80 columns, the "more" line included.
const FAILURE_LINES: usize = 10;

/// Writes a summary for a terminal, block characters or (`unicode` false) ASCII; every
/// string from the input is sanitized here.
pub fn summary(out: &mut dyn Write, s: &SummaryReport, unicode: bool) -> io::Result<()> {
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
    if let Some(t) = &s.timeline {
        chart(out, t, prose_width(), unicode)?;
    }
    let block = if unicode { "█" } else { "#" };
    let most = s
        .by_status
        .values()
        .copied()
        .max()
        .unwrap_or(0)
        .max(s.no_response);
    let bar = |n: u64| block.repeat(((n * BAR).div_ceil(most.max(1))) as usize);
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
    if rl.out_of_order > 0 {
        words.push(format!(
            "the log is not in time order ({} {} came after a later one): the peaks are lower \
             bounds, each at most {} short",
            rl.out_of_order,
            plural(rl.out_of_order, "exchange", "exchanges"),
            rl.out_of_order
        ));
    }
    if let (Some(next), Some(last)) = (&rl.next_call_at, &s.last_time) {
        words.push(fits_again(s, next, last));
    }
    if rl.log_incomplete {
        words.push(format!(
            "a Daily 429 came with fewer than {DAILY_LIMIT} calls of this log in its 24 hours: \
             the log does not hold every call of this app and store, so the windows computed \
             from it are lower bounds"
        ));
    }
    if rl.peak_per_minute.is_none() {
        words.push("no exchange has a time (a Date header, a HAR entry's startedDateTime or a log line's time), so the windows are unknown".into());
    }
    if rl.hits > 0 {
        words.push(format!(
            "{} rate-limited (429): {} Minute, {} Daily",
            rl.hits, rl.minute, rl.daily
        ));
    }
    if rl.during_cooldown > 0 {
        words.push(format!(
            "{} {} made during a cooldown (from a 429 until its wait was over or a call \
             succeeded), which Hike says may add to the limitation",
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
    if let Some(p) = &s.pacing {
        let spacing = if p.spacing_ms % 1000 == 0 {
            format!("{} s", p.spacing_ms / 1000)
        } else {
            format!("{}.{:02} s", p.spacing_ms / 1000, p.spacing_ms % 1000 / 10)
        };
        field(
            out,
            "pacing",
            &format!(
                "the busiest minute went past Hike's {MINUTE_LIMIT}: the log's {} {} took {}; \
                 at Hike's pace ({MINUTE_LIMIT} at the start of each minute, {DAILY_LIMIT} a \
                 rolling day) they need at least {}, first to last; one call every {spacing} \
                 stays inside both windows (hike-status plan {} for more)",
                p.calls,
                plural(p.calls, "call", "calls"),
                duration_words(p.took_seconds),
                duration_words(p.at_hike_pace_seconds),
                p.calls
            ),
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
    failures(out, s)?;
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
            "look at one failure in full: hike-status explain FILE --exchange N (N is a \
             group's first #)"
                .to_string(),
        );
        next.push(format!(
            "the first {MAX_FAILURES} failures, each with its time and request id: \
             hike-status explain FILE --summary --json (its \"failures\")"
        ));
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

/// The line on when one more call fits both windows.
fn fits_again(s: &SummaryReport, next: &str, last: &str) -> String {
    let rl = &s.rate_limit;
    let used = format!(
        "{} in the last minute, {} in the last 24 hours",
        rl.minute_used.unwrap_or(0),
        rl.day_used.unwrap_or(0)
    );
    let fits = rl.minute_used.is_some_and(|m| m < u64::from(MINUTE_LIMIT))
        && rl.day_used.is_some_and(|d| d < u64::from(DAILY_LIMIT));
    let mut w = if fits {
        format!("at the log's end a call fits at once ({used})")
    } else {
        format!("a call fits again at {} ({used})", clock(next, last))
    };
    if let Some(latest) = &rl.next_call_at_latest {
        let by = match rl.latest_notice {
            Some(Notice::RetryAfter) => "the last 429's Retry-After means it can take",
            Some(Notice::Daily) => "Hike's Daily notice means it can take",
            Some(Notice::Minute) => "Hike's Minute notice means it can take",
            _ => "the last 429, with no notice, means it can take",
        };
        w.push_str(&format!("; {by} until {latest}"));
    }
    w
}

/// A time as its clock (`15:04:10Z`) when it falls on the same date as `day`, else whole.
fn clock<'a>(t: &'a str, day: &str) -> &'a str {
    match (t.get(..10), day.get(..10)) {
        (Some(a), Some(b)) if a == b => t.get(11..).unwrap_or(t),
        _ => t,
    }
}

/// The failures, grouped, in at most [`FAILURE_LINES`] lines at 80 columns.
fn failures(out: &mut dyn Write, s: &SummaryReport) -> io::Result<()> {
    let one_day = s.first_time.as_ref().and_then(|t| t.get(..10))
        == s.last_time.as_ref().and_then(|t| t.get(..10));
    let lines: Vec<String> = s
        .failure_groups
        .iter()
        .map(|g| group_line(g, one_day))
        .collect();
    // Lines on the 80 columns the bound is set for, as `field` wraps them.
    let height = |text: &str| {
        let mut buf = Vec::new();
        let _ = field(&mut buf, "", text);
        let wide = buf.split(|b| *b == b'\n').filter(|l| !l.is_empty());
        let at80 = wide.map(|l| {
            String::from_utf8_lossy(l)
                .chars()
                .count()
                .div_ceil(80)
                .max(1)
        });
        at80.sum::<usize>()
    };
    let total: u64 = s.failure_groups.iter().map(|g| g.count).sum::<u64>() + s.failure_groups_other;
    let mut used = 0;
    let mut shown = 0;
    for (i, line) in lines.iter().enumerate() {
        let h = height(line);
        let more = if i + 1 < lines.len() || s.failure_groups_other > 0 {
            1
        } else {
            0
        };
        if used + h + more > FAILURE_LINES {
            break;
        }
        field(out, if i == 0 { "failures" } else { "" }, line)?;
        used += h;
        shown += 1;
    }
    let listed: u64 = s.failure_groups.iter().take(shown).map(|g| g.count).sum();
    if total > listed {
        let groups = (s.failure_groups.len() - shown) as u64;
        let text = format!(
            "{} more {} in {}{} more {}",
            total - listed,
            plural(total - listed, "failure", "failures"),
            if s.failure_groups_other > 0 {
                "at least "
            } else {
                ""
            },
            groups.max(1),
            plural(groups.max(1), "group", "groups")
        );
        field(out, if shown == 0 { "failures" } else { "" }, &text)?;
    }
    Ok(())
}

/// One group: `3× 500 GET /api/v1/orders/export #15, 13:06:40Z to 13:10:00Z`.
fn group_line(g: &FailureGroup, one_day: bool) -> String {
    let status = g
        .status
        .map_or("no response".to_string(), |c| c.to_string());
    let mut text = format!("{}× {status}", g.count);
    if let Some(p) = &g.path {
        let m = g.method.as_deref().unwrap_or(METHOD_NOT_SHOWN);
        text.push_str(&format!(" {} {}", sanitize(m), sanitize(p)));
    }
    text.push_str(&format!(" #{}", g.first_index));
    let short = |t: &str| {
        if one_day {
            t.get(11..).unwrap_or(t).to_string()
        } else {
            t.to_string()
        }
    };
    match (&g.first_time, &g.last_time) {
        (Some(a), Some(b)) if a == b => text.push_str(&format!(" at {}", short(a))),
        (Some(a), Some(b)) => text.push_str(&format!(", {} to {}", short(a), short(b))),
        _ => {}
    }
    text
}

/// `one` for a count of 1, else `many`.
fn plural(n: u64, one: &'static str, many: &'static str) -> &'static str {
    if n == 1 { one } else { many }
}
