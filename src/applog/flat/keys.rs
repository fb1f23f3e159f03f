//! The keys of flat records, each worked out once: which the full reader looks up, where a
//! kept one goes, what a string under it shows.

use super::KEYS;
use crate::applog::secrets::KeyRule;
use crate::redact::is_credential_field;

/// The keys the record reader looks up first (case ignored), which a flat record may not
/// hold but as one of [`KEYS`].
const LOOKED_UP: &[&str] = &[
    // containers
    "Properties",
    "State",
    "Scope",
    "record",
    "extra",
    "context",
    "fields",
    "meta",
    "metadata",
    "attributes",
    "@fields",
    // status
    "status",
    "statusCode",
    "status_code",
    "http_status",
    "httpStatus",
    "http_status_code",
    "response",
    "res",
    "http",
    "err",
    "error",
    "exception",
    // body
    "data",
    "body",
    "responseBody",
    "response_body",
    // method
    "method",
    "RequestMethod",
    "HttpMethod",
    "req",
    "request",
    "config",
    // URL
    "url",
    "path",
    "uri",
    "RequestPath",
    "requestUrl",
    "request_url",
    // request id
    "requestId",
    "request_id",
    "x-request-id",
    // headers
    "responseHeaders",
    "response_headers",
    // time
    "timestamp",
    "time",
    "@t",
    "@timestamp",
    "asctime",
    "ts",
    "datetime",
    // message
    "message",
    "msg",
    "@m",
    "event",
    // .NET's handler records
    "Category",
];

/// What [`super::read`] makes of a key, by its name alone: where it goes, whether a flat record
/// may hold it, what it makes of a string under it.
#[derive(Debug, Clone, Copy)]
pub(super) struct Key {
    /// Its place in [`KEYS`].
    pub(super) slot: Option<usize>,
    /// A key the record reader looks up, or a dotted path: the record is left to it.
    pub(super) refused: bool,
    pub(super) rule: KeyRule,
    /// A credential field's name (`is_credential_field`): a body's string under it is what
    /// `Secrets::learn_response` learns.
    pub(super) credential_named: bool,
}

impl Key {
    fn of(key: &str) -> Key {
        let slot = KEYS.iter().position(|k| *k == key);
        Key {
            slot,
            refused: slot.is_none() && (key.contains('.') || looked_up(key)),
            rule: KeyRule::of(key),
            credential_named: is_credential_field(key),
        }
    }
}

/// The keys met so far, each worked out once: the records of one log repeat a handful of
/// keys.
#[derive(Debug, Default)]
pub struct Keys {
    known: Vec<(Box<str>, Key)>,
    /// Where the key after the last one found stands in `known`.
    next: usize,
}

impl Keys {
    /// How many keys are remembered, and how long each may be; others are worked out each
    /// time.
    const MAX: usize = 64;
    const MAX_KEY: usize = 64;

    pub(super) fn get(&mut self, key: &str) -> Key {
        // The records of a log write their keys in the same order: the one after the last
        // found is tried first.
        if let Some((n, k)) = self.known.get(self.next) {
            if **n == *key {
                self.next += 1;
                return *k;
            }
        }
        if let Some(i) = self.known.iter().position(|(n, _)| **n == *key) {
            self.next = i + 1;
            return self.known[i].1;
        }
        let k = Key::of(key);
        if self.known.len() < Self::MAX && key.len() <= Self::MAX_KEY {
            self.known.push((key.into(), k));
            self.next = self.known.len();
        }
        k
    }
}

fn looked_up(key: &str) -> bool {
    LOOKED_UP.iter().any(|k| k.eq_ignore_ascii_case(key))
}
