//! Byte and substring search that asks the CPU nothing while the input stays small.
//!
//! memchr's own functions pick AVX2 or SSE2 on their first call, through std's feature
//! detection, which runs the `CPUID` instruction about a dozen times. A virtual machine
//! traps every `CPUID`: where one costs 6.5 µs, that first call costs 60 µs, about a
//! sixteenth of a whole `explain` of a small capture (BENCHMARKS.md). Every x86-64 CPU has
//! SSE2, and memchr's SSE2 searchers need no question:
//! - a byte search in a haystack shorter than [`LONG`] uses them (where AVX2 would gain
//!   little, and which skips the indirect call memchr's functions make), a longer one
//!   memchr's functions;
//! - a substring search uses them until a haystack of [`LONG`] bytes or more has been
//!   searched, and memchr's from then on: the input is large, the question is worth its
//!   cost, and AVX2 halves the work of a search made for every line.
//!
//! Other targets have nothing to ask and always use memchr's functions.
//!
//! The functions keep memchr's names and answers: `find::memchr(b, hay)` is
//! `memchr::memchr(b, hay)`, and the iterators give the same positions in the same order
//! (the substring one, like memchr's, does not overlap its matches).

use std::sync::atomic::{AtomicBool, Ordering};

/// From the first haystack at least this long on, memchr's own functions search.
pub(crate) const LONG: usize = 16 * 1024;

/// Whether this module has been asked to search a haystack of [`LONG`] bytes or more.
static LONG_SEEN: AtomicBool = AtomicBool::new(false);

#[cfg(target_arch = "x86_64")]
use memchr::arch::x86_64::sse2;

/// Whether a byte search in `hay` uses the SSE2 searchers: on x86-64, when it is shorter
/// than [`LONG`] (a longer one is remembered in [`LONG_SEEN`]).
#[inline]
fn short(hay: &[u8]) -> bool {
    if !cfg!(target_arch = "x86_64") {
        return false;
    }
    if hay.len() < LONG {
        return true;
    }
    LONG_SEEN.store(true, Ordering::Relaxed);
    false
}

/// Whether a substring search in `hay` uses the SSE2 searchers: as [`short`], and only
/// while no haystack of [`LONG`] bytes or more has been searched.
#[inline]
fn short_input(hay: &[u8]) -> bool {
    short(hay) && !LONG_SEEN.load(Ordering::Relaxed)
}

/// The first position of `n` in `hay`.
#[inline]
pub(crate) fn memchr(n: u8, hay: &[u8]) -> Option<usize> {
    #[cfg(target_arch = "x86_64")]
    if short(hay) {
        if let Some(one) = sse2::memchr::One::new(n) {
            return one.find(hay);
        }
    }
    memchr::memchr(n, hay)
}

/// The last position of `n` in `hay`.
#[inline]
pub(crate) fn memrchr(n: u8, hay: &[u8]) -> Option<usize> {
    #[cfg(target_arch = "x86_64")]
    if short(hay) {
        if let Some(one) = sse2::memchr::One::new(n) {
            return one.rfind(hay);
        }
    }
    memchr::memrchr(n, hay)
}

/// The first position of `a` or `b` in `hay`.
#[inline]
pub(crate) fn memchr2(a: u8, b: u8, hay: &[u8]) -> Option<usize> {
    #[cfg(target_arch = "x86_64")]
    if short(hay) {
        if let Some(two) = sse2::memchr::Two::new(a, b) {
            return two.find(hay);
        }
    }
    memchr::memchr2(a, b, hay)
}

/// The first position of `a`, `b` or `c` in `hay`.
#[inline]
pub(crate) fn memchr3(a: u8, b: u8, c: u8, hay: &[u8]) -> Option<usize> {
    #[cfg(target_arch = "x86_64")]
    if short(hay) {
        if let Some(three) = sse2::memchr::Three::new(a, b, c) {
            return three.find(hay);
        }
    }
    memchr::memchr3(a, b, c, hay)
}

/// Every position of `n` in `hay`, first to last.
pub(crate) fn memchr_iter(n: u8, hay: &[u8]) -> impl Iterator<Item = usize> + '_ {
    forward(hay, move |h| memchr(n, h))
}

