//! The HAR fixtures (tests/fixtures/har/) and the credentials planted in them.

use serde_json::Value;

use super::{fixture, fixture_bytes};

/// A fixed clock for the reports.
pub const NOW: &str = "--now=2026-11-25T12:00:00Z";

/// Every credential planted in the HAR fixtures (CAPTURES.md lists where).
pub const PLANTED: &[&str] = &[
    "hk_live_SECRETTOKEN123",
    "SECRETTOKEN123",
    "hk_live_EXPIREDTOKEN456",
    "EXPIREDTOKEN456",
    "SECRETCOOKIE",
    "SECRETQUERY",
    "SECRETCODE",
    "SECRETCLIENT",
    "SECRETREFRESH",
    "SECRETACCESS",
];

pub fn har(name: &str) -> Vec<u8> {
    fixture_bytes(&format!("har/{name}"))
}

pub fn path(name: &str) -> String {
    fixture(&format!("har/{name}")).display().to_string()
}

/// The HAR with only its first `k` entries, as a shorter session would have left it.
pub fn first_entries(name: &str, k: usize) -> Vec<u8> {
    let mut doc: Value = serde_json::from_slice(&har(name)).unwrap();
    let entries = doc["log"]["entries"].as_array_mut().unwrap();
    entries.truncate(k);
    serde_json::to_vec_pretty(&doc).unwrap()
}

pub fn entries(name: &str) -> Vec<Value> {
    let doc: Value = serde_json::from_slice(&har(name)).unwrap();
    doc["log"]["entries"].as_array().unwrap().clone()
}

pub fn assert_no_secret(text: &str) {
    for s in PLANTED {
        assert!(!text.contains(s), "{s} leaked:\n{text}");
    }
}
