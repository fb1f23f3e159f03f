//! The progress line on stderr: shown for a slow pipe when stderr is a terminal (a
//! pseudo-terminal made by util-linux `script`), cleared before the report, never shown
//! when stderr is not a terminal or when reports stream out (`--each`).

use crate::common;

use std::path::PathBuf;
use std::process::Command;

use common::on_terminal;

/// About 3 MB of real `curl -v` exchanges, in a file of its own.
fn big_input(name: &str) -> PathBuf {
    let one = common::fixture_bytes("curl-v-401-bearer.txt");
    let path = std::env::temp_dir().join(format!("hike-status-{}-{name}", std::process::id()));
    std::fs::write(&path, one.repeat(3_000_000 / one.len() + 1)).unwrap();
    path
}

const BIN: &str = env!("CARGO_BIN_EXE_hike-status");

#[test]
fn a_slow_pipe_shows_a_line_on_a_terminal_cleared_before_the_report() {
    let input = big_input("slow");
    let shown = on_terminal(&format!(
        "(sleep 2.5; cat {}) | {BIN} explain --color never",
        input.display()
    ));
    std::fs::remove_file(&input).unwrap();
    let line = shown.find(" read, ").expect("a progress line");
    let report = shown.find("401 Unauthorized").expect("the report");
    assert!(line < report, "{shown}");
    assert!(shown[line..report].contains("exchanges so far"), "{shown}");
    assert!(shown[line..report].contains("/s, "), "a rate: {shown}");
    // Erased (ESC [2K) after its last draw and before the report.
    let last = shown[..report].rfind(" read, ").unwrap();
    assert!(shown[last..report].contains("\x1b[2K"), "{shown:?}");
}

#[test]
fn no_line_when_stderr_is_not_a_terminal_or_reports_stream() {
    let input = big_input("quiet");
    let out = Command::new("sh")
        .args([
            "-c",
            &format!("(sleep 2.5; cat {}) | {BIN} explain", input.display()),
        ])
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("401 Unauthorized"));
    // --each prints each report as its exchange ends: that is the sign of life.
    let shown = on_terminal(&format!(
        "(sleep 2.5; cat {}) | {BIN} explain --each --json | tail -1",
        input.display()
    ));
    std::fs::remove_file(&input).unwrap();
    assert!(!shown.contains(" read, "), "{shown}");
    assert!(shown.contains("\"status\":401"), "{shown}");
}