/// Every position of `n` in `hay`, last to first.
pub(crate) fn memrchr_iter(n: u8, hay: &[u8]) -> impl Iterator<Item = usize> + '_ {
    let mut end = hay.len();
    std::iter::from_fn(move || {
        let at = memrchr(n, &hay[..end])?;
        end = at;
        Some(at)
    })
}

/// Every position of `a` or `b` in `hay`, first to last.
pub(crate) fn memchr2_iter(a: u8, b: u8, hay: &[u8]) -> impl Iterator<Item = usize> + '_ {
    forward(hay, move |h| memchr2(a, b, h))
}

/// Every position of `a`, `b` or `c` in `hay`, first to last.
pub(crate) fn memchr3_iter(a: u8, b: u8, c: u8, hay: &[u8]) -> impl Iterator<Item = usize> + '_ {
    forward(hay, move |h| memchr3(a, b, c, h))
}

/// The positions `find` gives, each searched for after the last one.
fn forward<'h>(
    hay: &'h [u8],
    find: impl Fn(&[u8]) -> Option<usize> + 'h,
) -> impl Iterator<Item = usize> + 'h {
    let mut from = 0;
    std::iter::from_fn(move || {
        let at = from + find(hay.get(from..)?)?;
        from = at + 1;
        Some(at)
    })
}

/// The first position of `needle` in `hay`, as `memchr::memmem::find`.
#[inline]
pub(crate) fn memmem(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if short_input(hay) {
        Finder::new(needle).find_sse2(hay)
    } else {
        memchr::memmem::find(hay, needle)
    }
}

/// Every position of `needle` in `hay`, first to last, none overlapping the one before
/// (as `memchr::memmem::find_iter`).
pub(crate) fn memmem_iter<'h>(hay: &'h [u8], needle: &'h [u8]) -> impl Iterator<Item = usize> + 'h {
    let finder = Finder::new(needle);
    let mut from = 0;
    std::iter::from_fn(move || {
        let at = from + finder.find(hay.get(from..)?)?;
        from = at + needle.len().max(1);
        Some(at)
    })
}

/// A substring searcher made once for a needle that is searched for often.
pub(crate) struct Finder<'n> {
    needle: &'n [u8],
    /// The SSE2 searcher for a pair of the needle's bytes; none for a needle shorter than
    /// two bytes or longer than 32 (memchr's own bound for it: each place the pair matches
    /// costs a comparison of the whole needle).
    #[cfg(target_arch = "x86_64")]
    pair: Option<sse2::packedpair::Finder>,
    /// memchr's searcher, made on the first search once the input is large.
    memchr: once_cell::sync::OnceCell<memchr::memmem::Finder<'n>>,
}

impl<'n> Finder<'n> {
    /// A searcher for `needle`.
    pub(crate) fn new(needle: &'n [u8]) -> Self {
        Self {
            needle,
            #[cfg(target_arch = "x86_64")]
            pair: if (2..=32).contains(&needle.len()) {
                sse2::packedpair::Finder::new(needle)
            } else {
                None
            },
            memchr: once_cell::sync::OnceCell::new(),
        }
    }

