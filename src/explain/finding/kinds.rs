//! What the analysis found, as typed values: a [`Finding`] per rule that fired, with a
//! stable id for scripts, and the [`NextStep`]s. The words are made in `render`.

use crate::redact::Redacted;
use crate::transcript::{InputEncoding, Library};

/// One thing the transcript shows went wrong or is worth knowing. Each variant is one rule;
/// [`Finding::id`] names it for `--json`. Every string it holds came through the redactor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Finding {
    /// Only a status code was given, no headers or body.
    StatusCodeOnly,
    /// The input was UTF-16 or had a BOM, and was decoded first.
    InputDecoded {
        /// The encoding found.
        encoding: InputEncoding,
    },
    /// With `curl --trace-time`: how long after its request the final response began.
    ResponseTime {
        /// Microseconds.
        micros: u64,
    },
    /// The response is what `curl -w` wrote: no headers.
    CurlWriteOut {
        /// Its `%{time_total}`, in microseconds, when it gave one.
        total_micros: Option<u64>,
    },
    /// `Retry-After` is neither a number of seconds nor an HTTP date.
    RetryAfterUnreadable,
    /// `Retry-After` names a time already past: nothing to wait for.
    RetryAfterPassed {
        /// The time it names, RFC 3339.
        at: String,
    },
    /// The request line, as the transcript shows it.
    RequestShown {
        /// The method.
        method: Redacted,
        /// The target, credentials redacted.
        target: Redacted,
    },
    /// The URL carries a credential.
    CredentialInUrl,
    /// A 400 for a request whose Content-Type is not JSON.
    ContentTypeNotJson {
        /// The Content-Type sent.
        content_type: Redacted,
    },
    /// A JSON body sent to the token endpoint, which takes a form.
    TokenEndpointJsonBody {
        /// The Content-Type sent.
        content_type: Redacted,
    },
    /// A 401 from the token endpoint: the app's client credentials.
    TokenEndpointClientCredentials,
    /// A 401 or 403 without an Authorization header.
    MissingAuthorization,
    /// An Authorization header of another scheme than Bearer.
    AuthorizationNotBearer {
        /// The header as sent, redacted.
        authorization: Redacted,
    },
    /// A 401 for a Bearer token.
    TokenRefused {
        /// The header as sent, redacted.
        authorization: Redacted,
    },
    /// A 403 for a Bearer token.
    TokenLacksAccess {
        /// The header as sent, redacted.
        authorization: Redacted,
    },
    /// A request body larger than Hike takes.
    RequestBodyTooLarge {
        /// Its Content-Length.
        bytes: u64,
    },
    /// The request sent a Cookie.
    CookieSent,
    /// The `WWW-Authenticate` challenge names an error.
    ChallengeError {
        /// The `error` parameter.
        error: Redacted,
        /// What it means, when it is a standard one.
        meaning: Option<String>,
    },
    /// The challenge's error usually comes with another status (RFC 6750 §3.1).
    ChallengeStatusMismatch {
        /// The `error` parameter.
        error: Redacted,
        /// The status RFC 6750 §3.1 pairs it with.
        expected: u16,
        /// The status sent.
        status: u16,
    },
    /// The body is an OAuth error the challenge did not already name.
    OAuthError {
        /// The error code.
        error: Redacted,
        /// What it means.
        meaning: String,
    },
    /// `X-Rate-Limit-Problem: Minute`.
    RateLimitMinute {
        /// Whether a `Retry-After` came too: it, not the window, says when to send again.
        retry_after: bool,
    },
    /// `X-Rate-Limit-Problem: Daily`.
    RateLimitDaily {
        /// Whether a `Retry-After` came too: it, not the window, says when to send again.
        retry_after: bool,
    },
    /// `X-Rate-Limit-Problem` of another value.
    RateLimitProblem {
        /// The value sent.
        problem: Redacted,
    },
    /// No calls remain in the window, on a response that is not yet an error.
    RateLimitExhausted,
    /// A gzip body that was not decoded.
    BodyGzip,
    /// A binary body.
    BodyBinary,
    /// An HTML error page on a 5xx: a proxy's, not the API's.
    ProxyErrorPage,
    /// Hike's form-encoded rate-limit body on a 429.
    RateLimitFormBody,
    /// The body is an RFC 9457 problem detail.
    ProblemDetail {
        /// Its `type`.
        problem_type: Option<Redacted>,
        /// Its `instance`, to quote to support.
        instance: Option<Redacted>,
    },
    /// The problem detail's `status` is not the response's.
    ProblemStatusMismatch {
        /// The status the problem detail says.
        said: u16,
        /// The response's status.
        status: u16,
    },
    /// wget printed no headers (no `-S`).
    WgetNoHeaders,
    /// wget kept no body of an error.
    WgetNoErrorBody,
    /// The body reports more errors than are listed.
    ErrorsOmitted {
        /// How many more.
        count: u64,
    },
    /// A JSON body too large to read whole, with no error in its start.
    JsonBodyTooLarge,
    /// A body that claims to be JSON but cannot be read.
    JsonBodyUnreadable,
    /// The body is too long to scan whole for errors.
    ErrorScanCut,
    /// The response had more header fields than are kept.
    HeadersSkipped {
        /// How many were not kept.
        count: u64,
    },
    /// Only the start of the body was kept.
    BodyTruncated {
        /// The body's size.
        bytes: u64,
        /// Whether its errors were read by a scan of the whole of it.
        scanned: bool,
    },
    /// A 303: the answer is elsewhere.
    SeeOther {
        /// Where.
        location: Redacted,
    },
    /// The transcript ends at a redirect.
    RedirectNotFollowed {
        /// Where it points.
        location: Redacted,
    },
    /// A redirect without a Location header.
    RedirectWithoutLocation,
    /// A 201 says where the new resource is.
    CreatedAt {
        /// Where.
        location: Redacted,
    },
    /// Redirects were followed before the final response.
    RedirectsFollowed {
        /// How many.
        count: usize,
    },
    /// The response is an HTTP library's dump of its response object, headers and body.
    LibraryDump {
        /// The library.
        library: Library,
    },
    /// The status comes from an HTTP library's error line, which lacks headers or body.
    LibraryErrorLine {
        /// The library.
        library: Library,
        /// Whether the line shows headers.
        headers: bool,
        /// Whether it shows a body.
        body: bool,
        /// Whether it shows the URL.
        url: bool,
    },
    /// The library's dump holds the request's Authorization header.
    LibraryDumpAuthorization {
        /// The library.
        library: Library,
    },
    /// The client reported an error after the response.
    ClientErrorAfterResponse {
        /// curl's exit code, when curl said it.
        code: Option<u32>,
        /// The client's message.
        message: Redacted,
        /// What to do about it, from the client error table.
        advice: &'static str,
    },
}

