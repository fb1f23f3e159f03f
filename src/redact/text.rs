//! Free text: error messages, reason phrases, header values. Finds the credentials a text
//! quotes by their shape and by the words around them.

use std::borrow::Cow;

use super::memo::remembered;
use super::names::{contains, hidden, is_credential_field, looks_like_credential, with_normalised};
use super::url::{params, url};

/// Names that, written `name: value` in free text, make the rest of the text a credential.
/// (`token:` and the other nouns are read word by word, below.)
const COLON_NAMES: &[&str] = &[
    "authorization",
    "proxy-authorization",
    "cookie",
    "set-cookie",
    "x-api-key",
    "api-key",
    "x-auth-token",
];

/// Authorization schemes: the word after one is a credential when it is 8 or more
/// characters and not an `name=value` parameter.
const SCHEMES: &[&str] = &["bearer", "basic", "digest", "negotiate", "hmac"];

/// Credential nouns, normalised (`access token`, `access_token` and `AccessToken` all end
/// in one of these): the word after one is a credential when it looks like one.
const NOUNS: &[&str] = &[
    "token",
    "accesstoken",
    "refreshtoken",
    "idtoken",
    "apikey",
    "key",
    "secret",
    "clientsecret",
    "password",
    "passwd",
    "passphrase",
    "jwt",
];

/// Free text with every credential it quotes hidden: JWTs; the rest of the text after
/// `Authorization:`, `Cookie:` and the other credential headers; the word after an authorization scheme
/// or a credential noun; credential parameters (`access_token=...`), in URLs too; and
/// JSON-quoted credential fields (`"client_secret": "..."`).
pub(super) fn text(text: &str) -> Cow<'_, str> {
    if is_one_plain_word(text) {
        return Cow::Borrowed(text);
    }
    remembered(text, rule)
}

/// The passes of [`text`], in order.
fn rule(text: &str) -> Cow<'_, str> {
    let text = jwts(text);
    let out = match after_colon_name(&text) {
        Some(c) => Cow::Owned(c),
        None => match words(&text) {
            Some(w) => Cow::Owned(w),
            None => text,
        },
    };
    match quoted(&out) {
        Some(q) => Cow::Owned(q),
        None => out,
    }
}

/// Whether the text is one ASCII word with no `:` or `=` (a request id, a media type, a
/// version, a reason phrase of one word): no rule below can change it. A credential noun
/// or scheme hides the word *after* it, a colon name needs its `:`, parameters their `=`,
/// quoted fields their `":`, and a JWT is base64url with dots, which it may be: those
/// (`eyJ`) go the long way.
fn is_one_plain_word(text: &str) -> bool {
    let b = text.as_bytes();
    crate::ascii::none(b, |c| !c.is_ascii_graphic() | (c == b':') | (c == b'='))
        && (crate::ascii::none(b, |c| c == b'J') || !contains(text, "eyJ"))
}

/// A header value of a credential header: the scheme (`Bearer`) stays, the rest is hidden.
pub(super) fn credential(value: &str) -> String {
    let value = value.trim();
    match value.split_once(char::is_whitespace) {
        Some((scheme, rest)) if is_scheme(scheme) || scheme.eq_ignore_ascii_case("token") => {
            let rest = rest.trim();
            if rest.starts_with("[redacted") {
                return value.to_string();
            }
            format!("{scheme} {}", hidden(rest))
        }
        // A scheme with no credential after it (`Authorization: Bearer`) hides nothing.
        _ if value.starts_with("[redacted") || is_scheme(value) => value.to_string(),
        _ => hidden(value),
    }
}

pub(super) fn is_scheme(word: &str) -> bool {
    SCHEMES.iter().any(|s| s.eq_ignore_ascii_case(word))
}

/// Every JWT (three base64url segments, the first starting `eyJ`) hidden.
fn jwts(text: &str) -> Cow<'_, str> {
    if !contains(text, "eyJ") {
        return Cow::Borrowed(text);
    }
    let b = text.as_bytes();
    let b64 = |c: u8| c.is_ascii_alphanumeric() || c == b'-' || c == b'_';
    let mut out = String::new();
    let mut last = 0;
    let mut i = 0;
    while let Some(at) = text[i..].find("eyJ").map(|a| a + i) {
        i = at + 3;
        if at > 0 && (b64(b[at - 1]) || b[at - 1] == b'.') {
            continue;
        }
        // Three segments, the last may be empty (`alg: none`).
        let mut end = at;
        let mut dots = 0;
        while end < b.len() && (b64(b[end]) || (b[end] == b'.' && dots < 2)) {
            if b[end] == b'.' {
                dots += 1;
            }
            end += 1;
        }
        if dots < 2 || end - at < 10 {
            continue;
        }
        out.push_str(&text[last..at]);
        out.push_str(&hidden(&text[at..end]));
        last = end;
        i = end;
    }
    if last == 0 {
        return Cow::Borrowed(text);
    }
    out.push_str(&text[last..]);
    Cow::Owned(out)
}

/// `Authorization: Bearer x`, `token: x`: the rest of the text is the value.
fn after_colon_name(text: &str) -> Option<String> {
    let end = colon_name_end(text)?;
    let rest = text[end..].trim_start();
    if rest.is_empty() || rest.starts_with("[redacted") {
        return None;
    }
    // What comes before is text like any other; it ends with the bare name, so this goes
    // one level deep.
    let head = text[..end].to_string();
    let head = match words(&head) {
        Some(w) => w,
        None => head,
    };
    Some(format!("{head} {}", credential(rest)))
}

