//! The `explain` report: as text for a terminal, and as the JSON `explain --json` prints.

use std::borrow::Cow;
use std::fmt::Write as _;
use std::io::{self, Write};

use colored::Colorize;
use serde::ser::{Serialize, Serializer};

use crate::explain::body::{BodyError, BodyKind, OAuthError};
use crate::explain::{
    BodySummary, Challenge, Finding, NextStep, RateLimit, Report, RequestSummary,
};
use crate::redact::Redacted;
use crate::render::field::field;
use crate::render::text::{by_class, is_temporary, provenance, retry_words};
use crate::render::words::{finding, next_step};
use crate::sanitize::sanitize;
use crate::transcript::Library;

/// Writes an `explain` report for a terminal. Every string that came from the transcript
/// is sanitized here, the last step before the terminal. Each field's text is put together
/// in one buffer, cleared between fields.
pub fn report(out: &mut dyn Write, r: &Report) -> io::Result<()> {
    let info = &r.info;
    // An unassigned code is labelled as `hike-status CODE` labels it.
    let provenance = if info.documented {
        "documented by Hike".into()
    } else if info.assigned && !is_temporary(info) {
        "not documented by Hike: standard HTTP meaning".into()
    } else {
        provenance(info)
    };
    let mut head = String::with_capacity(96);
    head.push_str(&info.class);
    head.push_str(" · ");
    head.push_str(&provenance);
    if let Some(v) = &r.http_version {
        head.push_str(" · HTTP/");
        head.push_str(&sanitize(v));
    }
    writeln!(
        out,
        "{} {}  {}",
        by_class(&info.code.to_string(), info.code).bold(),
        by_class(&info.name, info.code).bold(),
        head.dimmed()
    )?;
    // The text of the field being written.
    let mut s = String::with_capacity(256);
    if let Some(n) = r.exchanges.filter(|n| *n > 1) {
        let _ = write!(s, "{n} of {n}; --each or --summary for all of them");
        field(out, "exchange", &s)?;
    }
    if r.chain.len() > 1 || r.chain_omitted > 0 {
        let mut chain: Vec<String> = r.chain.iter().map(u16::to_string).collect();
        if r.chain_omitted > 0 {
            let keep = chain.len() / 2;
            chain.insert(keep, format!("… {} more …", r.chain_omitted));
        }
        field(out, "chain", &chain.join(" → "))?;
    }
    if let Some(reason) = r
        .reason
        .as_deref()
        .filter(|p| !p.eq_ignore_ascii_case(&info.name))
    {
        s.clear();
        s.push('"');
        s.push_str(&sanitize(reason));
        s.push('"');
        s.push_str(if r.source == Library::WindowsPowerShell.name() {
            // Windows PowerShell 5.1 prints .NET Framework's WebException text, whose reason
            // is .NET's own name for a code it has one for, and the server's only for one it
            // has none for (NetRes.GetWebStatusCodeString): which one it is cannot be told.
            " is as Windows PowerShell 5.1 printed it: .NET Framework's own name for a code it \
             knows, the server's reason only for one it does not; the code decides"
        } else {
            " as sent; the code decides"
        });
        field(out, "reason", &s)?;
    }
    field(out, "meaning", &info.meaning)?;
    if let Some(secs) = r.retry_after_seconds {
        let passed = r.findings.iter().find_map(|f| match f {
            Finding::RetryAfterPassed { at, by_date } => Some((at, *by_date)),
            _ => None,
        });
        s.clear();
        let _ = match (secs, r.retry_at.as_deref()) {
            (0, _) => match passed {
                Some((at, true)) => write!(s, "now: the time it names, {at}, has passed"),
                Some((at, false)) => write!(
                    s,
                    "now: the time it names, {at}, is past at the time of this analysis (no \
                     Date header)"
                ),
                None => s.write_str("now"),
            },
            // A Retry-After date with no Date header is measured from the time of the analysis.
            (_, Some(at)) if r.retry_from_now => write!(
                s,
                "until {at} ({secs} s from the time of this analysis: no Date header)"
            ),
            (_, Some(at)) => write!(s, "{secs} s (at {at})"),
            (_, None) => write!(s, "{secs} s"),
        };
        field(out, "retry after", &s)?;
    }
    if let Some(rl) = &r.rate_limit {
        s.clear();
        // Each part after the first is set off with a comma.
        let part = |s: &mut String| {
            if !s.is_empty() {
                s.push_str(", ");
            }
        };
        if let Some(p) = &rl.problem {
            s.push_str("problem ");
            s.push_str(&sanitize(p));
        }
        if let (Some(l), Some(w)) = (rl.limit, rl.window_seconds) {
            part(&mut s);
            let _ = write!(s, "limit {l} calls per ");
            push_window(&mut s, w);
        } else if let Some(l) = rl.limit {
            part(&mut s);
            let _ = write!(s, "limit {l}");
        }
        if let Some(n) = rl.remaining {
            part(&mut s);
            let _ = write!(s, "{n} remaining");
        }
        if let Some(reset) = &rl.reset {
            part(&mut s);
            s.push_str("reset ");
            s.push_str(&sanitize(reset));
        }
        match rl.wait_seconds_at_most {
            // Retry-After, which wins over the window, allows it now.
            Some(0) => {
                part(&mut s);
                s.push_str("clear now, as Retry-After says");
            }
            Some(60) => {
                part(&mut s);
                s.push_str("clears within a minute");
            }
            Some(w) => {
                part(&mut s);
                s.push_str("clears within ");
                push_window(&mut s, w);
            }
            None => {}
        }
        field(out, "rate limit", &s)?;
    }
    if let Some(l) = &r.location {
        field(out, "location", &sanitize(l))?;
    }
    if let Some(id) = &r.request_id {
        field(out, "request id", &sanitize(id))?;
    }
    if let Some(c) = &r.www_authenticate {
        s.clear();
        s.push_str(&sanitize(&c.scheme));
        if let Some(e) = &c.error {
            s.push_str(" error=");
            s.push_str(&sanitize(e));
        }
        if let Some(d) = &c.description {
            s.push_str(": ");
            s.push_str(&sanitize(d));
        }
        field(out, "challenge", &s)?;
    }
    if let Some(req) = &r.request {
        s.clear();
        if let Some(m) = &req.method {
            s.push_str(&sanitize(m));
            s.push(' ');
        }
        s.push_str(&sanitize(&req.target));
        // Only what was sent: a header the request did not carry is left out (a finding
        // says so where it matters, as for a 401 without Authorization).
        if req.headers_shown {
            for (name, value) in [
                ("Content-Type", &req.content_type),
                ("Authorization", &req.authorization),
            ] {
                if let Some(v) = value {
                    s.push_str(" · ");
                    s.push_str(name);
                    s.push_str(": ");
                    s.push_str(&sanitize(v));
                }
            }
        }
        field(out, "request", &s)?;
    }
    if let Some(b) = &r.body {
        if b.kind != BodyKind::Empty {
            let ct = b
                .content_type
                .as_deref()
                .map(sanitize)
                .unwrap_or("no Content-Type".into());
            s.clear();
            let _ = write!(s, "{} bytes of ", b.bytes);
            s.push_str(b.kind.as_str());
            s.push_str(" (");
            s.push_str(&ct);
            s.push(')');
            field(out, "body", &s)?;
        }
    }
    for (i, e) in r.errors.iter().enumerate() {
        s.clear();
        s.push_str("• ");
        if let Some(f) = &e.field {
            s.push_str(&sanitize(f));
            s.push_str(": ");
        }
        s.push_str(&sanitize(&e.message));
        field(out, if i == 0 { "errors" } else { "" }, &s)?;
    }
    for (i, f) in r.findings.iter().enumerate() {
        s.clear();
        s.push_str("• ");
        s.push_str(&sanitize(&finding(f)));
        field(out, if i == 0 { "findings" } else { "" }, &s)?;
    }
    for (i, n) in r.next_steps.iter().enumerate() {
        s.clear();
        let _ = write!(s, "{}. ", i + 1);
        s.push_str(&sanitize(&next_step(n, r)));
        field(out, if i == 0 { "next" } else { "" }, &s)?;
    }
    field(out, "retry", retry_line(r))?;
    for (i, link) in info.links.iter().enumerate() {
        field(out, if i == 0 { "see" } else { "" }, link)?;
    }
    Ok(())
}

