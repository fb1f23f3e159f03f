//! `explain --summary` as a person reads it: the failures in at most 10 lines at 80
//! columns, the chart in ASCII where block characters cannot show, golden files of the
//! whole text on terminals of 80 and 120 columns, color on and off, and the README and man
//! page showing the real chart. The logs are listed in tests/fixtures/CAPTURES.md.

use crate::common;

use common::{bin, fixture, run};

#[test]
fn failures_take_at_most_ten_lines_at_80_columns() {
    // 12 groups of failures (22 failures): 9 groups and the "more" line.
    let path = fixture("log-windows-many-failures.txt");
    let shown = common::on_terminal(&format!(
        "stty cols 80 rows 60; env LC_ALL=C.UTF-8 {} explain --summary --color never {}",
        env!("CARGO_BIN_EXE_hike-status"),
        path.display()
    ))
    .replace('\r', "");
    let lines: Vec<&str> = shown.lines().collect();
    let start = lines
        .iter()
        .position(|l| l.starts_with("  failures"))
        .expect(&shown);
    let end = lines
        .iter()
        .position(|l| l.starts_with("  next"))
        .expect(&shown);
    assert!(end - start <= 10, "{}", lines[start..end].join("\n"));
    assert!(
        lines[start..end].iter().all(|l| l.chars().count() <= 80),
        "{shown}"
    );
    assert_eq!(
        lines[end - 1].trim(),
        "3 more failures in 3 more groups",
        "{shown}"
    );
    // The worst first: the 5xx, then the 4xx by count.
    assert!(
        lines[start].contains("3× 500 GET /api/v1/orders/export #3"),
        "{shown}"
    );
    assert!(
        lines[start + 4].contains("4× 404 GET /api/v1/products/{id}"),
        "{shown}"
    );
}

#[test]
fn the_chart_is_ascii_where_blocks_cannot_show() {
    let path = fixture("log-windows-minute-burst.txt");
    for (var, value) in [("TERM", "dumb"), ("LC_ALL", "C")] {
        let out = bin()
            .args(["explain", "--summary", path.to_str().unwrap()])
            .env(var, value)
            .output()
            .unwrap();
        let t = String::from_utf8(out.stdout).unwrap();
        assert!(
            t.contains("calls a minute; - Hike's 60 a minute; ^ 429"),
            "{t}"
        );
        assert!(t.lines().any(|l| l.trim_end().ends_with("###")), "{t}");
        let blocks = ['█', '▁', '▄', '┄', '│', '┤', '└', '─', '▲'];
        assert!(
            !t.chars().any(|c| blocks.contains(&c)),
            "{var}={value}:\n{t}"
        );
    }
}

/// The text summary of the burst on a terminal of `cols` columns.
fn on_terminal(cols: u16, color: &str) -> String {
    let path = fixture("log-windows-minute-burst.txt");
    common::on_terminal(&format!(
        "stty cols {cols} rows 60; env LC_ALL=C.UTF-8 {} explain --summary --color {color} {}",
        env!("CARGO_BIN_EXE_hike-status"),
        path.display()
    ))
    .replace('\r', "")
    .replace(path.to_str().unwrap(), "FILE")
}

#[test]
fn golden_summary_at_80_and_120_columns() {
    for cols in [80, 120] {
        for color in ["never", "always"] {
            let name = format!("summary-burst.{cols}.{color}.txt");
            let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/golden")
                .join(&name);
            let got = on_terminal(cols, color);
            if std::env::var_os("UPDATE_GOLDEN").is_some() {
                std::fs::write(&path, &got).unwrap();
            }
            let want = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(got, want, "{name} differs; UPDATE_GOLDEN=1 rewrites it");
            let widest = got
                .lines()
                .map(|l| strip(l).chars().count())
                .max()
                .unwrap_or(0);
            assert!(
                widest <= usize::from(cols),
                "{name}: a line of {widest} columns"
            );
        }
    }
}

/// A line without its color escapes.
fn strip(line: &str) -> String {
    let mut out = String::new();
    let mut esc = false;
    for c in line.chars() {
        match c {
            '\x1b' => esc = true,
            'm' if esc => esc = false,
            _ if esc => {}
            _ => out.push(c),
        }
    }
    out
}

#[test]
fn the_readme_and_the_man_page_show_the_real_chart() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    // The README shows the head, the chart, the statuses and the first rate-limit lines of
    // the summary at 80 columns.
    let golden =
        std::fs::read_to_string(root.join("tests/golden/summary-burst.80.never.txt")).unwrap();
    let head: String = golden.lines().take(23).map(|l| format!("{l}\n")).collect();
    assert!(readme.contains(&head), "README lacks:\n{head}");
    // The man page shows the ASCII chart as TERM=dumb draws it, piped.
    let path = fixture("log-windows-minute-burst.txt");
    let out = bin()
        .args(["explain", "--summary", path.to_str().unwrap()])
        .env("TERM", "dumb")
        .output()
        .unwrap();
    let ascii: String = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .take(13)
        .map(|l| format!("{l}\n"))
        .collect();
    let page = run(&["man"], None)
        .stdout
        .replace("\\-", "-")
        .replace("\\e", "\\");
    assert!(page.contains(&ascii), "the man page lacks:\n{ascii}");
}
