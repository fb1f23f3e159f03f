//! The replay's unit tests: credentials as variables, a form body inline, and the error
//! for a request the input does not show.

use super::*;
use crate::transcript::Parser;

fn script_of(input: &str, body: bool) -> Result<String, NotShown> {
    let mut p = Parser::new();
    p.feed(input.as_bytes());
    let t = p.finish();
    let req = request_of(&t.last).ok_or(NotShown::NoRequest)?;
    replay(req, &t.secrets, Options { body }).map(|r| r.script())
}

#[test]
fn credentials_become_variables() {
    let s = script_of(
        "* Connected to api.hikeup.com (1.2.3.4) port 443 (#0)\n\
         > POST /oauth/token?access_token=QUERYSECRET1 HTTP/1.1\r\n> Host: api.hikeup.com\r\n\
         > Cookie: s=COOKIESECRET\r\n> Content-Type: application/x-www-form-urlencoded\r\n\
         > Content-Length: 99\r\n>\r\n< HTTP/1.1 400 Bad\r\n<\r\n",
        true,
    )
    .unwrap();
    assert!(
        s.contains("'https://api.hikeup.com/oauth/token?access_token='\"$HIKE_ACCESS_TOKEN\""),
        "{s}"
    );
    assert!(s.contains("-H 'Cookie: '\"$HIKE_COOKIE\""), "{s}");
    assert!(s.contains("-X POST"), "{s}");
    assert!(s.contains("# the request sent a body (99 bytes"), "{s}");
    assert!(
        !s.contains("SECRET") && !s.contains("Content-Length"),
        "{s}"
    );
    assert!(s.starts_with("# set first: HIKE_COOKIE (Cookie header), HIKE_ACCESS_TOKEN (query parameter access_token)"), "{s}");
}

#[test]
fn a_form_body_inline() {
    let body =
        "grant_type=refresh_token&refresh_token=REFRESHSECRET&client_secret=CLIENTSECRET1&code=ab";
    let input = format!(
        "POST /oauth/token HTTP/1.1\r\nHost: 127.0.0.1:8080\r\nContent-Length: {}\r\n\
         Content-Type: application/x-www-form-urlencoded\r\n\r\n{body}\n\nHTTP/1.1 401 No\r\n\r\n",
        body.len()
    );
    let s = script_of(&input, true).unwrap();
    assert!(s.contains("--data-raw 'grant_type=refresh_token&refresh_token='\"$HIKE_REFRESH_TOKEN\"'&client_secret='\"$HIKE_CLIENT_SECRET\"'&code='\"$HIKE_AUTH_CODE\""), "{s}");
    assert!(s.contains(" http://127.0.0.1:8080/oauth/token \\\n"), "{s}");
    let s = script_of(&input, false).unwrap();
    assert!(!s.contains("--data") && s.contains("left out"), "{s}");
}

#[test]
fn not_shown() {
    let e = script_of("HTTP/1.1 500 Oops\r\n\r\n", true).unwrap_err();
    let text = e.to_string();
    assert!(text.contains("`curl -v URL 2>&1`"));
    assert!(!text.lines().any(|l| l.starts_with("curl ")));
}

#[test]
fn the_scheme_follows_what_the_capture_shows() {
    let req = "> GET /x HTTP/1.1\r\n> Host: api.hikeup.com\r\n>\r\n< HTTP/1.1 500 Oops\r\n<\r\n";
    let with = |notes: &str| script_of(&format!("{notes}{req}"), true).unwrap();
    assert!(with("").contains(" http://api.hikeup.com/x"));
    assert!(with("* Connected to api.hikeup.com (1.2.3.4) port 18080 (#0)\n").contains(" http://"));
    assert!(with("* Connected to api.hikeup.com (1.2.3.4) port 443 (#0)\n").contains(" https://"));
    assert!(with("* Connected to h (1.2.3.4) port 4430 (#0)\n").contains(" http://"));
    assert!(
        with("* Connected to h (1.2.3.4) port 8443 (#0)\n* SSL connection using TLSv1.3 / X\n")
            .contains(" https://api.hikeup.com/x")
    );
    let port =
        "> GET /x HTTP/1.1\r\n> Host: api.hikeup.com:443\r\n>\r\n< HTTP/1.1 500 Oops\r\n<\r\n";
    assert!(
        script_of(port, true)
            .unwrap()
            .contains(" https://api.hikeup.com:443/x")
    );
}

