//! The common structured record, read without building a JSON value: one compact object a
//! line (winston's `format.json()`, pino, bunyan) whose keys are few and flat.
//!
//! [`read`] answers only where it can answer as [`super::read_line`] would: a record that
//! states a call ([`Flat::Call`]), or one that states none ([`Flat::Nothing`]), and in
//! both cases shows no credential; anything else is [`Flat::Unsure`], for the full reader.
//! It takes a record when
//! - the line is `{...}`, printable ASCII, with no whitespace between tokens and no
//!   backslash (so no string holds an escape, and a string's bytes are its value);
//! - of the keys the record reader looks up ([`super::record`]: containers, status, body,
//!   method, URL, request id, headers, time, message, `Category`), it holds only `status`,
//!   `method`, `url`, `timestamp`, `message` and `data`, spelled so and each once, and no
//!   key with a `.` (a dotted path); other keys (`level`, `service`, ...) are passed over;
//! - the status is a number in 200..=599 and the time a `timestamp` string the time reader
//!   reads, or there is no status and the record would not give one otherwise (no status
//!   stated in the message, no Hike form body);
//! - no field, string, URL or body would teach the redactor a credential.

mod keys;

use std::ops::Range;

use keys::Key;
pub use keys::Keys;

use super::body::hike_form;
use super::scan::code_at;
use super::secrets::{SeenSecrets, text_may_show};
use super::text::find_status;
use super::time;
use crate::redact::Secrets;

/// What [`read`] makes of a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Flat<'a> {
    /// A record that states a call.
    Call(FlatCall<'a>),
    /// A record that states no call.
    Nothing,
    /// Left to [`super::read_line`].
    Unsure,
}

/// A call a flat record states, as [`super::read_line`] reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FlatCall<'a> {
    /// The status, 200..=599.
    pub status: u16,
    /// The method as logged (letters only, trimmed): upper-case it.
    pub method: Option<&'a str>,
    /// The URL or path, trimmed.
    pub target: Option<&'a str>,
    /// Milliseconds since the Unix epoch, not negative.
    pub time_ms: i64,
    /// Whether the record holds a body (`data`).
    pub has_body: bool,
    /// Where the time's string (the `timestamp`, without its quotes) stands in the line.
    pub time: Range<usize>,
}

/// The looked-up keys a flat record may hold, spelled so.
const KEYS: [&str; 6] = ["status", "method", "url", "timestamp", "message", "data"];
const STATUS: usize = 0;
const METHOD: usize = 1;
const URL: usize = 2;
const TIMESTAMP: usize = 3;
const MESSAGE: usize = 4;
const DATA: usize = 5;

/// How deep a value may nest here; deeper is left to the full reader.
const MAX_DEPTH: usize = 32;
/// Digits of a number's integer part, at most; a number with more is left to the full
/// reader. (A u64 has 20.)
const MAX_INT_DIGITS: usize = 20;
/// A body longer than this is left to the full reader (which keeps a prefix of it).
const MAX_BODY: usize = 16 * 1024;

/// One value of the record, as far as the reader needs it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Val<'a> {
    /// A string's bytes (no escapes: they are its value).
    Str(&'a str),
    /// An unsigned integer's digits, at its place in the line.
    Int(&'a str, usize),
    /// An object or array, its bytes.
    Nested(&'a str),
    /// Any other number, `true`, `false`, `null`.
    Other,
}

/// Reads one line (without its line end). See the [module docs](self).
pub fn read(line: &[u8], year: i32) -> Flat<'_> {
    read_with(line, year, &mut Keys::default())
}

/// [`read`], with the keys met on earlier lines.
pub fn read_with<'a>(line: &'a [u8], year: i32, keys: &mut Keys) -> Flat<'a> {
    match scan(line, keys) {
        Some(fields) => judge(line, &fields, year).unwrap_or(Flat::Unsure),
        None => Flat::Unsure,
    }
}

