//! The transcript parser's fast lane gives exactly what the line machine gives. On logs of
//! mostly plain `curl -si` captures mixed with every shape the lane must decline (1xx and
//! redirect hops, 101, 204/304, HEAD answers, encodings, odd lengths, quoted status lines,
//! credentials in bodies, other clients' lines, escapes, long lines, a cut capture), in any
//! chunk sizes: equal transcripts and streamed exchanges with the lane on and off, and a
//! summary from [`Parser::streaming_frames`] equal to one from every exchange. Real `log-*`
//! captures are checked whole and byte by byte.

use crate::common;

use hike_status::redact::Secrets;
use hike_status::summary::{Summary, SummaryReport, exchange_status};
use hike_status::transcript::{Exchange, Frame, Item, Limits, Parser, Transcript};
use proptest::prelude::*;

/// The input cut into chunks of the given sizes, taken in turn.
fn chunks<'a>(input: &'a [u8], sizes: &[usize]) -> Vec<&'a [u8]> {
    let mut out = Vec::new();
    let mut rest = input;
    for size in sizes.iter().cycle() {
        if rest.is_empty() {
            break;
        }
        let (c, r) = rest.split_at((*size).clamp(1, rest.len()));
        out.push(c);
        rest = r;
    }
    out
}

fn transcript(mut p: Parser, input: &[u8], sizes: &[usize]) -> Transcript {
    for c in chunks(input, sizes) {
        p.feed(c);
    }
    p.finish()
}

/// Every item a streaming parser hands out, drained after each chunk.
pub(crate) fn items(mut p: Parser, input: &[u8], sizes: &[usize]) -> Vec<Item> {
    let mut out = Vec::new();
    for c in chunks(input, sizes) {
        p.feed(c);
        out.extend(std::iter::from_fn(|| p.next_item()));
    }
    p.end();
    out.extend(std::iter::from_fn(|| p.next_item()));
    out
}

/// What `explain --summary` makes of the items, credentials carried as `run::input` does.
pub(crate) fn summarize(items: &[Item]) -> SummaryReport {
    let mut known = Secrets::new();
    let mut s = Summary::new();
    for item in items {
        match item {
            Item::Frame(f) => {
                known.absorb(&f.secrets);
                s.add_frame(f, &known);
            }
            Item::Exchange(x) => {
                let mut x = x.clone();
                known.absorb(&x.secrets);
                if !known.is_empty() {
                    x.secrets = known.clone();
                }
                s.add(&x);
            }
        }
    }
    s.report()
}

/// The frame that stands for an exchange: what a summary reads of it (a 429's Retry-After
/// and X-Rate-Limit-Problem, a failure's request id, a log record's request); `None` if a
/// frame cannot.
fn frame_of(x: &Exchange) -> Option<Frame> {
    let r = x.final_response.as_ref()?;
    let status = exchange_status(x)?;
    let limited = |name| r.header(name).filter(|_| status == 429).map(Box::from);
    let date = r
        .header("date")
        .and_then(|d| httpdate::parse_http_date(d.trim()).ok());
    let frame = Frame {
        index: x.index,
        status,
        date: x.started.or(date),
        retry_after: limited("retry-after"),
        rate_limit_problem: limited("x-rate-limit-problem"),
        request_id: r.request_id().filter(|_| status >= 400).map(Box::from),
        secrets: x.secrets.clone(),
        // A log record's call names its request; a capture's frame never does.
        request: r.request.as_deref().or(x.request.as_deref()).map(|q| {
            (
                q.method.as_deref().map(Into::into),
                q.target.as_str().into(),
            )
        }),
    };
    Some(frame)
}

pub(crate) fn count_frames(items: &[Item]) -> usize {
    items.iter().filter(|i| matches!(i, Item::Frame(_))).count()
}