/// Just past the first `:` that ends one of [`COLON_NAMES`] (any case, not the tail of a
/// longer name): the earliest such colon, whichever name it ends.
fn colon_name_end(text: &str) -> Option<usize> {
    let b = text.as_bytes();
    crate::find::memchr_iter(b':', b).find_map(|colon| {
        COLON_NAMES
            .iter()
            .any(|name| {
                let n = name.len();
                colon >= n
                    && b[colon - n..colon].eq_ignore_ascii_case(name.as_bytes())
                    && (colon == n || !is_name_byte(b[colon - n - 1]))
            })
            .then_some(colon + 1)
    })
}

fn is_name_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'-'
}

/// The word-by-word pass: the word after a scheme or a credential noun, and parameters.
/// Nothing is allocated for a text it leaves as it is, the common case.
fn words(text: &str) -> Option<String> {
    // The text as changed so far, once something changed.
    let mut out: Option<String> = None;
    let mut after_scheme = false;
    let mut after_noun = false;
    let mut at = 0;
    for piece in text.split_inclusive(char::is_whitespace) {
        let start = at;
        at += piece.len();
        let word = piece.trim_end();
        let space = &piece[word.len()..];
        let bare = word.trim_matches(is_wrapping);
        // `realm="x"` after a scheme is a parameter; base64 padding (`...==`) is not.
        let param = has_byte(bare.trim_end_matches('='), b'=');
        let hide = !bare.is_empty()
            && !param
            && ((after_scheme && bare.chars().count() >= 8 && !bare.starts_with("redacted"))
                || (after_noun && looks_like_credential(bare)));
        let changed: Option<Cow<str>> = if hide {
            Some(Cow::Owned(word.replacen(bare, &hidden(bare), 1)))
        } else if has_byte(word, b'=') || contains(word, "://") {
            // `(access_token=x`, `?code=y`, a URL: keep what leads up to the first name.
            let start = word.find(|c: char| c.is_ascii_alphanumeric()).unwrap_or(0);
            let (lead, rest) = word.split_at(start);
            let r = if rest.contains(['?', '#']) || contains(rest, "://") {
                url(rest)
            } else {
                params(rest)
            };
            match r {
                Cow::Owned(r) => Some(Cow::Owned(format!("{lead}{r}"))),
                Cow::Borrowed(_) => None,
            }
        } else {
            None
        };
        match (&mut out, changed) {
            (Some(out), changed) => {
                out.push_str(changed.as_deref().unwrap_or(word));
                out.push_str(space);
            }
            (None, Some(changed)) => {
                let mut o = String::with_capacity(text.len() + 32);
                o.push_str(&text[..start]);
                o.push_str(&changed);
                o.push_str(space);
                out = Some(o);
            }
            (None, None) => {}
        }
        // `Authorization=Bearer` and `token:` end in the word that matters.
        let last = bare.rsplit(['=', ':']).next().unwrap_or(bare);
        after_scheme = is_scheme(last);
        after_noun = after_scheme || with_normalised(last, |n| NOUNS.contains(&n));
    }
    out
}

/// Punctuation around a word: `"'`,;.:()[]{}<>!?`.
fn is_wrapping(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | '`'
            | ','
            | ';'
            | '.'
            | ':'
            | '('
            | ')'
            | '['
            | ']'
            | '{'
            | '}'
            | '<'
            | '>'
            | '!'
            | '?'
    )
}

/// Whether a short string holds this byte (a loop: no call for a word of a few bytes).
fn has_byte(s: &str, b: u8) -> bool {
    s.bytes().any(|c| c == b)
}

/// `"client_secret": "value"` → the value hidden, for every credential-named field.
fn quoted(text: &str) -> Option<String> {
    if crate::find::memchr(b'"', text.as_bytes()).is_none()
        || !(contains(text, "\":") || contains(text, "\" :"))
    {
        return None;
    }
    let b = text.as_bytes();
    let mut spans: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while let Some(open) = text[i..].find('"').map(|o| o + i) {
        let Some(close) = text[open + 1..].find('"').map(|c| c + open + 1) else {
            break;
        };
        i = close + 1;
        let name = &text[open + 1..close];
        let mut j = close + 1;
        while j < b.len() && b[j].is_ascii_whitespace() {
            j += 1;
        }
        if b.get(j) != Some(&b':') || !is_credential_field(name) {
            continue;
        }
        j += 1;
        while j < b.len() && b[j].is_ascii_whitespace() {
            j += 1;
        }
        if b.get(j) != Some(&b'"') {
            continue;
        }
        let start = j + 1;
        let mut end = start;
        while end < b.len() && b[end] != b'"' {
            end += if b[end] == b'\\' { 2 } else { 1 };
        }
        let end = end.min(b.len());
        if end > start && !text[start..end].starts_with("[redacted") {
            spans.push((start, end));
        }
        i = (end + 1).min(b.len());
    }
    if spans.is_empty() {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for (start, end) in spans {
        out.push_str(&text[last..start]);
        out.push_str(&hidden(&text[start..end]));
        last = end;
    }
    out.push_str(&text[last..]);
    Some(out)
}
