//! Proof of the redaction rule and of terminal-safe output, end to end through the binary: a
//! random secret planted in every place a credential can stand, in every input format, never
//! comes out, in the text view or in `--json`; nor does a raw control, escape or bidi
//! character planted beside it.
//!
//! The inputs are real captures from `tests/fixtures` with the planted parts written into
//! them: their noise lines (curl's progress meter and `*` notes, wget's chatter), their own
//! headers and their layout stay as the client wrote them.

mod common;

use common::{fixture_bytes, run};
use hike_status::sanitize::is_unsafe;
use proptest::prelude::*;

/// One request and its response, as a place writes them into a template.
#[derive(Debug, Clone)]
struct Exchange {
    method: String,
    target: String,
    req_headers: Vec<(String, String)>,
    req_body: Option<String>,
    status: u16,
    reason: String,
    resp_headers: Vec<(String, String)>,
    body: String,
}

impl Exchange {
    fn new(status: u16, reason: &str) -> Exchange {
        Exchange {
            method: "GET".into(),
            target: "/api/v1/products?page_size=5".into(),
            req_headers: vec![("Authorization".into(), "Bearer hk_short_1".into())],
            req_body: None,
            status,
            reason: reason.into(),
            resp_headers: vec![("Content-Type".into(), "application/json".into())],
            body: r#"{"errors": "Not Found"}"#.into(),
        }
    }

    fn resp_header(&mut self, name: &str, value: String) {
        self.resp_headers
            .retain(|(n, _)| !n.eq_ignore_ascii_case(name));
        self.resp_headers.push((name.into(), value));
    }

    fn req_header(&mut self, name: &str, value: String) {
        self.req_headers
            .retain(|(n, _)| !n.eq_ignore_ascii_case(name));
        self.req_headers.push((name.into(), value));
    }

    fn json_body(&mut self, body: serde_json::Value) {
        self.resp_header("Content-Type", "application/json".into());
        self.body = body.to_string();
    }
}

/// The input formats that exist: each a real capture used as the template.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    /// `curl -i`: the response only.
    CurlI,
    /// `curl -v ... 2>&1`: `> ` request and `< ` response lines, curl's notes and meter.
    CurlV,
    /// `wget -S --content-on-error`: the URL, indented response headers, wget's chatter.
    Wget,
    /// HTTPie `--print=hb`: the response only.
    HttpieHb,
    /// HTTPie `-v`: the request, its body, then the response.
    HttpieV,
}

const FORMATS: [Format; 5] = [
    Format::CurlI,
    Format::CurlV,
    Format::Wget,
    Format::HttpieHb,
    Format::HttpieV,
];

impl Format {
    fn template(self) -> &'static str {
        match self {
            Format::CurlI => "curl-i-429-minute.txt",
            Format::CurlV => "curl-v-401-bearer.txt",
            Format::Wget => "wget-S-content-on-error-422.txt",
            Format::HttpieHb => "httpie-print-hb-429.txt",
            Format::HttpieV => "httpie-v-401.txt",
        }
    }

    /// Whether the format shows the request's headers, and its body.
    fn shows_request_headers(self) -> bool {
        matches!(self, Format::CurlV | Format::HttpieV)
    }

    fn shows_request_body(self) -> bool {
        self == Format::HttpieV
    }

    fn shows_url(self) -> bool {
        matches!(self, Format::CurlV | Format::HttpieV | Format::Wget)
    }

    /// The exchange written into the format's real capture.
    fn write(self, ex: &Exchange) -> String {
        let template = String::from_utf8(fixture_bytes(self.template())).unwrap();
        match self {
            Format::CurlI | Format::HttpieHb => plain(&template, ex, None),
            Format::HttpieV => plain(&template, ex, Some(ex)),
            Format::CurlV => curl_v(&template, ex),
            Format::Wget => wget(&template, ex),
        }
    }
}

