//! The credentials a log line shows: a logged axios config's `Authorization` header, an
//! `Authorization:` header in text, an `access_token=` in a logged URL, a `client_secret=`
//! in a logged form, a credential-named field of a record. Their values go into a
//! [`Secrets`] (to be absorbed by the input's [`crate::redact::Redactor`]); where they
//! stood is listed as [`CredentialPlace`]s, which hold names only.

use serde_json::Value;

use crate::redact::{Secrets, is_credential_field, is_credential_header, is_credential_name};

use super::scan::find_ci;

/// Where a line showed a credential (names only, never the value).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum CredentialPlace {
    /// A header, by name: `Authorization`, `Cookie`, `X-Api-Key`, ...
    Header(String),
    /// A parameter of a logged URL, by name: `access_token`, ...
    UrlParameter(String),
    /// A field of a logged form, by name: `client_secret`, `refresh_token`, ...
    FormField(String),
    /// A credential-named field of a JSON record or body, by name.
    JsonField(String),
}

/// The credentials one line showed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SeenSecrets {
    /// Their values (feed them to the redactor with `Secrets::absorb`).
    pub values: Secrets,
    /// Where they stood, in the order seen, each place once (at most [`SeenSecrets::MAX`]).
    pub places: Vec<CredentialPlace>,
}

/// Nodes of a record looked at, at most (a bound on time for a huge record).
const MAX_NODES: usize = 20_000;
const MAX_DEPTH: usize = 12;

impl SeenSecrets {
    /// How many places are listed, at most.
    pub const MAX: usize = 32;

    /// Whether the line showed none.
    pub fn is_empty(&self) -> bool {
        self.places.is_empty()
    }

    fn place(&mut self, p: CredentialPlace) {
        if self.places.len() < Self::MAX && !self.places.contains(&p) {
            self.places.push(p);
        }
    }

    fn header(&mut self, name: &str, value: &str) {
        let value = value.trim();
        if value.is_empty() {
            return;
        }
        self.values.remember(value);
        if let Some((_, token)) = value.split_once(char::is_whitespace) {
            self.values.remember(token);
        }
        self.place(CredentialPlace::Header(name.to_string()));
    }

    /// The `name=value` pairs of a query or form: the credential-named ones.
    fn pairs(&mut self, list: &str, url: bool) {
        for pair in list.split(['&', ';']) {
            let Some((name, value)) = pair.split_once('=') else {
                continue;
            };
            let name = name.trim();
            let secret = if url {
                is_credential_name(name)
            } else {
                is_credential_field(name)
            };
            if secret && !value.is_empty() && name.len() <= 64 {
                self.values.remember(value);
                let name = name.to_string();
                self.place(if url {
                    CredentialPlace::UrlParameter(name)
                } else {
                    CredentialPlace::FormField(name)
                });
            }
        }
    }

    /// What a string shows: a URL's credential parameters, a form's credential fields, raw
    /// `Authorization:` header lines.
    fn string(&mut self, s: &str) {
        if s.len() > super::MAX_LINE {
            return;
        }
        // A pair holds `=`; a header's text form `:` or `=` after its name. Most strings of
        // a record (a level, a path, a message) hold neither.
        let b = s.as_bytes();
        let Some(first) = crate::find::memchr2(b'=', b':', b) else {
            return;
        };
        let eq = b[first] == b'=' || crate::find::memchr(b'=', &b[first + 1..]).is_some();
        if eq {
            for word in s.split(|c: char| {
                c.is_whitespace() || matches!(c, '"' | '\'' | '`' | ',' | '(' | ')')
            }) {
                match word.split_once('?') {
                    Some((before, query)) if before.contains('/') || before.contains("://") => {
                        self.pairs(query.split('#').next().unwrap_or(query), true)
                    }
                    _ if word.contains('=') => self.pairs(word, false),
                    _ => {}
                }
            }
        }
        // A header's name starts with `a`, `c` or `x` (a time holds none).
        if b.iter().any(|c| matches!(c | 0x20, b'a' | b'c' | b'x')) {
            self.header_text(s);
        }
    }

