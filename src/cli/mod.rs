//! The command line: the clap types, argument parsing and the color decision.

use std::ffi::OsString;
use std::path::PathBuf;

use clap::{Args, ColorChoice, CommandFactory, Parser, Subcommand, ValueEnum};

use crate::error::exit_codes;
use crate::table::parse_class;

const AFTER_HELP: &str = concat!(
    "Examples:
  hike-status 429                    what Hike's 429 means and what to do
  hike-status 401 403                several codes at once
  hike-status 4xx                    the whole class, Hike's codes first
  hike-status list --all 5xx         every registered 5xx code
  hike-status search rate limit      find codes by what they mean
  hike-status plan 5000              how long 5000 calls take at Hike's rate limits
  curl -sv https://api.hikeup.com/api/v1/products/get_all 2>&1 | hike-status explain
  hike-status 429 --json             machine-readable output

",
    exit_codes!()
);

/// The command line of `hike-status`.
#[derive(Debug, Parser)]
#[command(
    name = "hike-status",
    version,
    about = "What a Hike API response status means, and what to do about it",
    long_about = "What a Hike API response status means, and what to do about it.\n\n\
        Look codes up by number or class, list and search them, or pipe a curl, wget or \
        HTTPie transcript into `explain` to have its final response explained.",
    after_help = AFTER_HELP,
    arg_required_else_help = true
)]
pub struct Cli {
    /// Status codes (429) or classes (4xx) to explain; a list such as 429,503 works too
    #[arg(value_name = "CODE", value_parser = parse_queries, allow_negative_numbers = true)]
    pub codes: Vec<Queries>,

    #[allow(missing_docs)]
    #[command(flatten)]
    pub global: Global,

    #[allow(missing_docs)]
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Flags that work before or after any subcommand.
#[derive(Debug, Args)]
pub struct Global {
    /// Print JSON instead of text (one document, never colored)
    #[arg(long, global = true)]
    pub json: bool,