/// The retry line of a report: the code's, unless the transfer broke off after a success.
fn retry_line(r: &Report) -> &'static str {
    let cut = r.next_steps.contains(&NextStep::TransferCut);
    if r.next_steps.contains(&NextStep::CheckClientCredentials) {
        // A 401 from the token endpoint: there is no access token yet.
        "not unchanged: the app's client credentials were refused; fix client_id, \
         client_secret or redirect_uri, then ask for the token again"
    } else if cut {
        "not complete: the status came but the transfer broke off, so the body is partial; \
         send the request again to get all of it (a request that changed data has taken \
         effect already)"
    } else {
        retry_words(r.info.code, r.info.retryable)
    }
}

/// Appends a rate-limit window in words: `minute`, `24 hours` or `N s`.
fn push_window(s: &mut String, secs: u64) {
    match secs {
        60 => s.push_str("minute"),
        86_400 => s.push_str("24 hours"),
        n => {
            let _ = write!(s, "{n} s");
        }
    }
}

/// A finding in `--json`: its stable id and its words.
#[derive(serde::Serialize)]
struct FindingJson {
    id: &'static str,
    message: Cow<'static, str>,
}

/// The JSON shape of a report: the lookup's fields, what the transcript shows, and the
/// findings and next steps in words.
#[derive(serde::Serialize)]
struct ReportJson<'a> {
    status: u16,
    name: &'a str,
    class: &'a str,
    documented: bool,
    assigned: bool,
    meaning: &'a str,
    hint: &'a str,
    retryable: bool,
    links: &'a [String],
    http_version: &'a Option<Redacted>,
    reason: &'a Option<Redacted>,
    chain: &'a [u16],
    chain_omitted: u64,
    retry_after_seconds: Option<u64>,
    retry_at: &'a Option<String>,
    rate_limit: &'a Option<RateLimit>,
    location: &'a Option<Redacted>,
    request_id: &'a Option<Redacted>,
    www_authenticate: &'a Option<Challenge>,
    errors: &'a [BodyError],
    errors_omitted: u64,
    oauth_error: &'a Option<OAuthError>,
    body: &'a Option<BodySummary>,
    request: &'a Option<RequestSummary>,
    findings: Vec<FindingJson>,
    next_steps: Vec<Cow<'a, str>>,
    time: &'a Option<String>,
    source: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    index: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    exchanges: Option<u64>,
    /// What failed when an exchange got no response: null in a report.
    error: Option<String>,
}

