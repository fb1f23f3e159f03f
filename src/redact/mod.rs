//! Credential redaction: every string taken from the input passes through a [`Redactor`]
//! once, on its way into the report, and comes out a [`Redacted`]. The report's input-made
//! fields hold only `Redacted` values, so a string cannot reach the output without it.
//! Terminal safety (control, escape and bidi characters) is a separate step, at output
//! time: [`crate::sanitize`]. What the rule hid can be read back by place ([`Place`]: "query
//! parameter access_token"), and each hidden credential named by a shell variable
//! ([`ShellVars`]), for a replay that carries no secret.
//!
//! # The rule
//!
//! A hidden value becomes `[redacted, N chars]` (N counts the characters hidden). Hidden:
//!
//! - **Credential headers**: `Authorization`, `Proxy-Authorization`, `Cookie`,
//!   `Set-Cookie`, and every header whose name the name rule below catches (`X-Api-Key`,
//!   `X-Auth-Token`, ...), but the challenge headers (`WWW-Authenticate`), which are read for
//!   their error words. An authorization scheme (`Bearer`, `Basic`) stays.
//! - **URLs**: the userinfo (`user:password@`), and the value of every query and fragment
//!   parameter (split on `&` and `;`) whose *normalised name* (percent-decoded, lowercased,
//!   `-` and `_` removed) contains `token`, `secret`, `passw`, `pwd`, `apikey`, `auth`,
//!   `signature`, `session` or `jwt`, or ends in `key`, or is `pass`, `sig` or `code`. So
//!   `x-api-key`, `private_token`, `access%5Ftoken` and `Authorization` are caught, and
//!   `design`, `compass` and `keyword` are not. A URL inside a parameter's value
//!   (`redirect_uri=https://app/cb?access_token=...`) is read the same way.
//! - **JWTs anywhere**: three base64url segments joined by dots, the first starting `eyJ`.
//! - **Prose**: the word after an authorization scheme (`Bearer x`, when 8 or more
//!   characters), and the word after a credential noun (`token`, `access token`,
//!   `refresh_token`, `api key`, `client secret`, `password`, `secret`, `key`, `jwt`) when it
//!   looks like a credential: 8 or more characters with no space, and either 20 or more, or
//!   holding a digit, a capital after its first letter, or one of `_-.+/=~`. The rest of a
//!   text after `Authorization:`, `Cookie:` and the other credential header names.
//! - **Form and JSON fields** named by the same rule (`"client_secret": "..."`,
//!   `refresh_token=...`), and every message listed under a credential-named field in
//!   `errors` (`{"errors": {"client_secret": ["..."]}}`). Hike's own word fields,
//!   `oauth_problem` and `oauth_problem_advice`, and a token response's `token_type` match
//!   the rule but are kept: they hold error words, not secrets.
//! - **What the input has shown to be a credential**: every value a request sent in one of
//!   the places above, and every credential-named field of a response body (the
//!   `access_token` and `refresh_token` a token response issues), kept in a bounded set (the
//!   last [`Secrets::MAX`] values of 6 or more characters) and hidden wherever they show up
//!   later in the input, in any field. Output already written cannot be taken back and need
//!   not be: a request's credentials are known before its response.
//!
//! Kept: UUID request ids, status codes, field names, Hike's error words, URLs' paths and
//! other parameters, and every word of prose that does not stand after a scheme or noun.
//!
//! # The trade-off
//!
//! The rule leans towards hiding. A parameter or field named `author`, `monkey` or `code`
//! loses its value; after `token` or `password`, a word such as `is_missing` or `v2-style`
//! is hidden although it is no secret; after `Bearer`, any word of 8 or more characters
//! (`Bearer authentication`) is hidden. What it can miss: a credential in prose that
//! follows no scheme or noun and is no JWT; one that is all lowercase letters, shorter
//! than 20, after a noun (`password hunter`), because such words are prose (`password
//! required`); a credential the request sent in fewer than 6 characters, where the response
//! quotes it back outside any of the places above; and values learned past the last 256.

