//! Bodies declared in a legacy charset (`charset=iso-8859-1`, `windows-1252`, ...) read as
//! text by that charset, so `café` does not come out as `caf�`. `encoding_rs` knows the
//! WHATWG labels; as browsers do, it reads ISO-8859-1 as windows-1252, its superset.

use std::borrow::Cow;

use encoding_rs::{Encoding, UTF_8};

/// The encoding a Content-Type's `charset` parameter names, when it is one other than
/// UTF-8 that `encoding_rs` knows.
pub(crate) fn declared(content_type: Option<&str>) -> Option<&'static Encoding> {
    let ct = content_type?;
    let label = ct.split(';').skip(1).find_map(|p| {
        let (k, v) = p.split_once('=')?;
        k.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| v.trim().trim_matches('"'))
    })?;
    Encoding::for_label(label.as_bytes()).filter(|e| *e != UTF_8 && e.is_ascii_compatible())
}

/// The body as text: decoded by its declared charset, else read as UTF-8 (lossy).
pub(crate) fn text<'a>(body: &'a [u8], encoding: Option<&'static Encoding>) -> Cow<'a, str> {
    match encoding {
        Some(e) => e.decode_without_bom_handling(body).0,
        // Checked as UTF-8 first: the lossy reading's own check is slower on valid text.
        None => match std::str::from_utf8(body) {
            Ok(text) => Cow::Borrowed(text),
            Err(_) => String::from_utf8_lossy(body),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn declared_charsets() {
        let name = |ct| declared(Some(ct)).map(Encoding::name);
        assert_eq!(name("text/plain; charset=iso-8859-1"), Some("windows-1252"));
        assert_eq!(
            name("application/json; Charset=\"windows-1252\""),
            Some("windows-1252")
        );
        assert_eq!(name("text/html; charset=ISO-8859-15"), Some("ISO-8859-15"));
        assert_eq!(name("application/json; charset=utf-8"), None);
        assert_eq!(name("application/json"), None);
        assert_eq!(name("text/plain; charset=bogus"), None);
        // UTF-16 bodies are not ASCII-compatible: left to the UTF-8 reading.
        assert_eq!(name("text/plain; charset=utf-16"), None);
        assert_eq!(
            text(
                b"caf\xe9 \x80",
                declared(Some("text/plain; charset=latin1"))
            ),
            "café €"
        );
    }
}
