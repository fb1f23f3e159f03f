//! The words for what `explain` found: each [`Finding`] and [`NextStep`] as a sentence, the
//! same in the text view and in `--json`. The values they quote are redacted already; the
//! text view sanitizes the sentence for the terminal.

use std::borrow::Cow;
use std::sync::OnceLock;

use crate::explain::hike::{DAILY_LIMIT, MINUTE_LIMIT};
use crate::explain::{Finding, NextStep, Report};
use crate::redact::Redacted;
use crate::render::log_words;
use crate::transcript::Library;

/// A finding in words.
pub fn finding(f: &Finding) -> Cow<'static, str> {
    match f {
        Finding::StatusCodeOnly => "only the status code was given: capture headers and body \
             too (`curl -i` or `curl -v`) to see what the response says"
            .into(),
        Finding::InputDecoded { encoding } => format!(
            "the input is {} (a file saved on Windows); it was decoded before reading",
            encoding.as_str()
        )
        .into(),
        Finding::ResponseTime { micros } => format!(
            "the response began {} ms after its request was sent (curl --trace-time; its stamps \
             are times of day: the Date header gives the day)",
            (*micros as f64 / 1000.0 * 10.0).round() / 10.0
        )
        .into(),
        Finding::StatusFromLogLine {
            source,
            client,
            headers,
            body,
            request_id,
        } => log_words::status_from_log_line(*source, *client, *headers, *body, *request_id).into(),
        Finding::StatusInferredFromBody => log_words::STATUS_INFERRED.into(),
        Finding::CurlWriteOut { total_micros } => {
            let mut s = "this is what curl -w wrote: it shows no headers, so Retry-After, \
                 X-Rate-Limit-Problem and the request id are not known: add -i (or -v 2>&1) to \
                 see them"
                .to_string();
            if let Some(m) = total_micros {
                s.push_str(&format!(
                    "; the transfer took {} s (time_total)",
                    (*m as f64 / 1000.0).round() / 1000.0
                ));
            }
            s.into()
        }
        Finding::RetryAfterUnreadable => {
            "the Retry-After header is neither a number of seconds nor an HTTP date".into()
        }
        Finding::RetryAfterPassed { at, by_date: true } => format!(
            "the time Retry-After names, {at}, had passed when the response was sent (its \
             Date header): there is nothing to wait for"
        )
        .into(),
        Finding::RetryAfterPassed { at, by_date: false } => format!(
            "the time Retry-After names, {at}, is past at the time of this analysis; the \
             response has no Date header, so whether it had passed when the response was \
             sent is not known"
        )
        .into(),
        Finding::RequestShown { method, target } => {
            format!("the request was {method} {target}").into()
        }
        Finding::CredentialInUrl => "the URL carries a credential (shown redacted), and URLs \
             end up in logs: send an access token in the Authorization header, and client \
             secrets, codes and refresh tokens in the form body of POST /oauth/token"
            .into(),
        Finding::ContentTypeNotJson { content_type } => format!(
            "the request sent Content-Type: {content_type}; Hike's API expects application/json"
        )
        .into(),
        Finding::TokenEndpointJsonBody { content_type } => format!(
            "the request sent Content-Type: {content_type} to /oauth/token, which takes a \
             form-encoded body (application/x-www-form-urlencoded)"
        )
        .into(),
        Finding::TokenEndpointClientCredentials => "the token endpoint authenticates the app \
             by client_id and client_secret in the form body: there is no access token yet, \
             so this is about the app's credentials, not a Bearer token"
            .into(),
        Finding::MissingAuthorization => {
            "no Authorization header was sent: send `Authorization: Bearer <access_token>`".into()
        }
        Finding::AuthorizationNotBearer { authorization } => format!(
            "the request sent Authorization: {authorization}; Hike expects the Bearer scheme"
        )
        .into(),
        Finding::TokenRefused { authorization } => format!(
            "the request sent a token (Authorization: {authorization}) and Hike refused it: it \
             is expired, revoked or wrong"
        )
        .into(),
        Finding::TokenLacksAccess { authorization } => format!(
            "the request sent a token (Authorization: {authorization}); it was recognised but \
             lacks access to this resource"
        )
        .into(),
        Finding::RequestBodyTooLarge { bytes } => format!(
            "the request body is {bytes} bytes; Hike's docs give \"4MB\" (the unit not spelled \
             out, so about 4 MB) as the most one POST carries: to stay clear of it, keep a body \
             under 4,000,000 bytes and send bulk work in batches of up to 50 items"
        )
        .into(),
        Finding::CookieSent => "the request sent a Cookie (not shown); Hike's authorization \
             docs have every API call authenticate with `Authorization: Bearer <access_token>`"
            .into(),
        Finding::ChallengeError { error, meaning } => format!(
            "WWW-Authenticate says {error}: {}",
            meaning.as_deref().unwrap_or("a server-specific error")
        )
        .into(),
        Finding::ChallengeStatusMismatch {
            error,
            expected,
            status,
        } => format!("{error} usually comes with status {expected} (RFC 6750 §3.1), not {status}")
            .into(),
        Finding::OAuthError { error, meaning } => format!("OAuth error {error}: {meaning}").into(),
        // Made from constants, so made once: every 429 of a log says one of these.
        Finding::RateLimitMinute { retry_after: false } => {
            static WORDS: OnceLock<String> = OnceLock::new();
            once(&WORDS, || {
                format!(
                    "X-Rate-Limit-Problem: Minute: more than {MINUTE_LIMIT} calls in a rolling \
                     minute for this app and store; it clears within a minute"
                )
            })
        }
        Finding::RateLimitDaily { retry_after: false } => {
            static WORDS: OnceLock<String> = OnceLock::new();
            once(&WORDS, || {
                format!(
                    "X-Rate-Limit-Problem: Daily: more than {DAILY_LIMIT} calls in a rolling 24 \
                     hours for this app and store; it can take up to 24 hours to clear"
                )
            })
        }
        // The window is named once, on the rate limit line; Retry-After says when it clears.
        Finding::RateLimitMinute { retry_after: true } => {
            static WORDS: OnceLock<String> = OnceLock::new();
            once(&WORDS, || {
                format!(
                    "X-Rate-Limit-Problem: Minute: this app went over its {MINUTE_LIMIT} calls a \
                     minute for this store; Retry-After says when it clears, and wins over the \
                     window"
                )
            })
        }
        Finding::RateLimitDaily { retry_after: true } => {
            static WORDS: OnceLock<String> = OnceLock::new();
            once(&WORDS, || {
                format!(
                    "X-Rate-Limit-Problem: Daily: this app went over its daily allowance of \
                     {DAILY_LIMIT} calls for this store; Retry-After says when it clears, and \
                     wins over the window"
                )
            })
        }
        Finding::RateLimitProblem { problem } => format!("X-Rate-Limit-Problem: {problem}").into(),
        Finding::RateLimitExhausted => "no calls remain in the current rate-limit window: \
             calls will get 429 until it resets"
            .into(),
        Finding::BodyGzip => "the body is gzip-compressed and was not decoded: capture with \
             `curl --compressed` to read it"
            .into(),
        Finding::BodyBinary => "the body is binary, not text".into(),
        Finding::ProxyErrorPage => "the body is an HTML error page: it may be from a proxy or \
             load balancer (then the request may not have reached Hike, or Hike did not answer \
             the proxy in time), though an application server can send an HTML error page too"
            .into(),
        Finding::RateLimitFormBody => {
            "the body is Hike's form-encoded rate-limit notice (oauth_problem)".into()
        }
        Finding::ProblemDetail {
            problem_type,
            instance,
        } => {
            let mut what = "the body is an RFC 9457 problem detail".to_string();
            if let Some(t) = problem_type {
                what.push_str(&format!(", type {t}"));
            }
            if let Some(i) = instance {
                what.push_str(&format!(", instance {i} (quote it to support)"));
            }
            what.into()
        }
        Finding::ProblemStatusMismatch { said, status } => format!(
            "the problem detail says status {said}, but the response's status is {status}: a \
             proxy may have changed it"
        )
        .into(),
        Finding::WgetNoHeaders => "wget printed no headers: add -S (--server-response) to see \
             Retry-After, X-Rate-Limit-Problem and the request id"
            .into(),
        Finding::WgetNoErrorBody => {
            "wget keeps no body on an error: add --content-on-error to see what Hike said".into()
        }
        Finding::ErrorsOmitted { count } => {
            format!("the body reports {count} more errors than are listed here").into()
        }
        Finding::JsonBodyTooLarge => "the JSON body is too large to read whole, and no error \
             keys complete in its start"
            .into(),
        Finding::JsonBodyUnreadable => "the body claims to be JSON but cannot be read \
             (malformed, or nested too deeply)"
            .into(),
        Finding::ErrorScanCut { bytes } => format!(
            "the body is {bytes} bytes, too long to scan whole: only its start was kept, and \
             its errors were looked for in its first {} MiB",
            crate::json::error_body::MAX_SCAN / (1024 * 1024)
        )
        .into(),
        Finding::HeadersSkipped { count } => format!(
            "the response has {count} more header fields than are kept; those the analysis \
             reads (Retry-After, rate limits, the request id, ...) were kept wherever they stood"
        )
        .into(),
        Finding::BodyTruncated {
            bytes,
            scanned: true,
        } => format!(
            "the body is {bytes} bytes; only its start was kept, and its errors were read by a \
             scan of the whole of it"
        )
        .into(),
        Finding::BodyTruncated {
            bytes,
            scanned: false,
        } => format!("the body is {bytes} bytes; only its start was read").into(),
        Finding::SeeOther { location } => {
            format!("the answer is at {location}: fetch it with GET").into()
        }
        Finding::RedirectNotFollowed { status, location } => redirect(*status, Some(location)),
        Finding::RedirectWithoutLocation { status } => redirect(*status, None),
        Finding::CreatedAt { location } => format!("the new resource is at {location}").into(),
        Finding::RedirectsFollowed { count } => {
            format!("{count} redirect(s) were followed before the final response").into()
        }
        Finding::LibraryDump { library } => format!(
            "read from the response object that {} dumped with its error: its headers and body \
             are as the dump shows them",
            library.name()
        )
        .into(),
        Finding::LibraryErrorLine {
            library,
            headers,
            body,
            url,
        } => library_error_line(*library, *headers, *body, *url).into(),
        Finding::LibraryDumpAuthorization { library } => format!(
            "the dump of {} holds the request's Authorization header (redacted here): a log or \
             an issue that quotes it leaks the token, so rotate it if it was shared",
            library.name()
        )
        .into(),
        Finding::ClientErrorAfterResponse {
            code,
            message,
            advice,
        } => {
            let what = code.map_or("the client".to_string(), |c| format!("curl error {c}"));
            format!("{what} after the response: {message}: {advice}").into()
        }
    }
}

