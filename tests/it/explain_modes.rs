//! `explain` on curl and wget in their other output modes: `curl -v` without `-S`, wget
//! without `-S` and with `-nv`. The captures are listed in tests/fixtures/CAPTURES.md.

use crate::common;

use common::explain::{explain, finding, has, ids};
use common::{fixture, run};
use serde_json::Value;

/// stderr of `explain` on a capture that holds no response, and its exit status.
fn no_response(name: &str) -> (i32, String) {
    let path = fixture(name);
    let r = run(&["explain", path.to_str().unwrap()], None);
    (r.code, r.stderr)
}

#[test]
fn curl_v_without_s_names_the_failure_from_its_star_lines() {
    let (code, err) = no_response("curl-sv-no-S-resolve.txt");
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("curl error 6: Could not resolve host: nonexistent.invalid"),
        "{err}"
    );
    assert!(err.contains("DNS"), "{err}");
    let (code, err) = no_response("curl-sv-no-S-refused.txt");
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("curl error 7: Failed to connect to 127.0.0.1 port 18099"),
        "{err}"
    );
    assert!(err.contains("that the server is up"), "{err}");
}

#[test]
fn with_s_too_the_failure_is_named_once() {
    let mut input = std::fs::read(fixture("curl-sv-no-S-refused.txt")).unwrap();
    input.extend_from_slice(b"curl: (7) Failed to connect to 127.0.0.1 port 18099 after 0 ms: Couldn't connect to server\n");
    let r = run(&["explain"], Some(&input));
    assert_eq!(r.code, 1);
    assert_eq!(
        r.stderr.matches("Failed to connect").count(),
        1,
        "{}",
        r.stderr
    );
}

#[test]
fn wget_without_s_reads_the_status_from_its_own_line() {
    for name in ["wget-429-no-S.txt", "wget-nv-429.txt"] {
        let v = explain(name);
        assert_eq!(v["status"], 429, "{name}");
        assert_eq!(v["reason"], "Too Many Requests", "{name}");
        assert_eq!(v["source"], "wget (no -S)", "{name}");
        assert_eq!(
            v["request"]["target"], "http://127.0.0.1:18093/api/v1/sales/get_all",
            "{name}"
        );
        has(&v, "wget-no-headers");
    }
}

#[test]
fn wget_without_s_with_content_on_error_reads_the_body() {
    let v = explain("wget-content-on-error-422-no-S.txt");
    assert_eq!(v["status"], 422);
    assert_eq!(v["body"]["kind"], "json");
    assert_eq!(v["errors"][1]["field"], "age");
    assert_eq!(v["errors"][1]["message"], "must be a positive integer");
}

#[test]
fn headers_past_the_127th_that_the_analysis_reads_are_kept() {
    let v = explain("curl-i-130-headers-429.txt");
    assert_eq!(v["status"], 429);
    // Retry-After, X-Rate-Limit-Problem and X-Request-Id stand after 134 other fields.
    assert_eq!(v["retry_after_seconds"], 45);
    assert_eq!(v["rate_limit"]["problem"], "Minute");
    assert_eq!(v["request_id"], "1f2e3d4c-0000-4000-8000-000000000130");
    let skipped = finding(&v, "headers-skipped");
    assert!(skipped.contains(" 6 more header fields"), "{skipped}");
}

#[test]
fn curl_trace_ascii_reads_as_curl_v() {
    let v = explain("curl-trace-ascii-429.txt");
    assert_eq!(v["status"], 429);
    assert_eq!(v["source"], "curl -v");
    assert_eq!(v["retry_after_seconds"], 30);
    assert_eq!(v["rate_limit"]["problem"], "Minute");
    assert_eq!(v["request"]["method"], "GET");
    assert_eq!(v["request"]["target"], "/api/v1/sales/get_all");
    assert_eq!(v["request"]["authorization"], "Bearer [redacted, 22 chars]");
    // The body line cut at 64 bytes is whole again, and its copy on stdout is not added.
    assert_eq!(
        v["errors"][0]["message"],
        "rate limit exceeded (please wait before retrying the Hike api)"
    );
    assert_eq!(v["body"]["bytes"], 96);
}

#[test]
fn curl_trace_hex_dump_is_decoded() {
    let v = explain("curl-trace-hex-aspnet-400.txt");
    assert_eq!(v["status"], 400);
    assert_eq!(v["request"]["method"], "POST");
    assert_eq!(v["request"]["content_type"], "application/json");
    assert_eq!(v["body"]["bytes"], 242);
    assert_eq!(v["errors"][2]["field"], "product.Title");
    assert_eq!(v["errors"].as_array().unwrap().len(), 4);
}

