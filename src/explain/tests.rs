//! Unit tests of the analysis.

use crate::redact::Redacted;
use crate::transcript::ClientError;

use super::no_response::curl_22_status;
use super::*;

fn at(s: &str) -> SystemTime {
    humantime::parse_rfc3339(s).unwrap()
}

#[test]
fn retry_after_forms() {
    let now = at("2026-11-25T12:00:00Z");
    assert_eq!(retry_after("120", None, now).unwrap().0, 120);
    assert_eq!(retry_after("2.0", None, now).unwrap().0, 2);
    assert_eq!(retry_after("2.1", None, now).unwrap().0, 3);
    let date = httpdate::parse_http_date("Wed, 25 Nov 2026 12:10:49 GMT").ok();
    let (secs, when) = retry_after("Wed, 25 Nov 2026 13:10:49 GMT", date, now).unwrap();
    assert_eq!(secs, 3600);
    assert_eq!(
        humantime::format_rfc3339_seconds(when.unwrap()).to_string(),
        "2026-11-25T13:10:49Z"
    );
    // Without a Date header, from now.
    assert_eq!(
        retry_after("Wed, 25 Nov 2026 12:01:00 GMT", None, now)
            .unwrap()
            .0,
        60
    );
    // A date in the past means no wait.
    assert_eq!(
        retry_after("Wed, 25 Nov 2026 11:00:00 GMT", None, now)
            .unwrap()
            .0,
        0
    );
    assert!(retry_after("soon", None, now).is_none());
    // Past year 9999 there is a wait but no time to write.
    assert_eq!(
        retry_after("999999999999.0", None, now),
        Some((999_999_999_999, None))
    );
    assert_eq!(
        retry_after("18446744073709551615", None, now),
        Some((u64::MAX, None))
    );
    let late = httpdate::parse_http_date("Fri, 31 Dec 9999 23:59:50 GMT").ok();
    assert_eq!(retry_after("60", late, now), Some((60, None)));
    assert!(retry_after("-1.5", None, now).is_none());
    // RFC 9110's delay-seconds is digits only; a plain decimal is read, rounded up, and
    // nothing else a float parser takes is.
    assert_eq!(retry_after(" 7 ", None, now).unwrap().0, 7);
    assert_eq!(retry_after("0.001", None, now).unwrap().0, 1);
    for bad in [
        "1e3", "1E3", "+5", ".5", "5.", "2.0.0", "inf", "NaN", "0x10", "1_000", "5 s",
    ] {
        assert!(retry_after(bad, None, now).is_none(), "{bad}");
    }
}

#[test]
fn challenges() {
    let c = parse_challenge(
        r#"Bearer error="invalid_token", error_description="The \"token\" expired""#,
        &Redactor::default(),
    );
    assert_eq!(c.scheme, "Bearer");
    assert_eq!(c.error.as_deref(), Some("invalid_token"));
    assert_eq!(c.description.as_deref(), Some("The \"token\" expired"));
    assert!(c.meaning.unwrap().contains("expired"));
    let c = parse_challenge(
        "Bearer realm=api, error=insufficient_scope",
        &Redactor::default(),
    );
    assert_eq!(c.error.as_deref(), Some("insufficient_scope"));
    let c = parse_challenge("Basic", &Redactor::default());
    assert_eq!((c.scheme.as_str(), c.error), ("Basic", None));
}

#[test]
fn curl_22_carries_the_status() {
    let e = ClientError {
        code: Some(22),
        message: "The requested URL returned error: 404".into(),
        after: 0,
    };
    assert_eq!(curl_22_status(&e), Some(404));
}

/// Every header field the analysis reads is one the parser keeps past `max_headers`.
#[test]
fn the_parser_keeps_every_header_the_analysis_reads() {
    use crate::transcript::header_keep::{REQUEST_ID_HEADERS, is_analysis_header};
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/explain");
    let mut names: Vec<String> = REQUEST_ID_HEADERS.iter().map(|s| s.to_string()).collect();
    let mut stack = vec![dir];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(d).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
                continue;
            }
            let text = std::fs::read_to_string(&p).unwrap();
            for part in text.split("header(\"").skip(1) {
                names.push(part.split('"').next().unwrap().to_ascii_lowercase());
            }
        }
    }
    assert!(names.len() > 15, "{names:?}");
    for n in names {
        assert!(is_analysis_header(&n), "{n} is read but not kept");
    }
}

#[test]
fn a_post_is_flagged_from_4_000_000_bytes() {
    // Hike's "4MB" read as the smaller of 4 MB and 4 MiB.
    let flagged = |len: u64| {
        let mut p = crate::transcript::Parser::new();
        p.feed(
            format!(
                "> POST /api/v1/products/bulk HTTP/1.1\r\n> Content-Length: {len}\r\n>\r\n\
                 < HTTP/1.1 413 Request Entity Too Large\r\n<\r\n"
            )
            .as_bytes(),
        );
        let r = explain(&p.finish(), SystemTime::UNIX_EPOCH).unwrap();
        r.findings
            .iter()
            .any(|f| matches!(f, Finding::RequestBodyTooLarge { .. }))
    };
    assert!(!flagged(3_999_999));
    assert!(flagged(4_000_000));
    assert!(flagged(4 * 1024 * 1024 - 1), "under 4 MiB, over 4 MB");
}

#[test]
fn finding_ids_are_unique_and_kebab_case() {
    // The list comes from the one definition of the findings, so each variant is in it.
    let ids: Vec<&str> = Finding::IDS.iter().map(|(id, _)| *id).collect();
    let mut sorted = ids.clone();
    sorted.sort_unstable();
    sorted.dedup();
    assert_eq!(sorted.len(), ids.len(), "ids are unique");
    for (id, when) in Finding::IDS {
        assert!(
            !id.is_empty() && id.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'),
            "{id} is kebab case"
        );
        assert!(
            when.ends_with('.') && !when.starts_with(' '),
            "{id}: {when:?}"
        );
    }
    assert_eq!(Finding::StatusCodeOnly.id(), "status-code-only");
    assert_eq!(
        Finding::ClientErrorAfterResponse {
            code: None,
            message: Redacted::default(),
            advice: "",
        }
        .id(),
        "client-error-after-response"
    );
}
