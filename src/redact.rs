//! Credentials: header values, URL parameters, quoted secrets in free text and the values
//! a request sent are never shown.

use std::borrow::Cow;

/// Header names whose values are credentials and are never shown.
pub const SECRET_HEADERS: &[&str] = &[
    "authorization",
    "proxy-authorization",
    "cookie",
    "set-cookie",
    "x-api-key",
    "api-key",
    "x-auth-token",
];

/// Query and form parameters whose values are credentials.
const SECRET_PARAMS: &[&str] = &[
    "access_token",
    "x-amz-signature",
    "x-amz-credential",
    "x-amz-security-token",
    "session",
    "sessionid",
    "session_id",
    "jwt",
    "auth",
    "assertion",
    "client_assertion",
    "refresh_token",
    "id_token",
    "token",
    "client_secret",
    "code",
    "api_key",
    "apikey",
    "key",
    "password",
    "secret",
    "signature",
    "sig",
];

/// Whether a header of this name carries a credential.
pub fn is_secret_header(name: &str) -> bool {
    SECRET_HEADERS.iter().any(|h| h.eq_ignore_ascii_case(name))
}

/// A credential header's value with the secret removed: the scheme (`Bearer`) stays, the
/// rest becomes `[redacted, N chars]`.
pub fn redact_credential(value: &str) -> String {
    let value = value.trim();
    match value.split_once(' ') {
        Some((scheme, rest)) if is_scheme(scheme) => {
            format!("{scheme} [redacted, {} chars]", rest.trim().chars().count())
        }
        _ => format!("[redacted, {} chars]", value.chars().count()),
    }
}

fn is_scheme(s: &str) -> bool {
    [
        "bearer",
        "basic",
        "digest",
        "token",
        "oauth",
        "negotiate",
        "hmac",
    ]
    .iter()
    .any(|k| k.eq_ignore_ascii_case(s))
}

/// A URL or request target with the values of credential parameters (`access_token=`,
/// `client_secret=` and kin) and any `user:password@` replaced by `REDACTED`.
pub fn redact_url(url: &str) -> Cow<'_, str> {
    let mut out = Cow::Borrowed(url);
    if let Some(scheme_end) = url.find("://") {
        let rest = &url[scheme_end + 3..];
        let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
        if let Some(at) = rest[..authority_end].rfind('@') {
            out = Cow::Owned(format!(
                "{}REDACTED@{}",
                &url[..scheme_end + 3],
                &rest[at + 1..]
            ));
        }
    }
    // The query, or the fragment where OAuth's implicit flow puts tokens.
    match out.find(['?', '#']) {
        Some(q) => {
            let (head, query) = out.split_at(q + 1);
            let redacted = redact_params(query);
            if let Cow::Owned(r) = redacted {
                return Cow::Owned(format!("{head}{r}"));
            }
            out
        }
        None => out,
    }
}

/// A `name=value&...` string with the values of credential parameters replaced.
pub fn redact_params(query: &str) -> Cow<'_, str> {
    let secret = |pair: &str| {
        let name = pair.split('=').next().unwrap_or("");
        SECRET_PARAMS.iter().any(|p| p.eq_ignore_ascii_case(name)) && pair.contains('=')
    };
    if !query.split(['&', '#']).any(secret) {
        return Cow::Borrowed(query);
    }
    let (query, fragment) = match query.split_once('#') {
        Some((q, f)) => (q, Some(f)),
        None => (query, None),
    };
    let out: Vec<String> = query
        .split('&')
        .map(|pair| {
            if secret(pair) {
                format!("{}=REDACTED", pair.split('=').next().unwrap_or(""))
            } else {
                pair.to_string()
            }
        })
        .collect();
    let mut s = out.join("&");
    if let Some(f) = fragment {
        s.push('#');
        s.push_str(&redact_params(f));
    }
    Cow::Owned(s)
}

/// Names that, written `name: value` in free text, introduce a credential, beside the
/// [`SECRET_HEADERS`].
const SECRET_KEYS_IN_TEXT: &[&str] = &[
    "token",
    "access_token",
    "refresh_token",
    "client_secret",
    "api_key",
    "password",
];

