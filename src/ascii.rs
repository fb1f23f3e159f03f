//! Whole-string byte tests written so the compiler turns them into vector code: a test of
//! every byte of a string, as the JSON writer and the redactor make of each short text they
//! are handed, costs a few instructions per 16 bytes instead of a few per byte; and a
//! comparison of two names but for case, as a header look-up makes of every name a
//! response carries, a few per 8.

/// Whether `bad` holds for no byte of `b`. Sixteen bytes at a time, the last sixteen
/// overlapping the ones before (a byte looked at twice gives the same answer); eight at a
/// time below sixteen; one at a time below eight.
#[inline(always)]
pub(crate) fn none(b: &[u8], bad: impl Fn(u8) -> bool + Copy) -> bool {
    let n = b.len();
    if n >= 16 {
        // A loop that can leave early is not vectorised across its turns (which the
        // compiler does with byte-by-byte gathers): each turn is one vector step.
        for chunk in b.chunks_exact(16) {
            if any_in::<16>(chunk, bad) {
                return false;
            }
        }
        !any_in::<16>(&b[n - 16..], bad)
    } else if n >= 8 {
        !(any_in::<8>(&b[..8], bad) | any_in::<8>(&b[n - 8..], bad))
    } else {
        !b.iter().fold(false, |any, &c| any | bad(c))
    }
}

/// Whether `bad` holds for a byte of `chunk`, which is `N` bytes long: a fixed length, so
/// the test is one vector operation per condition.
#[inline(always)]
fn any_in<const N: usize>(chunk: &[u8], bad: impl Fn(u8) -> bool) -> bool {
    let chunk: &[u8; N] = chunk.try_into().expect("a chunk of N bytes");
    chunk.iter().fold(0u8, |any, &c| any | u8::from(bad(c))) != 0
}

/// Whether `a` and `b` are the same but for the case of ASCII letters: what
/// `<[u8]>::eq_ignore_ascii_case` says, eight bytes at a time (the last eight overlapping
/// the ones before), one at a time below eight, with no early exit inside either.
#[inline]
pub(crate) fn eq_ignore_case(a: &[u8], b: &[u8]) -> bool {
    let n = a.len();
    if n != b.len() {
        return false;
    }
    if n >= 8 {
        for (x, y) in a.chunks_exact(8).zip(b.chunks_exact(8)) {
            if differ_in::<8>(x, y) {
                return false;
            }
        }
        !differ_in::<8>(&a[n - 8..], &b[n - 8..])
    } else {
        !differ(a, b)
    }
}

/// Whether `x` and `y`, `N` bytes each, differ in a byte other than by the case of a
/// letter: [`differ`] on arrays, whose length the compiler then knows.
#[inline(always)]
fn differ_in<const N: usize>(x: &[u8], y: &[u8]) -> bool {
    let x: &[u8; N] = x.try_into().expect("a chunk of N bytes");
    let y: &[u8; N] = y.try_into().expect("a chunk of N bytes");
    differ(x, y)
}

/// Whether `x` and `y` differ, pair by pair, in a byte other than by the case of a letter,
/// with no early exit.
#[inline(always)]
fn differ(x: &[u8], y: &[u8]) -> bool {
    x.iter().zip(y).fold(0, |d, (x, y)| {
        d | (x.to_ascii_lowercase() ^ y.to_ascii_lowercase())
    }) != 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn eq_ignore_case_is_the_standard_answer_at_every_length_and_place() {
        // Letters of either case, and the bytes next to the letters' ranges, which a
        // careless lowering would fold into them.
        let bytes = [
            b'a', b'A', b'z', b'Z', b'@', b'[', b'`', b'{', b'-', 0x0d, 0xc1, 0xe1,
        ];
        for n in 0..24 {
            let base: Vec<u8> = (0..n).map(|i| b"content-type-x-request"[i % 22]).collect();
            assert!(eq_ignore_case(&base, &base.to_ascii_uppercase()), "{n}");
            if n > 0 {
                assert!(!eq_ignore_case(&base, &base[..n - 1]), "{n}");
            }
            for at in 0..n {
                for &c in &bytes {
                    let mut other = base.clone();
                    other[at] = c;
                    for &d in &bytes {
                        let mut one = base.clone();
                        one[at] = d;
                        assert_eq!(
                            eq_ignore_case(&one, &other),
                            one.eq_ignore_ascii_case(&other),
                            "{one:?} {other:?}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn none_is_the_plain_byte_by_byte_answer_at_every_length_and_place() {
        let bad = |c: u8| c == b'"' || !(0x20..0x7f).contains(&c);
        for n in 0..80 {
            let clean = vec![b'a'; n];
            assert!(none(&clean, bad), "{n}");
            for at in 0..n {
                let mut dirty = clean.clone();
                dirty[at] = b'"';
                assert!(!none(&dirty, bad), "{n} {at}");
                dirty[at] = 0x80;
                assert!(!none(&dirty, bad), "{n} {at}");
            }
        }
    }

    /// Every pair of bytes (non-ASCII, and `@`/`` ` ``, `[`/`{` and the other non-letters
    /// one case bit apart, among them) at every place of names around the 8-byte chunking.
    #[test]
    fn eq_ignore_case_is_the_standard_answer_for_every_byte_pair() {
        for n in [1usize, 7, 8, 9, 15, 16, 17] {
            for at in 0..n {
                for x in 0..=255u8 {
                    for y in 0..=255u8 {
                        let (mut a, mut b) = (vec![b'k'; n], vec![b'K'; n]);
                        a[at] = x;
                        b[at] = y;
                        assert_eq!(
                            eq_ignore_case(&a, &b),
                            a.eq_ignore_ascii_case(&b),
                            "{a:?} {b:?}"
                        );
                    }
                }
            }
        }
    }
}
