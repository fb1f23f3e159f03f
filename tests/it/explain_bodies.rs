//! `explain` on error bodies in the shapes .NET, Java and problem-detail APIs use, from real
//! curl captures of tests/fixtures/server/formats.py (see tests/fixtures/CAPTURES.md).

use crate::common;

use common::explain::{errors, explain, finding, lacks};
use common::run;

fn f(field: &str, message: &str) -> (Option<String>, String) {
    (Some(field.to_string()), message.to_string())
}

fn m(message: &str) -> (Option<String>, String) {
    (None, message.to_string())
}

#[test]
fn rfc_9457_problem_details_with_invalid_params_and_errors() {
    let v = explain("body-problem-details-422.txt");
    assert_eq!(v["status"], 422);
    assert_eq!(v["body"]["content_type"], "application/problem+json");
    assert_eq!(
        errors(&v),
        [
            m("Your request parameters didn't validate: 2 fields are invalid"),
            f("age", "must be a positive integer"),
            f("color", "must be 'green', 'red' or 'blue'"),
        ]
    );
    let problem = finding(&v, "problem-detail");
    assert!(
        problem.contains("type https://example.net/probs/validation,"),
        "{problem}"
    );
    assert!(
        problem.contains("instance /api/v1/problem/7f3c "),
        "{problem}"
    );
    lacks(&v, "problem-status-mismatch");
}

#[test]
fn aspnet_message_detail_and_model_state() {
    let v = explain("body-aspnet-modelstate-400.txt");
    assert_eq!(v["status"], 400);
    assert_eq!(
        errors(&v),
        [
            m("The request is invalid."),
            m("No action was found on the controller 'Products'."),
            f("product.Title", "The Title field is required."),
            f(
                "product.Price",
                "The field Price must be between 0 and 10000."
            ),
        ]
    );
}

#[test]
fn abp_validation_errors_with_members() {
    let v = explain("body-abp-validation-400.txt");
    assert_eq!(v["status"], 400);
    assert_eq!(
        errors(&v),
        [
            m("Your request is not valid!"),
            f("name", "The Name field is required."),
            f("price", "The field Price must be between 0 and 10000."),
        ]
    );
}

#[test]
fn errors_past_the_first_64_kib_are_scanned_and_counted() {
    let v = explain("body-bulk-5000-errors-422.txt");
    assert_eq!(v["status"], 422);
    assert_eq!(v["body"]["truncated"], true);
    assert!(v["body"]["bytes"].as_u64().unwrap() > 200_000);
    let e = errors(&v);
    assert_eq!(e.len(), 50);
    assert_eq!(e[0], m("The bulk update holds invalid lines"));
    assert_eq!(e[1], f("lines[0].sku", "unknown SKU TM-0000"));
    assert_eq!(e[49], f("lines[48].sku", "unknown SKU TM-0048"));
    // 5,000 field errors and the message: 50 listed, the rest counted.
    assert_eq!(v["errors_omitted"], 5001 - 50);
    let omitted = finding(&v, "errors-omitted");
    assert!(omitted.contains(" 4951 more errors"), "{omitted}");
    lacks(&v, "json-body-too-large");
    // Read from stdin, in the reader's chunks, the same.
    let bytes = common::fixture_bytes("body-bulk-5000-errors-422.txt");
    let r = run(&["explain", "--json"], Some(&bytes));
    assert_eq!(r.json()["errors"], v["errors"]);
}

#[test]
fn bodies_declared_in_a_legacy_charset_are_decoded_by_it() {
    let v = explain("curl-i-422-latin1.txt");
    assert_eq!(v["body"]["kind"], "text");
    assert_eq!(errors(&v), [m("Le produit « café crème » n'existe plus.")]);
    let v = explain("curl-i-422-windows-1252.txt");
    assert_eq!(v["body"]["kind"], "json");
    assert_eq!(
        errors(&v),
        [f("price", "must be at most €500 – “retail” price")]
    );
    assert!(!v.to_string().contains('\u{fffd}'));
}
