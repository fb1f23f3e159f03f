//! The fast lane for structured logs gives what the line machine gives: on logs of JSON
//! records (calls, records with none, every shape the lane must leave to the machine, real
//! lines of every application-log fixture) mixed with captures and clients' lines, in any
//! chunk sizes, equal transcripts and exchanges with the lane on and off, and a summary from
//! [`Parser::streaming_frames`] equal to one from every exchange, frame by frame.

use crate::common;
use crate::fast_lane::{BETWEEN, Log, captures, check, count_frames, items, sizes};

use hike_status::transcript::{Item, Limits, Parser};
use proptest::prelude::*;

/// Every line of every application-log fixture.
fn fixture_lines() -> Vec<Vec<u8>> {
    let dir = std::fs::read_dir(common::fixture("applog")).expect("tests/fixtures/applog");
    let mut names: Vec<String> = dir
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let mut lines = Vec::new();
    for n in names {
        let bytes = common::fixture_bytes(&format!("applog/{n}"));
        lines.extend(bytes.split_inclusive(|&b| b == b'\n').map(<[u8]>::to_vec));
    }
    lines
}

/// A flat record with a call, as winston's JSON format writes one, in any key order, with
/// what could change how it is read: method case, a status out of range, a credential in
/// its URL or body, a body as text or nested, a time that does not parse.
fn call() -> impl Strategy<Value = String> {
    let status = prop::sample::select(vec![
        "200", "200", "201", "401", "404", "422", "429", "429", "500", "503", "101", "204", "304",
        "302", "700", "\"429\"", "429.0",
    ]);
    let method = prop::option::of(prop::sample::select(vec![
        "GET", "get", "Post", "PUT", "DELETE", "",
    ]));
    let url = prop::option::of(prop::sample::select(vec![
        "/api/v1/products",
        "/api/v1/products?page=2",
        "/api/v1/stock?access_token=tok-AAAA1111",
        "https://api.example.test/api/v1/sales/get_all",
        "https://user:pw@api.example.test/x",
        "/api/v1/x#frag",
        "",
    ]));
    let time = prop::sample::select(vec![
        "2026-12-04T16:00:00.350Z",
        "2026-12-04T16:00:59Z",
        "2026-12-04T16:01:00.000+02:00",
        "2026-12-04 16:02:00",
        "yesterday",
    ]);
    let data = prop::option::of(prop::sample::select(vec![
        "\"oauth_problem=rate limit exceeded&oauth_problem_advice=wait\"",
        "\"plain text body\"",
        "{\"errors\":[\"Product not found\"]}",
        "{\"access_token\":\"tok-C3333\",\"token_type\":\"bearer\"}",
        "[1,2,3]",
        "\"access_token=sek-B2222&x=1\"",
        "null",
        // A time of its own, nested: the call's time is the top-level one.
        "{\"timestamp\":\"2026-12-04T15:00:00Z\",\"errors\":[\"late\"]}",
    ]));
    let message = prop::sample::select(vec![
        "Hike call ok",
        "Hike call failed",
        "Request failed with status code 429",
        "Synced 2 products",
    ]);
    (status, method, url, time, data, message, any::<u64>()).prop_map(
        |(status, method, url, time, data, message, order)| {
            let mut fields = vec![
                format!("\"level\":\"info\""),
                format!("\"message\":\"{message}\""),
                format!("\"status\":{status}"),
                format!("\"timestamp\":\"{time}\""),
            ];
            if let Some(m) = method {
                fields.push(format!("\"method\":\"{m}\""));
            }
            if let Some(u) = url {
                fields.push(format!("\"url\":\"{u}\""));
            }
            if let Some(d) = data {
                fields.push(format!("\"data\":{d}"));
            }
            // Some order of the fields: a rotation, maybe reversed.
            let n = fields.len();
            fields.rotate_left((order % n as u64) as usize);
            if order & 1 << 40 != 0 {
                fields.reverse();
            }
            format!("{{{}}}\n", fields.join(","))
        },
    )
}

/// Records with no call, and records the lane must leave to the machine.
const OTHER_RECORDS: &[&str] = &[
    "{\"level\":\"info\",\"message\":\"Synced 188 products in 616ms\",\"timestamp\":\"2026-12-04T16:00:01.050Z\"}\n",
    "{\"level\":\"info\",\"message\":\"Server listening on port 5000\"}\n",
    "{\"level\":\"error\",\"message\":\"Request failed with status code 429\",\"timestamp\":\"2026-12-04T16:00:02Z\"}\n",
    "{\"level\":\"error\",\"message\":\"AxiosError: Request failed with status code 401\"}\n",
    "{\"level\":\"error\",\"data\":\"oauth_problem=token_expired\"}\n",
    "{\"Status\":429,\"timestamp\":\"2026-12-04T16:00:03Z\"}\n",
    "{\"status\":429,\"retryAfter\":30,\"timestamp\":\"2026-12-04T16:00:03Z\"}\n",
    "{\"status\":429,\"headers\":{\"retry-after\":\"30\",\"x-rate-limit-problem\":\"Minute\"},\"timestamp\":\"2026-12-04T16:00:03Z\"}\n",
    "{\"status\":500,\"requestId\":\"a1b2c3d4-0002\",\"timestamp\":\"2026-12-04T16:00:04Z\"}\n",
    "{\"status\":401,\"headers\":{\"Authorization\":\"Bearer tok-AAAA1111\"},\"timestamp\":\"2026-12-04T16:00:05Z\"}\n",
    "{\"status\":200,\"message\":\"a \\\"quoted\\\" word\",\"timestamp\":\"2026-12-04T16:00:06Z\"}\n",
    "{\"status\": 200, \"timestamp\": \"2026-12-04T16:00:06Z\"}\n",
    "{\"status\":200,\"status\":429,\"timestamp\":\"2026-12-04T16:00:07Z\"}\n",
    "{\"status\":200,\"timestamp\":\"2026-12-04T16:00:08Z\",\"url\":\"/caf\u{e9}\"}\n",
    "{\"status\":200,\"timestamp\":\"2026-12-04T16:00:08Z\",\"url\":\"/x\u{1b}[31m\"}\n",
    "{\"response_code\":200,\"url_effective\":\"http://h/x\"}\n",
    "{\"level\":\"info\",\"message\":\"cut short\",\"timest",
    "{\n",
    "{}\n",
    "\n",
    "Synced 12 products\n",
];

