//! The HAR reader: any bytes in, no panic, and the same entries, detection and error entry
//! however the input is cut into blocks (whole, one byte at a time, `data[0] + 1` bytes), with
//! the default limits and with small ones that reach the cut-off paths.
#![no_main]

use hike_status::har::{Detect, Entry, HarParser, Limits};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let tiny = Limits {
        max_body: 8,
        max_request_body: 8,
        max_headers: 1,
        max_header: 48,
        max_url: 16,
    };
    for limits in [Limits::default(), tiny] {
        let whole = read(limits, rest, rest.len().max(1));
        assert_eq!(whole, read(limits, rest, 1), "whole vs 1-byte blocks");
        assert_eq!(whole, read(limits, rest, usize::from(first) + 1), "whole vs sized blocks");
    }
});

fn read(limits: Limits, input: &[u8], block: usize) -> (Detect, Vec<Entry>, Option<u64>) {
    let mut p = HarParser::with_limits(limits);
    let mut entries = Vec::new();
    for b in input.chunks(block) {
        p.feed(b);
        entries.extend(p.take_entries());
    }
    let end = p.finish().err().map(|e| e.entry);
    entries.extend(p.take_entries());
    (p.detect(), entries, end)
}
