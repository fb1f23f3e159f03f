//! The progress line on stderr: shown for a slow pipe and for a large file when stderr is a
//! terminal (a pseudo-terminal made by util-linux `script`), cleared before the report, never
//! shown when stderr is not a terminal or when reports stream out (`--each`).
//!
//! No test here races a clock. The slow pipe is fed until the line shows, however long that
//! takes; the large file shows it from the first look, and where no line may show, that
//! same file proves it would have.

use crate::common;

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use common::{fixture_bytes, on_terminal};

const BIN: &str = env!("CARGO_BIN_EXE_hike-status");

/// A path of this test's own in the temporary directory.
fn temp_path(name: &str) -> PathBuf {
    std::env::temp_dir().join(format!("hike-status-{}-{name}", std::process::id()))
}

/// A file past `LARGE_FILE` (64 MiB, src/run/progress.rs): a real `curl -v` exchange whose
/// response body runs on for 65 MiB, which the binary reads in a fraction of a second.
fn large_file(name: &str) -> PathBuf {
    let path = temp_path(name);
    let mut file = std::fs::File::create(&path).unwrap();
    file.write_all(&fixture_bytes("curl-v-401-bearer.txt"))
        .unwrap();
    let line = [&[b'x'; 1023][..], b"\n"].concat();
    let block = line.repeat(1024);
    for _ in 0..65 {
        file.write_all(&block).unwrap();
    }
    path
}

/// The end of the progress line: `12.0 MiB read of 1.0 GiB (1%), 40.1 MiB/s, 12345
/// exchanges so far`.
const LINE_END: &str = " so far";

/// Asserts `shown` (what a terminal showed) has a progress line, erased after its last draw
/// and before the report.
fn assert_line_then_report(shown: &str) {
    let report = shown.find("401 Unauthorized").expect("the report");
    let before = &shown[..report];
    let first = before
        .find(LINE_END)
        .expect("a progress line before the report");
    let start = before[..first]
        .rfind("\x1b[2K")
        .expect("drawn on an erased line")
        + 4;
    let line = &before[start..first];
    assert!(line.contains(" read"), "{line}");
    assert!(line.contains("/s, "), "a rate: {line}");
    assert!(
        line.ends_with("exchanges") || line.ends_with("exchange"),
        "{line}"
    );
    // Erased (ESC [2K) after its last draw and before the report.
    let last = before.rfind(LINE_END).unwrap();
    assert!(before[last..].contains("\x1b[2K"), "{shown:?}");
}

/// Feeds real `curl -v` exchanges into the FIFO at `path` while `shown` is false, a little
/// at a time so the pipe is slow; then closes it, which ends the input.
fn feed_until(path: &Path, shown: &AtomicBool) {
    let block = fixture_bytes("curl-v-401-bearer.txt").repeat(64);
    // Opening blocks until the reading side opens the FIFO too.
    let mut pipe = std::fs::OpenOptions::new().write(true).open(path).unwrap();
    let mut fed = 0;
    // A bound for a binary that never shows the line: twenty times what it takes.
    while !shown.load(Ordering::SeqCst) && fed < 50_000_000 {
        if pipe.write_all(&block).is_err() {
            break; // The binary is gone; the test says why.
        }
        fed += block.len() as u64;
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn a_slow_pipe_shows_a_line_on_a_terminal_cleared_before_the_report() {
    let fifo = temp_path("slow.fifo");
    let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    let mut terminal = Command::new("script")
        .args([
            "-qec",
            &format!("{BIN} explain --color never < {}", fifo.display()),
            "/dev/null",
        ])
        .env_remove("COLUMNS")
        .env("TERM", "xterm")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .spawn()
        .expect("util-linux `script` runs a pseudo-terminal");
    let shown_yet = Arc::new(AtomicBool::new(false));
    let feeder = {
        let (fifo, shown_yet) = (fifo.clone(), Arc::clone(&shown_yet));
        std::thread::spawn(move || feed_until(&fifo, &shown_yet))
    };
    // What the terminal shows, read as it comes; the feeder stops once the line is there.
    let mut out = terminal.stdout.take().unwrap();
    let mut shown = Vec::new();
    let mut buf = [0; 4096];
    loop {
        let n = out.read(&mut buf).unwrap();
        if n == 0 {
            break;
        }
        shown.extend_from_slice(&buf[..n]);
        if !shown_yet.load(Ordering::SeqCst)
            && shown
                .windows(LINE_END.len())
                .any(|w| w == LINE_END.as_bytes())
        {
            shown_yet.store(true, Ordering::SeqCst);
        }
    }
    assert!(terminal.wait().unwrap().success());
    let shown = String::from_utf8(shown).expect("the terminal output is UTF-8");
    // Only joined once the line is known to have shown: the feeder has stopped then.
    assert!(
        shown_yet.load(Ordering::SeqCst),
        "no progress line: {shown}"
    );
    feeder.join().unwrap();
    std::fs::remove_file(&fifo).unwrap();
    assert_line_then_report(&shown);
}

#[test]
fn a_large_file_shows_a_line_from_the_start() {
    let input = large_file("large-shown");
    let shown = on_terminal(&format!("{BIN} explain --color never {}", input.display()));
    std::fs::remove_file(&input).unwrap();
    assert_line_then_report(&shown);
    // The file's size is known: the line says how far through it the read is.
    assert!(shown.contains(" read of 65.0 MiB ("), "{shown}");
}

#[test]
fn no_line_when_stderr_is_not_a_terminal_or_reports_stream() {
    // A file that shows the line from the start on a terminal (the test above).
    let input = large_file("large-quiet");
    let out = Command::new(BIN)
        .args(["explain", "--color", "never"])
        .arg(&input)
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("401 Unauthorized"));
    // --each prints each report as its exchange ends: that is the sign of life.
    let shown = on_terminal(&format!(
        "{BIN} explain --each --json {} | tail -1",
        input.display()
    ));
    std::fs::remove_file(&input).unwrap();
    assert!(!shown.contains(LINE_END), "{shown}");
    assert!(shown.contains("\"status\":401"), "{shown}");
}
