//! Node's `util.inspect` text (what an uncaught axios error dumps) read back: a JavaScript
//! object literal with bare keys, single-quoted strings joined by `+`, `[Array]` for what
//! lies too deep, and class prefixes such as `Object [AxiosHeaders] {`, turned into JSON.

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Open(u8),
    Close(u8),
    Comma,
    Colon,
    Plus,
    Str(String),
    Word(String),
    Num(String),
}

/// Reads a JavaScript string literal starting at `b[0]` (its quote); returns the text and
/// the bytes used.
fn string(b: &[u8]) -> (String, usize) {
    let quote = b[0];
    let mut out = Vec::new();
    let mut i = 1;
    while i < b.len() && b[i] != quote {
        if b[i] == b'\\' && i + 1 < b.len() {
            i += 1;
            let hex = |from: usize, n: usize| {
                b.get(from..from + n)
                    .and_then(|h| std::str::from_utf8(h).ok())
                    .and_then(|h| u32::from_str_radix(h, 16).ok())
            };
            match b[i] {
                b'n' => out.push(b'\n'),
                b'r' => out.push(b'\r'),
                b't' => out.push(b'\t'),
                b'b' => out.push(8),
                b'f' => out.push(12),
                b'v' => out.push(11),
                b'0' => out.push(0),
                b'x' => {
                    if let Some(c) = hex(i + 1, 2).and_then(char::from_u32) {
                        out.extend_from_slice(c.to_string().as_bytes());
                        i += 2;
                    }
                }
                b'u' => {
                    if let Some(c) = hex(i + 1, 4).and_then(char::from_u32) {
                        out.extend_from_slice(c.to_string().as_bytes());
                        i += 4;
                    }
                }
                c => out.push(c),
            }
        } else {
            out.push(b[i]);
        }
        i += 1;
    }
    (
        String::from_utf8_lossy(&out).into_owned(),
        (i + 1).min(b.len()),
    )
}

