//! The flat reader against the full one: what it reads, and what it leaves to it.

use super::*;

fn call(line: &str) -> Option<FlatCall<'_>> {
    match read(line.as_bytes(), 2026) {
        Flat::Call(c) => Some(c),
        _ => None,
    }
}

#[test]
fn a_winston_call_is_read() {
    let c = call(r#"{"level":"info","message":"Hike call ok","method":"GET","status":200,"timestamp":"2026-12-04T16:00:00.350Z","url":"/api/v1/products"}"#).unwrap();
    assert_eq!(
        (c.status, c.method, c.target, c.has_body),
        (200, Some("GET"), Some("/api/v1/products"), false)
    );
    assert_eq!(c.time_ms, 1_796_400_000_350);
}

#[test]
fn what_the_full_reader_must_read_is_left_to_it() {
    for line in [
        // a key the reader looks up, in another spelling or nested
        r#"{"Status":429,"timestamp":"2026-12-04T16:00:00Z"}"#,
        r#"{"status":429,"response":{"status":429},"timestamp":"2026-12-04T16:00:00Z"}"#,
        r#"{"http.response.status_code":429,"timestamp":"2026-12-04T16:00:00Z"}"#,
        // a status as text, out of range, twice
        r#"{"status":"429","timestamp":"2026-12-04T16:00:00Z"}"#,
        r#"{"status":101,"timestamp":"2026-12-04T16:00:00Z"}"#,
        r#"{"status":429,"status":200,"timestamp":"2026-12-04T16:00:00Z"}"#,
        // no time
        r#"{"status":429,"url":"/x"}"#,
        // an escape, whitespace, a credential
        r#"{"status":429,"message":"a\"b","timestamp":"2026-12-04T16:00:00Z"}"#,
        r#"{"status": 429,"timestamp":"2026-12-04T16:00:00Z"}"#,
        r#"{"status":429,"url":"/x?access_token=SECRET123","timestamp":"2026-12-04T16:00:00Z"}"#,
        r#"{"status":200,"data":{"access_token":"SECRET123"},"timestamp":"2026-12-04T16:00:00Z"}"#,
        r#"{"status":401,"headers":{"Authorization":"Bearer SECRET123"},"timestamp":"2026-12-04T16:00:00Z"}"#,
        // a number serde_json cannot hold (past f64): the full reader reads no record
        &format!(
            r#"{{"status":500,"timestamp":"2026-12-04T16:00:00Z","data":{{"token=abcdefgh":1,"n":1{}}}}}"#,
            "0".repeat(400)
        ),
        r#"{"status":500,"timestamp":"2026-12-04T16:00:00Z","n":-123456789012345678901}"#,
        // no status, but one the message states, or Hike's body
        r#"{"level":"error","message":"Request failed with status code 429"}"#,
        r#"{"level":"error","data":"oauth_problem=rate limit exceeded&oauth_problem_advice=x"}"#,
    ] {
        assert_eq!(read(line.as_bytes(), 2026), Flat::Unsure, "{line}");
    }
}

#[test]
fn a_record_with_no_call_says_so() {
    let line = r#"{"level":"info","message":"Synced 188 products in 616ms","timestamp":"2026-12-04T16:00:01.050Z"}"#;
    assert_eq!(read(line.as_bytes(), 2026), Flat::Nothing);
}

/// Records whose bodies name tokens in the ways the reader learns from, or nearly.
const BODIES: &[&str] = &[
    r#"{"status":200,"data":{"access_token":"hk_live_abcdef123456"},"timestamp":"2026-12-04T16:00:00Z"}"#,
    r#"{"status":200,"data":{"data":{"refresh_token":"rt_abcdef123456"}},"timestamp":"2026-12-04T16:00:00Z"}"#,
    r#"{"status":200,"data":[{"id_token":"eyJabcdef123456"}],"timestamp":"2026-12-04T16:00:00Z"}"#,
    r#"{"status":401,"data":{"WWW-Authenticate":"Bearer error=invalid_token"},"timestamp":"2026-12-04T16:00:00Z"}"#,
    r#"{"status":401,"data":{"code":"ERR_BAD_TOKEN_REQUEST"},"timestamp":"2026-12-04T16:00:00Z"}"#,
    r#"{"status":401,"data":{"error":"invalid_token","error_description":"The access token expired"},"timestamp":"2026-12-04T16:00:00Z"}"#,
    r#"{"status":200,"data":{"token_type":"bearer","expires_in":3600},"timestamp":"2026-12-04T16:00:00Z"}"#,
    r#"{"status":200,"data":"access_token=abcdef123456&token_type=bearer","timestamp":"2026-12-04T16:00:00Z"}"#,
];

#[test]
fn the_flat_reader_agrees_with_the_full_one() {
    let ctx = crate::applog::Context::new(2026);
    let fixture = include_str!("../../../tests/fixtures/applog/winston-axios.log");
    for line in fixture.lines().chain(BODIES.iter().copied()) {
        let full = crate::applog::read_line(line.as_bytes(), &ctx);
        match read(line.as_bytes(), 2026) {
            Flat::Call(c) => {
                let x = full.expect(line);
                assert_eq!(x.status, c.status, "{line}");
                assert_eq!(
                    x.method.as_deref(),
                    c.method.map(|m| m.to_ascii_uppercase()).as_deref()
                );
                assert_eq!(x.target.as_deref(), c.target);
                assert_eq!(x.time_ms, Some(c.time_ms));
                assert_eq!(x.body.is_some(), c.has_body);
                assert!(x.secrets.is_empty() && x.secrets.values.is_empty());
                // Nor does its body teach the redactor a credential.
                let mut learned = Secrets::new();
                learned.learn_response(x.body.as_deref().unwrap_or_default());
                assert!(learned.is_empty(), "{line}");
            }
            Flat::Nothing => assert!(full.is_none(), "{line}"),
            Flat::Unsure => {}
        }
    }
}
