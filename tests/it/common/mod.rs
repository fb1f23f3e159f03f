//! Running the real binary, hermetically.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

pub mod explain;
pub mod har;
pub mod json;
pub mod parse;

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    pub fn json(&self) -> serde_json::Value {
        self.typed()
    }

    /// stdout read as `explain --json`'s typed shape.
    pub fn report(&self) -> json::Report {
        self.typed()
    }

    /// stdout read as one code (a lookup of one code).
    pub fn code(&self) -> json::Code {
        self.typed()
    }

    /// stdout read as a list of codes (several codes, a class, `list`, `search`).
    pub fn codes(&self) -> Vec<json::Code> {
        self.typed()
    }

    fn typed<T: serde::de::DeserializeOwned>(&self) -> T {
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| {
            panic!(
                "stdout is not the JSON of {} ({e}):\n{}",
                std::any::type_name::<T>(),
                self.stdout
            )
        })
    }
}

pub fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_hike-status"));
    for var in ["NO_COLOR", "CLICOLOR", "CLICOLOR_FORCE", "TERM", "COLUMNS"] {
        c.env_remove(var);
    }
    c
}

/// Runs the binary with `args` and `stdin` (empty when `None`).
pub fn run(args: &[&str], stdin: Option<&[u8]>) -> Run {
    let mut c = bin();
    c.args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = c.spawn().expect("the binary runs");
    let input = stdin.unwrap_or_default().to_vec();
    let mut pipe = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        // The binary may stop reading early; a closed pipe is fine here.
        let _ = pipe.write_all(&input);
    });
    let out = child.wait_with_output().expect("the binary finishes");
    writer.join().unwrap();
    Run {
        code: out.status.code().expect("exited, not killed"),
        stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
    }
}

pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

pub fn fixture_bytes(name: &str) -> Vec<u8> {
    std::fs::read(fixture(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// Whether a character must never reach the output raw: the C0 controls (a newline aside,
/// which the output is made of), DEL, the C1 controls (CSI U+009B, NEL U+0085 among them),
/// the bidi marks, embeddings, overrides and isolates, and the line and paragraph
/// separators. Written out here, not taken from the library, so a character the library
/// forgets is caught; `tests/it/cli.rs` checks the list against what `sanitize` replaces.
pub fn is_forbidden(c: char) -> bool {
    matches!(
        c,
        '\u{0}'..='\u{9}'
            | '\u{b}'..='\u{1f}'
            | '\u{7f}'..='\u{9f}'
            | '\u{61c}'
            | '\u{200e}'
            | '\u{200f}'
            | '\u{202a}'..='\u{202e}'
            | '\u{2066}'..='\u{2069}'
            | '\u{2028}'
            | '\u{2029}'
    )
}

/// Asserts the output is clean: no character of [`is_forbidden`] in it.
pub fn assert_clean(out: &str, what: &str) {
    if let Some(c) = out.chars().find(|c| is_forbidden(*c)) {
        panic!("{what}: raw {c:?} in the output:\n{out}");
    }
}

/// Compares stdout of a run with `args` to `tests/golden/NAME`; `UPDATE_GOLDEN=1` rewrites
/// the file instead.
pub fn golden(name: &str, args: &[&str]) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name);
    let r = run(args, None);
    assert_eq!(r.code, 0, "{name}: {}", r.stderr);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, &r.stdout).unwrap();
    }
    let want = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{name}: {e}"));
    assert_eq!(
        r.stdout, want,
        "{name} differs; UPDATE_GOLDEN=1 rewrites it"
    );
}

/// `sh -c SCRIPT` with stdout and stderr on a pseudo-terminal; what it printed.
pub fn on_terminal(script: &str) -> String {
    let out = Command::new("script")
        .args(["-qec", script, "/dev/null"])
        .env_remove("COLUMNS")
        .env("TERM", "xterm")
        .stdin(Stdio::null())
        .output()
        .expect("util-linux `script` runs a pseudo-terminal");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("the terminal output is UTF-8")
}
