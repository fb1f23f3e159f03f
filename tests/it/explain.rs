//! `explain` on real captures: one fixture per format, each asserting the parsed JSON.
//! The captures and the commands that made them are listed in tests/fixtures/CAPTURES.md.
//! Odd and hostile input (bare codes, no response, bad input, escapes, huge lines, secrets
//! quoted back) is in explain_inputs.rs.

use crate::common;

use common::explain::{NOW, errors, explain, finding, has, lacks, whole};
use common::{fixture, run};
use serde_json::{Value, json};

#[test]
fn curl_i_429_minute_reads_hikes_rate_limit() {
    let v = explain("curl-i-429-minute.txt");
    assert_eq!(v["status"], 429);
    assert_eq!(v["name"], "Too Many Requests");
    assert_eq!(v["documented"], true);
    assert_eq!(v["retryable"], true);
    assert_eq!(v["chain"], json!([429]));
    assert_eq!(v["retry_after_seconds"], Value::Null);
    assert_eq!(v["rate_limit"]["problem"], "Minute");
    assert_eq!(v["rate_limit"]["limit"], 60);
    assert_eq!(v["rate_limit"]["window_seconds"], 60);
    assert_eq!(v["request_id"], "5d1e8a90-6f2b-4c7e-8a13-9b0c4e2f7a11");
    assert_eq!(
        errors(&v),
        [(
            None,
            "rate limit exceeded (please wait before retrying the Hike api)".to_string()
        )]
    );
    assert_eq!(v["body"]["kind"], "form");
    assert!(v["next_steps"][0].as_str().unwrap().contains("minute"));
}

#[test]
fn retry_after_date_is_measured_from_the_responses_own_date() {
    let v = explain("curl-i-429-daily-retry-after-date.txt");
    assert_eq!(v["status"], 429);
    assert_eq!(v["retry_after_seconds"], 3600);
    assert_eq!(v["retry_at"], "2026-11-25T13:10:49Z");
    assert_eq!(v["rate_limit"]["problem"], "Daily");
    assert_eq!(v["rate_limit"]["limit"], 5000);
    assert_eq!(v["rate_limit"]["window_seconds"], 86400);
}

#[test]
fn retry_after_date_without_a_date_header_is_measured_from_now() {
    let input =
        b"HTTP/1.1 503 Service Unavailable\r\nRetry-After: Wed, 25 Nov 2026 12:05:00 GMT\r\n\r\n";
    let r = run(&["explain", "--json", "--now", NOW], Some(input));
    let v = r.json();
    assert_eq!(v["retry_after_seconds"], 300);
    assert_eq!(v["retry_at"], "2026-11-25T12:05:00Z");
}

#[test]
fn retry_after_decimal_rounds_up() {
    let v = explain("curl-i-503-retry-after-decimal.txt");
    assert_eq!(v["status"], 503);
    assert_eq!(v["retry_after_seconds"], 2);
    assert_eq!(v["reason"], "Service Temporarily Unavailable");
    assert_eq!(
        v["name"], "Service Unavailable",
        "the code decides, not the phrase"
    );
}

#[test]
fn curl_head_200() {
    let v = explain("curl-I-head-200.txt");
    assert_eq!(v["status"], 200);
    assert_eq!(v["chain"], json!([200]));
    assert_eq!(v["errors"], json!([]));
    assert_eq!(v["request_id"], "8e4a1c37-2b9d-4f60-a5e2-7c3d9f1b0e22");
}

#[test]
fn curl_il_redirect_chain() {
    let v = explain("curl-iL-redirect-chain.txt");
    assert_eq!(v["status"], 200);
    assert_eq!(v["chain"], json!([301, 302, 200]));
    assert_eq!(v["request_id"], "3b4c5d6e-7f80-4192-ab3c-4d5e6f7a8b55");
    assert_eq!(v["location"], Value::Null, "the final response has none");
    assert_eq!(v["body"]["kind"], "json");
}

