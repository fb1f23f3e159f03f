//! Running a command: the body of each command, and the exit status it ends with.

mod explain;
mod handoff;
mod input;
mod progress;
mod sinks;

use std::ffi::OsString;
use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches};

use crate::cli::{self, Cli, Command, Query, use_color};
use crate::error::{Error, Exit};
use crate::render;
use crate::table::search::search;
use crate::table::{self, CodeInfo, table};

/// Parses the arguments and runs the command; the whole program behind `main`.
pub fn main_with_args<I, T>(args: I) -> ExitCode
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let args: Vec<OsString> = args.into_iter().map(Into::into).collect();
    let cli = match Cli::quick(&args).or_else(|| Cli::quick_explain(&args)) {
        Some(cli) => cli,
        None => match parse(&args) {
            Ok(cli) => cli,
            Err(code) => return code,
        },
    };
    execute(&cli)
}

/// Parses the arguments with clap; help, version and usage errors end the program here,
/// with the status to end it with.
fn parse(args: &[OsString]) -> Result<Cli, ExitCode> {
    let mut cmd = Cli::command().color(cli::clap_color(args));
    let parsed = cmd
        .try_get_matches_from_mut(args)
        .and_then(|m| Cli::from_arg_matches(&m));
    match parsed {
        // `hike-status --json` alone asks for nothing, as no arguments at all do: the same
        // answer, help on stderr and exit 2.
        Ok(cli) if cli.command.is_none() && cli.codes.is_empty() => {
            Err(match cmd.try_get_matches_from_mut(args.iter().take(1)) {
                Err(e) => clap_exit(e),
                Ok(_) => {
                    let _ = write!(io::stderr().lock(), "{}", cmd.render_help());
                    Exit::Usage.into()
                }
            })
        }
        // `--json` is global: clap cannot name it in a subcommand's conflicts.
        Ok(cli) => match json_conflict(&cli) {
            Some(flag) => Err(clap_exit(cmd.error(
                clap::error::ErrorKind::ArgumentConflict,
                format!("the argument '{flag}' cannot be used with '--json'"),
            ))),
            None => Ok(cli),
        },
        Err(e) => {
            let e = match cli::lookup_meant(args) {
                Some((word, meant)) if e.use_stderr() => cmd.error(
                    clap::error::ErrorKind::InvalidSubcommand,
                    if word.eq_ignore_ascii_case("help") {
                        format!(
                            "'{word}' takes a command name: for a code, give the code itself, \
                             as in `{meant}`"
                        )
                    } else {
                        format!("'{word}' is no command: give the code itself, as in `{meant}`")
                    },
                ),
                _ => e,
            };
            Err(clap_exit(e))
        }
    }
}

/// The flag of `explain` that takes no `--json` (`--curl`, `--handoff`), when both were
/// given.
fn json_conflict(cli: &Cli) -> Option<&'static str> {
    match &cli.command {
        Some(Command::Explain { curl: true, .. }) if cli.global.json => Some("--curl"),
        Some(Command::Explain { handoff: true, .. }) if cli.global.json => Some("--handoff"),
        _ => None,
    }
}

/// Runs a parsed command line: the output's width and color, the command, and the exit
/// status, with one error line on stderr when it failed.
fn execute(cli: &Cli) -> ExitCode {
    // One look at whether stdout is a terminal; only a terminal has a width to ask for.
    let stdout_is_terminal = io::stdout().is_terminal();
    render::set_terminal_width(
        stdout_is_terminal
            .then(|| terminal_size::terminal_size_of(io::stdout()))
            .flatten()
            .map(|(w, _)| usize::from(w.0)),
    );
    let color = use_color(
        cli.global.color,
        cli.global.json,
        stdout_is_terminal,
        std::env::var("NO_COLOR").ok().as_deref(),
        std::env::var("TERM").ok().as_deref(),
    );
    colored::control::set_override(color);

    let stdout = io::stdout();
    let mut out = io::BufWriter::with_capacity(64 * 1024, stdout.lock());
    let result =
        run(cli, &mut out).and_then(|code| out.flush().map(|()| code).map_err(Error::Write));
    match result {
        Ok(code) => code.into(),
        // A closed pipe (`| head -1`) is the reader's choice, not an error.
        Err(e) if e.is_broken_pipe() => Exit::Ok.into(),
        Err(e) => {
            // What was written before the failure goes out first; it may fail too.
            let _ = out.flush();
            let _ = writeln!(io::stderr().lock(), "hike-status: error: {e}");
            e.exit().into()
        }
    }
}

