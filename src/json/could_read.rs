//! A look at text before serde_json is asked to read a value from it.
//!
//! Text in braces is often tried as JSON and is often none: a log line's `[INFO]` or
//! `[2026-12-05T08:27:36.957]`, a body cut short. serde_json's error for it is free in
//! itself, but to give the error a line and column serde_json counts lines with memchr,
//! and memchr's first call asks the CPU what it supports: 60 µs on a virtual machine that
//! traps `CPUID` (`src/find.rs`, BENCHMARKS.md). [`could_read`] turns most such text away
//! first, and never text serde_json reads. Every try of text as JSON goes through
//! [`read_whole`] or [`read_first`], which ask it before serde_json.

use serde::de::DeserializeOwned;

use crate::find;

/// The value serde_json reads from the whole of `text` (whitespace only after it), as
/// `serde_json::from_slice`; none where it reads none.
pub(crate) fn read_whole<T: DeserializeOwned>(text: &[u8]) -> Option<T> {
    if !could_read(text) {
        return None;
    }
    serde_json::from_slice(text).ok()
}

/// The first value serde_json reads at the start of `text` (whatever follows it), and
/// where in `text` it ends; none where it reads none.
pub(crate) fn read_first<T: DeserializeOwned>(text: &[u8]) -> Option<(T, usize)> {
    if !could_read(text) {
        return None;
    }
    let mut values = serde_json::Deserializer::from_slice(text).into_iter::<T>();
    let value = values.next()?.ok()?;
    Some((value, values.byte_offset()))
}

/// What the next token of the value being read must be.
#[derive(Clone, Copy, PartialEq)]
enum Want {
    /// A value (at the start, after `:`, after `,` in an array).
    Value,
    /// A value or `]` (after `[`).
    ValueOrClose,
    /// A key (after `,` in an object).
    Key,
    /// A key or `}` (after `{`).
    KeyOrClose,
    /// `:` (after a key).
    Colon,
    /// `,` or the container's close (after a value inside one).
    CommaOrClose,
}

/// Nesting past this is left to serde_json (whose own limit is 128).
const DEEPEST: u32 = 120;

/// Whether serde_json could read a JSON value at the start of `text`, after whitespace:
/// `false` only where it certainly cannot. The first value's tokens are followed through
/// JSON's grammar; `false` where a token cannot stand where it does, where a string holds
/// a raw newline, or where the text ends before the value does. What follows the first
/// value is not looked at, nor a number's form or a string's escapes; nesting deeper than
/// [`DEEPEST`] is let through. So the look goes no further into the text than serde_json
/// itself would before it fails.
pub(crate) fn could_read(text: &[u8]) -> bool {
    // One bit per open container, 1 for an object.
    let mut objects: u128 = 0;
    let mut depth: u32 = 0;
    let mut want = Want::Value;
    let mut i = 0;
    loop {
        let Some(&c) = text.get(i) else {
            return false;
        };
        i += 1;
        if matches!(c, b' ' | b'\t' | b'\n' | b'\r') {
            continue;
        }
        let in_object = depth > 0 && (objects >> (depth - 1)) & 1 == 1;
        let closes = match (want, c) {
            (Want::CommaOrClose | Want::KeyOrClose, b'}') => in_object,
            (Want::CommaOrClose | Want::ValueOrClose, b']') => !in_object,
            _ => false,
        };
        if closes {
            depth -= 1;
            if depth == 0 {
                return true;
            }
            want = Want::CommaOrClose;
            continue;
        }
        match want {
            Want::Colon if c == b':' => want = Want::Value,
            Want::CommaOrClose if c == b',' => {
                want = if in_object { Want::Key } else { Want::Value };
            }
            Want::Key | Want::KeyOrClose if c == b'"' => {
                let Some(end) = string_end(text, i) else {
                    return false;
                };
                i = end;
                want = Want::Colon;
            }
            Want::Value | Want::ValueOrClose => {
                match c {
                    b'{' | b'[' => {
                        if depth >= DEEPEST {
                            return true;
                        }
                        objects = (objects & !(1 << depth)) | (u128::from(c == b'{') << depth);
                        depth += 1;
                        want = if c == b'{' {
                            Want::KeyOrClose
                        } else {
                            Want::ValueOrClose
                        };
                        continue;
                    }
                    b'"' => match string_end(text, i) {
                        Some(end) => i = end,
                        None => return false,
                    },
                    b'-' | b'0'..=b'9' => {
                        while matches!(
                            text.get(i),
                            Some(b'0'..=b'9' | b'.' | b'e' | b'E' | b'+' | b'-')
                        ) {
                            i += 1;
                        }
                    }
                    b't' | b'f' | b'n' => {
                        let word: &[u8] = match c {
                            b't' => b"true",
                            b'f' => b"false",
                            _ => b"null",
                        };
                        if !text[i - 1..].starts_with(word) {
                            return false;
                        }
                        i += word.len() - 1;
                    }
                    _ => return false,
                }
                // A value that is no container has ended.
                if depth == 0 {
                    return true;
                }
                want = Want::CommaOrClose;
            }
            _ => return false,
        }
    }
}

