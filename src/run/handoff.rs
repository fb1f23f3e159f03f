//! `explain --curl` and `explain --handoff`: the replay of one exchange's request, and the
//! support post for one exchange or (with `--summary`) for the failures of a whole log.

use std::io::Write;
use std::time::SystemTime;

use crate::error::{Error, Exit};
use crate::explain::{NoResponse, Report, explain_exchange};
use crate::handoff::{self, summary::Groups};
use crate::redact::Secrets;
use crate::replay::{self, NotShown, request_of};
use crate::run::input::{Sink, Step};
use crate::run::sinks::{Tally, fail_code};
use crate::summary::exchange_status;
use crate::transcript::Exchange;

/// Prints the curl command that repeats `x`'s request.
pub(super) fn curl(x: &Exchange, secrets: &Secrets, out: &mut dyn Write) -> Result<Exit, Error> {
    let req = request_of(x).ok_or(Error::RequestNotShown(NotShown::NoRequest))?;
    let r = replay::replay(req, secrets, replay::Options { body: true })
        .map_err(Error::RequestNotShown)?;
    out.write_all(r.script().as_bytes()).map_err(Error::Write)?;
    Ok(Exit::Ok)
}

/// Prints the post for `x`; an exchange with no response is posted too, then reported as
/// the error it is.
pub(super) fn post(
    x: &Exchange,
    found: Result<Report, NoResponse>,
    secrets: &Secrets,
    opts: handoff::Options,
    fail: bool,
    out: &mut dyn Write,
) -> Result<Exit, Error> {
    handoff::post(out, x, found.as_ref(), secrets, opts).map_err(Error::Write)?;
    match found {
        Ok(r) => Ok(fail_code(fail, r.status())),
        Err(why) => Err(Error::NoResponse(why)),
    }
}

/// `--summary --handoff`: every exchange grouped, when it failed, by status and endpoint.
pub(super) struct Grouping {
    pub(super) groups: Groups,
    pub(super) tally: Tally,
    pub(super) now: SystemTime,
}

impl Sink for Grouping {
    fn before_read(&mut self) -> Result<(), Error> {
        Ok(())
    }

    fn exchange(&mut self, x: &Exchange) -> Result<Step, Error> {
        match exchange_status(x) {
            Some(s) => {
                self.tally.answered(s);
                self.groups.add(x, None);
            }
            None => {
                let why = explain_exchange(x, self.now).err();
                self.groups.add(x, why.as_ref());
                self.tally.unanswered(why);
            }
        }
        Ok(Step::Go)
    }
}
