//! Turning a parsed [`Transcript`] or one [`Exchange`] of it into a [`Report`]: what the
//! final response means on Hike, what its headers and body say, what the request did wrong,
//! and what to do next.
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
//! assert_eq!(report.status(), 429);
//! assert_eq!(
//!     report.findings,
//!     [explain::Finding::RateLimitDaily { retry_after: true }]
//! );
//! assert_eq!(report.retry_after_seconds, Some(30));
//! assert_eq!(report.rate_limit.unwrap().limit, Some(5000));
//! ```

mod advice;
pub mod body;
pub mod finding;
mod headers;
pub mod hike;
mod library;
mod no_response;
mod report;
#[cfg(test)]
mod tests;

use std::time::SystemTime;

use once_cell::race::OnceBox;

use crate::redact::Redactor;
use crate::redact::Secrets;
use crate::table::{CodeInfo, table};
use crate::transcript::{Exchange, InputEncoding, Response, Style, Transcript, http_date};

use advice::next_steps;
use finding::rules::{Facts, findings};
use headers::rate_limit;
use no_response::{no_response, transcript_no_response};

pub use finding::{Finding, NextStep};
pub use headers::{RetryAfter, parse_challenge};
pub(crate) use no_response::curl_22_status;
pub use no_response::{NoResponse, client_advice};
pub use report::{BodySummary, Challenge, NoResponseReport, RateLimit, Report, RequestSummary};

/// Explains a bare code, as `curl -w '%{http_code}'` prints it.
pub fn code_report(code: u16) -> Option<Report> {
    let info = info(code)?;
    let mut r = base_report(info);
    r.chain = vec![code];
    r.source = "status code only";
    r.next_steps.push(NextStep::CodeHint);
    r.findings.push(Finding::StatusCodeOnly);
    Some(r)
}

/// Explains the last exchange of a transcript, with `now` as the current time; a
/// transcript that is only a status code is explained from the table. The report counts
/// the exchanges the input holds.
pub fn explain(t: &Transcript, now: SystemTime) -> Result<Report, NoResponse> {
    let mut report = if t.exchanges == 0 {
        return Err(transcript_no_response(t));
    } else {
        let mut r = explain_with(&t.last, &t.secrets, now)?;
        if let Some(e) = t.encoding.filter(|e| *e != InputEncoding::Utf8) {
            r.findings.push(Finding::InputDecoded { encoding: e });
        }
        r
    };
    report.exchanges = Some(t.exchanges.max(1));
    Ok(report)
}

/// Explains one exchange, with `now` as the current time; its strings are cleaned of the
/// credentials the exchange showed ([`Exchange::secrets`]).
pub fn explain_exchange(x: &Exchange, now: SystemTime) -> Result<Report, NoResponse> {
    explain_with(x, &x.secrets, now)
}

/// Explains one exchange, cleaning its strings of the credentials in `secrets`.
fn explain_with(x: &Exchange, secrets: &Secrets, now: SystemTime) -> Result<Report, NoResponse> {
    match &x.final_response {
        Some(resp) if resp.style == Style::StatusCode => {
            code_report(resp.status).ok_or(NoResponse::NoHttp)
        }
        Some(resp) if x.got_response() => {
            let mut r = response_report(x, resp, secrets, now);
            if let Some(micros) = x.response_after_micros {
                r.findings.push(Finding::ResponseTime { micros });
            }
            if resp.style == Style::CurlWriteOut {
                r.findings.push(Finding::CurlWriteOut {
                    total_micros: x.write_out_micros,
                });
            }
            Ok(r)
        }
        // Only an interim answer came before the client gave up (or, with `curl -f`,
        // named the final status in its error); or there was no answer at all.
        _ => match no_response(x, secrets) {
            Ok(why) => Err(why),
            Err(code) => code_report(code).ok_or(NoResponse::NoHttp),
        },
    }
}

/// The table's record of a status code (`None` outside 100..=599), made once per code and
/// kept: the reports of a log of many exchanges all point at the same few. The slots are
/// pointers, null until made, so the array starts as zero pages (`.bss`) that a first use
/// maps once, where `OnceLock`'s slots are data the program's file holds.
fn info(code: u16) -> Option<&'static CodeInfo> {
    static INFOS: [OnceBox<Option<CodeInfo>>; 500] = [const { OnceBox::new() }; 500];
    let slot = INFOS.get(usize::from(code).checked_sub(100)?)?;
    slot.get_or_init(|| Box::new(table().info(code))).as_ref()
}

fn base_report(info: &'static CodeInfo) -> Report {
    Report {
        info,
        http_version: None,
        reason: None,
        chain: Vec::new(),
        chain_omitted: 0,
        retry_after_seconds: None,
        retry_at: None,
        retry_from_now: false,
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
        time: None,
        source: "",
        index: None,
        exchanges: None,
    }
}