/// Free text (a body's error message, a reason phrase, a header value) with any credential
/// it quotes removed: the value after `Authorization:`, `Cookie:`, `token:` and kin; every
/// `Bearer <token>` or `Basic <token>`; credential parameters (`access_token=...`), in
/// URLs too; and JSON-quoted ones (`"access_token": "..."`).
pub fn redact_text(text: &str) -> Cow<'_, str> {
    let lower = text.to_ascii_lowercase();
    // `name: value`: the rest of the text is the value.
    let header = SECRET_HEADERS
        .iter()
        .chain(SECRET_KEYS_IN_TEXT)
        .filter_map(|h| {
            lower
                .match_indices(h)
                .filter(|(at, _)| {
                    // A whole word, not the end of a longer name.
                    *at == 0 || !is_name_byte(lower.as_bytes()[at - 1])
                })
                .map(|(at, _)| at + h.len())
                .find(|end| lower.as_bytes().get(*end) == Some(&b':'))
                .map(|end| end + 1)
        })
        .min();
    if let Some(end) = header {
        let rest = text[end..].trim_start();
        if !rest.is_empty() && !rest.contains("[redacted") && !rest.starts_with("REDACTED") {
            // What comes before is text like any other (it ends with the bare name, so
            // this goes one level deep).
            let head = redact_text(&text[..end]);
            return Cow::Owned(format!("{head} {}", redact_credential(rest)));
        }
    }
    let mut out = String::with_capacity(text.len());
    let mut changed = false;
    let mut after_scheme = false;
    for piece in text.split_inclusive(char::is_whitespace) {
        let word = piece.trim_end();
        let space = &piece[word.len()..];
        let bare = word.trim_matches(|c: char| "\"',;.()[]{}".contains(c));
        // Prose ("Bearer token required") is left alone, credentials are long; and what is
        // redacted already stays as it is.
        if after_scheme && bare.chars().count() >= 8 && !bare.starts_with("redacted") {
            out.push_str(&word.replacen(
                bare,
                &format!("[redacted, {} chars]", bare.chars().count()),
                1,
            ));
            changed = true;
        } else if word.contains('=') {
            // `(access_token=x` or `?code=y`: keep what leads up to the first name.
            let start = word.find(|c: char| c.is_ascii_alphanumeric()).unwrap_or(0);
            let (lead, rest) = word.split_at(start);
            let r = if rest.contains(['?', '#']) {
                redact_url(rest)
            } else {
                redact_params(rest)
            };
            if let Cow::Owned(r) = r {
                out.push_str(lead);
                out.push_str(&r);
                changed = true;
            } else {
                out.push_str(word);
            }
        } else {
            out.push_str(word);
        }
        out.push_str(space);
        after_scheme = bare.eq_ignore_ascii_case("bearer") || bare.eq_ignore_ascii_case("basic");
    }
    let quoted = redact_quoted(&out);
    if let Cow::Owned(q) = quoted {
        return Cow::Owned(q);
    }
    if changed {
        Cow::Owned(out)
    } else {
        Cow::Borrowed(text)
    }
}

fn is_name_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'-'
}

/// `"access_token": "value"` → `"access_token": "REDACTED"`, for every credential name.
fn redact_quoted(text: &str) -> Cow<'_, str> {
    if !text.contains('"') {
        return Cow::Borrowed(text);
    }
    let lower = text.to_ascii_lowercase();
    let mut spans: Vec<(usize, usize)> = Vec::new();
    for name in SECRET_PARAMS {
        let needle = format!("\"{name}\"");
        for (at, _) in lower.match_indices(&needle) {
            let mut i = at + needle.len();
            let b = lower.as_bytes();
            while i < b.len() && b[i].is_ascii_whitespace() {
                i += 1;
            }
            if b.get(i) != Some(&b':') {
                continue;
            }
            i += 1;
            while i < b.len() && b[i].is_ascii_whitespace() {
                i += 1;
            }
            if b.get(i) != Some(&b'"') {
                continue;
            }
            let start = i + 1;
            let end = lower[start..].find('"').map_or(lower.len(), |e| start + e);
            if end > start {
                spans.push((start, end));
            }
        }
    }
    if spans.is_empty() {
        return Cow::Borrowed(text);
    }
    spans.sort_unstable();
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for (start, end) in spans {
        if start < last {
            continue;
        }
        out.push_str(&text[last..start]);
        out.push_str("REDACTED");
        last = end;
    }
    out.push_str(&text[last..]);
    Cow::Owned(out)
}

/// The credential values a request carries: the token of each credential header, each
/// cookie's value, and the values of credential parameters in its target and in its body
/// (form-encoded or JSON). A server that quotes one back must not get it echoed.
pub fn secret_values(headers: &[(String, String)], target: &str, body: &[u8]) -> Vec<String> {
    let mut out = Vec::new();
    for (name, value) in headers.iter().filter(|(n, _)| is_secret_header(n)) {
        let value = value.trim();
        out.push(value.to_string());
        if let Some((_, token)) = value.split_once(' ') {
            out.push(token.trim().to_string());
        }
        if name.eq_ignore_ascii_case("cookie") || name.eq_ignore_ascii_case("set-cookie") {
            out.extend(
                value
                    .split(';')
                    .filter_map(|c| c.split_once('=').map(|(_, v)| v.trim().to_string())),
            );
        }
    }
    let is_secret = |name: &str| SECRET_PARAMS.iter().any(|p| p.eq_ignore_ascii_case(name));
    let query = target.split_once(['?', '#']).map_or("", |(_, q)| q);
    let body = String::from_utf8_lossy(body);
    for pair in query.split(['&', '#']).chain(body.split(['&', '\n'])) {
        if let Some((name, value)) = pair.trim().split_once('=') {
            if is_secret(name) {
                out.push(value.to_string());
            }
        }
    }
    if let Ok(serde_json::Value::Object(fields)) = serde_json::from_str(body.trim()) {
        for (name, value) in fields {
            if let (true, Some(v)) = (is_secret(&name), value.as_str()) {
                out.push(v.to_string());
            }
        }
    }
    // Short values would redact ordinary words.
    out.retain(|v| v.chars().count() >= 6);
    // Longest first, so a token inside a longer value does not leave a piece behind.
    out.sort_by_key(|v| std::cmp::Reverse(v.len()));
    out.dedup();
    out
}

