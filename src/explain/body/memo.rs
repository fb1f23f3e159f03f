//! What recent bodies read as, kept: a log of many exchanges repeats its error bodies word
//! for word, and [`super::read_response`] is a pure function of the body, its
//! `Content-Type` and `Content-Encoding`, whether it is an error's, and the credentials the
//! redactor knows. A body read with no credential known is kept with its reading; the same
//! body read the same way again, with none known, gets that reading. Bounded: [`SLOTS`]
//! bodies of at most [`MAX_BYTES`] each, per thread.

use std::cell::RefCell;

use super::BodyFacts;

/// How many bodies are kept (direct-mapped: a body has one slot, by its hash).
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
    static KEPT: RefCell<Vec<Option<Kept>>> = RefCell::new((0..SLOTS).map(|_| None).collect());
}

/// The reading `read()` gives for `key`, kept from the last time its slot held that key.
pub(super) fn remembered(key: Key, read: impl FnOnce() -> BodyFacts) -> BodyFacts {
    if key.body.len() > MAX_BYTES {
        return read();
    }
    // Its length and first and last sixteen bytes pick it.
    let slot = crate::redact::slot(key.body, 16, SLOTS);
    let kept = KEPT.with(|k| {
        k.borrow()[slot]
            .as_ref()
            .filter(|kept| kept.is(&key))
            .map(|kept| kept.facts.clone())
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
    KEPT.with(|k| k.borrow_mut()[slot] = Some(kept));
    facts
}
