//! The negative set (tests/fixtures/applog/negative.txt): lines with numbers in no HTTP
//! context. Through the CLI they give the no-response error in every mode; mixed between a
//! fixture's status lines they add no exchange.

use super::{Want, check, explain, table};
use crate::common::fixture_bytes;

const NO_RESPONSE: &str = "no HTTP response found";

fn negative() -> String {
    String::from_utf8(fixture_bytes("applog/negative.txt")).unwrap()
}

#[test]
fn the_negative_set_is_large_enough() {
    let text = negative();
    let lines = text.lines().filter(|l| !l.trim().is_empty()).count();
    assert!(lines >= 50, "{lines} lines");
}

#[test]
fn the_negative_set_gives_the_no_response_error_in_every_mode() {
    let text = negative();
    for args in [
        &[][..],
        &["--color", "never"][..],
        &["--json"][..],
        &["--each", "--json"][..],
        &["--each", "--color", "never"][..],
        &["--exchange", "1", "--json"][..],
        &["--summary", "--json"][..],
        &["--summary", "--color", "never"][..],
        &["--fail"][..],
        &["--each", "--fail"][..],
        &["--summary", "--fail"][..],
    ] {
        let r = explain(text.as_bytes(), args);
        assert_eq!(r.code, 1, "{args:?}: {}{}", r.stdout, r.stderr);
        assert!(r.stderr.contains(NO_RESPONSE), "{args:?}: {}", r.stderr);
        if args.contains(&"--summary") && args.contains(&"--json") {
            assert_eq!(r.json()["exchanges"], 0);
        }
    }
}

#[test]
fn each_negative_line_alone_is_no_exchange() {
    // One parser per line, through the library: none of them is an exchange.
    for line in negative().lines().filter(|l| !l.trim().is_empty()) {
        let mut p = hike_status::transcript::Parser::new();
        p.feed(line.as_bytes());
        p.feed(b"\n");
        let t = p.finish();
        assert_eq!(t.exchanges, 0, "{line}");
    }
}

/// The fixture's lines with the negative lines dealt out between them (and before the
/// first): what the fixture alone gives, row for row.
fn mixed(name: &str) {
    let fixture = String::from_utf8(fixture_bytes(&format!("applog/{name}"))).unwrap();
    let negative = negative();
    let lines: Vec<&str> = fixture.lines().collect();
    let noise: Vec<&str> = negative.lines().collect();
    let mut out = String::new();
    for (i, n) in noise.iter().enumerate() {
        if i % (lines.len() + 1) == 0 {
            out.push_str(n);
            out.push('\n');
        }
    }
    for (k, line) in lines.iter().enumerate() {
        out.push_str(line);
        out.push('\n');
        for (i, n) in noise.iter().enumerate() {
            if i % (lines.len() + 1) == k + 1 {
                out.push_str(n);
                out.push('\n');
            }
        }
    }
    assert_eq!(out.lines().count(), lines.len() + noise.len());
    // A negative line right after a status line may be read as its body: the count, the
    // statuses, times and requests stay; the bodies are not compared.
    let rows: Vec<Want> = table::rows(name)
        .iter()
        .map(|w| Want {
            errors: table::GAP_ERRORS,
            ids: table::GAP_IDS,
            ..*w
        })
        .collect();
    check(
        &format!("{name} mixed with negative.txt"),
        out.as_bytes(),
        &rows,
    );
}

#[test]
fn negative_lines_between_status_lines_add_no_exchange() {
    for name in [
        "winston-axios.log",
        "log4js-axios.log",
        "nginx-access.log",
        "structlog-console.log",
        "serilog-clef.log",
        "python-logging-httpx.log",
        "syslog.log",
    ] {
        mixed(name);
    }
}
