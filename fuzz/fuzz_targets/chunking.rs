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
    assert_eq!(a.chain, b.chain, "{what}: chain");
    assert_eq!(a.final_response, b.final_response, "{what}: final_response");
    assert_eq!(a.client_errors, b.client_errors, "{what}: client_errors");
    assert_eq!(a.bare_code, b.bare_code, "{what}: bare_code");
    assert_eq!(a.broken_status_line, b.broken_status_line, "{what}: broken_status_line");
    assert_eq!(a.saw_request, b.saw_request, "{what}: saw_request");
    assert_eq!(a.first_line, b.first_line, "{what}: first_line");
    assert_eq!(a.bytes, b.bytes, "{what}: bytes");
}