    /// `Authorization: Bearer x`, `"Authorization":"Bearer x"`, `authorization=Bearer%20x`
    /// and the other credential headers' text forms.
    fn header_text(&mut self, s: &str) {
        for name in HEADER_NAMES {
            let mut from = 0;
            while let Some(i) = find_ci(&s.as_bytes()[from..], name.as_bytes()) {
                let at = from + i;
                from = at + name.len();
                let rest = &s[from..];
                // Guzzle and PSR-7 write a header's values as a list: `"X-Api-Key":["v"]`.
                let sep = rest
                    .find(|c: char| !matches!(c, '"' | '\'' | ':' | '=' | ' ' | '['))
                    .unwrap_or(rest.len());
                if sep == 0 || !rest[..sep].contains([':', '=']) {
                    continue;
                }
                let value = &rest[sep..];
                let end = value
                    .find(['"', '\'', '\r', '\n', ',', '}', '\\', '&'])
                    .unwrap_or(value.len());
                let value = value[..end].trim();
                let real = &s[at..at + name.len()];
                self.header(real, value);
            }
        }
    }

    fn json(&mut self, v: &Value, key: Option<&str>, depth: usize, nodes: &mut usize) {
        *nodes += 1;
        if depth > MAX_DEPTH || *nodes > MAX_NODES {
            return;
        }
        match v {
            Value::Object(fields) => {
                for (k, x) in fields {
                    self.json(x, Some(k), depth + 1, nodes);
                }
            }
            Value::Array(items) => {
                for x in items {
                    self.json(x, key, depth + 1, nodes);
                }
            }
            Value::String(s) => self.field(key, s),
            _ => {}
        }
    }

    /// A string value of a record or body, under the key that holds it.
    fn field(&mut self, key: Option<&str>, s: &str) {
        match key {
            Some(k) => self.field_by(KeyRule::of(k), k, s, true),
            None => self.string(s),
        }
    }

    /// A string value under `key`, whose rule is `rule` ([`KeyRule::of`]); `text`: whether
    /// its text may show one ([`text_may_show`]).
    fn field_by(&mut self, rule: KeyRule, key: &str, s: &str, text: bool) {
        if rule.makes_a_credential(s) {
            match rule {
                KeyRule::CredentialHeader => self.header(key, s),
                _ => {
                    self.values.remember(s);
                    self.place(CredentialPlace::JsonField(key.to_string()));
                }
            }
        }
        if text {
            self.string(s);
        }
    }

    /// Whether a record's string value under `key` (whose rule is `rule`) shows no
    /// credential, as a record is read ([`of_record`]); `text`: whether its text may show
    /// one ([`text_may_show`] of the line it stands in).
    pub(super) fn shows_none(rule: KeyRule, key: &str, s: &str, text: bool) -> bool {
        if !text {
            // The key alone decides, with no set built.
            return !rule.makes_a_credential(s);
        }
        let mut seen = SeenSecrets::default();
        seen.field_by(rule, key, s, text);
        seen.is_empty() && seen.values.is_empty()
    }
}

/// The credential headers whose text forms a string is read for.
const HEADER_NAMES: [&str; 3] = ["authorization", "cookie", "x-api-key"];

/// Whether a string within `text` could show a credential as text ([`SeenSecrets`]'s
/// `string`): only one that holds a `=` (a pair) or a credential header's name (its text
/// form) can. One look at a record's line answers for all its strings; each name is found
/// by a letter rare in logs (the `z` of `authorization`, the `k` of `cookie` and
/// `x-api-key`).
pub(crate) fn text_may_show(text: &[u8]) -> bool {
    // Whether `name` stands in the text with its (lower-case) `letter` at `i`.
    let name_at = |i: usize, name: &str, letter: u8| {
        let at = name.bytes().position(|c| c == letter).unwrap_or(0);
        i.checked_sub(at)
            .and_then(|start| text.get(start..start + name.len()))
            .is_some_and(|w| w.eq_ignore_ascii_case(name.as_bytes()))
    };
    let [authorization, cookie, x_api_key] = HEADER_NAMES;
    crate::find::memchr(b'=', text).is_some()
        || crate::find::memchr2_iter(b'z', b'Z', text).any(|i| name_at(i, authorization, b'z'))
        || crate::find::memchr2_iter(b'k', b'K', text)
            .any(|i| name_at(i, cookie, b'k') || name_at(i, x_api_key, b'k'))
}

