//! The request body of a replay: inline when the input shows all of it as text, from a file
//! when it is not text, or a comment saying why it is not there.

use crate::transcript::{MAX_REQUEST_BODY, Request};

use super::Builder;
use super::quote::Word;

/// A body longer than this goes to a file rather than inline.
const MAX_INLINE: usize = 2048;

/// The file a body that is not text to print is read from.
pub const BODY_FILE: &str = "hike-request-body.bin";

/// What becomes of the request's body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Plan {
    /// The request sent none.
    Nothing,
    /// Left out on purpose (`--handoff` without `--include-bodies`).
    LeftOut,
    /// Sent, but the input does not show all of it.
    NotShown,
    /// Shown whole, as text.
    Inline(String),
    /// Shown whole, but not text to print.
    File(usize),
}

impl Plan {
    /// Whether the replay sends a body.
    pub(super) fn sends(&self) -> bool {
        matches!(self, Plan::Inline(_) | Plan::File(_))
    }
}

/// What to do with `req`'s body; `include` false leaves it out.
pub(super) fn plan(req: &Request, include: bool) -> Plan {
    let declared = req
        .header("content-length")
        .and_then(|v| v.trim().parse::<u64>().ok());
    let chunked = req
        .header("transfer-encoding")
        .is_some_and(|v| v.to_ascii_lowercase().contains("chunked"));
    let shown = &req.body;
    let had = declared.is_some_and(|n| n > 0)
        || chunked
        || shown.iter().any(|b| !b.is_ascii_whitespace());
    if !had {
        return Plan::Nothing;
    }
    if !include {
        return Plan::LeftOut;
    }
    let whole: Option<&[u8]> = match declared {
        Some(n) => usize::try_from(n)
            .ok()
            .filter(|n| *n <= shown.len() && shown[*n..].iter().all(|b| matches!(b, b'\r' | b'\n')))
            .map(|n| &shown[..n]),
        // With no length to check it by, a body that filled what is kept may be cut.
        None if shown.len() < MAX_REQUEST_BODY => Some(&shown[..]),
        None => None,
    };
    match whole {
        Some([]) => Plan::NotShown,
        Some(b) => match std::str::from_utf8(b) {
            Ok(s) if s.len() <= MAX_INLINE && !s.contains('\0') => Plan::Inline(s.to_string()),
            _ => Plan::File(b.len()),
        },
        None => Plan::NotShown,
    }
}

impl Plan {
    /// Adds the body's arguments to `lines`, or the comment that says why there are none.
    pub(super) fn write(&self, b: &mut Builder, req: &Request, lines: &mut Vec<Vec<Word>>) {
        let size = req
            .header("content-length")
            .and_then(|v| v.trim().parse::<u64>().ok())
            .map(|n| format!("{n} bytes"))
            .unwrap_or_else(|| "its size not shown".to_string());
        let kind = req
            .header("content-type")
            .map(|c| format!(", {}", b.red.text(c.trim())))
            .unwrap_or_default();
        match self {
            Plan::Nothing => {}
            Plan::LeftOut => b.note(format!(
                "the request body ({size}{kind}) is left out, as this may be posted in public; \
                 explain --handoff --include-bodies carries it"
            )),
            Plan::NotShown => b.note(format!(
                "the request sent a body ({size}{kind}) that the input does not show \
                 (curl -v never shows one): add it with --data-binary before running this"
            )),
            Plan::Inline(text) => {
                let word = b.body(text);
                lines.push(vec![Word::literal("--data-raw"), word]);
                if req.header("content-type").is_none() {
                    // curl would add a form Content-Type the request did not send.
                    lines.push(vec![Word::literal("-H"), Word::literal("Content-Type:")]);
                }
            }
            Plan::File(n) => {
                b.note(format!(
                    "the request body ({n} bytes{kind}) is not text to print: save it as \
                     {BODY_FILE} before running this"
                ));
                lines.push(vec![
                    Word::literal("--data-binary"),
                    Word::literal(&format!("@{BODY_FILE}")),
                ]);
            }
        }
    }
}
