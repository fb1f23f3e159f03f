//! What the wiring gets wrong today, each pinned as it should be and ignored with the
//! reason (the rows of `table.rs` mark these places [`super::GAP`]).

use super::explain;
use crate::common::fixture_bytes;
use serde_json::Value;

/// The `--each --json` lines of `input`.
fn each(input: &[u8]) -> Vec<Value> {
    let r = explain(input, &["--each", "--json"]);
    r.stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn a_line_after_a_timed_record_takes_its_time() {
    let logback = each(&fixture_bytes("applog/logback-spring-resttemplate.log"));
    assert_eq!(logback[4]["status"], 500);
    assert_eq!(logback[4]["time"], "2026-12-05T08:39:11.803Z");
    let requests = each(&fixture_bytes("applog/python-logging-requests.log"));
    assert_eq!(requests[9]["source"], "Python requests");
    assert_eq!(requests[9]["time"], "2026-12-05T08:27:37.862Z");
}

#[test]
fn a_library_line_inside_a_log_line_keeps_the_lines_time() {
    let input = "2026-12-01 10:00:13,000 worker: AxiosError: Request failed with status code 429\n\
                 2026-12-01 10:00:15,000 worker: System.Net.Http.HttpRequestException: Response status code does not indicate success: 429 (Too Many Requests).\n";
    let xs = each(input.as_bytes());
    let got: Vec<(&Value, &Value)> = xs.iter().map(|v| (&v["status"], &v["time"])).collect();
    assert_eq!(
        got,
        [
            (&Value::from(429), &Value::from("2026-12-01T10:00:13Z")),
            (&Value::from(429), &Value::from("2026-12-01T10:00:15Z")),
        ]
    );
    let monolog = each(&fixture_bytes("applog/monolog.log"));
    assert_eq!(monolog[1]["time"], "2026-12-05T08:42:01.004Z");
}

#[test]
fn the_issues_cut_form_body_is_hikes() {
    let line =
        "Hike API HTTP 429 on /api/v1/products/get_all: oauth_problem=rate limit exceeded&...\n";
    let r = explain(line.as_bytes(), &["--json"]);
    let v = r.json();
    assert!(!r.stdout.contains("[redacted"), "{}", r.stdout);
    let ids: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["id"].as_str().unwrap())
        .collect();
    assert!(ids.contains(&"rate-limit-form-body"), "{ids:?}");
    assert!(!ids.contains(&"status-inferred-from-body"), "{ids:?}");
}

#[test]
fn a_util_inspect_body_gives_its_errors() {
    let xs = each(&fixture_bytes("applog/console-axios.log"));
    assert_eq!(xs[4]["status"], 500);
    assert_eq!(xs[4]["errors"][0]["message"], "Internal Server Error");
}