/// Checks the lane against the machine on one input; returns how many frames it made with
/// the default limits, fed whole.
pub(crate) fn check(input: &[u8], sizes: &[usize]) -> Result<usize, TestCaseError> {
    let whole = [input.len().max(1)];
    let mut frames = None;
    for limits in [Limits::default(), Limits::tiny()] {
        for sizes in [&whole[..], sizes] {
            let fast = transcript(Parser::with_limits(limits), input, sizes);
            let slow = transcript(Parser::with_limits(limits).fast_lane(false), input, sizes);
            prop_assert_eq!(fast, slow, "transcripts differ, chunks {:?}", sizes);
            // Every exchange from the machine, and from a streaming parser with the lane on.
            let all = items(Parser::streaming(limits).fast_lane(false), input, sizes);
            let fast = items(Parser::streaming(limits), input, sizes);
            prop_assert_eq!(&fast, &all, "exchanges differ, chunks {:?}", sizes);
            let framed = items(Parser::streaming_frames(limits), input, sizes);
            prop_assert_eq!(summarize(&framed), summarize(&all), "chunks {:?}", sizes);
            // Item by item: each exchange as it is, each frame as what it stands for.
            prop_assert_eq!(framed.len(), all.len(), "chunks {:?}", sizes);
            frames.get_or_insert(count_frames(&framed));
            for (f, x) in framed.iter().zip(&all) {
                let Item::Exchange(x) = x else {
                    return Err(TestCaseError::fail("a frame from streaming()"));
                };
                match f {
                    Item::Exchange(e) => prop_assert_eq!(e, x, "chunks {:?}", sizes),
                    Item::Frame(f) => {
                        prop_assert_eq!(Some(f.clone()), frame_of(x), "chunks {:?}", sizes)
                    }
                }
            }
        }
    }
    Ok(frames.unwrap_or(0))
}

/// Header lines of a plain `curl -i` answer.
fn plain_field() -> impl Strategy<Value = String> {
    prop_oneof![
        (0u32..40).prop_map(|m| format!("Date: Wed, 25 Nov 2026 12:{m:02}:{:02} GMT", m % 7)),
        prop::sample::select(vec!["1", "2", "tok-C3333-9", "abc-xyz"])
            .prop_map(|id| format!("X-Request-Id: req-{id}")),
        prop::sample::select(vec![
            "X-Rate-Limit-Problem: Minute",
            "x-rate-limit-problem:  daily ",
            "Retry-After: 30",
            "Retry-After: Wed, 25 Nov 2026 13:00:00 GMT",
            "Content-Type: application/json",
            "X-Pad:   spaced value  ",
            "X-Tab:\tvalue\twith tabs\t",
            "CF-Ray: 8a1b2c3d-LHR",
            "traceparent: 00-abc-def-01",
            "Request-Id: rid-secret-77",
            "Date: yesterday",
            "Date: Sunday, 06-Nov-94 08:49:37 GMT",
            "Date: Sun Nov  6 08:49:37 1994",
            "Date: Mon, 29 Feb 2027 00:00:00 GMT",
            "Date: Wed, 25 Nov 2026 23:59:60 GMT",
            "Date: wed, 25 nov 2026 12:00:00 gmt",
        ])
        .prop_map(str::to_string),
    ]
}

/// Header lines the lane must decline, or read with care.
fn odd_field() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "curl: (7) x",
            "wget: x",
            "Dload: y",
            "Location: /next [following]",
            "HTTP request sent, awaiting response... 200 OK",
            "X-Esc: \x1b[31mred\x1b[0m",
            "X-Utf: caf\u{e9} \u{202e}",
            "X-Long: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
            "   ",
            "No colon here",
            "1_abc: y",
            "Transfer-Encoding: chunked",
            "Content-Encoding: gzip",
            "Content-Encoding: identity",
            "Content-Length: 12a",
            "Content-Length: 3",
            "Content-Length: 99999999999999999999",
            "* Trying 127.0.0.1",
            "< X-Verbose: 1",
        ])
        .prop_map(str::to_string),
        // Past the fields kept (`Limits::tiny()` keeps 4, and 64 the analysis reads).
        Just("Content-Type: x\n".repeat(70) + "Request-Id: late"),
        // Near the longest value kept, with blanks around it.
        (0usize..12, 8180usize..8200, 0usize..3).prop_map(|(pre, n, post)| format!(
            "X-Request-Id:{}{}{}",
            " ".repeat(pre),
            "r".repeat(n),
            " ".repeat(post)
        )),
    ]
}

/// Bodies the lane takes as they are.
const PLAIN_BODIES: &[&str] = &[
    "",
    "{\"errors\": [\"bad thing\"]}",
    "plain text\nline two\n",
    "{\"products\": [], \"next\": null}\n",
    "<html>gone</html>",
];

