//! The labelled field every text view is laid out in: `  label    text`, the text wrapped
//! under itself at the prose width.

use std::io::{self, Write};
use std::sync::atomic::Ordering;

use colored::Colorize;

use super::text::PROSE_WIDTH;

/// The indent of a field's text under its label.
const LABEL_WIDTH: usize = 12;

/// Writes `  label    text`, the text wrapped under itself at the prose width: a greedy wrap on
/// words, a word longer than the width standing on a line of its own. Words are written as
/// they are placed, without building the lines first.
pub fn field(out: &mut dyn Write, label: &str, text: &str) -> io::Result<()> {
    let width = PROSE_WIDTH.load(Ordering::Relaxed) - LABEL_WIDTH - 2;
    if label.is_empty() {
        write!(out, "  {:LABEL_WIDTH$}", "")?;
    } else {
        write!(out, "  {}", format!("{label:<LABEL_WIDTH$}").bold())?;
    }
    // The current line's width in characters.
    let mut len = 0;
    for word in text.split_whitespace() {
        let w = word.chars().count();
        if len > 0 && len + 1 + w > width {
            write!(out, "\n  {:LABEL_WIDTH$}", "")?;
            len = 0;
        }
        if len > 0 {
            out.write_all(b" ")?;
            len += 1;
        }
        out.write_all(word.as_bytes())?;
        len += w;
    }
    out.write_all(b"\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::text::WIDTH;

    fn field_text(label: &str, text: &str) -> String {
        colored::control::set_override(false);
        let mut out = Vec::new();
        field(&mut out, label, text).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn fields_wrap_on_words_under_their_label() {
        let indent = " ".repeat(2 + LABEL_WIDTH);
        let word = "abcdefghij";
        let text = [word; 10].join(" ");
        let out = field_text("hint", &text);
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines.len(), 2);
        assert_eq!(
            lines[0],
            format!(
                "  hint{}{}",
                " ".repeat(LABEL_WIDTH - 4),
                [word; 6].join(" ")
            )
        );
        assert_eq!(lines[1], format!("{indent}{}", [word; 4].join(" ")));
        assert!(lines.iter().all(|l| l.chars().count() <= WIDTH));
        // A word longer than the width stands alone; an empty text is an empty line.
        let long = "x".repeat(WIDTH);
        assert_eq!(
            field_text("", &format!("a {long} b")),
            format!("{indent}a\n{indent}{long}\n{indent}b\n")
        );
        assert_eq!(field_text("", ""), format!("{indent}\n"));
    }
}
