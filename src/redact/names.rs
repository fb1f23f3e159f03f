//! Which names carry credentials: header names, and URL, form and JSON field names by the
//! normalised-name rule.

use std::borrow::Cow;

/// Header names whose values are credentials although the name rule does not say so.
const COOKIE_HEADERS: &[&str] = &["cookie", "set-cookie"];

/// Headers whose names match the rule but whose values are challenges, not credentials:
/// they are read for their error words.
const CHALLENGE_HEADERS: &[&str] = &[
    "www-authenticate",
    "proxy-authenticate",
    "authentication-info",
    "proxy-authentication-info",
];

/// Field names that match the rule but whose values are Hike's and OAuth's own words, not
/// secrets: Hike's rate-limit body (`oauth_problem`, `oauth_problem_advice`) and a token
/// response's `token_type`.
const WORD_FIELDS: &[&str] = &["oauthproblem", "oauthproblemadvice", "tokentype"];

/// Whether a header of this name carries a credential: `Cookie`, `Set-Cookie`, and any
/// name the rule of [`is_credential_name`] catches (`Authorization`, `X-Api-Key`,
/// `X-Auth-Token`, ...), but the challenge headers (`WWW-Authenticate`).
pub fn is_credential_header(name: &str) -> bool {
    let name = name.trim();
    if COOKIE_HEADERS.iter().any(|h| h.eq_ignore_ascii_case(name)) {
        return true;
    }
    !CHALLENGE_HEADERS
        .iter()
        .any(|h| h.eq_ignore_ascii_case(name))
        && is_credential_name(name)
}

/// What a credential's name holds (normalised): the parts of [`is_credential_name`]'s rule,
/// which [`has_part`] looks for in one pass.
#[cfg(test)]
const PARTS: &[&str] = &[
    "token",
    "secret",
    "passw",
    "pwd",
    "apikey",
    "auth",
    "signature",
    "session",
    "jwt",
];

/// The rule for URL parameters: the name, percent-decoded, lowercased and with `-` and `_`
/// removed, contains `token`, `secret`, `passw`, `pwd`, `apikey`, `auth`, `signature`,
/// `session` or `jwt`, or ends in `key`, or is `pass`, `sig` or `code`.
pub fn is_credential_name(name: &str) -> bool {
    with_normalised(name, names_a_credential)
}

/// [`is_credential_name`]'s rule, of a name already normalised.
fn names_a_credential(n: &str) -> bool {
    has_part(n.as_bytes()) || n.ends_with("key") || matches!(n, "pass" | "sig" | "code")
}

/// Whether a normalised name holds one of [`is_credential_name`]'s parts: one pass, each
/// place checked only for the parts that start with its byte (this runs for every key of
/// every record).
fn has_part(n: &[u8]) -> bool {
    (0..n.len()).any(|i| {
        let rest = &n[i..];
        match n[i] {
            b't' => rest.starts_with(b"token"),
            b's' => {
                rest.starts_with(b"secret")
                    || rest.starts_with(b"signature")
                    || rest.starts_with(b"session")
            }
            b'p' => rest.starts_with(b"passw") || rest.starts_with(b"pwd"),
            b'a' => rest.starts_with(b"apikey") || rest.starts_with(b"auth"),
            b'j' => rest.starts_with(b"jwt"),
            _ => false,
        }
    })
}

/// Whether a parameter's value is a credential to hide: its name is a credential's, and,
/// for Hike's and OAuth's word fields (`oauth_problem_advice`), a word of its value looks
/// like one (`oauth_problem=rate limit exceeded` is words; `token+hk...+rejected` is not).
pub(crate) fn is_credential_param(name: &str, value: &str) -> bool {
    is_credential_field(name)
        || is_credential_name(name)
            && percent_decode(value)
                .split(|c: char| c.is_whitespace() || c == '+')
                .any(|w| looks_like_credential(w.trim_matches(|c: char| !c.is_alphanumeric())))
}

/// The rule for form and JSON field names: [`is_credential_name`], but Hike's and OAuth's
/// word fields (`oauth_problem`, `oauth_problem_advice`, `token_type`) are kept.
pub fn is_credential_field(name: &str) -> bool {
    with_normalised(name, |n| names_a_credential(n) && !WORD_FIELDS.contains(&n))
}

/// Percent-decoded, lowercased, `-` and `_` removed.
pub fn normalise(name: &str) -> String {
    percent_decode(name.trim())
        .chars()
        .filter(|c| *c != '-' && *c != '_')
        .flat_map(char::to_lowercase)
        .collect()
}

