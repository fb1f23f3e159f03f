//! The lookup, list, search, completions and man commands, run as the real binary.

use crate::common;

use std::path::Path;
use std::process::Stdio;

use common::{bin, golden, run};
use serde_json::Value;

fn codes(v: &Value) -> Vec<u64> {
    v.as_array()
        .expect("an array")
        .iter()
        .map(|o| o["code"].as_u64().unwrap())
        .collect()
}

#[test]
fn lookup_shows_hikes_name_meaning_and_hint() {
    let r = run(&["429"], None);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.starts_with("429 Too Many Requests"));
    assert!(r.stdout.contains("documented by Hike"));
    assert!(r.stdout.contains("API Call Limit"));
    assert!(r.stdout.contains("X-Rate-Limit-Problem"));
    assert!(
        r.stdout
            .contains("https://docs.hikeup.com/reference/rate-limit")
    );
    assert!(r.stderr.is_empty());
}

#[test]
fn lookup_json_is_one_object() {
    for args in [["429", "--json"], ["--json", "429"]] {
        let v = run(&args, None).json();
        assert_eq!(v["code"], 429);
        assert_eq!(v["name"], "Too Many Requests");
        assert_eq!(v["class"], "4xx");
        assert_eq!(v["documented"], true);
        assert_eq!(v["retryable"], true);
        assert!(v["meaning"].as_str().unwrap().contains("rate limit"));
        assert!(v["hint"].as_str().unwrap().contains("5000"));
        assert_eq!(v["rfc"], "RFC 6585 §4");
    }
}

#[test]
fn hike_differences_keep_the_standard_in_json() {
    let v = run(&["422", "--json"], None).json();
    assert_eq!(v["name"], "Unprocessable Entity");
    assert_eq!(v["standard_name"], "Unprocessable Content");
    assert_eq!(v["differs_from_standard"], true);
    let v = run(&["202", "--json"], None).json();
    assert!(v["meaning"].as_str().unwrap().contains("already existed"));
    assert!(v["standard_meaning"].as_str().unwrap().contains("not"));
    let text = run(&["501", "--color", "never"], None).stdout;
    assert!(text.contains("standard"), "{text}");
    assert!(text.contains("plan"));
}

#[test]
fn several_codes_and_a_class() {
    let r = run(&["401", "403"], None);
    assert_eq!(r.code, 0);
    assert!(r.stdout.contains("401 Unauthorized") && r.stdout.contains("403 Forbidden"));
    assert!(r.stdout.contains("scope"));
    assert_eq!(
        codes(&run(&["401", "403", "--json"], None).json()),
        [401, 403]
    );

    let v = run(&["4xx", "--json"], None).json();
    let all = codes(&v);
    assert_eq!(
        &all[..6],
        [400, 401, 403, 404, 422, 429],
        "Hike's codes first"
    );
    assert!(all.contains(&418) && all.contains(&451));
    assert!(all.iter().all(|c| (400..500).contains(c)));
    assert!(v.as_array().unwrap()[6]["documented"] == false);
}

#[test]
fn unassigned_code_is_explained_by_its_class() {
    let r = run(&["299"], None);
    assert_eq!(r.code, 0);
    assert!(r.stdout.contains("unassigned"), "{}", r.stdout);
    let v = run(&["299", "--json"], None).json();
    assert_eq!(v["assigned"], false);
    assert_eq!(v["documented"], false);
    assert_eq!(v["class"], "2xx");
}

#[test]
fn undocumented_code_says_so() {
    let v = run(&["418", "--json"], None).json();
    assert_eq!(v["documented"], false);
    assert!(v["meaning"].as_str().unwrap().contains("teapot"));
    let r = run(&["502", "--color", "never"], None);
    assert!(r.stdout.contains("not documented by Hike"));
    assert!(r.stdout.contains("RFC 9110 §15.6.3"));
}

#[test]
fn a_number_that_is_no_status_code_exits_1() {
    let r = run(&["999"], None);
    assert_eq!(r.code, 1);
    assert!(r.stdout.is_empty());
    assert_eq!(
        r.stderr,
        "hike-status: error: 999 is no HTTP status code: they run from 100 to 599\n"
    );
    // The number is echoed as it was typed.
    assert!(
        run(&["000"], None)
            .stderr
            .contains("000 is no HTTP status code")
    );
    // The codes that exist are still shown.
    let r = run(&["429", "999"], None);
    assert_eq!(r.code, 1);
    assert!(r.stdout.contains("429 Too Many Requests"));
}

