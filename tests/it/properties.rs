//! Property tests on the transcript parser and the explain report: arbitrary bytes, mutated
//! real captures, huge lines, many status lines, NUL and invalid UTF-8 never panic; chunking
//! never changes the answer nor the exchanges (of every application log too, cut
//! anywhere); a log cut into exchanges and joined again gives the same statuses; the human
//! output never carries an escape sequence or a credential from the input. Sized to finish
//! in seconds; the long runs are the fuzzer's.

use crate::common;
use crate::fast_lane::{items, summarize};

use std::time::{Duration, SystemTime};

use common::assert_clean;
use common::parse::exchanges_with;
use hike_status::explain::{explain, explain_exchange};
use hike_status::render;
use hike_status::summary::Summary;
use hike_status::transcript::{Exchange, Limits, Parser, Transcript};
use proptest::prelude::*;

mod applog;

const FIXTURES: &[&str] = &[
    "curl-i-429-minute.txt",
    "curl-iL-redirect-chain.txt",
    "curl-v-401-bearer.txt",
    "curl-v-100-continue-201.txt",
    "curl-v-http2-503.txt",
    "curl-v-query-token-403.txt",
    "curl-i-gzip-500.txt",
    "httpie-pretty-all-422.txt",
    "httpie-v-401.txt",
    "wget-S-content-on-error-422.txt",
    "curl-error-7-refused.txt",
    "log-curl-si-loop-glued.txt",
    "log-summary-dates.txt",
];

fn now() -> SystemTime {
    SystemTime::UNIX_EPOCH + Duration::from_secs(1_795_000_000)
}

fn parse_in_chunks(input: &[u8], chunk: usize) -> Transcript {
    parse_with(Limits::default(), input, chunk)
}

fn parse_with(limits: Limits, input: &[u8], chunk: usize) -> Transcript {
    let mut p = Parser::with_limits(limits);
    for c in input.chunks(chunk.max(1)) {
        p.feed(c);
    }
    p.finish()
}

/// Every exchange of the input, from a streaming parser fed in chunks.
fn exchanges_in_chunks(input: &[u8], chunk: usize) -> Vec<Exchange> {
    exchanges_with(Limits::default(), input, chunk)
}

/// What `explain --each --json` makes of the exchanges: a JSON value, or the error.
fn each_json(xs: &[Exchange]) -> Vec<Result<serde_json::Value, String>> {
    xs.iter()
        .map(|x| {
            explain_exchange(x, now())
                .map(|r| serde_json::to_value(&r).unwrap())
                .map_err(|e| e.to_string())
        })
        .collect()
}

/// One `curl -si` capture: maybe a `100 Continue`, redirects followed, and a final
/// response whose body, bounded by its Content-Length, may quote a status line and may
/// have no newline after it (captures glued together).
#[derive(Debug, Clone)]
struct Capture {
    interim: bool,
    hops: Vec<u16>,
    status: u16,
    body: String,
    quote: bool,
    newline: bool,
}

impl Capture {
    fn bytes(&self) -> Vec<u8> {
        let mut s = String::new();
        if self.interim {
            s.push_str("HTTP/1.1 100 Continue\r\n\r\n");
        }
        for h in &self.hops {
            s.push_str(&format!(
                "HTTP/1.1 {h} Moved\r\nLocation: /next\r\nContent-Length: 162\r\n\r\n"
            ));
        }
        let body = if self.quote {
            format!("upstream said:\r\nHTTP/1.1 200 OK\r\n\r\n{}", self.body)
        } else {
            self.body.clone()
        };
        s.push_str(&format!(
            "HTTP/1.1 {} X\r\nContent-Type: text/plain\r\nContent-Length: {}\r\n\r\n{body}",
            self.status,
            body.len()
        ));
        if self.newline {
            s.push('\n');
        }
        s.into_bytes()
    }

    fn chain(&self) -> Vec<u16> {
        let mut c = Vec::new();
        if self.interim {
            c.push(100);
        }
        c.extend(&self.hops);
        c.push(self.status);
        c
    }
}