/// The values of [`KEYS`] a flat record holds; `None` when it is not one, or a field shows
/// a credential.
fn scan<'a>(line: &'a [u8], keys: &mut Keys) -> Option<Fields<'a>> {
    if line.len() < 2 || line[0] != b'{' || line[line.len() - 1] != b'}' {
        return None;
    }
    // Printable ASCII with no backslash: no string holds an escape, so its bytes are its
    // value and every `"` opens or closes one. (A fold, not `all`: it compiles to a vector
    // loop.)
    let plain = line
        .iter()
        .fold(true, |ok, b| ok & (0x20..0x7f).contains(b) & (*b != b'\\'));
    if !plain {
        return None;
    }
    // Printable ASCII: every byte boundary is a char boundary.
    let text = std::str::from_utf8(line).ok()?;
    let mut r = Reader {
        s: text,
        i: 1,
        text_may_show: text_may_show(line),
        credential_named: false,
        keys,
    };
    let mut fields: [Option<Val>; 6] = [None; 6];
    if r.peek() == Some(b'}') {
        r.i += 1;
    } else {
        loop {
            let key = r.string()?;
            r.expect(b':')?;
            let k = r.keys.get(key);
            if k.refused {
                return None;
            }
            let v = r.value(key, k, 1)?;
            if let Some(slot) = k.slot {
                if fields[slot].is_some() {
                    return None;
                }
                fields[slot] = Some(v);
            }
            match r.next()? {
                b',' => continue,
                b'}' => break,
                _ => return None,
            }
        }
    }
    (r.i == line.len()).then_some(Fields {
        values: fields,
        credential_named: r.credential_named,
    })
}

/// What [`scan`] finds of a flat record.
struct Fields<'a> {
    /// The values of [`KEYS`].
    values: [Option<Val<'a>>; 6],
    /// Whether any string of the record stood under a credential field's name.
    credential_named: bool,
}

/// What the record reader makes of the fields.
fn judge<'a>(line: &[u8], fields: &Fields<'a>, year: i32) -> Option<Flat<'a>> {
    let f = &fields.values;
    let text = |i: usize| match f[i] {
        Some(Val::Str(s)) => Some(s),
        _ => None,
    };
    // As the reader's `as_text`: trimmed, not empty, not huge.
    let trimmed = |i: usize| {
        text(i)
            .map(str::trim)
            .filter(|s| !s.is_empty() && s.len() <= 8192)
    };
    let Some(status) = f[STATUS] else {
        // No status: the message read as a line of text, or Hike's form body, would give one.
        if trimmed(MESSAGE).is_some_and(|m| find_status(m).is_some())
            || [DATA, MESSAGE]
                .iter()
                .any(|i| text(*i).is_some_and(|s| hike_form(s).is_some()))
        {
            return None;
        }
        return Some(Flat::Nothing);
    };
    let Val::Int(digits, at) = status else {
        return None;
    };
    let code: u16 = digits.parse().ok()?;
    // A code standing alone, which the reader's first look at the line finds.
    if !(200..=599).contains(&code) || code_at(line, at).is_none() {
        return None;
    }
    let time_text = text(TIMESTAMP)?;
    let time_ms = time::parse(time_text, year).filter(|ms| *ms >= 0)?;
    // The time's string is a part of the line.
    let time_at = time_text.as_ptr() as usize - line.as_ptr() as usize;
    let method =
        trimmed(METHOD).filter(|m| m.len() <= 16 && m.bytes().all(|b| b.is_ascii_alphabetic()));
    let target = trimmed(URL).filter(|t| t.starts_with('/') || t.contains("://"));
    if let Some(t) = target.filter(|t| t.contains(['?', '#', '@'])) {
        let mut learned = Secrets::new();
        learned.learn_request(&[], t, &[]);
        if !learned.is_empty() {
            return None;
        }
    }
    let body = match f[DATA] {
        Some(Val::Str(s)) if !s.is_empty() => {
            // A body that starts as an object may be `util.inspect`'s, made JSON first.
            if s.trim_start().starts_with(['{', '[']) {
                return None;
            }
            Some(s)
        }
        Some(Val::Nested(s)) => Some(s),
        _ => None,
    };
    if let Some(b) = body {
        if b.len() > MAX_BODY {
            return None;
        }
        // What the reader learns from a JSON body is a string under a credential field's
        // name; a record with none (and a JSON body) teaches it nothing.
        let learns = |b: &str| {
            let mut learned = Secrets::new();
            learned.learn_response(b.as_bytes());
            !learned.is_empty()
        };
        if fields.credential_named || matches!(f[DATA], Some(Val::Str(_))) {
            if learns(b) {
                return None;
            }
        } else {
            debug_assert!(
                !learns(b),
                "a body with no credential-named string taught one"
            );
        }
    }
    Some(Flat::Call(FlatCall {
        status: code,
        method,
        target,
        time_ms,
        has_body: body.is_some(),
        time: time_at..time_at + time_text.len(),
    }))
}

