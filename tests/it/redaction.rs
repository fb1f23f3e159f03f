//! Proof of the redaction rule and of terminal-safe output, end to end through the binary: a
//! random secret planted in every place a credential can stand, in every input format, never
//! comes out, in the text view or in `--json`, in the curl replay (`--curl`, every format
//! that shows the request) or in the support post (`--handoff`, `--summary --handoff`,
//! bodies left out and put in); nor does a raw control, escape or bidi character planted
//! beside it.
//!
//! The inputs are real captures from `tests/fixtures` with the planted parts written into
//! them: their noise lines (curl's progress meter and `*` notes, wget's chatter), their own
//! headers and their layout stay as the client wrote them. Application logs (winston's and
//! pino's AxiosErrors with their Authorization header, URLs with `access_token=`, a token
//! form with `client_secret=`, plain lines with `Authorization: Bearer`) get the secret where
//! the application logged a credential.

mod planting;

use crate::common;

use common::run;
use planting::{FORMATS, Format, LOG_FORMATS, LogFormat, Place, places, plant};
use proptest::prelude::*;

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
    common::assert_clean(out, &format!("{what}, input {input:?}"));
}

/// Every output mode: the support post (bodies left out and put in, for the last exchange
/// and for the failures of all of them, each group with the replay of its first), the
/// replay when the input shows the request, the text view and `--json` of the last
/// exchange, of every exchange (`--each`: a credential an earlier exchange showed is hidden
/// in the later ones) and of all of them at once (`--summary`: endpoints, failures and
/// their request ids).
fn modes(shows_request_headers: bool) -> Vec<&'static [&'static str]> {
    let mut runs: Vec<&[&str]> = vec![
        &["explain", "--handoff"][..],
        &["explain", "--handoff", "--include-bodies"][..],
        &["explain", "--summary", "--handoff"][..],
        &["explain", "--summary", "--handoff", "--include-bodies"][..],
    ];
    if shows_request_headers {
        // The replay: every credential a shell variable.
        runs.push(&["explain", "--curl"][..]);
    }
    runs.extend([
        &["explain", "--color", "never"][..],
        &["explain", "--json"][..],
        &["explain", "--each", "--color", "never"][..],
        &["explain", "--each", "--json"][..],
        &["explain", "--summary", "--color", "never"][..],
        &["explain", "--summary", "--json"][..],
    ]);
    runs
}