/// Replaces every occurrence of a secret in `text` with `[redacted]`.
pub fn scrub(text: &mut String, secrets: &[String]) {
    for secret in secrets {
        if text.contains(secret.as_str()) {
            *text = text.replace(secret.as_str(), "[redacted]");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scrubs_quoted_secrets() {
        let headers = vec![
            (
                "Authorization".to_string(),
                "Bearer AUTHSECRET123".to_string(),
            ),
            ("Cookie".to_string(), "session=COOKIEVALUE; x=1".to_string()),
            ("Accept".to_string(), "application/json".to_string()),
        ];
        let secrets = secret_values(&headers, "/x?access_token=QUERYSECRET&page=1", b"");
        let mut text = "token AUTHSECRET123, cookie COOKIEVALUE, q QUERYSECRET, json".to_string();
        scrub(&mut text, &secrets);
        assert_eq!(
            text,
            "token [redacted], cookie [redacted], q [redacted], json"
        );
        let form = secret_values(
            &[],
            "/oauth/token",
            b"grant_type=refresh_token&refresh_token=FORMSECRET1&client_secret=FORMSECRET2\n",
        );
        assert!(form.contains(&"FORMSECRET1".to_string()));
        assert!(form.contains(&"FORMSECRET2".to_string()));
        let json = secret_values(
            &[],
            "/oauth/token",
            br#"{"client_secret": "JSONSECRET3", "x": 1}"#,
        );
        assert_eq!(json, ["JSONSECRET3"]);
        // Redacting twice changes nothing.
        let once = redact_text("sent Authorization: Bearer abcdefghijkl").into_owned();
        assert_eq!(redact_text(&once), once);
        let once = redact_text("got Bearer abcdefghijkl").into_owned();
        assert_eq!(redact_text(&once), once);
    }

    #[test]
    fn redacts_credentials() {
        assert_eq!(
            redact_credential("Bearer hk_live_SECRET"),
            "Bearer [redacted, 14 chars]"
        );
        assert_eq!(redact_credential("session=abc"), "[redacted, 11 chars]");
        assert_eq!(
            redact_url("/api/v1/products?access_token=SECRET&page_size=5"),
            "/api/v1/products?access_token=REDACTED&page_size=5"
        );
        assert_eq!(
            redact_url("https://me:pw@api.hikeup.com/x?code=abc"),
            "https://REDACTED@api.hikeup.com/x?code=REDACTED"
        );
        assert_eq!(redact_url("/api/v1/products"), "/api/v1/products");
        assert_eq!(
            redact_url("https://app/cb#access_token=SECRET&x=1"),
            "https://app/cb#access_token=REDACTED&x=1"
        );
        assert!(is_secret_header("COOKIE"));
        assert_eq!(redact_text("plain words"), "plain words");
        assert_eq!(
            redact_text("Bearer token expired: got Bearer SECRETAFTERPROSE99"),
            "Bearer token expired: got Bearer [redacted, 18 chars]"
        );
        assert_eq!(
            redact_text("Bearer\tTABBEDSECRET1"),
            "Bearer\t[redacted, 13 chars]"
        );
        assert_eq!(
            redact_text("Token: abcdef12345"),
            "Token: [redacted, 11 chars]"
        );
        assert_eq!(redact_text("key=abc"), "key=REDACTED");
        assert_eq!(
            redact_text(r#"got {"access_token": "JSONSECRET", "x": 1}"#),
            r#"got {"access_token": "REDACTED", "x": 1}"#
        );
        assert_eq!(redact_text("x-api-keys are fine"), "x-api-keys are fine");
        assert_eq!(
            redact_text("Bearer FIRSTSECRET99 then Cookie: b=2"),
            "Bearer [redacted, 13 chars] then Cookie: [redacted, 3 chars]"
        );
        assert_eq!(
            redact_text("Bearer token required"),
            "Bearer token required"
        );
        assert_eq!(
            redact_text("token Bearer abc123def was refused"),
            "token Bearer [redacted, 9 chars] was refused"
        );
        assert_eq!(
            redact_text("sent Authorization: Basic dXNlcjpwYXNz"),
            "sent Authorization: Basic [redacted, 12 chars]"
        );
        assert_eq!(
            redact_text("Cookie: a=b; c=d"),
            "Cookie: [redacted, 8 chars]"
        );
        assert_eq!(
            redact_text("bad ?access_token=xyz&x=1 here"),
            "bad ?access_token=REDACTED&x=1 here"
        );
    }
}