#[test]
fn usage_errors_exit_2_with_a_hint() {
    for (args, needle) in [
        (vec!["abc"], "a status code such as 429"),
        (vec!["42"], "three digits"),
        (vec!["lsit"], "did you mean the command 'list'"),
        (vec!["serach", "rate"], "did you mean the command 'search'"),
        (vec!["--bogus"], "unexpected argument '--bogus'"),
        (vec!["list", "6xx"], "expected a class"),
        (vec!["search"], "required"),
        (
            vec!["--color", "sometimes", "429"],
            "invalid value 'sometimes'",
        ),
    ] {
        let r = run(&args, None);
        assert_eq!(r.code, 2, "{args:?}: {}", r.stderr);
        assert!(r.stderr.contains(needle), "{args:?}: {}", r.stderr);
        assert!(r.stdout.is_empty());
        assert!(!r.stderr.contains("panicked"));
    }
}

#[test]
fn no_arguments_prints_help_and_exits_2() {
    let r = run(&[], None);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("Usage:"));
}

#[test]
fn help_shows_examples_and_exit_codes() {
    let r = run(&["--help"], None);
    assert_eq!(r.code, 0);
    for needle in [
        "Examples:",
        "Exit status:",
        "hike-status 4xx",
        "explain --fail",
    ] {
        assert!(r.stdout.contains(needle), "{needle}");
    }
    for sub in ["list", "search", "explain", "completions", "man"] {
        let r = run(&[sub, "--help"], None);
        assert_eq!(r.code, 0);
        assert!(r.stdout.contains("Examples:"), "{sub} --help has examples");
    }
    // --fail judges every exchange with --summary too, as the exit-status table says.
    let r = run(&["explain", "-h"], None);
    let fail = r
        .stdout
        .lines()
        .find(|l| l.trim_start().starts_with("--fail"))
        .unwrap_or_default();
    assert!(fail.contains("--summary"), "{fail}");
    let r = run(&["--version"], None);
    assert_eq!(r.code, 0);
    assert_eq!(
        r.stdout,
        format!("hike-status {}\n", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn list_shows_hikes_codes_aligned() {
    let r = run(&["list", "--color", "never"], None);
    assert_eq!(r.code, 0);
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(lines.len(), 14);
    assert!(lines[0].starts_with("200  OK"));
    // The meaning column starts at the same place on every line.
    let starts: Vec<usize> = lines
        .iter()
        .map(|l| {
            let after_name = 5 + l[5..].find("  ").unwrap();
            after_name + l[after_name..].find(|c: char| c != ' ').unwrap()
        })
        .collect();
    assert!(starts.windows(2).all(|w| w[0] == w[1]), "{starts:?}");

    let all = run(&["list", "--all", "--json"], None).json();
    let all = codes(&all);
    assert!(all.len() >= 60);
    assert!(all.windows(2).all(|w| w[0] < w[1]));

    assert_eq!(
        codes(&run(&["list", "5xx", "--json"], None).json()),
        [500, 501, 503, 504]
    );
    // Hike documents no 1xx code: nothing found, and a pointer to --all.
    let r = run(&["list", "1xx"], None);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("list --all 1xx"), "{}", r.stderr);
    let r = run(&["list", "--all", "1xx", "--color", "never"], None);
    assert!(r.stdout.lines().all(|l| l.starts_with('1')));
    assert!(r.stdout.contains("103  Early Hints"));
}

#[test]
fn search_ranks_by_meaning() {
    for (words, first) in [
        (vec!["rate", "limit"], 429),
        (vec!["scope"], 403),
        (vec!["smaller", "requests"], 504),
        (vec!["teapot"], 418),
        (vec!["Rate Limit"], 429),
    ] {
        let mut args = vec!["search"];
        args.extend(&words);
        args.push("--json");
        let v = run(&args, None).json();
        assert_eq!(codes(&v)[0], first, "{words:?}");
    }
    let r = run(&["search", "rate", "limit", "--color", "never"], None);
    assert!(r.stdout.starts_with("429"));
}

#[test]
fn search_without_match_exits_1() {
    let r = run(&["search", "zebra", "crossing"], None);
    assert_eq!(r.code, 1);
    assert!(r.stdout.is_empty());
    assert!(
        r.stderr
            .contains("no status code matches \"zebra crossing\"")
    );
}

#[test]
fn color_follows_the_flag_and_never_reaches_json() {
    assert!(
        run(&["429", "--color", "always"], None)
            .stdout
            .contains("\x1b[")
    );
    assert!(
        !run(&["429", "--color", "never"], None)
            .stdout
            .contains('\x1b')
    );
    // auto: stdout is a pipe here.
    assert!(!run(&["429"], None).stdout.contains('\x1b'));
    assert!(
        !run(&["--color", "always", "--json", "429"], None)
            .stdout
            .contains('\x1b')
    );
    let r = bin()
        .args(["list", "--color", "always"])
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(
        String::from_utf8_lossy(&r.stdout).contains('\x1b'),
        "always wins"
    );
}

#[test]
fn golden_lookup_views() {
    golden("lookup-429.never.txt", &["429", "--color", "never"]);
    golden("lookup-429.always.txt", &["429", "--color", "always"]);
    golden("list.never.txt", &["list", "--color", "never"]);
    golden("list.always.txt", &["list", "--color", "always"]);
}

#[test]
fn golden_explain_views() {
    // A 429 with Retry-After, a curl -v 422 with field errors, a redirect chain: the
    // explain view in both colors, with the clock fixed.
    for (name, capture) in [
        (
            "explain-429-retry-after",
            "curl-i-429-daily-retry-after-date.txt",
        ),
        ("explain-curl-v-422", "curl-v-422-field-errors.txt"),
        ("explain-redirect-chain", "curl-iL-redirect-chain.txt"),
    ] {
        let path = common::fixture(capture);
        let path = path.to_str().unwrap();
        for color in ["never", "always"] {
            golden(
                &format!("{name}.{color}.txt"),
                &[
                    "explain",
                    path,
                    "--color",
                    color,
                    "--now",
                    "2026-11-25T12:00:00Z",
                ],
            );
        }
    }
}

#[test]
fn a_closed_pipe_ends_quietly() {
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let out = bin()
        .args(["list", "--all"])
        .stdout(writer)
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
}

#[test]
fn completions_for_every_shell() {
    for (shell, needle) in [
        ("bash", "complete -F"),
        ("zsh", "#compdef hike-status"),
        ("fish", "complete -c hike-status"),
        ("powershell", "Register-ArgumentCompleter"),
        ("elvish", "edit:completion:arg-completer"),
    ] {
        let r = run(&["completions", shell], None);
        assert_eq!(r.code, 0, "{shell}");
        assert!(r.stdout.contains(needle), "{shell}");
        assert!(
            r.stdout.contains("explain"),
            "{shell} completes subcommands"
        );
    }
    assert_eq!(run(&["completions", "tcsh"], None).code, 2);
}

#[test]
fn man_page_documents_everything() {
    let r = run(&["man"], None);
    assert_eq!(r.code, 0);
    let page = r.stdout;
    assert!(page.starts_with(".ie") || page.starts_with(".TH"), "roff");
    for needle in [
        ".TH hike-status 1",
        "COMMAND: LIST",
        "COMMAND: SEARCH",
        "COMMAND: EXPLAIN",
        "COMMAND: COMPLETIONS",
        "COMMAND: MAN",
        "\\-\\-fail",
        "\\-\\-all",
        "\\-\\-json",
        "\\-\\-color",
        "EXIT STATUS",
        "JSON OUTPUT",
        "retry_after_seconds",
    ] {
        assert!(page.contains(needle), "the man page lacks {needle}");
    }
}

#[test]
fn readme_examples_are_real_output() {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let fixture = |name: &str| common::fixture(name).to_str().unwrap().to_string();
    let cases: Vec<Vec<String>> = vec![
        vec!["401".into()],
        vec!["list".into()],
        vec![
            "explain".into(),
            fixture("curl-i-429-daily-retry-after-date.txt"),
        ],
        vec!["explain".into(), fixture("curl-v-422-field-errors.txt")],
        vec!["explain".into(), fixture("httpie-print-hb-429.txt")],
    ];
    for mut args in cases {
        args.extend(["--color".into(), "never".into()]);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = run(&args, None).stdout;
        assert!(!out.is_empty());
        assert!(
            readme.contains(&out),
            "README lacks the output of {args:?}:\n{out}"
        );
    }
}

#[test]
fn the_man_page_and_readme_list_every_finding_id() {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let page = run(&["man"], None).stdout;
    for (id, _) in hike_status::explain::Finding::IDS {
        assert!(readme.contains(&format!("| `{id}` |")), "README lacks {id}");
        assert!(
            page.contains(&format!("\\fB{}\\fR", id.replace('-', "\\-"))),
            "the man page lacks {id}"
        );
    }
    // The README's findings example is the binary's output, one compact object a line.
    let fixture = common::fixture("curl-v-401-no-auth.txt");
    let out = run(&["explain", fixture.to_str().unwrap(), "--json"], None).stdout;
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    for f in v["findings"].as_array().unwrap() {
        let line = serde_json::to_string(f).unwrap();
        assert!(
            readme.contains(&format!("\n{line}\n")),
            "README lacks {line}"
        );
    }
}

#[test]
fn the_clean_check_covers_every_character_sanitize_replaces() {
    // Every character: the tests' own list and the library's agree, so the shared check
    // misses nothing the terminal view replaces. A newline is replaced inside a field but
    // is what the output's lines end in.
    for c in (0..=0x10ffff)
        .filter_map(char::from_u32)
        .filter(|c| *c != '\n')
    {
        let s = c.to_string();
        let replaced = hike_status::sanitize::sanitize(&s) != s.as_str();
        assert_eq!(
            replaced,
            common::is_forbidden(c),
            "{c:?} (U+{:04X})",
            u32::from(c)
        );
    }
}