fn check(format: Format, place: Place, secret: &str, noise: &str, echo: bool) {
    let (exchanges, shown) = plant(place, secret, noise, echo);
    let input = format.write_all(&exchanges);
    let bytes = format.bytes(&exchanges);
    let status = exchanges.last().unwrap().status;
    for args in modes(format.shows_request_headers()) {
        let r = run(args, Some(&bytes));
        let what = format!("{format:?} {place:?} {args:?}");
        // A template with no Host header (the traces') leaves no host to replay to.
        let no_host = args.contains(&"--curl") && r.stderr.contains("does not show the host");
        assert_eq!(
            r.code,
            if no_host { 1 } else { 0 },
            "{what}: {}\n{input}",
            r.stderr
        );
        for (stream, out) in [("stdout", &r.stdout), ("stderr", &r.stderr)] {
            assert!(
                !leaks(out, secret),
                "{what}: the secret {secret} is in {stream}\n--- input:\n{input}\n--- output:\n{out}"
            );
            assert_safe(out, &what, &input);
        }
        if args.contains(&"--json") {
            // --each writes JSON Lines, one report an exchange: the last is the final one.
            if args.contains(&"--summary") {
                let v = r.json();
                assert_eq!(v["exchanges"], exchanges.len(), "{what}: {}", r.stdout);
                continue;
            }
            let v: serde_json::Value = if args.contains(&"--each") {
                let lines: Vec<&str> = r.stdout.lines().collect();
                assert_eq!(lines.len(), exchanges.len(), "{what}: {}", r.stdout);
                serde_json::from_str(lines[lines.len() - 1]).expect("JSON Lines")
            } else {
                r.json()
            };
            assert_eq!(v["status"], status, "{what}");
            if shown {
                assert!(r.stdout.contains("[redacted, "), "{what}: {}", r.stdout);
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

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
    // One thread per format: each check waits on the binary.
    std::thread::scope(|scope| {
        for format in FORMATS {
            scope.spawn(move || {
                // A token and a JWT in turn: each kind of secret meets every kind of place
                // (the forms of one place are consecutive), in half the runs.
                for (i, place) in places(format).into_iter().enumerate() {
                    let s = if i % 2 == 0 { secret } else { jwt };
                    check(format, place, s, "\u{9b}31m\u{202e}\u{2028}", true);
                }
            });
        }
    });
}

/// The templates take what is planted: the input holds the secret where it was put, so a
/// secret that does not come out was redacted, not lost on the way in.
#[test]
fn the_planted_inputs_hold_the_secret() {
    let secret = "hkT0k3n_9fQ2xLm7-Zr4Pw8Vb1Nc6";
    for format in FORMATS {
        for place in places(format) {
            let (exchanges, _) = plant(place, secret, "", false);
            let input = format.write_all(&exchanges);
            let held = match format {
                Format::TraceAscii | Format::TraceHex => undump(&input, format == Format::TraceHex),
                _ => input.clone(),
            };
            assert!(held.contains(secret), "{format:?} {place:?}:\n{input}");
        }
        // The template's own noise lines are kept.
        let (exchanges, _) = plant(Place::Fragment, secret, "", false);
        let input = format.write_all(&exchanges[..1]);
        let marker = match format {
            Format::CurlV => "left intact",
            Format::Wget => "Saving to:",
            Format::HttpieV => "User-Agent: HTTPie",
            Format::CurlI | Format::HttpieHb => "Server: nginx",
            Format::Requests => "Traceback (most recent call last)",
            Format::Guzzle => "Stack trace:",
            Format::Axios => "Node.js v20",
            Format::Har => "mitmproxy",
            Format::TraceAscii | Format::TraceHex => "== Info: Connected to",
            Format::CurlWJson => "\"curl_version\":\"libcurl/7.88.1",
            Format::CurlWCode => "",
            Format::Utf16 => "Server: BaseHTTP",
            Format::Httpx => "raise HTTPStatusError",
            Format::Reqwest => "error: HTTP status",
            Format::Java => "Exception in thread",
        };
        assert!(input.contains(marker), "{format:?}:\n{input}");
    }
}

/// The bytes a curl trace dumps, its `0000: ` lines put together again (text cut at 64
/// bytes, or hex).
fn undump(trace: &str, hex: bool) -> String {
    let mut bytes = Vec::new();
    for line in trace.lines() {
        let Some(data) = line.get(6..).filter(|_| line.get(4..6) == Some(": ")) else {
            continue;
        };
        if hex {
            for pair in data.get(..48).unwrap_or(data).split_whitespace() {
                bytes.extend(u8::from_str_radix(pair, 16).ok());
            }
        } else {
            bytes.extend_from_slice(data.as_bytes());
        }
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

/// With no response to explain, the error message quotes the input (the client's error, a
/// broken status line): it passes through the same redaction.
#[test]
fn the_error_for_no_response_holds_no_secret() {
    let secret = "hkT0k3n_9fQ2xLm7-Zr4Pw8Vb1Nc6";
    let jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NSJ9.dBjftJeZ4CVPmB92K27uhbUJU1p1r";
    let request = format!(
        "> GET /api/v1/products?access_token={secret} HTTP/1.1\r\n> Host: api.hikeup.com\r\n\
         > Authorization: Bearer {secret}\r\n>\r\n"
    );
    for tail in [
        // The client's error quotes what the request sent.
        format!("curl: (56) Recv failure: token {secret} \u{9b}31m rejected\n"),
        format!("curl: (7) Failed to connect to hike:{secret}@api.hikeup.com port 443\n"),
        format!("curl: (28) Operation timed out after 5000 ms: {jwt}\n"),
        // A status line that is none.
        format!("< HTTP/1.1 4 Bearer {secret} \u{202e}\n"),
    ] {
        let input = format!("{request}{tail}");
        let r = run(&["explain"], Some(input.as_bytes()));
        assert_eq!(r.code, 1, "{}", r.stderr);
        assert!(r.stderr.contains("no response"), "{}", r.stderr);
        for s in [secret, jwt] {
            assert!(!leaks(&r.stderr, s), "{s} in:\n{}", r.stderr);
        }
        assert_safe(&r.stderr, "no response", &input);
    }
}

/// An application log with `secret` planted where the application logged a credential: in
/// every mode, the secret never comes out.
fn check_log(format: LogFormat, secret: &str) {
    let input = format.write(secret);
    assert!(input.contains(secret), "{format:?}: the secret is planted");
    for args in modes(format.shows_request_headers()) {
        let r = run(args, Some(input.as_bytes()));
        let what = format!("{format:?} {args:?}");
        // A log that shows no host, or no request, leaves nothing to replay.
        let no_replay = args.contains(&"--curl") && r.stderr.contains("does not show");
        assert_eq!(r.code, i32::from(no_replay), "{what}: {}", r.stderr);
        for (stream, out) in [("stdout", &r.stdout), ("stderr", &r.stderr)] {
            assert!(
                !leaks(out, secret),
                "{what}: the secret {secret} is in {stream}\n--- output:\n{out}"
            );
            // Nor any other credential the real log holds.
            assert!(!out.contains("SECRET"), "{what}: {stream}\n{out}");
            assert_safe(out, &what, &input);
        }
        if args == ["explain", "--each", "--json"] {
            assert_eq!(r.stdout.lines().count(), format.exchanges(), "{what}");
            if format.shows_url() {
                let redacted = format!("[redacted, {} chars]", secret.chars().count());
                assert!(r.stdout.contains(&redacted), "{what}: {}", r.stdout);
            }
        }
        if args == ["explain", "--summary", "--json"] {
            assert_eq!(r.json()["exchanges"], format.exchanges(), "{what}");
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn a_secret_planted_in_an_application_log_never_comes_out(
        format in prop::sample::select(LOG_FORMATS.to_vec()),
        secret in secret_strategy(),
    ) {
        check_log(format, &secret);
    }
}

/// Every application-log format with a token and with a JWT, whatever proptest picks.
#[test]
fn every_application_log_format() {
    let secret = "hkT0k3n_9fQ2xLm7-Zr4Pw8Vb1Nc6";
    let jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NSIsInNjb3BlIjoiYWxsIn0.dBjftJeZ4CVPmB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    std::thread::scope(|scope| {
        for format in LOG_FORMATS {
            scope.spawn(move || {
                check_log(format, secret);
                check_log(format, jwt);
            });
        }
    });
}