#[test]
fn an_empty_header_is_sent_empty() {
    let s = script_of(
        "> POST /x HTTP/1.1\r\n> Host: h\r\n> X-Empty:\r\n> Content-Length: 3\r\n>\r\n< HTTP/1.1 500 Oops\r\n<\r\n",
        true,
    )
    .unwrap();
    assert!(s.contains("-H 'X-Empty;'"), "{s}");
}

#[test]
fn which_body_goes_where() {
    use super::body::{Plan, plan};
    let req = |body: &[u8], len: Option<&str>| Request {
        method: Some("POST".into()),
        target: "/x".into(),
        headers: len
            .map(|l| vec![("Content-Length".to_string(), l.to_string())])
            .unwrap_or_default(),
        headers_shown: true,
        body: body.to_vec(),
        tls: false,
    };
    assert_eq!(plan(&req(b"", None), true), Plan::Nothing);
    assert_eq!(plan(&req(b"", Some("25")), true), Plan::NotShown);
    assert_eq!(plan(&req(b"abc", Some("25")), true), Plan::NotShown);
    assert_eq!(
        plan(&req(b"abc\n\n", Some("3")), true),
        Plan::Inline("abc".into())
    );
    assert_eq!(plan(&req(b"a\0c", Some("3")), true), Plan::File(3));
    assert_eq!(plan(&req(&[0xff, 0xfe], None), true), Plan::File(2));
    assert_eq!(plan(&req(b"abc", Some("3")), false), Plan::LeftOut);
}

mod any_request {
    use super::*;
    use proptest::prelude::*;

    const SECRET: &str = "hkT0k3n_9fQ2xLm7-Zr4Pw8Vb1Nc6";

    proptest! {
        #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

        /// Whatever the request holds, the replay is made without a panic, holds no raw
        /// control or bidi character (its line ends aside), and no credential planted in a
        /// credential's place.
        #[test]
        fn a_replay_is_clean(
            path in "\\PC{0,40}",
            note in "\\PC{0,40}",
            body in "\\PC{0,80}",
            place in 0usize..6,
        ) {
            let mut req = Request {
                method: Some("POST".into()),
                target: format!("/{path}"),
                headers: vec![
                    ("Host".into(), "api.hikeup.com".into()),
                    ("X-Note".into(), note),
                ],
                headers_shown: true,
                body: body.into_bytes(),
                tls: true,
            };
            match place {
                0 => req.headers.push(("Authorization".into(), format!("Bearer {SECRET}"))),
                1 => req.headers.push(("Cookie".into(), format!("a=b; s={SECRET}"))),
                2 => req.headers.push(("X-Api-Key".into(), SECRET.into())),
                3 => req.target.push_str(&format!("?access_token={SECRET}")),
                4 => req.body = format!("client_secret={SECRET}&a=1").into_bytes(),
                _ => req.body = format!("{{\"refresh_token\": \"{SECRET}\"}}").into_bytes(),
            }
            let mut secrets = Secrets::new();
            secrets.learn_request(&req.headers, &req.target, &req.body);
            if let Ok(r) = replay(&req, &secrets, Options { body: true }) {
                let s = r.script();
                prop_assert!(!s.contains(SECRET), "{}", s);
                prop_assert!(!s.chars().any(|c| crate::sanitize::is_unsafe(c) && c != '\n'), "{}", s);
            }
        }
    }
}
