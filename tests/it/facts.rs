//! Facts the output states, checked against RFC 9110, the registry, curl and Hike's pages
//! (../shared/HIKE-API.md): each test pins a sentence that was once wrong.

use crate::common;

use std::path::Path;

use common::explain::{explain, finding};
use common::{fixture, run};
use serde_json::Value;

fn lookup(code: &str) -> Value {
    let r = run(&[code, "--json"], None);
    assert_eq!(r.code, 0, "{code}: {}", r.stderr);
    r.json()
}

/// The text after `label` in a text lookup, its wrapped lines joined.
fn field(code: &str, label: &str) -> String {
    let r = run(&[code, "--color", "never"], None);
    assert_eq!(r.code, 0, "{code}: {}", r.stderr);
    let mut text = Vec::new();
    let mut inside = false;
    for line in r.stdout.lines().skip(1) {
        let (head, rest) = line.split_at(14.min(line.len()));
        let head = head.trim();
        if !head.is_empty() {
            inside = head == label;
        }
        if inside {
            text.push(rest.trim());
        }
    }
    assert!(!text.is_empty(), "{code} has no {label}:\n{}", r.stdout);
    text.join(" ")
}

#[test]
fn registry_names_and_meanings_follow_the_rfcs() {
    // IANA's registry names 510 "Not Extended (OBSOLETED)".
    assert_eq!(lookup("510")["name"], "Not Extended (OBSOLETED)");
    // RFC 4918 took 102 out of WebDAV.
    assert!(
        lookup("102")["meaning"]
            .as_str()
            .unwrap()
            .contains("RFC 4918 removed it")
    );
    // RFC 9110 §15.5.17: also too many small or overlapping ranges.
    let m = lookup("416")["meaning"].as_str().unwrap().to_string();
    assert!(m.contains("too many") && m.contains("overlapping"), "{m}");
    // RFC 5842 §7.2: a loop in bindings, met with Depth: infinity; nothing about redirects.
    let v = lookup("508");
    let text = format!("{} {}", v["meaning"], v["hint"]);
    assert!(
        text.contains("bindings") && text.contains("Depth"),
        "{text}"
    );
    assert!(!text.contains("redirect"), "{text}");
    // RFC 9110 §15.3.2: Location when present, else the target URI.
    let hint = lookup("201")["hint"].as_str().unwrap().to_string();
    assert!(hint.contains("usually in the Location header"), "{hint}");
}

#[test]
fn no_advice_that_no_source_supports() {
    let hint = lookup("414")["hint"].as_str().unwrap().to_string();
    assert!(!hint.contains("POST"), "{hint}");
    assert!(hint.contains("split the request"), "{hint}");
}

#[test]
fn hikes_403_is_marked_as_differing_from_the_standard() {
    let v = lookup("403");
    assert_eq!(v["differs_from_standard"], true);
    let standard = field("403", "standard");
    assert!(standard.starts_with("Forbidden: "), "{standard}");
}

#[test]
fn the_readme_names_every_difference_from_the_standard() {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let sentence = readme
        .lines()
        .find(|l| l.contains("Where Hike differs from the standard"))
        .expect("the README's sentence on differences");
    let all = run(&["list", "--json"], None).json();
    for code in all.as_array().unwrap() {
        let n = code["code"].to_string();
        let differs = code["differs_from_standard"] == true;
        assert_eq!(
            sentence.contains(&n),
            differs,
            "{n}: differs_from_standard is {differs}; README: {sentence}"
        );
    }
}

#[test]
fn the_retry_line_agrees_with_the_code() {
    for code in ["304", "305", "306"] {
        let retry = field(code, "retry");
        assert!(!retry.contains("follow the Location"), "{code}: {retry}");
    }
    assert!(field("304", "retry").contains("cached"));
    assert!(field("305", "retry").contains("deprecated"));
    assert!(field("306", "retry").contains("unused"));
    // Not retryable unchanged, but the hint names a way: the retry line must not deny it.
    for (code, needle) in [
        ("421", "new connection"),
        ("423", "lock is released"),
        ("507", "later"),
    ] {
        assert_eq!(lookup(code)["retryable"], false, "{code}");
        let retry = field(code, "retry");
        assert!(
            !retry.contains("will get the same answer"),
            "{code}: {retry}"
        );
        assert!(retry.contains(needle), "{code}: {retry}");
    }
    assert!(field("301", "retry").contains("follow the Location"));
}

#[test]
fn curl_certificate_errors_name_the_right_certificate() {
    for (name, needles) in [
        (
            "curl-error-58-client-cert.txt",
            ["curl error 58", "client certificate"],
        ),
        (
            "curl-error-77-cacert.txt",
            ["curl error 77", "CA certificate file"],
        ),
    ] {
        let r = run(&["explain", fixture(name).to_str().unwrap()], None);
        assert_eq!(r.code, 1, "{name}");
        for n in needles {
            assert!(r.stderr.contains(n), "{name}: {}", r.stderr);
        }
        assert!(
            !r.stderr.contains("server's certificate"),
            "{name}: {}",
            r.stderr
        );
    }
}

/// The API paths of every `https://api.hikeup.com/...` address in a text.
fn api_paths(text: &str) -> Vec<String> {
    text.match_indices("https://api.hikeup.com")
        .map(|(i, m)| {
            text[i + m.len()..]
                .split(|c: char| c.is_whitespace() || matches!(c, '?' | '"' | '\'' | '`' | '\\'))
                .next()
                .unwrap_or("")
                .to_string()
        })
        .collect()
}

#[test]
fn examples_use_the_endpoints_hike_documents() {
    // ../shared/HIKE-API.md: the endpoints Hike's public reference pages name.
    const DOCUMENTED: &[&str] = &[
        "/api/v1/products/get_all",
        "/oauth/authorize",
        "/oauth/token",
    ];
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let readme_paths = api_paths(&readme);
    assert!(readme_paths.len() >= 3, "{readme_paths:?}");
    for path in readme_paths {
        let marked = readme
            .lines()
            .collect::<Vec<_>>()
            .windows(2)
            .any(|w| w.join(" ").contains(&format!("{path}` is illustrative")));
        assert!(
            DOCUMENTED.contains(&path.as_str()) || marked,
            "README: {path} is neither documented by Hike nor marked illustrative"
        );
    }
    for args in [&["--help"][..], &["explain", "--help"], &["man"]] {
        let text = run(args, None).stdout.replace("\\-", "-");
        for path in api_paths(&text) {
            assert!(DOCUMENTED.contains(&path.as_str()), "{args:?}: {path}");
        }
    }
}

#[test]
fn the_cookie_finding_says_what_hike_documents() {
    let m = finding(&explain("curl-v-query-token-403.txt"), "cookie-sent");
    assert!(!m.contains("does not use cookies"), "{m}");
    assert!(m.contains("Authorization: Bearer <access_token>"), "{m}");
    assert!(!m.contains("SECRETCOOKIE"), "{m}");
}

#[test]
fn a_post_over_4_000_000_bytes_is_over_about_4_mb() {
    // 4,100,000 bytes: under 4 MiB, so it went unflagged while the limit was 4 MiB.
    let m = finding(
        &explain("curl-v-413-post-4100000-bytes.txt"),
        "request-body-too-large",
    );
    assert!(m.contains("4100000 bytes"), "{m}");
    assert!(m.contains("about 4 MB"), "{m}");
}
