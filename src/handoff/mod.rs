//! The support post (`explain --handoff`): Markdown to paste into a thread on Hike's API &
//! support forum, which is public, so it holds what support asks for (the time, the call,
//! the status, the rate-limit header, the request id, the errors, a replay) and no
//! credential or customer data: bodies only with `--include-bodies`, and every credential
//! named by its place in "Redacted before sharing", never by its value.

mod body;
pub mod markdown;
pub mod summary;

use std::io::{self, Write};

use crate::explain::{NoResponse, Report};
use crate::redact::{Place, Redactor, Secrets};
use crate::replay::{self, Replay};
use crate::transcript::{Exchange, Request, http_date};

use markdown::{code, fence, plain};

/// What the post holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Options {
    /// `--include-bodies`: the request and response bodies, redacted.
    pub include_bodies: bool,
}

/// One exchange's post: its report (or why it got no response), the exchange itself for
/// what the report does not keep (the time, the User-Agent, the request as sent), and
/// the credentials the input showed up to it.
pub fn post(
    out: &mut dyn Write,
    x: &Exchange,
    report: Result<&Report, &NoResponse>,
    secrets: &Secrets,
    opts: Options,
) -> io::Result<()> {
    let req = replay::request_of(x);
    let red = Redactor::new(secrets.clone());
    let replay = req.and_then(|r| {
        replay::replay(
            r,
            secrets,
            replay::Options {
                body: opts.include_bodies,
            },
        )
        .ok()
    });
    let endpoint = endpoint(req, &red);
    let mut removed: Vec<Place> = replay
        .as_ref()
        .map(|r| r.removed.clone())
        .unwrap_or_default();
    match report {
        Ok(r) => {
            writeln!(
                out,
                "# {} {}: {}\n",
                r.status(),
                r.info.name,
                plain(&endpoint.title)
            )?;
            facts(out, x, r, req, &endpoint, &red)?;
            errors(out, r)?;
            body::response(out, x, r, &red, opts, &mut removed)?;
        }
        Err(why) => {
            writeln!(out, "# No response: {}\n", plain(&endpoint.title))?;
            writeln!(out, "- **Time:** {}", time_of(x).unwrap_or_else(not_shown))?;
            writeln!(out, "- **Endpoint:** {}", endpoint.line)?;
            writeln!(out, "- **Status:** none: {}", plain(&why.to_string()))?;
            client(out, "a client's error line", req, &red)?;
        }
    }
    body::request(out, req, &red, opts)?;
    replay_block(out, replay.as_ref(), req.is_some())?;
    redacted_list(out, &removed, report)?;
    if let Ok(r) = report {
        hike_says(out, &[r.status()])?;
    }
    Ok(())
}

/// The method and path, for the title, and the method and URL, for the facts.
pub(crate) struct Endpoint {
    pub(crate) title: String,
    pub(crate) line: String,
}

fn endpoint(req: Option<&Request>, red: &Redactor) -> Endpoint {
    let Some(req) = req.filter(|r| !r.target.is_empty()) else {
        return Endpoint {
            title: "request not shown".into(),
            line: "not shown (the input does not show the request)".into(),
        };
    };
    let method = req
        .method
        .as_deref()
        .map(|m| red.text(m).into_string())
        .unwrap_or_else(|| "(method not shown)".into());
    let target = red.url(&req.target);
    // The path as sent, ids and all: support wants them.
    let raw_path = match target.split_once("://") {
        Some((_, rest)) => rest.find('/').map_or("/", |i| &rest[i..]),
        None => &target,
    };
    let raw_path = raw_path.split(['?', '#']).next().unwrap_or("/");
    let host = req
        .header("host")
        .filter(|_| !target.contains("://"))
        .map(|h| format!("host {}", code(&red.text(h.trim()))))
        .unwrap_or_default();
    Endpoint {
        title: format!("{method} {raw_path}"),
        line: format!("{} {}", code(&format!("{method} {target}")), host)
            .trim_end()
            .to_string(),
    }
}

fn not_shown() -> String {
    "not shown".into()
}

/// The exchange's time, RFC 3339 in UTC: the capture tool's own (a HAR's
/// `startedDateTime`), else the response's `Date`.
pub(crate) fn time_of(x: &Exchange) -> Option<String> {
    let date = x
        .final_response
        .as_ref()
        .and_then(|r| r.header("date"))
        .and_then(|d| http_date::parse(d.trim().as_bytes()));
    x.started.or(date).and_then(crate::timefmt::rfc3339_seconds)
}