    /// When to color the output
    #[arg(long, global = true, value_enum, value_name = "WHEN", default_value_t = ColorWhen::Auto)]
    pub color: ColorWhen,
}

/// When to color.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorWhen {
    /// Color when stdout is a terminal, NO_COLOR is unset or empty and TERM is not `dumb`
    Auto,
    /// Always color
    Always,
    /// Never color
    Never,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// List the codes Hike documents (--all: the whole HTTP registry)
    #[command(
        after_help = "Examples:\n  hike-status list\n  hike-status list 4xx\n  hike-status list --all\n  hike-status list --all 5xx --json"
    )]
    List {
        /// Only this class: 1xx, 2xx, 3xx, 4xx or 5xx
        #[arg(value_name = "CLASS", value_parser = parse_class_arg)]
        class: Option<u8>,
        /// Every code of the HTTP registry, not only Hike's
        #[arg(long, short)]
        all: bool,
    },
    /// Find codes whose name, meaning or hint hold every word
    #[command(
        after_help = "Examples:\n  hike-status search rate limit\n  hike-status search scope\n  hike-status search teapot --json"
    )]
    Search {
        /// Words to look for (case-insensitive)
        #[arg(value_name = "WORDS", required = true, value_parser = parse_word)]
        words: Vec<String>,
    },
    /// Explain the final response of a curl, wget or HTTPie transcript, or a HAR file
    #[command(
        long_about = "Explain the final response of a curl, wget or HTTPie transcript, or a HAR file.\n\n\
            Reads `curl -i`, `curl -I`, `curl -iL`, `curl -v ... 2>&1`, `wget -S`, HTTPie \
            (`--print=hb`, `-v`, colored or not), HTTP/1.0 to HTTP/3 status lines, or just a \
            status code as `curl -w '%{http_code}'` prints it; also `curl -sv` without `-S` (its `* ` \
            failure lines), `--trace-ascii -`, `--trace -` and `--trace-time`, `-w '%{json}'`, \
            `-w '%{http_code}'` right after a body, `-w '%{http_code} %{time_total}'` (several URLs: \
            an exchange a line), and wget without `-S` or \
            with `-nv`. Files saved on Windows are read too: \
            a UTF-8 BOM, or UTF-16 with a BOM (Windows PowerShell 5.1's `>`). It also reads the error \
            line an HTTP library throws (Python requests, urllib, httpx; axios, with its uncaught \
            dump; .NET and PowerShell 7; Windows PowerShell 5.1; Guzzle; Java; reqwest). Error bodies \
            are read in Hike's shapes, RFC 9457 problem details, ASP.NET Web API's and ABP's, in the \
            charset their Content-Type declares, past the first 64 KiB by a streaming scan; header \
            fields past the 128th are kept when the analysis reads them, and counted otherwise.\n\n\
            HAR files (browser devtools, Insomnia, mitmproxy and other proxies) are recognised by \
            their content and streamed one entry at a time, whatever their size: each entry is one \
            exchange (the last is explained; --each, --exchange N and --summary take them all); an entry with status 0 (blocked or failed in \
            the browser, e.g. Chrome's net::ERR_NAME_NOT_RESOLVED) is one that got no response. A \
            HAR cut off inside an entry is reported up to the entry before it, with a warning that \
            names the entry.\n\nReports the status, the chain of \
            statuses, what the headers and body say, what the request did wrong when the \
            transcript shows it, and what to do next. Credentials are redacted where they are \
            caught: credential headers, credentials in URLs and form or JSON fields, JWTs, the \
            word after Bearer, Basic or a credential noun when it looks like one, and values \
            the input showed to be credentials; a bare secret in prose is not caught (README: \
            Credentials and unsafe characters).\n\n\
            The input may hold many exchanges (a loop's log of `curl -si`, several `curl -v` \
            runs): an exchange is one request's attempt, with its interim answers and the \
            redirects that were followed, ending at its final response, or a client's failure \
            line (`curl: (7) ...`) when it got none. A body is bounded by its Content-Length, so \
            a status line quoted in a body is body text. Without a flag the last exchange is \
            explained; --each explains every one, streamed (with --json: JSON Lines, one \
            object per exchange with its \"index\", flushed as it goes, so \
            `tail -f log | hike-status explain --each --json` works); --exchange N explains \
            the Nth, numbered as --each numbers them; --summary reports over all of them: \
            exchanges, no_response, by_status, by_class, rate_limit (hits, minute, daily, \
            peak_per_minute and peak_per_day, the most exchanges in any window [t, t + 60 s) \
            and [t, t + 24 h) by each exchange's time (HAR's startedDateTime, else the Date header), out_of_order, minute_used, day_used, next_call_at, \
            next_call_at_latest, log_incomplete and during_cooldown, the calls made in a \
            cooldown), timeline, pacing, endpoints (method and path, ids collapsed), \
            endpoints_other, failures (the first 100 4xx, 5xx and no-response exchanges: \
            index, status, time, request_id, method, path), failures_omitted, \
            failure_groups, failure_groups_other, first_time and last_time (the man page \
            and README say each). The text view opens with a chart of the calls over time.",
        after_help = concat!("Examples:\n  curl -si https://api.hikeup.com/api/v1/products/get_all | hike-status explain\n  \
            curl -sv -H \"Authorization: Bearer $TOKEN\" https://api.hikeup.com/api/v1/products/get_all 2>&1 | hike-status explain\n  \
            http --print=hb GET https://api.hikeup.com/api/v1/products/get_all | hike-status explain --json\n  \
            hike-status explain response.txt --fail\n  \
            hike-status explain --host api.hikeup.com capture.har\n  \
            hike-status explain sync.log --each --json | jq -c 'select(.status >= 400)'\n  \
            hike-status explain sync.log --exchange 17\n  \
            hike-status explain sync.log --summary --json\n  \
            hike-status explain capture.txt --curl\n  \
            hike-status explain capture.har --handoff > post.md\n\n",
            exit_codes!())
    )]
    Explain {
        /// The transcript to read; stdin when absent or `-`
        #[arg(value_name = "FILE")]
        file: Option<PathBuf>,
        /// Exit with 4 for a final 4xx, 5 for a 5xx, else 0 (--each, --summary: the worst)
        #[arg(long)]
        fail: bool,
        /// Explain every exchange in input order, streamed (--json: JSON Lines)
        #[arg(long, conflicts_with_all = ["exchange", "summary"])]
        each: bool,
        /// One report over every exchange: counts, Hike's rate-limit windows, endpoints,
        /// the failures' request ids
        #[arg(long, conflicts_with = "exchange")]
        summary: bool,
        /// Explain exchange N (counting from 1, as --each numbers them)
        #[arg(long, value_name = "N", value_parser = parse_exchange, allow_negative_numbers = true)]
        exchange: Option<u64>,
        /// The current time, RFC 3339 (for a Retry-After date when the response has no Date)
        #[arg(long, hide = true, value_name = "TIME")]
        now: Option<String>,
        /// Keep only the exchanges whose request went to HOST (case-insensitive; a port in
        /// HOST must match, none matches any port; a Host header with no port is the
        /// default, 443 or 80); for inputs that show the request's host: `curl -v`, HTTPie
        /// `-v`, HAR. Exchanges keep their numbers in the input
        #[arg(long, value_name = "HOST")]
        host: Option<String>,
        /// Print one runnable curl command that repeats the request (the last exchange, or
        /// --exchange N), every credential a shell variable ($HIKE_ACCESS_TOKEN, ...)
        #[arg(long, conflicts_with_all = ["each", "summary", "handoff"])]
        curl: bool,
        /// Print a Markdown post for Hike's support forum: time, endpoint, status, rate-limit
        /// header, request id, errors, the curl replay, and what was redacted (with
        /// --summary: the failures grouped by status and endpoint, worst first)
        #[arg(long, conflicts_with = "each")]
        handoff: bool,
        /// With --handoff: put the request and response bodies in the post, redacted (they
        /// are left out by default, as the post is public)
        #[arg(long, requires = "handoff")]
        include_bodies: bool,
    },
    /// How long N calls take at Hike's limits (60 a rolling minute, 5000 a rolling 24 hours)
    #[command(after_help = "Examples:\n  hike-status plan 5000\n  hike-status plan 12000 --json")]
    Plan {
        /// How many calls (at least 1)
        #[arg(value_name = "N", value_parser = parse_calls, allow_negative_numbers = true)]
        calls: u64,
    },
    /// Print a shell completion script
    #[command(
        after_help = "Examples:\n  hike-status completions bash > ~/.local/share/bash-completion/completions/hike-status\n  hike-status completions zsh > ~/.zfunc/_hike-status\n  hike-status completions fish > ~/.config/fish/completions/hike-status.fish"
    )]
    Completions {
        /// The shell
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff)
    #[command(
        after_help = "Examples:\n  hike-status man > ~/.local/share/man/man1/hike-status.1\n  hike-status man | man -l -"
    )]
    Man,
}