/// What a 3xx that was not followed says, with or without a Location.
fn redirect(status: u16, location: Option<&Redacted>) -> Cow<'static, str> {
    match (status, location) {
        // RFC 9110 §15.4.6: deprecated; curl has no special handling, so -L would fetch
        // the proxy's own address as if it were the answer.
        (305, Some(l)) => format!(
            "a 305 names a proxy ({l}); 305 is deprecated and clients ignore it: following it \
             (curl -L) would fetch the proxy's address, not the answer, so look for a \
             misconfigured proxy or intermediary instead"
        )
        .into(),
        (305, None) => "a 305, deprecated and ignored by clients, here without even the \
             proxy's address: look for a misconfigured proxy or intermediary"
            .into(),
        // RFC 9110 §15.4.7: reserved, unused.
        (306, _) => "306 is unused (reserved since an early draft of HTTP): no server should \
             send it, so treat it as a broken proxy or server"
            .into(),
        // RFC 9110 §15.4.1: Location is optional; the body lists the choices.
        (300, Some(l)) => format!(
            "the transcript ends at a 300: the server prefers {l} (follow it with curl -L), or \
             pick another of the alternatives the body lists"
        )
        .into(),
        (300, None) => "a 300 without a Location, as the standard allows: pick one of the \
             alternatives the body lists, or ask with a more specific Accept header"
            .into(),
        (_, Some(l)) => {
            format!("the transcript ends at a redirect to {l}: follow it (curl -L)").into()
        }
        (_, None) => "a redirect without a Location header: there is nowhere to follow it".into(),
    }
}

