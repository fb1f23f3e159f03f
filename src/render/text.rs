//! The text view's parts: a status code's colors, the labelled field every view is laid out
//! in, and the views of one code (`hike-status 429`) and of a list of codes.

use std::io::{self, Write};
use std::sync::atomic::{AtomicUsize, Ordering};

use colored::{ColoredString, Colorize};

use super::field::field;
use crate::table::CodeInfo;

/// The width text is wrapped to when stdout is no terminal, so saved output and golden
/// files do not depend on the window they were made in.
pub const WIDTH: usize = 88;
/// The width of a `list` line when stdout is no terminal.
const LIST_WIDTH: usize = 110;
/// On a terminal, prose follows its width up to this many columns: longer lines are hard
/// to read. `list` lines use the whole width (they are cut, not wrapped).
const MAX_PROSE_WIDTH: usize = 100;
/// The narrowest width used, even on a narrower terminal: below it a label leaves a word
/// or two a line.
const MIN_WIDTH: usize = 40;

pub(super) static PROSE_WIDTH: AtomicUsize = AtomicUsize::new(WIDTH);
static LINE_WIDTH: AtomicUsize = AtomicUsize::new(LIST_WIDTH);

/// The widths (prose, `list` line) for a terminal of `columns`, or for no terminal.
pub fn widths(columns: Option<usize>) -> (usize, usize) {
    match columns {
        None => (WIDTH, LIST_WIDTH),
        Some(c) => {
            let c = c.max(MIN_WIDTH);
            (c.min(MAX_PROSE_WIDTH), c)
        }
    }
}

/// Sets the widths once at start-up, from the columns of the terminal stdout is, if it is
/// one (see [`widths`]).
pub fn set_terminal_width(columns: Option<usize>) {
    let (prose, line) = widths(columns);
    PROSE_WIDTH.store(prose, Ordering::Relaxed);
    LINE_WIDTH.store(line, Ordering::Relaxed);
}
/// The width prose is wrapped to (the terminal's, within bounds, or [`WIDTH`]).
pub fn prose_width() -> usize {
    PROSE_WIDTH.load(Ordering::Relaxed)
}

/// Colors a status code (or any text) by its class: 2xx green, 3xx cyan, 4xx yellow,
/// 5xx red, 1xx blue.
pub fn by_class(text: &str, code: u16) -> ColoredString {
    match code / 100 {
        1 => text.blue(),
        2 => text.green(),
        3 => text.cyan(),
        4 => text.yellow(),
        5 => text.red(),
        _ => text.normal(),
    }
}

/// The headline of a code: `429 Too Many Requests`, bold and colored by class.
pub fn headline(info: &CodeInfo) -> String {
    format!(
        "{} {}",
        by_class(&info.code.to_string(), info.code).bold(),
        by_class(&info.name, info.code).bold()
    )
}

/// What kind of entry this is, in a few words.
pub fn provenance(info: &CodeInfo) -> String {
    if info.documented {
        "documented by Hike".to_string()
    } else if is_temporary(info) {
        format!(
            "not documented by Hike: temporary registration, {}",
            info.rfc.as_deref().unwrap_or("")
        )
    } else if info.assigned {
        format!(
            "not documented by Hike: standard HTTP meaning, {}",
            info.rfc.as_deref().unwrap_or("RFC 9110")
        )
    } else {
        "unassigned: explained by its class (RFC 9110 §15)".to_string()
    }
}

/// Whether the registry lists the code only temporarily, for an Internet-Draft (104).
pub fn is_temporary(info: &CodeInfo) -> bool {
    info.rfc.as_deref().is_some_and(|r| r.starts_with("draft-"))
}

/// Writes one code in full: headline, meaning, hint, the standard's view where Hike
/// differs, whether to retry, and where to read more.
pub fn code_detail(out: &mut dyn Write, info: &CodeInfo) -> io::Result<()> {
    writeln!(
        out,
        "{}  {}",
        headline(info),
        format!("{} · {}", info.class, provenance(info)).dimmed()
    )?;
    field(out, "meaning", &info.meaning)?;
    field(out, "hint", &info.hint)?;
    if info.differs_from_standard {
        field(
            out,
            "standard",
            &format!("{}: {}", info.standard_name, info.standard_meaning),
        )?;
    }
    field(out, "retry", retry_words(info.code, info.retryable))?;
    for (i, link) in info.links.iter().enumerate() {
        field(out, if i == 0 { "see" } else { "" }, link)?;
    }
    Ok(())
}

