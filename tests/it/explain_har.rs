//! `explain` on HAR files: real mitmproxy captures and the shapes browsers and API clients
//! write (tests/fixtures/har/, described in tests/fixtures/CAPTURES.md).

use crate::common;

use common::har::{NOW, assert_no_secret, entries, first_entries, har, path};
use common::{fixture, run};
use serde_json::Value;

#[test]
fn a_mitmproxy_har_is_explained_by_its_last_entry() {
    let r = run(
        &["explain", NOW, "--json", &path("mitmproxy-last-429.har")],
        None,
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let j = r.json();
    assert_eq!(j["status"], 429);
    assert_eq!(j["retry_after_seconds"], 30);
    assert_eq!(j["rate_limit"]["problem"], "Minute");
    assert_eq!(j["request_id"], "a1b2c3d4-0002-4e5f-8a9b-0c1d2e3f4a02");
    assert_eq!(j["request"]["method"], "GET");
    assert_eq!(
        j["request"]["target"],
        "http://api.hikeup.com/api/v1/sales/get_all"
    );
    assert_eq!(j["body"]["kind"], "form");
    assert_eq!(j["body"]["bytes"], 95);
    assert_eq!(j["source"], "HAR entry");
    assert_no_secret(&r.stdout);
    // From stdin too, and --fail judges the entry explained.
    let r = run(
        &["explain", NOW, "--fail"],
        Some(&har("mitmproxy-last-429.har")),
    );
    assert_eq!(r.code, 4);
    assert!(
        r.stdout.starts_with("429 Too Many Requests"),
        "{}",
        r.stdout
    );
}

#[test]
fn every_entry_of_a_real_session_is_explained_as_it_was_recorded_and_no_credential_shows() {
    let all = entries("mitmproxy-api-session.har");
    assert_eq!(all.len(), 13);
    for k in 1..=all.len() {
        let input = first_entries("mitmproxy-api-session.har", k);
        let want = all[k - 1]["response"]["status"].as_u64().unwrap();
        let r = run(&["explain", NOW, "--json"], Some(&input));
        assert_eq!(r.code, 0, "entry {k}: {}", r.stderr);
        assert_eq!(r.json()["status"], want, "entry {k}");
        assert_no_secret(&r.stdout);
        let r = run(&["explain", NOW, "--color=always"], Some(&input));
        assert_no_secret(&r.stdout);
        assert_no_secret(&r.stderr);
    }
    // The token response: the access token it issued is not echoed, the error of the next
    // call is read from its JSON body.
    let r = run(
        &["explain", NOW, "--json"],
        Some(&first_entries("mitmproxy-api-session.har", 7)),
    );
    let j = r.json();
    assert_eq!(j["status"], 400);
    assert_eq!(j["oauth_error"]["error"], "invalid_grant");
    let r = run(
        &["explain", NOW, "--fail"],
        Some(&har("mitmproxy-api-session.har")),
    );
    assert_eq!(r.code, 5, "the last entry is a 500");
    assert!(r.stdout.contains("exchange    13 of 13"), "{}", r.stdout);
}

#[test]
fn host_keeps_the_entries_that_went_there() {
    let session = path("mitmproxy-api-session.har");
    let status = |host: &str| {
        let r = run(&["explain", NOW, "--json", "--host", host, &session], None);
        (
            r.code,
            if r.stdout.is_empty() {
                Value::Null
            } else {
                r.json()["status"].clone()
            },
            r.stderr,
        )
    };
    // The CDN's last entry is the PNG, base64 in the HAR.
    assert_eq!(status("cdn.hikeup-static.net").1, 200);
    // Case-insensitive; the port must match when given; none matches any port.
    assert_eq!(status("API.HIKEUP.COM").1, 500);
    assert_eq!(status("api.hikeup.com:8443").1, 503);
    assert_eq!(status("api.hikeup.com:80").1, 500);
    let (code, _, err) = status("api.hikeup.com:443");
    assert_eq!(code, 1);
    assert!(
        err.contains("no HAR entry went to api.hikeup.com:443"),
        "{err}"
    );
    assert!(err.contains("cdn.hikeup-static.net:80"), "{err}");
    // A browser HAR holds analytics beside the API: the API's last call is a 429, the
    // file's last entry a DNS failure on another host.
    let chrome = path("chrome-devtools-fetch-error.har");
    let r = run(
        &[
            "explain",
            NOW,
            "--json",
            "--host",
            "api.hikeup.com",
            &chrome,
        ],
        None,
    );
    assert_eq!(r.json()["status"], 429);
    let r = run(
        &[
            "explain",
            NOW,
            "--json",
            "--host",
            "www.google-analytics.com",
            &chrome,
        ],
        None,
    );
    assert_eq!(r.json()["status"], 204);
}

#[test]
fn host_on_transcripts_uses_the_request_they_show() {
    let v = fixture("curl-v-401-bearer.txt").display().to_string();
    let r = run(&["explain", NOW, "--host", "127.0.0.1:18080", &v], None);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.starts_with("401 Unauthorized"));
    let r = run(&["explain", NOW, "--host", "api.hikeup.com", &v], None);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("no exchange went to api.hikeup.com"),
        "{}",
        r.stderr
    );
    // `curl -i` shows no request, so no host.
    let i = fixture("curl-i-429-minute.txt").display().to_string();
    let r = run(&["explain", NOW, "--host", "api.hikeup.com", &i], None);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("shows the host"), "{}", r.stderr);
    let r = run(&["explain", NOW, "--host", "a b", &i], None);
    assert_eq!(r.code, 2);
}

