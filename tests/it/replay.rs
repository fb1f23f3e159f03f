//! `explain --curl` end to end: for real captures (curl -v, curl --trace-ascii, HTTPie -v,
//! a mitmproxy HAR) the printed command, run in bash (and zsh, when installed) with its
//! variables set, sends the same request to a server on 127.0.0.1 (method, path and query,
//! every header the capture shows but those curl sets itself, the body) and gets the
//! status the capture got. The server is a std TcpListener in the test, bound to port 0;
//! the capture's own port is rewritten to it.

use crate::common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::Command;
use std::thread::{self, JoinHandle};

use common::{fixture_bytes, run};

/// The port the captures were made against.
const CAPTURED: &str = "127.0.0.1:18130";

/// What each variable stands for in these captures (CAPTURES.md lists what was sent).
const VALUES: &[(&str, &str)] = &[
    ("HIKE_ACCESS_TOKEN", "hk_live_SECRETTOKEN123"),
    ("HIKE_SECRET_1", "SECRETQUERY"),
    ("HIKE_COOKIE", "session=SECRETCOOKIE"),
    ("HIKE_AUTH_CODE", "SECRETCODE"),
    ("HIKE_CLIENT_SECRET", "SECRETCLIENT"),
    ("HIKE_REFRESH_TOKEN", "SECRETREFRESH0123"),
];

/// Headers the replay leaves to curl.
const CURL_SETS: &[&str] = &["host", "content-length", "accept-encoding", "connection"];

