//! The `explain` command: read a transcript in chunks, explain it, print the report.

use std::fs::File;
use std::io::{self, BufRead, BufReader, IsTerminal, Read, Write};
use std::path::Path;
use std::time::SystemTime;

use crate::cli::{EXIT_NOT_FOUND, EXIT_OK, EXIT_USAGE};
use crate::explain::explain;
use crate::render;
use crate::run::{Failure, Outcome};
use crate::transcript::{Parser, Transcript};

/// The size of each read: large enough to stream at memory speed, small enough to bound
/// memory.
const CHUNK: usize = 64 * 1024;

const USAGE: &str = "explain needs a transcript: stdin is a terminal, so give FILE or pipe one in.
Examples:
  curl -si https://api.hikeup.com/api/v1/products | hike-status explain
  curl -sv https://api.hikeup.com/api/v1/products 2>&1 | hike-status explain
  hike-status explain response.txt";

/// Reads a whole transcript through the incremental parser, never holding more than one
/// chunk of input at a time.
pub fn parse_reader(input: impl Read) -> io::Result<Transcript> {
    let mut parser = Parser::new();
    // BufReader's buffer is not zeroed first, and is read into directly.
    let mut reader = BufReader::with_capacity(CHUNK, input);
    loop {
        let chunk = match reader.fill_buf() {
            Ok(chunk) => chunk,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if chunk.is_empty() {
            break;
        }
        let n = chunk.len();
        parser.feed(chunk);
        reader.consume(n);
    }
    Ok(parser.finish())
}

/// Runs `explain`: FILE (or stdin when absent or `-`), `--fail`, the clock (`--now`, RFC
/// 3339, for tests), `--json`.
pub fn run(
    file: Option<&Path>,
    fail: bool,
    now: Option<&str>,
    json: bool,
    out: &mut dyn Write,
) -> io::Result<Outcome> {
    let now = match now {
        None => SystemTime::now(),
        Some(s) => match humantime::parse_rfc3339_weak(s) {
            Ok(t) => t,
            Err(e) => {
                return Ok(Err(Failure::new(
                    EXIT_USAGE,
                    format!("--now {s}: not an RFC 3339 time ({e})"),
                )));
            }
        },
    };
    let transcript = match file.filter(|f| f.as_os_str() != "-") {
        Some(path) => match File::open(path) {
            Ok(f) => parse_reader(f),
            Err(e) => return Ok(Err(open_failure(path, &e))),
        },
        None => {
            let stdin = io::stdin();
            if stdin.is_terminal() {
                return Ok(Err(Failure::new(EXIT_USAGE, USAGE)));
            }
            parse_reader(stdin.lock())
        }
    };
    let transcript = match transcript {
        Ok(t) => t,
        Err(e) => {
            return Ok(Err(Failure::new(
                EXIT_USAGE,
                format!("cannot read the input: {e}"),
            )));
        }
    };
    match explain(&transcript, now) {
        Ok(report) => {
            if json {
                render::json(out, &report)?;
            } else {
                render::report(out, &report)?;
            }
            let code = match (fail, report.status / 100) {
                (true, 4) => 4,
                (true, 5) => 5,
                _ => EXIT_OK,
            };
            Ok(Ok(code))
        }
        Err(why) => Ok(Err(Failure::new(
            EXIT_NOT_FOUND,
            crate::sanitize::sanitize(&why.to_string()).into_owned(),
        ))),
    }
}

fn open_failure(path: &Path, e: &io::Error) -> Failure {
    let shown = path.display().to_string();
    let mut message = format!("cannot read {}: {}", crate::sanitize::sanitize(&shown), e);
    let code_like = shown.len() == 3 && shown.bytes().all(|b| b.is_ascii_digit())
        || crate::table::parse_class(&shown).is_some();
    if e.kind() == io::ErrorKind::NotFound && code_like {
        message.push_str(&format!(
            "\n  to look up a status code, run `hike-status {shown}`"
        ));
    }
    Failure::new(EXIT_USAGE, message)
}
