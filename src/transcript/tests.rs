//! Unit tests of the transcript parser.

use super::core::grammar::*;
use super::formats::markers::*;
use super::*;

fn parse(input: &[u8]) -> Transcript {
    let mut p = Parser::new();
    p.feed(input);
    p.finish()
}

#[test]
fn status_lines() {
    assert_eq!(
        parse_status_line(b"HTTP/1.1 404 Not Found"),
        Some(("1.1".into(), 404, "Not Found".into()))
    );
    assert_eq!(
        parse_status_line(b"HTTP/2 429 "),
        Some(("2".into(), 429, "".into()))
    );
    assert_eq!(
        parse_status_line(b"HTTP/3 200"),
        Some(("3".into(), 200, "".into()))
    );
    assert_eq!(parse_status_line(b"HTTP/1.1 4"), None);
    assert_eq!(parse_status_line(b"HTTP/1.1 abc"), None);
    assert_eq!(parse_status_line(b"HTTP/1.1 4040"), None);
    assert_eq!(parse_status_line(b"HTTP/1.1 999 Nope"), None);
}

#[test]
fn chunk_boundaries_do_not_matter() {
    let input = b"HTTP/1.1 301 Moved\r\nLocation: /a\r\n\r\nHTTP/1.1 200 OK\r\nX-Request-Id: r1\r\n\r\n{\"a\":1}";
    let whole = parse(input);
    for size in 1..8 {
        let mut p = Parser::new();
        for c in input.chunks(size) {
            p.feed(c);
        }
        let t = p.finish();
        assert_eq!(t.last.chain, whole.last.chain);
        assert_eq!(t.last.final_response, whole.last.final_response);
    }
    let f = whole.last.final_response.unwrap();
    assert_eq!(f.status, 200);
    assert_eq!(f.header("x-request-id"), Some("r1"));
    assert_eq!(f.body, b"{\"a\":1}");
    assert_eq!(whole.last.chain.codes(), [301, 200]);
}

#[test]
fn interim_responses_are_not_final() {
    let t = parse(b"HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\n\r\n");
    assert_eq!(t.last.final_response.unwrap().status, 201);
    let t = parse(b"HTTP/1.1 100 Continue\r\n\r\n");
    assert_eq!(t.last.final_response.unwrap().status, 100);
}

#[test]
fn progress_meter_prefixes_are_dropped() {
    let t = parse(b"> GET /x HTTP/1.1\r\n>\r\n\r  0     0    0     0    0     0      0      0 --:--:--  0:00:59 --:--:--     0< HTTP/1.1 504 Gateway Time-out\r\n< X-Request-Id: slow\r\n<\r\n");
    let f = t.last.final_response.unwrap();
    assert_eq!((f.status, f.header("x-request-id")), (504, Some("slow")));
    assert_eq!(
        after_progress(
            b"100    26  100    26    0     0  92857      0 --:--:-- --:--:-- --:--:-- 26000"
        ),
        Some(&b""[..])
    );
    assert_eq!(after_progress(b"100 apples and 26 pears"), None);
}

#[test]
fn in_a_verbose_trace_body_text_starts_nothing() {
    let t = parse(b"> GET / HTTP/1.1\r\n>\r\n< HTTP/1.1 401 Unauthorized\r\n<\r\nHTTP/1.1 200 OK\nGET /x HTTP/1.1\nall good\n");
    assert_eq!(t.last.chain.codes(), [401]);
    let f = t.last.final_response.unwrap();
    assert_eq!(f.body, b"HTTP/1.1 200 OK\nGET /x HTTP/1.1\nall good");
}

#[test]
fn the_chain_is_bounded() {
    let mut p = Parser::with_limits(Limits {
        chain_keep: 3,
        ..Limits::default()
    });
    // One exchange: 99 redirects, each directly followed by the next status line.
    for i in 0..99u16 {
        p.feed(format!("HTTP/1.1 {} X\r\nLocation: /n\r\n\r\n", 300 + i % 4).as_bytes());
    }
    p.feed(b"HTTP/1.1 200 OK\r\n\r\n");
    let t = p.finish();
    assert_eq!(t.exchanges, 1);
    assert_eq!(t.last.chain.codes(), [300, 301, 302, 301, 302, 200]);
    assert_eq!(t.last.chain.omitted, 94);
    assert_eq!(t.last.chain.total(), 100);
}