    /// The needle searched for.
    pub(crate) fn needle(&self) -> &'n [u8] {
        self.needle
    }

    /// The first position of the needle in `hay`.
    #[inline]
    pub(crate) fn find(&self, hay: &[u8]) -> Option<usize> {
        self.find_by(short_input(hay), hay)
    }

    /// The first position of the needle in `hay`: searched without asking the CPU when
    /// `by_sse2` holds, by memchr's searcher otherwise.
    #[inline]
    fn find_by(&self, by_sse2: bool, hay: &[u8]) -> Option<usize> {
        if by_sse2 {
            self.find_sse2(hay)
        } else {
            let finder = self
                .memchr
                .get_or_init(|| memchr::memmem::Finder::new(self.needle));
            finder.find(hay)
        }
    }

    /// The first position of the needle in `hay`, searched without asking the CPU: the SSE2
    /// pair searcher where it serves; for a longer needle, Two-Way, which stays linear; for
    /// a haystack too short for the pair searcher (under 48 bytes), Rabin-Karp.
    fn find_sse2(&self, hay: &[u8]) -> Option<usize> {
        let needle = self.needle;
        match needle {
            _ if needle.len() > hay.len() => None,
            [] => Some(0),
            [n] => memchr(*n, hay),
            _ => {
                #[cfg(target_arch = "x86_64")]
                if let Some(pair) = &self.pair {
                    if hay.len() >= pair.min_haystack_len() {
                        return pair.find(hay, needle);
                    }
                }
                if needle.len() > 32 {
                    memchr::arch::all::twoway::Finder::new(needle).find(hay, needle)
                } else {
                    memchr::arch::all::rabinkarp::Finder::new(needle).find(hay, needle)
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Haystacks drawn from a few bytes, so that needles are often found, some long enough
    /// to reach memchr's own functions.
    fn hay() -> impl Strategy<Value = Vec<u8>> {
        prop_oneof![
            prop::collection::vec(prop::sample::select(b"ab\n:HTP/".to_vec()), 0..300),
            prop::collection::vec(prop::sample::select(b"ab\n".to_vec()), LONG - 40..LONG + 40),
        ]
    }

    /// A haystack and a needle: a short one of the same few bytes, one of 30 to 39 bytes,
    /// `HTTP/`, or a piece of the haystack (up to 48 bytes, or all of it, or its end), so
    /// that needles of every length are found as well as missed.
    fn hay_and_needle() -> impl Strategy<Value = (Vec<u8>, Vec<u8>)> {
        let other = prop_oneof![
            prop::collection::vec(prop::sample::select(b"ab\n:HTP/".to_vec()), 0..5),
            prop::collection::vec(prop::sample::select(b"ab".to_vec()), 30..40),
            Just(b"HTTP/".to_vec()),
        ];
        (
            hay(),
            other,
            0u8..6,
            any::<prop::sample::Index>(),
            0usize..49,
        )
            .prop_map(|(h, other, kind, at, len)| {
                let start = at.index(h.len() + 1);
                let needle = match kind {
                    0 | 1 => other,
                    2 => h.clone(),
                    3 => h[h.len().saturating_sub(len)..].to_vec(),
                    _ => h[start..(start + len).min(h.len())].to_vec(),
                };
                (h, needle)
            })
    }

    proptest! {
        #[test]
        fn bytes_are_found_where_memchr_finds_them(h in hay(), a in 0u8..4, b in 0u8..4, c in 0u8..4) {
            let [a, b, c] = [a, b, c].map(|i| b"ab\n:"[i as usize]);
            prop_assert_eq!(memchr(a, &h), memchr::memchr(a, &h));
            prop_assert_eq!(memrchr(a, &h), memchr::memrchr(a, &h));
            prop_assert_eq!(memchr2(a, b, &h), memchr::memchr2(a, b, &h));
            prop_assert_eq!(memchr3(a, b, c, &h), memchr::memchr3(a, b, c, &h));
            prop_assert!(memchr_iter(a, &h).eq(memchr::memchr_iter(a, &h)));
            prop_assert!(memrchr_iter(a, &h).eq(memchr::memrchr_iter(a, &h)));
            prop_assert!(memchr2_iter(a, b, &h).eq(memchr::memchr2_iter(a, b, &h)));
            prop_assert!(memchr3_iter(a, b, c, &h).eq(memchr::memchr3_iter(a, b, c, &h)));
        }

        #[test]
        fn substrings_are_found_where_memmem_finds_them((h, n) in hay_and_needle()) {
            let finder = Finder::new(&n);
            // Both sides of the switch, whatever LONG_SEEN holds in this test process.
            prop_assert_eq!(finder.find_by(true, &h), memchr::memmem::find(&h, &n));
            prop_assert_eq!(finder.find_by(false, &h), memchr::memmem::find(&h, &n));
            prop_assert_eq!(finder.find(&h), memchr::memmem::find(&h, &n));
            prop_assert_eq!(memmem(&h, &n), memchr::memmem::find(&h, &n));
            prop_assert!(memmem_iter(&h, &n).eq(memchr::memmem::find_iter(&h, &n)));
        }
    }
}
