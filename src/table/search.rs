//! Finding codes by what they mean: `hike-status search rate limit`.

use once_cell::sync::Lazy;

use crate::table::{Entry, table};

/// How much a word weighs where it is found.
const NAME_WEIGHT: u32 = 10;
const MEANING_WEIGHT: u32 = 3;
const HINT_WEIGHT: u32 = 1;
/// Extra weight when the words stand together, in order, as a phrase.
const PHRASE_WEIGHT: u32 = 5;

/// What a search looks in, per entry: its fields lowercased, built once on the first search.
struct Haystack {
    entry: &'static Entry,
    /// The code, its name and standard name.
    name: String,
    /// Its meaning and the standard meaning.
    meaning: String,
    hint: String,
}

static INDEX: Lazy<Vec<Haystack>> = Lazy::new(|| {
    table()
        .entries()
        .map(|e| Haystack {
            entry: e,
            name: format!("{} {} {}", e.code, e.name, e.standard_name).to_lowercase(),
            meaning: format!("{} {}", e.meaning, e.standard_meaning).to_lowercase(),
            hint: e.hint.to_lowercase(),
        })
        .collect()
});

/// One search hit: the entry and its score (higher is better).
#[derive(Debug, Clone, Copy)]
pub struct Hit {
    /// The entry found.
    pub entry: &'static Entry,
    /// How well it matched; only the order matters.
    pub score: u32,
}

/// Finds the entries whose name, meaning or hint hold every word (case-insensitive),
/// best first: name matches weigh most, then meaning, then hint, with a bonus where the
/// words stand together as typed; on a tie Hike's codes come first, then lower codes.
///
/// The words are also matched against the code itself and its standard name, so
/// `search 422` and `search "unprocessable content"` work.
pub fn search<S: AsRef<str>>(words: &[S]) -> Vec<Hit> {
    let words: Vec<String> = words
        .iter()
        .flat_map(|w| w.as_ref().split_whitespace())
        .map(str::to_lowercase)
        .collect();
    if words.is_empty() {
        return Vec::new();
    }
    let phrase = words.join(" ");
    let mut hits: Vec<Hit> = INDEX
        .iter()
        .filter_map(|h| {
            score(h, &words, &phrase).map(|score| Hit {
                entry: h.entry,
                score,
            })
        })
        .collect();
    hits.sort_by(|a, b| {
        b.score
            .cmp(&a.score)
            .then(b.entry.documented.cmp(&a.entry.documented))
            .then(a.entry.code.cmp(&b.entry.code))
    });
    hits
}

fn score(h: &Haystack, words: &[String], phrase: &str) -> Option<u32> {
    let (name, meaning, hint) = (&h.name, &h.meaning, &h.hint);
    let mut total = 0;
    for w in words {
        let mut s = 0;
        if name.contains(w.as_str()) {
            s += NAME_WEIGHT;
        }
        if meaning.contains(w.as_str()) {
            s += MEANING_WEIGHT;
        }
        if hint.contains(w.as_str()) {
            s += HINT_WEIGHT;
        }
        if s == 0 {
            return None;
        }
        total += s;
    }
    if words.len() > 1 {
        for (field, weight) in [
            (name, NAME_WEIGHT),
            (meaning, MEANING_WEIGHT),
            (hint, HINT_WEIGHT),
        ] {
            if field.contains(phrase) {
                total += PHRASE_WEIGHT * weight;
            }
        }
    }
    Some(total)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn first(q: &str) -> u16 {
        let words: Vec<&str> = q.split(' ').collect();
        search(&words)[0].entry.code
    }

    #[test]
    fn finds_codes_by_meaning() {
        assert_eq!(first("rate limit"), 429);
        assert_eq!(first("scope"), 403);
        assert_eq!(first("smaller requests"), 504);
        assert_eq!(first("teapot"), 418);
        assert_eq!(first("RATE LIMIT"), 429);
        assert_eq!(first("unprocessable content"), 422);
    }

    #[test]
    fn every_word_must_match() {
        assert!(search(&["teapot", "zebra"]).is_empty());
        assert!(search(&[" "]).is_empty());
    }
}