/// Bodies the lane must read as the machine does, or decline.
const ODD_BODIES: &[&[u8]] = &[
    b"{\"access_token\":\"tok-AAAA1111\",\"token_type\":\"bearer\"}\n",
    b"{\"token\":\"tok-C3333\"}",
    b"access_token=sek-B2222&x=1\n",
    b"client_secret=sek-D4444\r\n",
    b"{\"secret\": \"rid-secret-77\"}\r\n",
    b"upstream said:\r\nHTTP/1.1 200 OK\r\n\r\nok",
    b"HTTP/1.1 200 OK\r\n\r\n",
    b"\x1b[31merror\x1b[0m\n",
    b"caf\xc3\xa9 \xff\xfe",
    b"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
    b"{ \"a\": 1 }\n\n\n",
    b"* not curl\n< HTTP/1.1 500 x\n",
    b"curl: (7) Failed inside a body",
    b"\r\n",
    b"line\rcr",
];

/// What follows a body: nothing, newlines, blank-looking lines, text past its length.
const AFTERS: &[&str] = &["", "\n", "\r\n", "\n\n", " \n", "trailing text\n", "\t\r\n"];

/// One response as `curl -si` prints it.
#[derive(Debug, Clone)]
struct Resp {
    /// A `100 Continue` first, and redirect hops printed with no body (`curl -iL`).
    interim: bool,
    hop: Option<u16>,
    status_line: String,
    crlf: bool,
    fields: Vec<String>,
    /// 0: one Content-Length of the body; 1: two that agree; 2: two that differ; 3: none;
    /// 4: a length but no body (HEAD).
    length: u8,
    body: Vec<u8>,
    after: &'static str,
}

impl Resp {
    fn bytes(&self) -> Vec<u8> {
        let eol = if self.crlf { "\r\n" } else { "\n" };
        let mut s = Vec::new();
        if self.interim {
            s.extend(format!("HTTP/1.1 100 Continue{eol}{eol}").bytes());
        }
        if let Some(h) = self.hop {
            // The hop's head only: its body never came (301), it had none (302, 307).
            let length = format!("Content-Length: {}{eol}", if h == 301 { 9 } else { 0 });
            let length = if h == 307 { "" } else { &length };
            s.extend(format!("HTTP/1.1 {h} Moved{eol}{length}Location: /n{eol}{eol}").bytes());
        }
        s.extend(format!("{}{eol}", self.status_line).bytes());
        for line in self.fields.iter().flat_map(|f| f.split('\n')) {
            s.extend(format!("{line}{eol}").bytes());
        }
        let n = self.body.len();
        let lengths = match self.length {
            0 => vec![n],
            1 => vec![n, n],
            2 => vec![n, n + 1],
            3 => vec![],
            _ => vec![n + 50],
        };
        for l in lengths {
            s.extend(format!("Content-Length: {l}{eol}").bytes());
        }
        s.extend(eol.bytes());
        if self.length != 4 {
            s.extend(&self.body);
        }
        s.extend(self.after.bytes());
        s
    }
}

fn status_line(odd: bool) -> BoxedStrategy<String> {
    let plain = (
        prop::sample::select(vec![200u16, 200, 201, 401, 404, 422, 429, 429, 500, 503]),
        prop::sample::select(vec!["OK", "X", "Too Many Requests", "", "Error "]),
        prop::sample::select(vec!["1.1", "1.1", "2", "1.0"]),
    )
        .prop_map(|(s, r, v)| match (v, r) {
            ("2", _) | (_, "") => format!("HTTP/{v} {s}"),
            _ => format!("HTTP/{v} {s} {r}"),
        });
    if !odd {
        return plain.boxed();
    }
    prop_oneof![
        4 => plain,
        1 => prop::sample::select(vec![
            "HTTP/1.1 101 Switching Protocols",
            "HTTP/1.1 204 No Content",
            "HTTP/1.1 304 Not Modified",
            "HTTP/1.1 302 Found",
            "HTTP/1.1 301 Moved Permanently",
            "HTTP/1.1 103 Early Hints",
            "HTTP/1.1 500 Request failed with status code 500",
            "HTTP/1.1 404 Client Error: x for url: y",
            "HTTP/1.1 200 {\"response_code\":200}",
            "HTTP/1.1 200 OK [following]",
            "HTTP/1.1 200 \x1b[32mOK\x1b[0m",
            "HTTP/1.1 200 d\u{e9}j\u{e0}",
            "HTTP/1.1  200 two spaces",
            "HTTP/1.1 200 OK aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
        ])
        .prop_map(str::to_string),
    ]
    .boxed()
}

