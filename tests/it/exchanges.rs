//! `explain` on inputs that hold many exchanges: real `curl` logs (see
//! fixtures/CAPTURES.md), `--each` and its JSON Lines, `--exchange N`, and the exit statuses.

use crate::common;

use std::io::{BufRead, BufReader, Write};
use std::process::Stdio;
use std::time::Duration;

use common::{bin, fixture, fixture_bytes, run};
use serde_json::Value;

/// `explain --each --json FILE`: one parsed line per exchange, and the exit status.
fn each(name: &str, extra: &[&str]) -> (Vec<Value>, i32) {
    let path = fixture(name);
    let mut args = vec!["explain", "--each", "--json", path.to_str().unwrap()];
    args.extend_from_slice(extra);
    let r = run(&args, None);
    let lines = r
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect();
    (lines, r.code)
}

/// `explain --json --exchange N FILE`, parsed.
fn exchange(name: &str, n: u64) -> Value {
    let path = fixture(name);
    let n = n.to_string();
    run(
        &[
            "explain",
            "--json",
            "--exchange",
            &n,
            path.to_str().unwrap(),
        ],
        None,
    )
    .json()
}

fn statuses(lines: &[Value]) -> Vec<Value> {
    lines.iter().map(|v| v["status"].clone()).collect()
}

fn chains(lines: &[Value]) -> Vec<Value> {
    lines.iter().map(|v| v["chain"].clone()).collect()
}

const LOOP: [u16; 12] = [200, 401, 429, 500, 200, 200, 429, 429, 401, 500, 200, 200];

#[test]
fn a_curl_si_loop_is_one_exchange_per_call_glued_or_not() {
    for name in ["log-curl-si-loop-glued.txt", "log-curl-si-loop-newline.txt"] {
        let (lines, code) = each(name, &[]);
        assert_eq!(code, 0, "{name}");
        assert_eq!(statuses(&lines), LOOP.map(Value::from), "{name}");
        for (i, v) in lines.iter().enumerate() {
            assert_eq!(v["index"], i as u64 + 1);
            assert_eq!(v["chain"], serde_json::json!([LOOP[i]]));
            assert!(v.get("exchanges").is_none(), "no total while streaming");
            assert_eq!(v["error"], Value::Null);
        }
        // Request ids count the server's requests: every exchange kept its own headers.
        let ids: Vec<&str> = lines
            .iter()
            .map(|v| v["request_id"].as_str().unwrap())
            .collect();
        let first: u32 = ids[0].trim_start_matches("req-").parse().unwrap();
        for (i, id) in ids.iter().enumerate() {
            assert_eq!(*id, format!("req-{:04}", first + i as u32));
        }
        // Without a flag: the last exchange alone, and how many there were.
        let v = run(
            &["explain", "--json", fixture(name).to_str().unwrap()],
            None,
        )
        .json();
        assert_eq!(v["status"], 200);
        assert_eq!(v["chain"], serde_json::json!([200]));
        assert_eq!(v["exchanges"], 12);
        let text = run(&["explain", fixture(name).to_str().unwrap()], None).stdout;
        assert!(text.contains("exchange    12 of 12; --each"), "{text}");
    }
}

#[test]
fn two_curl_v_runs_are_two_exchanges() {
    let (lines, _) = each("log-curl-v-two-runs.txt", &[]);
    assert_eq!(statuses(&lines), [401, 422]);
    assert_eq!(
        chains(&lines),
        [serde_json::json!([401]), serde_json::json!([422])]
    );
    assert_eq!(lines[0]["request"]["target"], "/api/v1/customers/7");
    assert_eq!(lines[1]["request"]["method"], "POST");
    let out = run(
        &[
            "explain",
            "--each",
            fixture("log-curl-v-two-runs.txt").to_str().unwrap(),
        ],
        None,
    )
    .stdout;
    assert!(!out.contains("SECRETTOKEN"), "{out}");
    let v = run(
        &[
            "explain",
            "--json",
            fixture("log-curl-v-two-runs.txt").to_str().unwrap(),
        ],
        None,
    )
    .json();
    assert_eq!(
        (v["status"].clone(), v["chain"].clone()),
        (422.into(), serde_json::json!([422]))
    );
}

#[test]
fn a_followed_redirect_stays_in_its_exchange() {
    for name in ["log-curl-iL-then-call.txt", "log-curl-vL-then-call.txt"] {
        let (lines, _) = each(name, &[]);
        assert_eq!(statuses(&lines), [200, 429], "{name}");
        assert_eq!(
            chains(&lines),
            [serde_json::json!([302, 200]), serde_json::json!([429])],
            "{name}"
        );
    }
}