#[test]
fn curl_v_401_with_a_token_redacts_it() {
    let v = explain("curl-v-401-bearer.txt");
    assert_eq!(v["status"], 401);
    assert_eq!(v["www_authenticate"]["error"], "invalid_token");
    assert_eq!(
        v["www_authenticate"]["description"],
        "The access token expired"
    );
    assert_eq!(v["request"]["method"], "GET");
    assert_eq!(v["request"]["target"], "/api/v1/products/123");
    assert_eq!(v["request"]["authorization"], "Bearer [redacted, 22 chars]");
    has(&v, "token-refused");
    assert!(!whole(&v).contains("SECRETTOKEN"));
    assert!(whole(&v["next_steps"]).contains("refresh"));
}

#[test]
fn curl_v_401_without_authorization() {
    let v = explain("curl-v-401-no-auth.txt");
    assert_eq!(v["status"], 401);
    assert_eq!(v["request"]["authorization"], Value::Null);
    has(&v, "missing-authorization");
}

#[test]
fn curl_v_400_form_content_type_is_named() {
    let v = explain("curl-v-400-form-content-type.txt");
    assert_eq!(v["status"], 400);
    assert_eq!(v["request"]["method"], "POST");
    let m = finding(&v, "content-type-not-json");
    assert!(
        m.contains("Content-Type: application/x-www-form-urlencoded"),
        "{m}"
    );
    assert_eq!(
        errors(&v),
        [(None, "Content-Type must be application/json".to_string())]
    );
}

#[test]
fn oauth_token_takes_form_bodies_and_invalid_grant_is_explained() {
    let v = explain("curl-v-oauth-token-invalid-grant.txt");
    assert_eq!(v["status"], 400);
    lacks(&v, "content-type-not-json");
    assert_eq!(v["oauth_error"]["error"], "invalid_grant");
    assert_eq!(
        v["oauth_error"]["description"],
        "The authorization code has expired"
    );
    assert!(
        v["oauth_error"]["meaning"]
            .as_str()
            .unwrap()
            .contains("already used")
    );
    assert!(whole(&v["next_steps"]).contains("/oauth/authorize"));
}

#[test]
fn curl_v_422_field_errors_in_body_order() {
    let v = explain("curl-v-422-field-errors.txt");
    assert_eq!(v["status"], 422);
    assert_eq!(
        errors(&v),
        [
            (Some("title".into()), "can't be blank".into()),
            (Some("price".into()), "must be greater than 0".into())
        ]
    );
}

#[test]
fn errors_as_a_string_and_a_list() {
    let v = explain("curl-i-404-errors-string.txt");
    assert_eq!(v["status"], 404);
    assert_eq!(errors(&v), [(None, "Not Found".to_string())]);
    let v = explain("curl-i-422-errors-list.txt");
    assert_eq!(v["status"], 422);
    assert_eq!(v["reason"], Value::Null, "nginx sends no reason for 422");
    assert_eq!(
        errors(&v),
        [
            (None, "Line items must have at least one item".into()),
            (None, "Customer is invalid".into())
        ]
    );
}

#[test]
fn curl_v_100_continue_then_201_with_location() {
    let v = explain("curl-v-100-continue-201.txt");
    assert_eq!(v["status"], 201);
    assert_eq!(v["chain"], json!([100, 201]));
    assert_eq!(v["location"], "/api/v1/products/123");
    assert_eq!(v["request"]["content_type"], "application/json");
}

#[test]
fn http2_status_lines_without_reason() {
    let v = explain("curl-v-http2-503.txt");
    assert_eq!(v["status"], 503);
    assert_eq!(v["http_version"], "2");
    assert_eq!(v["retry_after_seconds"], 120);
    assert_eq!(v["retry_at"], "2026-11-25T12:12:50Z");
    assert_eq!(v["request_id"], "19293a4b-5c6d-4f70-a9ba-8f9a0b1c2d32");
    assert!(!whole(&v).contains("SECRETTOKEN"));
    let v = explain("curl-i-http2-429.txt");
    assert_eq!(v["status"], 429);
    assert_eq!(v["http_version"], "2");
    assert_eq!(v["rate_limit"]["problem"], "Minute");
}

