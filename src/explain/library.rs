//! Findings for a status read from an HTTP library's error line: what the line does not
//! carry, and how to capture the response's headers and body with that library.

use crate::explain::finding::Finding;
use crate::transcript::{Library, Response};

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
