//! Markdown pieces for text from the input: code spans and fenced blocks that its own
//! backticks cannot close, with nothing raw a terminal would act on.

use crate::sanitize::sanitize;

/// Inline code: the text sanitized, on one line, in a run of backticks longer than any
/// run inside it.
pub fn code(s: &str) -> String {
    let s = sanitize(s).replace(['\n', '\r'], " ");
    let ticks = "`".repeat(longest_run(&s, '`') + 1);
    let pad = if s.starts_with('`') || s.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{ticks}{pad}{s}{pad}{ticks}")
}

/// A fenced block of `lang`, its fence longer than any run of backticks inside it; the
/// text sanitized, line ends kept.
pub fn fence(lang: &str, s: &str) -> String {
    let lines: Vec<String> = s.lines().map(|l| sanitize(l).into_owned()).collect();
    let body = lines.join("\n");
    let ticks = "`".repeat((longest_run(&body, '`') + 1).max(3));
    format!("{ticks}{lang}\n{body}\n{ticks}\n")
}

/// Text for a list item or heading: sanitized, on one line.
pub fn plain(s: &str) -> String {
    sanitize(s).replace(['\n', '\r'], " ")
}

fn longest_run(s: &str, c: char) -> usize {
    let mut best = 0;
    let mut run = 0;
    for ch in s.chars() {
        if ch == c {
            run += 1;
            best = best.max(run);
        } else {
            run = 0;
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backticks_cannot_close() {
        assert_eq!(code("abc"), "`abc`");
        assert_eq!(code("a`b"), "``a`b``");
        assert_eq!(code("`a"), "`` `a ``");
        assert_eq!(fence("sh", "x\n```\ny"), "````sh\nx\n```\ny\n````\n");
        assert_eq!(code("a\u{1b}b"), "`a\\x1bb`");
    }
}