#[test]
fn long_lines_and_bodies_are_cut() {
    let mut p = Parser::new();
    p.feed(b"HTTP/1.1 200 OK\r\n\r\n");
    let big = vec![b'x'; 1 << 20];
    p.feed(&big);
    p.feed(b"\n");
    p.feed(&big);
    let t = p.finish();
    let f = t.last.final_response.unwrap();
    assert!(f.body_truncated);
    assert!(f.body.len() <= Limits::default().max_body);
}

#[test]
fn escape_sequences_are_stripped() {
    let t = parse(b"\x1b[34mHTTP\x1b[39;49;00m/\x1b[34m1.1\x1b[39;49;00m \x1b[34m422\x1b[39;49;00m \n\x1b[36mX-Request-Id\x1b[39;49;00m: abc\n");
    let f = t.last.final_response.unwrap();
    assert_eq!(f.status, 422);
    assert_eq!(f.header("X-Request-Id"), Some("abc"));
}

/// A JSON error body far past the kept prefix, on one line, split into chunks anywhere:
/// the scan finds the same errors whatever the chunking.
#[test]
fn error_scan_reads_past_the_prefix_at_any_chunking() {
    let items: Vec<String> = (0..3000)
        .map(|i| format!("{{\"field\": \"f{i}\", \"message\": \"bad {i}\"}}"))
        .collect();
    let body = format!("{{\"errors\": [{}]}}", items.join(","));
    let input = format!("HTTP/1.1 422 \r\nContent-Type: application/json\r\n\r\n{body}\n");
    let mut seen = None;
    for chunk in [1, 5, 4096, 65536, 65537, 1 << 20] {
        let mut p = Parser::new();
        for c in input.as_bytes().chunks(chunk) {
            p.feed(c);
        }
        let r = p.finish().last.final_response.unwrap();
        assert!(r.body_truncated);
        let s = r.scanned.expect("scanned");
        assert_eq!(s.errors.len(), 50, "chunk {chunk}");
        assert_eq!(s.omitted, 2950, "chunk {chunk}");
        assert_eq!(s.errors[7].field.as_deref(), Some("f7"));
        assert_eq!(s.errors[7].message, "bad 7");
        if let Some(prev) = &seen {
            assert_eq!(prev, &s.errors, "chunk {chunk}");
        }
        seen = Some(s.errors);
    }
    // Many short lines, past the prefix: the quiet-line path feeds the scan too.
    let body = format!("{{\"errors\": [\n{}\n]}}", items.join(",\n"));
    let input = format!("HTTP/1.1 422 \r\n\r\n{body}\n");
    let mut p = Parser::new();
    p.feed(input.as_bytes());
    let s = p.finish().last.final_response.unwrap().scanned.unwrap();
    assert_eq!((s.errors.len(), s.omitted), (50, 2950));
}

/// Every capture, with limits small enough to cut lines and bodies, reads the same in
/// every chunking: the streaming scan of a long error line included (a wget progress line
/// past `max_line` once fed the scan only when it arrived in pieces).
#[test]
fn every_fixture_reads_the_same_in_every_chunking_with_tiny_limits() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    names.sort();
    assert!(names.len() > 40);
    for path in names {
        let input = std::fs::read(&path).unwrap();
        let parse = |chunk: usize| {
            let mut p = Parser::with_limits(Limits::tiny());
            for c in input.chunks(chunk) {
                p.feed(c);
            }
            p.finish()
        };
        let whole = parse(input.len().max(1));
        for chunk in (1..40).chain([63, 64, 65, 4096]) {
            let t = parse(chunk);
            assert_eq!(t.last, whole.last, "{path:?} chunk {chunk}");
            assert_eq!(t.exchanges, whole.exchanges, "{path:?} chunk {chunk}");
        }
    }
}

