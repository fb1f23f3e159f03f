//! What stays as it was (the item 0): nothing inside a response is read as a log
//! line, a capture followed by an application's lines is read as both, and Hike's form body
//! right after a stated status is that exchange's body, not a second, inferred 429.

use super::{check, explain, table};
use crate::common::fixture_bytes;
use serde_json::Value;

/// The `--each --json` lines of `input`.
fn each(input: &[u8]) -> Vec<Value> {
    let r = explain(input, &["--each", "--json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    r.stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn statuses(xs: &[Value]) -> Vec<u64> {
    xs.iter().map(|v| v["status"].as_u64().unwrap()).collect()
}

fn ids(v: &Value) -> Vec<&str> {
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["id"].as_str().unwrap())
        .collect()
}

/// The real `curl -i` capture of a 429 with its body replaced by `body`, Content-Length
/// and Content-Type set to match.
fn curl_i_with_body(body: &str) -> String {
    let capture = String::from_utf8(fixture_bytes("curl-i-429-minute.txt")).unwrap();
    let (head, _) = capture.split_once("\r\n\r\n").unwrap();
    let head: String = head
        .split("\r\n")
        .map(|l| {
            let lower = l.to_ascii_lowercase();
            if lower.starts_with("content-length:") {
                format!("Content-Length: {}", body.len())
            } else if lower.starts_with("content-type:") {
                "Content-Type: application/json".to_string()
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\r\n");
    format!("{head}\r\n\r\n{body}")
}

#[test]
fn a_body_that_quotes_status_lines_and_log_lines_is_no_exchange() {
    let body = "{\"errors\": \"upstream failed\", \"status\": 422,\n\
                \"log\": \"Hike API HTTP 500 on /api/v1/products\"}\n\
                HTTP/1.1 503 Service Unavailable\n\
                2026-12-05 08:27:37,848 - hike.sync - ERROR - Hike API returned 401 for GET /api/v1/x\n\
                {\"level\":\"error\",\"status\":422,\"timestamp\":\"2026-12-05T08:27:36.106Z\"}\n\
                oauth_problem=rate limit exceeded&oauth_problem_advice=please wait before retrying the Hike api\n";
    let input = curl_i_with_body(body);
    let xs = each(input.as_bytes());
    assert_eq!(statuses(&xs), [429], "{input}");
    assert_eq!(xs[0]["source"], "response headers (curl -i, HTTPie)");
    assert!(
        !ids(&xs[0]).iter().any(|i| i.contains("log-line")),
        "{:?}",
        ids(&xs[0])
    );
}

#[test]
fn a_curl_i_capture_then_an_applications_log() {
    // The lines of the test above, after the body's end: in no logger's layout they are
    // more of the body (a body printed longer than its length, as HTTPie's formatted JSON
    // is), but the status line after them is the next response; a logger's line is the
    // application's exchange.
    let body = "{\"errors\": \"upstream failed\", \"status\": 422,\n\
                \"log\": \"Hike API HTTP 500 on /api/v1/products\"}\n\
                HTTP/1.1 503 Service Unavailable\n";
    let mut after = curl_i_with_body("{}");
    after.push('\n');
    after.push_str(body);
    let xs = each(after.as_bytes());
    assert_eq!(statuses(&xs), [429, 503], "{after}");
    let logged =
        "[2026-12-05T08:42:00.301552+00:00] app.ERROR: Hike API HTTP 500 on /api/v1/products []\n";
    let mut after = curl_i_with_body("{}");
    after.push('\n');
    after.push_str(logged);
    assert_eq!(statuses(&each(after.as_bytes())), [429, 500], "{after}");
    let capture = fixture_bytes("curl-i-429-minute.txt");
    let log = fixture_bytes("applog/winston-axios.log");
    let rows = table::rows("winston-axios.log");
    let want: Vec<u64> = std::iter::once(429)
        .chain(rows.iter().map(|w| u64::from(w.status)))
        .collect();
    // With a newline after the body, and glued to it (the body's length says where it ends).
    for sep in [&b"\n"[..], b""] {
        let mut input = capture.clone();
        input.extend_from_slice(sep);
        input.extend_from_slice(&log);
        let xs = each(&input);
        assert_eq!(statuses(&xs), want, "sep {sep:?}");
        assert_eq!(xs[0]["source"], "response headers (curl -i, HTTPie)");
        assert_eq!(xs[0]["rate_limit"]["problem"], "Minute");
        // The capture's time is its Date header; the records' are their own.
        assert_eq!(xs[0]["time"], "2026-11-25T12:10:49Z");
        for (v, w) in xs[1..].iter().zip(rows) {
            assert_eq!(v["source"], w.source);
            assert_eq!(v["time"], w.time);
        }
    }
    // And the log's rows, index for index after the capture, in every mode.
    let mut input = capture;
    input.push(b'\n');
    input.extend_from_slice(&log);
    let mut rows = rows.to_vec();
    rows.insert(
        0,
        table::Want {
            status: 429,
            source: "response headers (curl -i, HTTPie)",
            time: "2026-11-25T12:10:49Z",
            method: "",
            target: "",
            errors: &[(
                "",
                "rate limit exceeded (please wait before retrying the Hike api)",
            )],
            ids: &["rate-limit-form-body"],
        },
    );
    check("curl -i then winston", &input, &rows);
}

#[test]
fn a_form_body_after_a_stated_status_is_its_body() {
    const FORM: &str = "oauth_problem=rate limit exceeded&oauth_problem_advice=please wait before retrying the Hike api";
    for line in [
        "2026-12-05 08:27:37,848 - hike.sync - ERROR - Hike API returned 429 for GET /api/v1/sales/get_all:",
        "Hikeup API Error (429):",
        "WARNING:hike:HTTP 429 on /api/v1/sales/get_all",
        "Hikeup error response status: 429",
    ] {
        let input = format!("{line}\n{FORM}\n");
        let xs = each(input.as_bytes());
        assert_eq!(statuses(&xs), [429], "{input}");
        let ids = ids(&xs[0]);
        assert!(ids.contains(&"rate-limit-form-body"), "{line}: {ids:?}");
        assert!(ids.contains(&"status-from-log-line"), "{line}: {ids:?}");
        assert!(
            !ids.contains(&"status-inferred-from-body"),
            "{line}: {ids:?}"
        );
        // The body is the form's bytes, the log's line end not among them.
        assert_eq!(xs[0]["body"]["bytes"], FORM.len(), "{line}");
        assert_eq!(xs[0]["body"]["kind"], "form", "{line}");
    }
    // On the status's own line too.
    let xs = each(format!("Hike API HTTP 429 on /api/v1/products/get_all: {FORM}\n").as_bytes());
    assert_eq!(xs[0]["body"]["bytes"], FORM.len());
    // A pretty-printed JSON body on the lines after: its lines and the newlines between.
    let console = fixture_bytes("applog/console-axios.log");
    let text = String::from_utf8(console.clone()).unwrap();
    let json: Vec<&str> = text.lines().skip(5).take(10).collect();
    assert_eq!((json[0], json[9]), ("{", "}"));
    let xs = each(&console);
    assert_eq!(xs[3]["status"], 422);
    assert_eq!(xs[3]["body"]["bytes"], json.join("\n").len());
    // After a stated 503, the form is that 503's body: still one exchange, not a 429.
    let xs = each(format!("Hikeup error response status: 503\n{FORM}\n").as_bytes());
    assert_eq!(statuses(&xs), [503]);
    assert!(!ids(&xs[0]).contains(&"status-inferred-from-body"));
    // Alone, the body is an inferred 429.
    let xs = each(format!("{FORM}\n").as_bytes());
    assert_eq!(statuses(&xs), [429]);
    assert!(ids(&xs[0]).contains(&"status-inferred-from-body"));
}

#[test]
fn bodies_and_their_overflow_stay_bodies_and_a_long_body_ends_where_its_length_says() {
    // A JSON body that states a status, before the codes `curl -w '%{http_code}\n'` wrote:
    // the codes are the exchanges, with their bodies.
    let w = b"{\"status\":404,\"message\":\"Not Found\"}\n404\n{\"products\":[]}\n200\n";
    let xs = each(w);
    assert_eq!(statuses(&xs), [404, 200]);
    assert!(xs.iter().all(|x| x["source"] == "curl -w"), "{xs:?}");
    // A body printed longer than its length (a formatted JSON, as HTTPie prints it): the
    // rest, `"status": 429` and all, is more of the body.
    let mut pretty = curl_i_with_body("{\"a\":1}");
    pretty.push_str("\n{\n    \"status\": 429,\n    \"message\": \"HTTP 429 from upstream\"\n}\n");
    assert_eq!(statuses(&each(pretty.as_bytes())), [429]);
    // A body longer than what is kept still ends at its length: a logger's record after it
    // is the application's exchange.
    let mut long = curl_i_with_body(&"x".repeat(70_000));
    long.push_str("\n{\"level\":\"error\",\"message\":\"x\",\"status\":503,\"timestamp\":\"2026-12-05T08:00:00Z\"}\n");
    let xs = each(long.as_bytes());
    assert_eq!(statuses(&xs), [429, 503]);
    assert_eq!(xs[1]["source"], "winston JSON");
}

#[test]
fn a_credential_in_a_loggers_context_after_a_library_line_is_never_echoed() {
    // Guzzle's summary folded into a Monolog line, the logger's context after it holding a
    // key as Guzzle's headers array writes it: the body is the summary's text, and the key
    // is hidden in every mode (`explain` here fails on any `SECRET` in its output).
    let line = b"[2026-12-05T08:30:00+00:00] app.ERROR: Client error: `GET https://api.hikeup.com/api/v1/products` resulted in a `401 Unauthorized` response: Unauthorized {\"headers\":{\"X-Api-Key\":[\"hk_live_SECRETKEY1234567\"]}} []\n";
    for mode in [
        &[][..],
        &["--json"],
        &["--each", "--json"],
        &["--summary", "--json"],
        &["--handoff", "--include-bodies"],
        &["--summary", "--handoff", "--include-bodies"],
    ] {
        explain(line, mode);
    }
    let v = explain(line, &["--json"]).json();
    assert_eq!(
        (v["status"].clone(), v["body"]["bytes"].clone()),
        (Value::from(401), Value::from(12))
    );
}
