//! Advice: the next steps for the final response, most specific first.

use crate::explain::finding::rules::is_token_endpoint;
use crate::explain::finding::{Finding, NextStep};
use crate::explain::report::{Problem, Report};

/// The next steps for a report whose every other field is filled in.
pub(crate) fn next_steps(r: &Report) -> Vec<NextStep> {
    let status = r.status();
    let found = |is: fn(&Finding) -> bool| r.findings.iter().any(is);
    let mut steps = Vec::new();
    if let Some(seconds) = r.retry_after_seconds {
        steps.push(if seconds == 0 {
            NextStep::SendAgainNow
        } else {
            NextStep::WaitRetryAfter {
                seconds,
                until: r.retry_at.clone(),
                from_now: r.retry_from_now,
            }
        });
    } else if let Some(rl) = &r.rate_limit {
        match rl.problem() {
            Some(Problem::Minute) => steps.push(NextStep::WaitMinute),
            Some(Problem::Daily) => steps.push(NextStep::StopForTheDay),
            _ => {}
        }
    }
    if status == 429 {
        steps.push(NextStep::SpaceOutCalls);
    }
    let token_endpoint = r
        .request
        .as_ref()
        .is_some_and(|q| is_token_endpoint(&q.target));
    if status == 401 && token_endpoint {
        // There is no access token yet: the app's own credentials were refused.
        steps.push(NextStep::CheckClientCredentials);
    } else if status == 401 {
        // The findings have read the Authorization header's scheme already.
        if found(|f| matches!(f, Finding::AuthorizationNotBearer { .. })) {
            // No access token was sent to refresh: another scheme (Basic, ...) was.
            steps.push(NextStep::SendBearer);
        } else if found(|f| matches!(f, Finding::TokenRefused { .. }))
            || r.www_authenticate.as_ref().and_then(|c| c.error.as_deref()) == Some("invalid_token")
        {
            steps.push(NextStep::RefreshToken);
        }
    }
    // The status came, but the body stopped short: curl's error 18 and kin.
    let cut = found(|f| matches!(f, Finding::ClientErrorAfterResponse { .. }));
    if cut && (200..300).contains(&status) {
        steps.push(NextStep::TransferCut);
    }
    if r.oauth_error
        .as_ref()
        .is_some_and(|o| o.error == "invalid_grant")
    {
        steps.push(NextStep::NewAuthorizationCode);
    }
    if !r.errors.is_empty()
        && r.oauth_error.is_none()
        && matches!(status, 400 | 409 | 413 | 415 | 422)
    {
        steps.push(NextStep::FixListedErrors);
    }
    if status == 303 {
        if let Some(location) = r.location.clone() {
            steps.push(NextStep::GetLocation { location });
        }
    }
    // Support can look into a failure that may pass; a plan limit (501) it cannot.
    if status >= 500 && r.info.retryable {
        if let Some(id) = r.request_id.clone() {
            steps.push(NextStep::QuoteRequestId { id });
        }
    }
    // The 429 hint tells how each window clears; with a Retry-After on a known window,
    // Retry-After wins, and the steps above already say what to do.
    let window_known = r
        .rate_limit
        .as_ref()
        .is_some_and(|rl| matches!(rl.problem(), Some(Problem::Minute | Problem::Daily)));
    // The code's hint is left out where it would contradict the steps above: 429's with
    // Retry-After on a known window, 401's Bearer advice at the token endpoint (no access
    // token yet), a success's "nothing to fix" when the body is partial.
    let contradicts = status == 429 && window_known && r.retry_after_seconds.is_some()
        || status == 401 && token_endpoint
        || cut && (200..300).contains(&status);
    if !contradicts {
        steps.push(NextStep::CodeHint);
    }
    steps
}