/// A code or class as given on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Query {
    /// A three-digit number (it may still be no status code, such as 999).
    Code(u16),
    /// A class, 1 to 5, written `4xx`.
    Class(u8),
}

/// The codes and classes of one command-line argument: `429`, ` 429 `, `429,503` or
/// `"429 503"` (a list pasted from elsewhere is split on commas and spaces).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Queries(pub Vec<Query>);

impl Cli {
    /// The command line `hike-status CODE` (one argument of three digits), the commonest,
    /// read without building clap's command, which costs about a quarter of such a run
    /// (BENCHMARKS.md). It gives what clap gives for the same arguments (a test compares
    /// the two on every three-digit argument); any other command line is `None`, for clap.
    pub fn quick(args: &[OsString]) -> Option<Cli> {
        if let [_, cmd, n] = args {
            // `hike-status plan N`, as clap reads it.
            if cmd.to_str()? != "plan" {
                return None;
            }
            return Some(Cli {
                codes: Vec::new(),
                global: Global {
                    json: false,
                    color: ColorWhen::Auto,
                },
                command: Some(Command::Plan {
                    calls: parse_calls(n.to_str()?).ok()?,
                }),
            });
        }
        let [_, arg] = args else { return None };
        let s = arg.to_str()?;
        if s.len() != 3 || !s.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        Some(Cli {
            codes: vec![parse_queries(s).ok()?],
            global: Global {
                json: false,
                color: ColorWhen::Auto,
            },
            command: None,
        })
    }

