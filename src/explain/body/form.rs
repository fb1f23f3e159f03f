//! Form-encoded bodies (Hike's rate-limit notice, OAuth errors) and HTML error pages.

use crate::redact::Redactor;

use super::*;

/// `a=b&c=d` → pairs, when the whole first line is of that shape. Hike's rate-limit body
/// is not percent-encoded (its values hold spaces), so both forms are read.
pub(crate) fn form_pairs(text: &str) -> Option<Vec<(String, String)>> {
    let line = text.lines().map(str::trim).find(|l| !l.is_empty())?;
    let mut pairs = Vec::new();
    let mut parts = line.split('&').peekable();
    while let Some(part) = parts.next() {
        // A log that cut the body short marks it (`oauth_problem=...&...`): the pairs
        // before the mark are the body's.
        let cut = matches!(part.trim(), "..." | "\u{2026}");
        if cut && parts.peek().is_none() && !pairs.is_empty() {
            break;
        }
        let (k, v) = part.split_once('=')?;
        if k.is_empty()
            || !k
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"_-.[]".contains(&b))
        {
            return None;
        }
        pairs.push((percent_decode(k), percent_decode(v)));
    }
    Some(pairs)
}

pub(crate) fn percent_decode(s: &str) -> String {
    // Nothing to decode (Hike's rate-limit body is not encoded at all).
    if !s.bytes().any(|b| b == b'%' || b == b'+') {
        return s.to_string();
    }
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < b.len() => match (hex(b[i + 1]), hex(b[i + 2])) {
                (Some(h), Some(l)) => {
                    out.push(h * 16 + l);
                    i += 2;
                }
                _ => out.push(b'%'),
            },
            c => out.push(c),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

pub(crate) fn hex(b: u8) -> Option<u8> {
    (b as char).to_digit(16).map(|d| d as u8)
}

pub(crate) fn form_errors(pairs: &[(String, String)], facts: &mut BodyFacts, red: &Redactor) {
    let get = |k: &str| pairs.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str());
    if let Some(problem) = get("oauth_problem") {
        let message = match get("oauth_problem_advice") {
            Some(advice) => format!("{problem} ({advice})"),
            None => problem.to_string(),
        };
        facts.push_error(red, None, &message);
    }
    if let Some(code) = get("error") {
        oauth(
            facts,
            code,
            get("error_description").map(str::to_string),
            red,
        );
    }
}

/// The text of an HTML page's `<title>`, or of its first `<h1>`.
pub(crate) fn html_title(text: &str) -> Option<String> {
    let lower = text.to_ascii_lowercase();
    for (open, close) in [("<title>", "</title>"), ("<h1>", "</h1>")] {
        if let Some(s) = lower.find(open) {
            let from = s + open.len();
            if let Some(e) = lower[from..].find(close) {
                let t = text[from..from + e].trim();
                if !t.is_empty() {
                    return Some(t.split_whitespace().collect::<Vec<_>>().join(" "));
                }
            }
        }
    }
    None
}