fn tokens(text: &str) -> Vec<Tok> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        match c {
            b'{' | b'[' => out.push(Tok::Open(c)),
            b'}' | b']' => out.push(Tok::Close(c)),
            b',' => out.push(Tok::Comma),
            b':' => out.push(Tok::Colon),
            b'+' => out.push(Tok::Plus),
            b'\'' | b'"' | b'`' => {
                let (s, used) = string(&b[i..]);
                out.push(Tok::Str(s));
                i += used;
                continue;
            }
            b'-' | b'0'..=b'9' => {
                let n = b[i..]
                    .iter()
                    .take_while(|x| x.is_ascii_alphanumeric() || b"-+.".contains(x))
                    .count();
                out.push(Tok::Num(text[i..i + n].to_string()));
                i += n;
                continue;
            }
            _ if c.is_ascii_alphabetic() || c == b'_' || c == b'$' => {
                let n = b[i..]
                    .iter()
                    .take_while(|x| x.is_ascii_alphanumeric() || **x == b'_' || **x == b'$')
                    .count();
                out.push(Tok::Word(text[i..i + n].to_string()));
                i += n;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    out
}

/// Converts inspected JavaScript to JSON text; what it cannot read becomes `null`.
pub(crate) fn to_json(text: &str) -> String {
    let toks = tokens(text);
    let mut out = String::new();
    let mut i = 0;
    let push_value = |out: &mut String, v: &str| {
        out.push_str(v);
    };
    while i < toks.len() {
        match &toks[i] {
            Tok::Open(b'[') if matches!(toks.get(i + 1), Some(Tok::Word(w)) if !is_literal(w)) => {
                // `[Array]`, `[Object: null prototype]`, `[Function: f]`: a tag to its `]`.
                while i < toks.len() && toks[i] != Tok::Close(b']') {
                    i += 1;
                }
                if toks.get(i + 1) != Some(&Tok::Open(b'{')) {
                    push_value(&mut out, "null");
                }
            }
            Tok::Open(c) => out.push(*c as char),
            Tok::Close(c) => {
                if out.ends_with(',') {
                    out.pop();
                }
                out.push(*c as char);
            }
            Tok::Comma => out.push(','),
            Tok::Colon => out.push(':'),
            Tok::Plus => {}
            Tok::Str(s) => {
                let mut s = s.clone();
                while toks.get(i + 1) == Some(&Tok::Plus) {
                    match toks.get(i + 2) {
                        Some(Tok::Str(more)) => {
                            s.push_str(more);
                            i += 2;
                        }
                        _ => break,
                    }
                }
                push_value(&mut out, &serde_json::Value::String(s).to_string());
            }
            Tok::Word(w) => {
                let next = toks.get(i + 1);
                if next == Some(&Tok::Colon) {
                    out.push_str(&serde_json::Value::String(w.clone()).to_string());
                } else if matches!(next, Some(Tok::Open(_))) && !is_literal(w) {
                    // A class name before its contents: `Object [AxiosHeaders] {`.
                } else {
                    push_value(
                        &mut out,
                        match w.as_str() {
                            "true" => "true",
                            "false" => "false",
                            _ => "null",
                        },
                    );
                }
            }
            Tok::Num(n) => {
                if n.parse::<f64>().is_ok_and(f64::is_finite) {
                    out.push_str(n);
                } else {
                    out.push_str("null");
                }
            }
        }
        i += 1;
    }
    out
}

fn is_literal(w: &str) -> bool {
    matches!(
        w,
        "true" | "false" | "null" | "undefined" | "NaN" | "Infinity"
    )
}

/// One `key: value,` line of an inspected object: the key, and the value when it is a
/// string or a number (`None` for `undefined` and the like).
pub(crate) fn key_value(line: &str) -> Option<(String, Option<String>)> {
    let toks = tokens(line);
    let key = match toks.first()? {
        Tok::Str(s) | Tok::Word(s) => s.clone(),
        _ => return None,
    };
    if toks.get(1) != Some(&Tok::Colon) {
        return None;
    }
    let value = match toks.get(2) {
        Some(Tok::Str(s)) => {
            let mut s = s.clone();
            let mut j = 3;
            while toks.get(j) == Some(&Tok::Plus) {
                if let Some(Tok::Str(more)) = toks.get(j + 1) {
                    s.push_str(more);
                }
                j += 2;
            }
            Some(s)
        }
        Some(Tok::Num(n)) => Some(n.clone()),
        _ => None,
    };
    Some((key, value))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{Value, json};

    fn parse(text: &str) -> Value {
        serde_json::from_str(&to_json(text)).unwrap_or_else(|e| panic!("{e}: {}", to_json(text)))
    }

    #[test]
    fn inspected_objects_become_json() {
        let v = parse(
            "{\n  error: {\n    code: null,\n    message: 'Your request is not valid!',\n    \
             details: 'The following errors.\\r\\n' +\n      ' - The Name field.\\r\\n',\n    \
             validationErrors: [\n      { message: 'It\\'s required.', members: [Array] },\n    ]\n  },\n  \
             unAuthorizedRequest: false,\n  __abp: true,\n  n: -1.5, u: undefined\n}",
        );
        assert_eq!(
            v,
            json!({"error": {"code": null, "message": "Your request is not valid!",
                "details": "The following errors.\r\n - The Name field.\r\n",
                "validationErrors": [{"message": "It's required.", "members": null}]},
                "unAuthorizedRequest": false, "__abp": true, "n": -1.5, "u": null})
        );
        assert_eq!(
            parse("Object [AxiosHeaders] { 'x-a': 'b', c: [ 'd', 'e' ] }"),
            json!({"x-a": "b", "c": ["d", "e"]})
        );
        assert_eq!(
            parse("[Object: null prototype] { a: [Function: f] }"),
            json!({"a": null})
        );
    }

    #[test]
    fn key_value_lines() {
        assert_eq!(
            key_value("      'content-type': 'application/json',"),
            Some(("content-type".into(), Some("application/json".into())))
        );
        assert_eq!(
            key_value("      Authorization: 'Bearer x\\'y',"),
            Some(("Authorization".into(), Some("Bearer x'y".into())))
        );
        assert_eq!(
            key_value("    'Content-Type': undefined,"),
            Some(("Content-Type".into(), None))
        );
        assert_eq!(
            key_value("    status: 429,").unwrap().1.as_deref(),
            Some("429")
        );
        assert_eq!(key_value("    at settle (/x.js:1:2)"), None);
    }

    #[test]
    fn broken_text_does_not_panic() {
        for t in ["'", "\\", "{ a: '\\u12", "[", "-", "'\\x", "+ +", "{ [X"] {
            let _ = to_json(t);
            let _ = key_value(t);
        }
    }
}
