//! HAR as an input format: the planted exchanges become the entries of a real mitmproxy
//! capture, each written over its last entry, so the capture's own fields (creator,
//! timings, the headers the proxy recorded) stay.

use serde_json::{Value, json};

use super::Exchange;

fn headers(template: &Value, ours: &[(String, String)]) -> Value {
    let mut out: Vec<Value> = template
        .as_array()
        .into_iter()
        .flatten()
        .filter(|h| {
            let name = h["name"].as_str().unwrap_or("");
            !ours.iter().any(|(n, _)| n.eq_ignore_ascii_case(name))
        })
        .cloned()
        .collect();
    out.extend(ours.iter().map(|(n, v)| json!({"name": n, "value": v})));
    Value::Array(out)
}

/// `name=value` pairs of the URL's query, as HAR's `queryString` lists them.
fn query_string(url: &str) -> Value {
    let query = url.split_once('?').map_or("", |(_, q)| q);
    let query = query.split('#').next().unwrap_or("");
    Value::Array(
        query
            .split(['&', ';'])
            .filter_map(|p| p.split_once('='))
            .map(|(n, v)| json!({"name": n, "value": v}))
            .collect(),
    )
}

/// The exchanges as one HAR document.
pub(super) fn har(template: &str, exchanges: &[Exchange]) -> String {
    let mut doc: Value = serde_json::from_str(template).expect("the template is a HAR");
    let base = doc["log"]["entries"]
        .as_array()
        .and_then(|e| e.last())
        .cloned()
        .expect("the template has entries");
    let entries: Vec<Value> = exchanges
        .iter()
        .map(|ex| {
            let mut e = base.clone();
            let url = if ex.target.contains("://") {
                ex.target.clone()
            } else {
                format!("http://api.hikeup.com{}", ex.target)
            };
            let q = &mut e["request"];
            q["method"] = json!(ex.method);
            q["url"] = json!(url);
            q["queryString"] = query_string(&url);
            q["headers"] = headers(&q["headers"], &ex.req_headers);
            if let Some(body) = &ex.req_body {
                let mime = ex
                    .req_headers
                    .iter()
                    .find(|(n, _)| n.eq_ignore_ascii_case("content-type"))
                    .map_or("application/octet-stream", |(_, v)| v.as_str());
                q["postData"] = json!({"mimeType": mime, "text": body});
                q["bodySize"] = json!(body.len());
            }
            let r = &mut e["response"];
            r["status"] = json!(ex.status);
            r["statusText"] = json!(ex.reason);
            r["headers"] = headers(&r["headers"], &ex.resp_headers);
            let mime = ex
                .resp_headers
                .iter()
                .find(|(n, _)| n.eq_ignore_ascii_case("content-type"))
                .map_or("text/plain", |(_, v)| v.as_str());
            r["content"] = json!({"size": ex.body.len(), "mimeType": mime, "text": ex.body});
            r["bodySize"] = json!(ex.body.len());
            e
        })
        .collect();
    doc["log"]["entries"] = Value::Array(entries);
    serde_json::to_string_pretty(&doc).unwrap()
}
