//! The `explain` command: read a transcript in chunks, explain it, print the report.

use std::fs::File;
use std::io::{self, IsTerminal, Write};
use std::path::Path;
use std::time::SystemTime;

use crate::error::{Error, Exit};
use crate::explain::{Finding, explain};
use crate::host::{HostFilter, request_host};
use crate::render;
use crate::run::input::{HarRead, read_input};
use crate::sanitize::sanitize;

/// Runs `explain`: FILE (or stdin when absent or `-`), `--fail`, the clock (`--now`, RFC
/// 3339, for tests), `--host`, `--json`.
pub fn run(
    file: Option<&Path>,
    fail: bool,
    now: Option<&str>,
    host: Option<&str>,
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
    let host = host
        .map(HostFilter::parse)
        .transpose()
        .map_err(Error::BadHost)?;
    let input = match file.filter(|f| f.as_os_str() != "-") {
        Some(path) => {
            let open = |source| Error::Open {
                path: path.to_path_buf(),
                source,
            };
            // A directory opens, then fails to read: name the path either way.
            read_input(File::open(path).map_err(open)?, host.as_ref()).map_err(open)?
        }
        None => {
            let stdin = io::stdin();
            if stdin.is_terminal() {
                return Err(Error::NoInput);
            }
            read_input(stdin.lock(), host.as_ref()).map_err(Error::Read)?
        }
    };
    let transcript = input.transcript;
    if let Some(har) = &input.har {
        check_har(har, host.as_ref())?;
    } else if let Some(filter) = &host {
        // A transcript: its last exchange is kept when its request shows the host.
        let shown = transcript
            .last
            .final_response
            .as_ref()
            .and_then(|r| r.request.as_deref())
            .and_then(request_host);
        match shown {
            None => return Err(Error::NoExchange(HOST_NOT_SHOWN.to_string())),
            Some(h) if !filter.matches(&h) => {
                return Err(Error::NoExchange(format!(
                    "no exchange went to {}: the request went to {}",
                    filter, h
                )));
            }
            Some(_) => {}
        }
    }
    let mut report = explain(&transcript, now).map_err(Error::NoResponse)?;
    if let Some(har) = &input.har {
        if har.kept > 1 {
            report.findings.push(Finding::HarLastExchange {
                exchanges: har.kept,
                to_host: host.is_some(),
            });
        }
    }
    if json {
        render::json(out, &report)?;
    } else {
        render::report(out, &report)?;
    }
    Ok(match (fail, report.status() / 100) {
        (true, 4) => Exit::ClientError,
        (true, 5) => Exit::ServerError,
        _ => Exit::Ok,
    })
}

const HOST_NOT_SHOWN: &str = "--host: no exchange in the input shows the host its request went to \
    (`curl -v ... 2>&1`, HTTPie `-v` and HAR files show it; `curl -i` does not)";

/// A HAR that broke off is reported up to where it broke, with a warning; one that left
/// nothing to explain is an error.
fn check_har(har: &HarRead, host: Option<&HostFilter>) -> Result<(), Error> {
    if let Some(e) = &har.error {
        if har.entries > 0 {
            warn(&e.to_string());
        } else {
            return Err(Error::NoExchange(format!(
                "the HAR breaks off in entry {} ({} at byte {}): no entry to explain",
                e.entry, e.syntax.what, e.syntax.offset
            )));
        }
    }
    if har.kept > 0 {
        return Ok(());
    }
    Err(Error::NoExchange(match host {
        _ if har.entries == 0 => "the HAR holds no entries: export it again with the \
            requests recorded (devtools: keep the Network panel open while they run)"
            .to_string(),
        Some(_) if har.hostless == har.entries => HOST_NOT_SHOWN.to_string(),
        Some(filter) => format!(
            "no HAR entry went to {filter} ({} entries went to {})",
            har.entries,
            har.hosts.join(", ")
        ),
        None => "the HAR holds no entry to explain".to_string(),
    }))
}

fn warn(message: &str) {
    let _ = writeln!(
        io::stderr().lock(),
        "hike-status: warning: {}",
        sanitize(message)
    );
}