#[derive(Debug, Clone)]
enum Piece {
    Call(String),
    Line(Vec<u8>),
}

/// A structured log, with lines of other kinds in it when `odd`.
fn log(odd: bool) -> impl Strategy<Value = Log> {
    let other = prop::sample::select(OTHER_RECORDS).prop_map(|r| Piece::Line(r.into()));
    let piece = if odd {
        prop_oneof![
            8 => call().prop_map(Piece::Call),
            3 => other,
            3 => prop::sample::select(fixture_lines()).prop_map(Piece::Line),
            1 => prop::sample::select(BETWEEN).prop_map(|b| Piece::Line(b.to_vec())),
            1 => prop::sample::select(captures()).prop_map(Piece::Line),
        ]
        .boxed()
    } else {
        prop_oneof![4 => call().prop_map(Piece::Call), 1 => other].boxed()
    };
    prop::collection::vec(piece, 1..40).prop_map(|pieces| {
        let mut out = Vec::new();
        for p in pieces {
            match p {
                Piece::Call(c) => out.extend(c.bytes()),
                Piece::Line(l) => out.extend(l),
            }
        }
        Log(out)
    })
}

/// `call` with its time's text replaced by `time`.
fn at_time(call: &str, time: &str) -> String {
    let key = "\"timestamp\":\"";
    let at = call.find(key).expect("a call has a time") + key.len();
    let end = at + call[at..].find('"').expect("its string ends");
    format!("{}{time}{}", &call[..at], &call[end..])
}

/// A time's text: of the characters a call read before is recalled at (some of them no
/// time at all), or another.
fn time_text() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => "[0-9TZ:.+-]{1,44}",
        3 => prop::sample::select(vec![
            "2026-12-04T16:00:00.350Z",
            "2026-12-04T16:00:00Z",
            "2026-12-04T16:00:00+02:00",
            "2026-12-04T16:00:00.123456-05:30",
            "1764864000000",
            "1764864000",
            "2026-12-04",
            "20261204T160000Z",
            "2026-12-04T16:00",
            // A time with text after it: cut out only when every byte may stand in a time.
            "2026-12-04T16:00:00Z-1",
            "2026-12-04T16:00:00Z Cookie: sid-1",
            "2026-12-04T16:00:00.350Z+",
        ])
        .prop_map(String::from),
        1 => "[ -~]{0,12}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 192, ..ProptestConfig::default() })]

    /// A call logged again and again at other times (the lane recalls what it read of it).
    #[test]
    fn a_call_again_at_other_times_matches(
        call in call(),
        times in prop::collection::vec(time_text(), 2..16),
        other in prop::sample::select(OTHER_RECORDS),
        sizes in sizes(),
    ) {
        let mut input = Vec::new();
        for (i, t) in times.iter().enumerate() {
            input.extend(at_time(&call, t).bytes());
            if i % 4 == 3 {
                input.extend(other.bytes());
            }
        }
        check(&input, &sizes)?;
    }

    #[test]
    fn the_record_lane_matches_the_line_machine(input in log(true), sizes in sizes()) {
        check(&input.0, &sizes)?;
    }

    #[test]
    fn record_logs_match(input in log(false), sizes in sizes()) {
        check(&input.0, &sizes)?;
    }
}

/// The real structured logs, whole and byte by byte; winston's calls are framed.
#[test]
fn real_structured_logs_match_and_winstons_calls_are_framed() {
    let dir = std::fs::read_dir(common::fixture("applog")).expect("tests/fixtures/applog");
    for name in dir.map(|e| e.unwrap().file_name().to_string_lossy().into_owned()) {
        let input = common::fixture_bytes(&format!("applog/{name}"));
        check(&input, &[input.len()]).unwrap_or_else(|e| panic!("{name}: {e}"));
        check(&input, &[1]).unwrap_or_else(|e| panic!("{name}, byte by byte: {e}"));
    }
    let winston = common::fixture_bytes("applog/winston-axios.log");
    let framed = items(
        Parser::streaming_frames(Limits::default()),
        &winston,
        &[winston.len()],
    );
    let frames = count_frames(&framed);
    // The 200 and the 429 before the 401; the 401's body has an `error` key, one the record
    // reader looks up, so from there on the records are the machine's.
    assert_eq!(frames, 2, "winston's calls are framed");
    assert!(
        framed
            .iter()
            .any(|i| matches!(i, Item::Frame(f) if f.request.is_some())),
        "a frame names its request"
    );
}
