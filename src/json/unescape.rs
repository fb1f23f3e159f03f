//! Undoing the escapes of a JSON string's raw content.
//!
//! It works on a prefix that may stop anywhere (inside an escape or a UTF-8 sequence): what
//! cannot be completed is dropped, never guessed.

/// Appends the unescaped form of `raw` (a JSON string's content, escapes as written) to
/// `out`. An escape cut off at the end is dropped; a lone surrogate becomes U+FFFD; an
/// unknown escape keeps its character.
pub(crate) fn unescape(raw: &[u8], out: &mut Vec<u8>) {
    let mut i = 0;
    while i < raw.len() {
        let Some(n) = crate::find::memchr(b'\\', &raw[i..]) else {
            out.extend_from_slice(&raw[i..]);
            return;
        };
        out.extend_from_slice(&raw[i..i + n]);
        i += n + 1;
        let Some(&e) = raw.get(i) else { return };
        i += 1;
        let c = match e {
            b'n' => '\n',
            b't' => '\t',
            b'r' => '\r',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'u' => {
                let Some(hi) = hex4(raw, i) else { return };
                i += 4;
                if (0xD800..0xDC00).contains(&hi) {
                    let lo = (raw.get(i) == Some(&b'\\') && raw.get(i + 1) == Some(&b'u'))
                        .then(|| hex4(raw, i + 2))
                        .flatten();
                    match lo {
                        Some(lo) if (0xDC00..0xE000).contains(&lo) => {
                            i += 6;
                            char::from_u32(0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00))
                                .unwrap_or('\u{FFFD}')
                        }
                        // The low half is cut off by the prefix: drop the pair.
                        None if b"\\u".starts_with(&raw[i..raw.len().min(i + 2)])
                            && raw.len() < i + 6 =>
                        {
                            return;
                        }
                        _ => '\u{FFFD}',
                    }
                } else {
                    char::from_u32(hi).unwrap_or('\u{FFFD}')
                }
            }
            other => char::from(other),
        };
        let mut buf = [0u8; 4];
        out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
    }
}

fn hex4(raw: &[u8], at: usize) -> Option<u32> {
    let digits = raw.get(at..at + 4)?;
    let s = std::str::from_utf8(digits).ok()?;
    u32::from_str_radix(s, 16).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn un(raw: &str) -> String {
        let mut out = Vec::new();
        unescape(raw.as_bytes(), &mut out);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn escapes_are_undone() {
        assert_eq!(un(r#"a\"b\\c\/d\n\t"#), "a\"b\\c/d\n\t");
        assert_eq!(un(r"caf\u00e9 \ud83d\ude00"), "café 😀");
        assert_eq!(un(r"lone \ud83d x"), "lone \u{FFFD} x");
    }

    #[test]
    fn an_escape_cut_by_the_prefix_is_dropped() {
        assert_eq!(un(r"abc\"), "abc");
        assert_eq!(un(r"abc\u00"), "abc");
        assert_eq!(un(r"abc\ud83d"), "abc");
        assert_eq!(un(r"abc\ud83d\ude"), "abc");
    }
}
