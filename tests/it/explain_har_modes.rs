//! `explain --each`, `--exchange N`, `--summary` and `--host` on HAR files and on logs of
//! several transcripts (tests/fixtures/har/, described in tests/fixtures/CAPTURES.md).

use crate::common;

use common::har::{NOW, assert_no_secret, entries, har, path};
use common::{fixture_bytes, run};
use serde_json::Value;

/// `explain --each --json` on a HAR: one parsed line per kept entry, and the exit status.
fn each_lines(args: &[&str], stdin: Option<&[u8]>) -> (Vec<Value>, i32, String) {
    let mut all = vec!["explain", NOW, "--each", "--json"];
    all.extend_from_slice(args);
    let r = run(&all, stdin);
    let lines = r
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect();
    (lines, r.code, r.stderr)
}

#[test]
fn each_entry_is_one_exchange_in_file_order() {
    let session = path("mitmproxy-api-session.har");
    let (lines, code, _) = each_lines(&[&session], None);
    let want: Vec<Value> = entries("mitmproxy-api-session.har")
        .iter()
        .map(|e| e["response"]["status"].clone())
        .collect();
    let got: Vec<Value> = lines.iter().map(|v| v["status"].clone()).collect();
    assert_eq!(got, want);
    for (i, v) in lines.iter().enumerate() {
        assert_eq!(v["index"], i as u64 + 1);
    }
    assert_eq!(code, 0);
    let all = lines
        .iter()
        .map(|v| v.to_string())
        .collect::<Vec<_>>()
        .join("\n");
    assert_no_secret(&all);
    // --fail over all of them: a 5xx is there.
    let (_, code, _) = each_lines(&["--fail", &session], None);
    assert_eq!(code, 5);
    // --exchange N is entry N.
    let r = run(
        &["explain", NOW, "--json", "--exchange", "3", &session],
        None,
    );
    assert_eq!(r.json()["status"], 401);
    assert_eq!(r.json()["index"], 3);
}

#[test]
fn host_keeps_the_numbers_of_the_input() {
    // One numbering everywhere: an entry's number is its place in the HAR, --host or not.
    let session = path("mitmproxy-api-session.har");
    let (lines, _, _) = each_lines(&["--host", "cdn.hikeup-static.net", &session], None);
    let got: Vec<(Value, Value)> = lines
        .iter()
        .map(|v| (v["index"].clone(), v["status"].clone()))
        .collect();
    assert_eq!(got, [(10.into(), 200.into()), (11.into(), 200.into())]);
    let r = run(
        &[
            "explain",
            NOW,
            "--json",
            "--host",
            "api.hikeup.com:8443",
            "--exchange",
            "12",
            &session,
        ],
        None,
    );
    assert_eq!(r.json()["status"], 503);
    let r = run(
        &["explain", NOW, "--json", "--exchange", "12", &session],
        None,
    );
    assert_eq!(r.json()["status"], 503);
}

#[test]
fn each_on_a_browser_har_names_the_failed_entry() {
    let chrome = path("chrome-devtools-fetch-error.har");
    let (lines, code, _) = each_lines(&[&chrome], None);
    assert_eq!(lines.len(), 6);
    assert_eq!(lines[5]["status"], Value::Null);
    assert!(
        lines[5]["error"]
            .as_str()
            .unwrap()
            .contains("net::ERR_NAME_NOT_RESOLVED"),
        "{}",
        lines[5]
    );
    assert_eq!(lines[3]["status"], 422);
    assert_eq!(code, 0, "some entries got a response");
}

#[test]
fn each_on_a_cut_har_reports_the_entries_before_and_names_the_entry() {
    let full = har("mitmproxy-api-session.har");
    let text = String::from_utf8(full.clone()).unwrap();
    let at = text
        .find("\"url\": \"http://api.hikeup.com/api/v1/products\"")
        .unwrap();
    let (lines, code, err) = each_lines(&["--fail"], Some(&full[..at]));
    let got: Vec<Value> = lines.iter().map(|v| v["status"].clone()).collect();
    assert_eq!(got, [200, 429, 401, 403].map(Value::from));
    assert_eq!(code, 4);
    assert!(err.contains("entry 5"), "{err}");
}