/// A response; `odd`: with every shape the lane must decline mixed in.
fn resp(odd: bool) -> impl Strategy<Value = Resp> {
    let field = if odd {
        prop_oneof![6 => plain_field(), 1 => odd_field()].boxed()
    } else {
        plain_field().boxed()
    };
    let plain_body = prop::sample::select(PLAIN_BODIES).prop_map(|b| b.as_bytes().to_vec());
    let body = if odd {
        prop_oneof![3 => plain_body, 1 => prop::sample::select(ODD_BODIES).prop_map(<[u8]>::to_vec)]
            .boxed()
    } else {
        plain_body.boxed()
    };
    // An interim answer, a redirect hop and an odd length come only in odd responses.
    let hops = prop::sample::select(vec![301u16, 302, 307]);
    (
        prop::bool::weighted(0.12).prop_map(move |i| i && odd),
        prop::option::weighted(0.3, hops).prop_map(move |h| h.filter(|_| odd)),
        status_line(odd),
        any::<bool>(),
        prop::collection::vec(field, 0..7),
        prop::option::weighted(0.1, 1u8..5).prop_map(move |l| l.filter(|_| odd).unwrap_or(0)),
        body,
        prop::sample::select(if odd { AFTERS } else { &AFTERS[..4] }),
    )
        .prop_map(
            |(interim, hop, status_line, crlf, fields, length, body, after)| Resp {
                interim,
                hop,
                status_line,
                crlf,
                fields,
                length,
                body,
                after,
            },
        )
}

/// Lines between captures: clients' failures and chatter, `curl -v`, `-w`, other clients.
pub(crate) const BETWEEN: &[&[u8]] = &[
    b"curl: (7) Failed to connect to 127.0.0.1 port 18099: Connection refused\n",
    b"curl: (56) Recv failure: Connection reset by peer\n",
    b"curl: (22) The requested URL returned error: 429\n",
    b"* Trying 127.0.0.1:18080...\n",
    b"< HTTP/1.1 503 Service Unavailable\r\n< Retry-After: 5\r\n<\r\n",
    b"> GET /api/v1/products HTTP/1.1\r\n> Host: h\r\n> Authorization: Bearer tok-AAAA1111\r\n>\r\n",
    b"GET /api/v1/customers/7 HTTP/1.1\n",
    b"{\"response_code\":200,\"url_effective\":\"http://h/x\"}\n",
    b"{\"response_code\":0,\"exitcode\":7,\"errormsg\":\"refused\"}\n",
    b"200\n",
    b"   \n",
    b"wget: unable to resolve host address 'h'\n",
    b"requests.exceptions.HTTPError: 429 Client Error: Too Many Requests for url: http://h/x\n",
    b"AxiosError: Request failed with status code 500\n",
    b"  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n",
    b"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n\x88\x02\x03\xe8",
    b"\x1b[0m\n",
    b"curl: (7) Failed to connect\nHTTP/1.1 bad status\n",
    b"* Could not resolve host: h\n",
    b"curl: (6) x\nHTTP/1.1 500 {\"response_code\":500}\nX-Request-Id: wo-1\nContent-Length: 0\n\n",
    b"curl: (6) x\nHTTP/1.1 500 Request failed with status code 500\nX-Request-Id: ax\nContent-Length: 0\n\n",
    b"--2026-11-25 12:00:00--  http://h/x\n  HTTP/1.1 429 Too Many Requests\n  Retry-After: 5\n",
];

#[derive(Debug, Clone)]
enum Piece {
    Resp(Resp),
    Raw(Vec<u8>),
}

/// Input bytes, shown escaped when a case fails.
#[derive(Clone)]
pub(crate) struct Log(pub(crate) Vec<u8>);

impl std::fmt::Debug for Log {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        write!(f, "b\"{}\"", self.0.escape_ascii())
    }
}

/// The fixtures whose names start with one of `prefixes`, by name.
fn fixtures(prefixes: &[&str]) -> Vec<(String, Vec<u8>)> {
    let dir = std::fs::read_dir(common::fixture("")).expect("tests/fixtures");
    let names = dir.map(|e| e.unwrap().file_name().to_string_lossy().into_owned());
    let mut names: Vec<String> = names
        .filter(|n| prefixes.iter().any(|p| n.starts_with(p)))
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|n| (n.clone(), common::fixture_bytes(&n)))
        .collect()
}

/// Real single captures (`curl -i`, `-I`, HTTPie), mixed in whole.
pub(crate) fn captures() -> Vec<Vec<u8>> {
    let real = fixtures(&["curl-i-", "curl-I-", "httpie-"]);
    real.into_iter().map(|(_, bytes)| bytes).collect()
}