/// A request as a server received it, or as a capture shows it.
#[derive(Debug, Default, Clone, PartialEq)]
struct Seen {
    method: String,
    target: String,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Seen {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// A server that takes one request, answers it with `status`, and hands it back.
fn serve_once(status: u16) -> (String, JoinHandle<Seen>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap().to_string();
    let handle = thread::spawn(move || {
        let (stream, _) = listener.accept().unwrap();
        let mut reader = BufReader::new(stream.try_clone().unwrap());
        let mut seen = Seen::default();
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 {
            return seen;
        }
        let mut parts = line.trim_end().splitn(3, ' ');
        seen.method = parts.next().unwrap_or_default().to_string();
        seen.target = parts.next().unwrap_or_default().to_string();
        loop {
            line.clear();
            if reader.read_line(&mut line).unwrap_or(0) == 0 {
                break;
            }
            let l = line.trim_end_matches(['\r', '\n']);
            if l.is_empty() {
                break;
            }
            let (n, v) = l.split_once(':').unwrap();
            seen.headers.push((n.to_string(), v.trim().to_string()));
        }
        let len: usize = seen
            .header("content-length")
            .map_or(0, |v| v.parse().unwrap());
        seen.body = vec![0; len];
        reader.read_exact(&mut seen.body).unwrap();
        let mut stream: TcpStream = stream;
        write!(
            stream,
            "HTTP/1.1 {status} Replayed\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
        )
        .unwrap();
        seen
    });
    (addr, handle)
}

/// The request a `curl -v` capture shows (`> ` lines).
fn from_curl_v(text: &str) -> Seen {
    let mut lines = text
        .lines()
        .filter_map(|l| l.strip_prefix("> "))
        .map(|l| l.trim_end_matches('\r'));
    let first = lines.next().unwrap();
    let mut parts = first.split(' ');
    let mut seen = Seen {
        method: parts.next().unwrap().into(),
        target: parts.next().unwrap().into(),
        ..Seen::default()
    };
    for l in lines.take_while(|l| !l.trim().is_empty()) {
        let (n, v) = l.split_once(':').unwrap();
        seen.headers.push((n.into(), v.trim().into()));
    }
    seen
}

/// The request an HTTPie `-v` capture shows: the head, then the body up to the blank
/// line before the response.
fn from_httpie(text: &str) -> Seen {
    let (head, rest) = text.split_once("\r\n\r\n").unwrap();
    let mut lines = head.split("\r\n");
    let mut parts = lines.next().unwrap().split(' ');
    let mut seen = Seen {
        method: parts.next().unwrap().into(),
        target: parts.next().unwrap().into(),
        ..Seen::default()
    };
    for l in lines {
        let (n, v) = l.split_once(':').unwrap();
        seen.headers.push((n.into(), v.trim().into()));
    }
    seen.body = rest.split("\n\n").next().unwrap().as_bytes().to_vec();
    seen
}

/// The request a `curl --trace-ascii` capture shows: its `Send header` and `Send data`
/// blocks' dump lines.
fn from_trace(text: &str) -> Seen {
    let mut head = Vec::new();
    let mut body = String::new();
    let mut block = "";
    for l in text.lines() {
        if l.starts_with("=> Send header") {
            block = "header";
        } else if l.starts_with("=> Send data") {
            block = "data";
        } else if l.starts_with("<= ") || l.starts_with("== ") {
            block = "";
        } else if let Some(d) = l.get(6..).filter(|_| l.get(4..6) == Some(": ")) {
            match block {
                "header" => head.push(d.to_string()),
                "data" => body.push_str(d),
                _ => {}
            }
        }
    }
    let mut parts = head[0].split(' ');
    let mut seen = Seen {
        method: parts.next().unwrap().into(),
        target: parts.next().unwrap().into(),
        body: body.into_bytes(),
        ..Seen::default()
    };
    for l in head[1..].iter().filter(|l| !l.is_empty()) {
        let (n, v) = l.split_once(':').unwrap();
        seen.headers.push((n.into(), v.trim().into()));
    }
    seen
}

/// The request of HAR entry `n` (from 1), and its status.
fn from_har(text: &str, n: usize) -> (Seen, u16) {
    let v: serde_json::Value = serde_json::from_str(text).unwrap();
    let e = &v["log"]["entries"][n - 1];
    let q = &e["request"];
    let url = q["url"].as_str().unwrap();
    let after = url.split_once("://").unwrap().1;
    let seen = Seen {
        method: q["method"].as_str().unwrap().into(),
        target: after[after.find('/').unwrap()..].into(),
        headers: q["headers"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| {
                (
                    h["name"].as_str().unwrap().into(),
                    h["value"].as_str().unwrap().into(),
                )
            })
            .collect(),
        body: q["postData"]["text"]
            .as_str()
            .unwrap_or_default()
            .as_bytes()
            .to_vec(),
    };
    (seen, e["response"]["status"].as_u64().unwrap() as u16)
}

fn shells() -> Vec<&'static str> {
    let mut v = vec!["bash"];
    if Command::new("zsh")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
    {
        v.push("zsh");
    }
    v
}

/// Replays exchange `n` of the capture `name` (its port rewritten to a test server's) in
/// `shell`, and checks the request the server got against `want`.
fn check(name: &str, n: Option<usize>, want: &Seen, status: u16, shell: &str) {
    let (addr, server) = serve_once(status);
    let input = String::from_utf8(fixture_bytes(name))
        .unwrap()
        .replace(CAPTURED, &addr);
    let index = n.map(|n| n.to_string());
    let mut args = vec!["explain", "--curl"];
    if let Some(i) = &index {
        args.extend(["--exchange", i]);
    }
    let r = run(&args, Some(input.as_bytes()));
    assert_eq!(r.code, 0, "{name}: {}", r.stderr);
    let script = r.stdout;
    let what = format!("{name} {n:?} in {shell}");
    for (_, value) in VALUES {
        assert!(
            !script.contains(value),
            "{what}: {value} printed:\n{script}"
        );
    }
    let mut cmd = Command::new(shell);
    if shell == "zsh" {
        cmd.arg("-f");
    }
    cmd.arg("-c").arg(&script).env_clear();
    cmd.env("PATH", std::env::var("PATH").unwrap_or_default());
    let set: Vec<&str> = script
        .lines()
        .find_map(|l| l.strip_prefix("# set first: "))
        .map(|l| {
            l.split(", ")
                .map(|v| v.split(' ').next().unwrap())
                .collect()
        })
        .unwrap_or_default();
    for var in &set {
        let value = VALUES
            .iter()
            .find(|(n, _)| n == var)
            .unwrap_or_else(|| panic!("{what}: no value for {var}:\n{script}"))
            .1;
        cmd.env(var, value);
    }
    let out = cmd.output().unwrap();
    if !out.status.success() {
        // curl never reached the server: unblock it, then fail.
        let _ = TcpStream::connect(&addr);
    }
    let got = server.join().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{what}: {}\n{script}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.starts_with(&format!("HTTP/1.1 {status} ")),
        "{what}: {stdout}"
    );
    assert_eq!(got.method, want.method, "{what}:\n{script}");
    assert_eq!(got.target, want.target, "{what}:\n{script}");
    for (h, v) in &want.headers {
        if CURL_SETS.contains(&h.to_ascii_lowercase().as_str()) {
            continue;
        }
        assert_eq!(
            got.header(h),
            Some(v.as_str()),
            "{what}: header {h}:\n{script}\n{got:?}"
        );
    }
    assert_eq!(
        String::from_utf8_lossy(&got.body),
        String::from_utf8_lossy(&want.body),
        "{what}:\n{script}"
    );
    // Content-Type only where the capture sent one: curl adds none of its own.
    assert_eq!(
        got.header("content-type").is_some(),
        want.header("content-type").is_some(),
        "{what}:\n{script}"
    );
}

