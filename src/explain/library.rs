//! Findings for a status read from an HTTP library's error line or an application's log
//! line: what the line does not carry, and how to capture the response's headers and body
//! with that library or logger.

use crate::explain::finding::Finding;
use crate::transcript::{Library, LogLine, Response};

/// What a library's error line shows and lacks, and how to see the rest.
pub(crate) fn findings(resp: &Response, library: Library) -> Vec<Finding> {
    let mut f = Vec::new();
    let headers = !resp.headers.is_empty();
    let body = !resp.body.trim_ascii().is_empty();
    if headers && body {
        f.push(Finding::LibraryDump { library });
    } else {
        f.push(Finding::LibraryErrorLine {
            library,
            headers,
            body,
            url: resp.request.as_ref().is_some_and(|q| !q.target.is_empty()),
        });
    }
    if resp
        .request
        .as_deref()
        .is_some_and(|q| q.header("authorization").is_some())
    {
        f.push(Finding::LibraryDumpAuthorization { library });
    }
    f
}

/// What a log line shows and lacks; that its status was inferred, when it was.
pub(crate) fn log_line_findings(resp: &Response, line: LogLine) -> Vec<Finding> {
    let mut f = Vec::new();
    if line.inferred {
        f.push(Finding::StatusInferredFromBody);
    }
    f.push(Finding::StatusFromLogLine {
        source: line.source,
        client: line.client,
        headers: resp
            .headers
            .iter()
            .any(|(n, _)| !n.eq_ignore_ascii_case("x-request-id")),
        body: !resp.body.trim_ascii().is_empty(),
        request_id: resp.request_id().is_some(),
    });
    f
}
