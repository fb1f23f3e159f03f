//! Advice: the next steps for the final response, most specific first.

use crate::explain::finding::NextStep;
use crate::explain::finding::rules::is_token_endpoint;
use crate::explain::report::{Problem, Report};

/// The next steps for a report whose every other field is filled in.
pub(crate) fn next_steps(r: &Report) -> Vec<NextStep> {
    let status = r.status();
    let mut steps = Vec::new();
    if let Some(seconds) = r.retry_after_seconds {
        steps.push(if seconds == 0 {
            NextStep::SendAgainNow
        } else {
            NextStep::WaitRetryAfter {
                seconds,
                until: r.retry_at.clone(),
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
    if status == 401 && !token_endpoint {
        let sent = r
            .request
            .as_ref()
            .is_some_and(|q| q.authorization.is_some());
        if sent
            || r.www_authenticate.as_ref().and_then(|c| c.error.as_deref()) == Some("invalid_token")
        {
            steps.push(NextStep::RefreshToken);
        }
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
    if !(status == 429 && window_known && r.retry_after_seconds.is_some()) {
        steps.push(NextStep::CodeHint);
    }
    steps
}