impl Finding {
    /// Every id, in the order the rules run; the man page and README list them.
    /// Every id with what it means, in the order the rules run; the man page and the README
    /// list them.
    pub const IDS: &'static [(&'static str, &'static str)] = &[
        (
            "status-code-only",
            "Only a status code was given, no headers or body.",
        ),
        (
            "retry-after-unreadable",
            "`Retry-After` is neither a number of seconds nor an HTTP date.",
        ),
        (
            "retry-after-passed",
            "`Retry-After` names a time already past: nothing to wait for.",
        ),
        (
            "request-shown",
            "The request line, as the transcript shows it.",
        ),
        ("credential-in-url", "The URL carries a credential."),
        (
            "content-type-not-json",
            "A 400 for a request whose Content-Type is not JSON.",
        ),
        (
            "token-endpoint-json-body",
            "A JSON body sent to the token endpoint, which takes a form.",
        ),
        (
            "token-endpoint-client-credentials",
            "A 401 from the token endpoint: the app's client credentials.",
        ),
        (
            "missing-authorization",
            "A 401 or 403 without an Authorization header.",
        ),
        (
            "authorization-not-bearer",
            "An Authorization header of another scheme than Bearer.",
        ),
        ("token-refused", "A 401 for a Bearer token."),
        ("token-lacks-access", "A 403 for a Bearer token."),
        (
            "request-body-too-large",
            "A request body larger than Hike takes.",
        ),
        ("cookie-sent", "The request sent a Cookie."),
        (
            "challenge-error",
            "The `WWW-Authenticate` challenge names an error.",
        ),
        (
            "challenge-status-mismatch",
            "The challenge's error usually comes with another status (RFC 6750 §3.1).",
        ),
        (
            "oauth-error",
            "The body is an OAuth error the challenge did not already name.",
        ),
        ("rate-limit-minute", "`X-Rate-Limit-Problem: Minute`."),
        ("rate-limit-daily", "`X-Rate-Limit-Problem: Daily`."),
        (
            "rate-limit-problem",
            "`X-Rate-Limit-Problem` of another value.",
        ),
        (
            "rate-limit-exhausted",
            "No calls remain in the window, on a response that is not yet an error.",
        ),
        ("body-gzip", "A gzip body that was not decoded."),
        ("body-binary", "A binary body."),
        (
            "proxy-error-page",
            "An HTML error page on a 5xx: a proxy's, not the API's.",
        ),
        (
            "rate-limit-form-body",
            "Hike's form-encoded rate-limit body on a 429.",
        ),
        ("problem-detail", "The body is an RFC 9457 problem detail."),
        (
            "problem-status-mismatch",
            "The problem detail's `status` is not the response's.",
        ),
        ("wget-no-headers", "wget printed no headers (no `-S`)."),
        ("wget-no-error-body", "wget kept no body of an error."),
        (
            "errors-omitted",
            "The body reports more errors than are listed.",
        ),
        (
            "json-body-too-large",
            "A JSON body too large to read whole, with no error in its start.",
        ),
        (
            "json-body-unreadable",
            "A body that claims to be JSON but cannot be read.",
        ),
        (
            "error-scan-cut",
            "The body is too long to scan whole for errors.",
        ),
        (
            "headers-skipped",
            "The response had more header fields than are kept.",
        ),
        ("body-truncated", "Only the start of the body was kept."),
        ("see-other", "A 303: the answer is elsewhere."),
        (
            "redirect-not-followed",
            "The transcript ends at a redirect.",
        ),
        (
            "redirect-without-location",
            "A redirect without a Location header.",
        ),
        ("created-at", "A 201 says where the new resource is."),
        (
            "redirects-followed",
            "Redirects were followed before the final response.",
        ),
        (
            "library-dump",
            "The response is an HTTP library's dump of its response object, headers and body.",
        ),
        (
            "library-error-line",
            "The status comes from an HTTP library's error line, which lacks headers or body.",
        ),
        (
            "library-dump-authorization",
            "The library's dump holds the request's Authorization header.",
        ),
        (
            "client-error-after-response",
            "The client reported an error after the response.",
        ),
        (
            "input-decoded",
            "The input was UTF-16 or had a BOM, and was decoded first.",
        ),
        (
            "response-time",
            "curl --trace-time: how long after its request the response began.",
        ),
        (
            "curl-write-out",
            "The response is what `curl -w` wrote: no headers.",
        ),
    ];

    /// The finding's stable id, in kebab case: what `--json` calls it.
    pub fn id(&self) -> &'static str {
        match self {
            Finding::StatusCodeOnly => "status-code-only",
            Finding::InputDecoded { .. } => "input-decoded",
            Finding::ResponseTime { .. } => "response-time",
            Finding::CurlWriteOut { .. } => "curl-write-out",
            Finding::RetryAfterUnreadable => "retry-after-unreadable",
            Finding::RetryAfterPassed { .. } => "retry-after-passed",
            Finding::RequestShown { .. } => "request-shown",
            Finding::CredentialInUrl => "credential-in-url",
            Finding::ContentTypeNotJson { .. } => "content-type-not-json",
            Finding::TokenEndpointJsonBody { .. } => "token-endpoint-json-body",
            Finding::TokenEndpointClientCredentials => "token-endpoint-client-credentials",
            Finding::MissingAuthorization => "missing-authorization",
            Finding::AuthorizationNotBearer { .. } => "authorization-not-bearer",
            Finding::TokenRefused { .. } => "token-refused",
            Finding::TokenLacksAccess { .. } => "token-lacks-access",
            Finding::RequestBodyTooLarge { .. } => "request-body-too-large",
            Finding::CookieSent => "cookie-sent",
            Finding::ChallengeError { .. } => "challenge-error",
            Finding::ChallengeStatusMismatch { .. } => "challenge-status-mismatch",
            Finding::OAuthError { .. } => "oauth-error",
            Finding::RateLimitMinute { .. } => "rate-limit-minute",
            Finding::RateLimitDaily { .. } => "rate-limit-daily",
            Finding::RateLimitProblem { .. } => "rate-limit-problem",
            Finding::RateLimitExhausted => "rate-limit-exhausted",
            Finding::BodyGzip => "body-gzip",
            Finding::BodyBinary => "body-binary",
            Finding::ProxyErrorPage => "proxy-error-page",
            Finding::RateLimitFormBody => "rate-limit-form-body",
            Finding::ProblemDetail { .. } => "problem-detail",
            Finding::ProblemStatusMismatch { .. } => "problem-status-mismatch",
            Finding::WgetNoHeaders => "wget-no-headers",
            Finding::WgetNoErrorBody => "wget-no-error-body",
            Finding::ErrorsOmitted { .. } => "errors-omitted",
            Finding::JsonBodyTooLarge => "json-body-too-large",
            Finding::JsonBodyUnreadable => "json-body-unreadable",
            Finding::ErrorScanCut => "error-scan-cut",
            Finding::HeadersSkipped { .. } => "headers-skipped",
            Finding::BodyTruncated { .. } => "body-truncated",
            Finding::SeeOther { .. } => "see-other",
            Finding::RedirectNotFollowed { .. } => "redirect-not-followed",
            Finding::RedirectWithoutLocation => "redirect-without-location",
            Finding::CreatedAt { .. } => "created-at",
            Finding::RedirectsFollowed { .. } => "redirects-followed",
            Finding::LibraryDump { .. } => "library-dump",
            Finding::LibraryErrorLine { .. } => "library-error-line",
            Finding::LibraryDumpAuthorization { .. } => "library-dump-authorization",
            Finding::ClientErrorAfterResponse { .. } => "client-error-after-response",
        }
    }
}

/// One thing to do next, most specific first. In `--json`, `next_steps` is a list of
/// sentences.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NextStep {
    /// Wait as `Retry-After` asks.
    WaitRetryAfter {
        /// How long, in seconds.
        seconds: u64,
        /// Until when, RFC 3339, when it is known.
        until: Option<String>,
    },
    /// Send again now: `Retry-After` is 0, or names a time already past.
    SendAgainNow,
    /// Wait for the minute limit to clear.
    WaitMinute,
    /// Stop until the daily limit clears.
    StopForTheDay,
    /// Space calls out, with backoff on every 429.
    SpaceOutCalls,
    /// Refresh the access token and retry.
    RefreshToken,
    /// Get a fresh authorization code.
    NewAuthorizationCode,
    /// Fix what the body's errors name.
    FixListedErrors,
    /// Fetch the 303's Location with GET.
    GetLocation {
        /// The Location.
        location: Redacted,
    },
    /// Quote the request id to support if it persists.
    QuoteRequestId {
        /// The request id.
        id: Redacted,
    },
    /// The status code's own hint, from the table.
    CodeHint,
}
