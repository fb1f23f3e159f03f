//! Findings for a status read from an HTTP library's error line: what the line does not
//! carry, and how to capture the response's headers and body with that library.

use crate::transcript::{Library, Response};

/// How to see the response's headers and body with this library.
pub(crate) fn capture_advice(library: Library) -> &'static str {
    match library {
        Library::Requests => {
            "in `except requests.HTTPError as e:` log `e.response.headers` and `e.response.text`"
        }
        Library::Urllib => {
            "in `except urllib.error.HTTPError as e:` log `e.headers` and `e.read()`"
        }
        Library::Httpx => {
            "in `except httpx.HTTPStatusError as e:` log `e.response.headers` and `e.response.text`"
        }
        Library::Axios => {
            "in the `catch (err)` log `err.response.status`, `err.response.headers` and \
             `err.response.data` (not the whole error: it holds the request's Authorization header)"
        }
        Library::DotNet => {
            "PowerShell 7: `Invoke-WebRequest -SkipHttpErrorCheck` and read `.Headers` and \
             `.Content`, or `$_.Exception.Response.Headers` and `$_.ErrorDetails.Message` in a \
             catch block; .NET: read `response.Headers` and `response.Content` before (instead \
             of) `EnsureSuccessStatusCode()`"
        }
        Library::WindowsPowerShell => {
            "in a catch block read `$_.Exception.Response.Headers` and the body from \
             `$_.Exception.Response.GetResponseStream()` (or `$_.ErrorDetails.Message`)"
        }
        Library::Guzzle => {
            "in `catch (RequestException $e)` log `$e->getResponse()->getHeaders()` and \
             `(string) $e->getResponse()->getBody()`, or send with `'http_errors' => false`"
        }
        Library::Java => {
            "read `conn.getHeaderFields()` and the body from `conn.getErrorStream()` instead of \
             `getInputStream()`"
        }
        Library::Reqwest => {
            "read `resp.headers()` and `resp.text()` before (instead of) `error_for_status()`"
        }
    }
}

/// What a library's error line shows and lacks, and how to see the rest.
pub(crate) fn findings(f: &mut Vec<String>, resp: &Response, library: Library) {
    let name = library.name();
    let has_headers = !resp.headers.is_empty();
    let has_body = !resp.body.trim_ascii().is_empty();
    let what = match (has_headers, has_body) {
        (true, true) => {
            f.push(format!(
                "read from the response object that {name} dumped with its error: its headers \
                 and body are as the dump shows them"
            ));
            None
        }
        (false, true) if library == Library::Guzzle => {
            Some("no headers, and only the first 120 bytes of the body")
        }
        (false, true) => Some("no headers, only the start of the body"),
        (true, false) => Some("the headers but no body"),
        (false, false) => Some("no headers and no body"),
    };
    if let Some(what) = what {
        let unknown = match (has_headers, has_body) {
            (false, false) => {
                "Retry-After, X-Rate-Limit-Problem, the request id and the errors \
                               Hike sent are not known"
            }
            (false, true) => "Retry-After, X-Rate-Limit-Problem and the request id are not known",
            _ => "the errors Hike sent are not known",
        };
        let url = if resp.request.as_ref().is_some_and(|q| !q.target.is_empty()) {
            " and the URL"
        } else {
            ""
        };
        f.push(format!(
            "this is the error line of {name}: it shows the status{url} but {what}, so \
             {unknown}: {}",
            capture_advice(library)
        ));
    }
    if resp
        .request
        .as_deref()
        .is_some_and(|q| q.header("authorization").is_some())
    {
        f.push(format!(
            "the dump of {name} holds the request's Authorization header (redacted here): a log \
             or an issue that quotes it leaks the token, so rotate it if it was shared"
        ));
    }
}