/// A sentence made from constants, made the first time it is asked for.
fn once(words: &'static OnceLock<String>, make: impl FnOnce() -> String) -> Cow<'static, str> {
    Cow::Borrowed(words.get_or_init(make))
}

/// What a library's error line shows and lacks, and how to see the rest.
fn library_error_line(library: Library, headers: bool, body: bool, url: bool) -> String {
    let what = match (headers, body) {
        (false, true) if library == Library::Guzzle => {
            "no headers, and only the first 120 bytes of the body"
        }
        (false, true) => "no headers, only the start of the body",
        (true, false) => "the headers but no body",
        _ => "no headers and no body",
    };
    let unknown = match (headers, body) {
        (false, false) => {
            "Retry-After, X-Rate-Limit-Problem, the request id and the errors \
                               Hike sent are not known"
        }
        (false, true) => "Retry-After, X-Rate-Limit-Problem and the request id are not known",
        _ => "the errors Hike sent are not known",
    };
    let url = if url { " and the URL" } else { "" };
    format!(
        "this is the error line of {}: it shows the status{url} but {what}, so {unknown}: {}",
        library.name(),
        capture_advice(library)
    )
}

/// How to see the response's headers and body with this library.
pub(crate) fn capture_advice(library: Library) -> &'static str {
    match library {
        Library::Requests => {
            "in `except requests.HTTPError as e:` log `e.response.headers` and `e.response.text`"
        }
        Library::Urllib => {
            "in `except urllib.error.HTTPError as e:` log `e.headers` and `e.read()`"
        }
        Library::Httpx => {
            "in `except httpx.HTTPStatusError as e:` log `e.response.headers` and `e.response.text`"
        }
        Library::Axios => {
            "in the `catch (err)` log `err.response.status`, `err.response.headers` and \
             `err.response.data` (not the whole error: it holds the request's Authorization header)"
        }
        Library::DotNet => {
            "PowerShell 7: `Invoke-WebRequest -SkipHttpErrorCheck` and read `.Headers` and \
             `.Content`, or `$_.Exception.Response.Headers` and `$_.ErrorDetails.Message` in a \
             catch block; .NET: read `response.Headers` and `response.Content` before (instead \
             of) `EnsureSuccessStatusCode()`"
        }
        Library::WindowsPowerShell => {
            "in a catch block read `$_.Exception.Response.Headers` and the body from \
             `$_.Exception.Response.GetResponseStream()` (or `$_.ErrorDetails.Message`)"
        }
        Library::Guzzle => {
            "in `catch (RequestException $e)` log `$e->getResponse()->getHeaders()` and \
             `(string) $e->getResponse()->getBody()`, or send with `'http_errors' => false`"
        }
        Library::Java => {
            "read `conn.getHeaderFields()` and the body from `conn.getErrorStream()` instead of \
             `getInputStream()`"
        }
        Library::Reqwest => {
            "read `resp.headers()` and `resp.text()` before (instead of) `error_for_status()`"
        }
    }
}

