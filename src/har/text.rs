//! Turning the raw prefix of a JSON string into bytes: escapes undone, and base64 decoded
//! when the HAR says the text is base64.
//!
//! Both work on a prefix that may stop anywhere (inside an escape, a UTF-8 sequence or a
//! base64 quantum): what cannot be completed is dropped, never guessed.

/// Appends the unescaped form of `raw` (a JSON string's content, escapes as written) to
/// `out`. An escape cut off at the end is dropped; a lone surrogate becomes U+FFFD; an
/// unknown escape keeps its character.
pub(crate) fn unescape(raw: &[u8], out: &mut Vec<u8>) {
    let mut i = 0;
    while i < raw.len() {
        let Some(n) = memchr::memchr(b'\\', &raw[i..]) else {
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

/// Each byte's base64 value: 0-63, or one of the markers below.
static SEXTETS: [u8; 256] = {
    let mut t = [INVALID; 256];
    let mut i = 0;
    while i < 26 {
        t[b'A' as usize + i] = i as u8;
        t[b'a' as usize + i] = 26 + i as u8;
        i += 1;
    }
    let mut d = 0;
    while d < 10 {
        t[b'0' as usize + d] = 52 + d as u8;
        d += 1;
    }
    t[b'+' as usize] = 62;
    t[b'-' as usize] = 62;
    t[b'/' as usize] = 63;
    t[b'_' as usize] = 63;
    t[b' ' as usize] = SPACE;
    t[b'\t' as usize] = SPACE;
    t[b'\r' as usize] = SPACE;
    t[b'\n' as usize] = SPACE;
    t[b'=' as usize] = PAD;
    t
};
const INVALID: u8 = 0xFF;
const SPACE: u8 = 0xFE;
const PAD: u8 = 0xFD;

/// Decodes base64 (standard or URL-safe alphabet; whitespace skipped) into `out`, up to
/// `limit` bytes of output. Stops at padding or at the first byte outside the alphabet; an
/// incomplete quantum at the end of the prefix is dropped. Returns whether all of `text`
/// was valid base64.
pub(crate) fn decode_base64(text: &[u8], limit: usize, out: &mut Vec<u8>) -> bool {
    let limit = limit.max(out.len());
    let mut i = 0;
    // Four characters at a time while they are all in the alphabet.
    while i + 4 <= text.len() && out.len() + 3 <= limit {
        let q = [
            SEXTETS[text[i] as usize],
            SEXTETS[text[i + 1] as usize],
            SEXTETS[text[i + 2] as usize],
            SEXTETS[text[i + 3] as usize],
        ];
        if q.iter().any(|&v| v > 63) {
            break;
        }
        let n = (u32::from(q[0]) << 18)
            | (u32::from(q[1]) << 12)
            | (u32::from(q[2]) << 6)
            | u32::from(q[3]);
        out.extend_from_slice(&n.to_be_bytes()[1..]);
        i += 4;
    }
    // The rest one at a time: whitespace, padding, the end.
    let mut acc = 0u32;
    let mut bits = 0;
    for &b in &text[i..] {
        if out.len() >= limit {
            return true;
        }
        match SEXTETS[b as usize] {
            SPACE => continue,
            PAD => return true,
            INVALID => return false,
            v => {
                acc = (acc << 6) | u32::from(v);
                bits += 6;
                if bits >= 8 {
                    bits -= 8;
                    out.push((acc >> bits) as u8);
                    acc &= (1 << bits) - 1;
                }
            }
        }
    }
    true
}

/// How many bytes base64 text of `len` characters decodes to, at most.
pub(crate) fn base64_decoded_len(len: u64) -> u64 {
    len / 4 * 3 + (len % 4).saturating_sub(1)
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

    #[test]
    fn base64_prefixes_decode() {
        let mut out = Vec::new();
        assert!(decode_base64(b"eyJvayI6dHJ1ZX0=", 100, &mut out));
        assert_eq!(out, br#"{"ok":true}"#);
        out.clear();
        // Cut inside a quantum: the whole bytes so far.
        assert!(decode_base64(b"eyJvayI6dHJ", 100, &mut out));
        assert_eq!(out, br#"{"ok":tr"#);
        out.clear();
        assert!(decode_base64(b"eyJv\r\nayI6", 3, &mut out));
        assert_eq!(out, b"{\"o");
        out.clear();
        assert!(!decode_base64(b"ey*J", 10, &mut out));
        assert_eq!(base64_decoded_len(16), 12);
        assert_eq!(base64_decoded_len(11), 8);
    }
}
