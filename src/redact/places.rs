//! What a redaction hid, by kind and place, and the shell variable a replay puts in its
//! stead: the redactor's own output, read back against the text it was given.

use std::fmt;
use std::ops::Range;

use super::names::{is_credential_header, with_normalised};
use super::text::is_scheme;
use super::{Redacted, Redactor};

/// Where a hidden credential stood. Names come from the input: a renderer sanitizes them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    /// A credential header's value; `scheme` when one stood before it (`Bearer`).
    Header {
        /// The header's name, as written.
        name: String,
        /// The authorization scheme, lowercased.
        scheme: Option<String>,
    },
    /// A value in another header, found by its shape or the words around it.
    InHeader(String),
    /// A query parameter of the URL.
    Query(String),
    /// A parameter of the URL's fragment.
    Fragment(String),
    /// The URL's userinfo (`user:password@`).
    Userinfo,
    /// A field of a form-encoded body.
    FormField(String),
    /// A field of a JSON body.
    JsonField(String),
    /// Elsewhere in the URL, by its shape or because the input showed it as a credential.
    InUrl,
    /// Elsewhere in the request body.
    RequestBody,
    /// In the response body.
    ResponseBody,
}

/// Names longer than this are cut when a place is told.
const MAX_NAME: usize = 64;

fn short(name: &str) -> String {
    let name = name.trim();
    if name.chars().count() <= MAX_NAME {
        return name.to_string();
    }
    let mut s: String = name.chars().take(MAX_NAME).collect();
    s.push('…');
    s
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Place::Header {
                name,
                scheme: Some(s),
            } => write!(f, "{} header: {} token", short(name), short(s)),
            Place::Header { name, scheme: None } => write!(f, "{} header", short(name)),
            Place::InHeader(name) => write!(f, "{} header: a credential in its value", short(name)),
            Place::Query(name) => write!(f, "query parameter {}", short(name)),
            Place::Fragment(name) => write!(f, "URL fragment parameter {}", short(name)),
            Place::Userinfo => f.write_str("URL userinfo (user:password@)"),
            Place::FormField(name) => write!(f, "form field {}", short(name)),
            Place::JsonField(name) => write!(f, "JSON field {}", short(name)),
            Place::InUrl => f.write_str("URL: a credential in it"),
            Place::RequestBody => f.write_str("request body: a credential in it"),
            Place::ResponseBody => f.write_str("response body: a credential in it"),
        }
    }
}

impl Place {
    /// The shell variable Hike's own credentials go by in a replay, when this place holds
    /// one: the bearer token (`HIKE_ACCESS_TOKEN`, also as `access_token` in a URL), the
    /// OAuth client secret, refresh token and authorization code, and a cookie.
    pub fn hike_variable(&self) -> Option<&'static str> {
        match self {
            Place::Header { name, scheme } => {
                let auth = name.trim().eq_ignore_ascii_case("authorization");
                if auth && scheme.as_deref() == Some("bearer") {
                    Some("HIKE_ACCESS_TOKEN")
                } else if name.trim().eq_ignore_ascii_case("cookie") {
                    Some("HIKE_COOKIE")
                } else {
                    None
                }
            }
            Place::Query(n) | Place::Fragment(n) | Place::FormField(n) | Place::JsonField(n) => {
                with_normalised(n, |n| match n {
                    "accesstoken" => Some("HIKE_ACCESS_TOKEN"),
                    "clientsecret" => Some("HIKE_CLIENT_SECRET"),
                    "refreshtoken" => Some("HIKE_REFRESH_TOKEN"),
                    "code" => Some("HIKE_AUTH_CODE"),
                    _ => None,
                })
            }
            _ => None,
        }
    }
}

/// A credential a replay takes from the shell: its variable and where it stood.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Variable {
    /// The variable's name (`HIKE_ACCESS_TOKEN`, `HIKE_SECRET_1`, ...).
    pub name: String,
    /// Where the credential stood first.
    pub place: Place,
}

/// The shell variables of one replay: one per distinct credential, Hike's own by their
/// names ([`Place::hike_variable`]), any other `HIKE_SECRET_1`, `HIKE_SECRET_2`, ...
#[derive(Debug, Default)]
pub struct ShellVars {
    vars: Vec<(String, Variable)>,
    others: u32,
}

impl ShellVars {
    /// No variable yet.
    pub fn new() -> ShellVars {
        ShellVars::default()
    }

    /// The variable for this credential value, found at `place`: the one it already has,
    /// or a new one.
    pub fn name(&mut self, value: &str, place: &Place) -> &str {
        let i = match self.vars.iter().position(|(v, _)| v == value) {
            Some(i) => i,
            None => {
                let taken = |n: &str| self.vars.iter().any(|(_, v)| v.name == n);
                let name = match place.hike_variable() {
                    Some(n) if !taken(n) => n.to_string(),
                    _ => {
                        self.others += 1;
                        format!("HIKE_SECRET_{}", self.others)
                    }
                };
                self.vars.push((
                    value.to_string(),
                    Variable {
                        name,
                        place: place.clone(),
                    },
                ));
                self.vars.len() - 1
            }
        };
        &self.vars[i].1.name
    }

