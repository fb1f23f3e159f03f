//! The man page: one roff document for the command and every subcommand.
//!
//! clap_mangen renders one command at a time, so the top command's page is composed with a
//! section per subcommand, the JSON fields and the exit status.

use std::io::{self, Write};

use clap::CommandFactory;
use clap_mangen::Man;

use crate::cli::Cli;
use crate::error::EXIT_CODES;
use crate::explain::Finding;

const JSON_FIELDS: &str = "\
Lookups, list and search print code objects: code, name, class (\"4xx\"), documented, assigned, \
meaning, hint, retryable, standard_name, standard_meaning, differs_from_standard, rfc, links. \
One code prints one object; several codes, a class, list and search print an array.

explain prints one object: status, name, class, documented, assigned, meaning, hint, \
retryable, links (the lookup's fields for the final status), chain (every status seen, in \
order), chain_omitted, http_version, reason, retry_after_seconds, retry_at (RFC 3339, UTC; null when no clock time is known: a number \
of seconds, or a date already past, without a Date header), \
rate_limit (problem, limit, window_seconds, wait_seconds_at_most, remaining, reset), location, \
request_id, www_authenticate (scheme, error, description, meaning), errors (a list of field and \
message), errors_omitted, oauth_error (error, description, meaning), body (kind, content_type, \
bytes, truncated), request (method, target, content_type, authorization, headers_shown), \
findings (a list of id and message; the ids are listed under FINDINGS), next_steps (a list of \
sentences), time (when the exchange happened, RFC 3339 in UTC: a log line's or HAR entry's \
time, else the Date header; null when none is known), source, exchanges (how many exchanges \
the input holds) and error (null in a report). Credentials are redacted in both views.

When the exchange got no response, the object has status null, error saying what failed, and \
null for every field that needs a response; explain without a flag adds exchanges and responded \
(how many got a response).

explain --each --json prints JSON Lines: one compact object per exchange, in input order, in the \
shape above plus index (counting from 1, as --exchange N counts) and without exchanges. Each \
line is written, and the output flushed, as soon as its exchange is complete.

explain --summary --json prints one object over every exchange: exchanges, no_response, \
by_status (keys the three digits), by_class, rate_limit (hits, minute, daily; peak_per_minute \
and peak_per_day: the most exchanges in any window [t, t + 60 s) and [t, t + 24 h), null when \
no exchange has a time, lower bounds when out_of_order, the exchanges whose time came after a \
later one's, is not 0; minute_used and day_used: the calls in (T - 60 s, T] and (T - 24 h, T], \
T the latest time; next_call_at: the earliest time from T on at which one more call fits both \
windows; next_call_at_latest: when the exchange at T is a 429, its Retry-After time, else T + \
60 s, or T + 24 h for a Daily notice; log_incomplete: a Daily 429 came with fewer than 5000 \
calls of the log in its 24 hours; during_cooldown: calls inside a cooldown, which runs from a \
429 to the earliest of its Retry-After time, the next 2xx or 3xx and its window, after the 429 \
that began it), timeline (bucket_seconds, 60 times the smallest k that keeps the buckets at \
most 1440, and buckets aligned on the epoch, each with start, calls, limited and failed; null \
when no exchange has a time), pacing (calls, took_seconds, at_hike_pace_seconds, spacing_ms; \
null unless the busiest minute went past 60), endpoints (method, path with ids collapsed, \
count, by_status; the first 20), endpoints_other, failures (the first 100 exchanges that ended \
in a 4xx, a 5xx or no response: index, status, time, request_id, method, path), \
failures_omitted, failure_groups (status, method, path, count, first_index, first_time, \
last_time; the worst first), failure_groups_other, first_time and last_time (RFC 3339). \
An exchange's time is HAR's startedDateTime, else its Date header.";

const ENVIRONMENT: &str = "\
NO_COLOR: when set and not empty, --color auto does not color.
TERM: when `dumb`, --color auto does not color, and the summary's chart is drawn in ASCII.
LC_ALL, LC_CTYPE, LANG: the first one set names the terminal's character set; when it is not \
UTF-8, the summary's chart is drawn in ASCII (with none set, block characters).";

/// What the summary's chart looks like (in ASCII, as `TERM=dumb` draws it; a terminal that
/// can show them gets block characters), and a plan; tests/windows.rs checks both against
/// the binary's output.
const PICTURES: &str = concat!(
    "explain --summary draws the calls over time first. A job that went past 60 a minute:\n\n",
    "$ TERM=dumb hike-status explain sync.log --summary\n",
    "72 exchanges, from 2026-11-18T11:00:00Z to 2026-11-18T11:07:32Z\n",
    "  calls a minute; - Hike's 60 a minute; ^ 429\n",
    "      80 +\n",
    "         |                                                               #########\n",
    "      60 +---------------------------------------------------------------#########\n",
    "         |                                                               #########\n",
    "         |                                                               #########\n",
    "         |                                                               #########\n",
    "         |                                                               #########\n",
    "         |...............................................................#########\n",
    "       0 +------------------------------------------------------------------------\n",
    "     429                                                                 ^^^^^^^^^\n",
    "     UTC  11:00Z                                                            11:07Z\n",
    "\nhike-status plan N says how long N calls take at Hike's limits:\n\n",
    "$ hike-status plan 5000\n",
    "5000 calls at Hike's limits (60 a rolling minute, 5000 a rolling 24 hours, per app and store)\n",
    "  in bursts   the last call goes 1 h 23 min after the first (4980 s): 60 at the start of\n",
    "              each minute\n",
    "  evenly      one a second, the last call goes 1 h 23 min 19 s after the first (4999 s);\n",
    "              one a second keeps every rolling minute at 60 calls or fewer\n",
    "  batching    fewer calls go further: Hike takes POST bodies up to 4MB (its docs do not\n",
    "              spell out the unit) with no limit on the number of items inside, and\n",
    "              recommends batches of up to 50 items for a timely answer\n",
    "  after a 429 stop until Retry-After (or the limit's window) has passed: Hike says calls\n",
    "              made while limited may add to the limitation\n",
    "  see         https://docs.hikeup.com/reference/rate-limit\n",
);

/// Writes the whole man page.
pub fn write(out: &mut dyn Write) -> io::Result<()> {
    let cmd = Cli::command();
    let man = Man::new(cmd.clone());
    man.render_title(out)?;
    man.render_name_section(out)?;
    man.render_synopsis_section(out)?;
    man.render_description_section(out)?;
    man.render_options_section(out)?;
    for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
        subcommand(out, sub)?;
    }
    section(out, "SUMMARY CHART AND PLAN", PICTURES)?;
    writeln!(out, ".SH \"JSON OUTPUT\"")?;
    paragraphs(out, JSON_FIELDS)?;
    findings(out)?;
    // The heading is the section's title here.
    let exit = EXIT_CODES;
    section(
        out,
        "EXIT STATUS",
        exit.split_once('\n').map_or(exit, |(_, rest)| rest),
    )?;
    section(out, "ENVIRONMENT", ENVIRONMENT)?;
    section(
        out,
        "EXAMPLES",
        "hike-status 429\nhike-status 4xx --json\nhike-status list --all\n\
         hike-status search rate limit\n\
         curl -sv https://api.hikeup.com/api/v1/products/get_all 2>&1 | hike-status explain\n\
         hike-status explain --host api.hikeup.com capture.har",
    )?;
    man.render_version_section(out)?;
    Ok(())
}

fn subcommand(out: &mut dyn Write, sub: &clap::Command) -> io::Result<()> {
    let name = sub.get_name();
    writeln!(out, ".SH \"COMMAND: {}\"", escape(&name.to_uppercase()))?;
    let usage = sub
        .clone()
        .bin_name(format!("hike-status {name}"))
        .render_usage()
        .to_string();
    let usage = usage.trim_start_matches("Usage: ");
    writeln!(out, ".B {}", escape(usage))?;
    writeln!(out, ".PP")?;
    let about = sub.get_long_about().or(sub.get_about());
    if let Some(about) = about {
        paragraphs(out, &about.to_string())?;
    }
    for arg in sub.get_arguments().filter(|a| !a.is_hide_set()) {
        let id = arg.get_id().as_str();
        if matches!(id, "json" | "color" | "help") {
            continue;
        }
        writeln!(out, ".TP")?;
        let head = match (arg.get_long(), arg.get_short()) {
            (Some(l), Some(s)) => format!("\\fB-{s}\\fR, \\fB--{l}\\fR"),
            (Some(l), None) => format!("\\fB--{l}\\fR"),
            _ => format!("\\fI{}\\fR", id.to_uppercase()),
        };
        writeln!(out, "{head}")?;
        if let Some(help) = arg.get_help() {
            writeln!(out, "{}", escape(&help.to_string()))?;
        }
    }
    if let Some(after) = sub.get_after_help() {
        writeln!(out, ".PP")?;
        writeln!(out, ".nf")?;
        writeln!(out, "{}", escape(&after.to_string()))?;
        writeln!(out, ".fi")?;
    }
    Ok(())
}

/// The FINDINGS section: every finding id `explain --json` may print, and when.
fn findings(out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, ".SH \"FINDINGS\"")?;
    writeln!(
        out,
        "{}",
        escape(
            "Each finding of explain --json has a stable id, listed here in the order the \
             rules run; its message is the sentence the text view prints, and may change."
        )
    )?;
    for (id, when) in Finding::IDS {
        writeln!(out, ".TP")?;
        writeln!(out, "\\fB{}\\fR", escape(id))?;
        writeln!(out, "{}", escape(when))?;
    }
    Ok(())
}

fn section(out: &mut dyn Write, title: &str, body: &str) -> io::Result<()> {
    writeln!(out, ".SH \"{title}\"")?;
    writeln!(out, ".nf")?;
    writeln!(out, "{}", escape(body))?;
    writeln!(out, ".fi")
}

fn paragraphs(out: &mut dyn Write, text: &str) -> io::Result<()> {
    for (i, p) in text.split("\n\n").enumerate() {
        if i > 0 {
            writeln!(out, ".PP")?;
        }
        writeln!(out, "{}", escape(p))?;
    }
    Ok(())
}

/// Escapes text for roff: backslashes, and a leading dot or quote that roff would take as a
/// request.
fn escape(text: &str) -> String {
    text.lines()
        .map(|l| {
            let l = l.replace('\\', "\\e").replace('-', "\\-");
            if l.starts_with('.') || l.starts_with('\'') {
                format!("\\&{l}")
            } else {
                l
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}
