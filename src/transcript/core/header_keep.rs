//! Which header fields are kept past `max_headers`: those the analysis reads, wherever
//! they stand in a long header block. The others past the limit are only counted.

/// The header fields the analysis reads (compared without regard to case), besides
/// [`REQUEST_ID_HEADERS`]. A test in `explain` checks that every name it reads is one of
/// the two.
pub const ANALYSIS_HEADERS: &[&str] = &[
    "retry-after",
    "date",
    "location",
    "content-type",
    "content-encoding",
    "content-length",
    "www-authenticate",
    "authorization",
    "cookie",
    "x-rate-limit-problem",
    "x-rate-limit-limit",
    "x-rate-limit-remaining",
    "x-rate-limit-reset",
    "x-ratelimit-limit",
    "x-ratelimit-remaining",
    "x-ratelimit-reset",
    "ratelimit-limit",
    "ratelimit-remaining",
    "ratelimit-reset",
];

/// Headers that carry a request id, most specific first.
pub const REQUEST_ID_HEADERS: &[&str] = &[
    "x-request-id",
    "request-id",
    "x-correlation-id",
    "x-amzn-requestid",
    "x-amz-request-id",
    "x-amz-cf-id",
    "x-trace-id",
    "cf-ray",
    "traceparent",
];

/// How many such fields are kept past the limit, at most: a block that repeats one of them
/// thousands of times stays bounded too.
pub(crate) const MAX_EXTRA: usize = 64;

/// Whether a header is one the analysis reads.
pub(crate) fn is_analysis_header(name: &str) -> bool {
    ANALYSIS_HEADERS
        .iter()
        .chain(REQUEST_ID_HEADERS)
        .any(|h| name.eq_ignore_ascii_case(h))
}

/// Adds a header to a block of at most `max` fields, keeping those the analysis reads past
/// it (up to [`MAX_EXTRA`] of them); returns whether the header was kept.
pub(crate) fn keep(headers: &mut Vec<(String, String)>, max: usize, h: (String, String)) -> bool {
    if headers.len() < max || headers.len() < max + MAX_EXTRA && is_analysis_header(&h.0) {
        headers.push(h);
        true
    } else {
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn past_the_limit_only_what_the_analysis_reads() {
        let mut v = Vec::new();
        let h = |n: &str| (n.to_string(), "v".to_string());
        assert!(keep(&mut v, 2, h("A")));
        assert!(keep(&mut v, 2, h("B")));
        assert!(!keep(&mut v, 2, h("C")));
        assert!(keep(&mut v, 2, h("Retry-After")));
        assert!(keep(&mut v, 2, h("X-REQUEST-ID")));
        for _ in 0..100 {
            keep(&mut v, 2, h("date"));
        }
        assert_eq!(v.len(), 2 + MAX_EXTRA);
    }
}
