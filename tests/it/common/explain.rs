//! What the `explain` tests share: `explain --json` on a fixture, and readers of its
//! errors and findings.

use serde_json::Value;

use super::{fixture, json, run};

/// The time every `explain` test runs at (`--now`).
pub const NOW: &str = "2026-11-25T12:00:00Z";

/// `explain --json` on a fixture, read from a file.
pub fn explain(name: &str) -> Value {
    let path = fixture(name);
    let r = run(
        &["explain", path.to_str().unwrap(), "--json", "--now", NOW],
        None,
    );
    assert_eq!(r.code, 0, "{name}: {}", r.stderr);
    // Every fixture's JSON has the typed shape too.
    r.report();
    r.json()
}

pub fn errors(v: &Value) -> Vec<(Option<String>, String)> {
    v["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["field"].as_str().map(str::to_string),
                e["message"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// The findings' messages, one a line, read through the typed report.
pub fn findings(v: &Value) -> String {
    let report: json::Report = serde_json::from_value(v.clone()).expect("the report's shape");
    report
        .findings
        .iter()
        .map(|f| {
            assert!(
                f.id.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'),
                "{}",
                f.id
            );
            f.message.as_str()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The whole report as one string, to search it.
pub fn whole(v: &Value) -> String {
    v.to_string()
}