/// Found by the chunking property: a wget capture whose header block lost its end (so
/// the progress line, past `max_line`, stood in an error body) was scanned differently
/// when it came in pieces.
#[test]
fn a_long_non_body_line_reaches_the_scan_the_same_in_pieces() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/wget-S-content-on-error-422.txt");
    let mut input = std::fs::read(path).unwrap();
    input.splice(0..0, [0u8; 15]);
    input.drain(333..380);
    let parse = |chunk: usize| {
        let mut p = Parser::with_limits(Limits::tiny());
        for c in input.chunks(chunk) {
            p.feed(c);
        }
        p.finish().last
    };
    let whole = parse(input.len());
    for chunk in 1..64 {
        assert_eq!(parse(chunk), whole, "chunk {chunk}");
    }
}

/// The final status of every exchange, streamed in chunks of `chunk` bytes.
fn statuses(input: &[u8], chunk: usize) -> Vec<Option<u16>> {
    statuses_with(Limits::default(), input, chunk)
}

/// [`statuses`] with `limits`: for the recognisers' own tests too.
pub(crate) fn statuses_with(limits: Limits, input: &[u8], chunk: usize) -> Vec<Option<u16>> {
    let mut p = Parser::streaming(limits);
    let mut out = Vec::new();
    for c in input.chunks(chunk) {
        p.feed(c);
        out.extend(std::iter::from_fn(|| p.next_exchange()).map(|x| x.status()));
    }
    p.end();
    out.extend(std::iter::from_fn(|| p.next_exchange()).map(|x| x.status()));
    out
}

fn each(input: &[u8]) -> Vec<Option<u16>> {
    let whole = statuses(input, input.len().max(1));
    for chunk in [1, 2, 5, 13] {
        assert_eq!(statuses(input, chunk), whole, "chunks of {chunk}");
    }
    whole
}

#[test]
fn a_status_line_inside_the_declared_length_is_body() {
    let input =
        b"HTTP/1.1 500 Oops\r\nContent-Length: 27\r\n\r\nsaid:\r\nHTTP/1.1 200 OK\r\n\r\nx\n";
    assert_eq!(each(input), [Some(500)]);
    let t = parse(input);
    assert_eq!(t.last.chain.codes(), [500]);
    assert_eq!(t.last.final_response.unwrap().body_bytes, 27);
}

#[test]
fn glued_captures_split_at_the_declared_length() {
    let input = b"HTTP/1.1 200 OK\r\nContent-Length: 7\r\n\r\n{\"a\":1}HTTP/1.1 401 No\r\nContent-Length: 2\r\n\r\n{}HTTP/1.1 500 X\r\n\r\n";
    assert_eq!(each(input), [Some(200), Some(401), Some(500)]);
    let t = parse(input);
    assert_eq!((t.exchanges, t.responded), (3, 3));
}

#[test]
fn a_status_line_right_after_the_head_means_no_body() {
    // curl -I of two URLs: each HEAD answer declares a length and sends nothing.
    let input = b"HTTP/1.1 200 OK\r\nContent-Length: 76\r\n\r\nHTTP/1.1 404 Not Found\r\nContent-Length: 9\r\n\r\n";
    assert_eq!(each(input), [Some(200), Some(404)]);
    // curl -iL: a redirect's head directly followed by the next status is one exchange.
    let input = b"HTTP/1.1 301 Moved\r\nContent-Length: 162\r\nLocation: /b\r\n\r\nHTTP/1.1 200 OK\r\n\r\nok\n";
    assert_eq!(each(input), [Some(200)]);
}

#[test]
fn a_redirect_with_a_body_ends_its_exchange() {
    let input = b"HTTP/1.1 302 Found\r\nContent-Length: 4\r\n\r\nmove\nHTTP/1.1 200 OK\r\n\r\n";
    assert_eq!(each(input), [Some(302), Some(200)]);
}

#[test]
fn untrusted_lengths_fall_back_to_lines() {
    // 204 and chunked: a status line at the start of a line starts the next response.
    let input = b"HTTP/1.1 204 No Content\r\nContent-Length: 50\r\n\r\nHTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n{}\nHTTP/1.1 503 X\r\n\r\n";
    assert_eq!(each(input), [Some(204), Some(200), Some(503)]);
    // A decoded body (--compressed) is longer than the declared length.
    let input = b"HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: 3\r\n\r\n{\"long\": true}\nHTTP/1.1 429 X\r\n\r\n";
    assert_eq!(each(input), [Some(200), Some(429)]);
}

