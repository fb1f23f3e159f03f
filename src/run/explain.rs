//! The `explain` command: read a transcript or HAR in chunks, explain its last exchange,
//! every exchange (`--each`, streamed) or one (`--exchange N`), and print the reports.

use std::fs::File;
use std::io::{self, IsTerminal, Read, Write};
use std::path::Path;
use std::time::SystemTime;

use crate::error::{Error, Exit, InputSource};
use crate::explain::{NoResponse, NoResponseReport, Report, explain};
use crate::handoff::summary::Groups;
use crate::host::HostFilter;
use crate::render;
use crate::run::handoff::{self, Grouping};
use crate::run::input::{HarRead, HostTally, Input, read_input, stream_input};
use crate::run::progress::Progress;
use crate::run::sinks::{Each, HOST_NOT_SHOWN, One, Summing, Tally, fail_code, print_exchange};
use crate::sanitize::sanitize;
use crate::summary::Summary;
use crate::transcript::Transcript;

/// Which exchanges `explain` explains.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// The last one (no flag).
    Last,
    /// Every one, in input order (`--each`).
    Each,
    /// The Nth, counting from 1 (`--exchange N`).
    One(u64),
    /// One report over all of them (`--summary`).
    Summary,
}

/// What `explain` was asked to do.
#[derive(Debug, Clone, Copy)]
pub struct Options<'a> {
    /// The transcript; stdin when `None` or `-`.
    pub file: Option<&'a Path>,
    /// `--fail`: exit 4 or 5 by the class of the final status.
    pub fail: bool,
    /// The current time, RFC 3339 (`--now`, for tests).
    pub now: Option<&'a str>,
    /// `--host`: only the exchanges whose request went there.
    pub host: Option<&'a str>,
    /// `--json`.
    pub json: bool,
    /// Which exchanges to explain.
    pub mode: Mode,
    /// What to print of them.
    pub output: Output,
}

/// What `explain` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Output {
    /// The report (text or `--json`).
    Report,
    /// `--curl`: the command that repeats the request.
    Curl,
    /// `--handoff`: the support post.
    Handoff(crate::handoff::Options),
}

