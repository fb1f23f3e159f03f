//! Findings: what the request or response did wrong, one small function per rule. Each rule
//! reads the report built so far, the response and what the body says, and returns the
//! [`Finding`] it makes, if any; the rules run in the order of [`RULES`].

use crate::explain::body::{BodyFacts, BodyKind};
use crate::explain::finding::Finding;
use crate::explain::hike::MAX_POST_BYTES;
use crate::explain::report::{Problem, Report, RequestSummary};
use crate::transcript::{Request, Response, Style};

/// What a rule looks at.
pub(crate) struct Facts<'a> {
    /// The report so far: every field from the input, redacted.
    pub report: &'a Report,
    /// The final response, as parsed.
    pub response: &'a Response,
    /// What its body says.
    pub body: &'a BodyFacts,
}

impl Facts<'_> {
    fn status(&self) -> u16 {
        self.response.status
    }

    /// The request as parsed and as shown (redacted), when the transcript shows it.
    fn request(&self) -> Option<(&Request, &RequestSummary)> {
        Some((
            self.response.request.as_deref()?,
            self.report.request.as_ref()?,
        ))
    }

    /// The request, when the transcript shows its headers too.
    fn request_headers(&self) -> Option<(&Request, &RequestSummary)> {
        self.request().filter(|(req, _)| req.headers_shown)
    }

    fn to_token_endpoint(&self) -> bool {
        self.report
            .request
            .as_ref()
            .is_some_and(|q| is_token_endpoint(&q.target))
    }
}

type Rule = fn(&Facts) -> Option<Finding>;

/// The rules, in the order their findings are listed.
const RULES: &[Rule] = &[
    request_shown,
    credential_in_url,
    content_type_not_json,
    token_endpoint_json_body,
    authorization,
    request_body_too_large,
    cookie_sent,
    challenge_error,
    challenge_status_mismatch,
    oauth_error,
    rate_limit_problem,
    rate_limit_exhausted,
    body_kind,
    problem_detail,
    problem_status_mismatch,
    wget_no_headers,
    wget_no_error_body,
    errors_omitted,
    error_scan_cut,
    json_body_unreadable,
    headers_skipped,
    body_truncated,
    redirect,
    created_at,
    redirects_followed,
];

/// Runs every rule, in order.
pub(crate) fn findings(facts: &Facts) -> Vec<Finding> {
    RULES.iter().filter_map(|rule| rule(facts)).collect()
}

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

fn request_shown(f: &Facts) -> Option<Finding> {
    let (_, shown) = f.request()?;
    Some(Finding::RequestShown {
        method: shown.method.clone()?,
        target: shown.target.clone(),
    })
}

fn credential_in_url(f: &Facts) -> Option<Finding> {
    let (req, shown) = f.request()?;
    (req.target != *shown.target).then_some(Finding::CredentialInUrl)
}

fn content_type_not_json(f: &Facts) -> Option<Finding> {
    let (_, shown) = f.request_headers()?;
    if f.status() != 400 || f.to_token_endpoint() {
        return None;
    }
    let ct = shown.content_type.as_ref().filter(|c| !is_json_type(c))?;
    Some(Finding::ContentTypeNotJson {
        content_type: ct.clone(),
    })
}

fn token_endpoint_json_body(f: &Facts) -> Option<Finding> {
    let (_, shown) = f.request_headers()?;
    if !f.to_token_endpoint() {
        return None;
    }
    let ct = shown.content_type.as_ref().filter(|c| is_json_type(c))?;
    Some(Finding::TokenEndpointJsonBody {
        content_type: ct.clone(),
    })
}

/// What a 401 or 403 says of the credentials sent.
fn authorization(f: &Facts) -> Option<Finding> {
    let (req, shown) = f.request_headers()?;
    let status = f.status();
    match (status, req.header("authorization")) {
        // The token endpoint knows the app by client_id and client_secret in its form body;
        // there is no access token yet.
        (401, _) if f.to_token_endpoint() => Some(Finding::TokenEndpointClientCredentials),
        (401 | 403, None) => Some(Finding::MissingAuthorization),
        (401 | 403, Some(_)) => {
            // The report holds the header redacted already; its scheme stays.
            let authorization = shown.authorization.clone().unwrap_or_default();
            let bearer = authorization.to_ascii_lowercase().starts_with("bearer ");
            Some(if !bearer {
                Finding::AuthorizationNotBearer { authorization }
            } else if status == 401 {
                Finding::TokenRefused { authorization }
            } else {
                Finding::TokenLacksAccess { authorization }
            })
        }
        _ => None,
    }
}

fn request_body_too_large(f: &Facts) -> Option<Finding> {
    let (req, _) = f.request_headers()?;
    let bytes = req
        .header("content-length")
        .and_then(|l| l.trim().parse::<u64>().ok())
        .filter(|l| *l >= MAX_POST_BYTES)?;
    Some(Finding::RequestBodyTooLarge { bytes })
}

fn cookie_sent(f: &Facts) -> Option<Finding> {
    let (req, _) = f.request_headers()?;
    req.headers
        .iter()
        .any(|(n, _)| n.eq_ignore_ascii_case("cookie"))
        .then_some(Finding::CookieSent)
}

fn challenge_error(f: &Facts) -> Option<Finding> {
    let c = f.report.www_authenticate.as_ref()?;
    Some(Finding::ChallengeError {
        error: c.error.clone()?,
        meaning: c.meaning.clone(),
    })
}