fn header_lines(prefix: &str, headers: &[(String, String)]) -> String {
    headers
        .iter()
        .map(|(n, v)| format!("{prefix}{n}: {v}\r\n"))
        .collect()
}

fn overridden(line: &str, headers: &[(String, String)]) -> bool {
    let name = line.split(':').next().unwrap_or("").trim();
    headers.iter().any(|(n, _)| n.eq_ignore_ascii_case(name))
}

/// `curl -i`, HTTPie `--print=hb`, and with `request` HTTPie `-v`: unprefixed blocks.
fn plain(template: &str, ex: &Exchange, request: Option<&Exchange>) -> String {
    let mut out = String::new();
    let mut lines = template.split_inclusive('\n').peekable();
    if let Some(req) = request {
        // The request block: its line, headers, a blank line, the body HTTPie prints.
        lines.next();
        out.push_str(&format!("{} {} HTTP/1.1\r\n", req.method, req.target));
        for line in lines.by_ref() {
            if line.trim().is_empty() {
                out.push_str(&header_lines("", &req.req_headers));
                out.push_str(line);
                if let Some(b) = &req.req_body {
                    out.push_str(b);
                    out.push_str("\r\n");
                }
                break;
            }
            if !overridden(line, &req.req_headers) {
                out.push_str(line);
            }
        }
        while let Some(line) = lines.next_if(|l| !l.starts_with("HTTP/")) {
            out.push_str(line);
        }
    }
    lines.next();
    out.push_str(&format!("HTTP/1.1 {} {}\r\n", ex.status, ex.reason));
    for line in lines.by_ref() {
        if line.trim().is_empty() {
            out.push_str(&header_lines("", &ex.resp_headers));
            out.push_str(line);
            break;
        }
        if !overridden(line, &ex.resp_headers) {
            out.push_str(line);
        }
    }
    // The template's body is replaced.
    out.push_str(&ex.body);
    out.push('\n');
    out
}

/// `curl -v ... 2>&1`.
fn curl_v(template: &str, ex: &Exchange) -> String {
    let mut out = String::new();
    let mut state = 0;
    for line in template.split_inclusive('\n') {
        let l = line.trim_end();
        match state {
            0 if l.starts_with("> ") => {
                out.push_str(&format!("> {} {} HTTP/1.1\r\n", ex.method, ex.target));
                state = 1;
            }
            1 if l == ">" => {
                out.push_str(&header_lines("> ", &ex.req_headers));
                out.push_str(line);
                state = 2;
            }
            1 => {
                if !overridden(&l[2..], &ex.req_headers) {
                    out.push_str(line);
                }
            }
            2 if l.starts_with("< HTTP/") => {
                out.push_str(&format!("< HTTP/1.1 {} {}\r\n", ex.status, ex.reason));
                state = 3;
            }
            3 if l == "<" => {
                out.push_str(&header_lines("< ", &ex.resp_headers));
                out.push_str(line);
                state = 4;
            }
            3 => {
                if !overridden(&l[2..], &ex.resp_headers) {
                    out.push_str(line);
                }
            }
            // After the headers, curl's own lines stay and the template's body goes.
            4 => {
                if ["*", "{ [", "} [", "\r"]
                    .iter()
                    .any(|p| line.starts_with(p))
                {
                    out.push_str(line);
                }
            }
            _ => out.push_str(line),
        }
    }
    if !out.ends_with('\n') {
        out.push('\n');
    }
    out.push_str(&ex.body);
    out.push('\n');
    out
}

