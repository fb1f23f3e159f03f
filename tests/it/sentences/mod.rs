//! Sentences the output once got wrong (issue 24), each pinned against the source that says
//! otherwise: Hike's status-code page and ../shared/HIKE-API.md, RFC 9110 and kin, the IANA
//! registry, curl's and wget's own texts. Inputs are the captures listed at the end of
//! tests/fixtures/CAPTURES.md.

use crate::common;

mod inputs;

use std::collections::BTreeMap;
use std::path::Path;

use common::explain::{NOW, explain, finding, lacks};
use common::{fixture, json, run};
use serde_json::Value;

/// The labelled fields of a text view (`  retry       ...`), each with its wrapped lines
/// joined; a label that repeats (`next`, `findings` items) keeps its first text.
fn fields(text: &str) -> BTreeMap<String, String> {
    let mut out: BTreeMap<String, String> = BTreeMap::new();
    let mut label = String::new();
    for line in text.lines().skip(1) {
        if line.len() < 14 || !line.starts_with("  ") {
            continue;
        }
        let (head, rest) = line.split_at(14);
        let head = head.trim();
        if !head.is_empty() {
            label = head.to_string();
            out.entry(label.clone()).or_default();
        }
        let v = out.entry(label.clone()).or_default();
        if !v.is_empty() {
            v.push(' ');
        }
        v.push_str(rest.trim());
    }
    out
}

/// The text view of `args`, which must succeed.
fn text(args: &[&str]) -> String {
    let mut all = args.to_vec();
    all.extend(["--color", "never"]);
    let r = run(&all, None);
    assert_eq!(r.code, 0, "{args:?}: {}", r.stderr);
    r.stdout
}

/// The retry line of a lookup.
fn retry_line(code: &str) -> String {
    fields(&text(&[code]))["retry"].clone()
}

/// A lookup of one code, read through its typed JSON shape.
fn lookup(code: &str) -> json::Code {
    let r = run(&[code, "--json"], None);
    assert_eq!(r.code, 0, "{code}: {}", r.stderr);
    r.code()
}

/// `explain FIXTURE` in text at the fixed time.
fn explain_text(name: &str) -> String {
    text(&["explain", fixture(name).to_str().unwrap(), "--now", NOW])
}