fn challenge_status_mismatch(f: &Facts) -> Option<Finding> {
    let error = f.report.www_authenticate.as_ref()?.error.as_ref()?;
    let expected = match error.as_str() {
        "invalid_request" => 400,
        "invalid_token" => 401,
        "insufficient_scope" => 403,
        _ => return None,
    };
    (expected != f.status()).then(|| Finding::ChallengeStatusMismatch {
        error: error.clone(),
        expected,
        status: f.status(),
    })
}

fn oauth_error(f: &Facts) -> Option<Finding> {
    let o = f.report.oauth_error.as_ref()?;
    let told = f
        .report
        .www_authenticate
        .as_ref()
        .and_then(|c| c.error.as_ref())
        == Some(&o.error);
    if told {
        return None;
    }
    Some(Finding::OAuthError {
        error: o.error.clone(),
        meaning: o.meaning.clone()?,
    })
}

fn rate_limit_problem(f: &Facts) -> Option<Finding> {
    // A Retry-After wins over the window the problem names.
    let retry_after = f.report.retry_after_seconds.is_some();
    match f.report.rate_limit.as_ref()?.problem()? {
        Problem::Minute => Some(Finding::RateLimitMinute { retry_after }),
        Problem::Daily => Some(Finding::RateLimitDaily { retry_after }),
        Problem::Other(_) => Some(Finding::RateLimitProblem {
            problem: f.report.rate_limit.as_ref()?.problem.clone()?,
        }),
    }
}

fn rate_limit_exhausted(f: &Facts) -> Option<Finding> {
    let rl = f.report.rate_limit.as_ref()?;
    (rl.remaining == Some(0) && f.status() < 400).then_some(Finding::RateLimitExhausted)
}

fn body_kind(f: &Facts) -> Option<Finding> {
    match f.body.kind {
        BodyKind::Binary if f.body.gzip => Some(Finding::BodyGzip),
        BodyKind::Binary => Some(Finding::BodyBinary),
        BodyKind::Html if f.status() >= 500 => Some(Finding::ProxyErrorPage),
        BodyKind::Form if f.status() == 429 => Some(Finding::RateLimitFormBody),
        _ => None,
    }
}

fn problem_detail(f: &Facts) -> Option<Finding> {
    let p = f.body.problem.as_ref()?;
    Some(Finding::ProblemDetail {
        problem_type: p.problem_type.clone(),
        instance: p.instance.clone(),
    })
}

fn problem_status_mismatch(f: &Facts) -> Option<Finding> {
    let said = f.body.problem.as_ref()?.status?;
    (said != f.status()).then(|| Finding::ProblemStatusMismatch {
        said,
        status: f.status(),
    })
}

fn wget_no_headers(f: &Facts) -> Option<Finding> {
    (f.response.style == Style::Wget && f.response.headers.is_empty())
        .then_some(Finding::WgetNoHeaders)
}

fn wget_no_error_body(f: &Facts) -> Option<Finding> {
    (f.response.style == Style::Wget && f.status() >= 400 && f.body.kind == BodyKind::Empty)
        .then_some(Finding::WgetNoErrorBody)
}

fn headers_skipped(f: &Facts) -> Option<Finding> {
    let count = f.response.headers_skipped;
    (count > 0).then_some(Finding::HeadersSkipped { count })
}

fn errors_omitted(f: &Facts) -> Option<Finding> {
    let count = f.body.errors_omitted;
    (count > 0).then_some(Finding::ErrorsOmitted { count })
}

fn error_scan_cut(f: &Facts) -> Option<Finding> {
    f.body.scan_cut.then_some(Finding::ErrorScanCut {
        bytes: f.response.body_bytes,
    })
}

fn json_body_unreadable(f: &Facts) -> Option<Finding> {
    if !f.body.json_unreadable {
        None
    } else if f.response.body_truncated {
        Some(Finding::JsonBodyTooLarge)
    } else {
        Some(Finding::JsonBodyUnreadable)
    }
}

fn body_truncated(f: &Facts) -> Option<Finding> {
    // A scan cut short says what was read itself: one finding, never two that disagree.
    (f.response.body_truncated && !f.body.scan_cut).then_some(Finding::BodyTruncated {
        bytes: f.response.body_bytes,
        scanned: f.response.scanned.is_some(),
    })
}

fn redirect(f: &Facts) -> Option<Finding> {
    let status = f.status();
    if !(300..400).contains(&status) || status == 304 {
        return None;
    }
    Some(match f.report.location.clone() {
        Some(location) if status == 303 => Finding::SeeOther { location },
        Some(location) => Finding::RedirectNotFollowed { status, location },
        None => Finding::RedirectWithoutLocation { status },
    })
}

fn created_at(f: &Facts) -> Option<Finding> {
    if f.status() != 201 {
        return None;
    }
    Some(Finding::CreatedAt {
        location: f.report.location.clone()?,
    })
}

fn redirects_followed(f: &Facts) -> Option<Finding> {
    if f.report.chain.len() < 2 {
        return None;
    }
    let count = f
        .report
        .chain
        .iter()
        .filter(|c| (300..400).contains(*c))
        .count();
    (count > 0).then_some(Finding::RedirectsFollowed { count })
}
