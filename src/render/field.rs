//! The labelled field every text view is laid out in: `  label    text`, the text wrapped
//! under itself at the prose width.

use std::io::{self, Write};
use std::sync::atomic::Ordering;

use super::text::PROSE_WIDTH;

/// The indent of a field's text under its label.
const LABEL_WIDTH: usize = 12;

/// What a wrapped line starts with: the label's room, under which the text stands.
const INDENT: &str = "              ";

/// Writes `  label    text`, the text wrapped under itself at the prose width: a greedy wrap on
/// words, a word longer than the width standing on a line of its own. The field is laid out
/// in one buffer from slices of `text` and written at once.
pub fn field(out: &mut dyn Write, label: &str, text: &str) -> io::Result<()> {
    let width = PROSE_WIDTH.load(Ordering::Relaxed) - LABEL_WIDTH - 2;
    let mut buf = String::with_capacity(INDENT.len() + 16 + text.len() + text.len() / 8);
    push_label(
        &mut buf,
        label,
        colored::control::SHOULD_COLORIZE.should_colorize(),
    );
    wrap(&mut buf, text, width);
    buf.push('\n');
    out.write_all(buf.as_bytes())
}

/// Appends `  label` padded to the label's room, bold when `bold` (as `colored` writes a
/// bold string: `ESC[1m`, the text, `ESC[0m`), or the bare indent for no label.
fn push_label(buf: &mut String, label: &str, bold: bool) {
    debug_assert_eq!(INDENT.len(), 2 + LABEL_WIDTH);
    if label.is_empty() {
        buf.push_str(INDENT);
        return;
    }
    buf.push_str("  ");
    if bold {
        buf.push_str("\x1b[1m");
    }
    buf.push_str(label);
    let chars = if label.is_ascii() {
        label.len()
    } else {
        label.chars().count()
    };
    for _ in chars..LABEL_WIDTH {
        buf.push(' ');
    }
    if bold {
        buf.push_str("\x1b[0m");
    }
}

/// Appends the words of `text` (split where [`str::split_whitespace`] splits) one space
/// apart, starting a new indented line before a word that would pass `width` characters.
/// A line of printable ASCII words one space apart is appended as one slice of `text`.
fn wrap(buf: &mut String, text: &str, width: usize) {
    let mut at = skip_space(text, 0);
    let mut first = true;
    while at < text.len() {
        if !first {
            buf.push('\n');
            buf.push_str(INDENT);
        }
        first = false;
        at = match plain_line(text.as_bytes(), at, width) {
            Some((end, next)) => {
                buf.push_str(&text[at..end]);
                skip_space(text, next)
            }
            None => word_line(buf, text, at, width),
        };
    }
}

/// The line that starts with the word at byte `at`, when the bytes it can reach (`width`
/// and one more) are printable ASCII with no two spaces together: where it ends and where
/// the text after it starts. `None` when they are not, or the first word is wider than
/// `width` (then [`word_line`] lays the line out).
fn plain_line(bytes: &[u8], at: usize, width: usize) -> Option<(usize, usize)> {
    let n = bytes.len();
    if !plain(&bytes[at..n.min(at + width + 1)]) {
        return None;
    }
    if n - at <= width {
        // The rest fits; at most one space can trail it.
        let end = if bytes[n - 1] == b' ' { n - 1 } else { n };
        return Some((end, n));
    }
    if bytes[at + width] == b' ' {
        return Some((at + width, at + width + 1));
    }
    let space = at + 1 + bytes[at + 1..at + width].iter().rposition(|&b| b == b' ')?;
    Some((space, space + 1))
}

/// Whether every byte is printable ASCII or a space, with no two spaces together; the
/// whole slice is looked at, with no early exit, so the check runs on vectors.
fn plain(bytes: &[u8]) -> bool {
    let odd = bytes.iter().fold(0u8, |acc, &b| {
        acc | u8::from(b.wrapping_sub(b' ') > b'~' - b' ')
    });
    let doubled = bytes
        .iter()
        .zip(bytes.get(1..).unwrap_or_default())
        .fold(0u8, |acc, (&a, &b)| {
            acc | (u8::from(a == b' ') & u8::from(b == b' '))
        });
    odd | doubled == 0
}

/// Appends the line that starts with the word at byte `at` word by word, and returns where
/// the next line's first word starts (the text's end when no word is left). Words the text
/// already holds one space apart are appended as one slice.
fn word_line(buf: &mut String, text: &str, mut at: usize, width: usize) -> usize {
    // The line's width in characters, and the part of `text` not yet appended.
    let mut len = 0;
    let mut run = 0..0;
    while let Some((start, end, w)) = next_word(text, at) {
        if len == 0 {
            run = start..end;
        } else if len + 1 + w > width {
            buf.push_str(&text[run]);
            return start;
        } else {
            len += 1;
            if start == run.end + 1 && text.as_bytes()[run.end] == b' ' {
                run.end = end;
            } else {
                buf.push_str(&text[run]);
                buf.push(' ');
                run = start..end;
            }
        }
        len += w;
        at = end;
    }
    buf.push_str(&text[run]);
    text.len()
}

