//! Small byte and text helpers the readers share.

use crate::table::table;

/// Three digits in 100..=599 at `b[i..]`, standing alone: no digit, letter, `.`, `/`, `#`,
/// `$` or `,`-digit on the left, and no digit, letter, `%`, `/`, `.`-digit or `:`-digit on
/// the right (so `404/1000`, `v1.429.0`, `/orders/404`, `503ms` and `1,429` are no codes).
pub(crate) fn code_at(b: &[u8], i: usize) -> Option<u16> {
    let d = b.get(i..i + 3)?;
    if !d.iter().all(u8::is_ascii_digit) {
        return None;
    }
    if i > 0 {
        let p = b[i - 1];
        if p.is_ascii_alphanumeric()
            || p >= 0x80
            || matches!(p, b'.' | b'/' | b'#' | b'$' | b'_' | b'\\')
            || (matches!(p, b',' | b'-' | b':' | b'+') && i > 1 && b[i - 2].is_ascii_digit())
        {
            return None;
        }
    }
    if let Some(&n) = b.get(i + 3) {
        let next2 = b.get(i + 4).copied().unwrap_or(b' ');
        if n.is_ascii_alphanumeric()
            || n >= 0x80
            || matches!(n, b'%' | b'/' | b'_' | b'\\')
            || (matches!(n, b'.' | b':' | b',' | b'-' | b'x' | b'*') && next2.is_ascii_digit())
        {
            return None;
        }
    }
    let c = d.iter().fold(0u16, |a, x| a * 10 + u16::from(x - b'0'));
    (100..=599).contains(&c).then_some(c)
}

/// Whether `s` ends with `suffix`, ASCII case ignored.
pub(crate) fn ends_with_ci(s: &[u8], suffix: &[u8]) -> bool {
    s.len() >= suffix.len() && s[s.len() - suffix.len()..].eq_ignore_ascii_case(suffix)
}

/// Whether `s` starts with `prefix`, ASCII case ignored.
pub(crate) fn starts_with_ci(s: &[u8], prefix: &[u8]) -> bool {
    s.len() >= prefix.len() && s[..prefix.len()].eq_ignore_ascii_case(prefix)
}

/// Where `needle` (ASCII, lower case) first occurs in `hay`, ASCII case ignored.
pub(crate) fn find_ci(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() || hay.len() < needle.len() {
        return None;
    }
    let first = needle[0];
    if hay.len() <= 64 {
        // Short text (a record's value): a plain scan beats setting up a searcher.
        let upper = first.to_ascii_uppercase();
        return (0..=hay.len() - needle.len()).find(|&i| {
            (hay[i] == first || hay[i] == upper)
                && hay[i..i + needle.len()].eq_ignore_ascii_case(needle)
        });
    }
    let mut from = 0;
    while from + needle.len() <= hay.len() {
        let rest = &hay[from..hay.len() - needle.len() + 1];
        let i = crate::find::memchr2(first, first.to_ascii_uppercase(), rest)? + from;
        if hay[i..i + needle.len()].eq_ignore_ascii_case(needle) {
            return Some(i);
        }
        from = i + 1;
    }
    None
}

/// The word (letters, including non-ASCII ones) that ends `s`, after trailing spaces.
pub(crate) fn last_word(s: &str) -> &str {
    let s = s.trim_end();
    let start = s
        .char_indices()
        .rev()
        .find(|(_, c)| !c.is_alphabetic())
        .map_or(0, |(i, c)| i + c.len_utf8());
    &s[start..]
}

/// The standard reason phrase of a code (Hike's and the registry's current name, and the
/// older names clients still print) at the start of `s`, matched as written or in upper
/// case. Gives its length.
pub(crate) fn reason_at(code: u16, s: &str) -> Option<usize> {
    let e = table().get(code)?;
    let old: &[&str] = match code {
        302 => &["Moved Temporarily"],
        413 => &["Payload Too Large", "Request Entity Too Large"],
        414 => &["Request-URI Too Long", "Request-URI Too Large"],
        416 => &["Requested Range Not Satisfiable"],
        422 => &["Unprocessable Entity", "Unprocessable Content"],
        _ => &[],
    };
    [e.name, e.standard_name]
        .iter()
        .chain(old)
        .find(|name| {
            let Some(head) = s.get(..name.len()) else {
                return false;
            };
            let whole = s[name.len()..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_alphanumeric());
            whole && (head == **name || head == name.to_ascii_uppercase())
        })
        .map(|n| n.len())
}

/// An HTTP method in upper case, as a word of its own.
pub(crate) fn is_method(w: &[u8]) -> bool {
    matches!(
        w,
        b"GET" | b"POST" | b"PUT" | b"PATCH" | b"DELETE" | b"HEAD" | b"OPTIONS"
    )
}

/// A request target at the start of `s`: a path (`/...`) or an http(s) URL, up to a space,
/// a quote or a bracket, less trailing punctuation.
pub(crate) fn target_at(s: &str) -> Option<&str> {
    if !(s.starts_with('/') && !s.starts_with("//")
        || starts_with_ci(s.as_bytes(), b"http://")
        || starts_with_ci(s.as_bytes(), b"https://"))
    {
        return None;
    }
    let end = s
        .find(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | '`' | '<' | '>' | '|'))
        .unwrap_or(s.len());
    let t = s[..end].trim_end_matches(['.', ',', ':', ';', ')', ']', '}']);
    (t.len() > 1).then_some(t)
}

/// `s` cut to at most `max` bytes at a character boundary.
pub(crate) fn cut(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_stand_alone() {
        let c = |s: &str, i| code_at(s.as_bytes(), i);
        assert_eq!(c("HTTP 429 x", 5), Some(429));
        assert_eq!(c("(429)", 1), Some(429));
        assert_eq!(c("x=429,", 2), Some(429));
        for (s, i) in [
            ("503ms", 0),
            ("v1.429.0", 3),
            ("/orders/404", 8),
            ("404/1000", 0),
            ("1,429", 2),
            ("4291", 0),
            ("099", 0),
            ("600", 0),
            ("12:429", 3),
            ("429.5", 0),
            ("#404", 1),
        ] {
            assert_eq!(c(s, i), None, "{s}");
        }
    }

    #[test]
    fn reason_phrases() {
        assert_eq!(reason_at(429, "Too Many Requests: x"), Some(17));
        assert_eq!(reason_at(500, "INTERNAL SERVER ERROR"), Some(21));
        assert_eq!(reason_at(422, "Unprocessable Entity"), Some(20));
        assert_eq!(reason_at(404, "not found"), None);
        assert_eq!(reason_at(200, "OKAY"), None);
        assert_eq!(reason_at(429, "Too"), None);
    }

    #[test]
    fn words_and_targets() {
        assert_eq!(last_word("Hike API falló "), "falló");
        assert_eq!(last_word("x: "), "");
        assert_eq!(target_at("/api/v1/x: body"), Some("/api/v1/x"));
        assert_eq!(target_at("https://h/x?a=1\""), Some("https://h/x?a=1"));
        assert_eq!(target_at("//x"), None);
        assert_eq!(target_at("/"), None);
        assert_eq!(find_ci(b"xx Status: 1", b"status"), Some(3));
        assert_eq!(cut("héllo", 2), "h");
    }
}
