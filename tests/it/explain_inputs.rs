//! `explain` on odd and hostile input: a bare status code, no response at all, input that
//! is no transcript, stdin against a file, line endings, escape sequences and bidi
//! characters, huge lines and chains, and secrets quoted back. The captures are listed in
//! tests/fixtures/CAPTURES.md.

use crate::common;

use common::explain::{NOW, errors, explain, finding, lacks};
use common::{fixture, fixture_bytes, run};
use serde_json::{Value, json};

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
fn a_lone_code_is_one_exchange_in_every_mode() {
    // `000` is an exchange that got no response: `--each` shows it and fails.
    let path = fixture("curl-w-000.txt");
    let p = path.to_str().unwrap();
    let r = run(&["explain", p, "--each", "--json", "--now", NOW], None);
    assert_eq!(r.code, 1);
    let lines: Vec<Value> = r
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 1);
    assert_eq!(
        (&lines[0]["index"], &lines[0]["status"]),
        (&json!(1), &Value::Null)
    );
    assert!(lines[0]["error"].as_str().unwrap().contains("000"));
    // A code is one exchange, so a second one is not there to show.
    let path = fixture("curl-w-http-code.txt");
    let r = run(
        &["explain", path.to_str().unwrap(), "--exchange", "2"],
        None,
    );
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("the input holds 1"), "{}", r.stderr);
    let r = run(
        &[
            "explain",
            path.to_str().unwrap(),
            "--exchange",
            "1",
            "--json",
        ],
        None,
    );
    assert_eq!((r.code, r.json()["status"].clone()), (0, json!(404)));
}

#[test]
fn a_log_time_at_the_end_of_9999_is_no_time_and_no_panic() {
    // The zone moves the first past 9999; a day after the second (the next call) is too.
    let input = b"9999-12-31T23:59:59-05:00 ERROR POST /api/v1/sales returned 429\n\
        {\"level\":\"error\",\"message\":\"x\",\"status\":429,\"timestamp\":\"9999-12-31T12:00:00Z\"}\n";
    for mode in [
        &["--each", "--json"][..],
        &["--summary"],
        &["--summary", "--json"],
        &["--handoff"],
    ] {
        let r = run(
            &[&["explain", "--now", NOW][..], mode].concat(),
            Some(input),
        );
        assert_eq!(r.code, 0, "{mode:?}: {}", r.stderr);
        assert!(r.stderr.is_empty(), "{mode:?}: {}", r.stderr);
    }
    let r = run(&["explain", "--each", "--json", "--now", NOW], Some(input));
    let times: Vec<Value> = r
        .stdout
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap()["time"].clone())
        .collect();
    assert_eq!(times, [Value::Null, json!("9999-12-31T12:00:00Z")]);
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
    let after = finding(&v, "client-error-after-response");
    assert!(
        after.starts_with("curl error 18 after the response: "),
        "{after}"
    );
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
    lacks(&v, "client-error-after-response");
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
