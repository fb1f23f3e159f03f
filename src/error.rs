//! Errors: the one error type every command returns, and the exit status each one carries.

use std::fmt;
use std::io;
use std::path::PathBuf;
use std::process::ExitCode;

use crate::explain::NoResponse;
use crate::sanitize::sanitize;

/// The exit statuses `hike-status` documents in `--help` and the man page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum Exit {
    /// Success.
    Ok = 0,
    /// Nothing found: no such code, no search match, no response in the input.
    NotFound = 1,
    /// A usage error (clap's own) or unreadable input.
    Usage = 2,
    /// `explain --fail`: the final response is a 4xx.
    ClientError = 4,
    /// `explain --fail`: the final response is a 5xx.
    ServerError = 5,
}

impl From<Exit> for ExitCode {
    fn from(e: Exit) -> ExitCode {
        ExitCode::from(e as u8)
    }
}

/// The exit-status section of `--help` and the man page, as a literal for `concat!`.
macro_rules! exit_codes {
    () => {
        "Exit status:
  0  success
  1  nothing found: a number that is no status code (999), a search with no match,
     no HTTP response in the exchange `explain` explains (or none that went to
     --host), or (`--each`, `--summary`) in any exchange of the input; for
     `--curl`, an input that does not show the request
  2  usage error (unknown flag, `abc`, `42`, two of `--each`, `--summary` and
     `--exchange`, `--curl` or `--handoff` with `--json`) or an unreadable FILE
  4  `explain --fail`: the explained exchange ended in a 4xx; with `--each` or
     `--summary`, some exchange did and none ended in a 5xx
  5  `explain --fail`: the explained exchange ended in a 5xx; with `--each` or
     `--summary`, some exchange did"
    };
}

pub(crate) use exit_codes;

/// The exit-status section, as `--help` and the man page print it.
pub const EXIT_CODES: &str = exit_codes!();

/// Why a command failed: one line (or a short paragraph) for stderr, and an exit status.
///
/// An `io::Error` does not convert to it by itself: a failure to read the input is
/// [`Error::Open`] or [`Error::Read`] (the reader names which), a failure to write the
/// output [`Error::Write`], each said where it happens.
#[derive(Debug)]
pub enum Error {
    /// Numbers that are no HTTP status code (outside 100..=599).
    NoSuchCode(Vec<u16>),
    /// `list CLASS` of a class Hike documents no code of.
    NoDocumentedCode(u8),
    /// `search` found nothing for these words.
    NoMatch(String),
    /// The input of `explain` holds no final HTTP response.
    NoResponse(NoResponse),
    /// The last of several exchanges got no response.
    LastNoResponse {
        /// Why.
        why: NoResponse,
        /// How many exchanges the input holds.
        exchanges: u64,
        /// How many of them got a response.
        responded: u64,
    },
    /// `explain --exchange N`: exchange N got no response.
    ExchangeNoResponse {
        /// N.
        index: u64,
        /// Why.
        why: NoResponse,
    },
    /// `explain --each`: none of the exchanges got a response.
    NoneResponded(u64),
    /// `explain --exchange N` past the last exchange.
    NoSuchExchange {
        /// N.
        index: u64,
        /// How many exchanges the input holds.
        exchanges: u64,
    },
    /// `--now` is no RFC 3339 time.
    BadNow {
        /// The value given.
        value: String,
        /// Why it does not parse.
        reason: humantime::TimestampError,
    },
    /// `explain` was given no FILE while stdin is a terminal.
    NoInput,
    /// FILE cannot be opened or read (a directory opens, then fails to read).
    Open {
        /// The path given.
        path: PathBuf,
        /// Why it cannot be opened or read.
        source: io::Error,
    },
    /// stdin cannot be read.
    Read(io::Error),
    /// `--host` is no host name.
    BadHost(String),
    /// Nothing to explain once the input was read: a HAR with no entries, no exchange that
    /// went to `--host`, or none that shows its host.
    NoExchange(String),
    /// `explain --curl`: the input does not show the request.
    RequestNotShown(crate::replay::NotShown),
    /// The output cannot be written (a closed pipe is not an error: see [`Error::is_broken_pipe`]).
    Write(io::Error),
}

/// Where the input is read from: a failure to open or read it names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InputSource {
    /// FILE.
    File(PathBuf),
    /// Standard input.
    Stdin,
}

impl InputSource {
    /// The error for a failure to open or read the input (a directory opens, then fails to
    /// read: the path is named either way).
    pub fn unreadable(&self, source: io::Error) -> Error {
        match self {
            InputSource::File(path) => Error::Open {
                path: path.clone(),
                source,
            },
            InputSource::Stdin => Error::Read(source),
        }
    }
}

