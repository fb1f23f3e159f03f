//! Lays the functions a small run calls side by side in the program file.
//!
//! A run of `hike-status` on a small input spends most of its time starting: the kernel
//! maps the program's code a 64 KiB window at a time, on first touch, and the path of a
//! small `explain` touches some twenty windows of 1.7 MB of code, most of them for a
//! function or two. `build/hot-functions.txt` lists, by their link names, the functions the
//! look-ups and the `explain` of every small fixture call (`bench/hot-functions.sh` makes
//! it), and the linker puts them first, together (lld's `--symbol-ordering-file`).
//!
//! The list is a hint: a name the build does not have is skipped without a word, and the
//! order changes nothing a run prints. Names carry a hash of the build's settings, so the
//! list matches a plain `cargo build --release` of this lock file with this toolchain; a
//! build with `--target`, other features, other dependencies or another compiler matches
//! little of it and is laid out as if there were no list (`bash bench/hot-functions.sh
//! --check` counts the names a binary has).
//!
//! The arguments are given only where a probe link of an empty program takes them, with
//! this build's compiler, wrappers, linker and flags, so a linker without the option (GNU
//! ld) builds as before. Flags given after `cargo rustc --` do not reach the probe: with a
//! linker chosen there, set `HIKE_STATUS_NO_LAYOUT` (to any value), which turns the
//! arguments off.

use std::path::Path;
use std::process::{Command, Stdio};

/// The list of functions, from the package's root.
pub(crate) const LIST: &str = "build/hot-functions.txt";

/// The link arguments for the binary: none where the target, the profile or the linker
/// does not suit them, or where `HIKE_STATUS_NO_LAYOUT` is set.
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
/// its wrappers (`RUSTC_WRAPPER`, `RUSTC_WORKSPACE_WRAPPER`, as cargo runs them), linker
/// and flags of this build.
fn links_with(args: &[String], out: &Path) -> bool {
    let source = out.join("layout_probe.rs");
    if std::fs::write(&source, "fn main() {}\n").is_err() {
        return false;
    }
    let rustc = std::env::var_os("RUSTC").unwrap_or_else(|| "rustc".into());
    let mut chain: Vec<std::ffi::OsString> = ["RUSTC_WRAPPER", "RUSTC_WORKSPACE_WRAPPER"]
        .into_iter()
        .filter_map(std::env::var_os)
        .filter(|w| !w.is_empty())
        .collect();
    chain.push(rustc);
    let mut probe = Command::new(&chain[0]);
    probe.args(&chain[1..]);
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
    probe
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    probe.status().is_ok_and(|s| s.success())
}