#[test]
fn http3_status_lines_written_by_hand() {
    // HTTP/3 cannot be captured here; curl prints it as it prints HTTP/2.
    let input = b"HTTP/3 429\r\nx-rate-limit-problem: Daily\r\nretry-after: 60\r\n\r\n";
    let v = run(&["explain", "--json"], Some(input)).json();
    assert_eq!(v["status"], 429);
    assert_eq!(v["http_version"], "3");
    assert_eq!(v["retry_after_seconds"], 60);
    let input = b"< HTTP/3 200 \r\n< x-request-id: h3\r\n< \r\n";
    let v = run(&["explain", "--json"], Some(input)).json();
    assert_eq!(
        (v["status"].as_u64(), v["request_id"].as_str()),
        (Some(200), Some("h3"))
    );
}

#[test]
fn http10_status_line() {
    let v = explain("curl-i-http10-200.txt");
    assert_eq!(v["status"], 200);
    assert_eq!(v["http_version"], "1.0");
}

#[test]
fn proxy_html_pages() {
    let v = explain("curl-i-502-html.txt");
    assert_eq!(v["status"], 502);
    assert_eq!(v["documented"], false);
    assert_eq!(v["body"]["kind"], "html");
    assert_eq!(errors(&v), [(None, "502 Bad Gateway".to_string())]);
    has(&v, "proxy-error-page");
    let v = explain("curl-i-504-html.txt");
    assert_eq!(v["status"], 504);
    assert!(
        v["hint"].as_str().unwrap().contains("smaller requests")
            || v["meaning"].as_str().unwrap().contains("smaller requests")
    );
}

#[test]
fn gzip_body_is_reported_not_decoded() {
    let v = explain("curl-i-gzip-500.txt");
    assert_eq!(v["status"], 500);
    assert_eq!(v["body"]["kind"], "binary");
    has(&v, "body-gzip");
    assert_eq!(v["request_id"], "4d5e6f70-2b3c-4d4e-af50-6b7c8d9e0f12");
}

#[test]
fn see_other_and_its_location() {
    let v = explain("curl-i-303-location.txt");
    assert_eq!(v["status"], 303);
    assert_eq!(
        v["location"],
        "http://127.0.0.1:18080/api/v1/jobs/7f3c9a/result"
    );
    assert_eq!(v["errors"], json!([]), "an HTML note on a 303 is no error");
    assert!(
        whole(&v["next_steps"]).contains("GET http://127.0.0.1:18080/api/v1/jobs/7f3c9a/result")
    );
}

#[test]
fn hikes_own_meanings_for_202_and_501() {
    let v = explain("curl-i-202-updated.txt");
    assert_eq!(v["status"], 202);
    assert!(v["meaning"].as_str().unwrap().contains("already existed"));
    let v = explain("curl-i-501-plan.txt");
    assert!(v["meaning"].as_str().unwrap().contains("plan"));
}

#[test]
fn x_ratelimit_headers() {
    let v = explain("curl-i-200-x-ratelimit.txt");
    assert_eq!(v["rate_limit"]["limit"], 60);
    assert_eq!(v["rate_limit"]["remaining"], 0);
    assert_eq!(v["rate_limit"]["reset"], "30");
}

#[test]
fn query_token_and_cookie_are_redacted() {
    let v = explain("curl-v-query-token-403.txt");
    assert_eq!(v["status"], 403);
    assert_eq!(
        v["request"]["target"],
        "/api/v1/products?access_token=[redacted, 11 chars]"
    );
    assert_eq!(v["www_authenticate"]["error"], "insufficient_scope");
    let all = whole(&v);
    assert!(!all.contains("SECRETQUERY") && !all.contains("SECRETCOOKIE"));
    let text = run(
        &[
            "explain",
            fixture("curl-v-query-token-403.txt").to_str().unwrap(),
        ],
        None,
    )
    .stdout;
    assert!(!text.contains("SECRETQUERY") && !text.contains("SECRETCOOKIE"));
    assert!(text.contains("access_token=[redacted, 11 chars]"));
}