/// `wget -S --content-on-error -O - URL 2>&1`: the URL is a full one.
fn wget(template: &str, ex: &Exchange) -> String {
    let url = if ex.target.contains("://") {
        ex.target.clone()
    } else {
        format!("http://127.0.0.1:18080{}", ex.target)
    };
    let mut out = String::new();
    let mut state = 0;
    for line in template.split_inclusive('\n') {
        match state {
            0 if line.starts_with("--") => {
                let date = line.split("--").nth(1).unwrap_or("");
                out.push_str(&format!("--{date}--  {url}\n"));
                state = 1;
            }
            1 if line.starts_with("  HTTP/") => {
                out.push_str(&format!("  HTTP/1.1 {} {}\n", ex.status, ex.reason));
                state = 2;
            }
            2 if line.starts_with("  ") => {
                if !overridden(line, &ex.resp_headers) {
                    out.push_str(line);
                }
            }
            2 => {
                out.push_str(&header_lines("  ", &ex.resp_headers).replace('\r', ""));
                out.push_str(line);
                state = 3;
            }
            // The line after `Saving to:` is the body.
            3 => {
                out.push_str(&ex.body);
                out.push('\n');
                state = 4;
            }
            _ => out.push_str(line),
        }
    }
    out
}

/// Where a credential can stand.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    /// A credential header of the request, in one of its forms.
    RequestHeader(usize),
    /// A query parameter of the request URL, by one of its names and separators.
    Query(usize),
    /// The request URL's fragment.
    Fragment,
    /// The request URL's userinfo.
    Userinfo,
    /// The request's form body, as sent to the token endpoint.
    FormRequestBody,
    /// The request's JSON body.
    JsonRequestBody,
    /// `Set-Cookie` in the response.
    SetCookie,
    /// The response's `Location`, by one of its forms.
    Location(usize),
    /// `WWW-Authenticate`'s `error_description`, in prose.
    WwwAuthenticate(usize),
    /// A JSON body's `message`, in prose.
    JsonMessage(usize),
    /// A JSON body's OAuth `error_description`.
    ErrorDescription,
    /// A message listed under a credential-named field in `errors`.
    FieldMessage(usize),
    /// A token response earlier in the input; a later body quotes the token bare.
    TokenResponse(usize),
    /// Hike's form-encoded body, `oauth_problem_advice`.
    FormBody,
    /// A plain-text body, in prose.
    Prose(usize),
    /// The reason phrase, in prose.
    Reason,
    /// A JWT with no word around it to tell.
    BareJwt,
}

const HEADER_FORMS: &[(&str, &str)] = &[
    ("Authorization", "Bearer {}"),
    ("Authorization", "Basic {}"),
    ("Authorization", "token {}"),
    ("Proxy-Authorization", "Basic {}"),
    ("Cookie", "lang=en; hike_session={}"),
    ("X-Api-Key", "{}"),
    ("X-Auth-Token", "{}"),
    ("Private-Token", "{}"),
];

const QUERY_NAMES: &[&str] = &[
    "access_token",
    "pwd",
    "private_token",
    "access-token",
    "x-api-key",
    "access%5Ftoken",
    "client_secret",
    "code",
    "sig",
    "api_key",
    "Authorization",
    "password",
    "jwt",
];

const PROSE: &[&str] = &[
    "The access token {} has expired",
    "refresh token {} is invalid",
    "api_key {} revoked",
    "token {} expired",
    "Token {} was rejected",
    "the client secret {} is wrong",
    "password {} is incorrect",
    "Bearer {} not accepted",
    "API key {} is disabled",
];

const FIELDS: &[&str] = &[
    "client_secret",
    "password",
    "refresh_token",
    "api_key",
    "access-token",
];

fn places(format: Format) -> Vec<Place> {
    let mut v = vec![
        Place::SetCookie,
        Place::ErrorDescription,
        Place::FormBody,
        Place::Reason,
        Place::BareJwt,
    ];
    v.extend((0..3).map(Place::Location));
    v.extend((0..PROSE.len()).map(Place::WwwAuthenticate));
    v.extend((0..PROSE.len()).map(Place::JsonMessage));
    v.extend((0..PROSE.len()).map(Place::Prose));
    v.extend((0..FIELDS.len() * 2).map(Place::FieldMessage));
    v.extend((0..2).map(Place::TokenResponse));
    if format.shows_request_headers() {
        v.extend((0..HEADER_FORMS.len()).map(Place::RequestHeader));
    }
    if format.shows_url() {
        v.extend((0..QUERY_NAMES.len() * 2).map(Place::Query));
        v.push(Place::Fragment);
        v.push(Place::Userinfo);
    }
    if format.shows_request_body() {
        v.push(Place::FormRequestBody);
        v.push(Place::JsonRequestBody);
    }
    v
}

