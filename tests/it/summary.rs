//! `explain --summary` on a real log whose Date headers the server was told to send
//! (fixtures/server/capture-summary.sh), every expected count worked out by hand below.

use crate::common;

use common::{fixture, run};
use serde_json::{Value, json};

const LOG: &str = "log-summary-dates.txt";

fn summary(extra: &[&str]) -> (Value, i32) {
    let path = fixture(LOG);
    let mut args = vec!["explain", "--summary", "--json", path.to_str().unwrap()];
    args.extend_from_slice(extra);
    let r = run(&args, None);
    let v = serde_json::from_str(&r.stdout).unwrap_or_else(|e| panic!("{e}: {}", r.stdout));
    (v, r.code)
}

// The calls, at T0 = 1795000000 (2026-11-18T11:06:40Z) plus:
//   #1-#5  0 s     200 GET /api/v1/products/get_all   (a burst inside one second)
//   #6     30 s    200 GET /api/v1/products/101
//   #7     59 s    200 GET /api/v1/products/102
//   #8     60 s    200 GET /api/v1/customers/7         (exactly 60 s after T0)
//   #9     100 s   429 Minute, Retry-After: 30         a cooldown [100, 130)
//   #10    110 s   200 sales/get_all                   a success inside: it ends there
//   #11    120 s   429 Minute, no Retry-After          a new cooldown [120, 180)
//   #12    150 s   200 sales/get_all                   a success inside: it ends there
//   #13    200 s   200 sales/get_all                   no cooldown
//   #14    3600 s  429 Daily on products/get_all       a cooldown [3600, 3600 + 24 h)
//   #15    7200 s  500 GET /api/v1/orders/export       inside it: during
//   #16    curl: (7), no response, no time             not counted in windows or cooldown
//   #17    172800 s 200 products/get_all               after 90000
//   #18    40 s    200 GET /api/v1/products/103        time goes backwards: before the
//                                                      cooldown's start, and before both
//                                                      windows that end at #17
#[test]
fn a_sync_jobs_log_against_hikes_limits() {
    let (v, code) = summary(&[]);
    assert_eq!(code, 0);
    assert_eq!(v["exchanges"], 18);
    assert_eq!(v["no_response"], 1);
    // 200: #1-#8, #10, #12, #13, #17, #18 = 13; 429: #9, #11, #14; 500: #15.
    assert_eq!(v["by_status"], json!({"200": 13, "429": 3, "500": 1}));
    assert_eq!(v["by_class"], json!({"2xx": 13, "4xx": 3, "5xx": 1}));
    let rl = &v["rate_limit"];
    assert_eq!(
        (
            rl["hits"].clone(),
            rl["minute"].clone(),
            rl["daily"].clone()
        ),
        (3.into(), 2.into(), 1.into())
    );
    // [T0, T0 + 60 s) holds #1-#5, #6 (30 s), #7 (59 s): 7; #8 at exactly 60 s is in the
    // next window. #18 (40 s) comes after #17, two days on, when no window ahead can hold
    // it: the log is out of order once, and the peaks are lower bounds (the true ones, 8
    // and 16, are at most 1 more).
    assert_eq!(rl["peak_per_minute"], 7);
    assert_eq!(rl["out_of_order"], 1);
    // [T0, T0 + 24 h) holds every timed call but #17 (two days on) and #18: 17 - 2 = 15.
    assert_eq!(rl["peak_per_day"], 15);
    // #15 only: the successes #10 and #12 ended their cooldowns.
    assert_eq!(rl["during_cooldown"], 1);
    assert_eq!(v["first_time"], "2026-11-18T11:06:40Z");
    assert_eq!(v["last_time"], "2026-11-20T11:06:40Z");
    // The failures, in input order, with their request ids (the server counts requests,
    // and the failed call #16 reached none).
    let f = v["failures"].as_array().unwrap();
    let idx: Vec<u64> = f.iter().map(|x| x["index"].as_u64().unwrap()).collect();
    assert_eq!(idx, [9, 11, 14, 15, 16]);
    assert_eq!(f[3]["status"], 500);
    assert_eq!(f[3]["time"], "2026-11-18T13:06:40Z");
    assert_eq!(f[3]["path"], "/api/v1/orders/export");
    assert_eq!(f[4]["status"], Value::Null);
    assert_eq!(f[4]["request_id"], Value::Null);
    let id = |i: usize| {
        f[i]["request_id"]
            .as_str()
            .unwrap()
            .trim_start_matches("req-")
            .parse::<u32>()
            .unwrap()
    };
    assert_eq!((id(1) - id(0), id(2) - id(0), id(3) - id(0)), (2, 5, 6));
    // Endpoints: ids collapsed, most frequent first.
    let e = v["endpoints"].as_array().unwrap();
    let rows: Vec<(String, u64)> = e
        .iter()
        .map(|x| {
            (
                x["path"].as_str().unwrap().to_string(),
                x["count"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            ("/api/v1/products/get_all".to_string(), 7),
            ("/api/v1/sales/get_all".to_string(), 5),
            ("/api/v1/products/{id}".to_string(), 3),
            ("/api/v1/customers/{id}".to_string(), 1),
            ("/api/v1/orders/export".to_string(), 1),
        ]
    );
    assert_eq!(e[0]["by_status"], json!({"200": 6, "429": 1}));
    assert_eq!(v["endpoints_other"], 0);
    // --fail: a 5xx is there.
    assert_eq!(summary(&["--fail"]).1, 5);
}

#[test]
fn the_text_says_it_against_hikes_limits() {
    let path = fixture(LOG);
    let r = run(&["explain", "--summary", path.to_str().unwrap()], None);
    assert_eq!(r.code, 0);
    for needle in [
        "18 exchanges, 1 with no response",
        "peak 7 calls within one minute, within Hike's 60",
        "peak 15 calls within 24 hours, within Hike's 5000",
        "1 call was made during a cooldown",
        "429  Too Many Requests",
        "1× 500 GET /api/v1/orders/export #15 at 2026-11-18T13:06:40Z",
    ] {
        assert!(r.stdout.contains(needle), "{needle}:\n{}", r.stdout);
    }
}

#[test]
fn summary_exit_statuses_and_usage() {
    // No exchange got a response: 1.
    let r = run(
        &["explain", "--summary"],
        Some(b"curl: (7) Failed to connect\ncurl: (6) Could not resolve host: h\n"),
    );
    assert_eq!(r.code, 1);
    let v: Value = serde_json::from_str(&r.stdout).unwrap_or(Value::Null);
    assert!(v.is_null(), "text, not JSON, without --json");
    assert!(
        r.stdout.contains("2 exchanges, 2 with no response"),
        "{}",
        r.stdout
    );
    // Only 2xx and 4xx with --fail: 4.
    let r = run(
        &[
            "explain",
            "--summary",
            "--fail",
            fixture("log-curl-v-two-runs.txt").to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(r.code, 4);
    // No time at all: the windows are null.
    let r = run(
        &["explain", "--summary", "--json"],
        Some(b"HTTP/1.1 200 OK\r\n\r\n"),
    );
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["rate_limit"]["peak_per_minute"], Value::Null);
    assert_eq!(v["first_time"], Value::Null);
    assert_eq!(v["endpoints"], json!([]));
    for bad in [
        &["--summary", "--each"][..],
        &["--summary", "--exchange", "1"],
    ] {
        let mut args = vec!["explain", "-"];
        args.extend_from_slice(bad);
        assert_eq!(run(&args, Some(b"200\n")).code, 2, "{bad:?}");
    }
}

#[test]
fn a_lone_curl_w_code_is_one_exchange_as_each_counts_it() {
    // `curl -s -o /dev/null -w '%{http_code}' URL`: one URL, one code. `--each` explains it
    // as exchange 1; the summary once said "0 exchanges" and exited 1.
    let path = fixture("curl-w-http-code.txt");
    let r = run(
        &[
            "explain",
            "--summary",
            "--json",
            "--fail",
            path.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(r.code, 4, "{}", r.stderr);
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["exchanges"], 1);
    assert_eq!(v["no_response"], 0);
    assert_eq!(v["by_status"], json!({"404": 1}));
    assert_eq!(v["failures"][0]["index"], 1);
    assert_eq!(v["failures"][0]["status"], 404);
    let each = run(
        &["explain", "--each", "--json", path.to_str().unwrap()],
        None,
    );
    let line: Value = serde_json::from_str(each.stdout.trim()).unwrap();
    assert_eq!(
        (line["index"].clone(), line["status"].clone()),
        (json!(1), json!(404))
    );
    // `000`: curl got no response; one exchange, with none.
    let r = run(&["explain", "--summary", "--json"], Some(b"000"));
    assert_eq!(r.code, 1);
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(
        (v["exchanges"].clone(), v["no_response"].clone()),
        (json!(1), json!(1))
    );
    assert!(r.stderr.contains("no status code (000)"), "{}", r.stderr);
}

#[test]
fn one_exchange_reads_in_the_singular() {
    let r = run(
        &["explain", "--summary", "--color", "never"],
        Some(b"HTTP/1.1 200 OK\r\nDate: Wed, 25 Nov 2026 12:00:00 GMT\r\n\r\n"),
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let head = r.stdout.lines().next().unwrap_or("");
    assert!(head.starts_with("1 exchange, from "), "{}", r.stdout);
    assert!(
        r.stdout.contains("peak 1 call within one minute"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("peak 1 call within 24 hours"),
        "{}",
        r.stdout
    );
    assert!(!r.stdout.contains("1 calls"), "{}", r.stdout);
}

#[test]
fn a_single_failure_says_why_as_each_does() {
    let input = b"curl: (7) Failed to connect to 127.0.0.1 port 18099 after 0 ms: Couldn't connect to server\n";
    let each = run(&["explain", "--each"], Some(input));
    let summary = run(&["explain", "--summary"], Some(input));
    assert_eq!((each.code, summary.code), (1, 1));
    assert!(each.stderr.contains("curl error 7"), "{}", each.stderr);
    assert_eq!(summary.stderr, each.stderr);
}

/// A long log of many families: 5,000 winston calls that succeed, winston and pino
/// records, access-log lines with a query's `access_token` and then a failed call whose
/// path holds it (hidden only because it was seen before), then `curl -si` logs with
/// request ids (taken as frames), whose failures fill the hundred the summary lists (the
/// parser keeps request ids only while it lists them) and go past it. The command's report
/// is the library's, counting every exchange the parser hands out whole.
#[test]
fn a_long_log_of_many_families_is_the_librarys_summary() {
    use hike_status::redact::Secrets;
    use hike_status::summary::Summary;
    use hike_status::transcript::Limits;

    let winston = common::fixture_bytes("applog/winston-axios.log");
    let ok = winston
        .split_inclusive(|&b| b == b'\n')
        .find(|l| l.windows(13).any(|w| w == b"\"status\":200,"))
        .expect("a winston call that succeeded");
    let mut input = ok.repeat(5_000);
    let planted = "{\"level\":\"error\",\"message\":\"Hike call failed\",\"method\":\"GET\",\"status\":404,\"timestamp\":\"2026-12-05T08:27:40.000Z\",\"url\":\"/api/v1/SECRETQUERY/items\"}\n";
    // Records, then captures: a log of `curl -i` exchanges is read as one to its end.
    let piece = |input: &mut Vec<u8>, name: &str| {
        input.extend(common::fixture_bytes(name));
        if !input.ends_with(b"\n") {
            input.push(b'\n');
        }
    };
    piece(&mut input, "applog/winston-axios.log");
    piece(&mut input, "applog/pino-axios.log");
    for _ in 0..8 {
        piece(&mut input, "applog/nginx-access.log");
        input.extend(planted.as_bytes());
    }
    for _ in 0..100 {
        piece(&mut input, "log-curl-si-loop-newline.txt");
    }
    piece(&mut input, "log-windows-many-failures.txt");
    let exchanges = common::parse::exchanges_with(Limits::default(), &input, usize::MAX);
    assert!(exchanges.len() > 6_000, "{}", exchanges.len());
    let mut known = Secrets::new();
    let mut s = Summary::new();
    for x in &exchanges {
        let mut x = x.clone();
        known.absorb(&x.secrets);
        if !known.is_empty() {
            x.secrets = known.clone();
        }
        s.add(&x);
    }
    let lib = serde_json::to_value(s.report()).unwrap();
    let listed = lib["failures"].as_array().expect("failures");
    assert_eq!(listed.len(), 100);
    assert!(listed.iter().any(|f| f["request_id"].is_string()));
    let text = lib.to_string();
    assert!(!text.contains("SECRETQUERY"));
    assert!(text.contains("/api/v1/[redacted, 11 chars]/items"));

    let dir = std::env::temp_dir().join(format!("hike-status-long-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("long.log");
    std::fs::write(&path, &input).unwrap();
    let r = run(
        &["explain", "--summary", "--json", path.to_str().unwrap()],
        None,
    );
    std::fs::remove_dir_all(&dir).ok();
    let cmd: Value =
        serde_json::from_str(&r.stdout).unwrap_or_else(|e| panic!("{e}: {}", r.stderr));
    assert!(
        cmd == lib,
        "the command's summary differs from the library's"
    );
}

/// A server's Date in HTTP's two obsolete forms (RFC 850 and asctime; captured with curl
/// -si from server/obsolete_dates.py) is read as the preferred form is: in each exchange's
/// `time`, and in the summary's windows.
#[test]
fn obsolete_date_forms_give_the_exchanges_times() {
    let path = fixture("log-curl-si-obsolete-dates.txt");
    let path = path.to_str().unwrap();
    let each = run(&["explain", "--each", "--json", path], None);
    let times: Vec<(Value, Value)> = each
        .stdout
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .map(|v| (v["status"].clone(), v["time"].clone()))
        .collect();
    assert_eq!(
        times,
        vec![
            (json!(429), json!("1994-11-06T08:49:37Z")),
            (json!(500), json!("1994-11-06T08:49:37Z")),
        ],
        "{}",
        each.stderr
    );
    let s = run(&["explain", "--summary", "--json", path], None);
    let v: Value = serde_json::from_str(&s.stdout).unwrap_or_else(|e| panic!("{e}: {}", s.stderr));
    assert_eq!(v["first_time"], "1994-11-06T08:49:37Z");
    assert_eq!(v["last_time"], "1994-11-06T08:49:37Z");
    assert_eq!(v["rate_limit"]["peak_per_minute"], 2);
}
