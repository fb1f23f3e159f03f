//! Unit tests of the analysis.

use crate::redact::Redacted;
use crate::transcript::ClientError;

use super::no_response::curl_22_status;
use super::*;

fn at(s: &str) -> SystemTime {
    humantime::parse_rfc3339(s).unwrap()
}

/// `Retry-After` of a response whose `Date` is `sent`: (seconds to wait, when).
fn wait(value: &str, sent: SystemTime) -> Option<(u64, Option<SystemTime>)> {
    RetryAfter::parse(value, sent).map(|r| (r.seconds(sent), r.until(Some(sent), sent)))
}

#[test]
fn retry_after_forms() {
    let now = at("2026-11-25T12:00:00Z");
    assert_eq!(
        RetryAfter::parse("120", now),
        Some(RetryAfter::Seconds(120))
    );
    assert_eq!(RetryAfter::parse("2.0", now), Some(RetryAfter::Seconds(2)));
    assert_eq!(RetryAfter::parse("2.1", now), Some(RetryAfter::Seconds(3)));
    let date = at("2026-11-25T12:10:49Z");
    let (secs, when) = wait("Wed, 25 Nov 2026 13:10:49 GMT", date).unwrap();
    assert_eq!(secs, 3600);
    assert_eq!(
        humantime::format_rfc3339_seconds(when.unwrap()).to_string(),
        "2026-11-25T13:10:49Z"
    );
    assert_eq!(
        RetryAfter::parse("Wed, 25 Nov 2026 12:01:00 GMT", now),
        Some(RetryAfter::At {
            at: at("2026-11-25T12:01:00Z"),
            passed: false
        })
    );
    assert_eq!(wait("Wed, 25 Nov 2026 12:01:00 GMT", now).unwrap().0, 60);
    // A date in the past has passed: no wait, from when the response was sent.
    assert_eq!(
        RetryAfter::parse("Wed, 25 Nov 2026 11:00:00 GMT", now),
        Some(RetryAfter::At {
            at: at("2026-11-25T11:00:00Z"),
            passed: true
        })
    );
    assert_eq!(
        wait("Wed, 25 Nov 2026 11:00:00 GMT", now),
        Some((0, Some(now)))
    );
    assert!(RetryAfter::parse("soon", now).is_none());
    // With no Date header, a number of seconds has no clock time (the response may be
    // old), and nor has a date already past at the time of the analysis; a date to come
    // is its own time.
    let no_date = |v: &str| RetryAfter::parse(v, now).unwrap().until(None, now);
    assert_eq!(no_date("60"), None);
    assert_eq!(no_date("Wed, 25 Nov 2026 11:00:00 GMT"), None);
    assert_eq!(
        no_date("Wed, 25 Nov 2026 12:01:00 GMT"),
        Some(at("2026-11-25T12:01:00Z"))
    );
    // Past year 9999 there is a wait but no time to write.
    assert_eq!(wait("999999999999.0", now), Some((999_999_999_999, None)));
    assert_eq!(wait("18446744073709551615", now), Some((u64::MAX, None)));
    let late = at("9999-12-31T23:59:50Z");
    assert_eq!(wait("60", late), Some((60, None)));
    assert!(RetryAfter::parse("-1.5", now).is_none());
    // RFC 9110's delay-seconds is digits only; a plain decimal is read, rounded up, and
    // nothing else a float parser takes is.
    assert_eq!(RetryAfter::parse(" 7 ", now), Some(RetryAfter::Seconds(7)));
    assert_eq!(
        RetryAfter::parse("0.001", now),
        Some(RetryAfter::Seconds(1))
    );
    for bad in [
        "1e3", "1E3", "+5", ".5", "5.", "2.0.0", "inf", "NaN", "0x10", "1_000", "5 s",
    ] {
        assert!(RetryAfter::parse(bad, now).is_none(), "{bad}");
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