/// Where a string whose first byte after the opening quote is at `from` ends: just past
/// its closing quote; none when the text ends first or the string holds a raw newline
/// (JSON's strings hold no control character).
fn string_end(text: &[u8], mut from: usize) -> Option<usize> {
    loop {
        let at = from + find::memchr3(b'"', b'\\', b'\n', text.get(from..)?)?;
        match text[at] {
            b'"' => return Some(at + 1),
            b'\n' => return None,
            // An escape: the byte after the backslash is part of it.
            _ => from = at + 2,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde::de::IgnoredAny;

    /// Whether serde_json reads a first value at the start of `text`, as the callers ask.
    fn serde_reads(text: &[u8]) -> bool {
        matches!(
            serde_json::Deserializer::from_slice(text)
                .into_iter::<IgnoredAny>()
                .next(),
            Some(Ok(_))
        )
    }

    #[test]
    fn turns_away_what_log_lines_hold_in_braces() {
        for text in [
            &b"[INFO] hike - GET /api/v1/products"[..],
            b"[2026-12-05T08:27:36.957] [ERROR] hike",
            b"[a1b2c3d4-0013-4e5f] Started POST",
            b"{user} logged in",
            b"{\"errors\": [\"cut",
            b"{\"a\": tru",
            b"",
            b"   ",
            b"] x",
            b", 1",
            b"{\n{\n{\n{",
            b"{\"a\" 1}",
            b"[1 2]",
            b"{\"a\": 1]",
            b"[\"two\nlines\"]",
        ] {
            assert!(!could_read(text), "{}", String::from_utf8_lossy(text));
            assert!(!serde_reads(text), "{}", String::from_utf8_lossy(text));
        }
    }

    #[test]
    fn lets_json_through() {
        for text in [
            &b"{\"errors\":[\"x\"]} trailing"[..],
            b"  [1, -2.5e+3, true, false, null, \"a\\\"]\"]",
            b"\"s\"",
            b"12",
            b"{}",
            b"[]",
            b"{\"a\": {\"b\": [[], {}]}, \"c\": \"}\"}",
        ] {
            assert!(could_read(text), "{}", String::from_utf8_lossy(text));
            assert!(serde_reads(text), "{}", String::from_utf8_lossy(text));
        }
    }

    fn text() -> impl Strategy<Value = Vec<u8>> {
        prop::collection::vec(
            prop::sample::select(b" \n{}[],:\"\\-+.019eEtruefalsnlI/x".to_vec()),
            0..40,
        )
    }

    fn value() -> impl Strategy<Value = serde_json::Value> {
        let leaf = prop_oneof![
            Just(serde_json::Value::Null),
            any::<bool>().prop_map(serde_json::Value::from),
            any::<i64>().prop_map(serde_json::Value::from),
            any::<f64>()
                .prop_filter("finite", |f| f.is_finite())
                .prop_map(serde_json::Value::from),
            ".{0,8}".prop_map(serde_json::Value::from),
        ];
        leaf.prop_recursive(4, 32, 4, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..4).prop_map(serde_json::Value::from),
                prop::collection::btree_map(".{0,6}", inner, 0..4)
                    .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
            ]
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4096))]

        /// What it turns away, serde_json does not read.
        #[test]
        fn never_turns_away_what_serde_json_reads(t in text()) {
            prop_assert!(could_read(&t) || !serde_reads(&t));
        }

        /// Every value serde_json writes, with anything after it, is let through.
        #[test]
        fn lets_every_written_value_through(v in value(), pretty: bool, tail in text()) {
            let mut t = if pretty {
                serde_json::to_vec_pretty(&v).unwrap()
            } else {
                serde_json::to_vec(&v).unwrap()
            };
            t.extend_from_slice(&tail);
            prop_assert!(could_read(&t));
        }
    }
}
