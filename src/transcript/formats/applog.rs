//! What an application logs of the calls it makes: a line of text that states a status in
//! HTTP context, a structured logger's JSON record, or Hike's rate-limit body alone, read by
//! [`crate::applog`]. Such a line is read only between messages, and only when no other
//! family claims it, so nothing inside a response (its headers, its body) is ever read as a
//! log line. Each line is one exchange; a body the logger wrote on the lines after it is
//! that exchange's body.

use std::rc::Rc;

use crate::applog::{Context, Follow, LogExchange, Source, Step};
use crate::transcript::core::assemble::Assembler;
use crate::transcript::formats::Line;
use crate::transcript::formats::library::js::to_json;
use crate::transcript::{LogLine, Request, Response, Style};

/// What a line is as an application's log line, read `outside` any message or past a
/// counted body's end: the exchange it shows, a logger's line that shows none (past a
/// body, where it is no more of the body), or `None` (it is no logger's: a body, text).
///
/// Past a body only a logger's own line counts (a body printed longer than its length,
/// HTTPie's formatted JSON, stays body); and a JSON object counts only as a logger's
/// record (a logger's keys, or a time), not as a body that states a status (`curl -w`
/// writes codes after such bodies).
pub(crate) fn logged<'a>(line: &[u8], outside: bool, year: i32) -> Option<Line<'a>> {
    let x = recognise(line, year);
    // Past a body: whether the line is in a logger's layout, asked once.
    let logger = !outside && crate::applog::is_log_line(line);
    let ours = match &x {
        Some(x) if x.source.is_record() => x.source != Source::JsonRecord || x.time_ms.is_some(),
        _ => outside || logger,
    };
    match x {
        Some(x) if ours => Some(Line::AppLog(x)),
        _ if logger => Some(Line::LogNoise),
        _ => None,
    }
}

/// The exchange a log line shows, if it shows one. `year` is the current year, for
/// syslog's times, which have none.
pub(crate) fn recognise(line: &[u8], year: i32) -> Option<Box<LogExchange>> {
    crate::applog::read_line(line, &Context::new(year)).map(Box::new)
}

/// Begins the exchange a log line shows; a reader of the body that may follow it on the
/// next lines, when one may.
pub(crate) fn start(asm: &mut Assembler, x: LogExchange) -> Option<Box<Follow>> {
    // A log line is an exchange of its own: it never continues the one before.
    asm.end_exchange();
    let position = asm.begin_status(x.status);
    asm.exchange.started = x.time();
    asm.out.secrets.absorb(&x.secrets.values);
    asm.exchange.secrets.absorb(&x.secrets.values);
    if let Some(target) = &x.target {
        asm.learn_request(&[], target, &[]);
    }
    let request = (x.method.is_some() || x.target.is_some()).then(|| {
        Rc::new(Request {
            method: x.method,
            ..Request::url_only(x.target.unwrap_or_default())
        })
    });
    asm.exchange.request.clone_from(&request);
    let mut headers = x.headers;
    if let Some(id) = x.request_id {
        if !headers
            .iter()
            .any(|(n, _)| n.eq_ignore_ascii_case("x-request-id"))
        {
            headers.push(("X-Request-Id".to_string(), id));
        }
    }
    asm.current = Some(Response {
        version: String::new(),
        status: x.status,
        reason: x.reason.unwrap_or_default(),
        headers,
        body: Vec::new(),
        body_bytes: 0,
        body_truncated: false,
        style: Style::AppLog(LogLine {
            source: x.source,
            client: x.client,
            inferred: x.inferred,
        }),
        request,
        position,
        scanned: None,
        headers_skipped: 0,
    });
    asm.body.started = false;
    if let Some(body) = &x.body {
        asm.take_quoted_body(&as_json(body));
    }
    if x.body_may_follow {
        return Some(Box::default());
    }
    asm.close_response();
    None
}

/// Reads a line that may be part of the body after a log line; `false` when it is not (the
/// body, if any, is complete, and the line is read as any other).
pub(crate) fn follow_line(follow: &mut Follow, asm: &mut Assembler, line: &[u8]) -> Step {
    let step = follow.feed(line);
    if step != Step::Take {
        end(std::mem::take(follow), asm);
    }
    step
}

/// Ends the body after a log line: what was read of it becomes the response's body.
pub(crate) fn end(follow: Follow, asm: &mut Assembler) {
    if let Some(body) = follow.into_body() {
        asm.take_quoted_body(&as_json(&body));
    }
    asm.close_response();
}

/// A body as JSON: a JavaScript object as `util.inspect` prints it (`{ errors: 'x' }`,
/// what `console.log` of axios' `err.response.data` writes) made JSON, as an axios dump's
/// `data` is; any other body as it is.
fn as_json(body: &[u8]) -> std::borrow::Cow<'_, [u8]> {
    let t = body.trim_ascii();
    let inspected = matches!(t.first(), Some(b'{' | b'['))
        && crate::json::read_whole::<serde::de::IgnoredAny>(t).is_none();
    if inspected {
        if let Ok(text) = std::str::from_utf8(t) {
            let json = to_json(text);
            if crate::json::read_whole::<serde::de::IgnoredAny>(json.as_bytes()).is_some() {
                return std::borrow::Cow::Owned(json.into_bytes());
            }
        }
    }
    std::borrow::Cow::Borrowed(body)
}

/// The time a log's record gives the lines after it that have none of their own: an
/// exception's line under logback's record, the last line of a Python traceback.
#[derive(Debug, Default)]
pub(crate) struct RecordTime(Option<i64>);

impl RecordTime {
    /// Notes the time near the start of an unindented line between messages, if it has one
    /// (a record begins there).
    /// An unindented line with no time that does not go on with a record (as an exception's
    /// line does) is a record of its own, with no time.
    pub(crate) fn note(&mut self, line: &[u8], year: i32) {
        if line.first().is_some_and(|b| !b.is_ascii_whitespace()) {
            let head = &line[..line.len().min(64)];
            match crate::applog::time::find_in_line(head, year) {
                Some(t) => self.0 = Some(t),
                None if !goes_on_with_a_record(line) => self.0 = None,
                None => {}
            }
        }
    }

    /// Gives the exchange just begun the record's time, when it has none of its own.
    pub(crate) fn stamp(&self, asm: &mut Assembler) {
        if asm.exchange.started.is_none() {
            asm.exchange.started = self.0.and_then(|ms| u64::try_from(ms).ok()).and_then(|ms| {
                std::time::UNIX_EPOCH.checked_add(std::time::Duration::from_millis(ms))
            });
        }
    }
}

/// Whether an unindented line goes on with the record before it: a traceback's header and
/// chaining sentences, or an exception's line (`requests.exceptions.HTTPError: 429 ...`,
/// `org.springframework.web.client.HttpServerErrorException$InternalServerError: 500 ...`).
fn goes_on_with_a_record(line: &[u8]) -> bool {
    const SENTENCES: [&[u8]; 3] = [
        b"Traceback (most recent call last):",
        b"The above exception was the direct cause",
        b"During handling of the above exception",
    ];
    if SENTENCES.iter().any(|s| line.starts_with(s)) {
        return true;
    }
    let Some(colon) = crate::find::memchr(b':', line) else {
        return false;
    };
    let name = &line[..colon];
    !name.is_empty()
        && name
            .iter()
            .all(|b| b.is_ascii_alphanumeric() || b"._$".contains(b))
        && [&b"Error"[..], b"Exception", b"Warning"]
            .iter()
            .any(|w| crate::find::memmem(name, w).is_some())
}