/// Runs `explain`.
pub fn run(opts: &Options, out: &mut dyn Write) -> Result<Exit, Error> {
    let now = match opts.now {
        None => SystemTime::now(),
        Some(s) => humantime::parse_rfc3339_weak(s).map_err(|reason| Error::BadNow {
            value: s.to_string(),
            reason,
        })?,
    };
    let year = crate::applog::time::year_of(now);
    let host = opts
        .host
        .map(HostFilter::parse)
        .transpose()
        .map_err(Error::BadHost)?;
    let (reader, source, size): (Box<dyn Read>, InputSource, Option<u64>) =
        match opts.file.filter(|f| f.as_os_str() != "-") {
            Some(path) => {
                let source = InputSource::File(path.to_path_buf());
                let file = File::open(path).map_err(|e| source.unreadable(e))?;
                let size = file
                    .metadata()
                    .ok()
                    .filter(|m| m.is_file())
                    .map(|m| m.len());
                (Box::new(file), source, size)
            }
            None => {
                let stdin = io::stdin();
                if stdin.is_terminal() {
                    return Err(Error::NoInput);
                }
                (Box::new(stdin.lock()), InputSource::Stdin, None)
            }
        };
    // A large file, or a slow pipe, gets a progress line when stderr is a terminal.
    let progress = || Progress::new(size, io::stderr().is_terminal());
    match opts.mode {
        Mode::Last => {
            let input = read_input(reader, &source, host.as_ref(), progress(), year)?;
            last(input, host.as_ref(), opts, now, out)
        }
        Mode::Each => {
            let mut sink = Each {
                out,
                now,
                json: opts.json,
                tally: Tally::default(),
                line: Vec::new(),
            };
            // The reports stream out as exchanges complete: no progress line over them.
            let input = stream_input(
                reader,
                &source,
                host.as_ref(),
                &mut sink,
                Progress::off(),
                year,
            )?;
            check_input(&input, host.as_ref())?;
            if nothing_handed_out(&input, sink.tally.exchanges, host.as_ref()) {
                // Not one exchange (a body alone, or nothing): no exchange is printed, and
                // the error says why.
                let mut report = explain(&input.transcript, now).map_err(Error::NoResponse)?;
                report.exchanges = None;
                let result = Ok(report);
                sink.tally.add(&result);
                print_exchange(sink.out, &mut sink.line, 1, result, opts.json)
                    .map_err(Error::Write)?;
            }
            sink.tally.outcome(opts.fail, host.is_some())
        }
        Mode::Summary if matches!(opts.output, Output::Handoff(_)) => {
            let Output::Handoff(ho) = opts.output else {
                unreachable!("matched above")
            };
            let mut sink = Grouping {
                groups: Groups::new(ho),
                tally: Tally::default(),
                now,
            };
            let input = stream_input(reader, &source, host.as_ref(), &mut sink, progress(), year)?;
            check_input(&input, host.as_ref())?;
            sink.groups.write(out).map_err(Error::Write)?;
            let tally = sink.tally;
            if nothing_handed_out(&input, tally.exchanges, host.as_ref()) {
                if let Err(why) = explain(&input.transcript, now) {
                    return Err(Error::NoResponse(why));
                }
            }
            tally.outcome(opts.fail, host.is_some())
        }
        Mode::Summary => {
            let mut sink = Summing {
                summary: Summary::new(),
                tally: Tally::default(),
                now,
            };
            let input = stream_input(reader, &source, host.as_ref(), &mut sink, progress(), year)?;
            check_input(&input, host.as_ref())?;
            let report = sink.summary.report();
            if opts.json {
                render::json(out, &report)
            } else {
                let var = |name| std::env::var(name).ok();
                let unicode = render::unicode_capable(
                    var("TERM").as_deref(),
                    var("LC_ALL").as_deref(),
                    var("LC_CTYPE").as_deref(),
                    var("LANG").as_deref(),
                );
                render::summary(out, &report, unicode)
            }
            .map_err(Error::Write)?;
            let mut tally = sink.tally;
            if nothing_handed_out(&input, tally.exchanges, host.as_ref()) {
                if let Err(why) = explain(&input.transcript, now) {
                    return Err(Error::NoResponse(why));
                }
            }
            tally.exchanges = tally.exchanges.max(report.exchanges);
            tally.outcome(opts.fail, host.is_some())
        }
        Mode::One(n) => {
            let mut sink = One {
                wanted: n,
                now,
                found: None,
                seen: 0,
                exchange: None,
                keep: opts.output != Output::Report,
            };
            let input = stream_input(reader, &source, host.as_ref(), &mut sink, progress(), year)?;
            check_input(&input, host.as_ref())?;
            let t = &input.transcript;
            let found = match sink.found {
                Some(found) => found,
                None if n == 1 && t.exchanges == 0 && input.har.is_none() => {
                    explain(t, now).map(|mut r| {
                        r.exchanges = None;
                        r
                    })
                }
                // Numbered in the input, with or without --host.
                None if n <= input.tally.seen && host.is_some() => {
                    return Err(Error::NoExchange(format!(
                        "exchange {n} did not go to {}: --each --host lists those that did",
                        host.as_ref().map(ToString::to_string).unwrap_or_default()
                    )));
                }
                None => {
                    return Err(Error::NoSuchExchange {
                        index: n,
                        exchanges: sink.seen.max(t.exchanges).max(input.tally.seen),
                    });
                }
            };
            let x = sink.exchange.unwrap_or_default();
            match opts.output {
                Output::Report => one(found, n, opts, out),
                Output::Curl => handoff::curl(&x, &x.secrets, out),
                Output::Handoff(ho) => handoff::post(&x, found, &x.secrets, ho, opts.fail, out),
            }
        }
    }
}

/// The last exchange, as `explain` with no flag explains it.
fn last(
    input: Input,
    host: Option<&HostFilter>,
    opts: &Options,
    now: SystemTime,
    out: &mut dyn Write,
) -> Result<Exit, Error> {
    check_input(&input, host)?;
    let t = input.transcript;
    match opts.output {
        Output::Report => {}
        Output::Curl => return handoff::curl(&t.last, &t.secrets, out),
        Output::Handoff(ho) => {
            return handoff::post(&t.last, explain(&t, now), &t.secrets, ho, opts.fail, out);
        }
    }
    match explain(&t, now) {
        Ok(report) => {
            print(out, &report, opts.json).map_err(Error::Write)?;
            Ok(fail_code(opts.fail, report.status()))
        }
        Err(why) => Err(no_response(&t, why, opts.json, out).map_err(Error::Write)?),
    }
}

