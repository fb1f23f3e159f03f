//! Tests of the HAR reader: detection, fields, bodies, limits, chunking and broken input.

use super::*;

fn read(input: &[u8], block: usize) -> (Detect, Vec<Entry>, Result<(), HarError>) {
    read_with(Limits::default(), input, block)
}

fn read_with(
    limits: Limits,
    input: &[u8],
    block: usize,
) -> (Detect, Vec<Entry>, Result<(), HarError>) {
    let mut p = HarParser::with_limits(limits);
    let mut entries = Vec::new();
    for b in input.chunks(block.max(1)) {
        p.feed(b);
        entries.extend(p.take_entries());
    }
    let end = p.finish();
    entries.extend(p.take_entries());
    (p.detect(), entries, end)
}

const TWO: &str = r#"{"log": {"version": "1.2", "creator": {"name": "t", "version": "1"},
 "pages": [{"id": "page_1", "title": "x \" } ] {"}],
 "entries": [
  {"startedDateTime": "2026-11-25T12:00:00.123Z", "_resourceType": "xhr", "time": 12.5,
   "request": {"method": "POST", "url": "https://api.hikeup.com/oauth/token?x=\u0031",
     "httpVersion": "HTTP/1.1",
     "headers": [{"name": "Content-Type", "value": "application/x-www-form-urlencoded"},
                 {"name": "Authorization", "value": "Basic c2VjcmV0"}],
     "postData": {"mimeType": "application/x-www-form-urlencoded",
                  "text": "grant_type=refresh_token&client_secret=S3CRET",
                  "params": [{"name": "client_secret", "value": "S3CRET"}]}},
   "response": {"status": 400, "statusText": "Bad Request", "httpVersion": "HTTP/1.1",
     "headers": [{"name": "Content-Type", "value": "application/json"}],
     "content": {"size": 25, "mimeType": "application/json", "text": "{\"error\":\"invalid_grant\"}"},
     "redirectURL": ""}},
  {"startedDateTime": "2026-11-25T12:00:01Z",
   "request": {"method": "GET", "url": "https://api.hikeup.com/api/v1/products", "headers": []},
   "response": {"status": 200, "statusText": "OK", "httpVersion": "h2", "headers": [],
     "content": {"size": 11, "mimeType": "application/json", "text": "eyJvayI6dHJ1ZX0=", "encoding": "base64"}}}
 ]}}"#;