fn response_report(t: &Exchange, resp: &Response, secrets: &Secrets, now: SystemTime) -> Report {
    let info = info(resp.status).expect("the parser only accepts codes 100-599");
    // Every string below that comes from the input passes through `red` once, here, on
    // its way into the report; the report's fields of type `Redacted` take nothing else.
    // (An empty set is made, not cloned: most exchanges show no credential.)
    let red = Redactor::new(if secrets.is_empty() {
        Secrets::new()
    } else {
        secrets.clone()
    });
    let mut r = base_report(info);
    r.http_version = Some(red.text(&resp.version)).filter(|v| !v.is_empty());
    r.reason = Some(red.text(&resp.reason)).filter(|s| !s.is_empty());
    r.chain = t.chain.codes();
    r.chain_omitted = t.chain.omitted;
    r.source = source_name(resp);
    r.time = match t.started {
        Some(at) => crate::timefmt::rfc3339(at),
        None => resp.header("date").and_then(date_text),
    };

    if let Some(ra) = resp.header("retry-after") {
        // The Date header matters only to a Retry-After: read it then.
        let date = resp
            .header("date")
            .and_then(|d| http_date::parse(d.trim().as_bytes()));
        let sent = date.unwrap_or(now);
        match RetryAfter::parse(ra, sent) {
            Some(retry) => {
                r.retry_after_seconds = Some(retry.seconds(sent));
                r.retry_at = retry
                    .until(date, now)
                    .map(|at| humantime::format_rfc3339_seconds(at).to_string());
                if let RetryAfter::At { at, passed } = retry {
                    // With no Date header to measure it from, it is measured from `now`.
                    r.retry_from_now = date.is_none();
                    // A date already past: say so, rather than "wait 0 s".
                    if passed {
                        let at = humantime::format_rfc3339_seconds(at).to_string();
                        r.findings.push(Finding::RetryAfterPassed {
                            at,
                            by_date: date.is_some(),
                        });
                    }
                }
            }
            None => r.findings.push(Finding::RetryAfterUnreadable),
        }
    }
    r.rate_limit = rate_limit(resp, &red);
    // When a Retry-After is present, it wins over the limit's own window.
    if let (Some(rl), Some(secs)) = (r.rate_limit.as_mut(), r.retry_after_seconds) {
        if rl.wait_seconds_at_most.is_some() {
            rl.wait_seconds_at_most = Some(secs);
        }
    }
    r.location = resp.header("location").map(|l| red.url(l));
    r.request_id = resp.request_id().map(|id| red.text(id));
    r.www_authenticate = resp
        .header("www-authenticate")
        .map(|c| parse_challenge(c, &red));

    let content_type = resp.header("content-type");
    let mut facts = body::read_response(
        &resp.body,
        content_type,
        resp.header("content-encoding"),
        resp.status >= 400,
        &red,
    );
    if let Some(scanned) = &resp.scanned {
        body::add_scanned(&mut facts, scanned, &red);
    }
    // A response to HEAD has no body to describe.
    let head = resp.request.as_deref().and_then(|q| q.method.as_deref()) == Some("HEAD");
    r.body = (!head || resp.body_bytes > 0).then(|| BodySummary {
        kind: facts.kind,
        content_type: content_type.map(|c| red.text(c)),
        bytes: resp.body_bytes,
        truncated: resp.body_truncated,
    });
    r.errors = std::mem::take(&mut facts.errors);
    r.errors_omitted = facts.errors_omitted;
    r.oauth_error = facts.oauth_error.take();
    r.request = resp.request.as_deref().map(|req| RequestSummary {
        method: req.method.as_deref().map(|m| red.text(m)),
        target: red.url(&req.target),
        content_type: req.header("content-type").map(|c| red.text(c)),
        authorization: req
            .header("authorization")
            .map(|a| red.header("authorization", a)),
        headers_shown: req.headers_shown,
    });

    let found = findings(&Facts {
        report: &r,
        response: resp,
        body: &facts,
    });
    r.findings.extend(found);
    match resp.style {
        Style::Library(l) => r.findings.extend(library::findings(resp, l)),
        Style::AppLog(l) => r.findings.extend(library::log_line_findings(resp, l)),
        _ => {}
    }
    for e in t.client_errors.iter().filter(|e| e.after >= resp.position) {
        r.findings.push(Finding::ClientErrorAfterResponse {
            code: e.code,
            message: red.text(&e.message),
            advice: client_advice(e.code, &e.message),
        });
    }
    r.next_steps = next_steps(&r);
    r
}

/// A `Date` header's time as RFC 3339. A log of many exchanges repeats each Date a few
/// times in a row: the last one read is remembered.
fn date_text(date: &str) -> Option<String> {
    thread_local! {
        static LAST: std::cell::RefCell<(String, Option<String>)> =
            const { std::cell::RefCell::new((String::new(), None)) };
    }
    LAST.with_borrow_mut(|(last, text)| {
        if last != date {
            last.clear();
            last.push_str(date);
            *text = http_date::parse(date.trim().as_bytes()).and_then(crate::timefmt::rfc3339);
        }
        text.clone()
    })
}

fn source_name(resp: &Response) -> &'static str {
    match resp.style {
        Style::CurlVerbose => "curl -v",
        // wget shows a status line's version only with -S.
        Style::Wget if resp.version.is_empty() => "wget (no -S)",
        Style::Wget => "wget -S",
        Style::Har => "HAR entry",
        Style::CurlWriteOut => "curl -w",
        Style::StatusCode => "status code only",
        Style::Plain => "response headers (curl -i, HTTPie)",
        Style::Library(l) => l.name(),
        Style::AppLog(l) => l.source.name(),
    }
}