    /// The command line `hike-status explain [FILE] [--json] [--each | --summary] [--fail]`
    /// (flags in any order, each at most once), read without building clap's command, as
    /// [`Cli::quick`] reads a code. It gives what clap gives for the same arguments (a test
    /// compares the two on every such line); any other command line is `None`, for clap.
    pub fn quick_explain(args: &[OsString]) -> Option<Cli> {
        let [_, sub, rest @ ..] = args else {
            return None;
        };
        if sub.to_str()? != "explain" {
            return None;
        }
        let (mut file, mut json, mut each, mut summary, mut fail) =
            (None, false, false, false, false);
        for arg in rest {
            let a = arg.to_str()?;
            let flag = match a {
                "--json" => &mut json,
                "--each" => &mut each,
                "--summary" => &mut summary,
                "--fail" => &mut fail,
                _ if a == "-" || !a.starts_with('-') => {
                    if file.replace(PathBuf::from(a)).is_some() {
                        return None;
                    }
                    continue;
                }
                _ => return None,
            };
            if std::mem::replace(flag, true) {
                return None;
            }
        }
        if each && summary {
            return None;
        }
        Some(Cli {
            codes: Vec::new(),
            global: Global {
                json,
                color: ColorWhen::Auto,
            },
            command: Some(Command::Explain {
                file,
                fail,
                each,
                summary,
                exchange: None,
                now: None,
                host: None,
                curl: false,
                handoff: false,
                include_bodies: false,
            }),
        })
    }

    /// Every code and class given, in order, lists split.
    pub fn queries(&self) -> Vec<Query> {
        self.codes
            .iter()
            .flat_map(|q| q.0.iter().copied())
            .collect()
    }
}

fn parse_queries(s: &str) -> Result<Queries, String> {
    let parts: Vec<&str> = s
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|p| !p.is_empty())
        .collect();
    if parts.is_empty() {
        return Err("expected a status code such as 429 or a class such as 4xx".to_string());
    }
    let one = parts.len() == 1;
    parts
        .into_iter()
        .map(|p| parse_query(p).map_err(|e| if one { e } else { format!("'{p}': {e}") }))
        .collect::<Result<_, _>>()
        .map(Queries)
}

/// `plan N`: a whole number of calls, at least 1.
fn parse_calls(s: &str) -> Result<u64, String> {
    match s.trim().parse::<u64>() {
        Ok(n) if (1..=crate::plan::MAX_CALLS).contains(&n) => Ok(n),
        _ => Err(format!(
            "give the number of calls, a whole number from 1 to {}",
            crate::plan::MAX_CALLS
        )),
    }
}

/// A search word: blank words would match nothing, so they are a usage error.
fn parse_word(s: &str) -> Result<String, String> {
    if s.trim().is_empty() {
        return Err("a search word cannot be blank: give words such as `rate limit`".into());
    }
    Ok(s.to_string())
}

fn parse_query(s: &str) -> Result<Query, String> {
    if let Some(c) = parse_class(s) {
        return Ok(Query::Class(c));
    }
    let digits = s.strip_prefix(['-', '+']).unwrap_or(s);
    if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
        return match s.parse::<u16>() {
            Ok(n) if s.len() == 3 && digits.len() == 3 => Ok(Query::Code(n)),
            _ => Err(
                "a status code has three digits and runs from 100 to 599, such as 429".to_string(),
            ),
        };
    }
    if let Some(cmd) = nearest_command(s) {
        return Err(format!(
            "not a status code or a class; did you mean the command '{cmd}'?"
        ));
    }
    Err("expected a status code such as 429 or a class such as 4xx".to_string())
}