/// Plants `secret` (and `noise`, a run of unsafe characters) in `place`; returns the
/// exchanges in order, and whether the report shows the field the secret stood in (so that
/// a `[redacted` must be there: the secret was not merely dropped).
fn plant(place: Place, secret: &str, noise: &str, echo: bool) -> (Vec<Exchange>, bool) {
    let fill = |pattern: &str| pattern.replace("{}", secret);
    let mut ex = Exchange::new(401, "Unauthorized");
    // Noise where the report shows input: a header, the reason, a body message.
    ex.resp_header("X-Request-Id", format!("3c4d5e6f-1a2b {noise} 4c3d"));
    let mut shown = true;
    let mut before = Vec::new();
    match place {
        Place::RequestHeader(i) => {
            let (name, form) = HEADER_FORMS[i];
            ex.req_header(name, fill(form));
            shown = name == "Authorization";
        }
        Place::Query(i) => {
            let name = QUERY_NAMES[i % QUERY_NAMES.len()];
            let sep = if i < QUERY_NAMES.len() { "&" } else { ";" };
            let value = if name == "Authorization" {
                format!("Bearer%20{secret}")
            } else {
                secret.to_string()
            };
            ex.target = format!("/api/v1/products?page_size=5{sep}{name}={value}{sep}skip_count=0");
        }
        Place::Fragment => {
            ex.target = format!("https://api.hikeup.com/cb#state=x&access_token={secret}");
        }
        Place::Userinfo => {
            ex.target = format!("https://hike:{secret}@api.hikeup.com/api/v1/products");
        }
        Place::FormRequestBody => {
            ex.method = "POST".into();
            ex.target = "/oauth/token".into();
            ex.req_headers = vec![(
                "Content-Type".into(),
                "application/x-www-form-urlencoded".into(),
            )];
            ex.req_body = Some(format!(
                "grant_type=refresh_token&refresh_token={secret}&client_id=app1"
            ));
            ex.status = 400;
            ex.reason = "Bad Request".into();
            ex.json_body(serde_json::json!({"error": "invalid_grant"}));
            shown = false;
        }
        Place::JsonRequestBody => {
            ex.method = "POST".into();
            ex.req_headers = vec![("Content-Type".into(), "application/json".into())];
            ex.req_body = Some(serde_json::json!({"client_secret": secret, "id": 1}).to_string());
            shown = false;
        }
        Place::SetCookie => {
            ex.resp_header(
                "Set-Cookie",
                format!("hike_session={secret}; Path=/; HttpOnly"),
            );
            shown = false;
        }
        Place::Location(i) => {
            ex.status = 303;
            ex.reason = "See Other".into();
            let l = match i {
                0 => format!("https://app.example/cb?code={secret}&state=1"),
                1 => format!("https://app.example/cb#access_token={secret}&token_type=bearer"),
                _ => format!("https://user:{secret}@api.hikeup.com/api/v1/sales/7"),
            };
            ex.resp_header("Location", l);
        }
        Place::WwwAuthenticate(i) => {
            ex.resp_header(
                "WWW-Authenticate",
                format!(
                    "Bearer realm=\"hike\", error=\"invalid_token\", error_description=\"{}\"",
                    fill(PROSE[i])
                ),
            );
        }
        Place::JsonMessage(i) => {
            ex.json_body(serde_json::json!({"message": format!("{noise} {}", fill(PROSE[i]))}));
        }
        Place::ErrorDescription => {
            ex.status = 400;
            ex.reason = "Bad Request".into();
            ex.json_body(serde_json::json!({
                "error": "invalid_grant",
                "error_description": format!("refresh_token {secret} is invalid {noise}"),
            }));
        }
        Place::FieldMessage(i) => {
            ex.status = 422;
            ex.reason = "Unprocessable Entity".into();
            let field = FIELDS[i % FIELDS.len()];
            // The message holds nothing else that would give the secret away.
            let message = format!("{secret} {noise} is wrong");
            ex.json_body(if i < FIELDS.len() {
                serde_json::json!({"errors": {field: [message], "title": ["can't be blank"]}})
            } else {
                serde_json::json!({"errors": [{"field": field, "message": message}]})
            });
        }
        Place::TokenResponse(i) => {
            let mut token = Exchange::new(200, "OK");
            token.method = "POST".into();
            token.target = "/oauth/token".into();
            token.req_headers = vec![];
            let issued = if i == 0 {
                "access_token"
            } else {
                "refresh_token"
            };
            token.json_body(serde_json::json!({
                issued: secret, "token_type": "bearer", "expires_in": 3600, "scope": "all"
            }));
            before.push(token);
            // The later response quotes the token bare: only what the input showed tells.
            ex.json_body(serde_json::json!({"errors": [format!("{secret} {noise} is unknown")]}));
        }
        Place::FormBody => {
            ex.status = 429;
            ex.reason = "Too Many Requests".into();
            ex.resp_header("Content-Type", "application/x-www-form-urlencoded".into());
            ex.resp_header("X-Rate-Limit-Problem", "Minute".into());
            ex.body = format!(
                "oauth_problem=token_rejected&oauth_problem_advice=token+{secret}+rejected"
            );
        }
        Place::Prose(i) => {
            ex.resp_header("Content-Type", "text/plain".into());
            ex.body = format!("{noise} {}", fill(PROSE[i]));
        }
        Place::Reason => {
            ex.reason = format!("Token {secret} Expired");
        }
        Place::BareJwt => {
            // The secret is the JWT's payload when it is not a JWT itself.
            let jwt = if secret.starts_with("eyJ") {
                secret.to_string()
            } else {
                format!("eyJhbGciOiJIUzI1NiJ9.eyJ{secret}.c2lnbmF0dXJl")
            };
            ex.json_body(serde_json::json!({"message": format!("{noise} rejected {jwt} here")}));
        }
    }
    // A credential the request sent, quoted back bare by the response: only what the
    // input showed before tells it is one.
    let sent = matches!(
        place,
        Place::RequestHeader(_)
            | Place::Query(_)
            | Place::Fragment
            | Place::Userinfo
            | Place::FormRequestBody
            | Place::JsonRequestBody
    );
    if echo && sent {
        ex.resp_header("X-Request-Id", secret.to_string());
    }
    before.push(ex);
    (before, shown)
}

