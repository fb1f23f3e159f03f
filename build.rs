//! Builds the status-code table: reads `data/*.json` with serde, checks it, and writes a
//! `static` table of `&'static str` into `OUT_DIR` for `src/table/mod.rs` to include. A bad
//! edit to the data fails the build with a message that names the file and the code.
//!
//! It also gives the linker the order of the functions a small run calls, where the linker
//! takes it (build/layout.rs).

#[path = "build/data.rs"]
mod data;
#[path = "build/layout.rs"]
mod layout;

use std::path::Path;

fn main() {
    for f in [
        "build/data.rs",
        "build/layout.rs",
        layout::LIST,
        "data/status-codes.json",
        "data/classes.json",
    ] {
        println!("cargo::rerun-if-changed={f}");
    }
    let read = |f: &str| {
        std::fs::read_to_string(f).unwrap_or_else(|e| fail(&format!("cannot read {f}: {e}")))
    };
    let (entries, classes) =
        data::read(&read("data/status-codes.json"), &read("data/classes.json"))
            .unwrap_or_else(|e| fail(&e));
    let out = std::env::var_os("OUT_DIR").unwrap_or_else(|| fail("OUT_DIR is not set"));
    let path = Path::new(&out).join("table.rs");
    std::fs::write(&path, data::generate(&entries, &classes))
        .unwrap_or_else(|e| fail(&format!("cannot write {}: {e}", path.display())));
    println!("cargo::rerun-if-env-changed=HIKE_STATUS_NO_LAYOUT");
    let root = std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default();
    for arg in layout::link_args(Path::new(&root), Path::new(&out)) {
        println!("cargo::rustc-link-arg-bins={arg}");
    }
}

/// Fails the build: cargo prints the message as `error: ...` and stops.
fn fail(message: &str) -> ! {
    println!("cargo::error={message}");
    // The status is 0 so that cargo shows the message as an error of its own rather than
    // as a crashed script's output; the `cargo::error` line alone fails the build.
    std::process::exit(0);
}
