//! `explain` on the line an HTTP library threw: Python requests, urllib and httpx, axios
//! (its message, and the dump of an uncaught error), .NET and PowerShell 7, Windows
//! PowerShell 5.1, Guzzle, Java and reqwest. Captures are listed in tests/fixtures/CAPTURES.md.

use crate::common;

use common::explain::{explain, finding, has, lacks};
use common::run;
use serde_json::Value;

/// Status, source, method and URL as the line shows them, and that the report says the
/// line has no headers and how to get them.
fn check(name: &str, status: u16, source: &str, method: Option<&str>, url: Option<&str>) -> Value {
    let v = explain(name);
    assert_eq!(v["status"], status, "{name}");
    assert_eq!(v["source"], source, "{name}");
    assert_eq!(v["http_version"], Value::Null, "{name}");
    match url {
        Some(url) => {
            assert_eq!(v["request"]["target"], url, "{name}");
            assert_eq!(v["request"]["method"].as_str(), method, "{name}");
        }
        None => assert_eq!(v["request"], Value::Null, "{name}"),
    }
    v
}

fn says_no_headers(v: &Value, advice: &str) {
    let f = finding(v, "library-error-line");
    assert!(f.contains("but no headers"), "{f}");
    assert!(f.contains(advice), "{f}");
}

#[test]
fn python_requests_http_error() {
    let v = check(
        "lib-python-requests-429.txt",
        429,
        "Python requests",
        None,
        Some("http://127.0.0.1:18093/api/v1/sales/get_all"),
    );
    assert_eq!(v["reason"], "Too Many Requests");
    assert_eq!(v["retryable"], true);
    says_no_headers(&v, "e.response.headers");
}

#[test]
fn python_urllib_http_error() {
    let v = check(
        "lib-python-urllib-500.txt",
        500,
        "Python urllib",
        None,
        None,
    );
    says_no_headers(&v, "e.read()");
}

#[test]
fn python_httpx_status_error() {
    let v = check(
        "lib-python-httpx-401.txt",
        401,
        "Python httpx",
        None,
        Some("http://127.0.0.1:18093/api/v1/products/401"),
    );
    says_no_headers(&v, "httpx.HTTPStatusError");
}

#[test]
fn axios_message_only() {
    let v = check("lib-axios-message-401.txt", 401, "Node axios", None, None);
    says_no_headers(&v, "err.response.headers");
}

#[test]
fn axios_uncaught_dump_gives_headers_body_and_the_redacted_request() {
    let v = check(
        "lib-axios-uncaught-429.txt",
        429,
        "Node axios",
        Some("GET"),
        Some("http://127.0.0.1:18093/api/v1/sales/get_all"),
    );
    assert_eq!(v["retry_after_seconds"], 30);
    assert_eq!(v["rate_limit"]["problem"], "Minute");
    assert_eq!(v["request_id"], "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d");
    assert_eq!(v["body"]["kind"], "form");
    assert_eq!(
        v["errors"][0]["message"],
        "rate limit exceeded (please wait before retrying the Hike api)"
    );
    assert_eq!(v["request"]["headers_shown"], true);
    assert_eq!(v["request"]["authorization"], "Bearer [redacted, 22 chars]");
    has(&v, "library-dump-authorization");
    lacks(&v, "library-error-line");
}

#[test]
fn axios_uncaught_post_reads_the_json_data() {
    let v = check(
        "lib-axios-uncaught-post-abp-400.txt",
        400,
        "Node axios",
        Some("POST"),
        Some("http://127.0.0.1:18093/api/v1/abp"),
    );
    assert_eq!(v["body"]["kind"], "json");
    assert_eq!(v["request"]["content_type"], "application/json");
    assert_eq!(v["errors"][0]["message"], "Your request is not valid!");
}

#[test]
fn powershell_7_and_dotnet() {
    for name in ["lib-powershell7-429.txt", "lib-dotnet-httpclient-429.txt"] {
        let v = check(name, 429, ".NET HttpClient / PowerShell 7", None, None);
        says_no_headers(&v, "-SkipHttpErrorCheck");
    }
}

#[test]
fn windows_powershell_51_in_utf16_with_its_command_line() {
    let v = check(
        "lib-windows-powershell51-503.txt",
        503,
        "Windows PowerShell 5.1",
        Some("GET"),
        Some("https://api.hikeup.com/api/v1/products/get_all?page_size=50"),
    );
    assert_eq!(v["reason"], "Server Unavailable");
    says_no_headers(&v, "GetResponseStream()");
    let decoded = finding(&v, "input-decoded");
    assert!(decoded.contains("UTF-16LE"), "{decoded}");
}

#[test]
fn guzzle_with_the_start_of_the_body() {
    let v = check(
        "lib-guzzle-429.txt",
        429,
        "PHP Guzzle",
        Some("GET"),
        Some("https://api.hikeup.com/api/v1/sales/get_all"),
    );
    assert_eq!(v["body"]["kind"], "form");
    assert_eq!(
        v["errors"][0]["message"],
        "rate limit exceeded (please wait before retrying the Hike api)"
    );
    says_no_headers(&v, "'http_errors' => false");
    // A JSON body cut at 120 bytes still gives the errors that complete in it.
    let v = check(
        "lib-guzzle-422-truncated.txt",
        422,
        "PHP Guzzle",
        Some("POST"),
        Some("https://api.hikeup.com/api/v1/products"),
    );
    assert_eq!(v["errors"][0]["field"], "title");
    assert_eq!(v["errors"][1]["message"], "must be greater than 0");
    assert_eq!(v["body"]["bytes"], 121);
    let line = finding(&v, "library-error-line");
    assert!(line.contains("only the first 120 bytes"), "{line}");
}

#[test]
fn java_http_url_connection() {
    let v = check(
        "lib-java-504.txt",
        504,
        "Java HttpURLConnection",
        None,
        Some("https://api.hikeup.com/api/v1/reports/sales?from=2026-01-01&to=2026-11-25"),
    );
    says_no_headers(&v, "getErrorStream()");
}

#[test]
fn reqwest_display_and_debug() {
    let v = check(
        "lib-reqwest-display-401.txt",
        401,
        "Rust reqwest",
        None,
        Some("http://127.0.0.1:18093/api/v1/products/401"),
    );
    assert_eq!(v["reason"], "Unauthorized");
    says_no_headers(&v, "error_for_status()");
    check(
        "lib-reqwest-main-503.txt",
        503,
        "Rust reqwest",
        None,
        Some("http://127.0.0.1:18093/api/v1/products/503"),
    );
}

#[test]
fn a_library_line_inside_a_response_body_is_body_text() {
    let input = b"HTTP/1.1 500 Internal Server Error\r\nContent-Type: text/plain\r\n\r\nupstream said: urllib.error.HTTPError: HTTP Error 404: Not Found\n";
    let r = run(&["explain", "--json"], Some(input));
    assert_eq!(r.json()["status"], 500);
}
