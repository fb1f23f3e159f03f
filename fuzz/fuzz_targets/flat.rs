//! The flat record reader (`hike_status::applog::flat`) answers only as the full reader does.
//!
//! Byte 0 picks the year; the rest is split into lines. For each line: a call the flat reader
//! reads is one the full reader (`applog::read_line`) reads, with the same status, method,
//! target, time and body presence, no credential, and a body that teaches the redactor none;
//! a record it reads as stating no call is one the full reader reads nothing from. The key
//! cache one reader keeps across the lines changes no answer.
#![no_main]

use hike_status::applog::flat::{self, Flat, Keys};
use hike_status::applog::{Context, read_line};
use hike_status::redact::Secrets;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let year = 1990 + i32::from(first % 64);
    let ctx = Context::new(year);
    let mut keys = Keys::default();
    for line in rest.split(|&b| b == b'\n') {
        // The lane hands the reader lines within the line bound only.
        if line.len() > ctx.max_line {
            continue;
        }
        let flat = flat::read(line, year);
        assert_eq!(flat::read_with(line, year, &mut keys), flat, "the key cache");
        let full = read_line(line, &ctx);
        match flat {
            Flat::Call(c) => {
                let x = full.expect("a call the full reader reads");
                assert_eq!(x.status, c.status);
                assert_eq!(
                    x.method.as_deref(),
                    c.method.map(|m| m.to_ascii_uppercase()).as_deref()
                );
                assert_eq!(x.target.as_deref(), c.target);
                assert_eq!(x.time_ms, Some(c.time_ms));
                assert_eq!(x.body.is_some(), c.has_body);
                assert!(x.secrets.is_empty() && x.secrets.values.is_empty());
                // Nor does its body teach the redactor a credential.
                let mut learned = Secrets::new();
                learned.learn_response(x.body.as_deref().unwrap_or_default());
                assert!(learned.is_empty(), "a body that teaches a credential");
            }
            Flat::Nothing => assert!(full.is_none(), "a record with no call"),
            Flat::Unsure => {}
        }
    }
});
