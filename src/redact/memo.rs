//! The free-text rule's answers for recent short texts, kept: a log of many exchanges
//! repeats its reason phrases, messages and challenges, and the rule ([`super::text`]) is a
//! pure function of the text, so a kept answer is the answer. Kept twice over: the rule's
//! answer ([`remembered`]), and the [`Redacted`] made of it when no credential is known
//! ([`kept`]), which the reports that repeat it share. Bounded: [`SLOTS`] texts of at most
//! [`MAX_BYTES`] each, per table and thread.

use std::borrow::Cow;
use std::cell::RefCell;
use std::sync::Arc;

use super::Redacted;

/// How many texts are kept (a direct-mapped table: a text has one slot, by its hash).
const SLOTS: usize = 64;
/// Longer texts are not kept.
pub(super) const MAX_BYTES: usize = 256;

/// One kept text and its answer (`None`: the rule left it as it was).
type Slot = Option<(Box<str>, Option<Box<str>>)>;

/// One kept text and what it is redacted.
type RedactedSlot = Option<(Arc<str>, Redacted)>;

thread_local! {
    static KEPT: RefCell<Vec<Slot>> = RefCell::new(vec![None; SLOTS]);
    /// A text and what it is redacted, with no credential known.
    static REDACTED: RefCell<Vec<RedactedSlot>> =
        RefCell::new(vec![None; SLOTS]);
}

/// `make(text)`, the [`Redacted`] of a text with no credential known, from the one kept
/// when `text` was seen last in its slot.
pub(super) fn kept(text: &str, make: impl FnOnce(&str) -> Redacted) -> Redacted {
    if text.len() > MAX_BYTES {
        return make(text);
    }
    let slot = slot(text.as_bytes(), 8, SLOTS);
    REDACTED.with(|k| {
        let mut k = k.borrow_mut();
        if let Some((t, r)) = &k[slot] {
            if **t == *text {
                return r.clone();
            }
        }
        let r = make(text);
        // Most texts come out as they went in: then one string is both.
        let key = if *r.0 == *text {
            Arc::clone(&r.0)
        } else {
            Arc::from(text)
        };
        k[slot] = Some((key, r.clone()));
        r
    })
}

/// `rule(text)`, from the kept answer when `text` was seen last in its slot.
pub(super) fn remembered<'a>(text: &'a str, rule: fn(&str) -> Cow<'_, str>) -> Cow<'a, str> {
    if text.len() > MAX_BYTES {
        return rule(text);
    }
    let slot = slot(text.as_bytes(), 8, SLOTS);
    let kept = KEPT.with(|k| {
        k.borrow()[slot]
            .as_ref()
            .filter(|(t, _)| **t == *text)
            .map(|(_, answer)| answer.as_deref().map(str::to_string))
    });
    if let Some(answer) = kept {
        return answer.map_or(Cow::Borrowed(text), Cow::Owned);
    }
    let answer = rule(text);
    let changed = match &answer {
        Cow::Borrowed(_) => None,
        Cow::Owned(s) => Some(s.as_str().into()),
    };
    KEPT.with(|k| k.borrow_mut()[slot] = Some((text.into(), changed)));
    answer
}

/// The slot of `b` among `slots`: its length and first and last `edge` bytes, eight at a
/// time, mixed. A key that shares them with another only takes its slot; the whole key is
/// compared on a lookup. The body memo (`explain::body`) keys its slots by it too.
pub(crate) fn slot(b: &[u8], edge: usize, slots: usize) -> usize {
    fn mix(h: u64, word: u64) -> u64 {
        (h ^ word)
            .wrapping_mul(0x9e37_79b9_7f4a_7c15)
            .rotate_left(31)
    }
    let n = b.len();
    let mut h = 0xcbf2_9ce4_8422_2325 ^ n as u64;
    if n >= 8 {
        let word = |at: usize| u64::from_le_bytes(b[at..at + 8].try_into().expect("8 bytes"));
        for i in (0..edge).step_by(8) {
            let at = i.min(n - 8);
            h = mix(mix(h, word(at)), word(n - 8 - at));
        }
    } else {
        h = mix(h, b.iter().fold(0, |w, &c| w << 8 | u64::from(c)));
    }
    (h.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 32) as usize % slots
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shout(s: &str) -> Cow<'_, str> {
        if s.contains('!') {
            Cow::Owned(s.to_uppercase())
        } else {
            Cow::Borrowed(s)
        }
    }

    #[test]
    fn slots_are_in_range_and_spread() {
        let mut used = [false; SLOTS];
        for i in 0..2000 {
            let s = format!("req-{i:09}").repeat(i % 3 + 1);
            for b in [s.as_bytes(), &s.as_bytes()[..i % 8]] {
                used[slot(b, 8, SLOTS)] = true;
                assert!(slot(b, 16, 7) < 7);
            }
        }
        assert!(used.iter().all(|u| *u));
    }

    #[test]
    fn a_kept_redacted_text_is_the_one_made() {
        let make = |s: &str| Redacted(Arc::from(s.to_uppercase()));
        // Twice over, so that the second round finds many kept (and some evicted).
        for _ in 0..2 {
            for i in 0..300 {
                let t = format!("text {i}");
                assert_eq!(kept(&t, make), make(&t));
            }
        }
        let long = "x".repeat(MAX_BYTES + 1);
        assert_eq!(kept(&long, make), make(&long));
    }

    #[test]
    fn a_kept_answer_is_the_rules_answer() {
        let texts: Vec<String> = (0..300)
            .map(|i| match i % 3 {
                0 => format!("message {i}!"),
                1 => format!("plain {i}"),
                _ => "x".repeat(MAX_BYTES + i % 2),
            })
            .collect();
        // Twice over, so that the second round finds many kept (and some evicted).
        for _ in 0..2 {
            for t in &texts {
                let got = remembered(t, shout);
                assert_eq!(got, shout(t));
                assert_eq!(matches!(got, Cow::Borrowed(_)), !t.contains('!'), "{t}");
            }
        }
    }
}