fn capture() -> impl Strategy<Value = Capture> {
    let finals = vec![
        200u16, 201, 202, 400, 401, 403, 404, 422, 429, 500, 502, 503,
    ];
    (
        any::<bool>(),
        prop::collection::vec(prop::sample::select(vec![301u16, 302, 307]), 0..3),
        prop::sample::select(finals),
        "[a-z {}\":,]{0,40}",
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(interim, hops, status, body, quote, newline)| Capture {
            interim,
            hops,
            status,
            body,
            quote,
            newline,
        })
}

/// A line of a body with no length: quiet text, text quoting a status line or ending in
/// one (within what is kept of a line or past it), lines a client could have written,
/// runs of `H`, items of an error list, lines ending in `\r` or starting with a tab, a
/// carriage return or an escape, lines longer than what is kept.
fn unframed_body_line() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => "[a-z{\"][a-zA-Z0-9 \":,{}]{0,60}",
        2 => "\\{\"message\": \"bad [a-z]{1,8}\", \"field\": \"[a-z]{1,6}\"\\},",
        1 => "[a-z{}\"]{0,10}HTTP/1\\.1 50[03] Busy",
        1 => "x{30,200}HTTP/1\\.1 500 Oops",
        1 => "[a-z]{1,5}x{0,150}HTTP/x{0,150}",
        1 => "[a-z]{1,10} HTTP/[0-9 a-z]{0,8}",
        1 => "[A-Z<>*0-9 -][a-z ]{0,20}",
        1 => "[\t\r\x1b][a-z ]{0,10}",
        1 => "[a-z{\"][a-z \":,]{0,40}\r",
        1 => "[a-z]{0,3}H{1,12}[a-zT]{0,5}",
        1 => "x{40,140}",
        1 => Just("Server: x".to_string()),
        1 => Just(String::new()),
    ]
}

/// The start of a response whose body those lines make: with no length, an error body
/// (its errors looked for as it is counted), a length, a `curl -v` trace, no body.
fn unframed_head() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n",
        "HTTP/1.1 422 Unprocessable Entity\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n{\"errors\": [\n",
        "HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n\r\n",
        "HTTP/1.1 200 OK\r\nContent-Length: 30\r\n\r\n",
        "< HTTP/1.1 500 Oops\r\n< Connection: close\r\n<\r\n",
        "HTTP/1.1 204 No Content\r\n\r\n",
    ])
}

/// Explains the input and renders both views; returns the human view.
fn human(input: &[u8], chunk: usize) -> Option<String> {
    colored::control::set_override(false);
    let report = explain(&parse_in_chunks(input, chunk), now()).ok()?;
    let mut text = Vec::new();
    render::report(&mut text, &report).unwrap();
    let mut json = Vec::new();
    render::json(&mut json, &report).unwrap();
    serde_json::from_slice::<serde_json::Value>(&json).expect("valid JSON");
    Some(String::from_utf8(text).expect("UTF-8 text"))
}

fn fixture_strategy() -> impl Strategy<Value = Vec<u8>> {
    prop::sample::select(FIXTURES).prop_map(common::fixture_bytes)
}

#[derive(Debug, Clone)]
enum Mutation {
    Flip(usize, u8),
    Insert(usize, Vec<u8>),
    Delete(usize, usize),
}

