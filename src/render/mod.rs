//! Turning typed results into text for a terminal or JSON for scripts.
//!
//! This is the only module that colors. Colors follow one decision made at start-up
//! (`colored::control::set_override`); padding is applied before coloring so columns line up
//! whether color is on or off.

use std::io::{self, Write};

use colored::Colorize;
use serde::Serialize;

mod chart;
mod field;
mod line;
mod log_words;
mod report;
mod summary;
mod text;
mod words;

pub use chart::unicode_capable;
pub use field::field;
pub use line::report_line;
pub use report::report;
pub use summary::summary;
pub use text::{
    WIDTH, by_class, code_detail, code_lines, headline, prose_width, provenance, retry_words,
    set_terminal_width, truncate, widths,
};
pub use words::{finding, next_step};

/// Writes any value as one pretty JSON document with a trailing newline, every character
/// that could act on a terminal escaped as `\uXXXX` ([`crate::json`]).
pub fn json<T: Serialize + ?Sized>(out: &mut dyn Write, value: &T) -> io::Result<()> {
    crate::json::write(out, value)
}

/// Writes any value as one compact JSON line (JSON Lines), escaped as [`json`] escapes.
pub fn json_line<T: Serialize + ?Sized>(out: &mut dyn Write, value: &T) -> io::Result<()> {
    crate::json::write_line(out, value)
}

/// The heading of one exchange's report (`--each`, `--exchange N`).
pub fn exchange_heading(out: &mut dyn Write, index: u64) -> io::Result<()> {
    writeln!(out, "{}", format!("exchange {index}").bold().underline())
}

/// The report of an exchange that got no response: what failed (sanitized by the caller).
pub fn no_response(out: &mut dyn Write, why: &str) -> io::Result<()> {
    writeln!(out, "{}", "no response".bold().red())?;
    field(out, "error", why)
}
