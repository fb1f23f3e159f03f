//! Unit tests of the rule, case by case from the issue that set it.

use super::*;

fn text(s: &str) -> String {
    Redactor::default().text(s).into_string()
}

#[test]
fn hikes_word_fields_are_words() {
    let t = "oauth_problem=rate limit exceeded&oauth_problem_advice=please wait";
    assert_eq!(text(t), t);
    assert_eq!(
        text("a=1&access_token=abcdefgh123"),
        "a=1&access_token=[redacted, 11 chars]"
    );
}

#[test]
fn jwts_anywhere() {
    let jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjMifQ.c2lnbmF0dXJl";
    assert_eq!(
        text(&format!("token {jwt} expired")),
        format!("token [redacted, {} chars] expired", jwt.len())
    );
    assert_eq!(
        text(&format!("The token {jwt}.")),
        format!("The token [redacted, {} chars].", jwt.len())
    );
    assert_eq!(
        text(&format!("x={jwt}")),
        format!("x=[redacted, {} chars]", jwt.len())
    );
    assert_eq!(text("eyJ is not one"), "eyJ is not one");
}

#[test]
fn the_word_after_a_credential_noun() {
    assert_eq!(
        text("The access token Xy9fK2mQ7pL has expired"),
        "The access token [redacted, 11 chars] has expired"
    );
    assert_eq!(
        text("refresh token r3fr3sh-t0k3n is invalid"),
        "refresh token [redacted, 13 chars] is invalid"
    );
    assert_eq!(
        text("api_key AK_1234567 revoked"),
        "api_key [redacted, 10 chars] revoked"
    );
    assert_eq!(
        text("refresh_token 'abcdEFGH1234' is invalid"),
        "refresh_token '[redacted, 12 chars]' is invalid"
    );
    assert_eq!(text("token rejected"), "token rejected");
    assert_eq!(text("password required"), "password required");
    assert_eq!(text("the token has expired"), "the token has expired");
    assert_eq!(text("Token: abcdef12345"), "Token: [redacted, 11 chars]");
    assert_eq!(text("plain words"), "plain words");
    assert_eq!(
        text("Bearer token expired: got Bearer SECRETAFTERPROSE99"),
        "Bearer token expired: got Bearer [redacted, 18 chars]"
    );
    assert_eq!(
        text("Bearer\tTABBEDSECRET1"),
        "Bearer\t[redacted, 13 chars]"
    );
    assert_eq!(text("Bearer token required"), "Bearer token required");
    assert_eq!(
        text("token Bearer abc123def was refused"),
        "token Bearer [redacted, 9 chars] was refused"
    );
}

#[test]
fn credential_headers_in_text() {
    assert_eq!(
        text("sent Authorization: Basic dXNlcjpwYXNz"),
        "sent Authorization: Basic [redacted, 12 chars]"
    );
    assert_eq!(text("Cookie: a=b; c=d"), "Cookie: [redacted, 8 chars]");
    assert_eq!(
        text("Bearer FIRSTSECRET99 then Cookie: b=2"),
        "Bearer [redacted, 13 chars] then Cookie: [redacted, 3 chars]"
    );
    assert_eq!(text("x-api-keys are fine"), "x-api-keys are fine");
    let r = Redactor::default();
    assert_eq!(
        r.header("Authorization", "Bearer hk_live_SECRET"),
        "Bearer [redacted, 14 chars]"
    );
    assert_eq!(r.header("Cookie", "session=abc"), "[redacted, 11 chars]");
    assert_eq!(r.header("X-Api-Key", "abc"), "[redacted, 3 chars]");
    assert_eq!(r.header("Authorization", "Bearer"), "Bearer");
    assert_eq!(
        r.header(
            "WWW-Authenticate",
            "Bearer realm=\"hike\", error=\"invalid_token\""
        ),
        "Bearer realm=\"hike\", error=\"invalid_token\""
    );
}

#[test]
fn parameters_and_fields() {
    assert_eq!(text("key=abc"), "key=[redacted, 3 chars]");
    assert_eq!(
        text("bad ?access_token=xyz&x=1 here"),
        "bad ?access_token=[redacted, 3 chars]&x=1 here"
    );
    assert_eq!(
        text(r#"got {"access_token": "JSONSECRET", "x": 1}"#),
        r#"got {"access_token": "[redacted, 10 chars]", "x": 1}"#
    );
    assert_eq!(
        text(r#"{"oauth_problem": "rate limit exceeded"}"#),
        r#"{"oauth_problem": "rate limit exceeded"}"#
    );
    let r = Redactor::default();
    assert_eq!(
        r.message(Some("client_secret"), "X9 is wrong"),
        "[redacted, 11 chars]"
    );
    assert_eq!(r.message(Some("title"), "can't be blank"), "can't be blank");
    assert_eq!(
        r.url("https://u:p@h/cb?code=abc#access-token=def"),
        "https://[redacted, 3 chars]@h/cb?code=[redacted, 3 chars]#access-token=[redacted, 3 chars]"
    );
}

#[test]
fn what_is_kept() {
    for keep in [
        "3c4d5e6f-1a2b-4c3d-9e4f-5a6b7c8d9e01",
        "invalid_grant",
        "rate limit exceeded (please wait before retrying the Hike api)",
        "title: can't be blank",
        "429 Too Many Requests",
        "/api/v1/products/get_all?page_size=100&skip_count=0",
        "https://docs.hikeup.com/reference/authorization-1",
    ] {
        assert_eq!(text(keep), keep);
    }
}

#[test]
fn what_the_input_showed_is_hidden_everywhere() {
    let mut s = Secrets::new();
    s.learn_request(
        &[
            ("Authorization".into(), "Bearer AUTHSECRET123".into()),
            ("Cookie".into(), "session=COOKIEVALUE; x=1".into()),
            ("Accept".into(), "application/json".into()),
        ],
        "https://user:PASSWORD9@h/x?access_token=QUERYSECRET&page=1",
        b"grant_type=refresh_token&refresh_token=FORM%2BSECRET1&client_secret=FORMSECRET2\n",
    );
    s.learn_response(br#"{"access_token": "ISSUEDTOKEN1", "token_type": "bearer", "refresh_token": "ISSUEDREFRESH"}"#);
    for v in [
        "AUTHSECRET123",
        "COOKIEVALUE",
        "QUERYSECRET",
        "PASSWORD9",
        "FORM+SECRET1",
        "FORM%2BSECRET1",
        "FORMSECRET2",
        "ISSUEDTOKEN1",
        "ISSUEDREFRESH",
    ] {
        assert!(s.contains(v), "{v}");
    }
    assert!(!s.contains("bearer") && !s.contains("application/json"));
    let r = Redactor::new(s);
    assert_eq!(
        r.text("saw AUTHSECRET123 and ISSUEDREFRESH"),
        "saw [redacted, 13 chars] and [redacted, 13 chars]"
    );
    // Bounded: the oldest goes.
    let mut s = Secrets::new();
    for i in 0..Secrets::MAX + 10 {
        s.remember(&format!("value-{i:04}"));
    }
    assert_eq!(s.len(), Secrets::MAX);
    assert!(!s.contains("value-0000") && s.contains("value-0265"));
}

#[test]
fn redacting_twice_changes_nothing() {
    for s in [
        "sent Authorization: Bearer abcdefghijkl",
        "got Bearer abcdefghijkl",
        "token Xy9fK2mQ7pL and /x?code=abc and {\"password\": \"pw123456\"}",
    ] {
        let once = text(s);
        assert_eq!(text(&once), once, "{s}");
    }
}