/// What a key of a record or body makes of the string under it, by its name alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum KeyRule {
    /// A credential header's name (`Authorization`, `X-Api-Key`, `Cookie`): its value is one.
    CredentialHeader,
    /// Another header's name (`WWW-Authenticate` is a challenge): read as text.
    Header,
    /// `code`: an OAuth code, unless written as an error code (`ERR_BAD_REQUEST`).
    Code,
    /// A credential-named field (`access_token`, `client_secret`): its value is one.
    CredentialField,
    /// Any other: read as text.
    Plain,
}

impl KeyRule {
    /// Whether the key makes `s`, the string under it, a credential: a credential header's
    /// value that is not blank, a credential field's value, a `code` not written as an error
    /// code (`"code": "ERR_BAD_REQUEST"` is not an OAuth code).
    fn makes_a_credential(self, s: &str) -> bool {
        match self {
            KeyRule::CredentialHeader => !s.trim().is_empty(),
            KeyRule::Code => !s.bytes().all(|c| c.is_ascii_uppercase() || c == b'_'),
            KeyRule::CredentialField => true,
            KeyRule::Header | KeyRule::Plain => false,
        }
    }

    /// The rule for `key`.
    pub(super) fn of(key: &str) -> KeyRule {
        // A header's name: the header rule.
        let header = key.contains('-')
            || key.eq_ignore_ascii_case("authorization")
            || key.eq_ignore_ascii_case("cookie");
        if header {
            if is_credential_header(key) {
                KeyRule::CredentialHeader
            } else {
                KeyRule::Header
            }
        } else if key.eq_ignore_ascii_case("code") {
            KeyRule::Code
        } else if is_credential_field(key) {
            KeyRule::CredentialField
        } else {
            KeyRule::Plain
        }
    }
}

/// The credentials a line of text shows, and those of a JSON value it holds.
pub(crate) fn of_text(line: &str, embedded: Option<&Value>) -> SeenSecrets {
    let mut seen = SeenSecrets::default();
    seen.string(line);
    if let Some(v) = embedded {
        seen.json(v, None, 0, &mut 0);
    }
    seen
}

