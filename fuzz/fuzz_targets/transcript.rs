//! Transcript parser → explain → renderers.
//!
//! Input: byte 0 picks the chunk size (`b + 1`, 1..=255; `0xff` feeds the whole rest at
//! once), the rest is the transcript. Asserts:
//! - parsing, explaining and rendering never panic;
//! - the human report (`render::report`, colors off) holds no C0 control byte other than
//!   `\n` (so no ESC), no DEL, no C1 control and no bidi control;
//! - the error message for a transcript with no response, sanitized as the CLI prints it,
//!   holds none of those either;
//! - `render::json` succeeds and writes valid JSON, with every character the terminal
//!   view replaces (`sanitize::is_unsafe`) escaped, none raw;
//! - a planted credential does not come out (see `secret_check_applies`).
#![no_main]

use std::time::{Duration, SystemTime};

use hike_status::explain::explain;
use hike_status::render;
use hike_status::sanitize::{is_unsafe, sanitize};
use hike_status::transcript::Parser;
use libfuzzer_sys::fuzz_target;

const SECRET: &[u8] = b"FUZZSECRET";

fuzz_target!(
    init: {
        colored::control::set_override(false);
    },
    |data: &[u8]| {
        let Some((&first, rest)) = data.split_first() else {
            return;
        };
        let chunk = if first == 0xff {
            rest.len().max(1)
        } else {
            usize::from(first) + 1
        };
        let mut p = Parser::new();
        for c in rest.chunks(chunk) {
            p.feed(c);
        }
        let t = p.finish();
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_800_000_000);
        let check_secret = secret_check_applies(rest);
        match explain(&t, now) {
            Ok(report) => {
                let mut human = Vec::new();
                render::report(&mut human, &report).expect("render::report into a Vec");
                assert_clean(&human, "render::report");
                let mut json = Vec::new();
                render::json(&mut json, &report).expect("render::json into a Vec");
                serde_json::from_slice::<serde_json::Value>(&json)
                    .expect("render::json writes valid JSON");
                // JSON escapes what the terminal view replaces: only its own newlines are raw.
                let text = std::str::from_utf8(&json).expect("render::json writes UTF-8");
                if let Some(c) = text.chars().find(|&c| c != '\n' && is_unsafe(c)) {
                    panic!("render::json: raw {c:?} in:\n{text:?}");
                }
                if check_secret {
                    assert!(
                        find(&human, SECRET).is_none(),
                        "a credential from an Authorization/Cookie request header is in the \
                         human report:\n{}",
                        String::from_utf8_lossy(&human)
                    );
                    assert!(
                        find(&json, SECRET).is_none(),
                        "a credential from an Authorization/Cookie request header is in the \
                         JSON report:\n{}",
                        String::from_utf8_lossy(&json)
                    );
                }
            }
            Err(why) => {
                let shown = sanitize(&why.to_string()).into_owned();
                assert_clean(shown.as_bytes(), "NoResponse message");
                if check_secret {
                    assert!(
                        !shown.contains("FUZZSECRET"),
                        "a credential is in the error message: {shown}"
                    );
                }
            }
        }
    }
);

/// No byte or character that can act on a terminal.
fn assert_clean(out: &[u8], what: &str) {
    if let Some(i) = out
        .iter()
        .position(|&b| (b < 0x20 && b != b'\n') || b == 0x7f)
    {
        panic!(
            "{what}: control byte {:#04x} at {i} in:\n{:?}",
            out[i],
            String::from_utf8_lossy(out)
        );
    }
    let text = String::from_utf8_lossy(out);
    if let Some(c) = text.chars().find(|&c| c != '\n' && is_unsafe(c)) {
        panic!("{what}: control character {c:?} in:\n{text:?}");
    }
}

/// Whether the secret property is sound for this input, and the input plants the secret.
///
/// It holds when `FUZZSECRET` occurs only in `curl -v` request header lines
/// (`> Authorization: ...`, `> Proxy-Authorization: ...`, `> Cookie: ...`), which the
/// parser never treats as body text, and nothing in the input could rebuild the word
/// elsewhere: no ESC (escape stripping joins text), no `\r` other than before `\n` (a `\r`
/// makes the text after it replace the line), no `\u` (JSON escapes), no `%XX` (form
/// percent-decoding). An unprefixed `Authorization: Bearer ...` line is not checked: after
/// a response's blank line it is body text, and the first line of a text body is shown as
/// the error message by design.
fn secret_check_applies(input: &[u8]) -> bool {
    if find(input, SECRET).is_none() {
        return false;
    }
    for (i, &b) in input.iter().enumerate() {
        let next = input.get(i + 1).copied();
        let rebuilds = match b {
            0x1b => true,
            b'\r' => next != Some(b'\n'),
            b'\\' => next == Some(b'u'),
            b'%' => {
                next.is_some_and(|c| c.is_ascii_hexdigit())
                    && input.get(i + 2).is_some_and(u8::is_ascii_hexdigit)
            }
            _ => false,
        };
        if rebuilds {
            return false;
        }
    }
    input.split(|&b| b == b'\n').all(|line| {
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        if find(line, SECRET).is_none() {
            return true;
        }
        let Some(h) = line.strip_prefix(b"> ") else {
            return false;
        };
        ["authorization:", "proxy-authorization:", "cookie:"]
            .iter()
            .any(|name| h.len() >= name.len() && h[..name.len()].eq_ignore_ascii_case(name.as_bytes()))
    })
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}
