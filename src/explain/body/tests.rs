//! The body reader on every shape, as unit tests.
use super::*;
use crate::redact::Secrets;

fn errors(body: &str) -> Vec<(Option<String>, String)> {
    read(body.as_bytes(), None, None)
        .errors
        .into_iter()
        .map(|e| (e.field.map(|f| f.into_string()), e.message.into_string()))
        .collect()
}

#[test]
fn every_json_shape() {
    assert_eq!(
        errors(r#"{"errors": "Not Found"}"#),
        [(None, "Not Found".into())]
    );
    assert_eq!(
        errors(r#"{"errors": ["a", "b"]}"#),
        [(None, "a".into()), (None, "b".into())]
    );
    assert_eq!(
        errors(r#"{"errors": {"title": ["can't be blank"], "base": ["gone"]}}"#),
        [
            (Some("title".into()), "can't be blank".into()),
            (None, "gone".into())
        ]
    );
    assert_eq!(errors(r#"{"error": "boom"}"#), [(None, "boom".into())]);
    let f = read(
        br#"{"error":"invalid_grant","error_description":"used"}"#,
        None,
        None,
    );
    assert_eq!(f.oauth_error.unwrap().error, "invalid_grant");
    assert_eq!(f.errors[0].message, "invalid_grant: used");
}

#[test]
fn success_bodies_hold_no_errors_but_explicit_ones() {
    let ok = |b: &str| {
        read_response(
            b.as_bytes(),
            Some("application/json"),
            None,
            false,
            &Redactor::default(),
        )
    };
    assert!(ok(r#"{"message": "Product created"}"#).errors.is_empty());
    assert!(
        ok(r#"[{"id": 1, "description": "Blue shirt"}]"#)
            .errors
            .is_empty()
    );
    assert!(ok("plain words").errors.is_empty());
    let html = read_response(
        b"<html><title>Moved</title></html>",
        None,
        None,
        false,
        &Redactor::default(),
    );
    assert_eq!((html.kind, html.errors.len()), (BodyKind::Html, 0));
    let form = read_response(
        b"error=invalid_grant&error_description=used",
        None,
        None,
        false,
        &Redactor::default(),
    );
    assert_eq!((form.kind, form.errors.len()), (BodyKind::Form, 1));
    assert_eq!(
        ok(r#"{"errors": ["partial"]}"#).errors[0].message,
        "partial"
    );
}

#[test]
fn a_json_body_cut_short_still_gives_its_errors() {
    let mut body = r#"{"errors": {"title": ["can't be blank"]}, "items": ["#.to_string();
    body.push_str(&"1234567890,".repeat(1000));
    let f = read(body.as_bytes(), Some("application/json"), None);
    assert_eq!(f.kind, BodyKind::Json);
    assert_eq!(f.errors[0].field.as_deref(), Some("title"));
    let f = read(br#"{"items": [1, 2, 3"#, Some("application/json"), None);
    assert!(f.errors.is_empty() && f.json_unreadable);
    // Only the top level counts, and a key's name inside a value is no key.
    let f = read(
        br#"{"data": [{"errors": "not me"}], "tags": ["errors"], "errors": "real", "items": [1,"#,
        Some("application/json"),
        None,
    );
    assert_eq!(f.errors.len(), 1);
    assert_eq!(f.errors[0].message, "real");
}

#[test]
fn errors_past_the_limit_are_counted() {
    let list: Vec<String> = (0..70).map(|i| format!("\"e{i}\"")).collect();
    let body = format!("{{\"errors\": [{}]}}", list.join(","));
    let f = read(body.as_bytes(), Some("application/json"), None);
    assert_eq!((f.errors.len(), f.errors_omitted), (MAX_ERRORS, 20));
}

#[test]
fn hikes_form_body() {
    let f = read(
        b"oauth_problem=rate limit exceeded&oauth_problem_advice=please wait",
        Some("application/x-www-form-urlencoded"),
        None,
    );
    assert_eq!(f.kind, BodyKind::Form);
    assert_eq!(f.errors[0].message, "rate limit exceeded (please wait)");
    assert_eq!(percent_decode("a%20b+c%zz%"), "a b c%zz%");
    // Cut short by a log (`&...`): the pairs before the mark; a mark alone is no form.
    let f = read(b"oauth_problem=rate limit exceeded&...", None, None);
    assert_eq!(f.kind, BodyKind::Form);
    assert_eq!(f.errors[0].message, "rate limit exceeded");
    assert_eq!(read(b"...&...", None, None).kind, BodyKind::Text);
}

#[test]
fn kind_names_match_json() {
    for k in [
        BodyKind::Empty,
        BodyKind::Json,
        BodyKind::Form,
        BodyKind::Html,
        BodyKind::Text,
        BodyKind::Binary,
    ] {
        assert_eq!(serde_json::to_value(k).unwrap(), k.as_str());
    }
}

#[test]
fn html_and_binary() {
    let f = read(
        b"<html><head><title>502 Bad Gateway</title></head></html>",
        None,
        None,
    );
    assert_eq!(f.kind, BodyKind::Html);
    assert_eq!(f.html_title.as_deref(), Some("502 Bad Gateway"));
    let f = read(&[0x1f, 0x8b, 8, 0, 0, 0], None, None);
    assert!(f.gzip && f.kind == BodyKind::Binary);
    assert_eq!(read(b"  \n", None, None).kind, BodyKind::Empty);
}

#[test]
fn a_body_curl_decoded_is_read_whatever_its_content_encoding() {
    // `curl --compressed` prints the body decoded, under the header it was sent with.
    for enc in ["gzip", "br", "deflate", "zstd", "gzip, br"] {
        let f = read(br#"{"errors": "Internal Server Error"}"#, None, Some(enc));
        assert_eq!(f.kind, BodyKind::Json, "{enc}");
        assert!(!f.gzip, "{enc}");
        assert_eq!(f.errors.len(), 1, "{enc}");
    }
    // Decoded Latin-1 text: high bytes, no control byte.
    let f = read(
        b"{\"errors\": \"caf\xe9\"}",
        Some("application/json; charset=iso-8859-1"),
        Some("br"),
    );
    assert_eq!(f.errors[0].message.as_str(), "caf\u{e9}");
    // Still compressed: gzip's magic, or a control byte in what the header says is encoded.
    let gz = [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 2, 3, b'{', b'a'];
    let f = read(&gz, None, Some("gzip"));
    assert!(f.gzip && f.kind == BodyKind::Binary);
    let br = b"\x1b\x22\x00\xf8{\"errors\"";
    let f = read(br, None, Some("br"));
    assert!(!f.gzip && f.kind == BodyKind::Binary);
    let f = read(
        b"\x8b\x11\x80{ab}\x03",
        Some("text/plain; charset=latin1"),
        Some("br"),
    );
    assert!(!f.gzip && f.kind == BodyKind::Binary);
}

#[test]
fn aspnet_keys_match_without_regard_to_case() {
    assert_eq!(
        errors(
            r#"{"message": "The request is invalid.", "modelState": {"x.Name": ["Required"]},
               "exceptionMessage": "boom", "exceptionType": "System.InvalidOperationException"}"#
        ),
        [
            (None, "The request is invalid.".into()),
            (None, "System.InvalidOperationException: boom".into()),
            (Some("x.Name".into()), "Required".into()),
        ]
    );
    assert_eq!(errors(r#"{"Errors": ["a"]}"#), [(None, "a".into())]);
}

#[test]
fn problem_details_only_on_errors_or_when_declared() {
    let red = Redactor::default();
    let record = br#"{"title": "Trail mix", "status": 1, "type": "snack"}"#;
    let ok = read_response(record, Some("application/json"), None, false, &red);
    assert!(ok.problem.is_none() && ok.errors.is_empty());
    let p = read_response(
        br##"{"type": "about:blank", "title": "Not Found", "status": 404, "errors": [{"detail": "no such id", "pointer": "#/data/id"}]}"##,
        Some("application/problem+json"),
        None,
        true,
        &red,
    );
    assert_eq!(p.problem.as_ref().unwrap().status, Some(404));
    let got: Vec<_> = p
        .errors
        .iter()
        .map(|e| {
            (
                e.field.as_ref().map(|f| f.as_str().to_string()),
                e.message.as_str().to_string(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (None, "Not Found".to_string()),
            (Some("data.id".to_string()), "no such id".to_string())
        ]
    );
}

#[test]
fn abp_details_stand_in_for_missing_validation_errors() {
    assert_eq!(
        errors(
            r#"{"error": {"code": 0, "message": "An internal error occurred.", "details": "See the log", "validationErrors": null}}"#
        ),
        [
            (None, "An internal error occurred.".into()),
            (None, "See the log".into())
        ]
    );
}

/// A success's body that is only checked (not built) is one the whole reading would find
/// JSON with nothing in it; the bodies the check cannot vouch for go the whole way.
#[test]
fn a_checked_success_body_is_what_the_whole_reading_finds() {
    let red = Redactor::default();
    for body in [
        r#"{"totalCount": 2, "items": [{"id": 101, "title": "Trail mix"}], "next": null}"#,
        "chatter\n[1, 2.5, -3, true, null, \"x\"]\n",
        r#"{"a": {"b": [{}]}}"#,
    ] {
        assert!(json::success_without_errors(body), "{body}");
        let value = first_json(body).expect(body);
        let mut facts = read_response(b"", None, None, false, &red);
        json_errors(&value, &mut facts, false, &red);
        assert!(
            facts.errors.is_empty() && facts.oauth_error.is_none(),
            "{body}"
        );
        let read = read_response(body.as_bytes(), Some("application/json"), None, false, &red);
        assert_eq!(read.kind, BodyKind::Json, "{body}");
    }
    let deep = "[".repeat(200) + &"]".repeat(200);
    for body in [
        r#"{"Errors": ["taken"]}"#,
        r#"{"ERROR": "x"}"#,
        r#"{"s": "\ud800"}"#,
        r#"{"n": 1e400}"#,
        r#"{"n": 1.5E3}"#,
        &format!("{{\"n\": {}}}", "9".repeat(400)),
        &deep,
        "{\"a\": 1",
        "plain text",
    ] {
        assert!(!json::success_without_errors(body), "{body}");
    }
    // The whole reading still finds an explicit error on a success.
    assert_eq!(
        read_response(br#"{"Errors": ["taken"]}"#, None, None, false, &red).errors[0].message,
        "taken"
    );
}

#[test]
fn a_kept_reading_is_the_reading_and_known_credentials_are_read_afresh() {
    let body = br#"{"error": "invalid_grant", "error_description": "grant revoked for client nz-store-0042"}"#;
    let none = Redactor::default();
    let first = read_response(body, Some("application/json"), None, true, &none);
    // Kept: the same body read the same way gives the same reading.
    assert_eq!(
        read_response(body, Some("application/json"), None, true, &none),
        first
    );
    // Another Content-Type or side is another reading, not the kept one.
    let as_text = read_response(body, Some("text/plain"), None, true, &none);
    assert_eq!(
        as_text,
        read_fresh(body, Some("text/plain"), None, true, &none)
    );
    // A credential known now must be hidden, whatever was kept.
    assert_eq!(
        read_response(body, Some("application/json"), None, true, &none),
        first
    );
    let mut secrets = Secrets::new();
    secrets.remember("nz-store-0042");
    let known = Redactor::new(secrets);
    let hidden = read_response(body, Some("application/json"), None, true, &known);
    let text = format!("{hidden:?}");
    assert!(!text.contains("nz-store-0042"), "{text}");
    assert!(
        format!("{first:?}").contains("nz-store-0042"),
        "the test's body shows it"
    );
}
