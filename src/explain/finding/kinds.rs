//! What the analysis found, as typed values: a [`Finding`] per rule that fired, with a
//! stable id for scripts, and the [`NextStep`]s. The words are made in `render`.

use crate::applog::{Client, Source};
use crate::redact::Redacted;
use crate::transcript::{InputEncoding, Library};

/// Defines every finding once: its doc line, its id and its variant with the fields it
/// carries. From that one list come the [`Finding`] enum, [`Finding::id`] and
/// [`Finding::IDS`], so no finding is without its id or missing from the list.
macro_rules! findings {
    ($(
        #[doc = $doc:literal]
        $id:literal $variant:ident $({
            $( $(#[doc = $field_doc:literal])* $field:ident : $ty:ty ),* $(,)?
        })?
    ),* $(,)?) => {
        /// One thing the transcript shows went wrong or is worth knowing. Each variant is one
        /// rule; [`Finding::id`] names it for `--json`. Every string it holds came through the
        /// redactor.
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub enum Finding {
            $(
                #[doc = $doc]
                $variant $({ $( $(#[doc = $field_doc])* $field: $ty ),* })?,
            )*
        }

        impl Finding {
            /// Every id with what it means, in the order the rules run; the man page and the
            /// README list them.
            pub const IDS: &'static [(&'static str, &'static str)] =
                &[$(($id, $doc.trim_ascii())),*];

            /// The finding's stable id, in kebab case: what `--json` calls it.
            pub fn id(&self) -> &'static str {
                match self {
                    $(Finding::$variant { .. } => $id,)*
                }
            }
        }
    };
}

findings! {
    /// Only a status code was given, no headers or body.
    "status-code-only" StatusCodeOnly,
    /// `Retry-After` is neither a number of seconds nor an HTTP date.
    "retry-after-unreadable" RetryAfterUnreadable,
    /// `Retry-After` names a time already past (by the response's Date, else at the time of the analysis).
    "retry-after-passed" RetryAfterPassed {
        /// The time it names, RFC 3339.
        at: String,
        /// Whether it was compared with the response's Date (else with the time of the
        /// analysis: the response has none).
        by_date: bool,
    },
    /// The request line, as the transcript shows it.
    "request-shown" RequestShown {
        /// The method.
        method: Redacted,
        /// The target, credentials redacted.
        target: Redacted,
    },
    /// The URL carries a credential.
    "credential-in-url" CredentialInUrl,
    /// A 400 for a request whose Content-Type is not JSON.
    "content-type-not-json" ContentTypeNotJson {
        /// The Content-Type sent.
        content_type: Redacted,
    },
    /// A JSON body sent to the token endpoint, which takes a form.
    "token-endpoint-json-body" TokenEndpointJsonBody {
        /// The Content-Type sent.
        content_type: Redacted,
    },
    /// A 401 from the token endpoint: the app's client credentials.
    "token-endpoint-client-credentials" TokenEndpointClientCredentials,
    /// A 401 or 403 without an Authorization header.
    "missing-authorization" MissingAuthorization,
    /// An Authorization header of another scheme than Bearer.
    "authorization-not-bearer" AuthorizationNotBearer {
        /// The header as sent, redacted.
        authorization: Redacted,
    },
    /// A 401 for a Bearer token.
    "token-refused" TokenRefused {
        /// The header as sent, redacted.
        authorization: Redacted,
    },
    /// A 403 for a Bearer token.
    "token-lacks-access" TokenLacksAccess {
        /// The header as sent, redacted.
        authorization: Redacted,
    },
    /// A request body of 4,000,000 bytes or more: about the "4MB" Hike's docs give as the most one POST carries.
    "request-body-too-large" RequestBodyTooLarge {
        /// Its Content-Length.
        bytes: u64,
    },
    /// The request sent a Cookie.
    "cookie-sent" CookieSent,
    /// The `WWW-Authenticate` challenge names an error.
    "challenge-error" ChallengeError {
        /// The `error` parameter.
        error: Redacted,
        /// What it means, when it is a standard one.
        meaning: Option<String>,
    },
    /// The challenge's error usually comes with another status (RFC 6750 §3.1).
    "challenge-status-mismatch" ChallengeStatusMismatch {
        /// The `error` parameter.
        error: Redacted,
        /// The status RFC 6750 §3.1 pairs it with.
        expected: u16,
        /// The status sent.
        status: u16,
    },
    /// The body is an OAuth error the challenge did not already name.
    "oauth-error" OAuthError {
        /// The error code.
        error: Redacted,
        /// What it means.
        meaning: String,
    },
    /// `X-Rate-Limit-Problem: Minute`.
    "rate-limit-minute" RateLimitMinute {
        /// Whether a `Retry-After` came too: it, not the window, says when to send again.
        retry_after: bool,
    },
    /// `X-Rate-Limit-Problem: Daily`.
    "rate-limit-daily" RateLimitDaily {
        /// Whether a `Retry-After` came too: it, not the window, says when to send again.
        retry_after: bool,
    },
    /// `X-Rate-Limit-Problem` of another value.
    "rate-limit-problem" RateLimitProblem {
        /// The value sent.
        problem: Redacted,
    },
    /// No calls remain in the window, on a response that is not yet an error.
    "rate-limit-exhausted" RateLimitExhausted,
    /// A gzip body that was not decoded.
    "body-gzip" BodyGzip,
    /// A binary body.
    "body-binary" BodyBinary,
    /// An HTML error page on a 5xx: maybe a proxy's, though an application server can send one too.
    "proxy-error-page" ProxyErrorPage,
    /// Hike's form-encoded rate-limit body on a 429.
    "rate-limit-form-body" RateLimitFormBody,
    /// The body is an RFC 9457 problem detail.
    "problem-detail" ProblemDetail {
        /// Its `type`.
        problem_type: Option<Redacted>,
        /// Its `instance`, to quote to support.
        instance: Option<Redacted>,
    },
    /// The problem detail's `status` is not the response's.
    "problem-status-mismatch" ProblemStatusMismatch {
        /// The status the problem detail says.
        said: u16,
        /// The response's status.
        status: u16,
    },
    /// wget printed no headers (no `-S`).
    "wget-no-headers" WgetNoHeaders,
    /// wget kept no body of an error.
    "wget-no-error-body" WgetNoErrorBody,
    /// The body reports more errors than are listed.
    "errors-omitted" ErrorsOmitted {
        /// How many more.
        count: u64,
    },
    /// A JSON body too large to read whole, with no error in its start.
    "json-body-too-large" JsonBodyTooLarge,
    /// A body that claims to be JSON but cannot be read.
    "json-body-unreadable" JsonBodyUnreadable,
    /// The body is too long to scan whole for errors.
    "error-scan-cut" ErrorScanCut {
        /// The body's size.
        bytes: u64,
    },
    /// The response had more header fields than are kept.
    "headers-skipped" HeadersSkipped {
        /// How many were not kept.
        count: u64,
    },
    /// Only the start of the body was kept.
    "body-truncated" BodyTruncated {
        /// The body's size.
        bytes: u64,
        /// Whether its errors were read by a scan of the whole of it.
        scanned: bool,
    },
    /// A 303: the answer is elsewhere.
    "see-other" SeeOther {
        /// Where.
        location: Redacted,
    },
    /// The transcript ends at a redirect (a 305 or 306: why not to follow it).
    "redirect-not-followed" RedirectNotFollowed {
        /// The status (300, 301, 302, 305, 306, 307, 308, ...).
        status: u16,
        /// Where it points.
        location: Redacted,
    },
    /// A 3xx without a Location header (for a 300: pick from the body).
    "redirect-without-location" RedirectWithoutLocation {
        /// The status.
        status: u16,
    },
    /// A 201 says where the new resource is.
    "created-at" CreatedAt {
        /// Where.
        location: Redacted,
    },
    /// Redirects were followed before the final response.
    "redirects-followed" RedirectsFollowed {
        /// How many.
        count: usize,
    },
    /// The response is an HTTP library's dump of its response object, headers and body.
    "library-dump" LibraryDump {
        /// The library.
        library: Library,
    },
    /// The status comes from an HTTP library's error line, which lacks headers or body.
    "library-error-line" LibraryErrorLine {
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
    "library-dump-authorization" LibraryDumpAuthorization {
        /// The library.
        library: Library,
    },
    /// The client reported an error after the response.
    "client-error-after-response" ClientErrorAfterResponse {
        /// curl's exit code, when curl said it.
        code: Option<u32>,
        /// The client's message.
        message: Redacted,
        /// What to do about it, from the client error table.
        advice: &'static str,
    },
    /// The input was UTF-16 or had a BOM, and was decoded first.
    "input-decoded" InputDecoded {
        /// The encoding found.
        encoding: InputEncoding,
    },
    /// curl --trace-time: how long after its request the response began.
    "response-time" ResponseTime {
        /// Microseconds.
        micros: u64,
    },
    /// The status comes from a line of an application's log, which lacks headers, body or request id.
    "status-from-log-line" StatusFromLogLine {
        /// The log format.
        source: Source,
        /// The HTTP client the line shows, when it shows one.
        client: Option<Client>,
        /// Whether the line shows response headers (`X-Rate-Limit-Problem`, `Retry-After`).
        headers: bool,
        /// Whether it shows the response body.
        body: bool,
        /// Whether it shows a request id.
        request_id: bool,
    },
    /// No status was stated: it is read as 429 from Hike's rate-limit body alone.
    "status-inferred-from-body" StatusInferredFromBody,
    /// The response is what `curl -w` wrote: no headers.
    "curl-write-out" CurlWriteOut {
        /// Its `%{time_total}`, in microseconds, when it gave one.
        total_micros: Option<u64>,
    },
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
        /// Whether the wait was measured from the time of the analysis, the response
        /// having no Date header to measure a Retry-After date from.
        from_now: bool,
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
    /// Send the access token with the Bearer scheme (another scheme was sent).
    SendBearer,
    /// At the token endpoint: check the app's client credentials and redirect address.
    CheckClientCredentials,
    /// The transfer broke off after the status: the body is partial.
    TransferCut,
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