#[test]
fn a_har_is_read_entry_by_entry() {
    let (detect, entries, end) = read(TWO.as_bytes(), 1 << 16);
    assert_eq!(detect, Detect::Har);
    assert!(end.is_ok());
    assert_eq!(entries.len(), 2);
    let e = &entries[0];
    assert_eq!(e.index, 1);
    assert_eq!(e.started.as_deref(), Some("2026-11-25T12:00:00.123Z"));
    assert_eq!(e.resource_type.as_deref(), Some("xhr"));
    assert_eq!(e.request.method.as_deref(), Some("POST"));
    assert_eq!(e.request.url, "https://api.hikeup.com/oauth/token?x=1");
    assert_eq!(e.request.header("authorization"), Some("Basic c2VjcmV0"));
    assert_eq!(
        e.request.post_text,
        b"grant_type=refresh_token&client_secret=S3CRET"
    );
    assert_eq!(
        e.request.post_params,
        vec![("client_secret".into(), "S3CRET".into())]
    );
    assert_eq!(e.response.status, 400);
    assert_eq!(e.response.status_text, "Bad Request");
    assert_eq!(e.response.body, br#"{"error":"invalid_grant"}"#);
    assert_eq!(e.response.body_bytes, 25);
    assert!(!e.response.body_truncated);
    let e = &entries[1];
    assert_eq!(e.index, 2);
    assert_eq!(e.response.http_version, "h2");
    assert_eq!(e.response.body, br#"{"ok":true}"#);
    assert_eq!(e.response.body_bytes, 11);
}

#[test]
fn every_block_size_gives_the_same_entries() {
    let (_, whole, _) = read(TWO.as_bytes(), 1 << 20);
    for block in 1..64 {
        let (detect, entries, end) = read(TWO.as_bytes(), block);
        assert_eq!(detect, Detect::Har, "block {block}");
        assert!(end.is_ok(), "block {block}");
        assert_eq!(entries, whole, "block {block}");
    }
}

#[test]
fn a_bom_in_front_is_passed_over() {
    let mut input = b"\xEF\xBB\xBF".to_vec();
    input.extend_from_slice(TWO.as_bytes());
    for block in [1, 2, 3, 4, 100] {
        let (detect, entries, _) = read(&input, block);
        assert_eq!(detect, Detect::Har, "block {block}");
        assert_eq!(entries.len(), 2);
    }
}

#[test]
fn what_is_not_a_har_says_so() {
    for input in [
        &b"HTTP/1.1 200 OK\r\n\r\n"[..],
        b"",
        b"   ",
        b"[1, 2]",
        br#"{"errors": ["Not Found"]}"#,
        br#"{"log": {"version": "1.2"}}"#,
        br#"{"log": {"entries": {}}}"#,
        br#"{"log": [], "entries": []}"#,
        br#"{"log": {"entries""#,
        br#"{"a" 1}"#,
    ] {
        let (detect, entries, end) = read(input, 7);
        assert_eq!(detect, Detect::NotHar, "{}", String::from_utf8_lossy(input));
        assert!(entries.is_empty());
        assert!(end.is_ok());
    }
}

#[test]
fn a_har_cut_off_names_the_entry_it_broke_in() {
    let input = TWO.as_bytes();
    let second = TWO
        .find(r#"{"startedDateTime": "2026-11-25T12:00:01Z""#)
        .unwrap();
    for cut in [second - 3, second + 10, input.len() - 10] {
        let (detect, entries, end) = read(&input[..cut], 13);
        assert_eq!(detect, Detect::Har);
        assert_eq!(entries.len(), 1, "cut at {cut}");
        let e = end.unwrap_err();
        assert_eq!(e.entry, 2);
        assert!(e.to_string().contains("entry 2"), "{e}");
    }
    // Malformed inside the first entry.
    let bad = TWO.replacen(r#""time": 12.5,"#, r#""time": 12.5,,"#, 1);
    let (_, entries, end) = read(bad.as_bytes(), 64);
    assert!(entries.is_empty());
    assert_eq!(end.unwrap_err().entry, 1);
    // An entry that is no object.
    let (_, entries, end) = read(br#"{"log": {"entries": [{}, 42]}}"#, 64);
    assert_eq!(entries.len(), 1);
    assert_eq!(end.unwrap_err().entry, 2);
}

#[test]
fn what_follows_the_entries_does_not_matter() {
    let end = TWO.rfind("]}}").unwrap();
    let input = format!("{}], \"comment\": ", &TWO[..end]);
    let (detect, entries, end) = read(input.as_bytes(), 5);
    assert_eq!(detect, Detect::Har);
    assert_eq!(entries.len(), 2);
    assert!(end.is_ok());
}

fn one_entry(content: &str) -> String {
    format!(
        r#"{{"log": {{"entries": [{{"request": {{"method": "GET", "url": "http://h/"}},
        "response": {{"status": 200, "content": {content}}}}}]}}}}"#
    )
}