/// `--exchange N`: a whole number from 1.
fn parse_exchange(s: &str) -> Result<u64, String> {
    match s.trim().parse::<u64>() {
        Ok(n) if n > 0 => Ok(n),
        _ => Err("exchanges count from 1, as --each numbers them".to_string()),
    }
}

fn parse_class_arg(s: &str) -> Result<u8, String> {
    parse_class(s).ok_or_else(|| "expected a class: 1xx, 2xx, 3xx, 4xx or 5xx".to_string())
}

/// The subcommand nearest to a mistyped word, if one is close enough to be meant.
pub fn nearest_command(word: &str) -> Option<String> {
    let word = word.to_lowercase();
    Cli::command()
        .get_subcommands()
        .map(|c| c.get_name().to_string())
        .filter(|name| name != "help")
        // Levenshtein distance counting a swap of two neighbours as one edit.
        .map(|name| (strsim::osa_distance(&word, &name), name))
        .filter(|(d, name)| {
            *d <= 2.min(name.len() / 2) || name.starts_with(&word) && word.len() >= 3
        })
        .min()
        .map(|(_, name)| name)
}

/// Words a user may put before a code as if they were commands: `hike-status lookup 429`.
const LOOKUP_WORDS: &[&str] = &[
    "lookup", "look", "code", "codes", "help", "show", "info", "get", "status",
];

/// For `hike-status lookup 429` (or `code 429`, `help 429`), which clap rejects: the word
/// and the command that was meant, `hike-status 429`. `None` unless every argument after
/// the word is a code or a class.
pub fn lookup_meant(args: &[OsString]) -> Option<(String, String)> {
    let mut words = Vec::new();
    let mut it = args.iter().skip(1);
    while let Some(a) = it.next() {
        let a = a.to_str()?;
        match a {
            "--json" => {}
            "--color" => {
                it.next();
            }
            _ if a.starts_with("--color=") => {}
            _ => words.push(a),
        }
    }
    let (first, rest) = words.split_first()?;
    let known = LOOKUP_WORDS.contains(&first.to_ascii_lowercase().as_str());
    (known && !rest.is_empty() && rest.iter().all(|w| parse_queries(w).is_ok()))
        .then(|| (first.to_string(), format!("hike-status {}", rest.join(" "))))
}

/// clap's own color, for the help and errors it prints, from `--color` as typed. clap
/// prints those before (or instead of) the parse that would read the flag, so the
/// arguments are scanned for it first; `auto` leaves clap to its own terminal, `NO_COLOR`
/// and `TERM` checks.
pub fn clap_color(args: &[OsString]) -> ColorChoice {
    let mut choice = ColorChoice::Auto;
    let mut it = args.iter().skip(1);
    while let Some(a) = it.next() {
        let Some(a) = a.to_str() else { continue };
        if a == "--" {
            break;
        }
        let value = if a == "--color" {
            it.next().and_then(|v| v.to_str())
        } else {
            a.strip_prefix("--color=")
        };
        match value {
            Some("always") => choice = ColorChoice::Always,
            Some("never") => choice = ColorChoice::Never,
            Some("auto") => choice = ColorChoice::Auto,
            _ => {}
        }
    }
    choice
}

/// Whether to color, decided once: `auto` means stdout is a terminal, `NO_COLOR` is unset
/// or empty and `TERM` is not `dumb`. JSON is never colored.
pub fn use_color(
    when: ColorWhen,
    json: bool,
    stdout_is_terminal: bool,
    no_color: Option<&str>,
    term: Option<&str>,
) -> bool {
    if json {
        return false;
    }
    match when {
        ColorWhen::Always => true,
        ColorWhen::Never => false,
        ColorWhen::Auto => {
            stdout_is_terminal && no_color.is_none_or(str::is_empty) && term != Some("dumb")
        }
    }
}

#[cfg(test)]
mod tests;
