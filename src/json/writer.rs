//! JSON output that is safe to `cat` or to read through `jq` in a terminal: serde_json's
//! pretty printing, with every character [`crate::sanitize`] replaces for the terminal (C1
//! controls such as CSI U+009B, DEL, bidi controls, U+2028 and U+2029; see
//! [`is_unsafe`]) written as a `\uXXXX` escape instead of raw. serde_json escapes the C0
//! controls itself.

use std::cell::Cell;
use std::io::{self, Write};

use serde::Serialize;
use serde_json::ser::{CharEscape, CompactFormatter, Formatter, PrettyFormatter};

use crate::sanitize::is_unsafe;

/// Writes any value as one pretty JSON document with a trailing newline, every unsafe
/// character escaped.
pub fn write<T: Serialize + ?Sized>(out: &mut dyn Write, value: &T) -> io::Result<()> {
    let mut ser = serde_json::Serializer::with_formatter(&mut *out, Safe(PrettyFormatter::new()));
    // `io::Error::from` keeps the kind of a failed write, so a closed pipe stays one.
    value.serialize(&mut ser).map_err(io::Error::from)?;
    writeln!(out)
}

/// Writes any value as one compact JSON line (JSON Lines), every unsafe character escaped.
pub fn write_line<T: Serialize + ?Sized>(out: &mut dyn Write, value: &T) -> io::Result<()> {
    let mut ser = serde_json::Serializer::with_formatter(&mut *out, Safe(CompactFormatter));
    value.serialize(&mut ser).map_err(io::Error::from)?;
    out.write_all(b"\n")
}

/// Appends `s` as a JSON string, escaped exactly as [`write_line`] escapes it. Text that
/// needs no escape (printable ASCII but `"` and `\`, nearly all of a report) is copied as
/// it is; the rest goes through serde_json and [`Safe`].
pub fn push_str(buf: &mut Vec<u8>, s: &str) -> io::Result<()> {
    if is_plain(s) {
        push_plain(buf, s);
        Ok(())
    } else {
        push_value(buf, s)
    }
}

/// Appends a text the program holds for its whole run (a finding's or a next step's words,
/// a source's name) as [`push_str`] does, but looks at its bytes only the first time: a
/// `'static` text that needs no escape is remembered by where it stands and how long it is,
/// which no other text can share, so the reports that repeat it copy it at once.
pub fn push_static_str(buf: &mut Vec<u8>, s: &'static str) -> io::Result<()> {
    /// How many plain texts are remembered (a direct-mapped table: a text has one slot, by
    /// its address, hashed so that texts laid out near each other spread).
    const SLOTS: usize = 256;
    thread_local! {
        /// The address and length of a `'static` text found plain, per slot.
        static PLAIN: [Cell<(usize, usize)>; SLOTS] = const { [const { Cell::new((0, 0)) }; SLOTS] };
    }
    let key = (s.as_ptr() as usize, s.len());
    // The top bits of the address times a large odd number (Fibonacci hashing).
    let slot =
        ((key.0 as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15) >> (64 - SLOTS.ilog2())) as usize;
    let known = PLAIN.with(|p| p[slot].get() == key);
    if known || is_plain(s) {
        if !known {
            PLAIN.with(|p| p[slot].set(key));
        }
        push_plain(buf, s);
        Ok(())
    } else {
        push_value(buf, s)
    }
}

/// Appends `s`, which needs no escape, as a JSON string.
#[inline]
fn push_plain(buf: &mut Vec<u8>, s: &str) {
    buf.reserve(s.len() + 2);
    buf.push(b'"');
    buf.extend_from_slice(s.as_bytes());
    buf.push(b'"');
}

/// Appends any value as compact JSON, escaped as [`write_line`] escapes it.
pub fn push_value<T: Serialize + ?Sized>(buf: &mut Vec<u8>, value: &T) -> io::Result<()> {
    let mut ser = serde_json::Serializer::with_formatter(buf, Safe(CompactFormatter));
    value.serialize(&mut ser).map_err(io::Error::from)
}

/// Appends an integer as JSON writes it.
#[inline]
pub fn push_u64(buf: &mut Vec<u8>, mut n: u64) {
    if n < 10 {
        buf.push(b'0' + n as u8);
        return;
    }
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    buf.extend_from_slice(&digits[at..]);
}

/// Whether `s` is all printable ASCII with no `"` or `\`: JSON and [`Safe`] leave such a
/// string as it is.
#[inline]
fn is_plain(s: &str) -> bool {
    crate::ascii::none(s.as_bytes(), |b| {
        !(0x20..0x7f).contains(&b) | (b == b'"') | (b == b'\\')
    })
}

/// A [`Formatter`] that writes what `F` writes, but the characters of [`is_unsafe`] inside
/// strings, which it escapes as `\uXXXX`.
pub struct Safe<F>(pub F);