/// Prints clap's answer (help and version to stdout, errors to stderr) and its status.
fn clap_exit(e: clap::Error) -> ExitCode {
    let _ = e.print();
    if e.use_stderr() {
        Exit::Usage
    } else {
        Exit::Ok
    }
    .into()
}

/// Runs a parsed command line, writing its output to `out`: the exit status on success
/// (`explain --fail` may end a printed report with 4 or 5), or why it failed.
pub fn run(cli: &Cli, out: &mut dyn Write) -> Result<Exit, Error> {
    let json = cli.global.json;
    match &cli.command {
        None => lookup(&cli.queries(), json, out),
        Some(Command::List { class, all }) => {
            let infos: Vec<CodeInfo> = table()
                .codes(*class, *all)
                .into_iter()
                .map(table::Entry::info)
                .collect();
            print_lines(out, &infos, json).map_err(Error::Write)?;
            match class {
                Some(c) if infos.is_empty() => Err(Error::NoDocumentedCode(*c)),
                _ => Ok(Exit::Ok),
            }
        }
        Some(Command::Search { words }) => {
            let hits = search(words);
            if hits.is_empty() {
                if json {
                    render::json(out, &Vec::<CodeInfo>::new()).map_err(Error::Write)?;
                }
                return Err(Error::NoMatch(words.join(" ")));
            }
            let infos: Vec<CodeInfo> = hits.iter().map(|h| h.entry.info()).collect();
            print_lines(out, &infos, json).map_err(Error::Write)?;
            Ok(Exit::Ok)
        }
        Some(Command::Explain {
            file,
            fail,
            each,
            summary,
            exchange,
            now,
            host,
            curl,
            handoff,
            include_bodies,
        }) => {
            let mode = match (each, summary, exchange) {
                (true, _, _) => explain::Mode::Each,
                (_, true, _) => explain::Mode::Summary,
                (false, false, Some(n)) => explain::Mode::One(*n),
                (false, false, None) => explain::Mode::Last,
            };
            let opts = explain::Options {
                file: file.as_deref(),
                fail: *fail,
                now: now.as_deref(),
                host: host.as_deref(),
                json,
                mode,
                output: match (curl, handoff) {
                    (true, _) => explain::Output::Curl,
                    (_, true) => explain::Output::Handoff(crate::handoff::Options {
                        include_bodies: *include_bodies,
                    }),
                    _ => explain::Output::Report,
                },
            };
            explain::run(&opts, out)
        }
        Some(Command::Plan { calls }) => {
            let plan = crate::plan::Plan::new(*calls);
            if json {
                render::json(out, &plan).map_err(Error::Write)?;
            } else {
                crate::plan::write_text(out, &plan).map_err(Error::Write)?;
            }
            Ok(Exit::Ok)
        }
        Some(Command::Completions { shell }) => {
            clap_complete::generate(*shell, &mut Cli::command(), "hike-status", out);
            Ok(Exit::Ok)
        }
        Some(Command::Man) => {
            crate::manpage::write(out).map_err(Error::Write)?;
            Ok(Exit::Ok)
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

fn lookup(queries: &[Query], json: bool, out: &mut dyn Write) -> Result<Exit, Error> {
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
    print_details(out, &infos, single, json).map_err(Error::Write)?;
    if missing.is_empty() {
        return Ok(Exit::Ok);
    }
    Err(Error::NoSuchCode(missing))
}

/// The codes looked up, in full; `single`: one code was asked for, so JSON gives one
/// object (or nothing, when it is no code).
fn print_details(
    out: &mut dyn Write,
    infos: &[CodeInfo],
    single: bool,
    json: bool,
) -> io::Result<()> {
    if json {
        match infos {
            [one] if single => render::json(out, one),
            [] if single => Ok(()),
            _ => render::json(out, infos),
        }
    } else {
        for (i, info) in infos.iter().enumerate() {
            if i > 0 {
                writeln!(out)?;
            }
            render::code_detail(out, info)?;
        }
        Ok(())
    }
}