const NO_INPUT: &str =
    "explain needs a transcript: stdin is a terminal, so give FILE or pipe one in.
Examples:
  curl -si https://api.hikeup.com/api/v1/products/get_all | hike-status explain
  curl -sv https://api.hikeup.com/api/v1/products/get_all 2>&1 | hike-status explain
  hike-status explain response.txt";

impl Error {
    /// The exit status this error ends the program with.
    pub fn exit(&self) -> Exit {
        match self {
            Error::NoSuchCode(_)
            | Error::NoDocumentedCode(_)
            | Error::NoMatch(_)
            | Error::NoResponse(_)
            | Error::NoExchange(_)
            | Error::RequestNotShown(_)
            | Error::LastNoResponse { .. }
            | Error::ExchangeNoResponse { .. }
            | Error::NoneResponded(_)
            | Error::NoSuchExchange { .. } => Exit::NotFound,
            Error::BadNow { .. }
            | Error::NoInput
            | Error::Open { .. }
            | Error::Read(_)
            | Error::BadHost(_)
            | Error::Write(_) => Exit::Usage,
        }
    }

    /// Whether this is a write to a pipe whose reader has gone (`| head -1`): the reader's
    /// choice, so a quiet success.
    pub fn is_broken_pipe(&self) -> bool {
        matches!(self, Error::Write(e) if e.kind() == io::ErrorKind::BrokenPipe)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::NoSuchCode(codes) => {
                let list: Vec<String> = codes.iter().map(|c| format!("{c:03}")).collect();
                write!(
                    f,
                    "{} {} no HTTP status code: they run from 100 to 599",
                    list.join(", "),
                    if codes.len() == 1 { "is" } else { "are" }
                )
            }
            Error::NoDocumentedCode(c) => write!(
                f,
                "Hike documents no {c}xx code; `hike-status list --all {c}xx` lists the registry's"
            ),
            Error::NoMatch(words) => {
                write!(f, "no status code matches \"{}\"", sanitize(words))
            }
            Error::NoResponse(why) => f.write_str(&sanitize(&why.to_string())),
            Error::BadHost(why) | Error::NoExchange(why) => f.write_str(&sanitize(why)),
            Error::RequestNotShown(why) => write!(f, "{why}"),
            Error::LastNoResponse {
                why,
                exchanges,
                responded,
            } => write!(
                f,
                "{} (the last of {exchanges} exchanges; {responded} earlier {} got a response: \
                 --each or --summary for all of them)",
                sanitize(&why.to_string()),
                if *responded == 1 { "one" } else { "ones" }
            ),
            Error::ExchangeNoResponse { index, why } => {
                write!(f, "exchange {index}: {}", sanitize(&why.to_string()))
            }
            Error::NoneResponded(n) => write!(f, "none of the {n} exchanges got a response"),
            Error::NoSuchExchange { index, exchanges } => write!(
                f,
                "there is no exchange {index}: the input holds {exchanges}"
            ),
            Error::BadNow { value, reason } => {
                write!(f, "--now {value}: not an RFC 3339 time ({reason})")
            }
            Error::NoInput => f.write_str(NO_INPUT),
            Error::Open { path, source } => {
                let shown = path.display().to_string();
                write!(f, "cannot read {}: {source}", sanitize(&shown))?;
                let code_like = shown.len() == 3 && shown.bytes().all(|b| b.is_ascii_digit())
                    || crate::table::parse_class(&shown).is_some();
                if source.kind() == io::ErrorKind::NotFound && code_like {
                    write!(f, "\n  to look up a status code, run `hike-status {shown}`")?;
                }
                Ok(())
            }
            Error::Read(e) => write!(f, "cannot read stdin: {e}"),
            Error::Write(e) => write!(f, "cannot write output: {e}"),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::NoResponse(e)
            | Error::LastNoResponse { why: e, .. }
            | Error::ExchangeNoResponse { why: e, .. } => Some(e),
            Error::BadNow { reason, .. } => Some(reason),
            Error::Open { source, .. } | Error::Read(source) | Error::Write(source) => Some(source),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_error_has_its_documented_status() {
        assert_eq!(Error::NoSuchCode(vec![999]).exit() as u8, 1);
        assert_eq!(Error::NoInput.exit() as u8, 2);
        let broken = Error::Write(io::Error::from(io::ErrorKind::BrokenPipe));
        assert!(broken.is_broken_pipe());
        assert!(!Error::Read(io::Error::from(io::ErrorKind::BrokenPipe)).is_broken_pipe());
        assert_eq!(
            Error::NoSuchCode(vec![99, 999]).to_string(),
            "099, 999 are no HTTP status code: they run from 100 to 599"
        );
    }
}