#[test]
fn a_huge_body_is_kept_in_part() {
    let body = "x".repeat(1 << 20);
    let input = one_entry(&format!(r#"{{"size": {}, "text": "{body}"}}"#, body.len()));
    let limits = Limits::default();
    let (_, entries, end) = read(input.as_bytes(), 65536);
    assert!(end.is_ok());
    let r = &entries[0].response;
    assert_eq!(r.body.len(), limits.max_body);
    assert_eq!(r.body_bytes, 1 << 20);
    assert!(r.body_truncated);

    // base64, and no size given: the size is worked out from the text.
    let b64 = "QUJD".repeat(1 << 18);
    let input = one_entry(&format!(r#"{{"encoding": "base64", "text": "{b64}"}}"#));
    let (_, entries, _) = read(input.as_bytes(), 4096);
    let r = &entries[0].response;
    assert_eq!(r.body.len(), limits.max_body);
    assert!(r.body.starts_with(b"ABCABC"));
    assert_eq!(r.body_bytes, 3 << 18);
    assert!(r.body_truncated);
}

#[test]
fn a_text_read_whole_is_the_body_whatever_size_says() {
    // mitmproxy: the decoded text, and the gzip's size in content.size.
    let text = r#"{\"errors\": \"Internal Server Error\"}"#;
    let input = one_entry(&format!(
        r#"{{"size": 53, "compression": -18, "text": "{text}"}}"#
    ));
    for block in [1, 7, 4096] {
        let (_, entries, _) = read(input.as_bytes(), block);
        let r = &entries[0].response;
        assert_eq!(r.body, br#"{"errors": "Internal Server Error"}"#);
        assert_eq!(r.body_bytes, 35, "{block}");
        assert!(!r.body_truncated);
    }
    // An empty text beside a size: the body was left out, and the size tells it.
    let (_, entries, _) = read(one_entry(r#"{"size": 900, "text": ""}"#).as_bytes(), 64);
    assert_eq!(entries[0].response.body_bytes, 900);
    assert!(entries[0].response.body_truncated);
}

#[test]
fn playwright_s_status_minus_1_and_failure_text_are_read() {
    let input = r#"{"log": {"entries": [{"request": {"method": "GET", "url": "http://h/slow"},
        "response": {"status": -1, "statusText": "", "content": {"size": -1},
        "_failureText": "net::ERR_ABORTED"}}]}}"#;
    let (_, entries, _) = read(input.as_bytes(), 5);
    let r = &entries[0].response;
    assert_eq!(r.status, 0);
    assert_eq!(r.negative_status, Some(-1));
    assert_eq!(r.error.as_deref(), Some("net::ERR_ABORTED"));
    assert!(is_abort("net::ERR_ABORTED"));
    assert!(!is_abort("net::ERR_NAME_NOT_RESOLVED"));
}

#[test]
fn escapes_in_a_kept_body_are_undone_and_a_cut_escape_dropped() {
    let limits = Limits {
        max_body: 4,
        ..Limits::default()
    };
    let input = one_entry(r#"{"text": "a\"b\\c\u00e9"}"#);
    let (_, entries, _) = read_with(limits, input.as_bytes(), 3);
    assert_eq!(entries[0].response.body, b"a\"b\\");
    assert!(entries[0].response.body_truncated);
}

#[test]
fn headers_past_the_limit_are_counted() {
    let headers: Vec<String> = (0..10)
        .map(|i| format!(r#"{{"name": "X-{i}", "value": "{i}"}}"#))
        .collect();
    let input = format!(
        r#"{{"log": {{"entries": [{{"request": {{"url": "u", "headers": []}},
        "response": {{"status": 503, "headers": [{}]}}}}]}}}}"#,
        headers.join(",")
    );
    let limits = Limits {
        max_headers: 4,
        ..Limits::default()
    };
    let (_, entries, _) = read_with(limits, input.as_bytes(), 9);
    let r = &entries[0].response;
    assert_eq!(r.headers.len(), 4);
    assert_eq!(r.headers_omitted, 6);
    assert!(!r.body_present);
}

#[test]
fn a_failed_request_has_status_0_and_its_error() {
    let input = r#"{"log": {"entries": [{"request": {"method": "GET", "url": "https://api.hikeup.invalid/"},
      "response": {"status": 0, "statusText": "", "httpVersion": "", "headers": [],
        "content": {"size": 0, "mimeType": "x-unknown"}, "_error": "net::ERR_NAME_NOT_RESOLVED"}}]}}"#;
    let (_, entries, _) = read(input.as_bytes(), 10);
    assert_eq!(entries[0].response.status, 0);
    assert_eq!(
        entries[0].response.error.as_deref(),
        Some("net::ERR_NAME_NOT_RESOLVED")
    );
}

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    let mut input = br#"{"log": {"entries": [{"_initiator": "#.to_vec();
    input.extend(std::iter::repeat_n(b'[', 100_000));
    let (detect, entries, end) = read(&input, 4096);
    assert_eq!(detect, Detect::Har);
    assert!(entries.is_empty());
    assert_eq!(end.unwrap_err().entry, 1);
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    fn tiny() -> Limits {
        Limits {
            max_body: 8,
            max_request_body: 8,
            max_headers: 1,
            max_header: 48,
            max_url: 16,
        }
    }

    proptest! {
        #[test]
        fn any_bytes_any_blocks_never_panic(input in prop::collection::vec(any::<u8>(), 0..2048), block in 1usize..300) {
            let _ = read(&input, block);
            let _ = read_with(tiny(), &input, block);
        }

        #[test]
        fn a_mangled_har_never_panics_and_blocks_never_change_it(
            cuts in prop::collection::vec((0usize..2000, any::<u8>()), 0..4),
            block in 1usize..200,
        ) {
            let mut input = TWO.as_bytes().to_vec();
            for (at, b) in cuts {
                let at = at % input.len();
                input[at] = b;
            }
            for limits in [Limits::default(), tiny()] {
                let (d1, e1, r1) = read_with(limits, &input, 1 << 16);
                let (d2, e2, r2) = read_with(limits, &input, block);
                prop_assert_eq!(d1, d2);
                prop_assert_eq!(e1, e2);
                prop_assert_eq!(r1.map_err(|e| e.entry), r2.map_err(|e| e.entry));
            }
        }
    }
}
