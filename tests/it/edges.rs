//! Edges a new user hits on the command line: each test names the answer that was wrong.

use crate::common;

use std::process::Stdio;

use common::{bin, fixture, run};

#[test]
fn a_closed_pipe_ends_quietly_in_json_too() {
    // `hike-status 4xx --json | true`: the reader is gone before the first write.
    for args in [
        &["4xx", "--json"][..],
        &["list", "--all", "--json"],
        &["search", "request", "--json"],
    ] {
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        let out = bin()
            .args(args)
            .stdout(writer)
            .stderr(Stdio::piped())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        assert_eq!(String::from_utf8_lossy(&out.stderr), "", "{args:?}");
    }
}

#[test]
fn flags_without_a_code_get_the_usage_answer() {
    let none = run(&[], None);
    assert_eq!(none.code, 2);
    for args in [
        &["--json"][..],
        &["--color", "never"],
        &["--json", "--color", "never"],
    ] {
        let r = run(args, None);
        assert_eq!(r.code, 2, "{args:?}: {}", r.stdout);
        assert!(r.stdout.is_empty(), "{args:?}: {}", r.stdout);
        assert_eq!(r.stderr, none.stderr, "{args:?}");
    }
}

#[test]
fn an_argument_may_hold_spaces_and_a_list() {
    let codes = |args: &[&str]| -> Vec<u64> {
        let r = run(args, None);
        assert_eq!(r.code, 0, "{args:?}: {}", r.stderr);
        let v = r.json();
        match v.as_array() {
            Some(a) => a.iter().map(|o| o["code"].as_u64().unwrap()).collect(),
            None => vec![v["code"].as_u64().unwrap()],
        }
    };
    assert_eq!(codes(&[" 429", "--json"]), [429]);
    assert_eq!(codes(&["429 ", "--json"]), [429]);
    assert_eq!(codes(&["429,503", "--json"]), [429, 503]);
    assert_eq!(codes(&["429 503", "--json"]), [429, 503]);
    assert_eq!(codes(&["429, 503", "401", "--json"]), [429, 503, 401]);
    // One code, however it is written, is one object.
    assert!(run(&["429,", "--json"], None).json().is_object());
    let r = run(&["429,abc"], None);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("'abc'"), "{}", r.stderr);
}

#[test]
fn a_lookup_word_is_pointed_at_the_plain_command() {
    for (args, meant) in [
        (&["lookup", "429"][..], "`hike-status 429`"),
        (&["code", "429"], "`hike-status 429`"),
        (&["help", "429"], "`hike-status 429`"),
        (&["lookup", "401", "4xx", "--json"], "`hike-status 401 4xx`"),
    ] {
        let r = run(args, None);
        assert_eq!(r.code, 2, "{args:?}");
        assert!(r.stdout.is_empty());
        assert!(r.stderr.contains(meant), "{args:?}: {}", r.stderr);
        assert!(
            !r.stderr.contains("invalid value"),
            "{args:?}: {}",
            r.stderr
        );
    }
    // `help` is a command (of command names): the error must not deny it.
    let r = run(&["help", "429"], None);
    assert!(!r.stderr.contains("'help' is no command"), "{}", r.stderr);
    assert!(
        r.stderr.contains("'help' takes a command name"),
        "{}",
        r.stderr
    );
    // `help list` is clap's own, and still works.
    let r = run(&["help", "list"], None);
    assert_eq!(r.code, 0);
    assert!(r.stdout.contains("Examples:"));
}

#[test]
fn a_negative_number_is_told_the_range() {
    for args in [&["-1"][..], &["--", "-1"], &["1000"]] {
        let r = run(args, None);
        assert_eq!(r.code, 2, "{args:?}");
        assert!(r.stderr.contains("100 to 599"), "{args:?}: {}", r.stderr);
        assert!(!r.stderr.contains("'-- -1'"), "{args:?}: {}", r.stderr);
    }
}

#[test]
fn the_color_flag_reaches_clap() {
    // CLICOLOR_FORCE makes clap color as on a terminal; --color never must win over it.
    for args in [
        &["--bogus", "--color", "never"][..],
        &["--color=never", "--help"],
    ] {
        let out = bin()
            .args(args)
            .env("CLICOLOR_FORCE", "1")
            .output()
            .unwrap();
        let all = [out.stdout, out.stderr].concat();
        assert!(!all.is_empty());
        assert!(
            !all.contains(&0x1b),
            "{args:?}: {}",
            String::from_utf8_lossy(&all)
        );
    }
    // And --color always colors clap's help and errors on a pipe.
    let out = bin()
        .args(["--color", "always", "--help"])
        .output()
        .unwrap();
    assert!(out.stdout.contains(&0x1b));
    let out = bin()
        .args(["--bogus", "--color", "always"])
        .output()
        .unwrap();
    assert!(out.stderr.contains(&0x1b));
}