/// A next step in words; [`NextStep::CodeHint`] is the report's code's hint.
pub fn next_step(n: &NextStep, r: &Report) -> Cow<'static, str> {
    match n {
        NextStep::WaitRetryAfter {
            seconds,
            until: Some(at),
            from_now: true,
        } => format!(
            "wait until {at}, as Retry-After asks, then send the request again; the response \
             has no Date header, so the wait was measured from the time of this analysis: {}",
            human_seconds(*seconds)
        )
        .into(),
        NextStep::WaitRetryAfter { seconds, until, .. } => {
            let until = until
                .as_deref()
                .map(|at| format!(", until {at},"))
                .unwrap_or_default();
            format!(
                "wait {}{until} as Retry-After asks, then send the request again",
                human_seconds(*seconds)
            )
            .into()
        }
        NextStep::SendAgainNow => {
            "the wait Retry-After asks for is over: the request may be sent again now".into()
        }
        NextStep::WaitMinute => {
            "wait up to a minute, then resume at no more than 60 calls a minute".into()
        }
        NextStep::StopForTheDay => {
            "stop for now: the daily allowance of 5000 calls can take up to 24 hours to clear"
                .into()
        }
        NextStep::SpaceOutCalls => {
            "queue calls and space them out, with exponential backoff on every 429".into()
        }
        NextStep::RefreshToken => "refresh the access token: POST /oauth/token with \
             grant_type=refresh_token, then retry with the new token"
            .into(),
        NextStep::SendBearer => "send the access token as `Authorization: Bearer \
             <access_token>`: another scheme was sent, so there was no access token to refresh"
            .into(),
        NextStep::CheckClientCredentials => "check client_id and client_secret against the \
             app's settings and, when exchanging a code, that redirect_uri is exactly the \
             registered address; then ask for the token again"
            .into(),
        NextStep::TransferCut => "the body is partial: the transfer broke off before the whole \
             body came; send the request again to get the whole of it (a request that changes \
             data has taken effect already: check before repeating it)"
            .into(),
        NextStep::NewAuthorizationCode => "get a fresh authorization code through \
             /oauth/authorize and exchange it at once, with exactly the redirect_uri the app \
             registered"
            .into(),
        NextStep::FixListedErrors => {
            "fix what the errors above name, then send the request again".into()
        }
        NextStep::GetLocation { location } => format!("GET {location}").into(),
        NextStep::QuoteRequestId { id } => {
            format!("if it persists, give Hike support the request id {id}").into()
        }
        NextStep::CodeHint => Cow::Borrowed(r.info.hint.as_str()),
    }
}

/// `90` → `90 s`, `3600` → `3600 s (1 h)`.
pub(crate) fn human_seconds(secs: u64) -> String {
    match secs {
        0..=119 => format!("{secs} s"),
        120..=7199 => format!("{secs} s ({} min)", secs.div_ceil(60)),
        _ => format!("{secs} s ({:.1} h)", secs as f64 / 3600.0),
    }
}
