//! Lays the functions a small run calls side by side in the program file.
//!
//! A run of `hike-status` on a small input spends most of its time starting: the kernel
//! maps the program's code a 64 KiB window at a time, on first touch, and the path of a
//! small `explain` touches some twenty windows of 1.7 MB of code, most of them for a
//! function or two. `build/hot-functions.txt` lists, by their link names, the functions the
//! look-ups and the `explain` of every small fixture call (`bench/hot-functions.sh` makes
//! it), and the linker puts them first, together (lld's `--symbol-ordering-file`).
//!
//! The list is a hint: a name the build does not have (another toolchain, other features)
//! is skipped without a word, and the order changes nothing a run prints. The arguments
//! are given only where a probe link of an empty program takes them, so a linker without
//! the option (GNU ld) builds as before; `HIKE_STATUS_NO_LAYOUT=1` turns them off.

use std::path::Path;
use std::process::{Command, Stdio};

/// The list of functions, from the package's root.
pub(crate) const LIST: &str = "build/hot-functions.txt";

/// The link arguments for the binary: none where the target, the profile or the linker
/// does not suit them.
pub(crate) fn link_args(root: &Path, out: &Path) -> Vec<String> {
    let var = |name: &str| std::env::var(name).unwrap_or_default();
    if var("CARGO_CFG_TARGET_OS") != "linux"
        || var("PROFILE") != "release"
        || std::env::var_os("HIKE_STATUS_NO_LAYOUT").is_some()
    {
        return Vec::new();
    }
    let list = root.join(LIST);
    let args = vec![
        format!("-Wl,--symbol-ordering-file={}", list.display()),
        "-Wl,--no-warn-symbol-ordering".to_string(),
    ];
    if links_with(&args, out) {
        args
    } else {
        Vec::new()
    }
}

/// Whether an empty program links for the target with `args` added, with the compiler,
/// linker and flags of this build.
fn links_with(args: &[String], out: &Path) -> bool {
    let source = out.join("layout_probe.rs");
    if std::fs::write(&source, "fn main() {}\n").is_err() {
        return false;
    }
    let rustc = std::env::var_os("RUSTC").unwrap_or_else(|| "rustc".into());
    let mut probe = Command::new(rustc);
    probe
        .arg("--crate-name=layout_probe")
        .arg("--crate-type=bin")
        .arg("--out-dir")
        .arg(out)
        .arg(&source);
    if let Ok(target) = std::env::var("TARGET") {
        probe.arg("--target").arg(target);
    }
    if let Ok(linker) = std::env::var("RUSTC_LINKER") {
        probe.arg(format!("-Clinker={linker}"));
    }
    if let Ok(flags) = std::env::var("CARGO_ENCODED_RUSTFLAGS") {
        probe.args(flags.split('\x1f').filter(|f| !f.is_empty()));
    }
    for arg in args {
        probe.arg(format!("-Clink-arg={arg}"));
    }
    probe.stdout(Stdio::null()).stderr(Stdio::null());
    probe.status().is_ok_and(|s| s.success())
}
