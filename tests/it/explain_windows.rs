//! `explain` on files saved on Windows: a UTF-8 BOM, and UTF-16LE with a BOM as Windows
//! PowerShell 5.1's `>` writes. The captures are listed in tests/fixtures/CAPTURES.md.

use crate::common;

use common::explain::{explain, finding};
use common::{fixture_bytes, run};
use serde_json::Value;

fn utf16(text: &str, le: bool) -> Vec<u8> {
    let mut v = if le {
        vec![0xff, 0xfe]
    } else {
        vec![0xfe, 0xff]
    };
    for u in text.encode_utf16() {
        v.extend_from_slice(&if le { u.to_le_bytes() } else { u.to_be_bytes() });
    }
    v
}

fn assert_429(v: &Value) {
    assert_eq!(v["status"], 429);
    assert_eq!(v["http_version"], "1.1");
    assert_eq!(v["reason"], "Too Many Requests");
    assert_eq!(v["retry_after_seconds"], 30);
    assert_eq!(v["rate_limit"]["problem"], "Minute");
    assert_eq!(v["request_id"], "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d");
    assert_eq!(v["body"]["kind"], "form");
    assert_eq!(
        v["errors"][0]["message"],
        "rate limit exceeded (please wait before retrying the Hike api)"
    );
}

/// Asserts the input was decoded, and from what.
fn decoded_from(v: &Value, encoding: &str) {
    let m = finding(v, "input-decoded");
    assert!(m.starts_with(&format!("the input is {encoding} (")), "{m}");
}

#[test]
fn a_utf8_bom_before_a_curl_i_capture_is_skipped() {
    let v = explain("windows-utf8-bom-curl-i-429.txt");
    assert_429(&v);
    decoded_from(&v, "UTF-8 with BOM");
}

#[test]
fn utf16le_as_powershell_51_writes_it_is_decoded() {
    let v = explain("windows-utf16le-ps51-curl-i-429.txt");
    assert_429(&v);
    decoded_from(&v, "UTF-16LE");
    // The body's size is counted in decoded text and bounded by its Content-Length: the
    // UTF-8 capture's; the CRLF PowerShell ends every line with (curl wrote the body
    // without one) comes after the body.
    let plain = explain("windows-utf8-bom-curl-i-429.txt");
    assert_eq!(v["body"]["bytes"], plain["body"]["bytes"]);
    assert_eq!(v["body"]["bytes"], 95);
}

#[test]
fn utf16be_and_stdin_read_the_same() {
    let bytes = fixture_bytes("windows-utf16le-ps51-curl-i-429.txt");
    let text: Vec<u16> = bytes[2..]
        .chunks(2)
        .map(|c| u16::from_le_bytes([c[0], c[1]]))
        .collect();
    let text = String::from_utf16(&text).unwrap();
    let r = run(&["explain", "--json"], Some(&utf16(&text, false)));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v = r.json();
    assert_429(&v);
    decoded_from(&v, "UTF-16BE");
}

#[test]
fn a_bare_code_in_utf16_is_a_code() {
    let r = run(&["explain", "--json"], Some(&utf16("404\r\n", true)));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.json()["status"], 404);
}
