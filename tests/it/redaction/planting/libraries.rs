//! The HTTP libraries' error lines as input formats: Python requests' one line, Guzzle's
//! line and the body start it quotes, and the whole error object an uncaught axios error
//! dumps (its request config with the Authorization header, the response's headers and
//! data). Each writes the planted exchange into a real capture.

use super::Exchange;

/// The exchange's target as a full URL, as libraries print it.
fn full_url(target: &str) -> String {
    if target.contains("://") {
        target.to_string()
    } else {
        format!("http://127.0.0.1:18093{target}")
    }
}

/// `requests.exceptions.HTTPError: 429 Client Error: Too Many Requests for url: URL`.
pub(super) fn requests(template: &str, ex: &Exchange) -> String {
    let mut out = String::new();
    for line in template.split_inclusive('\n') {
        if let Some((head, _)) = line.split_once("HTTPError: ") {
            out.push_str(&format!(
                "{head}HTTPError: {} Client Error: {} for url: {}\n",
                ex.status,
                ex.reason,
                full_url(&ex.target)
            ));
        } else {
            out.push_str(line);
        }
    }
    out
}

/// ``Client error: `GET URL` resulted in a `429 Too Many Requests` response:`` and the body
/// start on the next line.
pub(super) fn guzzle(template: &str, ex: &Exchange) -> String {
    let mut out = String::new();
    let mut lines = template.split_inclusive('\n');
    for line in lines.by_ref() {
        if let Some((head, _)) = line.split_once("Client error: `") {
            out.push_str(&format!(
                "{head}Client error: `{} {}` resulted in a `{} {}` response:\n",
                ex.method,
                full_url(&ex.target),
                ex.status,
                ex.reason
            ));
            // The template's body line is replaced.
            lines.next();
            out.push_str(&ex.body);
            out.push('\n');
            break;
        }
        out.push_str(line);
    }
    out.extend(lines);
    out
}

/// A JavaScript string literal; JSON's is one.
fn js(s: &str) -> String {
    serde_json::to_string(s).unwrap()
}

/// An uncaught axios error, as Node prints it.
pub(super) fn axios(template: &str, ex: &Exchange) -> String {
    const URL: &str = "http://127.0.0.1:18093/api/v1/abp";
    let url = full_url(&ex.target);
    let path = url
        .split_once("://")
        .and_then(|(_, rest)| rest.find('/').map(|i| rest[i..].to_string()))
        .unwrap_or_else(|| "/".into());
    let token = ex
        .req_headers
        .iter()
        .find(|(n, _)| n == "Authorization")
        .map(|(_, v)| v.clone())
        .unwrap_or_else(|| "Bearer hk_short_1".into());
    let data = match &ex.req_body {
        Some(b) => js(b),
        None => "undefined".into(),
    };
    let mut out = String::new();
    let mut lines = template.split_inclusive('\n').peekable();
    let mut in_response = false;
    while let Some(line) = lines.next() {
        let t = line.trim_start();
        let indent = &line[..line.len() - t.len()];
        if line.starts_with("  response: {") {
            in_response = true;
        }
        if let Some((head, _)) = line.split_once("Request failed with status code ") {
            out.push_str(&format!(
                "{head}Request failed with status code {}\n",
                ex.status
            ));
        } else if t.starts_with("Authorization: 'Bearer ") {
            // The request's headers as its config holds them.
            out.push_str(&format!("{indent}Authorization: {},\n", js(&token)));
            for (n, v) in ex.req_headers.iter().filter(|(n, _)| n != "Authorization") {
                out.push_str(&format!("{indent}{}: {},\n", js(n), js(v)));
            }
        } else if t.starts_with("authorization: [ 'Authorization'") {
            out.push_str(&format!(
                "{indent}authorization: [ 'Authorization', {} ],\n",
                js(&token)
            ));
        } else if t.starts_with("url: ") {
            out.push_str(&format!("{indent}url: {},\n", js(&url)));
        } else if t.starts_with("data: '{\"title\"") {
            out.push_str(&format!("{indent}data: {data},\n"));
        } else if t.starts_with("method: 'post'") {
            out.push_str(&format!(
                "{indent}method: {},\n",
                js(&ex.method.to_lowercase())
            ));
        } else if let Some(rest) = t.strip_prefix("status: 400") {
            out.push_str(&format!("{indent}status: {}{rest}", ex.status));
        } else if t.starts_with("statusText: ") {
            out.push_str(&format!("{indent}statusText: {},\n", js(&ex.reason)));
        } else if in_response && t.starts_with("'content-type': ") {
            // The response's headers: the template's content type and request id give way
            // to the exchange's headers.
            for (n, v) in &ex.resp_headers {
                out.push_str(&format!("{indent}{}: {},\n", js(&n.to_lowercase()), js(v)));
            }
        } else if in_response
            && (t.starts_with("'x-request-id': ") || t.starts_with("'content-length': "))
        {
            if t.starts_with("'x-request-id'") {
                out.push_str(&format!("{indent}'x-trace': 'none'\n"));
            }
        } else if line.starts_with("    data: {") && in_response {
            // The response's data, to the line before `duration:`.
            while lines.next_if(|l| !l.starts_with("    duration:")).is_some() {}
            let body = match serde_json::from_str::<serde_json::Value>(&ex.body) {
                Ok(v) => v.to_string(),
                Err(_) => js(&ex.body),
            };
            out.push_str(&format!("    data: {body},\n"));
        } else {
            out.push_str(&line.replace(URL, &url).replace("/api/v1/abp", &path));
        }
    }
    out
}

/// `curl -s -w '%{json}\n' URL`: the body, then curl's JSON object about the transfer on
/// the same line (`response_code`, `method`, `url_effective`, `content_type`, ...).
pub(super) fn curl_w_json(template: &str, ex: &Exchange) -> String {
    let at = template
        .find("{\"certs\"")
        .expect("the template's -w object");
    let mut w: serde_json::Value = serde_json::from_str(template[at..].trim()).unwrap();
    let url = full_url(&ex.target);
    let content_type = ex
        .resp_headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case("content-type"))
        .map(|(_, v)| v.clone());
    w["http_code"] = ex.status.into();
    w["response_code"] = ex.status.into();
    w["method"] = ex.method.clone().into();
    w["url"] = url.clone().into();
    w["url_effective"] = url.into();
    w["content_type"] = content_type.into();
    format!("{}{w}\n", ex.body)
}

/// The one-line errors that name the status and the URL: httpx
/// (`Client error '401 Unauthorized' for url 'URL'`), reqwest
/// (`HTTP status client error (401 Unauthorized) for url (URL)`) and Java
/// (`Server returned HTTP response code: 504 for URL: URL`).
pub(super) fn url_line(template: &str, ex: &Exchange) -> String {
    let url = full_url(&ex.target);
    let (code, reason) = (ex.status, &ex.reason);
    let mut out = String::new();
    for line in template.split_inclusive('\n') {
        let written = if let Some((head, _)) = line.split_once("Client error '") {
            format!("{head}Client error '{code} {reason}' for url '{url}'\n")
        } else if let Some((head, _)) = line.split_once("HTTP status client error (") {
            format!("{head}HTTP status client error ({code} {reason}) for url ({url})\n")
        } else if let Some((head, _)) = line.split_once("HTTP response code: ") {
            format!("{head}HTTP response code: {code} for URL: {url}\n")
        } else {
            line.to_string()
        };
        out.push_str(&written);
    }
    out
}
