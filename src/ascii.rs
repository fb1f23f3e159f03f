//! Whole-string byte tests written so the compiler turns them into vector code: a test of
//! every byte of a string, as the JSON writer and the redactor make of each short text they
//! are handed, costs a few instructions per 16 bytes instead of a few per byte.

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

#[cfg(test)]
mod tests {
    use super::*;

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
}
