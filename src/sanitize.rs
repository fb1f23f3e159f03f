//! Terminal safety: untrusted text never reaches the terminal as a raw control,
//! escape or bidi character.
//!
//! Everything read from a transcript passes through here before it is printed.

use std::borrow::Cow;

/// Replaces every character that could act on a terminal with a visible escape.
///
/// C0 and C1 control characters (ESC among them, so no escape sequence survives), DEL,
/// the bidi controls that can reorder what a reader sees, and the line and paragraph
/// separators ([`is_unsafe`]) become `\x1b`-style or `\u{202e}`-style text. Tabs become a
/// space. Everything else is kept.
pub fn sanitize(s: &str) -> Cow<'_, str> {
    if is_safe(s) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if c == '\t' {
            out.push(' ');
        } else if is_unsafe(c) {
            let n = u32::from(c);
            if n < 0x100 {
                out.push_str(&format!("\\x{n:02x}"));
            } else {
                out.push_str(&format!("\\u{{{n:x}}}"));
            }
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Whether no character of `s` is replaced ([`is_unsafe`]), checked on bytes: printable
/// ASCII passes at once, an ASCII control or DEL fails, and of the other bytes only a lead
/// byte that can begin a replaced character (`C2` for U+0080-U+009F, `D8` for U+061C, `E2`
/// for the marks and separators from U+2000) is decoded.
fn is_safe(s: &str) -> bool {
    let bytes = s.as_bytes();
    // Whole blocks of printable ASCII are passed 16 bytes at a time, with no early exit
    // inside a block, so the check runs on vectors.
    let mut i = 0;
    while let Some(block) = bytes.get(i..i + 16) {
        let odd = block.iter().fold(0u8, |acc, &b| {
            acc | u8::from(b.wrapping_sub(0x20) > 0x7e - 0x20)
        });
        if odd != 0 {
            break;
        }
        i += 16;
    }
    while i < bytes.len() {
        let b = bytes[i];
        if (0x20..0x7f).contains(&b) {
            i += 1;
            continue;
        }
        if b < 0x80
            || (matches!(b, 0xc2 | 0xd8 | 0xe2) && s[i..].chars().next().is_some_and(is_unsafe))
        {
            return false;
        }
        i += 1;
    }
    true
}

/// Whether a character is replaced: a C0 or C1 control (U+0085 and CSI U+009B among them),
/// DEL, a bidi mark, embedding, override or isolate (U+061C, U+200E, U+200F,
/// U+202A-U+202E, U+2066-U+2069), or a line or paragraph separator (U+2028, U+2029), which
/// some terminals and viewers take for a line break. `--json` escapes the same set.
pub fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061c}'
                | '\u{200e}'
                | '\u{200f}'
                | '\u{202a}'..='\u{202e}'
                | '\u{2066}'..='\u{2069}'
                | '\u{2028}'
                | '\u{2029}'
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_control_and_bidi() {
        assert_eq!(sanitize("plain"), "plain");
        assert_eq!(sanitize("a\x1b[31mred"), "a\\x1b[31mred");
        assert_eq!(sanitize("x\u{202e}y"), "x\\u{202e}y");
        assert_eq!(sanitize("bell\x07\u{9b}"), "bell\\x07\\x9b");
        assert_eq!(sanitize("a\tb"), "a b");
        assert_eq!(sanitize("p\u{2029}\u{85}"), "p\\u{2029}\\x85");
    }

    #[test]
    fn the_byte_check_agrees_with_is_unsafe_on_every_character() {
        let mut buf = [0u8; 4];
        for c in (0..=0x10_ffff).filter_map(char::from_u32) {
            let one = c.encode_utf8(&mut buf);
            assert_eq!(is_safe(one), !is_unsafe(c), "{c:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn the_byte_check_agrees_with_is_unsafe_on_any_text(
            s in "((?s).|[\u{0}-\u{9f}\u{61c}\u{2000}-\u{206f}]){0,64}"
        ) {
            proptest::prop_assert_eq!(is_safe(&s), !s.chars().any(is_unsafe));
        }
    }
}
