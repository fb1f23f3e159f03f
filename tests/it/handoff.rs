//! `explain --handoff`: the support post, on real captures. Golden files hold the posts
//! for a 429, a 422 with field errors (with and without its bodies), a 500 and a summary
//! (`UPDATE_GOLDEN=1` rewrites them); the tests below check what every post must and must
//! not hold.

use crate::common;

use common::{fixture, golden, run};

const SECRETS: &[&str] = &[
    "hk_live_SECRETTOKEN123",
    "SECRETQUERY",
    "SECRETCOOKIE",
    "SECRETCODE",
    "SECRETCLIENT",
    "SECRETREFRESH",
    "SECRETACCESS",
    "hk_live_EXPIREDTOKEN456",
];

fn path(name: &str) -> String {
    fixture(name).to_string_lossy().into_owned()
}

#[test]
fn golden_posts() {
    let p429 = path("har/mitmproxy-last-429.har");
    let p422 = path("replay-httpie-v-422.txt");
    let p500 = path("replay-curl-v-500.txt");
    let session = path("har/mitmproxy-api-session.har");
    golden("handoff-429.md", &["explain", "--handoff", &p429]);
    golden("handoff-422.md", &["explain", "--handoff", &p422]);
    golden(
        "handoff-422-bodies.md",
        &["explain", "--handoff", "--include-bodies", &p422],
    );
    golden("handoff-500.md", &["explain", "--handoff", &p500]);
    golden(
        "handoff-summary.md",
        &["explain", "--summary", "--handoff", &session],
    );
}

