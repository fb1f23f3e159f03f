//! Retry-After as servers send it, on real captures (server/recapture-retry-after.sh).

use crate::common;

use common::explain::{explain_with as explain, finding, has};

#[test]
fn an_exponent_is_no_delay_seconds() {
    // RFC 9110's delay-seconds is digits only: `Retry-After: 1e3` is not 1000 s.
    let name = "curl-i-503-retry-after-exponent.txt";
    let v = explain(name, &["--json"]).json();
    assert_eq!(v["retry_after_seconds"], serde_json::Value::Null);
    assert_eq!(v["retry_at"], serde_json::Value::Null);
    has(&v, "retry-after-unreadable");
    let text = explain(name, &["--color", "never"]).stdout;
    assert!(!text.contains("retry after"), "{text}");
    assert!(!text.contains("1000 s"), "{text}");
    // The decimal real servers send is still read, rounded up.
    let v = explain("curl-i-503-retry-after-decimal.txt", &["--json"]).json();
    assert_eq!(v["retry_after_seconds"], 2);
}

#[test]
fn a_retry_after_date_already_past_is_no_wait() {
    // The capture's Retry-After is 60 s before its own Date (16:18:02).
    let name = "curl-i-429-retry-after-date-past.txt";
    let v = explain(name, &["--json"]).json();
    assert_eq!(v["retry_after_seconds"], 0);
    // retry_at: from when it may be sent again, the response's own Date.
    assert_eq!(v["retry_at"], "2026-11-25T16:18:02Z");
    let passed = finding(&v, "retry-after-passed");
    assert!(
        passed.contains(", 2026-11-25T16:17:02Z,"),
        "the time it names: {passed}"
    );
    let first = v["next_steps"][0].as_str().unwrap();
    assert!(first.contains("sent again now"), "{first}");
    let text = explain(name, &["--color", "never"]).stdout;
    assert!(text.contains("retry after now: the time it names, 2026-11-25T16:17:02Z, has passed"));
    assert!(!text.contains("wait 0 s"), "{text}");
    assert!(!text.contains("within 0 s"), "{text}");
}

#[test]
fn a_daily_limit_with_retry_after_says_one_thing() {
    let name = "curl-i-429-daily-retry-after-30.txt";
    let text = explain(name, &["--color", "never"]).stdout;
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    // Retry-After wins: 30 s, and nothing says the wait may be 24 hours.
    assert!(flat.contains("clears within 30 s"), "{text}");
    assert!(flat.contains("wait 30 s"), "{text}");
    assert!(!flat.contains("up to 24 hours"), "{text}");
    // The daily window is named once, on the rate limit line.
    assert_eq!(flat.matches("24 hours").count(), 1, "{text}");
    let v = explain(name, &["--json"]).json();
    has(&v, "rate-limit-daily");
    // Without a Retry-After, the daily finding still says how long it can take.
    let v = explain("curl-i-429-minute.txt", &["--json"]).json();
    let minute = finding(&v, "rate-limit-minute");
    assert!(minute.ends_with("it clears within a minute"), "{minute}");
}