#[test]
fn interim_answers_stay_in_their_exchange_and_a_101_ends_one() {
    let input = b"HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\n\r\nHTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n\x88\x02\x03\xe8HTTP/1.1 200 OK\r\n\r\n";
    assert_eq!(each(input), [Some(201), Some(101), Some(200)]);
}

#[test]
fn verbose_runs_split_at_their_request_lines() {
    let run = |code: u16| {
        format!(
            "*   Trying 127.0.0.1:80...\n> GET /{code} HTTP/1.1\r\n> Host: a\r\n>\r\n< HTTP/1.1 {code} X\r\n< Content-Length: 2\r\n<\r\n{{}}"
        )
    };
    let input = format!("{}{}", run(401), run(422));
    assert_eq!(each(input.as_bytes()), [Some(401), Some(422)]);
    // curl -vL: the next hop's request continues the exchange.
    let input = b"> GET /a HTTP/1.1\r\n>\r\n< HTTP/1.1 302 Found\r\n< Location: /b\r\n<\r\n* Issue another request to this URL: 'http://h/b'\n> GET /b HTTP/1.1\r\n>\r\n< HTTP/1.1 200 OK\r\n<\r\n";
    assert_eq!(each(input), [Some(200)]);
    let t = parse(input);
    assert_eq!(t.last.chain.codes(), [302, 200]);
    assert_eq!(t.last.request.unwrap().target, "/a");
}

#[test]
fn client_failures_are_exchanges_of_their_own_unless_mid_transfer() {
    let input = b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}curl: (7) Failed to connect\nHTTP/1.1 500 X\r\n\r\ncurl: (6) Could not resolve host: x\n";
    assert_eq!(each(input), [Some(200), None, Some(500), None]);
    let t = parse(input);
    assert_eq!((t.exchanges, t.responded), (4, 2));
    assert_eq!(t.last.client_errors[0].code, Some(6));
    // An error about the transfer under way stays with its response.
    let input = b"HTTP/1.1 200 OK\r\n\r\n{\"a\":\ncurl: (18) transfer closed with 10 bytes remaining to read\n";
    assert_eq!(each(input), [Some(200)]);
    // A request that got no answer, then one that did.
    let input = b"> GET /a HTTP/1.1\r\n>\r\ncurl: (28) Operation timed out\n> GET /b HTTP/1.1\r\n>\r\n< HTTP/1.1 200 OK\r\n<\r\n";
    assert_eq!(each(input), [None, Some(200)]);
}

/// Every capture, mutated at random (a fixed seed), reads the same whole and in small
/// chunks, with tiny and default limits, and never panics: the library, trace and `-w`
/// readers included.
#[test]
fn mutated_fixtures_read_the_same_in_every_chunking() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .filter(|p| std::fs::metadata(p).is_ok_and(|m| m.len() < 64 * 1024))
        .collect();
    names.sort();
    let mut seed = 0x9e37_79b9_7f4a_7c15u64;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    const BITS: &[&[u8]] = &[
        b"\n",
        b"\r\n",
        b"\x1b[1m",
        b"0000: ",
        b"== Info: ",
        b"<= Recv header, 2 bytes (0x2)\n",
        b"  status: 429,\n",
        b"}",
        b"500 0.1\n",
        b"\xff\xfe",
        b"16:44:02.305218 ",
    ];
    for path in names {
        let original = std::fs::read(&path).unwrap();
        for _ in 0..6 {
            let mut input = original.clone();
            for _ in 0..(next() % 4) {
                let at = (next() as usize) % (input.len() + 1);
                match next() % 3 {
                    0 => {
                        let bit = BITS[(next() as usize) % BITS.len()];
                        input.splice(at..at, bit.iter().copied());
                    }
                    1 => {
                        let end = (at + (next() as usize) % 48).min(input.len());
                        input.drain(at..end);
                    }
                    _ => {
                        if at < input.len() {
                            input[at] ^= (next() % 255 + 1) as u8;
                        }
                    }
                }
            }
            for limits in [Limits::tiny(), Limits::default()] {
                let parse = |chunk: usize| {
                    let mut p = Parser::with_limits(limits);
                    for c in input.chunks(chunk) {
                        p.feed(c);
                    }
                    let t = p.finish();
                    (t.last.final_response, t.last.client_errors, t.exchanges)
                };
                let whole = parse(input.len().max(1));
                for chunk in [1, 2, 3, 7, 64] {
                    assert_eq!(
                        parse(chunk),
                        whole,
                        "{path:?} chunk {chunk}\n{:?}",
                        String::from_utf8_lossy(&input)
                    );
                }
            }
        }
    }
}