/// The credentials a JSON record shows, anywhere in it.
pub(crate) fn of_record(obj: &serde_json::Map<String, Value>) -> SeenSecrets {
    let mut seen = SeenSecrets::default();
    let mut nodes = 0;
    for (k, x) in obj {
        seen.json(x, Some(k), 1, &mut nodes);
    }
    seen
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Words a line is made of: the names whole, cut, in capitals, beside other text.
    fn pieces() -> Vec<String> {
        let mut out = vec!["xx".to_string(), "\"".into(), ":".into(), "Hike ok".into()];
        for n in HEADER_NAMES {
            out.extend([
                n.to_string(),
                n.to_uppercase(),
                n[1..].into(),
                n[..n.len() - 1].into(),
            ]);
        }
        out
    }

    /// What `text_may_show` must answer: whether the text holds a `=` or a name.
    fn holds_eq_or_name(t: &[u8]) -> bool {
        t.contains(&b'=')
            || HEADER_NAMES
                .iter()
                .any(|n| find_ci(t, n.as_bytes()).is_some())
    }

    proptest! {
        #[test]
        fn one_look_at_a_line_finds_every_name(
            letters in proptest::collection::vec(
                prop::sample::select(b"authorizAUTHORIZcokieCOKIEx-pyKPY=: \"{}".to_vec()), 0..40),
            words in proptest::collection::vec(prop::sample::select(pieces()), 0..6),
        ) {
            prop_assert_eq!(text_may_show(&letters), holds_eq_or_name(&letters));
            let t = words.concat().into_bytes();
            prop_assert_eq!(text_may_show(&t), holds_eq_or_name(&t));
        }
    }

    #[test]
    fn a_key_alone_judges_as_the_whole_rule_does() {
        for key in [
            "level",
            "Authorization",
            "WWW-Authenticate",
            "code",
            "client_secret",
        ] {
            for s in ["", "   ", "ERR_BAD", "Bearer abc123456", "abc"] {
                let rule = KeyRule::of(key);
                let mut seen = SeenSecrets::default();
                seen.field_by(rule, key, s, false);
                let none = seen.is_empty() && seen.values.is_empty();
                assert_eq!(
                    SeenSecrets::shows_none(rule, key, s, false),
                    none,
                    "{key} {s:?}"
                );
            }
        }
    }

    #[test]
    fn a_line_with_no_pair_and_no_header_name_shows_nothing_as_text() {
        for t in [
            &br#"{"level":"info","message":"Hike call ok","status":200}"#[..],
            br#"{"Authorization":"x"}"#,
            br#"{"h":"COOKIE: a"}"#,
            br#"{"h":"X-Api-Key: a"}"#,
            b"zzz kkk cookiz x-api-kez",
            b"a=b",
            b"",
        ] {
            assert_eq!(text_may_show(t), holds_eq_or_name(t), "{t:?}");
        }
        assert!(!text_may_show(
            br#"{"level":"info","message":"Hike call ok"}"#
        ));
    }

    #[test]
    fn a_header_written_as_a_list_is_learned() {
        let s = of_text(
            r#"context {"headers":{"X-Api-Key":["hk_live_SECRETKEY1234567"]}}"#,
            None,
        );
        assert!(s.values.contains("hk_live_SECRETKEY1234567"));
    }

    #[test]
    fn every_place() {
        let s = of_text(
            "GET https://h/x?access_token=SECRETQUERY&page=2 sent client_id=app&client_secret=SECRETCLIENT Authorization: Bearer hk_live_SECRETTOKEN123",
            None,
        );
        for v in [
            "SECRETQUERY",
            "SECRETCLIENT",
            "Bearer hk_live_SECRETTOKEN123",
            "hk_live_SECRETTOKEN123",
        ] {
            assert!(s.values.contains(v), "{v}");
        }
        assert!(!s.values.contains("app"));
        assert_eq!(
            s.places,
            vec![
                CredentialPlace::UrlParameter("access_token".into()),
                CredentialPlace::FormField("client_secret".into()),
                CredentialPlace::Header("Authorization".into()),
            ]
        );
        let v: Value = serde_json::from_str(
            r#"{"config":{"headers":{"Authorization":"Bearer hk_live_SECRETTOKEN123","Accept":"x"},"data":"refresh_token=SECRETREFRESH&client_secret=SECRETCLIENT"},"request":{"_header":"GET /x HTTP/1.1\r\nAuthorization: Bearer hk_live_OTHER99999\r\n"}}"#,
        )
        .unwrap();
        let s = of_record(v.as_object().unwrap());
        for v in [
            "hk_live_SECRETTOKEN123",
            "SECRETREFRESH",
            "SECRETCLIENT",
            "hk_live_OTHER99999",
        ] {
            assert!(s.values.contains(v), "{v}");
        }
        assert!(
            s.places
                .contains(&CredentialPlace::FormField("refresh_token".into()))
        );
    }

    #[test]
    fn nothing_on_plain_lines() {
        let s = of_text(
            "HTTP 429 on /api/v1/products?page_size=100: oauth_problem=rate limit exceeded&oauth_problem_advice=x",
            None,
        );
        assert!(s.is_empty(), "{:?}", s.places);
        assert!(s.values.is_empty());
    }
}
