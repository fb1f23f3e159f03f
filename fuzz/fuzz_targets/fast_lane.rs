//! The fast lane gives what the line machine gives.
//!
//! The input, fed in chunks of `data[0] + 1` bytes, with the default limits and small ones:
//! the default parser gives the same transcript with the fast lane on and off, a streaming
//! parser the same exchanges, and a summary of a frames parser's items the same report as
//! one of every exchange read by the machine.
#![no_main]

use hike_status::redact::Secrets;
use hike_status::summary::Summary;
use hike_status::transcript::{Item, Limits, Parser};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let chunk = usize::from(first) + 1;
    for limits in [Limits::default(), Limits::tiny()] {
        let feed = |mut p: Parser| {
            for c in rest.chunks(chunk) {
                p.feed(c);
            }
            p.finish()
        };
        let fast = feed(Parser::with_limits(limits));
        let slow = feed(Parser::with_limits(limits).fast_lane(false));
        assert_eq!(fast, slow, "transcript: fast lane vs machine");
        let slow = items(Parser::streaming(limits).fast_lane(false), rest, chunk);
        assert_eq!(items(Parser::streaming(limits), rest, chunk), slow, "exchanges");
        let framed = summary(items(Parser::streaming_frames(limits), rest, chunk));
        assert_eq!(framed, summary(slow), "summary: frames vs exchanges");
    }
});

fn items(mut p: Parser, input: &[u8], chunk: usize) -> Vec<Item> {
    let mut out = Vec::new();
    for c in input.chunks(chunk) {
        p.feed(c);
        out.extend(std::iter::from_fn(|| p.next_item()));
    }
    p.end();
    out.extend(std::iter::from_fn(|| p.next_item()));
    out
}

/// The summary report of the items, each with the credentials learned up to it, as
/// `explain --summary` reads them.
fn summary(items: Vec<Item>) -> hike_status::summary::SummaryReport {
    let mut s = Summary::new();
    let mut known = Secrets::new();
    for (i, item) in items.into_iter().enumerate() {
        match item {
            Item::Exchange(mut x) => {
                known.absorb(&x.secrets);
                x.index = i as u64 + 1;
                if !known.is_empty() {
                    x.secrets = known.clone();
                }
                s.add(&x);
            }
            Item::Frame(mut f) => {
                known.absorb(&f.secrets);
                f.index = i as u64 + 1;
                s.add_frame(&f, &known);
            }
        }
    }
    s.report()
}