/// Calls `f` with the name [`normalise`]d. A short ASCII name with no `%` (nearly every
/// one) is normalised on the stack: this runs for every field, parameter and word that
/// redaction looks at.
pub(crate) fn with_normalised<R>(name: &str, f: impl FnOnce(&str) -> R) -> R {
    let name = name.trim();
    let mut buf = [0u8; 64];
    if name.len() <= buf.len() && name.bytes().all(|b| b.is_ascii() && b != b'%') {
        let mut n = 0;
        for b in name.bytes().filter(|b| *b != b'-' && *b != b'_') {
            buf[n] = b.to_ascii_lowercase();
            n += 1;
        }
        // ASCII in, ASCII out.
        if let Ok(s) = std::str::from_utf8(&buf[..n]) {
            return f(s);
        }
    }
    f(&normalise(name))
}

/// Whether `needle` occurs in `haystack`: for the short strings redaction looks at (names,
/// nearly all under 64 bytes), a plain scan beats setting up a searcher per call.
pub(crate) fn contains(haystack: &str, needle: &str) -> bool {
    let (h, n) = (haystack.as_bytes(), needle.as_bytes());
    match n.split_first() {
        None => true,
        Some((first, rest)) if h.len() <= 64 => h
            .iter()
            .enumerate()
            .any(|(at, b)| b == first && h.get(at + 1..at + n.len()) == Some(rest)),
        Some((first, rest)) => {
            crate::find::memchr_iter(*first, h).any(|at| h.get(at + 1..at + n.len()) == Some(rest))
        }
    }
}

/// `%XX` decoded (invalid escapes kept as they are); `+` is left alone, as in a URL path.
pub fn percent_decode(s: &str) -> Cow<'_, str> {
    if !s.contains('%') {
        return Cow::Borrowed(s);
    }
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            if let (Some(h), Some(l)) = (hex(b[i + 1]), hex(b[i + 2])) {
                out.push(h * 16 + l);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    Cow::Owned(String::from_utf8_lossy(&out).into_owned())
}

fn hex(b: u8) -> Option<u8> {
    (b as char).to_digit(16).map(|d| d as u8)
}

/// `[redacted, N chars]`.
pub(crate) fn hidden(value: &str) -> String {
    format!("[redacted, {} chars]", value.chars().count())
}

/// Whether a word looks like a credential rather than a word of prose: 8 or more
/// characters, and either 20 or more, or holding a digit, a capital after the first
/// letter, or one of `_-.+/=~`.
pub fn looks_like_credential(word: &str) -> bool {
    let n = word.chars().count();
    if n < 8 || word.starts_with("[redacted") || word.starts_with("redacted") {
        return false;
    }
    n >= 20
        || word
            .chars()
            .any(|c| c.is_ascii_digit() || "_-.+/=~".contains(c))
        || word.chars().skip(1).any(char::is_uppercase)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_name_rule_as_written() {
        for yes in [
            "x-api-key",
            "private_token",
            "access%5Ftoken",
            "Authorization",
            "pwd",
            "access-token",
            "PASSWORD",
            "pass",
            "sig",
            "code",
            "X-Amz-Signature",
            "sessionid",
            "jwt",
            "client_secret",
            "key",
            "api_key",
        ] {
            assert!(is_credential_name(yes), "{yes}");
        }
        for no in [
            "design",
            "compass",
            "keyword",
            "page_size",
            "state",
            "client_id",
            "codes",
        ] {
            assert!(!is_credential_name(no), "{no}");
        }
        assert!(is_credential_header("X-Auth-Token"));
        assert!(is_credential_header("cookie"));
        assert!(!is_credential_header("WWW-Authenticate"));
        assert!(!is_credential_header("Content-Type"));
        assert!(is_credential_field("refresh_token"));
        assert!(!is_credential_field("oauth_problem_advice"));
        assert_eq!(percent_decode("a%5Fb%zz%4"), "a_b%zz%4");
        for name in [
            "Access-Token",
            " x_api_KEY ",
            "a%5Fb",
            "Kelvin\u{212a}ey",
            "",
            "-_-",
        ] {
            assert_eq!(
                with_normalised(name, str::to_string),
                normalise(name),
                "{name:?}"
            );
        }
        assert!(contains("access_token=", "token") && contains("a://b", "://"));
        // The one-pass check finds what looking for each part finds.
        for n in [
            "level",
            "token",
            "xtokenx",
            "tokn",
            "secre",
            "mysecret",
            "signatur",
            "sessionid",
            "passwd",
            "pwd",
            "apikey",
            "apikez",
            "oauth",
            "jwt",
            "jw",
            "",
            "sss",
            "aaauth",
            "ppwd",
            "message",
            "timestamp",
            "url",
            "method",
            "status",
        ] {
            assert_eq!(
                has_part(n.as_bytes()),
                PARTS.iter().any(|p| contains(n, p)),
                "{n}"
            );
        }
        assert!(!contains("toke", "token") && contains("x", ""));
    }
}