#[test]
fn host_on_a_log_of_several_transcripts_keeps_the_exchanges_that_went_there() {
    // Real captures one after the other, as a log of runs holds them: a curl -i (it shows
    // no host), a curl -v to port 18080, then two curl -v runs to port 18093.
    let mut log = fixture_bytes("curl-i-429-minute.txt");
    log.extend(fixture_bytes("curl-v-401-bearer.txt"));
    log.extend(fixture_bytes("log-curl-v-two-runs.txt"));
    let r = run(
        &["explain", NOW, "--json", "--host", "127.0.0.1:18080"],
        Some(&log),
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let j = r.json();
    assert_eq!(j["status"], 401);
    assert_eq!(j["exchanges"], 1, "only the kept exchanges are counted");
    let r = run(
        &[
            "explain",
            NOW,
            "--each",
            "--json",
            "--host",
            "127.0.0.1:18093",
        ],
        Some(&log),
    );
    let got: Vec<(Value, Value)> = r
        .stdout
        .lines()
        .map(|l| {
            let v: Value = serde_json::from_str(l).unwrap();
            (v["index"].clone(), v["status"].clone())
        })
        .collect();
    assert_eq!(got, [(3.into(), 401.into()), (4.into(), 422.into())]);
    let r = run(
        &["explain", NOW, "--exchange", "2", "--host", "127.0.0.1"],
        Some(&log),
    );
    assert!(r.stdout.contains("401 Unauthorized"), "{}", r.stdout);
    let r = run(&["explain", NOW, "--host", "127.0.0.1:9"], Some(&log));
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("no exchange went to 127.0.0.1:9 (3 of 4 went to 127.0.0.1:18080, 127.0.0.1:18093; the others show no host)"),
        "{}",
        r.stderr
    );
}

#[test]
fn summary_of_a_har_counts_its_entries_and_times_them_by_started_date_time() {
    let r = run(
        &[
            "explain",
            NOW,
            "--summary",
            "--json",
            &path("mitmproxy-api-session.har"),
        ],
        None,
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let j = r.json();
    assert_eq!(j["exchanges"], 13);
    assert_eq!(j["no_response"], 0);
    let by_status = serde_json::json!({
        "200": 5, "302": 1, "400": 1, "401": 1, "403": 1, "422": 1, "429": 1, "500": 1, "503": 1
    });
    assert_eq!(j["by_status"], by_status);
    assert_eq!(j["rate_limit"]["hits"], 1);
    assert_eq!(j["rate_limit"]["minute"], 1);
    let failures: Vec<(u64, u64)> = j["failures"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["index"].as_u64().unwrap(), f["status"].as_u64().unwrap()))
        .collect();
    assert_eq!(
        failures,
        [
            (2, 429),
            (3, 401),
            (4, 403),
            (5, 422),
            (7, 400),
            (12, 503),
            (13, 500)
        ]
    );
    // startedDateTime, microseconds and +00:00, is each exchange's time.
    let first = entries("mitmproxy-api-session.har")[0]["startedDateTime"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(j["first_time"], first[..19].to_string() + "Z");
    assert_no_secret(&r.stdout);
    // --host: the CDN's two.
    let r = run(
        &[
            "explain",
            NOW,
            "--summary",
            "--json",
            "--host",
            "cdn.hikeup-static.net",
            &path("mitmproxy-api-session.har"),
        ],
        None,
    );
    assert_eq!(r.json()["exchanges"], 2);
}

#[test]
fn summary_of_a_browser_har_counts_the_failed_request_as_no_response() {
    let r = run(
        &[
            "explain",
            NOW,
            "--summary",
            "--json",
            "--fail",
            &path("chrome-devtools-fetch-error.har"),
        ],
        None,
    );
    let j = r.json();
    assert_eq!(j["exchanges"], 6);
    assert_eq!(j["no_response"], 1);
    let failures: Vec<Value> = j["failures"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["status"].clone())
        .collect();
    assert_eq!(failures, [Value::from(422), Value::from(429), Value::Null]);
    assert_eq!(r.code, 4, "--fail: a 4xx, no 5xx");
    // Insomnia stamps every entry with the export time: one minute holds them all.
    let r = run(
        &[
            "explain",
            NOW,
            "--summary",
            "--json",
            &path("insomnia-export.har"),
        ],
        None,
    );
    let j = r.json();
    assert_eq!(j["rate_limit"]["peak_per_minute"], 3);
    assert_eq!(j["first_time"], j["last_time"]);
}

/// `--exchange N` stops reading at the Nth entry: a HAR read that far did not break off,
/// however much of it was left unread (the 186 KB mitmproxy capture, whose first entries
/// stand in its first read). A HAR cut short before the Nth entry still says where.
#[test]
fn an_exchange_found_early_is_no_broken_har() {
    let whole = path("mitmproxy-61-calls-59s.har");
    for n in ["1", "2", "60"] {
        let r = run(&["explain", NOW, &whole, "--exchange", n], None);
        assert_eq!(r.code, 0, "{n}: {}", r.stderr);
        assert!(!r.stderr.contains("breaks off"), "{n}: {}", r.stderr);
    }
    let mut cut = har("mitmproxy-61-calls-59s.har");
    cut.truncate(100_000);
    let found = run(&["explain", NOW, "-", "--exchange", "2"], Some(&cut));
    assert_eq!(found.code, 0, "{}", found.stderr);
    assert!(!found.stderr.contains("breaks off"), "{}", found.stderr);
    let past = run(&["explain", NOW, "-", "--exchange", "40"], Some(&cut));
    assert!(
        past.stderr.contains("breaks off in entry 33"),
        "{}",
        past.stderr
    );
    assert!(
        past.stderr.contains("there is no exchange 40"),
        "{}",
        past.stderr
    );
}
