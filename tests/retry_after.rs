//! Retry-After as servers send it, on real captures (server/recapture-retry-after.sh).

mod common;

use common::{fixture, run};

fn explain(name: &str, extra: &[&str]) -> common::Run {
    let path = fixture(name);
    let mut args = vec!["explain", path.to_str().unwrap()];
    args.extend(extra);
    let r = run(&args, None);
    assert_eq!(r.code, 0, "{name}: {}", r.stderr);
    r
}

#[test]
fn an_exponent_is_no_delay_seconds() {
    // RFC 9110's delay-seconds is digits only: `Retry-After: 1e3` is not 1000 s.
    let name = "curl-i-503-retry-after-exponent.txt";
    let v = explain(name, &["--json"]).json();
    assert_eq!(v["retry_after_seconds"], serde_json::Value::Null);
    assert_eq!(v["retry_at"], serde_json::Value::Null);
    let findings = v["findings"].to_string();
    assert!(findings.contains("Retry-After"), "{findings}");
    let text = explain(name, &["--color", "never"]).stdout;
    assert!(!text.contains("retry after"), "{text}");
    assert!(!text.contains("1000 s"), "{text}");
    // The decimal real servers send is still read, rounded up.
    let v = explain("curl-i-503-retry-after-decimal.txt", &["--json"]).json();
    assert_eq!(v["retry_after_seconds"], 2);
}