#[test]
fn a_curl_failure_is_an_exchange_that_got_no_response() {
    let (lines, code) = each("log-curl-failure-between.txt", &[]);
    assert_eq!(code, 0);
    assert_eq!(
        statuses(&lines),
        [Value::from(200), Value::Null, Value::from(500)]
    );
    let missing = &lines[1];
    assert_eq!(missing["index"], 2);
    assert!(missing["error"].as_str().unwrap().contains("curl error 7"));
    assert_eq!(missing["chain"], Value::Null);
    // The same keys as a report, the fields that need a response null.
    let keys = |v: &Value| {
        let mut k: Vec<String> = v.as_object().unwrap().keys().cloned().collect();
        k.sort();
        k
    };
    assert_eq!(keys(missing), keys(&lines[0]));
    assert_eq!(each("log-curl-failure-between.txt", &["--fail"]).1, 5);

    // Last: explain says what failed and how many earlier ones got a response, exit 1,
    // and --json prints the no-response object.
    let path = fixture("log-curl-failure-last.txt");
    let r = run(&["explain", path.to_str().unwrap()], None);
    assert_eq!(r.code, 1);
    assert!(r.stdout.is_empty());
    assert!(r.stderr.contains("curl error 7"), "{}", r.stderr);
    assert!(
        r.stderr
            .contains("the last of 3 exchanges; 2 earlier ones got a response"),
        "{}",
        r.stderr
    );
    let r = run(&["explain", "--json", path.to_str().unwrap()], None);
    assert_eq!(r.code, 1);
    let v = r.json();
    assert_eq!(
        (
            v["status"].clone(),
            v["exchanges"].clone(),
            v["responded"].clone()
        ),
        (Value::Null, 3.into(), 2.into())
    );
    assert!(v["error"].as_str().unwrap().contains("curl error 7"));
    let (lines, code) = each("log-curl-failure-last.txt", &["--fail"]);
    assert_eq!(
        statuses(&lines),
        [Value::from(200), Value::from(401), Value::Null]
    );
    assert_eq!(code, 4);
}

#[test]
fn a_body_cannot_fake_a_status_within_its_content_length() {
    let path = fixture("curl-i-500-body-quotes-status.txt");
    let r = run(
        &["explain", "--json", "--fail", path.to_str().unwrap()],
        None,
    );
    assert_eq!(r.code, 5);
    let v = r.json();
    assert_eq!(v["status"], 500);
    assert_eq!(v["chain"], serde_json::json!([500]));
    assert_eq!(v["exchanges"], 1);
    assert_eq!(v["body"]["bytes"], 129);
}

#[test]
fn curl_head_of_several_urls() {
    let (lines, _) = each("log-curl-I-several.txt", &[]);
    assert_eq!(statuses(&lines), [200, 401, 500]);
}

#[test]
fn an_upgrade_ends_its_exchange() {
    let (lines, code) = each("log-curl-i-101-then-call.txt", &[]);
    assert_eq!(code, 0);
    assert_eq!(statuses(&lines), [101, 200]);
    let v = exchange("log-curl-i-101-then-call.txt", 1);
    assert_eq!(
        (v["status"].clone(), v["index"].clone()),
        (101.into(), 1.into())
    );
    assert!(v["retryable"].is_boolean());
}

#[test]
fn exchange_n_is_the_nth_as_each_numbers_them() {
    let path = fixture("log-curl-si-loop-glued.txt");
    let p = path.to_str().unwrap();
    for (n, want) in [(1, 200), (4, 500), (12, 200)] {
        let r = run(
            &[
                "explain",
                "--json",
                "--exchange",
                &n.to_string(),
                p,
                "--fail",
            ],
            None,
        );
        let v = r.json();
        assert_eq!(
            (v["status"].clone(), v["index"].clone()),
            (want.into(), n.into())
        );
        assert_eq!(r.code, if want == 500 { 5 } else { 0 });
    }
    let text = run(&["explain", "--exchange", "2", p], None).stdout;
    assert!(text.starts_with("exchange 2\n401 Unauthorized"), "{text}");
    let r = run(&["explain", "--exchange", "13", p], None);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr
            .contains("there is no exchange 13: the input holds 12"),
        "{}",
        r.stderr
    );
    for bad in [&["--each", "--exchange", "2"][..], &["--exchange", "0"]] {
        let mut args = vec!["explain", p];
        args.extend_from_slice(bad);
        assert_eq!(run(&args, None).code, 2, "{bad:?}");
    }
    // The error says how exchanges are counted, not clap's range of a u64.
    for bad in ["0", "-1", "x"] {
        let r = run(&["explain", p, "--exchange", bad], None);
        assert_eq!(r.code, 2, "{bad}");
        assert!(
            r.stderr.contains("exchanges count from 1"),
            "{bad}: {}",
            r.stderr
        );
        assert!(!r.stderr.contains("18446744073709551615"), "{}", r.stderr);
    }
}

