//! `hike-status plan N`: how long N calls take at Hike's limits from empty windows, checked
//! against the formula worked by hand (the last call at d·86400 + ⌊j/60⌋·60 s,
//! d = ⌊(N−1)/5000⌋, j = (N−1) mod 5000, and d + 1 rolling days), and its usage errors.

use crate::common;

use std::ffi::OsString;

use clap::Parser;
use common::run;
use hike_status::cli::Cli;
use serde::Deserialize;

#[derive(Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
struct Plan {
    calls: u64,
    per_minute: u64,
    per_day: u64,
    last_call_after_seconds: u64,
    days: u64,
}

fn plan(n: &str) -> Plan {
    let r = run(&["plan", n, "--json"], None);
    assert_eq!(r.code, 0, "{n}: {}", r.stderr);
    serde_json::from_str(&r.stdout).unwrap_or_else(|e| panic!("{e}: {}", r.stdout))
}

#[test]
fn plans_worked_by_hand() {
    // (N, last call after, days):
    //   1:     d = 0, j = 0:                        0 s, 1 day
    //   60:    d = 0, j = 59, ⌊59/60⌋ = 0:          0 s (60 at once fit the minute)
    //   61:    d = 0, j = 60, ⌊60/60⌋ = 1:          60 s
    //   5000:  d = 0, j = 4999, ⌊4999/60⌋ = 83:     4980 s
    //   5001:  d = 1, j = 0:                        86400 s, 2 days
    //   12000: d = ⌊11999/5000⌋ = 2, j = 1999, ⌊1999/60⌋ = 33:  172800 + 1980 = 174780 s, 3 days
    for (n, last, days) in [
        (1, 0, 1),
        (60, 0, 1),
        (61, 60, 1),
        (5000, 4980, 1),
        (5001, 86_400, 2),
        (12_000, 174_780, 3),
    ] {
        assert_eq!(
            plan(&n.to_string()),
            Plan {
                calls: n,
                per_minute: 60,
                per_day: 5000,
                last_call_after_seconds: last,
                days,
            },
            "{n}"
        );
    }
}

#[test]
fn the_text_says_both_paces_and_batching() {
    let r = run(&["plan", "5001", "--color", "never"], None);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let flat = r.stdout.split_whitespace().collect::<Vec<_>>().join(" ");
    for needle in [
        "5001 calls at Hike's limits (60 a rolling minute, 5000 a rolling 24 hours, per app and store)",
        "the last call goes 1 d 0 h 0 min after the first (86400 s)",
        "2 rolling days",
        // One a second: 5000 in 4999 s, then the wait for the day to roll: the 5001st at
        // 86400 s too.
        "one a second, the last call goes 1 d 0 h 0 min after the first (86400 s)",
        "up to 4MB",
        "batches of up to 50 items",
        "https://docs.hikeup.com/reference/rate-limit",
    ] {
        assert!(flat.contains(needle), "{needle}:\n{}", r.stdout);
    }
    let one = run(&["plan", "1", "--color", "never"], None);
    assert!(
        one.stdout.starts_with("1 call at Hike's limits"),
        "{}",
        one.stdout
    );
}

#[test]
fn usage_errors_exit_2() {
    for bad in ["0", "-1", "abc", "1.5", "", "1000000000001"] {
        let r = run(&["plan", bad], None);
        assert_eq!(r.code, 2, "{bad:?}: {}", r.stdout);
        assert!(r.stdout.is_empty(), "{bad:?}");
        assert!(
            r.stderr.contains("number of calls"),
            "{bad:?}: {}",
            r.stderr
        );
    }
    assert_eq!(run(&["plan"], None).code, 2);
}

#[test]
fn the_quick_reading_is_claps() {
    // `plan N` is read without building clap's command; it must read as clap does.
    for n in ["1", "60", "5000", "12000", " 7", "0", "-1", "abc", "--json"] {
        let a: Vec<OsString> = ["hike-status", "plan", n]
            .iter()
            .map(OsString::from)
            .collect();
        let quick = Cli::quick(&a).map(|c| format!("{c:?}"));
        let clap = Cli::try_parse_from(&a).ok().map(|c| format!("{c:?}"));
        match &quick {
            Some(_) => assert_eq!(quick, clap, "{n:?}"),
            None => assert!(clap.is_none() || n == "--json", "{n:?}: {clap:?}"),
        }
    }
}

#[test]
fn the_readme_and_the_man_page_show_real_plans() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let out = run(&["plan", "12000", "--color", "never"], None).stdout;
    assert!(readme.contains(&out), "README lacks:\n{out}");
    let page = run(&["man"], None)
        .stdout
        .replace("\\-", "-")
        .replace("\\e", "\\");
    assert!(
        page.contains("COMMAND: PLAN"),
        "the man page has a section for plan"
    );
    let out = run(&["plan", "5000", "--color", "never"], None).stdout;
    assert!(page.contains(&out), "the man page lacks:\n{out}");
}