/// Whether the same request may be sent again, in words, by what the code says happened.
/// Each line agrees with the code's hint (`tests/it/sentences/` checks every code); JSON's
/// `retryable` stays "may the same request, unchanged, succeed later".
pub fn retry_words(code: u16, retryable: bool) -> &'static str {
    match code {
        101 => "nothing to send again: the connection now speaks the protocol it upgraded to",
        102 => {
            "not now: this is interim, the final response follows; only if none ever comes, \
             send a smaller request later"
        }
        100..=199 => "nothing to send again: this is interim, the final response follows",
        201 => "no: it succeeded, and sending it again would create the resource twice",
        200..=299 => "no need: it succeeded",
        // RFC 9110 §15.4.1: a 300 may carry no Location; the body lists the choices.
        300 => {
            "no: pick one of the alternatives (the Location header or the body), or ask with a \
             more specific Accept header"
        }
        // RFC 9110 §15.4.5: a 304 carries no Location; the cached copy is the answer.
        304 => "no need: use the copy you have cached; a 304 has no body and no Location",
        305 => "no: 305 is deprecated and clients ignore it; look for a misconfigured proxy",
        306 => "no: 306 is unused; no server should send it",
        307 | 308 => {
            "not here: send the same request (same method and body) to the Location address"
        }
        301..=399 => "no: follow the Location header instead",
        401 => {
            "not unchanged: send it again with a valid access token (refresh an expired one \
             first)"
        }
        402 => {
            "no: not a request problem; an API that sends 402 means billing or a \
             subscription, and the same request will be refused until that is sorted out with \
             the provider"
        }
        403 => {
            "not unchanged: the same token will be refused again; once the app is authorized \
             (scope all) for this store, send it with the new token"
        }
        // Hike: "could be available again in the future".
        404 => {
            "not now: the same request gets the same answer while the resource is missing, but \
             Hike says it could be available again in the future: check the path and id, and \
             send it again later only if it should exist by then"
        }
        407 => {
            "not until the proxy has your login: configure it in the client (Hike itself did \
             not answer), then send the request again"
        }
        409 => {
            "no: the same request meets the same conflict; fetch the current state and resolve \
             it first"
        }
        410 => "no: the resource is gone for good; stop calling this URL",
        412 | 428 => {
            "not as it is: fetch the resource again, reapply the change and send it with \
             If-Match carrying the new ETag"
        }
        // Not retryable as sent, but the standards name a way to send it again.
        421 => "not on this connection: send it again on a new connection (RFC 9110 §15.5.20)",
        423 => "not while the resource is locked: send it again once the lock is released",
        424 => "not as it is: fix the first failing operation, then resend the whole request",
        451 => {
            "no: not a request problem; the block answers a legal demand, and the same \
             request will be refused while it stands"
        }
        // Hike: the endpoint is not on the store's plan (or reserved for future use).
        501 => {
            "no: not a request problem; the endpoint is not available on this store's plan (or \
             is reserved for future use), so the same request gets the same answer until that \
             changes"
        }
        506 => {
            "no: a server configuration fault, not a request problem; report it, and send it \
             again once the provider has fixed it"
        }
        507 => {
            "not at once: the server is short of storage for now; send it again later, or send less"
        }
        508 => "no: the same request meets the same loop; ask with a smaller Depth, or report it",
        511 => {
            "after logging in: the answer came from your network, not the API; log in to the \
             portal (or fix proxy access), then send the same request again"
        }
        _ if retryable => "yes: the same request may succeed later; wait, then send it again",
        _ => "no: sending the same request again will get the same answer; change it first",
    }
}

/// Writes codes one line each, aligned: code, name, whether Hike documents it, and the
/// first sentence of the meaning.
pub fn code_lines(out: &mut dyn Write, infos: &[CodeInfo]) -> io::Result<()> {
    let name_width = infos
        .iter()
        .map(|i| i.name.chars().count())
        .max()
        .unwrap_or(0);
    let marks = infos.iter().any(|i| !i.documented);
    for info in infos {
        let name = format!("{:<name_width$}", info.name);
        let mark = match (marks, info.documented) {
            (false, _) => String::new(),
            // The separator keeps the mark apart from a meaning that starts with "Hike".
            (true, true) => format!("{} · ", "Hike".bold()),
            (true, false) => " ".repeat(MARK_WIDTH),
        };
        let room = LINE_WIDTH
            .load(Ordering::Relaxed)
            .saturating_sub(3 + 2 + name_width + 2 + if marks { MARK_WIDTH } else { 0 });
        writeln!(
            out,
            "{}  {}  {}{}",
            by_class(&info.code.to_string(), info.code).bold(),
            by_class(&name, info.code),
            mark,
            truncate(first_sentence(&info.meaning), room)
        )?;
    }
    Ok(())
}

/// The width of `Hike · `, the mark of a documented code in a mixed listing.
const MARK_WIDTH: usize = 7;

/// The text up to its first sentence end: a `. ` outside parentheses that does not end an
/// abbreviation (`e.g.`, `i.e.`), so a line is never cut inside "(e.g. If-Match)".
fn first_sentence(text: &str) -> &str {
    let mut depth = 0usize;
    for (i, c) in text.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            '.' if depth == 0 && text[i + 1..].starts_with(' ') => {
                let before = &text[..i];
                if !(before.ends_with("e.g") || before.ends_with("i.e")) {
                    return &text[..=i];
                }
            }
            _ => {}
        }
    }
    text
}

/// Cuts text to at most `max` characters, ending in `…` when cut.
pub fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut s: String = text.chars().take(max.saturating_sub(1)).collect();
    s.push('…');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_follow_a_terminal_within_bounds() {
        assert_eq!(widths(None), (WIDTH, LIST_WIDTH));
        assert_eq!(widths(Some(60)), (60, 60));
        assert_eq!(widths(Some(20)), (MIN_WIDTH, MIN_WIDTH));
        assert_eq!(widths(Some(200)), (MAX_PROSE_WIDTH, 200));
    }

    #[test]
    fn a_first_sentence_ends_outside_parentheses() {
        assert_eq!(
            first_sentence("A condition (e.g. If-Match) was false. More."),
            "A condition (e.g. If-Match) was false."
        );
        assert_eq!(first_sentence("Use e.g. curl. Then"), "Use e.g. curl.");
        assert_eq!(first_sentence("No end"), "No end");
    }

    #[test]
    fn truncates_on_characters() {
        assert_eq!(truncate("héllo", 5), "héllo");
        assert_eq!(truncate("héllo world", 5), "héll…");
    }
}