/// Runs the binary on a pseudo-terminal of `cols` columns (util-linux `script`), and
/// returns what it printed, without the terminal's carriage returns.
fn on_terminal(cols: u16, args: &str) -> String {
    let cmd = format!(
        "stty cols {cols} rows 50; {} {args}",
        env!("CARGO_BIN_EXE_hike-status")
    );
    common::on_terminal(&cmd).replace('\r', "")
}

#[test]
fn text_follows_the_terminal_width_and_is_fixed_on_a_pipe() {
    let width = |s: &str| s.lines().map(|l| l.chars().count()).max().unwrap_or(0);
    // 70 columns: the longest link (64 with its indent) still fits.
    let narrow = on_terminal(70, "401 --color never");
    assert!(narrow.starts_with("401 Unauthorized"), "{narrow}");
    assert!(width(&narrow) <= 70, "{narrow}");
    assert!(width(&narrow) > 60, "{narrow}");
    let list = on_terminal(150, "list --color never");
    assert!(width(&list) > 110 && width(&list) <= 150, "{list}");
    // A pipe keeps the fixed widths, whatever COLUMNS says.
    let piped = bin()
        .args(["401", "--color", "never"])
        .env("COLUMNS", "70")
        .output()
        .unwrap();
    let piped = String::from_utf8(piped.stdout).unwrap();
    assert!(width(&piped) > 70 && width(&piped) <= 88, "{piped}");
}

#[test]
fn an_unreadable_file_is_named() {
    let dir = fixture("server");
    let r = run(&["explain", dir.to_str().unwrap()], None);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .contains(&format!("cannot read {}:", dir.display())),
        "{}",
        r.stderr
    );
}

#[test]
fn search_keeps_the_mark_apart_from_the_meaning() {
    let r = run(&["search", "not", "found", "--color", "never"], None);
    assert_eq!(r.code, 0);
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert!(
        lines.len() > 1 && lines[0].starts_with("404"),
        "{}",
        r.stdout
    );
    assert!(lines[0].contains(" Hike · Hike could not"), "{}", lines[0]);
    // Every meaning starts in the same column, marked or not.
    let start = lines[0].find("· ").unwrap() + "· ".len();
    for l in &lines[1..] {
        assert!(!l.contains("Hike  Hike"), "{l}");
        let chars: Vec<char> = l.chars().collect();
        let at = lines[0][..start].chars().count();
        assert!(chars[at - 1] == ' ' && chars[at] != ' ', "{l}");
    }
}

#[test]
fn the_request_line_shows_only_what_was_sent() {
    let request = |name: &str| -> String {
        let r = run(
            &[
                "explain",
                fixture(name).to_str().unwrap(),
                "--color",
                "never",
            ],
            None,
        );
        assert_eq!(r.code, 0, "{name}: {}", r.stderr);
        r.stdout
            .lines()
            .find(|l| l.starts_with("  request  "))
            .unwrap_or_else(|| panic!("{name}: no request line:\n{}", r.stdout))
            .to_string()
    };
    // A GET with no body and no Authorization: nothing to list.
    assert_eq!(
        request("curl-v-401-no-auth.txt"),
        "  request     GET /api/v1/products/123"
    );
    let bearer = request("curl-v-401-bearer.txt");
    assert!(
        bearer.contains("· Authorization: Bearer [redacted"),
        "{bearer}"
    );
    assert!(!bearer.contains("Content-Type"), "{bearer}");
    assert!(!bearer.contains("none"), "{bearer}");
}

/// `search ""` matched nothing and exited 1 as if the table had been searched; a blank
/// word is a usage error.
#[test]
fn a_blank_search_word_is_a_usage_error() {
    for words in [&[""][..], &["  "], &["rate", " "]] {
        let mut args = vec!["search"];
        args.extend_from_slice(words);
        let r = run(&args, None);
        assert_eq!(r.code, 2, "search {words:?}: {}", r.stderr);
        assert!(r.stderr.contains("cannot be blank"), "{}", r.stderr);
        assert!(r.stdout.is_empty());
    }
}
