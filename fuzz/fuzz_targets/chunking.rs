//! The parser's result does not depend on how the input is chunked.
//!
//! The whole input fed at once, fed one byte at a time, and fed in chunks of
//! `data[0] + 1` bytes must give the same transcript (every field of `Transcript`), with
//! the default limits and with small ones, which reach the cut-off paths (long lines, a
//! full body prefix, a full chain) with small inputs.
#![no_main]

use hike_status::transcript::{Limits, Parser, Transcript};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    for limits in [Limits::default(), Limits::tiny()] {
        let whole = parse(limits, rest, rest.len().max(1));
        let bytes = parse(limits, rest, 1);
        assert_same(&whole, &bytes, "whole vs 1-byte chunks");
        let sized = parse(limits, rest, usize::from(first) + 1);
        assert_same(&whole, &sized, "whole vs sized chunks");
    }
});

fn parse(limits: Limits, input: &[u8], chunk: usize) -> Transcript {
    let mut p = Parser::with_limits(limits);
    for c in input.chunks(chunk) {
        p.feed(c);
    }
    p.finish()
}

fn assert_same(a: &Transcript, b: &Transcript, what: &str) {
    // The whole value: a field added to Transcript is compared too.
    assert_eq!(a, b, "{what}");
}
