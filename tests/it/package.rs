//! The published crate: what `cargo package` ships, and the license it names.

use std::path::Path;
use std::process::Command;

#[test]
fn the_package_ships_the_build_inputs_and_the_license_not_the_work_folders() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let out = Command::new(cargo)
        .args(["package", "--list", "--offline", "--allow-dirty"])
        .current_dir(root)
        .output()
        .expect("cargo runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let list = String::from_utf8(out.stdout).unwrap();
    let files: Vec<&str> = list.lines().collect();
    for want in [
        "LICENSE",
        "README.md",
        "build.rs",
        "build/data.rs",
        "data/status-codes.json",
        "data/classes.json",
        "src/main.rs",
        "src/lib.rs",
        "tests/it/cli.rs",
        "tests/fuzz-regressions/retry-after-past-year-9999.bin",
    ] {
        assert!(files.contains(&want), "{want} is not packaged:\n{list}");
    }
    for f in &files {
        assert!(
            !f.starts_with("bench/") && !f.starts_with("fuzz/") && !f.starts_with("target/"),
            "{f} is packaged"
        );
    }
    // The repository's CI script is for the repository.
    assert!(!files.iter().any(|f| f.starts_with(".ci/")), "{list}");
}

#[test]
fn the_license_file_is_the_one_cargo_toml_names() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let manifest = std::fs::read_to_string(root.join("Cargo.toml")).unwrap();
    assert!(manifest.contains("\nlicense = \"MIT\"\n"));
    let license = std::fs::read_to_string(root.join("LICENSE")).expect("LICENSE exists");
    assert!(license.starts_with("MIT License\n"));
    assert!(license.contains("Permission is hereby granted, free of charge"));
}
