//! The `explain` command: read a transcript in chunks, explain it, print the report.

use std::fs::File;
use std::io::{self, BufRead, BufReader, IsTerminal, Read, Write};
use std::path::Path;
use std::time::SystemTime;

use crate::error::{Error, Exit};
use crate::explain::explain;
use crate::render;
use crate::transcript::{Decoder, Parser, Transcript};

/// The size of each read: large enough to stream at memory speed, small enough to bound
/// memory.
const CHUNK: usize = 64 * 1024;

/// Reads a whole transcript through the decoder (a BOM, UTF-16) and the incremental
/// parser, never holding more than one chunk of input at a time.
pub fn parse_reader(input: impl Read) -> io::Result<Transcript> {
    let mut parser = Parser::new();
    let mut decoder = Decoder::new();
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
        decoder.feed(chunk, &mut |text: &[u8]| parser.feed(text));
        reader.consume(n);
    }
    decoder.finish(&mut |text: &[u8]| parser.feed(text));
    let mut t = parser.finish();
    t.encoding = Some(decoder.encoding());
    Ok(t)
}

/// Runs `explain`: FILE (or stdin when absent or `-`), `--fail`, the clock (`--now`, RFC
/// 3339, for tests), `--json`.
pub fn run(
    file: Option<&Path>,
    fail: bool,
    now: Option<&str>,
    json: bool,
    out: &mut dyn Write,
) -> Result<Exit, Error> {
    let now = match now {
        None => SystemTime::now(),
        Some(s) => humantime::parse_rfc3339_weak(s).map_err(|reason| Error::BadNow {
            value: s.to_string(),
            reason,
        })?,
    };
    let transcript = match file.filter(|f| f.as_os_str() != "-") {
        Some(path) => {
            let open = |source| Error::Open {
                path: path.to_path_buf(),
                source,
            };
            // A directory opens, then fails to read: name the path either way.
            parse_reader(File::open(path).map_err(open)?).map_err(open)?
        }
        None => {
            let stdin = io::stdin();
            if stdin.is_terminal() {
                return Err(Error::NoInput);
            }
            parse_reader(stdin.lock()).map_err(Error::Read)?
        }
    };
    let report = explain(&transcript, now).map_err(Error::NoResponse)?;
    if json {
        render::json(out, &report)?;
    } else {
        render::report(out, &report)?;
    }
    Ok(match (fail, report.status / 100) {
        (true, 4) => Exit::ClientError,
        (true, 5) => Exit::ServerError,
        _ => Exit::Ok,
    })
}