fn next_steps(v: &Value) -> Vec<String> {
    v["next_steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap().to_string())
        .collect()
}

/// stderr of `explain FIXTURE` on an input with no response: exit 1.
fn no_response(name: &str) -> String {
    let r = run(&["explain", fixture(name).to_str().unwrap()], None);
    assert_eq!(r.code, 1, "{name}: {}", r.stderr);
    r.stderr.trim_end().to_string()
}

// 1. Hike: a 404's resource "could be available again in the future".
#[test]
fn item_01_a_404_may_be_sent_again_later() {
    assert_eq!(
        retry_line("404"),
        "not now: the same request gets the same answer while the resource is missing, but \
         Hike says it could be available again in the future: check the path and id, and send \
         it again later only if it should exist by then"
    );
    assert!(!lookup("404").retryable);
}

// 2. Each retry line agrees with its own hint; JSON `retryable` is unchanged.
#[test]
fn item_02_retry_lines_of_402_451_501_506_511_agree_with_their_hints() {
    for (code, want) in [
        (
            "402",
            "no: not a request problem; an API that sends 402 means billing or a \
             subscription, and the same request will be refused until that is sorted out with \
             the provider",
        ),
        (
            "451",
            "no: not a request problem; the block answers a legal demand, and the same \
             request will be refused while it stands",
        ),
        (
            "501",
            "no: not a request problem; the endpoint is not available on this store's plan (or \
             is reserved for future use), so the same request gets the same answer until that \
             changes",
        ),
        (
            "506",
            "no: a server configuration fault, not a request problem; report it, and send it \
             again once the provider has fixed it",
        ),
        (
            "511",
            "after logging in: the answer came from your network, not the API; log in to the \
             portal (or fix proxy access), then send the same request again",
        ),
    ] {
        assert_eq!(retry_line(code), want, "{code}");
    }
    for code in ["402", "404", "451", "501", "506", "511"] {
        assert!(!lookup(code).retryable, "{code}");
    }
}

/// Whether a hint tells to send the request again (a negated "do not retry" aside).
fn hint_says_retry(hint: &str) -> bool {
    let mut h = hint.to_lowercase();
    for negated in [
        "do not retry",
        "retrying unchanged",
        "do not repeat",
        "instead of creating it again on retry",
    ] {
        h = h.replace(negated, "");
    }
    ["retry", "resend", "try again", "send a smaller one later"]
        .iter()
        .any(|w| h.contains(w))
}

/// Whether a hint says the request is not what is at fault.
fn hint_says_not_the_request(hint: &str) -> bool {
    let h = hint.to_lowercase();
    [
        "not a request",
        "not fixable by the client",
        "not something your code can fix",
        "not the api",
        "did not answer",
        "about the plan",
    ]
    .iter()
    .any(|w| h.contains(w))
}

// The check the issue asks for: over every registry entry, the retry line agrees with the
// hint and with `retryable`.
#[test]
fn every_retry_line_agrees_with_its_hint() {
    let all = run(&["list", "--all", "--json"], None).json();
    let entries = all.as_array().unwrap();
    assert!(entries.len() >= 60);
    let codes: Vec<String> = entries.iter().map(|e| e["code"].to_string()).collect();
    let args: Vec<&str> = codes.iter().map(String::as_str).collect();
    // One run shows every code in full, one block each, in the order asked.
    let out = text(&args);
    let mut starts = Vec::new();
    let lines: Vec<&str> = out.lines().collect();
    for (i, l) in lines.iter().enumerate() {
        if l.starts_with(|c: char| c.is_ascii_digit()) {
            starts.push(i);
        }
    }
    starts.push(lines.len());
    assert_eq!(starts.len() - 1, entries.len(), "one block a code");
    let mut wrong = Vec::new();
    for (k, e) in entries.iter().enumerate() {
        let code = e["code"].as_u64().unwrap();
        let block = lines[starts[k]..starts[k + 1]].join("\n");
        assert!(block.starts_with(&format!("{code} ")), "{block}");
        let retry = fields(&format!("{block}\n"))["retry"].clone();
        let hint = e["hint"].as_str().unwrap();
        let retryable = e["retryable"].as_bool().unwrap();
        let says_no = retry.starts_with("no:") || retry.starts_with("nothing to send again");
        let mut why = Vec::new();
        if retryable != retry.starts_with("yes:") {
            why.push("retryable and a retry line of \"yes\" go together");
        }
        if hint_says_retry(hint) && says_no {
            why.push("the hint says to send it again, the retry line says no");
        }
        if hint_says_not_the_request(hint) && retry.contains("change it first") {
            why.push("the hint says the request is not at fault, the retry line to change it");
        }
        let h = hint.to_lowercase();
        if (h.contains("do not retry") || h.contains("retrying unchanged will fail"))
            && retry.starts_with("yes")
        {
            why.push("the hint says not to retry, the retry line yes");
        }
        if retry.starts_with("no need") && !((200..300).contains(&code) || code == 304) {
            why.push("\"no need\" is for a success (or a 304) only");
        }
        if retry.starts_with("nothing to send again") && !(100..200).contains(&code) {
            why.push("\"nothing to send again\" is for an interim response only");
        }
        for w in why {
            wrong.push(format!("{code}: {w}\n  hint: {hint}\n  retry: {retry}"));
        }
    }
    assert!(wrong.is_empty(), "\n{}", wrong.join("\n"));
}

// The check above can fail: a hint that says "retry" with a retry line that says "no".
#[test]
fn the_agreement_check_catches_a_contradiction() {
    assert!(hint_says_retry(
        "log in to the captive portal (hotel or office Wi-Fi) or fix proxy access, then retry."
    ));
    assert!(!hint_says_retry("Do not retry blindly."));
    assert!(hint_says_not_the_request(
        "Check the account's billing status; it is not a request-format problem."
    ));
}
