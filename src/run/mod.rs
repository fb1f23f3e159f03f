//! Running a command: the body of each command, and the exit status it ends with.

mod explain;

use std::ffi::OsString;
use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;

use clap::{CommandFactory, Parser};

use crate::cli::{Cli, Command, EXIT_NOT_FOUND, EXIT_OK, EXIT_USAGE, Query, use_color};
use crate::render;
use crate::table::search::search;
use crate::table::{self, CodeInfo, table};

/// An error worth one line on stderr, with the exit status it carries.
#[derive(Debug)]
pub struct Failure {
    /// The message, without the `hike-status: error:` prefix.
    pub message: String,
    /// The exit status.
    pub code: u8,
}

impl Failure {
    /// A failure with a message and an exit status.
    pub fn new(code: u8, message: impl Into<String>) -> Failure {
        Failure {
            message: message.into(),
            code,
        }
    }
}

/// What a command did: an exit status, and perhaps one error line for stderr.
pub type Outcome = Result<u8, Failure>;

/// Parses the arguments and runs the command; the whole program behind `main`.
pub fn main_with_args<I, T>(args: I) -> ExitCode
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            // clap prints help and version to stdout and errors to stderr.
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { EXIT_USAGE } else { EXIT_OK });
        }
    };
    let color = use_color(
        cli.global.color,
        cli.global.json,
        io::stdout().is_terminal(),
        std::env::var("NO_COLOR").ok().as_deref(),
        std::env::var("TERM").ok().as_deref(),
    );
    colored::control::set_override(color);

    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let result = run(&cli, &mut out).and_then(|code| out.flush().map(|()| code));
    match result {
        Ok(Ok(code)) => ExitCode::from(code),
        Ok(Err(failure)) => {
            let _ = out.flush();
            report(&failure.message);
            ExitCode::from(failure.code)
        }
        // A closed pipe (`| head -1`) is the reader's choice, not an error.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::from(EXIT_OK),
        Err(e) => {
            report(&format!("cannot write output: {e}"));
            ExitCode::from(EXIT_USAGE)
        }
    }
}

fn report(message: &str) {
    let _ = writeln!(io::stderr().lock(), "hike-status: error: {message}");
}

/// Runs a parsed command line, writing its output to `out`.
///
/// The outer `io::Result` is a failure to write; the inner [`Outcome`] is the command's.
pub fn run(cli: &Cli, out: &mut dyn Write) -> io::Result<Outcome> {
    let json = cli.global.json;
    match &cli.command {
        None => lookup(&cli.codes, json, out),
        Some(Command::List { class, all }) => {
            let infos: Vec<CodeInfo> = table()
                .codes(*class, *all)
                .into_iter()
                .map(table::Entry::info)
                .collect();
            print_lines(out, &infos, json)?;
            match class {
                Some(c) if infos.is_empty() => Ok(Err(Failure::new(
                    EXIT_NOT_FOUND,
                    format!(
                        "Hike documents no {c}xx code; `hike-status list --all {c}xx` lists the registry's"
                    ),
                ))),
                _ => Ok(Ok(EXIT_OK)),
            }
        }
        Some(Command::Search { words }) => {
            let hits = search(table(), words);
            if hits.is_empty() {
                if json {
                    render::json(out, &Vec::<CodeInfo>::new())?;
                }
                return Ok(Err(Failure::new(
                    EXIT_NOT_FOUND,
                    format!(
                        "no status code matches \"{}\"",
                        crate::sanitize::sanitize(&words.join(" "))
                    ),
                )));
            }
            let infos: Vec<CodeInfo> = hits.iter().map(|h| h.entry.info()).collect();
            print_lines(out, &infos, json)?;
            Ok(Ok(EXIT_OK))
        }
        Some(Command::Explain { file, fail, now }) => {
            explain::run(file.as_deref(), *fail, now.as_deref(), json, out)
        }
        Some(Command::Completions { shell }) => {
            clap_complete::generate(*shell, &mut Cli::command(), "hike-status", out);
            Ok(Ok(EXIT_OK))
        }
        Some(Command::Man) => {
            crate::manpage::write(out)?;
            Ok(Ok(EXIT_OK))
        }
    }
}

fn print_lines(out: &mut dyn Write, infos: &[CodeInfo], json: bool) -> io::Result<()> {
    if json {
        render::json(out, infos)
    } else {
        render::code_lines(out, infos)
    }
}

fn lookup(queries: &[Query], json: bool, out: &mut dyn Write) -> io::Result<Outcome> {
    let mut infos = Vec::new();
    let mut missing = Vec::new();
    for q in queries {
        match *q {
            Query::Code(code) => match table().info(code) {
                Some(info) => infos.push(info),
                None => missing.push(code),
            },
            Query::Class(c) => {
                infos.extend(table().class_codes(c).into_iter().map(table::Entry::info))
            }
        }
    }
    let single = queries.len() == 1 && matches!(queries[0], Query::Code(_));
    if json {
        match infos.as_slice() {
            [one] if single => render::json(out, one)?,
            [] if single => {}
            _ => render::json(out, &infos)?,
        }
    } else {
        for (i, info) in infos.iter().enumerate() {
            if i > 0 {
                writeln!(out)?;
            }
            render::code_detail(out, info)?;
        }
    }
    if missing.is_empty() {
        return Ok(Ok(EXIT_OK));
    }
    let list: Vec<String> = missing.iter().map(|c| format!("{c:03}")).collect();
    Ok(Err(Failure::new(
        EXIT_NOT_FOUND,
        format!(
            "{} {} no HTTP status code: they run from 100 to 599",
            list.join(", "),
            if missing.len() == 1 { "is" } else { "are" }
        ),
    )))
}