#[test]
fn wget_server_response() {
    let v = explain("wget-S-404.txt");
    assert_eq!(v["status"], 404);
    assert_eq!(v["errors"], json!([]), "wget's own lines are not the body");
    has(&v, "wget-no-error-body");
    assert_eq!(
        v["request"]["target"],
        "http://127.0.0.1:18080/api/v1/products/999999"
    );
    let v = explain("wget-S-content-on-error-422.txt");
    assert_eq!(v["status"], 422);
    assert_eq!(errors(&v).len(), 2);
    assert_eq!(errors(&v)[0].0.as_deref(), Some("title"));
    let v = explain("wget-S-redirect-200.txt");
    assert_eq!(v["chain"], json!([301, 302, 200]));
    assert_eq!(v["request_id"], "3b4c5d6e-7f80-4192-ab3c-4d5e6f7a8b55");
}

#[test]
fn httpie_print_hb_and_verbose() {
    let v = explain("httpie-print-hb-429.txt");
    assert_eq!(v["status"], 429);
    assert_eq!(v["rate_limit"]["problem"], "Minute");
    let v = explain("httpie-v-401.txt");
    assert_eq!(v["status"], 401);
    assert_eq!(v["request"]["method"], "GET");
    assert_eq!(v["request"]["authorization"], "Bearer [redacted, 22 chars]");
    assert_eq!(v["www_authenticate"]["error"], "invalid_token");
    assert!(!whole(&v).contains("SECRETTOKEN"));
}

#[test]
fn httpie_colored_output_is_read_and_never_echoed_raw() {
    let v = explain("httpie-pretty-all-422.txt");
    assert_eq!(v["status"], 422);
    assert_eq!(v["request_id"], "7f8091a2-b3c4-45d6-8f70-8b9c0d1e2f88");
    assert_eq!(errors(&v).len(), 2);
    assert!(!whole(&v).contains("\\u001b"));
    let r = run(
        &[
            "explain",
            fixture("httpie-pretty-all-422.txt").to_str().unwrap(),
            "--color",
            "never",
        ],
        None,
    );
    assert!(!r.stdout.contains('\x1b'));
    assert!(!r.stdout.contains("SECRETTOKEN"));
}

#[test]
fn the_token_endpoint_is_judged_as_the_token_endpoint() {
    // Absolute form, as sent through a proxy, and a trailing slash.
    for target in ["http://api.hikeup.com/oauth/token", "/oauth/token/"] {
        let input = format!(
            "> POST {target} HTTP/1.1\r\n> Content-Type: application/x-www-form-urlencoded\r\n>\r\n< HTTP/1.1 401 Unauthorized\r\n<\r\n{{\"error\": \"invalid_client\"}}\n"
        );
        let v = run(&["explain", "--json"], Some(input.as_bytes())).json();
        has(&v, "token-endpoint-client-credentials");
        lacks(&v, "content-type-not-json");
        lacks(&v, "missing-authorization");
        lacks(&v, "cookie-sent");
        assert!(!whole(&v["next_steps"]).contains("refresh the access token"));
    }
}

#[test]
fn the_retry_advice_follows_what_happened() {
    let retry_line = |input: &[u8]| {
        let out = run(&["explain", "--color", "never"], Some(input)).stdout;
        out.lines()
            .find(|l| l.trim_start().starts_with("retry "))
            .unwrap_or_default()
            .to_string()
    };
    assert!(retry_line(b"HTTP/1.1 200 OK\r\n\r\n").contains("succeeded"));
    assert!(retry_line(b"HTTP/1.1 201 Created\r\n\r\n").contains("twice"));
    assert!(retry_line(b"HTTP/1.1 303 See Other\r\nLocation: /x\r\n\r\n").contains("Location"));
    assert!(retry_line(b"HTTP/1.1 503 X\r\n\r\n").starts_with("  retry       yes"));
    assert!(retry_line(b"HTTP/1.1 422 \r\n\r\n").contains("no: sending the same request"));
}