    /// The variables, in the order they were named.
    pub fn variables(&self) -> impl Iterator<Item = &Variable> {
        self.vars.iter().map(|(_, v)| v)
    }
}

impl Redactor {
    /// Where [`Redactor::text`] hides something in `s`: byte ranges of `s`, in order, or
    /// `None` when what it did cannot be read back (the caller then hides all of `s`).
    pub fn text_spans(&self, s: &str) -> Option<Vec<Range<usize>>> {
        align(s, &self.text(s))
    }

    /// Where [`Redactor::url`] hides something in `s` (as [`Redactor::text_spans`]).
    pub fn url_spans(&self, s: &str) -> Option<Vec<Range<usize>>> {
        align(s, &self.url(s))
    }

    /// Where [`Redactor::header`] hides something in the value `s` (trimmed first, as
    /// the rule trims it), with the scheme that stood before it for a credential header.
    pub fn header_spans(&self, name: &str, s: &str) -> Option<Vec<Range<usize>>> {
        if is_credential_header(name) {
            align(s, &self.header(name, s))
        } else {
            self.text_spans(s)
        }
    }
}

/// The scheme of a credential header's value (`Bearer x` → `bearer`), when it has one.
pub fn scheme_of(value: &str) -> Option<String> {
    let (first, _) = value.trim().split_once(char::is_whitespace)?;
    (is_scheme(first) || first.eq_ignore_ascii_case("token")).then(|| first.to_ascii_lowercase())
}

/// Reads a redacted text back against the original: each `[redacted, N chars]` in it
/// stands for N characters of the original, and everything else must be the original's
/// own text. `None` when the two do not line up.
fn align(original: &str, redacted: &Redacted) -> Option<Vec<Range<usize>>> {
    const MARK: &str = "[redacted, ";
    let mut spans = Vec::new();
    let mut at = 0;
    let mut rest = redacted.as_str();
    while let Some(m) = rest.find(MARK) {
        let literal = &rest[..m];
        if !original[at..].starts_with(literal) {
            return None;
        }
        at += literal.len();
        let after = &rest[m + MARK.len()..];
        let end = after.find(" chars]")?;
        let n: usize = after[..end].parse().ok()?;
        let tail = &original[at..];
        let len = match tail.char_indices().nth(n) {
            Some((i, _)) => i,
            None if tail.chars().count() == n => tail.len(),
            None => return None,
        };
        spans.push(at..at + len);
        at += len;
        rest = &after[end + " chars]".len()..];
    }
    (original[at..] == *rest).then_some(spans)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::redact::Secrets;

    #[test]
    fn spans_read_back() {
        let r = Redactor::new(Secrets::new());
        let u = "/x?access_token=abc123&page=2";
        let spans = r.url_spans(u).unwrap();
        assert_eq!(
            spans.iter().map(|s| &u[s.clone()]).collect::<Vec<_>>(),
            ["abc123"]
        );
        let h = "Bearer hk_live_SECRETTOKEN123";
        let spans = r.header_spans("Authorization", h).unwrap();
        assert_eq!(&h[spans[0].clone()], "hk_live_SECRETTOKEN123");
        assert_eq!(scheme_of(h).as_deref(), Some("bearer"));
        assert_eq!(r.text_spans("plain words").unwrap(), []);
        // Text that quotes the marker itself does not line up, or lines up hiding more.
        let odd = "x [redacted, 3 chars] y";
        assert!(r.text_spans(odd).is_none_or(|s| !s.is_empty()));
    }

    #[test]
    fn variables_by_place() {
        let mut v = ShellVars::new();
        let bearer = Place::Header {
            name: "Authorization".into(),
            scheme: Some("bearer".into()),
        };
        assert_eq!(v.name("tok1", &bearer), "HIKE_ACCESS_TOKEN");
        assert_eq!(
            v.name("tok1", &Place::Query("access_token".into())),
            "HIKE_ACCESS_TOKEN"
        );
        assert_eq!(
            v.name("tok2", &Place::Query("access_token".into())),
            "HIKE_SECRET_1"
        );
        assert_eq!(
            v.name("s", &Place::FormField("client_secret".into())),
            "HIKE_CLIENT_SECRET"
        );
        assert_eq!(
            v.name("c", &Place::FormField("code".into())),
            "HIKE_AUTH_CODE"
        );
        assert_eq!(
            v.name("r", &Place::JsonField("refresh_token".into())),
            "HIKE_REFRESH_TOKEN"
        );
        assert_eq!(
            v.name(
                "k",
                &Place::Header {
                    name: "X-Api-Key".into(),
                    scheme: None
                }
            ),
            "HIKE_SECRET_2"
        );
        assert_eq!(bearer.to_string(), "Authorization header: bearer token");
        assert_eq!(
            Place::FormField("client_secret".into()).to_string(),
            "form field client_secret"
        );
    }
}