/// A log of captures; `odd`: every shape mixed in, and maybe cut short at the end.
fn log(odd: bool) -> impl Strategy<Value = Log> {
    let piece = if odd {
        prop_oneof![
            12 => resp(false).prop_map(Piece::Resp),
            4 => resp(true).prop_map(Piece::Resp),
            1 => prop::sample::select(BETWEEN).prop_map(|b| Piece::Raw(b.to_vec())),
            1 => (prop::sample::select(captures()), any::<bool>()).prop_map(|(mut c, newline)| {
                c.extend(if newline { &b"\n"[..] } else { b"" });
                Piece::Raw(c)
            }),
        ]
        .boxed()
    } else {
        resp(false).prop_map(Piece::Resp).boxed()
    };
    let cut = if odd { 0usize..40 } else { 0..1 };
    (prop::collection::vec(piece, 1..24), cut).prop_map(|(pieces, cut)| {
        let mut out = Vec::new();
        for p in &pieces {
            match p {
                Piece::Resp(r) => out.extend(r.bytes()),
                Piece::Raw(b) => out.extend(b),
            }
        }
        // A capture cut short, now and then.
        if cut > 30 {
            out.truncate(out.len().saturating_sub(cut - 30));
        }
        Log(out)
    })
}

/// Chunk sizes, taken in turn: single bytes, small pieces, whole reads.
pub(crate) fn sizes() -> impl Strategy<Value = Vec<usize>> {
    let size = prop_oneof![1usize..4, 1usize..300, 1usize..=64 * 1024];
    prop::collection::vec(size, 1..5)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 192, ..ProptestConfig::default() })]

    #[test]
    fn the_fast_lane_matches_the_line_machine(input in log(true), sizes in sizes()) {
        check(&input.0, &sizes)?;
    }

    #[test]
    fn plain_logs_match_and_are_framed(input in log(false), sizes in sizes()) {
        check(&input.0, &sizes)?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn a_plain_log_fed_whole_is_framed_but_its_last(
        rs in prop::collection::vec(resp(false), 2..12),
    ) {
        let input: Vec<u8> = rs.iter().flat_map(Resp::bytes).collect();
        let framed = items(Parser::streaming_frames(Limits::default()), &input, &[input.len()]);
        prop_assert_eq!(count_frames(&framed), rs.len() - 1, "{}", String::from_utf8_lossy(&input));
        prop_assert!(matches!(framed.last(), Some(Item::Exchange(_))));
    }
}

/// The real `curl -si` loop logs and the other `log-*` captures.
#[test]
fn real_logs_match_whole_and_byte_by_byte() {
    let logs = fixtures(&["log-"]);
    assert!(logs.len() >= 8, "the log captures are there");
    for (name, input) in &logs {
        let framed = check(input, &[input.len()]).unwrap_or_else(|e| panic!("{name}: {e}"));
        check(input, &[1]).unwrap_or_else(|e| panic!("{name}, byte by byte: {e}"));
        // The loop logs are what the lane is for: all but their last exchange are framed.
        if name.starts_with("log-curl-si-loop-") {
            assert_eq!(framed, 11, "{name}: frames");
            // The command pasted above the loop's output is no reason to leave the lane.
            let mut pasted =
                b"$ for p in 1 2 3; do curl -si \"$URL/$p\" >> sync.log; done\n".to_vec();
            pasted.extend_from_slice(input);
            let framed = check(&pasted, &[7]).unwrap_or_else(|e| panic!("{name}, pasted: {e}"));
            assert_eq!(framed, 11, "{name}, the command above it: frames");
        }
    }
}

/// A body curl cut short (`curl: (18) transfer closed ...` inside its declared length) whose
/// length happens to end right before a later status line: the machine reads where the body
/// ended, and the lane leaves it to the machine (found by the property above).
#[test]
fn a_body_curl_cut_short_is_left_to_the_machine() {
    let input = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\
        X-Request-Id: 9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d\r\n\r\n\
        {\"items\":[curl: (18) transfer closed with 190 bytes remaining to read\n\
        HTTP/2 200\nDate: yesterday\nX-Request-Id: req-abc-xyz\nX-Request-Id: req-abc-xyz\n\
        Content-Length: 31\n\n{\"products\": [], \"next\": null}\nHTTP/1.1 200 OK\n\
        Content-Length: 0\n\n";
    check(input, &[1]).unwrap();
    let t = transcript(Parser::new(), input, &[input.len()]);
    assert_eq!(t.exchanges, 3);
}
