//! The build's check of `data/*.json`: the same code `build.rs` runs, fed bad tables. Each
//! must fail with a message that names the file and what is wrong.

#[allow(dead_code)]
#[path = "../../build/data.rs"]
mod build_data;

const CLASSES: &str = include_str!("../../data/classes.json");

fn entry(code: i64) -> String {
    format!(
        r#"{{"code":{code},"name":"n","documented":false,"meaning":"m","hint":"h",
        "standard_name":"n","standard_meaning":"m","rfc":"r","rfc_url":"u",
        "links":["u"],"retryable":false}}"#
    )
}

fn doc(codes: &[i64]) -> String {
    let objects: Vec<String> = codes.iter().map(|c| entry(*c)).collect();
    format!("[{}]", objects.join(","))
}

fn error(codes: &str, classes: &str) -> String {
    match build_data::read(codes, classes) {
        Ok(_) => panic!("accepted: {codes}"),
        Err(e) => e,
    }
}

#[test]
fn the_real_data_passes_and_generates_every_entry() {
    let codes = include_str!("../../data/status-codes.json");
    let (entries, classes) = build_data::read(codes, CLASSES).unwrap();
    let source = build_data::generate(&entries, &classes);
    assert_eq!(source.matches("    Entry { code: ").count(), entries.len());
    assert_eq!(source.matches("    Class { class: ").count(), 5);
}

#[test]
fn a_small_good_table_passes() {
    let (entries, _) = build_data::read(&doc(&[100, 200, 300, 400, 500]), CLASSES).unwrap();
    assert_eq!(entries.len(), 5);
}

#[test]
fn a_duplicated_code_fails() {
    let e = error(&doc(&[100, 200, 200, 300, 400, 500]), CLASSES);
    assert_eq!(e, "data/status-codes.json: code 200 is listed twice");
}

#[test]
fn codes_out_of_order_fail() {
    let e = error(&doc(&[100, 300, 200, 400, 500]), CLASSES);
    assert_eq!(
        e,
        "data/status-codes.json: code 200 comes after 300: keep the codes in increasing order"
    );
}

#[test]
fn a_code_outside_100_to_599_fails() {
    for bad in [99, 600, -1, 70_000] {
        let mut codes = vec![100, 200, 300, 400, 500];
        codes.push(bad);
        codes.sort();
        let e = error(&doc(&codes), CLASSES);
        assert_eq!(
            e,
            format!("data/status-codes.json: code {bad} is outside 100..=599")
        );
    }
}

#[test]
fn a_missing_field_fails_and_names_it() {
    let codes = doc(&[100, 200, 300, 400, 500]).replacen(r#""hint":"h","#, "", 1);
    let e = error(&codes, CLASSES);
    assert!(
        e.starts_with("data/status-codes.json: missing field `hint`"),
        "{e}"
    );
    let classes = CLASSES.replacen(r#""name": "Informational","#, "", 1);
    assert_ne!(classes, CLASSES);
    let e = error(&doc(&[100, 200, 300, 400, 500]), &classes);
    assert!(
        e.starts_with("data/classes.json: missing field `name`"),
        "{e}"
    );
}

#[test]
fn an_unknown_or_empty_field_fails() {
    let codes = doc(&[100, 200, 300, 400, 500]).replacen(r#""hint":"h""#, r#""hnit":"h""#, 1);
    assert!(error(&codes, CLASSES).contains("unknown field `hnit`"));
    let codes = doc(&[100, 200, 300, 400, 500]).replacen(r#""meaning":"m""#, r#""meaning":" ""#, 1);
    assert_eq!(
        error(&codes, CLASSES),
        "data/status-codes.json: code 100 has an empty `meaning`"
    );
    let codes = doc(&[100, 200, 300, 400, 500]).replacen(r#""links":["u"]"#, r#""links":[]"#, 1);
    assert_eq!(
        error(&codes, CLASSES),
        "data/status-codes.json: code 100 has no `links`"
    );
}

#[test]
fn a_class_without_its_x00_or_out_of_place_fails() {
    let e = error(&doc(&[100, 200, 300, 404, 500]), CLASSES);
    assert!(
        e.starts_with("data/status-codes.json: code 400 is missing"),
        "{e}"
    );
    let swapped = CLASSES.replacen("\"label\": \"1xx\"", "\"label\": \"2xx\"", 1);
    assert_ne!(swapped, CLASSES);
    assert!(error(&doc(&[100, 200, 300, 400, 500]), &swapped).starts_with("data/classes.json: "));
}