fn secret_strategy() -> impl Strategy<Value = String> {
    prop_oneof![
        // A token as APIs issue them: letters, a digit, `_` and `-`, 12 to 48 characters.
        "[A-Za-z0-9]{4,12}[0-9][A-Za-z0-9_-]{7,35}",
        // A JWT.
        "eyJ[A-Za-z0-9_-]{8,24}\\.eyJ[A-Za-z0-9_-]{8,40}\\.[A-Za-z0-9_-]{16,43}",
    ]
}

fn noise_strategy() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "\u{1b}[31m",
        "\u{1b}]0;title\u{7}",
        "\u{9b}31m",
        "\u{9d}8;;https://evil\u{9c}",
        "\u{85}",
        "\u{202e}",
        "\u{202a}",
        "\u{2066}",
        "\u{2069}",
        "\u{200e}",
        "\u{200f}",
        "\u{61c}",
        "\u{2028}",
        "\u{2029}",
        "\u{7f}",
        "\u{8}",
        "plain",
    ]);
    prop::collection::vec(pieces, 1..4).prop_map(|v| v.concat())
}

/// Whether the secret, or any piece of it 12 characters long, is in `out`.
fn leaks(out: &str, secret: &str) -> bool {
    let chars: Vec<char> = secret.chars().collect();
    if chars.len() <= 12 {
        return out.contains(secret);
    }
    chars
        .windows(12)
        .any(|w| out.contains(&w.iter().collect::<String>()))
}

