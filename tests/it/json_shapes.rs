//! Every command's `--json`, read into typed structs (tests/it/common/json.rs) as a script
//! would read it: a renamed, dropped or unexpected field fails here.

use crate::common;

use common::json::{BodyKind, Code};
use common::{fixture, run};

#[test]
fn a_lookup_is_one_code_and_several_are_a_list() {
    let one = run(&["429", "--json"], None).code();
    assert_eq!((one.code, one.class.as_str()), (429, "4xx"));
    assert!(one.documented && one.assigned && one.retryable);
    let two = run(&["401", "403", "--json"], None).codes();
    assert_eq!(two.iter().map(|c| c.code).collect::<Vec<_>>(), [401, 403]);
    let class = run(&["5xx", "--json"], None).codes();
    assert!(class.iter().all(|c| c.class == "5xx"));
    let unassigned: Code = run(&["299", "--json"], None).code();
    assert!(!unassigned.assigned && unassigned.rfc.is_none());
}

#[test]
fn list_and_search_are_lists_of_codes() {
    let all = run(&["list", "--all", "--json"], None).codes();
    assert!(all.len() >= 60);
    assert!(all.windows(2).all(|w| w[0].code < w[1].code));
    let hike = run(&["list", "--json"], None).codes();
    assert!(hike.iter().all(|c| c.documented));
    let hits = run(&["search", "rate", "limit", "--json"], None).codes();
    assert_eq!(hits[0].code, 429);
}

#[test]
fn every_capture_explains_into_the_typed_report() {
    let dir = fixture("");
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "txt") {
            continue;
        }
        let r = run(
            &[
                "explain",
                path.to_str().unwrap(),
                "--json",
                "--now",
                "2026-11-25T12:00:00Z",
            ],
            None,
        );
        if r.code == 1 {
            // No response in the input: the no-response object, what failed in `error`.
            let v: serde_json::Value = serde_json::from_str(&r.stdout)
                .unwrap_or_else(|e| panic!("{}: {e}: {}", path.display(), r.stdout));
            assert_eq!(v["status"], serde_json::Value::Null, "{}", path.display());
            assert!(v["error"].as_str().is_some_and(|e| !e.is_empty()));
            assert!(r.stderr.contains(v["error"].as_str().unwrap()));
            continue;
        }
        assert_eq!(r.code, 0, "{}: {}", path.display(), r.stderr);
        let report = r.report();
        assert!(report.chain.contains(&report.status) || report.chain_omitted > 0);
        assert!(
            report
                .findings
                .iter()
                .all(|f| !f.id.is_empty() && !f.message.is_empty())
        );
        // The code's hint comes last, except where it would contradict the steps before
        // it: on a 429 whose Retry-After wins over the window X-Rate-Limit-Problem names
        // (the hint tells how each window clears), on a 401 from the token endpoint (the
        // hint's Bearer token does not exist yet), and on a 2xx whose transfer broke off.
        let window = report
            .rate_limit
            .as_ref()
            .and_then(|rl| rl.problem.as_deref())
            .is_some_and(|p| p == "Minute" || p == "Daily");
        let token_endpoint = report.status == 401
            && report
                .findings
                .iter()
                .any(|f| f.id == "token-endpoint-client-credentials");
        let cut = (200..300).contains(&report.status)
            && report
                .findings
                .iter()
                .any(|f| f.id == "client-error-after-response");
        if report.status == 429 && window && report.retry_after_seconds.is_some()
            || token_endpoint
            || cut
        {
            assert!(
                !report.next_steps.contains(&report.hint),
                "{}",
                path.display()
            );
        } else {
            assert_eq!(
                report.next_steps.last(),
                Some(&report.hint),
                "{}",
                path.display()
            );
        }
        seen += 1;
    }
    assert!(seen >= 30, "{seen} captures explained");
}

#[test]
fn a_report_reads_the_way_the_capture_says() {
    let path = fixture("curl-v-422-field-errors.txt");
    let r = run(&["explain", path.to_str().unwrap(), "--json"], None).report();
    assert_eq!((r.status, r.name.as_str()), (422, "Unprocessable Entity"));
    assert_eq!(r.body.as_ref().map(|b| b.kind), Some(BodyKind::Json));
    let req = r.request.as_ref().expect("curl -v shows the request");
    assert_eq!(req.method.as_deref(), Some("POST"));
    assert!(req.headers_shown);
    assert_eq!(r.errors.len(), 2);
    assert_eq!(r.findings[0].id, "request-shown");
}