/// What support asks for is in the post, in the order the post gives it.
#[test]
fn a_post_holds_what_support_asks_for() {
    let r = run(
        &["explain", "--handoff", &path("replay-curl-v-500.txt")],
        None,
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let out = &r.stdout;
    assert!(
        out.starts_with("# 500 Internal Server Error: GET /api/v1/orders/export\n"),
        "{out}"
    );
    let order = [
        "- **Time:** 2026-12-05T08:43:50Z",
        "- **Endpoint:** `GET /api/v1/orders/export?page_size=50&access_token=[redacted, 11 chars]`",
        "- **Status:** 500 Internal Server Error: ",
        "- **X-Rate-Limit-Problem:** not sent",
        "- **Retry-After:** not sent",
        "- **Request id:** `a1b2c3d4-0008-4e5f-8a9b-0c1d2e3f4a08`",
        "- **Client:** curl -v, User-Agent `curl/7.88.1`",
        "  - Internal Server Error",
        "```sh\n# set first: HIKE_ACCESS_TOKEN",
        "## Redacted before sharing\n\n- Authorization header: bearer token\n- query parameter access_token\n",
        "API & support forum",
    ];
    let mut at = 0;
    for want in order {
        let found = out[at..]
            .find(want)
            .unwrap_or_else(|| panic!("{want:?} after byte {at}:\n{out}"));
        at += found + want.len();
    }
}

/// A HAR entry's time is its startedDateTime; a 429's rate-limit header and Retry-After
/// are given; a response with no request id says so.
#[test]
fn time_rate_limit_and_no_request_id() {
    let r = run(
        &["explain", "--handoff", &path("har/mitmproxy-last-429.har")],
        None,
    );
    assert!(
        r.stdout.contains("- **Time:** 2026-11-25T16:14:41Z"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("- **X-Rate-Limit-Problem:** `Minute`"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("- **Retry-After:** `30` (30 s)"),
        "{}",
        r.stdout
    );
    let r = run(
        &["explain", "--handoff", &path("curl-i-501-plan.txt")],
        None,
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    if !r.stdout.contains("- **Request id:** `") {
        assert!(
            r.stdout
                .contains("- **Request id:** no request id was shown"),
            "{}",
            r.stdout
        );
    }
    let r = run(
        &["explain", "--handoff"],
        Some(b"HTTP/1.1 503 Service Unavailable\r\n\r\n"),
    );
    assert!(
        r.stdout
            .contains("- **Request id:** no request id was shown"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("status page"), "{}", r.stdout);
}

/// Every input family gets a post; one that does not show the request has no replay.
#[test]
fn every_family_gets_a_post() {
    for (name, code) in [
        ("curl-i-429-minute.txt", 0),
        ("curl-v-401-bearer.txt", 0),
        ("curl-trace-ascii-429.txt", 0),
        ("httpie-print-hb-429.txt", 0),
        ("httpie-v-401.txt", 0),
        ("wget-429-no-S.txt", 0),
        ("curl-w-http-code.txt", 0),
        ("lib-python-requests-429.txt", 0),
        ("lib-axios-uncaught-429.txt", 0),
        ("har/insomnia-export.har", 0),
        ("har/chrome-devtools-fetch-error.har", 1),
        ("curl-error-7-refused.txt", 1),
    ] {
        let r = run(&["explain", "--handoff", &path(name)], None);
        assert_eq!(r.code, code, "{name}: {}", r.stderr);
        assert!(r.stdout.starts_with("# "), "{name}: {}", r.stdout);
        assert!(
            r.stdout.contains("## Redacted before sharing"),
            "{name}: {}",
            r.stdout
        );
        common::assert_clean(&r.stdout, name);
        for s in SECRETS {
            assert!(!r.stdout.contains(s), "{name}: {s} in\n{}", r.stdout);
        }
        let shows = !name.starts_with("curl-i-")
            && !name.starts_with("wget")
            && !name.starts_with("curl-w")
            && !name.starts_with("lib-python")
            && !name.starts_with("curl-error")
            && !name.starts_with("httpie-print");
        assert_eq!(r.stdout.contains("```sh\n"), shows, "{name}: {}", r.stdout);
    }
}

/// Bodies stay out unless asked for: their size and type instead, and the replay carries
/// no body (a comment says so).
#[test]
fn bodies_only_when_asked() {
    let har = path("har/replay-mitmproxy-session.har");
    let r = run(&["explain", "--handoff", "--exchange", "2", &har], None);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        !r.stdout.contains("can't be blank\"") && !r.stdout.contains("\"price\": 0"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("- **Response body:** 78 bytes of json"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .contains("- **Request body:** 25 bytes (application/json), left out"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .contains("# the request body (25 bytes, application/json) is left out"),
        "{}",
        r.stdout
    );
    let r = run(
        &[
            "explain",
            "--handoff",
            "--include-bodies",
            "--exchange",
            "2",
            &har,
        ],
        None,
    );
    assert!(
        r.stdout
            .contains("--data-raw '{\"title\": \"\", \"price\": 0}'"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("\"must be greater than 0\""),
        "{}",
        r.stdout
    );
    // A token response's tokens are hidden in its body, and named.
    let r = run(
        &[
            "explain",
            "--handoff",
            "--include-bodies",
            "--exchange",
            "3",
            &har,
        ],
        None,
    );
    for s in SECRETS {
        assert!(!r.stdout.contains(s), "{s} in\n{}", r.stdout);
    }
    assert!(
        r.stdout
            .contains("\"access_token\": \"[redacted, 22 chars]\""),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("- form field client_secret\n"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("- response body: a credential in it\n"),
        "{}",
        r.stdout
    );
}

#[test]
fn usage_errors() {
    let f = path("replay-curl-v-500.txt");
    for args in [
        &["explain", "--handoff", "--json", &f][..],
        &["--json", "explain", "--handoff", &f][..],
        &["explain", "--include-bodies", &f][..],
        &["explain", "--curl", "--json", &f][..],
        &["explain", "--curl", "--handoff", &f][..],
        &["explain", "--handoff", "--each", &f][..],
    ] {
        let r = run(args, None);
        assert_eq!(r.code, 2, "{args:?}: {}", r.stdout);
        assert!(r.stdout.is_empty(), "{args:?}");
    }
}

/// `--host` and `--exchange N` pick the exchange for both flags.
#[test]
fn host_and_exchange() {
    let session = path("har/mitmproxy-api-session.har");
    let r = run(
        &[
            "explain",
            "--curl",
            "--host",
            "api.hikeup.com:8443",
            &session,
        ],
        None,
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout
            .contains("http://api.hikeup.com:8443/api/v1/registers"),
        "{}",
        r.stdout
    );
    let r = run(
        &[
            "explain",
            "--handoff",
            "--host",
            "api.hikeup.com:8443",
            &session,
        ],
        None,
    );
    assert!(
        r.stdout
            .starts_with("# 503 Service Unavailable: GET /api/v1/registers"),
        "{}",
        r.stdout
    );
    let r = run(&["explain", "--curl", "--exchange", "4", &session], None);
    assert!(
        r.stdout
            .contains("/api/v1/products/7?access_token='\"$HIKE_ACCESS_TOKEN\""),
        "{}",
        r.stdout
    );
    let r = run(
        &["explain", "--handoff", "--exchange", "99", &session],
        None,
    );
    assert_eq!(r.code, 1, "{}", r.stdout);
}

/// The README's post for a real 500 is the binary's output.
#[test]
fn the_readme_shows_a_real_post() {
    let readme =
        std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
            .unwrap();
    let r = run(
        &["explain", "--handoff", &path("replay-curl-v-500.txt")],
        None,
    );
    assert!(
        readme.contains(&format!("`````markdown\n{}`````\n", r.stdout)),
        "README lacks:\n{}",
        r.stdout
    );
    assert!(readme.contains("## Asking Hike for help\n"));
}

/// `--summary --handoff` groups failures by status and endpoint, worst and largest first,
/// shows at most 10 groups and 3 request ids of each. The log is the real curl -v capture
/// of a 500, repeated: five times as it is (each with its own request id), and once for
/// each of twelve other paths.
#[test]
fn a_summary_groups_failures_worst_first() {
    let capture = String::from_utf8(common::fixture_bytes("replay-curl-v-500.txt")).unwrap();
    let id = "a1b2c3d4-0008-4e5f-8a9b-0c1d2e3f4a08";
    let mut log = String::new();
    for i in 0..5 {
        log.push_str(&capture.replace(id, &format!("a1b2c3d4-0008-4e5f-8a9b-0c1d2e3f4a1{i}")));
    }
    for word in [
        "alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india",
        "juliett", "kilo", "lima",
    ] {
        log.push_str(&capture.replace("/orders/export", &format!("/orders/{word}")));
    }
    // And a 429, a real capture too.
    log.push_str(&String::from_utf8(common::fixture_bytes("curl-v-trace-time-429.txt")).unwrap());
    let r = run(&["explain", "--summary", "--handoff"], Some(log.as_bytes()));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let out = &r.stdout;
    assert!(
        out.starts_with("# Hike API failures: 18 of 18 exchanges"),
        "{out}"
    );
    let headings: Vec<&str> = out
        .lines()
        .filter(|l| l.starts_with("## ") && l.as_bytes()[3].is_ascii_digit())
        .collect();
    assert_eq!(headings.len(), 10, "{out}");
    assert_eq!(
        headings[0], "## 1. 500 Internal Server Error: GET /api/v1/orders/export",
        "{out}"
    );
    assert!(
        headings.iter().all(|h| h.contains(" 500 ")),
        "the 429 comes after every 500: {out}"
    );
    assert!(
        out.contains("- **Failures:** 5, at 2026-12-05T08:43:50Z (first: exchange 1)"),
        "{out}"
    );
    assert!(
        out.contains("- **Request ids:** `a1b2c3d4-0008-4e5f-8a9b-0c1d2e3f4a10`, `a1b2c3d4-0008-4e5f-8a9b-0c1d2e3f4a11`, `a1b2c3d4-0008-4e5f-8a9b-0c1d2e3f4a12`\n"),
        "{out}"
    );
    assert!(
        out.contains("\n4 more failures, in groups not shown here.\n"),
        "{out}"
    );
    for s in SECRETS {
        assert!(!out.contains(s), "{s}: {out}");
    }
}