fn assert_safe(out: &str, what: &str, input: &str) {
    for c in out.chars() {
        assert!(
            c == '\n' || !is_unsafe(c),
            "{what}: raw {c:?} in the output\n--- input:\n{input:?}\n--- output:\n{out}"
        );
    }
}

fn check(format: Format, place: Place, secret: &str, noise: &str, echo: bool) {
    let (exchanges, shown) = plant(place, secret, noise, echo);
    let input: String = exchanges.iter().map(|e| format.write(e)).collect();
    let status = exchanges.last().unwrap().status;
    for args in [
        &["explain", "--color", "never"][..],
        &["explain", "--json"][..],
    ] {
        let r = run(args, Some(input.as_bytes()));
        let what = format!("{format:?} {place:?} {args:?}");
        assert_eq!(r.code, 0, "{what}: {}\n{input}", r.stderr);
        for (stream, out) in [("stdout", &r.stdout), ("stderr", &r.stderr)] {
            assert!(
                !leaks(out, secret),
                "{what}: the secret {secret} is in {stream}\n--- input:\n{input}\n--- output:\n{out}"
            );
            assert_safe(out, &what, &input);
        }
        if args.contains(&"--json") {
            let v = r.json();
            assert_eq!(v["status"], status, "{what}");
            if shown {
                assert!(r.stdout.contains("[redacted, "), "{what}: {}", r.stdout);
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 160, ..ProptestConfig::default() })]

    #[test]
    fn a_planted_secret_never_comes_out(
        format in prop::sample::select(FORMATS.to_vec()),
        pick in any::<prop::sample::Index>(),
        secret in secret_strategy(),
        noise in noise_strategy(),
        echo in any::<bool>(),
    ) {
        let places = places(format);
        let place = places[pick.index(places.len())];
        check(format, place, &secret, &noise, echo);
    }
}

/// Every place in every format at least once, whatever proptest picks.
#[test]
fn every_place_in_every_format() {
    let secret = "hkT0k3n_9fQ2xLm7-Zr4Pw8Vb1Nc6";
    let jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NSIsInNjb3BlIjoiYWxsIn0.dBjftJeZ4CVPmB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    for format in FORMATS {
        for place in places(format) {
            for s in [secret, jwt] {
                check(format, place, s, "\u{9b}31m\u{202e}\u{2028}", true);
            }
        }
    }
}

/// The templates take what is planted: the input holds the secret where it was put, so a
/// secret that does not come out was redacted, not lost on the way in.
#[test]
fn the_planted_inputs_hold_the_secret() {
    let secret = "hkT0k3n_9fQ2xLm7-Zr4Pw8Vb1Nc6";
    for format in FORMATS {
        for place in places(format) {
            let (exchanges, _) = plant(place, secret, "", false);
            let input: String = exchanges.iter().map(|e| format.write(e)).collect();
            assert!(input.contains(secret), "{format:?} {place:?}:\n{input}");
        }
        // The template's own noise lines are kept.
        let (exchanges, _) = plant(Place::Reason, secret, "", false);
        let input = format.write(&exchanges[0]);
        let marker = match format {
            Format::CurlV => "left intact",
            Format::Wget => "Saving to:",
            Format::HttpieV => "User-Agent: HTTPie",
            Format::CurlI | Format::HttpieHb => "Server: nginx",
        };
        assert!(input.contains(marker), "{format:?}:\n{input}");
    }
}