fn facts(
    out: &mut dyn Write,
    x: &Exchange,
    r: &Report,
    req: Option<&Request>,
    endpoint: &Endpoint,
    red: &Redactor,
) -> io::Result<()> {
    writeln!(out, "- **Time:** {}", time_of(x).unwrap_or_else(not_shown))?;
    writeln!(out, "- **Endpoint:** {}", endpoint.line)?;
    writeln!(
        out,
        "- **Status:** {} {}: {}",
        r.status(),
        r.info.name,
        plain(&r.info.meaning)
    )?;
    // A log line or a library's error line shows no headers: their absence says nothing.
    let absent = || {
        let shown = x.final_response.as_ref().is_some_and(|resp| {
            resp.headers
                .iter()
                .any(|(n, _)| !n.eq_ignore_ascii_case("x-request-id"))
        });
        if shown {
            "not sent"
        } else {
            "not shown in the input"
        }
        .to_string()
    };
    let problem = r
        .rate_limit
        .as_ref()
        .and_then(|rl| rl.problem.as_ref())
        .map(|p| code(p))
        .unwrap_or_else(absent);
    writeln!(out, "- **X-Rate-Limit-Problem:** {problem}")?;
    let retry = x
        .final_response
        .as_ref()
        .and_then(|resp| resp.header("retry-after"))
        .map(|ra| {
            let secs = r
                .retry_after_seconds
                .map(|s| format!(" ({s} s)"))
                .unwrap_or_default();
            format!("{}{secs}", code(&red.text(ra.trim())))
        })
        .unwrap_or_else(absent);
    writeln!(out, "- **Retry-After:** {retry}")?;
    let id = r
        .request_id
        .as_ref()
        .map(|id| code(id))
        .unwrap_or_else(|| "no request id was shown".into());
    writeln!(out, "- **Request id:** {id}")?;
    client(out, r.source, req, red)
}

fn client(
    out: &mut dyn Write,
    source: &str,
    req: Option<&Request>,
    red: &Redactor,
) -> io::Result<()> {
    let ua = req
        .and_then(|r| r.header("user-agent"))
        .map(|ua| format!(", User-Agent {}", code(&red.text(ua.trim()))))
        .unwrap_or_default();
    writeln!(out, "- **Client:** {}{ua}", plain(source))
}

fn errors(out: &mut dyn Write, r: &Report) -> io::Result<()> {
    if r.errors.is_empty() && r.oauth_error.is_none() {
        return Ok(());
    }
    writeln!(out, "- **Errors Hike sent:**")?;
    if let Some(o) = &r.oauth_error {
        let d = o
            .description
            .as_ref()
            .map(|d| format!(": {}", plain(d)))
            .unwrap_or_default();
        writeln!(out, "  - OAuth error {}{d}", code(&o.error))?;
    }
    for e in &r.errors {
        match &e.field {
            Some(f) => writeln!(out, "  - {}: {}", code(f), plain(&e.message))?,
            None => writeln!(out, "  - {}", plain(&e.message))?,
        }
    }
    if r.errors_omitted > 0 {
        writeln!(out, "  - and {} more", r.errors_omitted)?;
    }
    Ok(())
}

fn replay_block(out: &mut dyn Write, replay: Option<&Replay>, shown: bool) -> io::Result<()> {
    match replay {
        Some(r) => {
            writeln!(out, "\n## Replay\n")?;
            write!(out, "{}", fence("sh", &r.script()))
        }
        None if shown => writeln!(
            out,
            "\nThe input shows too little of the request to replay it; a capture made with \
             `curl -v URL 2>&1` or a HAR export would."
        ),
        None => Ok(()),
    }
}

fn redacted_list(
    out: &mut dyn Write,
    removed: &[Place],
    report: Result<&Report, &NoResponse>,
) -> io::Result<()> {
    writeln!(out, "\n## Redacted before sharing\n")?;
    let mut lines: Vec<String> = removed.iter().map(|p| plain(&p.to_string())).collect();
    let quoted = match report {
        Ok(r) => {
            r.errors.iter().any(|e| e.message.contains("[redacted, "))
                || r.request_id
                    .as_ref()
                    .is_some_and(|i| i.contains("[redacted, "))
                || r.oauth_error
                    .as_ref()
                    .and_then(|o| o.description.as_ref())
                    .is_some_and(|d| d.contains("[redacted, "))
        }
        Err(why) => why.to_string().contains("[redacted, "),
    };
    if quoted {
        lines.push("the errors quoted above: a credential in their text".into());
    }
    lines.dedup();
    if lines.is_empty() {
        return writeln!(
            out,
            "- nothing: no credential was found in what this post shows"
        );
    }
    for l in lines {
        writeln!(out, "- {l}")?;
    }
    Ok(())
}

/// Hike's own next steps for these statuses, where its status-code page gives one.
pub(crate) fn hike_says(out: &mut dyn Write, statuses: &[u16]) -> io::Result<()> {
    let words: Vec<&str> = statuses
        .iter()
        .filter_map(|s| match s {
            500 => Some(
                "Hike's status-code page asks for a 500 to be posted to its API & support \
                 forum, so that Hike staff can look into it: this post is written for that.",
            ),
            503 => Some(
                "Hike's status-code page says to check its status page for a reported \
                 outage first.",
            ),
            _ => None,
        })
        .collect();
    if words.is_empty() {
        return Ok(());
    }
    writeln!(out, "\n## What Hike says to do\n")?;
    for w in words {
        writeln!(out, "- {w}")?;
    }
    Ok(())
}