/// Each item's status and request id, and how many items were frames.
fn item_ids(mut p: Parser, input: &[u8]) -> (Vec<(u16, Option<String>)>, usize) {
    p.feed(input);
    p.end();
    let mut frames = 0;
    let ids = std::iter::from_fn(|| p.next_item())
        .map(|item| match item {
            Item::Frame(f) => {
                frames += 1;
                (f.status, f.request_id.map(String::from))
            }
            Item::Exchange(x) => {
                let r = x.final_response.expect("a response");
                (r.status, r.request_id().map(String::from))
            }
        })
        .collect();
    (ids, frames)
}

#[test]
fn a_frame_cuts_a_long_value_then_trims_it_as_the_machine_does() {
    let id = "r".repeat(MAX_HEADER_VALUE - 2);
    let input = format!(
        "HTTP/1.1 200 OK\nContent-Length: 0\n\nHTTP/1.1 401 X\nX-Request-Id:     {id}\n\
         Content-Length: 0\n\nHTTP/1.1 200 OK\n\n"
    );
    let (framed, frames) = item_ids(
        Parser::streaming_frames(Limits::default()),
        input.as_bytes(),
    );
    assert_eq!(frames, 2);
    let machine = Parser::streaming(Limits::default()).fast_lane(false);
    let (all, _) = item_ids(machine, input.as_bytes());
    assert_eq!(framed, all);
    let (fast, _) = item_ids(Parser::streaming(Limits::default()), input.as_bytes());
    assert_eq!(fast, all);
}

#[test]
fn a_broken_status_line_before_a_run_stays_with_the_exchange_after_it() {
    // A failure ends the first exchange; the broken line waits for the next.
    let input = b"curl: (7) x\nHTTP/1.1 bad status\nHTTP/1.1 200 OK\nContent-Length: 0\n\nHTTP/1.1 200 OK\n\n";
    let mut p = Parser::new().fast_lane(false);
    p.feed(input);
    let slow = p.finish();
    assert_eq!(slow.last.broken_status_line, None);
    assert_eq!(parse(input), slow);
}

#[test]
fn exchanges_handed_back_change_none_built_after_them() {
    // Header blocks and bodies of several sizes, so that a reused buffer is longer, then
    // shorter, than what it is reused for.
    let mut log = Vec::new();
    for i in 0..60 {
        let extra: String = (0..i % 5)
            .map(|k| format!("X-Extra-{k}: v{i}\r\n"))
            .collect();
        let body = "b".repeat(i * 7 % 50);
        log.extend_from_slice(
            format!(
                "HTTP/1.1 {} R{i}\r\nDate: Wed, 25 Nov 2026 12:00:{:02} GMT\r\n{extra}\
                 Content-Length: {}\r\n\r\n{body}\n",
                [200, 401, 429, 500][i % 4],
                i % 60,
                body.len()
            )
            .as_bytes(),
        );
    }
    for chunk in [7, 200, log.len()] {
        let (mut kept, mut handed_back) = (Vec::new(), Vec::new());
        let mut plain = Parser::streaming(Limits::default());
        let mut recycling = Parser::streaming(Limits::default());
        let mut drain = |plain: &mut Parser, recycling: &mut Parser| {
            kept.extend(std::iter::from_fn(|| plain.next_exchange()));
            while let Some(x) = recycling.next_exchange() {
                handed_back.push(x.clone());
                recycling.recycle(x);
            }
        };
        for c in log.chunks(chunk) {
            plain.feed(c);
            recycling.feed(c);
            drain(&mut plain, &mut recycling);
        }
        plain.end();
        recycling.end();
        drain(&mut plain, &mut recycling);
        assert_eq!(kept.len(), 60);
        assert_eq!(handed_back, kept, "{chunk}-byte chunks");
    }
}
