//! What the `explain` tests share: `explain --json` on a fixture, and readers of its
//! errors and findings.

use serde_json::Value;

use hike_status::explain::Finding;

use super::{Run, fixture, json, run};

/// The time every `explain` test runs at (`--now`).
pub const NOW: &str = "2026-11-25T12:00:00Z";

/// `explain FILE ARGS... --now NOW` on a fixture, read from a file; it must exit 0, and
/// nothing it prints may hold a credential planted in the fixtures (each holds `SECRET`).
pub fn explain_with(name: &str, args: &[&str]) -> Run {
    let path = fixture(name);
    let mut all = vec!["explain", path.to_str().unwrap()];
    all.extend(args);
    all.extend(["--now", NOW]);
    let r = run(&all, None);
    assert_eq!(r.code, 0, "{name}: {}", r.stderr);
    for out in [&r.stdout, &r.stderr] {
        assert!(
            !out.contains("SECRET"),
            "{name} echoes a credential:\n{out}"
        );
    }
    r
}

/// `explain --json` on a fixture, read from a file, at [`NOW`]; the text report is made
/// too, and held to the same checks.
pub fn explain(name: &str) -> Value {
    explain_with(name, &["--color", "never"]);
    let r = explain_with(name, &["--json"]);
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

/// The ids of the report's findings, in order, read through the typed report.
pub fn ids(v: &Value) -> Vec<String> {
    let report: json::Report = serde_json::from_value(v.clone()).expect("the report's shape");
    report
        .findings
        .into_iter()
        .map(|f| {
            assert!(
                f.id.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'),
                "{}",
                f.id
            );
            f.id
        })
        .collect()
}

/// The message of the finding `id`; fails, naming the ids there are, when it is missing.
pub fn finding(v: &Value, id: &str) -> String {
    v["findings"]
        .as_array()
        .expect("a findings list")
        .iter()
        .find(|f| f["id"] == id)
        .unwrap_or_else(|| panic!("no finding {id}: {:?}", ids(v)))["message"]
        .as_str()
        .expect("a message")
        .to_string()
}

/// Asserts the report has the finding `id`.
pub fn has(v: &Value, id: &str) {
    finding(v, id);
}

/// Asserts the report has no finding `id`, an id the binary has (a misspelt one would
/// pass unseen).
pub fn lacks(v: &Value, id: &str) {
    assert!(
        Finding::IDS.iter().any(|(known, _)| *known == id),
        "{id} is no finding id"
    );
    let ids = ids(v);
    assert!(!ids.iter().any(|i| i == id), "{id} in {ids:?}");
}

/// The whole report as one string, to search it.
pub fn whole(v: &Value) -> String {
    v.to_string()
}
