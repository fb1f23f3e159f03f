//! The parser's result does not depend on how the input is chunked.
//!
//! The whole input fed at once, fed one byte at a time, and fed in chunks of
//! `data[0] + 1` bytes must give the same transcript (every field of `Transcript`) and, from
//! a streaming parser, the same exchanges, with
//! the default limits and with small ones, which reach the cut-off paths (long lines, a
//! full body prefix, a full chain) with small inputs.
#![no_main]

use hike_status::transcript::{Exchange, Limits, Parser, Transcript};
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
        let every = exchanges(limits, rest, rest.len().max(1));
        assert_eq!(every, exchanges(limits, rest, 1), "exchanges: whole vs 1-byte chunks");
        assert_eq!(every, exchanges(limits, rest, usize::from(first) + 1), "exchanges: whole vs sized chunks");
        assert_eq!(every.len() as u64, whole.exchanges, "every exchange is handed out");
    }
});

fn parse(limits: Limits, input: &[u8], chunk: usize) -> Transcript {
    let mut p = Parser::with_limits(limits);
    for c in input.chunks(chunk) {
        p.feed(c);
    }
    p.finish()
}

fn exchanges(limits: Limits, input: &[u8], chunk: usize) -> Vec<Exchange> {
    let mut p = Parser::streaming(limits);
    let mut out = Vec::new();
    for c in input.chunks(chunk) {
        p.feed(c);
        out.extend(std::iter::from_fn(|| p.next_exchange()));
    }
    p.end();
    out.extend(std::iter::from_fn(|| p.next_exchange()));
    out
}

fn assert_same(a: &Transcript, b: &Transcript, what: &str) {
    // The whole value: a field added to Transcript is compared too.
    assert_eq!(a, b, "{what}");
}
