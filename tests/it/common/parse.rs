//! The parser driven as the CLI drives it, for tests that check what it hands out.

use hike_status::transcript::{Exchange, Limits, Parser};

/// Every exchange of the input, from a streaming parser with `limits` fed in chunks of
/// `chunk` bytes (handed out as they complete, and the rest at the end).
pub fn exchanges_with(limits: Limits, input: &[u8], chunk: usize) -> Vec<Exchange> {
    let mut p = Parser::streaming(limits);
    let mut out = Vec::new();
    for c in input.chunks(chunk.max(1)) {
        p.feed(c);
        out.extend(std::iter::from_fn(|| p.next_exchange()));
    }
    p.end();
    out.extend(std::iter::from_fn(|| p.next_exchange()));
    out
}