#[test]
fn each_exits_by_what_the_exchanges_got() {
    // No --fail: 0 when any exchange got a response, 1 when none did.
    assert_eq!(each("log-curl-si-loop-glued.txt", &[]).1, 0);
    let r = run(
        &["explain", "--each"],
        Some(b"curl: (7) Failed to connect\ncurl: (6) Could not resolve host: h\n"),
    );
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("none of the 2 exchanges got a response"),
        "{}",
        r.stderr
    );
    assert!(r.stdout.contains("exchange 2\nno response"), "{}", r.stdout);
    // --fail: 5 for any 5xx, else 4 for any 4xx, else 0.
    assert_eq!(each("log-curl-si-loop-glued.txt", &["--fail"]).1, 5);
    assert_eq!(each("log-curl-v-two-runs.txt", &["--fail"]).1, 4);
    assert_eq!(each("log-curl-iL-then-call.txt", &["--fail"]).1, 4);
    let r = run(
        &["explain", "--each", "--fail"],
        Some(b"HTTP/1.1 200 OK\r\n\r\nHTTP/1.1 201 Created\r\n\r\n"),
    );
    assert_eq!(r.code, 0);
    // A bare status code is one exchange.
    let r = run(&["explain", "--each", "--json"], Some(b"404\n"));
    let v: Value = serde_json::from_str(r.stdout.trim()).unwrap();
    assert_eq!(
        (v["status"].clone(), v["index"].clone()),
        (404.into(), 1.into())
    );
}

#[test]
fn each_streams_an_exchange_before_the_input_ends() {
    // Like `tail -f log | hike-status explain --each --json`: the first exchange is
    // complete once the second begins, and must come out while stdin is still open.
    let mut child = bin()
        .args(["explain", "--each", "--json"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let pid = child.id();
    let watchdog = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_secs(20));
        // Still running after 20 s: it did not stream. Kill it so the read below ends.
        let _ = std::process::Command::new("kill")
            .arg(pid.to_string())
            .status();
    });
    let mut stdin = child.stdin.take().unwrap();
    let log = fixture_bytes("log-curl-si-loop-glued.txt");
    // The first capture, and the first line of the second.
    let second = log.windows(12).position(|w| w == b"HTTP/1.1 401").unwrap();
    stdin.write_all(&log[..second + 30]).unwrap();
    stdin.flush().unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let v: Value = serde_json::from_str(&line).expect("a JSON line before stdin closed");
    assert_eq!(
        (v["index"].clone(), v["status"].clone()),
        (1.into(), 200.into())
    );
    drop(stdin);
    let _ = child.wait();
    drop(watchdog);
}

#[test]
fn a_hars_entries_are_exchanges_too() {
    let (lines, code) = each("har/mitmproxy-last-429.har", &["--fail"]);
    assert_eq!(statuses(&lines), [200, 429]);
    assert_eq!(code, 4);
    let v = exchange("har/mitmproxy-last-429.har", 1);
    assert_eq!(
        (v["status"].clone(), v["index"].clone()),
        (200.into(), 1.into())
    );
    // --host keeps the exchanges whose request shows the host, in a transcript too.
    let (lines, _) = each("log-curl-v-two-runs.txt", &["--host", "127.0.0.1"]);
    assert_eq!(statuses(&lines), [401, 422]);
    let (lines, code) = each("log-curl-v-two-runs.txt", &["--host", "api.hikeup.com"]);
    assert!(lines.is_empty());
    assert_eq!(code, 1);
}

/// `--each` on an input with no exchange in it printed a made-up "exchange 1"; it prints
/// none and says why, as `--summary` counts 0 exchanges there. A bare code stays one.
#[test]
fn each_prints_no_exchange_for_an_input_that_holds_none() {
    for (input, why) in [
        (&b""[..], "the input is empty"),
        (
            b"{\"message\": \"Not found\"}\n",
            "a body with no status line",
        ),
    ] {
        for json in [false, true] {
            let args: &[&str] = if json {
                &["explain", "--each", "--json"]
            } else {
                &["explain", "--each"]
            };
            let r = run(args, Some(input));
            assert_eq!(r.code, 1, "{args:?}: {}", r.stderr);
            assert!(r.stdout.is_empty(), "{args:?} printed {}", r.stdout);
            assert!(r.stderr.contains(why), "{}", r.stderr);
        }
    }
    let r = run(&["explain", "--each", "--json"], Some(b"404\n"));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let line: Value = serde_json::from_str(r.stdout.trim()).unwrap();
    assert_eq!(
        (line["index"].as_u64(), line["status"].as_u64()),
        (Some(1), Some(404))
    );
}
