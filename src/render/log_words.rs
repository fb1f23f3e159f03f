//! The words for a status read from an application's log: what its line lacks, and how to
//! log it with the logger and HTTP client the line came from.

use crate::applog::{Advice, Client, Source};

/// What a log line shows, what it lacks and how to log the rest.
pub(crate) fn status_from_log_line(
    source: Source,
    client: Option<Client>,
    headers: bool,
    body: bool,
    request_id: bool,
) -> String {
    let format = match source {
        Source::Plain => "plain text",
        s => s.name(),
    };
    let from = match client {
        Some(c) => format!("a log line ({format}) about a call made with {}", c.name()),
        None => format!("a log line ({format})"),
    };
    let advice = Advice::new(source, client);
    // What is lacking, with the expression that logs it.
    let missing: Vec<(&str, &str)> = [
        (
            !headers,
            "the response headers (X-Rate-Limit-Problem, Retry-After)",
            advice.log[1],
        ),
        (!body, "the body (the errors Hike sent)", advice.log[3]),
        (!request_id, "a request id", advice.log[2]),
    ]
    .into_iter()
    .filter(|(lacks, _, _)| *lacks)
    .map(|(_, what, expr)| (what, expr))
    .collect();
    if missing.is_empty() {
        return format!("the status comes from {from}, which shows headers, body and request id");
    }
    let what: Vec<&str> = missing.iter().map(|(w, _)| *w).collect();
    let how = if client.is_some() {
        let exprs: Vec<String> = std::iter::once(advice.log[0])
            .chain(missing.iter().map(|(_, e)| *e))
            .map(|e| format!("`{e}`"))
            .collect();
        exprs.join(", ")
    } else {
        "the status with what it lacks".to_string()
    };
    let mut s = format!(
        "the status comes from {from}, which lacks {}: log {how}",
        join(&what)
    );
    if let Some(never) = advice.never {
        s.push_str(&format!(
            ", never `{never}` whole (it holds the request's Authorization header)"
        ));
    }
    if let Some(call) = advice.call {
        s.push_str(&format!(", as in `{call}`"));
    }
    s
}

/// The words for a 429 read from Hike's rate-limit body alone.
pub(crate) const STATUS_INFERRED: &str = "no status was stated: the body is Hike's rate-limit \
     body (oauth_problem=rate limit exceeded), which Hike sends with a 429, so it is read as a \
     429";

fn join(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_string(),
        [head @ .., last] => format!("{} and {last}", head.join(", ")),
    }
}
