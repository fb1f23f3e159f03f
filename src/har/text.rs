//! Turning the raw prefix of a JSON string into bytes: base64 decoded when the HAR says the
//! text is base64 (escapes are undone by [`crate::json::unescape`]).
//!
//! It works on a prefix that may stop anywhere (inside a UTF-8 sequence or a base64
//! quantum): what cannot be completed is dropped, never guessed.

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