impl<F: Formatter> Formatter for Safe<F> {
    fn write_string_fragment<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        // Most text is printable ASCII: nothing in it to escape, and the check is a pass
        // the compiler vectorises.
        if fragment
            .bytes()
            .fold(true, |ok, b| ok & (0x20..0x7f).contains(&b))
        {
            return self.0.write_string_fragment(writer, fragment);
        }
        let mut start = 0;
        for (i, c) in fragment.char_indices() {
            if is_unsafe(c) {
                self.0.write_string_fragment(writer, &fragment[start..i])?;
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    write!(writer, "\\u{unit:04x}")?;
                }
                start = i + c.len_utf8();
            }
        }
        self.0.write_string_fragment(writer, &fragment[start..])
    }

    // The rest is `F`'s own: the layout of arrays and objects, and serde_json's escapes.
    fn write_char_escape<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        char_escape: CharEscape,
    ) -> io::Result<()> {
        self.0.write_char_escape(writer, char_escape)
    }
    fn begin_string<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.begin_string(writer)
    }
    fn end_string<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_string(writer)
    }
    fn begin_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.begin_array(writer)
    }
    fn end_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_array(writer)
    }
    fn begin_array_value<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.0.begin_array_value(writer, first)
    }
    fn end_array_value<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_array_value(writer)
    }
    fn begin_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.begin_object(writer)
    }
    fn end_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_object(writer)
    }
    fn begin_object_key<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.0.begin_object_key(writer, first)
    }
    fn end_object_key<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_object_key(writer)
    }
    fn begin_object_value<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.begin_object_value(writer)
    }
    fn end_object_value<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_object_value(writer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn json(v: &serde_json::Value) -> String {
        let mut out = Vec::new();
        write(&mut out, v).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn unsafe_characters_are_escaped_and_read_back_the_same() {
        let raw = "a\u{9b}31m b\u{9d}0;t c\u{85} d\u{202e}e\u{2066}f\u{200e}\u{200f}\u{61c} \
                   g\u{2028}h\u{2029} i\u{7f} j\x1b[0m k\u{1f600} ü";
        let v = serde_json::json!({ "k\u{202e}": [raw] });
        let out = json(&v);
        for c in out.chars() {
            assert!(c == '\n' || !is_unsafe(c), "{c:?} raw in {out}");
        }
        assert!(
            out.contains("a\\u009b31m") && out.contains("d\\u202ee"),
            "{out}"
        );
        assert!(
            out.contains("g\\u2028h\\u2029") && out.contains("\\u001b[0m"),
            "{out}"
        );
        // Other text, emoji and accents too, is written as it is.
        assert!(out.contains("k\u{1f600} ü"), "{out}");
        // The same value read back.
        assert_eq!(serde_json::from_str::<serde_json::Value>(&out).unwrap(), v);
    }

    #[test]
    fn pushed_strings_and_numbers_are_what_write_line_writes() {
        for s in [
            "plain text, with: punctuation/and [brackets]",
            "",
            "a \"quote\" and a \\ backslash",
            "tab\there\nnewline \u{7f} del \u{9b} csi \u{202e} bidi \u{2028} ls",
            "ü and \u{1f600}",
            "\x1b[31m",
        ] {
            let mut pushed = Vec::new();
            push_str(&mut pushed, s).unwrap();
            pushed.push(b'\n');
            let mut line = Vec::new();
            write_line(&mut line, s).unwrap();
            assert_eq!(
                String::from_utf8(pushed).unwrap(),
                String::from_utf8(line).unwrap()
            );
        }
        // A 'static text, plain or not, the first time and again.
        for s in [
            "plain static text",
            "a \"quoted\" static text",
            "",
            "\u{9b}",
        ] {
            for _ in 0..2 {
                let mut pushed = Vec::new();
                push_static_str(&mut pushed, s).unwrap();
                let mut plain = Vec::new();
                push_str(&mut plain, s).unwrap();
                assert_eq!(pushed, plain, "{s:?}");
            }
        }
        for n in [0, 7, 10, 429, 65_535, u64::MAX] {
            let mut pushed = Vec::new();
            push_u64(&mut pushed, n);
            assert_eq!(pushed, serde_json::to_vec(&n).unwrap());
        }
    }

    #[test]
    fn plain_values_are_serde_jsons_pretty_output() {
        let v = serde_json::json!({"a": [1, 2.5, null, true], "b": {"c": "d"}, "e": []});
        assert_eq!(json(&v), serde_json::to_string_pretty(&v).unwrap() + "\n");
    }

    fn same_as_push_str(s: &'static str) {
        let (mut a, mut b) = (Vec::new(), Vec::new());
        push_static_str(&mut a, s).unwrap();
        push_str(&mut b, s).unwrap();
        assert_eq!(a, b, "{s:?}");
    }

    /// Texts that share an address (a 'static text and its prefixes), plain and not, in
    /// either order and again; and many texts at once, so that slots are shared and
    /// overwritten: each is written as push_str writes it.
    #[test]
    fn texts_at_one_address_and_overwritten_slots_are_written_as_push_str_writes_them() {
        let full: &'static str = "plain\"quote\\back\u{202e}bidi\u{1b}esc\u{7f}del \u{e9}\u{2028}";
        let ends: Vec<usize> = (0..=full.len())
            .filter(|&e| full.is_char_boundary(e))
            .collect();
        for _ in 0..3 {
            for &e in ends.iter().chain(ends.iter().rev()) {
                same_as_push_str(&full[..e]);
                same_as_push_str(&full[e..]);
            }
        }
        let texts: Vec<&'static str> = (0..2_000u32)
            .map(|i| {
                let c = char::from_u32(i * 37 % 0x2100).unwrap_or('x');
                let s = if i % 3 == 0 {
                    format!("id-{i}-{c}")
                } else {
                    format!("id-{i}")
                };
                &*Box::leak(s.into_boxed_str())
            })
            .collect();
        for round in 0..3 {
            for (i, &t) in texts.iter().enumerate() {
                if (i + round) % 2 == 0 {
                    same_as_push_str(t);
                }
            }
        }
    }
}
