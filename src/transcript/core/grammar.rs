//! The HTTP line grammar: status lines, request lines and header lines.

use crate::transcript::Request;

pub(crate) fn trim_start(b: &[u8]) -> &[u8] {
    let n = b.iter().take_while(|c| c.is_ascii_whitespace()).count();
    &b[n..]
}

/// `HTTP/1.1 404 Not Found`, `HTTP/2 429`, `HTTP/1.1 422 ` → (version, code, reason).
pub fn parse_status_line(text: &[u8]) -> Option<(String, u16, String)> {
    let (version, code, reason) = status_parts(text)?;
    Some((lossy(version), code, lossy(reason).trim().to_string()))
}

/// A status line's parts as they stand in it: (version, code, reason untrimmed).
pub(crate) fn status_parts(text: &[u8]) -> Option<(&[u8], u16, &[u8])> {
    let rest = text.strip_prefix(b"HTTP/")?;
    let vlen = rest
        .iter()
        .take_while(|b| b.is_ascii_digit() || **b == b'.')
        .count();
    let version = &rest[..vlen];
    if version.is_empty() || version.len() > 4 || !version[0].is_ascii_digit() {
        return None;
    }
    let rest = &rest[vlen..];
    let spaces = rest.iter().take_while(|b| **b == b' ').count();
    if spaces == 0 {
        return None;
    }
    let rest = &rest[spaces..];
    if rest.len() < 3 || !rest[..3].iter().all(u8::is_ascii_digit) {
        return None;
    }
    if rest.len() > 3 && rest[3] != b' ' {
        return None;
    }
    let code = u16::from(rest[0] - b'0') * 100
        + u16::from(rest[1] - b'0') * 10
        + u16::from(rest[2] - b'0');
    if !(100..=599).contains(&code) {
        return None;
    }
    Some((version, code, rest.get(4..).unwrap_or(&[])))
}

/// `GET /path HTTP/1.1` → a request with method and target.
pub(crate) fn parse_request_line(text: &[u8]) -> Option<Request> {
    let first = *text.first()?;
    if !first.is_ascii_uppercase() || text.len() > 16 * 1024 {
        return None;
    }
    let mut parts = text.split(|b| *b == b' ').filter(|p| !p.is_empty());
    let method = parts.next()?;
    let target = parts.next()?;
    let version = parts.next()?;
    if parts.next().is_some()
        || method.len() > 16
        || !method.iter().all(|b| b.is_ascii_uppercase() || *b == b'-')
        || !version.starts_with(b"HTTP/")
    {
        return None;
    }
    Some(Request {
        method: Some(lossy(method)),
        target: lossy(target),
        headers: Vec::new(),
        headers_shown: true,
        body: Vec::new(),
        tls: false,
    })
}

/// Where the colon of a header line `Name: value` stands, when the name is a token.
pub(crate) fn header_colon(text: &[u8]) -> Option<usize> {
    let colon = crate::find::memchr(b':', text)?;
    let name = &text[..colon];
    (!name.is_empty()
        && name
            .iter()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(b)))
    .then_some(colon)
}

/// `Name: value` → (name, value); the name must be a token.
pub(crate) fn parse_header(text: &[u8]) -> Option<(String, String)> {
    let colon = header_colon(text)?;
    let name = &text[..colon];
    // One allocation: the ASCII blanks go before the text is made, the rare Unicode ones
    // after.
    let value = lossy(header_value(&text[colon + 1..]));
    let trimmed = value.trim();
    let value = if trimmed.len() == value.len() {
        value
    } else {
        trimmed.to_string()
    };
    Some((lossy(name), value))
}

/// The longest header value kept: with `max_headers` this bounds a message's headers.
pub(crate) const MAX_HEADER_VALUE: usize = 8 * 1024;

/// A header field's value as kept, from what follows its colon: cut to
/// [`MAX_HEADER_VALUE`] bytes, then trimmed of ASCII blanks, in that order. The line
/// machine and the fast lane both keep values by this rule.
pub(crate) fn header_value(after_colon: &[u8]) -> &[u8] {
    &after_colon[header_value_span(after_colon)]
}

/// Where [`header_value`] stands in `after_colon` (to slice text the caller holds as
/// `str`).
pub(crate) fn header_value_span(after_colon: &[u8]) -> std::ops::Range<usize> {
    let cut = &after_colon[..after_colon.len().min(MAX_HEADER_VALUE)];
    let start = cut.len() - cut.trim_ascii_start().len();
    let end = cut.trim_ascii_end().len().max(start);
    start..end
}

pub(crate) fn lossy(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// Where `HTTP/` next occurs in `hay` from `from` on: a status line may begin there.
/// Looked for by its `H` first, which bodies seldom hold (one byte is searched several
/// times faster than the word); past a few `H`s that begin no `HTTP/`, by the whole word,
/// with one searcher for every call.
pub(crate) fn find_http(hay: &[u8], from: usize) -> Option<usize> {
    static FINDER: once_cell::sync::Lazy<crate::find::Finder<'static>> =
        once_cell::sync::Lazy::new(|| crate::find::Finder::new(b"HTTP/"));
    /// How many `H`s that begin no `HTTP/` are passed one by one.
    const LONE_H: usize = 8;
    let mut at = from;
    for _ in 0..LONE_H {
        let h = at + crate::find::memchr(b'H', hay.get(at..)?)?;
        if hay[h..].starts_with(b"HTTP/") {
            return Some(h);
        }
        at = h + 1;
    }
    FINDER.find(hay.get(at..)?).map(|i| at + i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn find_http_is_the_first_http_from_where_it_starts() {
        let naive = |hay: &[u8], from: usize| {
            let rest = hay.get(from..)?;
            rest.windows(5)
                .position(|w| w == b"HTTP/")
                .map(|i| from + i)
        };
        // Lone Hs, Hs of HTTP without its slash, then the word, at every place and start.
        let mut hays: Vec<Vec<u8>> = vec![b"".to_vec(), b"H".to_vec(), b"HTTP".to_vec()];
        for lone in [0, 1, 7, 8, 9, 20] {
            for word_at in [None, Some(0), Some(3), Some(40), Some(usize::MAX)] {
                let mut hay = b"x HTTP y Hi ".repeat(lone);
                hay.extend_from_slice(b"{\"errors\": []}");
                if let Some(at) = word_at {
                    let at = at.min(hay.len());
                    hay.splice(at..at, b"HTTP/1.1 500".iter().copied());
                }
                hays.push(hay);
            }
        }
        hays.push(b"HHHHHHHHHHHHHHHHHHHHHTTP/".to_vec());
        for hay in &hays {
            for from in 0..=hay.len() + 1 {
                assert_eq!(
                    find_http(hay, from),
                    naive(hay, from),
                    "{hay:?} from {from}"
                );
            }
        }
    }

    #[test]
    fn a_header_value_is_cut_then_trimmed() {
        assert_eq!(header_value(b"  v a  "), b"v a");
        assert_eq!(header_value(b" \t "), b"");
        // Cut first: blanks that end up at the cut are trimmed too, and the rest is gone.
        let mut long = vec![b' '];
        long.extend(std::iter::repeat_n(b'x', MAX_HEADER_VALUE - 2));
        long.extend_from_slice(b" tail");
        assert_eq!(header_value(&long).len(), MAX_HEADER_VALUE - 2);
        assert_eq!(
            parse_header(&[b"Name:", &long[..]].concat()).map(|(_, v)| v.len()),
            Some(MAX_HEADER_VALUE - 2)
        );
    }
}