#[test]
fn curl_v_trace_time_strips_the_stamps_and_times_the_response() {
    let v = explain("curl-v-trace-time-429.txt");
    assert_eq!(v["status"], 429);
    assert_eq!(v["request_id"], "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d");
    assert_eq!(v["request"]["target"], "/api/v1/sales/get_all");
    let time = finding(&v, "response-time");
    assert!(
        time.contains(" 10.9 ms after its request was sent"),
        "{time}"
    );
}

#[test]
fn a_failure_in_a_stamped_trace_is_named() {
    let (code, err) = no_response("curl-trace-ascii-time-refused.txt");
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("curl error 7: Failed to connect"), "{err}");
}

#[test]
fn curl_w_json_gives_the_status_url_and_content_type() {
    let v = explain("curl-w-json-429.txt");
    assert_eq!(v["status"], 429);
    assert_eq!(v["source"], "curl -w");
    assert_eq!(v["http_version"], "1.1");
    assert_eq!(v["request"]["method"], "GET");
    assert_eq!(
        v["request"]["target"],
        "http://127.0.0.1:18093/api/v1/sales/get_all"
    );
    let write_out = finding(&v, "curl-write-out");
    assert!(
        write_out.ends_with("the transfer took 0.001 s (time_total)"),
        "{write_out}"
    );
    // After a body, the body is read too.
    let v = explain("curl-w-json-after-body-400.txt");
    assert_eq!(v["status"], 400);
    assert_eq!(v["body"]["content_type"], "application/json; charset=utf-8");
    assert_eq!(v["errors"][2]["field"], "product.Title");
}

#[test]
fn curl_w_json_of_a_failure_names_it() {
    let (code, err) = no_response("curl-w-json-refused.txt");
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("curl error 7: Failed to connect to 127.0.0.1 port 18099"),
        "{err}"
    );
}

#[test]
fn a_code_glued_to_the_body_is_the_status_and_the_body_is_read() {
    let v = explain("curl-w-http-code-glued-401.txt");
    assert_eq!(v["status"], 401);
    assert_eq!(v["oauth_error"]["error"], "invalid_token");
    assert_eq!(
        v["errors"][0]["message"],
        "invalid_token: The access token expired"
    );
}

#[test]
fn code_and_time_total() {
    let v = explain("curl-w-code-time-500.txt");
    assert_eq!(v["status"], 500);
    let write_out = finding(&v, "curl-write-out");
    assert!(
        write_out.ends_with("the transfer took 0.003 s (time_total)"),
        "{write_out}"
    );
}

/// `--each --json`: one report a line.
fn each(name: &str) -> Vec<Value> {
    let path = fixture(name);
    let r = run(
        &["explain", "--each", "--json", path.to_str().unwrap()],
        None,
    );
    assert_eq!(r.code, 0, "{name}: {}", r.stderr);
    r.stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn several_urls_codes_one_per_line_are_several_exchanges() {
    let v = explain("curl-w-http-code-three-urls.txt");
    assert_eq!(v["status"], 500);
    assert_eq!(v["exchanges"], 3);
    let all = each("curl-w-http-code-three-urls.txt");
    let codes: Vec<u64> = all.iter().map(|v| v["status"].as_u64().unwrap()).collect();
    assert_eq!(codes, [200, 429, 500]);
    // With their bodies and times: each body goes with its code.
    let all = each("curl-w-code-time-bodies-three-urls.txt");
    let codes: Vec<u64> = all.iter().map(|v| v["status"].as_u64().unwrap()).collect();
    assert_eq!(codes, [200, 429, 500]);
    assert_eq!(
        all[1]["errors"][0]["message"],
        "rate limit exceeded (please wait before retrying the Hike api)"
    );
    assert_eq!(all[2]["errors"][0]["message"], "Internal Server Error");
    assert!(all[0]["errors"].as_array().unwrap().is_empty());
    let write_out = finding(&all[2], "curl-write-out");
    assert!(
        write_out.ends_with("the transfer took 0.052 s (time_total)"),
        "{write_out}"
    );
}

#[test]
fn every_exchange_of_a_stamped_trace_has_its_response_time() {
    let all = each("curl-v-trace-time-two-urls.txt");
    assert_eq!(all.len(), 2);
    assert_eq!(all[0]["status"], 200);
    assert_eq!(all[1]["status"], 503);
    for v in &all {
        assert!(ids(v).contains(&"response-time".to_string()), "{v}");
    }
}
