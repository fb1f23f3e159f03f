//! Which numbers in a line of text are statuses, and which are not.

use super::*;

fn st(s: &str) -> Option<u16> {
    find_status(s).map(|f| f.status)
}

#[test]
fn every_context() {
    for (line, code) in [
        ("HTTP 429", 429),
        ("got HTTP/1.1 429 back", 429),
        ("HTTP/2 503", 503),
        ("status 429", 429),
        ("status: 429", 429),
        ("status=429", 429),
        (r#"{"statusCode":429}"#, 429),
        (r#""status_code": 429,"#, 429),
        ("Hikeup API Error (429): oauth_problem=x", 429),
        ("Hikeup API returned 401 - Token is invalid", 401),
        ("Request failed with status code 429", 429),
        ("429 Too Many Requests", 429),
        (
            "HttpClientErrorException$TooManyRequests: 429 Too Many Requests: \"x\"",
            429,
        ),
        (
            "Response status code does not indicate success: 429 (Too Many Requests).",
            429,
        ),
        (
            "Token refresh failed: 400 {\"error\":\"invalid_grant\"}",
            400,
        ),
        ("La llamada a Hike falló (429)", 429),
        (
            "Rate limited (429) on /api/v1/products/get_all, retrying in 60s",
            429,
        ),
        ("Aufruf fehlgeschlagen: 503", 503),
        ("\"GET /api/v1/products/get_all HTTP/1.1\" 429 111", 429),
        ("GET /api/v1/products/get_all -> HTTP 200", 200),
        ("Hike call GET /api/v1/products -> 200", 200),
        ("returned 401 for GET /x", 401),
        ("POST /x failed (422)", 422),
        ("error (429) on /x", 429),
        ("Completed 500 Internal Server Error in 12ms", 500),
        ("End processing HTTP request after 48.2ms - 429", 429),
        ("      End processing HTTP request after 45.6ms - 401", 401),
        ("Hikeup error response status: 500", 500),
        ("status code 403 from http://h/x", 403),
    ] {
        assert_eq!(st(line), Some(code), "{line}");
    }
}

#[test]
fn numbers_without_http_context() {
    for line in [
        "Synced 429 products",
        "order 404 shipped",
        "listening on port 5000",
        "took 503ms",
        "user id=401",
        "version 1.429.0",
        "process exited with status 139",
        "exit status 127",
        "Error: 500 items could not be synced",
        "failed: 404 of 1000 items",
        "batch size limited: 500 items",
        "query returned 200 rows",
        "cache hit ratio 404/1000",
        "Retrying in 429 seconds",
        "order status: 200",
        "Started GET \"/x\" for 127.0.0.1 at 2026-12-05 08:30:00 +0000",
        "HTTP 4291",
        "Error (42)",
        "Received HTTP response headers after 45.1ms - 401",
        "HTTP 500 errors in the last hour: 12",
    ] {
        assert_eq!(st(line), None, "{line}");
    }
}
