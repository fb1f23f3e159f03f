//! `explain` on real captures: one fixture per format, each asserting the parsed JSON.
//! The captures and the commands that made them are listed in tests/fixtures/CAPTURES.md.

mod common;

use common::{fixture, fixture_bytes, json, run};
use serde_json::{Value, json};

const NOW: &str = "2026-11-25T12:00:00Z";

/// `explain --json` on a fixture, read from a file.
fn explain(name: &str) -> Value {
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

fn errors(v: &Value) -> Vec<(Option<String>, String)> {
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
fn findings(v: &Value) -> String {
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

fn whole(v: &Value) -> String {
    v.to_string()
}

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
    assert!(findings(&v).contains("the request sent a token"));
    assert!(!whole(&v).contains("SECRETTOKEN"));
    assert!(whole(&v["next_steps"]).contains("refresh"));
}

#[test]
fn curl_v_401_without_authorization() {
    let v = explain("curl-v-401-no-auth.txt");
    assert_eq!(v["status"], 401);
    assert_eq!(v["request"]["authorization"], Value::Null);
    assert!(findings(&v).contains("no Authorization header was sent"));
}

#[test]
fn curl_v_400_form_content_type_is_named() {
    let v = explain("curl-v-400-form-content-type.txt");
    assert_eq!(v["status"], 400);
    assert_eq!(v["request"]["method"], "POST");
    assert!(findings(&v).contains(
        "the request sent Content-Type: application/x-www-form-urlencoded; Hike's API expects application/json"
    ));
    assert_eq!(
        errors(&v),
        [(None, "Content-Type must be application/json".to_string())]
    );
}

#[test]
fn oauth_token_takes_form_bodies_and_invalid_grant_is_explained() {
    let v = explain("curl-v-oauth-token-invalid-grant.txt");
    assert_eq!(v["status"], 400);
    assert!(!findings(&v).contains("expects application/json"));
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
    assert!(findings(&v).contains("proxy"));
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
    assert!(findings(&v).contains("--compressed"));
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
    assert!(findings(&v).contains("--content-on-error"));
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
fn just_a_status_code() {
    let v = explain("curl-w-http-code.txt");
    assert_eq!(v["status"], 404);
    assert_eq!(v["chain"], json!([404]));
    assert_eq!(v["errors"], json!([]));
    let r = run(&["explain"], Some(b"429\n"));
    assert_eq!(r.code, 0);
    assert!(r.stdout.starts_with("429 Too Many Requests"));
}

#[test]
fn no_response_at_all_exits_1_with_what_to_check() {
    for (name, needles) in [
        ("curl-w-000.txt", vec!["000"]),
        ("curl-error-7-refused.txt", vec!["curl error 7", "port"]),
        ("curl-error-6-resolve.txt", vec!["curl error 6", "DNS"]),
        (
            "curl-error-28-timeout.txt",
            vec!["curl error 28", "in time"],
        ),
        ("curl-error-tls.txt", vec!["curl error 35", "TLS"]),
        (
            "curl-error-60-self-signed.txt",
            vec!["curl error 60", "certificate"],
        ),
        ("curl-body-only.txt", vec!["no status line", "curl -i"]),
        ("httpie-body-only.txt", vec!["no status line", "--print=hb"]),
    ] {
        let r = run(&["explain", fixture(name).to_str().unwrap()], None);
        assert_eq!(r.code, 1, "{name}");
        assert!(r.stdout.is_empty(), "{name}");
        assert_eq!(
            r.stderr.lines().count(),
            1,
            "{name}: one line: {}",
            r.stderr
        );
        for n in needles {
            assert!(r.stderr.contains(n), "{name}: {n}: {}", r.stderr);
        }
    }
}

#[test]
fn bad_input_is_one_line_and_exit_1() {
    for (input, needle) in [
        (&b""[..], "empty"),
        (b"hello world\n", "no HTTP response"),
        (
            b"GET /api/v1/products HTTP/1.1\r\nHost: x\r\n\r\n",
            "a request but no answer",
        ),
        (b"HTTP/1.1 4\r\n\r\n", "not a valid status line"),
        (b"HTTP/1.1 abc\r\n\r\n", "not a valid status line"),
        (b"\x00\xff\xfe\x00binary", "no HTTP response"),
    ] {
        let r = run(&["explain"], Some(input));
        assert_eq!(r.code, 1, "{input:?}: {}", r.stderr);
        assert_eq!(r.stderr.lines().count(), 1, "{input:?}: {}", r.stderr);
        assert!(r.stderr.contains(needle), "{input:?}: {}", r.stderr);
    }
}

#[test]
fn the_same_transcript_from_stdin_and_from_a_file() {
    for name in [
        "curl-v-401-bearer.txt",
        "wget-S-redirect-200.txt",
        "httpie-v-401.txt",
    ] {
        let from_file = explain(name);
        let r = run(
            &["explain", "-", "--json", "--now", NOW],
            Some(&fixture_bytes(name)),
        );
        assert_eq!(r.json(), from_file, "{name}");
    }
}

#[test]
fn line_endings_do_not_matter() {
    let crlf = fixture_bytes("curl-iL-redirect-chain.txt");
    let lf: Vec<u8> = crlf.iter().copied().filter(|b| *b != b'\r').collect();
    let mut mixed = Vec::new();
    for (i, line) in String::from_utf8_lossy(&crlf).split("\r\n").enumerate() {
        mixed.extend_from_slice(line.as_bytes());
        mixed.extend_from_slice(if i % 2 == 0 { b"\n" } else { b"\r\n" });
    }
    for input in [&crlf, &lf, &mixed] {
        let v = run(&["explain", "--json"], Some(input)).json();
        assert_eq!(v["chain"], json!([301, 302, 200]));
        assert_eq!(v["request_id"], "3b4c5d6e-7f80-4192-ab3c-4d5e6f7a8b55");
    }
}

#[test]
fn fail_sets_the_exit_status_by_class() {
    let path = |n: &str| fixture(n).to_str().unwrap().to_string();
    for (name, code) in [
        ("curl-i-429-minute.txt", 4),
        ("curl-i-502-html.txt", 5),
        ("curl-iL-redirect-chain.txt", 0),
        ("curl-i-303-location.txt", 0),
    ] {
        assert_eq!(
            run(&["explain", &path(name), "--fail"], None).code,
            code,
            "{name}"
        );
        assert_eq!(run(&["explain", &path(name)], None).code, 0, "{name}");
    }
}

#[test]
fn unreadable_file_is_a_usage_error() {
    let r = run(&["explain", "/nonexistent/transcript.txt"], None);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("cannot read /nonexistent/transcript.txt"));
    let r = run(&["explain", "429"], None);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("run `hike-status 429`"), "{}", r.stderr);
    let dir = env!("CARGO_MANIFEST_DIR");
    let r = run(&["explain", dir], None);
    assert_eq!(r.code, 2, "a directory: {}", r.stderr);
}

#[test]
fn escape_sequences_and_bidi_from_input_are_neutralised() {
    let input = "HTTP/1.1 422 \x1b[31mEvil\x1b[0m\u{61c}\u{200e}\u{200f}\r\nX-Request-Id: id\x1b]0;pwned\x07\u{202e}x\r\n\r\n{\"errors\": {\"ti\x1btle\": [\"bad \u{202e}value\x1b[2J\"]}}\n";
    let r = run(&["explain", "--color", "never"], Some(input.as_bytes()));
    assert_eq!(r.code, 0);
    common::assert_clean(&r.stdout, "explain");
    assert!(r.stdout.contains("\\u{202e}"));
    assert!(
        r.stdout.contains("\\u{61c}\\u{200e}\\u{200f}"),
        "{}",
        r.stdout
    );
}

#[test]
fn text_report_for_a_real_capture() {
    let r = run(
        &[
            "explain",
            fixture("curl-v-400-form-content-type.txt")
                .to_str()
                .unwrap(),
            "--color",
            "never",
        ],
        None,
    );
    assert_eq!(r.code, 0);
    // Join wrapped lines.
    let flat = r
        .stdout
        .split('\n')
        .map(str::trim)
        .collect::<Vec<_>>()
        .join(" ");
    assert!(r.stdout.starts_with("400 Bad Request"));
    assert!(
        r.stdout
            .contains("request id  8091a2b3-c4d5-46e7-9081-9c0d1e2f3a99")
    );
    assert!(r.stdout.contains("• Content-Type must be application/json"));
    assert!(flat.contains(
        "Content-Type: application/x-www-form-urlencoded; Hike's API expects application/json"
    ));
    assert!(!r.stdout.contains("SECRETTOKEN"));
    let colored = run(
        &[
            "explain",
            fixture("curl-v-400-form-content-type.txt")
                .to_str()
                .unwrap(),
            "--color",
            "always",
        ],
        None,
    );
    assert!(colored.stdout.contains("\x1b[1;33m400"));
}

#[test]
fn a_huge_line_without_newline_is_handled() {
    let mut input = b"HTTP/1.1 200 OK\r\nX-Request-Id: big\r\n\r\n".to_vec();
    input.extend(std::iter::repeat_n(b'a', 16 << 20));
    let r = run(&["explain", "--json"], Some(&input));
    assert_eq!(r.code, 0);
    let v = r.json();
    assert_eq!(v["request_id"], "big");
    assert_eq!(v["body"]["truncated"], true);
    assert_eq!(v["body"]["bytes"], 16 << 20);
}

#[test]
fn many_status_lines_keep_a_bounded_chain() {
    let mut input = Vec::new();
    for _ in 0..5000 {
        input.extend_from_slice(b"HTTP/1.1 302 Found\r\nLocation: /next\r\n\r\n");
    }
    input.extend_from_slice(b"HTTP/1.1 200 OK\r\n\r\n");
    let v = run(&["explain", "--json"], Some(&input)).json();
    assert_eq!(v["status"], 200);
    let chain = v["chain"].as_array().unwrap();
    assert_eq!(chain.len(), 400);
    assert_eq!(v["chain_omitted"], 5001 - 400);
    assert_eq!(chain.last().unwrap(), 200);
}

#[test]
fn regression_retry_after_past_year_9999_does_not_panic() {
    for input in [
        &b"HTTP/1.1 429 X\r\nRetry-After: 999999999999.0\r\n\r\n"[..],
        b"HTTP/1.1 429 X\r\nDate: Fri, 31 Dec 9999 23:59:50 GMT\r\nRetry-After: 60\r\n\r\n",
        b"HTTP/1.1 429 X\r\nRetry-After: 18446744073709551615\r\n\r\n",
    ] {
        let r = run(&["explain", "--json", "--now", NOW], Some(input));
        assert_eq!(r.code, 0, "{}", r.stderr);
        let v = r.json();
        assert!(v["retry_after_seconds"].as_u64().unwrap() >= 60);
        assert_eq!(v["retry_at"], Value::Null);
        assert_eq!(run(&["explain"], Some(input)).code, 0);
    }
}

#[test]
fn global_flags_work_before_the_subcommand() {
    let v = run(
        &["--json", "explain", "--now", NOW],
        Some(b"HTTP/2 404\r\n\r\n"),
    )
    .json();
    assert_eq!(v["status"], 404);
    let r = run(
        &["--color", "always", "explain"],
        Some(b"HTTP/2 404\r\n\r\n"),
    );
    assert!(r.stdout.contains('\x1b'));
}

#[test]
fn escapes_decoded_from_a_json_body_are_neutralised() {
    // The parser cannot strip these: they only exist once the JSON is decoded.
    let input = b"HTTP/1.1 422 \r\nContent-Type: application/json\r\n\r\n{\"errors\": {\"ti\\u001b]0;x\\u0007tle\": [\"bad \\u202evalue\\u001b[2J\"]}}\n";
    let r = run(&["explain", "--color", "never"], Some(input));
    assert_eq!(r.code, 0);
    common::assert_clean(&r.stdout, "explain");
    assert!(r.stdout.contains("\\x1b[2J"), "{}", r.stdout);
    let v = run(&["explain", "--json"], Some(input)).json();
    assert_eq!(
        v["errors"][0]["message"], "bad \u{202e}value\x1b[2J",
        "JSON keeps the data"
    );
}

#[test]
fn a_carriage_return_cannot_forge_a_status_line() {
    let input = b"HTTP/1.1 404 Not Found\r\nX-Id: a\rHTTP/1.1 500 Oops\r\n\r\n";
    let v = run(&["explain", "--json"], Some(input)).json();
    assert_eq!(v["status"], 404);
    assert_eq!(v["chain"], json!([404]));
}

#[test]
fn success_bodies_are_results_not_errors() {
    let input = b"HTTP/1.1 201 Created\r\nContent-Type: application/json\r\n\r\n{\"message\": \"Product created\"}";
    let v = run(&["explain", "--json"], Some(input)).json();
    assert_eq!(v["errors"], json!([]));
    let input = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n[{\"id\": 1, \"description\": \"Blue shirt\"}]";
    let v = run(&["explain", "--json"], Some(input)).json();
    assert_eq!(v["errors"], json!([]));
}

#[test]
fn a_json_body_larger_than_what_is_read_still_gives_its_errors() {
    let mut input = b"HTTP/1.1 422 \r\nContent-Type: application/json\r\n\r\n{\"errors\": {\"title\": [\"can't be blank\"]}, \"items\": [".to_vec();
    for i in 0..20_000 {
        input.extend_from_slice(format!("{{\"id\": {i}}},").as_bytes());
    }
    input.extend_from_slice(b"{}]}\n");
    let v = run(&["explain", "--json"], Some(&input)).json();
    assert_eq!(v["body"]["truncated"], true);
    assert_eq!(v["body"]["kind"], "json");
    assert_eq!(
        errors(&v),
        [(Some("title".to_string()), "can't be blank".to_string())]
    );
}

#[test]
fn secrets_quoted_back_or_in_a_fragment_are_redacted() {
    let input = b"> GET /api/v1/products HTTP/1.1\r\n> Authorization: Bearer AUTHSECRETAUTHSECRET\r\n>\r\n< HTTP/1.1 403 Forbidden\r\n< Location: https://app/cb#access_token=FRAGSECRET&x=1\r\n<\r\n{\"error\": \"forbidden for token AUTHSECRETAUTHSECRET\"}\n";
    for args in [
        vec!["explain", "--json"],
        vec!["explain", "--color", "never"],
    ] {
        let out = run(&args, Some(input)).stdout;
        assert!(!out.contains("AUTHSECRET"), "{out}");
        assert!(!out.contains("FRAGSECRET"), "{out}");
        assert!(
            out.contains("forbidden for token [redacted, 20 chars]"),
            "{out}"
        );
    }
}

#[test]
fn a_client_failure_after_an_interim_answer_is_no_response() {
    let input = b"> POST /api/v1/products HTTP/1.1\r\n>\r\n< HTTP/1.1 100 Continue\r\n<\r\ncurl: (52) Empty reply from server\n";
    let r = run(&["explain"], Some(input));
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("curl error 52"), "{}", r.stderr);
    let input = b"HTTP/1.1 200 OK\r\n\r\n{\"a\":\ncurl: (18) transfer closed with 10 bytes remaining to read\n";
    let v = run(&["explain", "--json"], Some(input)).json();
    assert!(findings(&v).contains("curl error 18 after the response"));
}

#[test]
fn body_size_counts_crlf_line_ends_past_the_kept_prefix() {
    // CRLF lines past the kept prefix take the counting fast path; the size is as read.
    let mut input = b"HTTP/1.1 200 OK\r\n\r\n".to_vec();
    let mut body = 0;
    while body < 105_000 {
        let line = b"{\"id\": 1, \"title\": \"x\"}\r\n";
        input.extend_from_slice(line);
        body += line.len();
    }
    let v = run(&["explain", "--json"], Some(&input)).json();
    assert_eq!(v["body"]["bytes"], body);
}

#[test]
fn credentials_in_any_response_field_are_removed() {
    // No request shown: what the response quotes itself.
    let input = b"HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Bearer error=\"invalid_token\", error_description=\"token Bearer RESPSECRET0001 expired\"\r\nContent-Type: application/json\r\n\r\n{\"error\": \"invalid_token\", \"error_description\": \"Bearer RESPSECRET0002 was revoked\"}\n";
    // The request's token, repeated back in every kind of field.
    let echoed = b"> GET /api/v1/products HTTP/1.1\r\n> Authorization: Bearer ECHOSECRET99\r\n> Content-Type: ECHOSECRET99\r\n>\r\n< HTTP/1.1 429 ECHOSECRET99\r\n< X-Rate-Limit-Problem: ECHOSECRET99\r\n< X-RateLimit-Reset: ECHOSECRET99\r\n< WWW-Authenticate: ECHOSECRET99 error=\"ECHOSECRET99\"\r\n< Content-Type: ECHOSECRET99\r\n< X-Request-Id: ECHOSECRET99\r\n<\r\n{\"errors\": {\"ECHOSECRET99\": [\"ECHOSECRET99\"]}}\n";
    for (input, secrets) in [
        (&input[..], &["RESPSECRET0001", "RESPSECRET0002"][..]),
        (&echoed[..], &["ECHOSECRET99"][..]),
    ] {
        for args in [
            vec!["explain", "--json"],
            vec!["explain", "--color", "never"],
        ] {
            let out = run(&args, Some(input)).stdout;
            assert!(!out.is_empty());
            for s in secrets {
                assert!(!out.contains(s), "{s} in:\n{out}");
            }
        }
    }
}

#[test]
fn a_request_body_credential_quoted_back_is_removed() {
    // HTTPie -v shows the form body sent to the token endpoint.
    let input = b"POST /oauth/token HTTP/1.1\r\nContent-Type: application/x-www-form-urlencoded\r\n\r\ngrant_type=refresh_token&refresh_token=BODYSECRET11&client_secret=BODYSECRET22\r\n\r\nHTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\n\r\n{\"error\": \"invalid_grant\", \"error_description\": \"refresh token BODYSECRET11 for client BODYSECRET22 is unknown\"}\n";
    for args in [
        vec!["explain", "--json"],
        vec!["explain", "--color", "never"],
    ] {
        let out = run(&args, Some(input)).stdout;
        assert!(out.contains("invalid_grant"));
        assert!(!out.contains("BODYSECRET"), "{out}");
    }
}

#[test]
fn curl_f_after_an_interim_answer_names_the_status() {
    let input =
        b"< HTTP/1.1 100 Continue\r\n<\r\ncurl: (22) The requested URL returned error: 422\n";
    let r = run(&["explain", "--json"], Some(input));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.json()["status"], 422);
}

#[test]
fn a_status_line_after_curls_progress_meter_is_read() {
    let input = b"> GET /api/v1/sales HTTP/1.1\r\n>\r\n\r  0     0    0     0    0     0      0      0 --:--:--  0:00:59 --:--:--     0< HTTP/1.1 504 Gateway Time-out\r\n< X-Request-Id: slow-one\r\n<\r\n";
    let v = run(&["explain", "--json"], Some(input)).json();
    assert_eq!(v["status"], 504);
    assert_eq!(v["request_id"], "slow-one");
}

#[test]
fn a_client_error_before_the_response_is_not_blamed_on_it() {
    let input = b"curl: (7) Failed to connect to a port 1\nHTTP/1.1 200 OK\r\n\r\n";
    let v = run(&["explain", "--json"], Some(input)).json();
    assert_eq!(v["status"], 200);
    assert!(!findings(&v).contains("after the response"));
}

#[test]
fn a_retry_after_date_already_past_means_now() {
    let input = b"HTTP/1.1 503 Service Unavailable\r\nDate: Wed, 25 Nov 2026 12:00:00 GMT\r\nRetry-After: Wed, 25 Nov 2026 11:00:00 GMT\r\n\r\n";
    let v = run(&["explain", "--json"], Some(input)).json();
    assert_eq!(v["retry_after_seconds"], 0);
    assert_eq!(v["retry_at"], "2026-11-25T12:00:00Z");
}

#[test]
fn only_an_interim_answer_is_no_final_response() {
    let r = run(&["explain"], Some(b"HTTP/1.1 100 Continue\r\n\r\n"));
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("no final response"), "{}", r.stderr);
}

#[test]
fn the_token_endpoint_is_judged_as_the_token_endpoint() {
    // Absolute form, as sent through a proxy, and a trailing slash.
    for target in ["http://api.hikeup.com/oauth/token", "/oauth/token/"] {
        let input = format!(
            "> POST {target} HTTP/1.1\r\n> Content-Type: application/x-www-form-urlencoded\r\n>\r\n< HTTP/1.1 401 Unauthorized\r\n<\r\n{{\"error\": \"invalid_client\"}}\n"
        );
        let v = run(&["explain", "--json"], Some(input.as_bytes())).json();
        let f = findings(&v);
        assert!(f.contains("client_id and client_secret"), "{f}");
        assert!(!f.contains("expects application/json"), "{f}");
        assert!(!f.contains("Bearer <access_token>"), "{f}");
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
    assert!(findings(&v).contains("20 more errors"));
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