/// A cursor over a compact JSON object's text.
struct Reader<'a, 'k> {
    s: &'a str,
    i: usize,
    /// Whether the line's strings may show a credential as text (most do not).
    text_may_show: bool,
    /// Whether a string stood under a credential field's name.
    credential_named: bool,
    keys: &'k mut Keys,
}

impl<'a> Reader<'a, '_> {
    fn peek(&self) -> Option<u8> {
        self.s.as_bytes().get(self.i).copied()
    }

    fn next(&mut self) -> Option<u8> {
        let b = self.peek()?;
        self.i += 1;
        Some(b)
    }

    fn expect(&mut self, b: u8) -> Option<()> {
        (self.next()? == b).then_some(())
    }

    /// A string with no escape, at the cursor: its bytes.
    fn string(&mut self) -> Option<&'a str> {
        // No backslash in the line: the next `"` closes the string. (Keys and most values
        // are short: a plain scan.)
        self.expect(b'"')?;
        let rest = &self.s.as_bytes()[self.i..];
        let end = rest.iter().position(|b| *b == b'"')?;
        let s = &self.s[self.i..self.i + end];
        self.i += end + 1;
        Some(s)
    }

    /// A value at the cursor, under `key`; its strings, at any depth, checked for
    /// credentials as the reader checks a record's.
    fn value(&mut self, key: &str, k: Key, depth: usize) -> Option<Val<'a>> {
        if depth > MAX_DEPTH {
            return None;
        }
        let start = self.i;
        match self.peek()? {
            b'"' => {
                let s = self.string()?;
                self.credential_named |= k.credential_named;
                SeenSecrets::shows_none(k.rule, key, s, self.text_may_show).then_some(Val::Str(s))
            }
            b'{' => {
                self.i += 1;
                if self.peek() == Some(b'}') {
                    self.i += 1;
                } else {
                    loop {
                        let k = self.string()?;
                        self.expect(b':')?;
                        let inner = self.keys.get(k);
                        self.value(k, inner, depth + 1)?;
                        match self.next()? {
                            b',' => continue,
                            b'}' => break,
                            _ => return None,
                        }
                    }
                }
                Some(Val::Nested(&self.s[start..self.i]))
            }
            b'[' => {
                self.i += 1;
                if self.peek() == Some(b']') {
                    self.i += 1;
                } else {
                    loop {
                        // An array's items are read under the key that holds it.
                        self.value(key, k, depth + 1)?;
                        match self.next()? {
                            b',' => continue,
                            b']' => break,
                            _ => return None,
                        }
                    }
                }
                Some(Val::Nested(&self.s[start..self.i]))
            }
            b't' | b'f' | b'n' => {
                let word = ["true", "false", "null"]
                    .into_iter()
                    .find(|w| self.s[start..].starts_with(w))?;
                self.i += word.len();
                Some(Val::Other)
            }
            _ => self.number(),
        }
    }

    /// A number in JSON's grammar, without an exponent (whose range the full reader checks).
    fn number(&mut self) -> Option<Val<'a>> {
        let b = self.s.as_bytes();
        let negative = self.peek() == Some(b'-');
        if negative {
            self.i += 1;
        }
        let digits = self.i;
        match self.peek()? {
            b'0' => self.i += 1,
            b'1'..=b'9' => {
                while b.get(self.i).is_some_and(u8::is_ascii_digit) {
                    self.i += 1;
                }
            }
            _ => return None,
        }
        let int_end = self.i;
        // A longer integer part may be past what serde_json reads (an f64 out of range),
        // and the full reader then reads no record at all: leave it to that reader.
        if int_end - digits > MAX_INT_DIGITS {
            return None;
        }
        let mut fraction = false;
        if self.peek() == Some(b'.') {
            self.i += 1;
            let from = self.i;
            while b.get(self.i).is_some_and(u8::is_ascii_digit) {
                self.i += 1;
            }
            if self.i == from {
                return None;
            }
            fraction = true;
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            return None;
        }
        if negative || fraction {
            return Some(Val::Other);
        }
        Some(Val::Int(&self.s[digits..int_end], digits))
    }
}

#[cfg(test)]
mod tests;