fn text(name: &str) -> String {
    String::from_utf8(fixture_bytes(name)).unwrap()
}

#[test]
fn curl_v_replays_the_same_request() {
    let want = from_curl_v(&text("replay-curl-v-500.txt"));
    assert_eq!(
        want.target,
        "/api/v1/orders/export?page_size=50&access_token=SECRETQUERY"
    );
    for shell in shells() {
        check("replay-curl-v-500.txt", None, &want, 500, shell);
    }
}

#[test]
fn every_har_entry_replays_the_same_request() {
    let har = text("har/replay-mitmproxy-session.har");
    for n in 1..=4 {
        let (want, status) = from_har(&har, n);
        for shell in shells() {
            check(
                "har/replay-mitmproxy-session.har",
                Some(n),
                &want,
                status,
                shell,
            );
        }
    }
}

#[test]
fn httpie_and_trace_bodies_replay() {
    let want = from_httpie(&text("replay-httpie-v-422.txt"));
    assert_eq!(want.body, br#"{"title": "", "price": 0}"#);
    let trace = from_trace(&text("replay-curl-trace-ascii-token-400.txt"));
    assert!(
        trace
            .body
            .starts_with(b"grant_type=refresh_token&refresh_token=SECRETREFRESH0123")
    );
    for shell in shells() {
        check("replay-httpie-v-422.txt", None, &want, 422, shell);
        check(
            "replay-curl-trace-ascii-token-400.txt",
            None,
            &trace,
            400,
            shell,
        );
    }
}

/// A body `curl -v` does not show is not made up: the replay keeps the method and says so.
#[test]
fn a_body_curl_v_hides_is_named_not_invented() {
    let r = run(
        &["explain", "--curl"],
        Some(&fixture_bytes("replay-curl-v-422-post.txt")),
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("-X POST"), "{}", r.stdout);
    let command: Vec<&str> = r.stdout.lines().filter(|l| !l.starts_with('#')).collect();
    assert!(!command.concat().contains("--data"), "{}", r.stdout);
    assert!(
        r.stdout
            .lines()
            .any(|l| l.starts_with("# the request sent a body (25 bytes, application/json)")),
        "{}",
        r.stdout
    );
}

/// Where the input does not show the request, the error says how to capture it, naming
/// `curl -v URL 2>&1` inside a sentence, on no line of its own that starts with `curl `.
#[test]
fn request_not_shown() {
    for name in [
        "curl-i-429-minute.txt",
        "lib-python-requests-429.txt",
        "wget-429-no-S.txt",
        "curl-w-http-code.txt",
    ] {
        let r = run(&["explain", "--curl"], Some(&fixture_bytes(name)));
        assert_eq!(r.code, 1, "{name}: {}", r.stdout);
        assert!(r.stdout.is_empty(), "{name}: {}", r.stdout);
        assert!(
            r.stderr.contains("`curl -v URL 2>&1`"),
            "{name}: {}",
            r.stderr
        );
        assert!(r.stderr.contains("does not show"), "{name}: {}", r.stderr);
        assert!(
            !r.stderr
                .lines()
                .any(|l| l.trim_start().starts_with("curl ")),
            "{name}: {}",
            r.stderr
        );
    }
}

/// Literal text with quotes, `$`, backticks, `!` and a control character stays literal
/// in both shells; only the variables expand.
#[test]
fn only_the_variables_expand() {
    let value = "a'b\"c $HOME `id` !! \\n ${X} *";
    let input = format!(
        "> GET /x HTTP/1.1\r\n> Host: {CAPTURED}\r\n> X-Note: {value}\r\n\
         > Authorization: Bearer hk_live_SECRETTOKEN123\r\n>\r\n< HTTP/1.1 404 Not Found\r\n<\r\n"
    );
    let want = Seen {
        method: "GET".into(),
        target: "/x".into(),
        headers: vec![
            ("X-Note".into(), value.into()),
            (
                "Authorization".into(),
                "Bearer hk_live_SECRETTOKEN123".into(),
            ),
        ],
        body: Vec::new(),
    };
    for shell in shells() {
        let (addr, server) = serve_once(404);
        let text = input.replace(CAPTURED, &addr);
        let r = run(&["explain", "--curl"], Some(text.as_bytes()));
        assert_eq!(r.code, 0, "{}", r.stderr);
        let out = Command::new(shell)
            .args(if shell == "zsh" {
                &["-f", "-c"][..]
            } else {
                &["-c"][..]
            })
            .arg(&r.stdout)
            .env("HIKE_ACCESS_TOKEN", "hk_live_SECRETTOKEN123")
            .env("X", "expanded")
            .output()
            .unwrap();
        if !out.status.success() {
            let _ = TcpStream::connect(&addr);
        }
        let got = server.join().unwrap();
        assert!(
            out.status.success(),
            "{shell}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        for (h, v) in &want.headers {
            assert_eq!(
                got.header(h),
                Some(v.as_str()),
                "{shell}: {h}\n{}",
                r.stdout
            );
        }
    }
}

/// Any text (NUL aside, which no argument can hold) quoted as a word, with a variable
/// inside, reads back in bash and zsh as that text with the variable's value: nothing but
/// the variable expands, whatever the locale. The quoted word itself holds no raw control
/// or bidi character.
mod quoting {
    use super::*;
    use hike_status::replay::quote::Word;
    use proptest::prelude::*;

    fn text() -> impl Strategy<Value = String> {
        let pieces = prop::sample::select(vec![
            "'",
            "\"",
            "$",
            "$HOME",
            "${X}",
            "`id`",
            "$(id)",
            "!!",
            "\\",
            "\\n",
            "*",
            "?",
            "~",
            "=",
            "#",
            ";",
            "&",
            "|",
            "<",
            ">",
            " ",
            "\t",
            "\n",
            "\r",
            "\u{1b}[31m",
            "\u{9b}",
            "\u{202e}",
            "\u{2028}",
            "\u{7f}",
            "é",
            "日本",
            "%",
            "^",
            "{a,b}",
            "a",
        ]);
        prop::collection::vec(pieces, 0..12).prop_map(|v| v.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

        #[test]
        fn only_the_variable_expands(before in text(), after in text()) {
            let mut w = Word::literal(&before);
            w.push_variable("HIKE_ACCESS_TOKEN");
            w.push_literal(&after);
            let quoted = w.quoted();
            common::assert_clean(&quoted, "quoted word");
            for shell in shells() {
                let mut cmd = Command::new(shell);
                if shell == "zsh" {
                    cmd.arg("-f");
                }
                let out = cmd
                    .arg("-c")
                    .arg(format!("printf %s {quoted}"))
                    .env("HIKE_ACCESS_TOKEN", "tok $X `id` *")
                    .env("X", "expanded")
                    .env("LC_ALL", "C")
                    .output()
                    .unwrap();
                prop_assert!(out.status.success(), "{shell}: {quoted}");
                let want = format!("{before}tok $X `id` *{after}");
                prop_assert_eq!(String::from_utf8_lossy(&out.stdout), want, "{} {}", shell, quoted);
            }
        }
    }
}
