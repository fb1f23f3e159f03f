//! Findings: what the request or response did wrong, one rule after another.

use crate::explain::body::{BodyFacts, BodyKind};
use crate::transcript::{Response, Style};

#[allow(unused_imports)]
use super::*;

/// Whether a request target is Hike's token endpoint, in origin form (`/oauth/token`) or
/// absolute form (`https://api.hikeup.com/oauth/token`), with or without a trailing `/`.
pub(crate) fn is_token_endpoint(target: &str) -> bool {
    let path = match target.split_once("://") {
        Some((_, rest)) => rest.find('/').map_or("", |i| &rest[i..]),
        None => target,
    };
    let path = path.split(['?', '#']).next().unwrap_or("");
    path.trim_end_matches('/').ends_with("/oauth/token")
}

pub(crate) fn is_json_type(ct: &str) -> bool {
    let ct = ct.to_ascii_lowercase();
    ct.starts_with("application/json") || ct.contains("+json")
}

pub(crate) fn findings(r: &mut Report, resp: &Response, facts: &BodyFacts) {
    let status = resp.status;
    let f = &mut r.findings;
    // The request as shown: credentials removed.
    let shown = r.request.as_ref();
    if let (Some(req), Some(shown)) = (resp.request.as_deref(), shown) {
        let target = shown.target.as_str();
        let oauth_token = is_token_endpoint(target);
        if let Some(m) = &shown.method {
            f.push(format!("the request was {m} {target}"));
        }
        if req.target != target {
            f.push(
                "the URL carries a credential (shown redacted), and URLs end up in logs: send \
                 an access token in the Authorization header, and client secrets, codes and \
                 refresh tokens in the form body of POST /oauth/token"
                    .to_string(),
            );
        }
        if req.headers_shown {
            let ct = shown.content_type.as_deref();
            if status == 400 && !oauth_token {
                if let Some(ct) = ct.filter(|c| !is_json_type(c)) {
                    f.push(format!(
                        "the request sent Content-Type: {ct}; Hike's API expects application/json"
                    ));
                }
            }
            if oauth_token {
                if let Some(ct) = ct.filter(|c| is_json_type(c)) {
                    f.push(format!(
                        "the request sent Content-Type: {ct} to /oauth/token, which takes a \
                         form-encoded body (application/x-www-form-urlencoded)"
                    ));
                }
            }
            let auth = req.header("authorization");
            match (status, auth) {
                // The token endpoint knows the app by client_id and client_secret in its
                // form body; there is no access token yet.
                (401, _) if oauth_token => f.push(
                    "the token endpoint authenticates the app by client_id and client_secret in \
                     the form body: check both against the app's settings"
                        .to_string(),
                ),
                (401 | 403, None) => f.push(
                    "no Authorization header was sent: send `Authorization: Bearer <access_token>`"
                        .to_string(),
                ),
                (401 | 403, Some(_)) => {
                    // The report holds the header redacted already; its scheme stays.
                    let shown = shown.authorization.as_deref().unwrap_or("");
                    let bearer = shown.to_ascii_lowercase().starts_with("bearer ");
                    if !bearer {
                        f.push(format!(
                            "the request sent Authorization: {shown}; Hike expects the Bearer scheme"
                        ));
                    } else if status == 401 {
                        f.push(format!(
                            "the request sent a token (Authorization: {shown}) and Hike refused \
                             it: it is expired, revoked or wrong"
                        ));
                    } else {
                        f.push(format!(
                            "the request sent a token (Authorization: {shown}); it was \
                             recognised but lacks access to this resource"
                        ));
                    }
                }
                _ => {}
            }
            if let Some(len) = req
                .header("content-length")
                .and_then(|l| l.trim().parse::<u64>().ok())
                .filter(|l| *l > MAX_POST_BYTES)
            {
                f.push(format!(
                    "the request body is {len} bytes; Hike takes at most 4 MB per POST"
                ));
            }
            if req
                .headers
                .iter()
                .any(|(n, _)| n.eq_ignore_ascii_case("cookie"))
            {
                f.push(
                    "the request sent a Cookie (not shown); Hike's API does not use cookies".into(),
                );
            }
        }
    }
    if let Some(c) = &r.www_authenticate {
        if let Some(e) = &c.error {
            let expected = match e.as_str() {
                "invalid_request" => Some(400),
                "invalid_token" => Some(401),
                "insufficient_scope" => Some(403),
                _ => None,
            };
            let meaning = c.meaning.as_deref().unwrap_or("a server-specific error");
            f.push(format!("WWW-Authenticate says {e}: {meaning}"));
            if expected.is_some_and(|x| x != status) {
                f.push(format!(
                    "{e} usually comes with status {} (RFC 6750 §3.1), not {status}",
                    expected.unwrap_or_default()
                ));
            }
        }
    }
    if let Some(o) = &r.oauth_error {
        let told = r.www_authenticate.as_ref().and_then(|c| c.error.as_deref()) == Some(&o.error);
        if let (Some(m), false) = (&o.meaning, told) {
            f.push(format!("OAuth error {}: {m}", o.error));
        }
    }
    if let Some(rl) = &r.rate_limit {
        match rl.problem() {
            Some(Problem::Minute) => f.push(format!(
                "X-Rate-Limit-Problem: Minute: more than {MINUTE_LIMIT} calls in a rolling \
                 minute for this app and store; it clears within a minute"
            )),
            Some(Problem::Daily) => f.push(format!(
                "X-Rate-Limit-Problem: Daily: more than {DAILY_LIMIT} calls in a rolling 24 hours \
                 for this app and store; it can take up to 24 hours to clear"
            )),
            Some(Problem::Other(other)) => f.push(format!("X-Rate-Limit-Problem: {other}")),
            None => {}
        }
        if rl.remaining == Some(0) && status < 400 {
            f.push(
                "no calls remain in the current rate-limit window: calls will get 429 until it \
                 resets"
                    .into(),
            );
        }
    }
    match facts.kind {
        BodyKind::Binary if facts.gzip => f.push(
            "the body is gzip-compressed and was not decoded: capture with `curl --compressed` \
             to read it"
                .to_string(),
        ),
        BodyKind::Binary => f.push("the body is binary, not text".to_string()),
        BodyKind::Html if status >= 500 => f.push(
            "the body is an HTML error page from a proxy or load balancer, not from the API: \
             the request may not have reached Hike, or Hike did not answer the proxy in time"
                .to_string(),
        ),
        BodyKind::Form if status == 429 => {
            f.push("the body is Hike's form-encoded rate-limit notice (oauth_problem)".to_string())
        }
        _ => {}
    }
    if let Some(p) = &facts.problem {
        let mut what = "the body is an RFC 9457 problem detail".to_string();
        if let Some(t) = &p.problem_type {
            what.push_str(&format!(", type {t}"));
        }
        if let Some(i) = &p.instance {
            what.push_str(&format!(", instance {i} (quote it to support)"));
        }
        f.push(what);
        if let Some(s) = p.status.filter(|s| *s != status) {
            f.push(format!(
                "the problem detail says status {s}, but the response's status is {status}: a \
                 proxy may have changed it"
            ));
        }
    }
    if resp.style == Style::Wget && status >= 400 && facts.kind == BodyKind::Empty {
        f.push(
            "wget keeps no body on an error: add --content-on-error to see what Hike said".into(),
        );
    }
    if facts.errors_omitted > 0 {
        f.push(format!(
            "the body reports {} more errors than are listed here",
            facts.errors_omitted
        ));
    }
    if facts.scan_cut {
        f.push(format!(
            "the body is too long to scan whole: its errors were looked for in the first {} MiB",
            crate::transcript::error_scan::MAX_SCAN / (1024 * 1024)
        ));
    }
    if facts.json_unreadable {
        f.push(if resp.body_truncated {
            "the JSON body is too large to read whole, and no error keys complete in its start"
                .to_string()
        } else {
            "the body claims to be JSON but cannot be read (malformed, or nested too deeply)"
                .to_string()
        });
    }
    if resp.body_truncated && resp.scanned.is_some() {
        f.push(format!(
            "the body is {} bytes; only its start was kept, and its errors were read by a scan \
             of the whole of it",
            resp.body_bytes
        ));
    } else if resp.body_truncated {
        f.push(format!(
            "the body is {} bytes; only its start was read",
            resp.body_bytes
        ));
    }
    if (300..400).contains(&status) && status != 304 {
        match &r.location {
            Some(l) if status == 303 => f.push(format!("the answer is at {l}: fetch it with GET")),
            Some(l) => f.push(format!(
                "the transcript ends at a redirect to {l}: follow it (curl -L)"
            )),
            None => f.push("a redirect without a Location header".to_string()),
        }
    }
    if status == 201 {
        if let Some(l) = &r.location {
            f.push(format!("the new resource is at {l}"));
        }
    }
    if r.chain.len() > 1 {
        let redirects = r.chain.iter().filter(|c| (300..400).contains(*c)).count();
        if redirects > 0 {
            f.push(format!(
                "{redirects} redirect(s) were followed before the final response"
            ));
        }
    }
}
