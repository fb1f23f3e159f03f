//! The finding ids the README and the man page list are the ones the findings are defined
//! with, in the same order and with the same lines: a finding added, renamed or moved in the
//! definition fails here until both lists follow.

use std::path::Path;

use hike_status::explain::Finding;

/// The definition's list: each id with its line.
fn defined() -> Vec<(String, String)> {
    Finding::IDS
        .iter()
        .map(|(id, when)| (id.to_string(), when.to_string()))
        .collect()
}

/// The README's table of ids, row by row: `| `id` | when |`, the line without its full stop.
fn readme_rows() -> Vec<(String, String)> {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let table = readme
        .split_once("The ids, in the order the\nrules run:")
        .expect("the README introduces its table of finding ids")
        .1;
    let rows: Vec<(String, String)> = table
        .lines()
        .skip_while(|l| l.trim().is_empty())
        .take_while(|l| l.starts_with('|'))
        .skip(2) // the head and its rule
        .map(|l| {
            let cells: Vec<&str> = l.trim_matches('|').split(" | ").collect();
            assert_eq!(cells.len(), 2, "a README row of two cells: {l}");
            let id = cells[0].trim().trim_matches('`');
            (id.to_string(), cells[1].trim().to_string())
        })
        .collect();
    assert!(
        !rows.is_empty(),
        "the README's table of finding ids has rows"
    );
    rows
}

/// Undoes the man page's escapes of a line of text.
fn unescape(roff: &str) -> String {
    roff.strip_prefix("\\&")
        .unwrap_or(roff)
        .replace("\\-", "-")
        .replace("\\e", "\\")
}

/// The man page's FINDINGS section, entry by entry: `.TP`, `\fBid\fR`, then its line.
fn man_page_entries() -> Vec<(String, String)> {
    let mut page = Vec::new();
    hike_status::manpage::write(&mut page).unwrap();
    let page = String::from_utf8(page).unwrap();
    let section = page
        .split_once(".SH \"FINDINGS\"\n")
        .expect("the man page has a FINDINGS section")
        .1;
    let section = section.split("\n.SH ").next().unwrap();
    let mut lines = section.lines().skip_while(|l| *l != ".TP");
    let mut entries = Vec::new();
    while let Some(tp) = lines.next() {
        assert_eq!(tp, ".TP", "each entry of FINDINGS starts with .TP");
        let head = lines.next().expect("an id after .TP");
        let id = head
            .strip_prefix("\\fB")
            .and_then(|h| h.strip_suffix("\\fR"))
            .unwrap_or_else(|| panic!("an id in bold: {head}"));
        let when = lines.next().expect("a line after the id");
        entries.push((unescape(id), unescape(when)));
    }
    entries
}

#[test]
fn the_readme_lists_the_defined_ids_in_order() {
    let want: Vec<(String, String)> = defined()
        .into_iter()
        .map(|(id, when)| (id, when.trim_end_matches('.').to_string()))
        .collect();
    assert_eq!(readme_rows(), want);
}

#[test]
fn the_man_page_lists_the_defined_ids_in_order() {
    assert_eq!(man_page_entries(), defined());
}
