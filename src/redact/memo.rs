//! The free-text rule's answers for recent short texts, kept: a log of many exchanges
//! repeats its reason phrases, messages and challenges, and the rule ([`super::text`]) is a
//! pure function of the text, so a kept answer is the answer. Bounded: [`SLOTS`] texts of
//! at most [`MAX_BYTES`] each, per thread.

use std::borrow::Cow;
use std::cell::RefCell;

/// How many texts are kept (a direct-mapped table: a text has one slot, by its hash).
const SLOTS: usize = 64;
/// Longer texts are not kept.
pub(super) const MAX_BYTES: usize = 256;

/// One kept text and its answer (`None`: the rule left it as it was).
type Slot = Option<(Box<str>, Option<Box<str>>)>;

thread_local! {
    static KEPT: RefCell<Vec<Slot>> = RefCell::new(vec![None; SLOTS]);
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

/// The slot of `b` among `slots`: its length and first and last `edge` bytes, mixed
/// (FNV-1a). A key that shares them with another only takes its slot; the whole key is
/// compared on a lookup. The body memo (`explain::body`) keys its slots by it too.
pub(crate) fn slot(b: &[u8], edge: usize, slots: usize) -> usize {
    let n = b.len();
    let mut h: u64 = 0xcbf2_9ce4_8422_2325 ^ n as u64;
    for &byte in b[..n.min(edge)].iter().chain(&b[n.saturating_sub(edge)..]) {
        h = (h ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
    }
    (h % slots as u64) as usize
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