#[test]
fn errors_past_the_listed_ones_are_counted() {
    let list: Vec<String> = (0..70).map(|i| format!("\"problem {i}\"")).collect();
    let input = format!(
        "HTTP/1.1 422 \r\nContent-Type: application/json\r\n\r\n{{\"errors\": [{}]}}\n",
        list.join(",")
    );
    let v = run(&["explain", "--json"], Some(input.as_bytes())).json();
    assert_eq!(v["errors"].as_array().unwrap().len(), 50);
    assert_eq!(v["errors_omitted"], 20);
    assert!(finding(&v, "errors-omitted").contains(" 20 more errors"));
}

#[test]
fn body_text_in_a_verbose_trace_is_not_a_response() {
    let input =
        b"> GET / HTTP/1.1\r\n>\r\n< HTTP/1.1 401 Unauthorized\r\n<\r\nHTTP/1.1 200 OK\nall good\n";
    let v = run(&["explain", "--json"], Some(input)).json();
    assert_eq!(v["status"], 401);
    assert_eq!(v["chain"], json!([401]));
}

#[test]
fn json_escapes_what_the_terminal_view_replaces() {
    // C1 CSI and OSC, NEL, bidi overrides and isolates, marks, and the line and paragraph
    // separators, in a reason phrase, a header value and body messages.
    let input = "HTTP/1.1 422 Bad\u{2028}Thing\r\nX-Request-Id: id\u{9b}31m\u{202e}\r\nContent-Type: application/json\r\n\r\n{\"errors\": {\"ti\u{2066}tle\": [\"x\u{9d}0;evil\u{85}end\", \"\u{200e}\u{200f}\u{61c}\u{202a}\u{2029}z\"]}}\n";
    let r = run(&["explain", "--json"], Some(input.as_bytes()));
    common::assert_clean(&r.stdout, "explain --json");
    for escaped in [
        "\\u2028", "\\u009b", "\\u202e", "\\u2066", "\\u009d", "\\u0085", "\\u200e", "\\u200f",
        "\\u061c", "\\u202a", "\\u2029",
    ] {
        assert!(r.stdout.contains(escaped), "{escaped} in:\n{}", r.stdout);
    }
    // Read back, the strings are what the input held.
    let v = r.json();
    assert_eq!(v["request_id"], "id\u{9b}31m\u{202e}");
    assert_eq!(v["reason"], "Bad\u{2028}Thing");
    // Every command's JSON goes the same way: a lookup holds no such character to begin
    // with, and comes out as serde_json writes it.
    let lookup = run(&["429", "--json"], None).stdout;
    let v: serde_json::Value = serde_json::from_str(&lookup).unwrap();
    assert_eq!(lookup, serde_json::to_string_pretty(&v).unwrap() + "\n");
}

#[test]
fn an_unassigned_status_reads_as_its_lookup_does() {
    let input = b"HTTP/1.1 299 Whatever\r\nContent-Length: 0\r\n\r\n";
    let lookup = run(&["299", "--color", "never"], None).stdout;
    let text = run(&["explain", "--color", "never"], Some(input)).stdout;
    let head = |s: &str| s.lines().next().unwrap().to_string();
    assert!(
        head(&text).starts_with(&head(&lookup)),
        "{text}\nvs\n{lookup}"
    );
    assert!(head(&text).contains("unassigned: explained by its class"));
    let v = run(&["explain", "--json"], Some(input)).json();
    let l = run(&["299", "--json"], None).json();
    for key in [
        "name",
        "class",
        "documented",
        "assigned",
        "meaning",
        "hint",
        "retryable",
        "links",
    ] {
        assert_eq!(v[key], l[key], "{key}");
    }
    assert_eq!(v["assigned"], false);
}
