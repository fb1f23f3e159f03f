//! What recent bodies read as, kept: a log of many exchanges repeats its error bodies word
//! for word, and [`super::read_response`] is a pure function of the body, its
//! `Content-Type` and `Content-Encoding`, whether it is an error's, and the credentials the
//! redactor knows. A body read with no credential known is kept with its reading; the same
//! body read the same way again, with none known, gets that reading. Bounded: [`SLOTS`]
//! bodies of at most [`MAX_BYTES`] each, per thread.
//!
//! Two-way: a body's hash picks a pair of slots, most recently used first, so two bodies a
//! log alternates between are both kept even when they hash to the same pair.

use std::cell::RefCell;

use super::BodyFacts;

/// How many bodies are kept: [`SLOTS`] / 2 pairs.
const SLOTS: usize = 16;
/// Longer bodies are not kept.
pub(super) const MAX_BYTES: usize = 4096;

/// What a reading depends on besides the credentials known.
#[derive(PartialEq, Eq)]
pub(super) struct Key<'a> {
    pub body: &'a [u8],
    pub content_type: Option<&'a str>,
    pub content_encoding: Option<&'a str>,
    pub is_error: bool,
}

struct Kept {
    body: Box<[u8]>,
    content_type: Option<Box<str>>,
    content_encoding: Option<Box<str>>,
    is_error: bool,
    facts: BodyFacts,
}

impl Kept {
    fn is(&self, k: &Key) -> bool {
        *self.body == *k.body
            && self.content_type.as_deref() == k.content_type
            && self.content_encoding.as_deref() == k.content_encoding
            && self.is_error == k.is_error
    }
}

thread_local! {
    static KEPT: RefCell<Vec<Option<Box<Kept>>>> = RefCell::new((0..SLOTS).map(|_| None).collect());
}

/// The reading `read()` gives for `key`, kept from the last time its slot held that key.
pub(super) fn remembered(key: Key, read: impl FnOnce() -> BodyFacts) -> BodyFacts {
    if key.body.len() > MAX_BYTES {
        return read();
    }
    // Its length and first and last sixteen bytes pick its pair.
    let first = crate::redact::slot(key.body, 16, SLOTS / 2) * 2;
    let kept = KEPT.with(|k| {
        let mut k = k.borrow_mut();
        let way = (first..first + 2).find(|&s| k[s].as_ref().is_some_and(|kept| kept.is(&key)))?;
        // The one used now goes first.
        if way != first {
            k.swap(first, way);
        }
        k[first].as_ref().map(|kept| kept.facts.clone())
    });
    if let Some(facts) = kept {
        return facts;
    }
    let facts = read();
    let kept = Kept {
        body: key.body.into(),
        content_type: key.content_type.map(Box::from),
        content_encoding: key.content_encoding.map(Box::from),
        is_error: key.is_error,
        facts: facts.clone(),
    };
    KEPT.with(|k| {
        let mut k = k.borrow_mut();
        // The older of the pair goes; the other steps back.
        k.swap(first, first + 1);
        k[first] = Some(Box::new(kept));
    });
    facts
}