/// The first byte at or after `at` that starts no white space (the text's end if none).
fn skip_space(text: &str, mut at: usize) -> usize {
    let bytes = text.as_bytes();
    while let Some(&b) = bytes.get(at) {
        match space_len(text, at, b) {
            0 => break,
            n => at += n,
        }
    }
    at
}

/// The next word of `text` from byte `at`, as [`str::split_whitespace`] splits: its start
/// and end bytes and its width in characters. ASCII bytes are classed without decoding;
/// of the others only a lead byte of a white-space character (`C2`, `E1`, `E2`, `E3`) is
/// decoded.
fn next_word(text: &str, mut at: usize) -> Option<(usize, usize, usize)> {
    let bytes = text.as_bytes();
    at = skip_space(text, at);
    if at == bytes.len() {
        return None;
    }
    let start = at;
    let mut continuation = 0;
    while let Some(&b) = bytes.get(at) {
        if b > b' ' && b < 0x80 {
            at += 1;
            continue;
        }
        if space_len(text, at, b) > 0 {
            break;
        }
        continuation += usize::from(b & 0xc0 == 0x80);
        at += 1;
    }
    Some((start, at, at - start - continuation))
}

/// The length in bytes of the white-space character at byte `at` (whose first byte is `b`),
/// or 0 when it is no white space.
fn space_len(text: &str, at: usize, b: u8) -> usize {
    match b {
        b' ' | b'\t'..=b'\r' => 1,
        0xc2 | 0xe1..=0xe3 => match text[at..].chars().next() {
            Some(c) if c.is_whitespace() => c.len_utf8(),
            _ => 0,
        },
        _ => 0,
    }
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
    /// The wrapping as it was first written, word by word with `split_whitespace`: the
    /// reference the buffered one must equal.
    fn field_reference(label: &str, text: &str, width: usize) -> String {
        use colored::Colorize;
        let mut out = String::new();
        if label.is_empty() {
            out.push_str(&format!("  {:LABEL_WIDTH$}", ""));
        } else {
            out.push_str(&format!("  {}", format!("{label:<LABEL_WIDTH$}").bold()));
        }
        let mut len = 0;
        for word in text.split_whitespace() {
            let w = word.chars().count();
            if len > 0 && len + 1 + w > width {
                out.push_str(&format!("\n  {:LABEL_WIDTH$}", ""));
                len = 0;
            }
            if len > 0 {
                out.push(' ');
                len += 1;
            }
            out.push_str(word);
            len += w;
        }
        out.push('\n');
        out
    }

    fn field_buffered(label: &str, text: &str, width: usize, bold: bool) -> String {
        let mut buf = String::new();
        push_label(&mut buf, label, bold);
        wrap(&mut buf, text, width);
        buf.push('\n');
        buf
    }

    #[test]
    fn a_bold_label_is_written_as_colored_writes_it() {
        use colored::Colorize;
        let label = format!("{:<LABEL_WIDTH$}", "rate limit");
        // Tests only ever turn color off, so the decision holds through the comparison.
        colored::control::set_override(false);
        let mut buf = String::new();
        push_label(&mut buf, "rate limit", false);
        assert_eq!(buf, format!("  {}", label.bold()));
        let mut buf = String::new();
        push_label(&mut buf, "rate limit", true);
        assert_eq!(buf, "  \x1b[1mrate limit  \x1b[0m");
    }

    proptest::proptest! {
        #[test]
        fn plain_lines_wrap_as_before(
            text in "([a-z.,]{1,14}é?( |  |\n)?){0,40}",
            width in 1usize..60,
        ) {
            proptest::prop_assert_eq!(
                field_buffered("", &text, width, false),
                field_reference("", &text, width)
            );
        }

        #[test]
        fn the_buffered_wrap_equals_the_word_by_word_one(
            label in "(|hint|réponse|a label wider than its room)",
            text in "([a-zé•→…]{0,12}[ \t\n\r\u{0b}\u{0c}\u{85}\u{a0}\u{2003}\u{3000}]{0,3}){0,40}",
            width in 1usize..100,
        ) {
            colored::control::set_override(false);
            proptest::prop_assert_eq!(
                field_buffered(&label, &text, width, false),
                field_reference(&label, &text, width)
            );
        }

        #[test]
        fn any_text_wraps_as_before(text in "(?s).{0,200}", width in 1usize..100) {
            colored::control::set_override(false);
            proptest::prop_assert_eq!(
                field_buffered("", &text, width, false),
                field_reference("", &text, width)
            );
        }
    }
}