/// The error for a last exchange that got no response; with `--json`, its object printed.
fn no_response(
    t: &Transcript,
    why: NoResponse,
    json: bool,
    out: &mut dyn Write,
) -> io::Result<Error> {
    let error = if t.exchanges > 1 {
        Error::LastNoResponse {
            why,
            exchanges: t.exchanges,
            responded: t.responded,
        }
    } else {
        Error::NoResponse(why)
    };
    if json {
        let mut r = NoResponseReport::new(error.to_string(), None, Some(t.exchanges));
        r.responded = Some(t.responded);
        render::json(out, &r)?;
    }
    Ok(error)
}

/// Exchange `n`, as `--each` numbers them (`--exchange N`).
fn one(
    found: Result<Report, NoResponse>,
    n: u64,
    opts: &Options,
    out: &mut dyn Write,
) -> Result<Exit, Error> {
    match found {
        Ok(mut report) => {
            report.index = Some(n);
            if !opts.json {
                render::exchange_heading(out, n).map_err(Error::Write)?;
            }
            print(out, &report, opts.json).map_err(Error::Write)?;
            Ok(fail_code(opts.fail, report.status()))
        }
        Err(why) => {
            let error = Error::ExchangeNoResponse { index: n, why };
            if opts.json {
                render::json(
                    out,
                    &NoResponseReport::new(error.to_string(), Some(n), None),
                )
                .map_err(Error::Write)?;
            }
            Err(error)
        }
    }
}

fn print(out: &mut dyn Write, report: &Report, json: bool) -> io::Result<()> {
    if json {
        render::json(out, report)
    } else {
        render::report(out, report)
    }
}

/// A HAR that broke off is reported up to where it broke, with a warning; one that left
/// nothing to explain is an error.
/// The checks every mode makes once the input is read: a HAR that broke off (a warning,
/// or the error when no entry came before the break), and a `--host` that kept nothing.
fn check_input(input: &Input, host: Option<&HostFilter>) -> Result<(), Error> {
    if let Some(har) = &input.har {
        check_har(har)?;
    }
    check_host(&input.tally, host, input.har.is_some())
}

/// Whether a streamed input handed out no exchange where it may still hold one the parser
/// does not hand out: a bare status code (a HAR, or a `--host` that kept nothing, holds
/// none).
fn nothing_handed_out(input: &Input, handed_out: u64, host: Option<&HostFilter>) -> bool {
    handed_out == 0 && input.har.is_none() && host.is_none()
}

fn check_har(har: &HarRead) -> Result<(), Error> {
    if let Some(e) = &har.error {
        if har.entries > 0 {
            warn(&e.to_string());
        } else {
            return Err(Error::NoExchange(format!(
                "the HAR breaks off in entry {} ({} at byte {}): no entry to explain",
                e.entry, e.syntax.what, e.syntax.offset
            )));
        }
    } else if har.entries == 0 {
        return Err(Error::NoExchange(
            "the HAR holds no entries: export it again with the requests recorded \
             (devtools: keep the Network panel open while they run)"
                .to_string(),
        ));
    }
    Ok(())
}

/// With `--host`, an input none of whose exchanges went there is an error that says what
/// there was.
fn check_host(tally: &HostTally, host: Option<&HostFilter>, har: bool) -> Result<(), Error> {
    let Some(filter) = host else {
        return Ok(());
    };
    if tally.kept > 0 {
        return Ok(());
    }
    let what = if har { "HAR entry" } else { "exchange" };
    Err(Error::NoExchange(if tally.hostless == tally.seen {
        HOST_NOT_SHOWN.to_string()
    } else {
        format!(
            "no {what} went to {filter} ({} of {} went to {}{})",
            tally.seen - tally.hostless,
            tally.seen,
            tally.hosts.join(", "),
            if tally.hostless > 0 {
                "; the others show no host"
            } else {
                ""
            }
        )
    }))
}

fn warn(message: &str) {
    let _ = writeln!(
        io::stderr().lock(),
        "hike-status: warning: {}",
        sanitize(message)
    );
}