fn mutate(mut input: Vec<u8>, mutations: &[Mutation]) -> Vec<u8> {
    for m in mutations {
        let len = input.len().max(1);
        match m {
            Mutation::Flip(at, b) => {
                if !input.is_empty() {
                    input[at % len] ^= b;
                }
            }
            Mutation::Insert(at, bytes) => {
                let at = at % (input.len() + 1);
                input.splice(at..at, bytes.iter().copied());
            }
            Mutation::Delete(at, n) => {
                let at = at % len;
                let end = (at + n).min(input.len());
                if at < end {
                    input.drain(at..end);
                }
            }
        }
    }
    input
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let interesting = prop::sample::select(vec![
        &b"\x1b[31m"[..],
        b"\x1b]0;title\x07",
        b"\r",
        b"\n",
        b"\r\n\r\n",
        b"HTTP/1.1 ",
        b"HTTP/2 429\r\n",
        b"< ",
        b"> ",
        b"\x00",
        b"\xff\xfe",
        b"\xe2\x80\xae",
        b"Retry-After: ",
        b"{\"errors\":",
    ])
    .prop_map(<[u8]>::to_vec);
    prop_oneof![
        (any::<usize>(), 1u8..=255).prop_map(|(a, b)| Mutation::Flip(a, b)),
        (any::<usize>(), interesting).prop_map(|(a, b)| Mutation::Insert(a, b)),
        (any::<usize>(), prop::collection::vec(any::<u8>(), 1..16))
            .prop_map(|(a, b)| Mutation::Insert(a, b)),
        (any::<usize>(), 1usize..64).prop_map(|(a, n)| Mutation::Delete(a, n)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(input in prop::collection::vec(any::<u8>(), 0..4096), chunk in 1usize..512) {
        if let Some(text) = human(&input, chunk) {
            assert_clean(&text, "the text view");
        }
    }

    #[test]
    fn mutated_captures_never_panic_or_leak_escapes(
        input in fixture_strategy(),
        mutations in prop::collection::vec(mutation(), 1..8),
        chunk in 1usize..300,
    ) {
        let input = mutate(input, &mutations);
        if let Some(text) = human(&input, chunk) {
            assert_clean(&text, "the text view");
        }
    }

    #[test]
    fn chunking_never_changes_the_answer(input in fixture_strategy(), chunk in 1usize..200) {
        let whole = parse_in_chunks(&input, input.len());
        let chunked = parse_in_chunks(&input, chunk);
        // The whole parsed value, then the report made from it.
        prop_assert_eq!(&whole, &chunked);
        match (explain(&whole, now()), explain(&chunked, now())) {
            (Ok(a), Ok(b)) => prop_assert_eq!(
                serde_json::to_value(&a).unwrap(),
                serde_json::to_value(&b).unwrap()
            ),
            (Err(a), Err(b)) => prop_assert_eq!(a, b),
            (a, b) => prop_assert!(false, "{:?} vs {:?}", a.is_ok(), b.is_ok()),
        }
    }

    #[test]
    fn chunking_never_changes_the_transcript_with_small_limits(
        input in fixture_strategy(),
        mutations in prop::collection::vec(mutation(), 0..4),
        chunk in 1usize..100,
    ) {
        // Small limits reach the cut-off paths (long lines, full bodies) with small inputs.
        let input = mutate(input, &mutations);
        let limits = Limits::tiny();
        let whole = parse_with(limits, &input, input.len());
        let chunked = parse_with(limits, &input, chunk);
        // The whole value: a field added to Transcript is compared too.
        prop_assert_eq!(whole, chunked);
        prop_assert_eq!(
            exchanges_with(limits, &input, input.len()),
            exchanges_with(limits, &input, chunk)
        );
    }

    #[test]
    fn cutting_a_log_into_exchanges_and_joining_them_keeps_the_statuses(
        captures in prop::collection::vec(capture(), 1..12),
        chunk in 1usize..300,
    ) {
        // Each capture alone is one exchange with its own chain.
        let mut alone = Vec::new();
        for c in &captures {
            let xs = exchanges_in_chunks(&c.bytes(), chunk);
            prop_assert_eq!(xs.len(), 1, "{:?}", c);
            prop_assert_eq!(xs[0].status(), Some(c.status));
            prop_assert_eq!(xs[0].chain.codes(), c.chain());
            alone.push(xs[0].chain.codes());
        }
        // Joined into one log, the same exchanges come out in order, numbered from 1.
        let log: Vec<u8> = captures.iter().flat_map(Capture::bytes).collect();
        let xs = exchanges_in_chunks(&log, chunk);
        let joined: Vec<Vec<u16>> = xs.iter().map(|x| x.chain.codes()).collect();
        prop_assert_eq!(joined, alone);
        let indexes: Vec<u64> = xs.iter().map(|x| x.index).collect();
        prop_assert_eq!(indexes, (1..=captures.len() as u64).collect::<Vec<_>>());
        let t = parse_in_chunks(&log, chunk);
        prop_assert_eq!(t.exchanges, captures.len() as u64);
        prop_assert_eq!(t.last.status(), captures.last().map(|c| c.status));
    }

    #[test]
    fn chunking_never_changes_the_exchanges(
        picks in prop::collection::vec((prop::sample::select(FIXTURES), any::<bool>()), 1..6),
        chunk in 1usize..200,
    ) {
        // Captures concatenated, with and without a newline between them.
        let mut log = Vec::new();
        for (name, newline) in &picks {
            log.extend(common::fixture_bytes(name));
            if *newline {
                log.push(b'\n');
            }
        }
        let whole = exchanges_in_chunks(&log, log.len());
        let chunked = exchanges_in_chunks(&log, chunk);
        prop_assert_eq!(&whole, &chunked);
        prop_assert_eq!(each_json(&whole), each_json(&chunked));
        // And what --summary makes of them.
        let summarize = |xs: &[Exchange]| {
            let mut s = Summary::new();
            xs.iter().for_each(|x| s.add(x));
            s.report()
        };
        prop_assert_eq!(summarize(&whole), summarize(&chunked));
    }

    #[test]
    fn chunking_never_changes_a_body_with_no_length(
        responses in prop::collection::vec(
            (unframed_head(), prop::collection::vec(unframed_body_line(), 0..30)),
            1..4,
        ),
        (max_line, max_body) in (4usize..120, 0usize..80),
        last_newline in any::<bool>(),
        chunk in 1usize..100,
    ) {
        // Past the kept start, its quiet lines are counted by a loop of their own when
        // whole in a chunk, and one by one when cut: the two must agree, for every kind
        // of parser.
        let mut input = Vec::new();
        for (head, lines) in &responses {
            input.extend_from_slice(head.as_bytes());
            for line in lines {
                input.extend_from_slice(line.as_bytes());
                input.push(b'\n');
            }
        }
        if !last_newline && input.ends_with(b"\n") {
            input.pop();
        }
        let limits = Limits { max_line, max_body, ..Limits::tiny() };
        let whole = parse_with(limits, &input, input.len());
        prop_assert_eq!(&whole, &parse_with(limits, &input, chunk));
        prop_assert_eq!(&whole, &parse_with(limits, &input, 1));
        prop_assert_eq!(
            exchanges_with(limits, &input, input.len()),
            exchanges_with(limits, &input, chunk)
        );
        // A summary's parser may hand an exchange out as a frame or whole, by where a
        // chunk ends; what the summary makes of them may not change.
        let summary = |sizes: &[usize]| {
            summarize(&items(Parser::streaming_frames(limits), &input, sizes))
        };
        prop_assert_eq!(summary(&[input.len()]), summary(&[chunk]));
    }

    #[test]
    fn a_credential_only_the_response_quotes_never_comes_out(
        place in 0usize..6,
        filler in "[a-z ]{0,20}",
        scheme in prop::sample::select(vec!["Bearer", "bearer", "Basic"]),
    ) {
        let secret = format!("{scheme} RESPONLYSECRET7");
        let input = match place {
            0 => format!("HTTP/1.1 401 {filler} {secret}\r\n\r\n"),
            1 => format!("HTTP/1.1 401 X\r\nWWW-Authenticate: Bearer error_description=\"{filler} {secret}\"\r\n\r\n"),
            2 => format!("HTTP/1.1 401 X\r\nContent-Type: application/json\r\n\r\n{{\"errors\": [\"{filler} {secret}\"]}}\n"),
            3 => format!("HTTP/1.1 401 X\r\nX-Request-Id: {filler} {secret}\r\n\r\n"),
            4 => format!("HTTP/1.1 401 X\r\nContent-Type: application/json\r\n\r\n{{\"error\": \"invalid_token\", \"error_description\": \"{filler} {secret}\"}}\n"),
            _ => format!("HTTP/1.1 401 X\r\n\r\n{filler} {secret}\n"),
        };
        let text = human(input.as_bytes(), 7).expect("a response");
        prop_assert!(!text.contains("RESPONLYSECRET7"), "{}", text);
        let report = explain(&parse_in_chunks(input.as_bytes(), 64), now()).unwrap();
        prop_assert!(!serde_json::to_string(&report).unwrap().contains("RESPONLYSECRET7"));
    }

    #[test]
    fn a_planted_credential_never_comes_out(
        before in "[a-z0-9 :/.{}\"=<>-]{0,60}",
        after in "[a-z0-9 :/.{}\"=<>-]{0,60}",
        style in 0usize..4,
    ) {
        let secret_line = match style {
            0 => "> Authorization: Bearer PLANTEDSECRET99",
            1 => "Authorization: Bearer PLANTEDSECRET99",
            2 => "> Cookie: session=PLANTEDSECRET99",
            _ => "GET /api/v1/x?access_token=PLANTEDSECRET99 HTTP/1.1",
        };
        let input = format!(
            "> GET /api/v1/products HTTP/1.1\r\n{secret_line}\r\n>\r\n< HTTP/1.1 401 Unauthorized\r\n< X-Request-Id: {before}\r\n<\r\n{after}\r\n{secret_line}\r\n"
        );
        // The input always ends in a 401, so there is always a report.
        let text = human(input.as_bytes(), 5).expect("a response");
        prop_assert!(!text.contains("PLANTEDSECRET99"), "{}", text);
        let report = explain(&parse_in_chunks(input.as_bytes(), 64), now()).unwrap();
        prop_assert!(!serde_json::to_string(&report).unwrap().contains("PLANTEDSECRET99"));
    }
}

#[test]
fn nul_and_invalid_utf8_in_every_part() {
    let input = b"HTTP/1.1 422 \xff\x00Bad\r\nX-Request-Id: \xc3\x28\x00\r\n\r\n{\"errors\": \"\xed\xa0\x80 \x00\"}\n";
    let text = human(input, 3).expect("a response");
    assert_clean(&text, "the text view");
    assert!(text.starts_with("422"));
}

#[test]
fn huge_lines_in_headers_and_bodies() {
    let mut input = b"HTTP/1.1 200 OK\r\nX-Big: ".to_vec();
    input.extend(std::iter::repeat_n(b'h', 3 << 20));
    input.extend_from_slice(b"\r\nX-Request-Id: after-big\r\n\r\n");
    input.extend(std::iter::repeat_n(b'{', 3 << 20));
    let t = parse_in_chunks(&input, 100_000);
    let r = t.last.final_response.unwrap();
    assert_eq!(r.header("X-Request-Id"), Some("after-big"));
    assert!(r.header("X-Big").unwrap().len() <= 64 * 1024);
    assert!(r.body_truncated);
    assert_eq!(r.body_bytes, 3 << 20);
}

#[test]
fn fuzz_regressions_pass() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz-regressions");
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).expect("tests/fuzz-regressions exists") {
        let path = entry.unwrap().path();
        let input = std::fs::read(&path).unwrap();
        // The fuzz targets' layout: byte 0 picks the chunk size.
        let (first, rest) = input.split_first().unwrap();
        let chunk = if *first == 0xff {
            rest.len()
        } else {
            usize::from(*first) + 1
        };
        if let Some(text) = human(rest, chunk) {
            assert_clean(&text, "the text view");
        }
        for limits in [Limits::default(), Limits::tiny()] {
            let whole = parse_with(limits, rest, rest.len());
            let name = path.display();
            for size in [1, chunk] {
                let t = parse_with(limits, rest, size);
                assert_eq!(t, whole, "{name}");
                // A streaming parser hands out every exchange the whole reading counts.
                let every = exchanges_with(limits, rest, size);
                assert_eq!(every.len() as u64, whole.exchanges, "{name}: handed out");
            }
        }
        seen += 1;
    }
    assert!(seen >= 3, "the regression inputs are there");
}
