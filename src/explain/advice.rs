//! Advice: the next steps for the final response.

use crate::transcript::Response;

#[allow(unused_imports)]
use super::*;

pub(crate) fn next_steps(r: &mut Report, resp: &Response) {
    let status = resp.status;
    let steps = &mut r.next_steps;
    if let Some(secs) = r.retry_after_seconds {
        let until = r
            .retry_at
            .as_deref()
            .map(|at| format!(", until {at},"))
            .unwrap_or_default();
        steps.push(format!(
            "wait {}{until} as Retry-After asks, then send the request again",
            human_seconds(secs)
        ));
    } else if let Some(rl) = &r.rate_limit {
        match rl.problem() {
            Some(Problem::Minute) => steps.push(
                "wait up to a minute, then resume at no more than 60 calls a minute".to_string(),
            ),
            Some(Problem::Daily) => steps.push(
                "stop for now: the daily allowance of 5000 calls can take up to 24 hours to clear"
                    .to_string(),
            ),
            _ => {}
        }
    }
    if status == 429 {
        steps.push(
            "queue calls and space them out, with exponential backoff on every 429".to_string(),
        );
    }
    let token_endpoint = r
        .request
        .as_ref()
        .is_some_and(|q| is_token_endpoint(&q.target));
    if status == 401 && !token_endpoint {
        let sent = r
            .request
            .as_ref()
            .is_some_and(|q| q.authorization.is_some());
        if sent
            || r.www_authenticate.as_ref().and_then(|c| c.error.as_deref()) == Some("invalid_token")
        {
            steps.push(
                "refresh the access token: POST /oauth/token with grant_type=refresh_token, then \
                 retry with the new token"
                    .to_string(),
            );
        }
    }
    if let Some(o) = &r.oauth_error {
        if o.error == "invalid_grant" {
            steps.push(
                "get a fresh authorization code through /oauth/authorize and exchange it at once, \
                 with exactly the redirect_uri the app registered"
                    .to_string(),
            );
        }
    }
    if !r.errors.is_empty()
        && r.oauth_error.is_none()
        && matches!(status, 400 | 409 | 413 | 415 | 422)
    {
        steps.push("fix what the errors above name, then send the request again".to_string());
    }
    if status == 303 {
        if let Some(l) = &r.location {
            steps.push(format!("GET {l}"));
        }
    }
    // Support can look into a failure that may pass; a plan limit (501) it cannot.
    if status >= 500 && r.retryable {
        if let Some(id) = &r.request_id {
            steps.push(format!(
                "if it persists, give Hike support the request id {id}"
            ));
        }
    }
    steps.push(r.hint.clone());
}

/// `90` → `90 s`, `3600` → `3600 s (1 h)`.
pub(crate) fn human_seconds(secs: u64) -> String {
    match secs {
        0..=119 => format!("{secs} s"),
        120..=7199 => format!("{secs} s ({} min)", secs.div_ceil(60)),
        _ => format!("{secs} s ({:.1} h)", secs as f64 / 3600.0),
    }
}
