//! Where `explain`'s streamed exchanges go: printed as they come (`--each`), counted into
//! a summary (`--summary`), or the one asked for (`--exchange N`); and the tally of what
//! they were, for the exit status.

use std::io::{self, Write};
use std::time::SystemTime;

use crate::error::{Error, Exit};
use crate::explain::{NoResponse, NoResponseReport, Report, explain_exchange};
use crate::redact::Secrets;
use crate::render;
use crate::run::input::{Sink, Step};
use crate::sanitize::sanitize;
use crate::summary::{Summary, exchange_status};
use crate::transcript::{Exchange, Frame};

/// `--each`: every exchange printed as it comes.
pub(super) struct Each<'a> {
    pub(super) out: &'a mut dyn Write,
    pub(super) now: SystemTime,
    pub(super) json: bool,
    pub(super) tally: Tally,
    /// The JSON line being written, kept from one exchange to the next.
    pub(super) line: Vec<u8>,
}

impl Sink for Each<'_> {
    fn before_read(&mut self) -> Result<(), Error> {
        self.out.flush().map_err(Error::Write)
    }

    fn exchange(&mut self, x: &Exchange) -> Result<Step, Error> {
        let mut result = explain_exchange(x, self.now);
        self.tally.add(&result);
        // With --host the first printed may be any number.
        let first = self.tally.exchanges == 1;
        print_numbered(
            self.out,
            &mut self.line,
            x.index,
            first,
            &mut result,
            self.json,
        )
        .map_err(Error::Write)?;
        Ok(Step::Go)
    }
}

/// `--summary`: every exchange counted into one report.
pub(super) struct Summing {
    pub(super) summary: Summary,
    pub(super) tally: Tally,
    pub(super) now: SystemTime,
}

impl Sink for Summing {
    fn before_read(&mut self) -> Result<(), Error> {
        Ok(())
    }

    fn exchange(&mut self, x: &Exchange) -> Result<Step, Error> {
        self.summary.add(x);
        match exchange_status(x) {
            Some(s) => self.tally.answered(s),
            // Why it got none, for the error when no exchange got one.
            None => self.tally.unanswered(explain_exchange(x, self.now).err()),
        }
        Ok(Step::Go)
    }

    fn takes_frames(&self) -> bool {
        true
    }

    fn frame(&mut self, f: Frame, known: &Secrets) -> Result<Step, Error> {
        self.summary.add_frame(&f, known);
        self.tally.answered(f.status);
        Ok(Step::Go)
    }

    fn wants_request_ids(&self) -> bool {
        self.summary.lists_failures()
    }
}

/// `--exchange N`: the Nth exchange explained, the reading stopped there.
pub(super) struct One {
    /// N: the exchange wanted, counting from 1.
    pub(super) wanted: u64,
    pub(super) now: SystemTime,
    pub(super) found: Option<Result<Report, NoResponse>>,
    pub(super) seen: u64,
    /// With `--curl` or `--handoff`: the exchange itself, for its request.
    pub(super) exchange: Option<Exchange>,
    pub(super) keep: bool,
}

impl Sink for One {
    fn before_read(&mut self) -> Result<(), Error> {
        Ok(())
    }

    fn exchange(&mut self, x: &Exchange) -> Result<Step, Error> {
        self.seen = self.seen.max(x.index);
        if x.index != self.wanted {
            return Ok(Step::Go);
        }
        self.found = Some(explain_exchange(x, self.now));
        if self.keep {
            self.exchange = Some(x.clone());
        }
        Ok(Step::Stop)
    }
}

/// One exchange of `--each`: a JSON line (made in `line`), or a report headed by its
/// number.
pub(super) fn print_exchange(
    out: &mut dyn Write,
    line: &mut Vec<u8>,
    index: u64,
    mut result: Result<Report, NoResponse>,
    json: bool,
) -> io::Result<()> {
    print_numbered(out, line, index, index <= 1, &mut result, json)
}

/// As [`print_exchange`]; `first`: whether it is the first printed (no blank line before).
/// The report is taken where it stands: it is large to move.
fn print_numbered(
    out: &mut dyn Write,
    line: &mut Vec<u8>,
    index: u64,
    first: bool,
    result: &mut Result<Report, NoResponse>,
    json: bool,
) -> io::Result<()> {
    match (result, json) {
        (Ok(r), true) => {
            r.index = Some(index);
            line.clear();
            render::report_line(line, r)?;
            out.write_all(line)
        }
        (Ok(r), false) => {
            if !first {
                writeln!(out)?;
            }
            render::exchange_heading(out, index)?;
            render::report(out, r)
        }
        (Err(why), true) => {
            let message = sanitize(&why.to_string()).into_owned();
            render::json_line(out, &NoResponseReport::new(message, Some(index), None))
        }
        (Err(why), false) => {
            if !first {
                writeln!(out)?;
            }
            render::exchange_heading(out, index)?;
            render::no_response(out, &sanitize(&why.to_string()))
        }
    }
}

/// What `--each` saw, for its exit status.
#[derive(Debug, Default)]
pub(super) struct Tally {
    pub(super) exchanges: u64,
    pub(super) responded: u64,
    pub(super) worst_class: u16,
    pub(super) last_error: Option<NoResponse>,
}

impl Tally {
    pub(super) fn add(&mut self, result: &Result<Report, NoResponse>) {
        match result {
            Ok(r) => self.answered(r.status()),
            Err(why) => self.unanswered(Some(why.clone())),
        }
    }

    /// One more exchange, answered with `status`.
    pub(super) fn answered(&mut self, status: u16) {
        self.exchanges += 1;
        self.responded += 1;
        self.worst_class = self.worst_class.max(status / 100);
    }

    /// One more exchange, with no answer, for the reason `why`.
    pub(super) fn unanswered(&mut self, why: Option<NoResponse>) {
        self.exchanges += 1;
        self.last_error = why;
    }

    /// 1 when no exchange got a response; else, with `--fail`, 5 for any 5xx, else 4 for
    /// any 4xx, else 0.
    pub(super) fn outcome(self, fail: bool, host: bool) -> Result<Exit, Error> {
        if self.responded == 0 {
            return Err(match (self.exchanges, self.last_error) {
                (0, _) if host => Error::NoExchange(HOST_NOT_SHOWN.to_string()),
                (1, Some(why)) => Error::NoResponse(why),
                (n, _) => Error::NoneResponded(n),
            });
        }
        Ok(fail_code(fail, self.worst_class * 100))
    }
}

pub(super) fn fail_code(fail: bool, status: u16) -> Exit {
    match (fail, status / 100) {
        (true, 4) => Exit::ClientError,
        (true, 5) => Exit::ServerError,
        _ => Exit::Ok,
    }
}
pub(super) const HOST_NOT_SHOWN: &str = "--host: no exchange in the input shows the host its request went to \
    (`curl -v ... 2>&1`, HTTPie `-v` and HAR files show it; `curl -i` does not)";