mod known;
mod memo;
mod names;
mod places;
#[cfg(test)]
mod tests;
mod text;
mod url;

use std::borrow::Cow;
use std::fmt;
use std::ops::Deref;
use std::sync::Arc;

use serde::{Serialize, Serializer};

pub use known::{Secrets, may_issue_credentials};
pub(crate) use memo::slot;
use names::hidden;
pub use names::looks_like_credential;
pub use names::{is_credential_field, is_credential_header, is_credential_name, normalise};
pub use places::{Place, ShellVars, Variable, scheme_of};

/// A string from the input that has passed through a [`Redactor`]. Only this module makes
/// one, so a report field of this type holds no credential the rule knows. Shared, not
/// copied: a text a log repeats (a reason phrase, a media type, an error message) is one
/// string however many reports hold it.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Redacted(Arc<str>);

impl Redacted {
    fn of(text: Cow<'_, str>) -> Redacted {
        Redacted(match text {
            Cow::Borrowed(s) => Arc::from(s),
            Cow::Owned(s) => Arc::from(s),
        })
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The text, owned.
    pub fn into_string(self) -> String {
        String::from(&*self.0)
    }

    /// At most `max` characters, ending in `…` when cut. Cutting what is redacted already
    /// cannot bring a credential back.
    pub fn truncated(self, max: usize) -> Redacted {
        if self.0.chars().count() <= max {
            return self;
        }
        let mut s: String = self.0.chars().take(max).collect();
        s.push('…');
        Redacted(Arc::from(s))
    }
}

impl Serialize for Redacted {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl Deref for Redacted {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Redacted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl PartialEq<str> for Redacted {
    fn eq(&self, other: &str) -> bool {
        *self.0 == *other
    }
}

impl PartialEq<&str> for Redacted {
    fn eq(&self, other: &&str) -> bool {
        *self.0 == **other
    }
}

/// Applies the rule (see the [module docs](self)) to strings from one input, hiding too
/// the credentials that input has shown ([`Secrets`]).
#[derive(Debug, Clone, Default)]
pub struct Redactor {
    secrets: Secrets,
}

impl Redactor {
    /// A redactor that knows these credentials of the input.
    pub fn new(secrets: Secrets) -> Redactor {
        Redactor { secrets }
    }

    /// The credentials it knows.
    pub fn secrets(&self) -> &Secrets {
        &self.secrets
    }

    /// The credentials it knows, to learn more as the input goes on.
    pub fn secrets_mut(&mut self) -> &mut Secrets {
        &mut self.secrets
    }

    /// Free text: a message, a reason phrase, a header value, a field name.
    pub fn text(&self, s: &str) -> Redacted {
        if self.secrets.is_empty() {
            // Then the answer is the rule's alone, kept for the texts a log repeats.
            return memo::kept(s, |s| Redacted::of(text::text(s)));
        }
        let known = self.secrets.hide(s);
        Redacted::of(text::text(&known))
    }

    /// A URL or request target.
    pub fn url(&self, s: &str) -> Redacted {
        let known = self.secrets.hide(s);
        let u = url::url(&known);
        Redacted::of(text::text(&u))
    }

    /// A header's value: a credential header's is hidden but its scheme; any other is
    /// free text.
    pub fn header(&self, name: &str, value: &str) -> Redacted {
        if is_credential_header(name) {
            Redacted(Arc::from(text::credential(value)))
        } else {
            self.text(value)
        }
    }

    /// A message a body lists under `field` (`None`: the whole request or record): all of
    /// it hidden when the field is credential-named, else free text.
    pub fn message(&self, field: Option<&str>, message: &str) -> Redacted {
        match field {
            Some(f) if is_credential_field(f) => Redacted(Arc::from(hidden(message.trim()))),
            _ => self.text(message),
        }
    }
}