#[test]
fn a_chrome_entry_with_status_0_is_a_failure_explained_like_curls() {
    let r = run(
        &["explain", NOW, &path("chrome-devtools-fetch-error.har")],
        None,
    );
    assert_eq!(r.code, 1);
    assert!(r.stdout.is_empty());
    assert!(
        r.stderr.contains("net::ERR_NAME_NOT_RESOLVED"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("check the host name"), "{}", r.stderr);
    assert_no_secret(&r.stderr);
    // The 422 before it: its body is base64 in the HAR.
    let r = run(
        &["explain", NOW, "--json"],
        Some(&first_entries("chrome-devtools-fetch-error.har", 4)),
    );
    let j = r.json();
    assert_eq!(j["status"], 422);
    assert_eq!(j["http_version"], "2");
    let fields: Vec<&str> = j["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["title", "price"]);
    assert_no_secret(&r.stdout);
}

#[test]
fn firefox_and_insomnia_shapes() {
    let r = run(
        &[
            "explain",
            NOW,
            "--json",
            &path("firefox-devtools-401-503.har"),
        ],
        None,
    );
    let j = r.json();
    assert_eq!(j["status"], 503);
    assert_eq!(j["retry_after_seconds"], 120);
    let r = run(
        &["explain", NOW, "--json"],
        Some(&first_entries("firefox-devtools-401-503.har", 1)),
    );
    let j = r.json();
    assert_eq!(j["status"], 401);
    assert_eq!(j["www_authenticate"]["error"], "invalid_token");
    assert_no_secret(&r.stdout);

    let insomnia = path("insomnia-export.har");
    let r = run(&["explain", NOW, "--json", &insomnia], None);
    assert_eq!(r.json()["status"], 500);
    // The token call, whose form Insomnia writes as params only.
    let r = run(
        &["explain", NOW, "--json"],
        Some(&first_entries("insomnia-export.har", 1)),
    );
    let j = r.json();
    assert_eq!(j["status"], 400);
    assert_eq!(j["oauth_error"]["error"], "invalid_grant");
    assert_no_secret(&r.stdout);
    // A request Insomnia never got an answer to: status 0.
    let r = run(
        &["explain", NOW],
        Some(&first_entries("insomnia-export.har", 2)),
    );
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("status 0"), "{}", r.stderr);
}

#[test]
fn a_har_cut_off_reports_the_entries_before_and_names_the_entry() {
    let full = har("mitmproxy-api-session.har");
    let text = String::from_utf8(full.clone()).unwrap();
    // Cut inside the fifth entry (the POST of a product).
    let at = text
        .find("\"url\": \"http://api.hikeup.com/api/v1/products\"")
        .unwrap();
    let r = run(&["explain", NOW, "--json", "--fail"], Some(&full[..at]));
    assert_eq!(r.json()["status"], 403, "the fourth entry is explained");
    assert_eq!(r.code, 4, "the exit status is that of the entry reported");
    assert!(r.stderr.contains("entry 5"), "{}", r.stderr);
    // Malformed inside the first entry: nothing to report.
    let bad = text.replacen("\"startedDateTime\"", "\"startedDateTime\" 1", 1);
    let r = run(&["explain", NOW], Some(bad.as_bytes()));
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("entry 1"), "{}", r.stderr);
}

#[test]
fn json_that_is_no_har_is_read_as_a_transcript() {
    for input in [
        &br#"{"errors": ["Not Found"]}"#[..],
        br#"{"log": {"version": "1.2", "creator": {"name": "x"}}}"#,
        br#"{"log": "#,
    ] {
        let r = run(&["explain", NOW], Some(input));
        assert_eq!(r.code, 1, "{}", String::from_utf8_lossy(input));
        assert!(
            r.stderr.contains("no status line or headers"),
            "{}",
            r.stderr
        );
    }
    let r = run(&["explain", NOW], Some(br#"{"log": {"entries": []}}"#));
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("holds no entries"), "{}", r.stderr);
}

#[test]
fn a_har_saved_as_utf16_or_with_a_bom_reads_the_same() {
    let plain = har("mitmproxy-last-429.har");
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(&plain);
    let mut utf16 = vec![0xFF, 0xFE];
    for u in String::from_utf8(plain).unwrap().encode_utf16() {
        utf16.extend_from_slice(&u.to_le_bytes());
    }
    for input in [bom, utf16] {
        let r = run(&["explain", NOW, "--json"], Some(&input));
        assert_eq!(r.code, 0, "{}", r.stderr);
        assert_eq!(r.json()["status"], 429);
    }
}

#[test]
fn a_large_body_is_counted_not_kept() {
    let body = "A".repeat(24 << 20);
    let input = format!(
        r#"{{"log": {{"entries": [{{"startedDateTime": "2026-11-25T12:00:00Z",
        "request": {{"method": "GET", "url": "https://api.hikeup.com/api/v1/products", "headers": []}},
        "response": {{"status": 200, "statusText": "OK", "httpVersion": "HTTP/1.1", "headers": [],
        "content": {{"size": {}, "mimeType": "text/plain", "text": "{body}"}}}}}}]}}}}"#,
        body.len()
    );
    let r = run(&["explain", NOW, "--json"], Some(input.as_bytes()));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let j = r.json();
    assert_eq!(j["body"]["bytes"], 24 << 20);
    assert_eq!(j["body"]["truncated"], true);
}