/// The report serializes as `explain --json` prints it; it is made here because the
/// findings and next steps are words, and words are made in `render`.
impl Serialize for Report {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let r = self;
        ReportJson {
            status: r.info.code,
            name: &r.info.name,
            class: &r.info.class,
            documented: r.info.documented,
            assigned: r.info.assigned,
            meaning: &r.info.meaning,
            hint: &r.info.hint,
            retryable: r.info.retryable,
            links: &r.info.links,
            http_version: &r.http_version,
            reason: &r.reason,
            chain: &r.chain,
            chain_omitted: r.chain_omitted,
            retry_after_seconds: r.retry_after_seconds,
            retry_at: &r.retry_at,
            rate_limit: &r.rate_limit,
            location: &r.location,
            request_id: &r.request_id,
            www_authenticate: &r.www_authenticate,
            errors: &r.errors,
            errors_omitted: r.errors_omitted,
            oauth_error: &r.oauth_error,
            body: &r.body,
            request: &r.request,
            findings: r
                .findings
                .iter()
                .map(|f| FindingJson {
                    id: f.id(),
                    message: finding(f),
                })
                .collect(),
            next_steps: r.next_steps.iter().map(|n| next_step(n, r)).collect(),
            time: &r.time,
            source: r.source,
            index: r.index,
            exchanges: r.exchanges,
            error: None,
        }
        .serialize(s)
    }
}
