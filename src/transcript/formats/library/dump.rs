//! What follows a library's error line: the request config and response object an uncaught
//! axios error dumps, the start of the body Guzzle quotes, and the command line PowerShell
//! prints under its error. Each is read line by line into the response the line started.

use std::rc::Rc;

use crate::applog::Step;
use crate::transcript::core::assemble::{Assembler, Reading};
use crate::transcript::core::header_keep;
use crate::transcript::formats::applog;
use crate::transcript::formats::library::js::{key_value, to_json};
use crate::transcript::formats::library::record::{self, PyRecord};
use crate::transcript::formats::library::{Library, LibraryLine};
use crate::transcript::{MAX_REQUEST_BODY, Request, Response, Style};

use crate::transcript::formats::library::follow_state::*;

/// Starts the response a library's error line names, unless the Python log record being
/// read (`before`) holds the line already: then it is the same request, printed again.
pub(crate) fn start_library(
    asm: &mut Assembler,
    mut l: LibraryLine,
    before: Option<LibraryFollow>,
) -> Option<LibraryFollow> {
    let same_line_body = l.body.take();
    let python = record::is_python(l.library);
    let mut record = match before {
        Some(LibraryFollow::Python(r)) if python => Some(r),
        _ => None,
    };
    match record.as_mut().and_then(|r| r.repeats(&l)) {
        Some(true) => return record.map(LibraryFollow::Python),
        Some(false) => {}
        None => record = python.then(|| PyRecord::message(&l)),
    }
    let position = asm.begin_status(l.status);
    if let Some(url) = &l.url {
        asm.learn_request(&[], url, &[]);
    }
    let request = (l.method.is_some() || l.url.is_some()).then(|| {
        Rc::new(Request {
            method: l.method,
            target: l.url.unwrap_or_default(),
            headers: Vec::new(),
            headers_shown: false,
            body: Vec::new(),
            tls: false,
        })
    });
    asm.body.started = false;
    asm.current = Some(Response {
        version: String::new(),
        status: l.status,
        reason: l.reason,
        headers: Vec::new(),
        body: Vec::new(),
        body_bytes: 0,
        body_truncated: false,
        style: Style::Library(l.library),
        request,
        position,
        scanned: None,
        headers_skipped: 0,
    });
    if let Some(body) = same_line_body {
        // The body is on the line (a logger folded Guzzle's summary into it): nothing follows.
        asm.take_quoted_body(&body);
        asm.close_response();
        return record.map(LibraryFollow::Python);
    }
    let follow = match l.library {
        Library::Axios => LibraryFollow::Axios(Box::default()),
        Library::Guzzle => LibraryFollow::Guzzle(0),
        Library::DotNet | Library::WindowsPowerShell => LibraryFollow::PowerShell(0),
        _ => {
            asm.close_response();
            return record.map(LibraryFollow::Python);
        }
    };
    Some(follow)
}

/// Reads a line that may follow a library's error line; `false` when it does not belong
/// there (the following is over, and the line is read as any other). A Python log record
/// takes no line: each is read as any other, and the record goes on while it is part of it.
pub(crate) fn follow_line(
    follow: &mut Option<LibraryFollow>,
    asm: &mut Assembler,
    line: &[u8],
) -> bool {
    let Some(state) = follow.take() else {
        return false;
    };
    let taken = match state {
        LibraryFollow::Guzzle(n) => guzzle_line(follow, asm, line, n),
        LibraryFollow::PowerShell(n) => powershell_line(follow, asm, line, n),
        LibraryFollow::Axios(dump) => axios_line(follow, asm, line, dump),
        LibraryFollow::AppLog(mut f) => match applog::follow_line(&mut f, asm, line) {
            Step::Take => {
                *follow = Some(LibraryFollow::AppLog(f));
                return true;
            }
            Step::Done => return true,
            Step::Stop => return false,
        },
        LibraryFollow::Python(mut r) => {
            // Its response is closed already; every line is read as any other too.
            if asm.state == Reading::Outside && r.line(line) {
                *follow = Some(LibraryFollow::Python(r));
            }
            return false;
        }
    };
    if !taken {
        end_follow(follow, asm);
    }
    taken
}

/// Ends what is being followed at the end of the input.
pub(crate) fn finish_follow(follow: &mut Option<LibraryFollow>, asm: &mut Assembler) {
    match follow.take() {
        Some(LibraryFollow::AppLog(f)) => applog::end(*f, asm),
        Some(_) => asm.close_response(),
        None => {}
    }
}

fn end_follow(follow: &mut Option<LibraryFollow>, asm: &mut Assembler) {
    *follow = None;
    asm.close_response();
}

fn guzzle_line(
    follow: &mut Option<LibraryFollow>,
    asm: &mut Assembler,
    line: &[u8],
    n: u8,
) -> bool {
    let t = line.trim_ascii();
    // The summary is at most 120 bytes; PHP's ` in FILE:LINE` and `Stack trace:`, or a
    // logger's ` [] []`, follow.
    if n >= 4
        || t.is_empty()
        || line.starts_with(b" in ")
        || line.starts_with(b" [") && t.ends_with(b"]")
        || t.starts_with(b"Stack trace:")
        || t.starts_with(b"#0 ")
        || t.starts_with(b"thrown in ")
        // The next line of a log (Monolog's, Laravel's): the summary was all on its line.
        || crate::applog::is_log_line(line)
    {
        return false;
    }
    // Guzzle cuts the body at 120 bytes and says so: only the quoted text counts.
    let text = t.strip_suffix(b" (truncated...)").unwrap_or(t);
    asm.line.raw_len = text.len() as u64 + 1;
    asm.body_line(text);
    *follow = Some(LibraryFollow::Guzzle(n + 1));
    true
}

fn powershell_line(
    follow: &mut Option<LibraryFollow>,
    asm: &mut Assembler,
    line: &[u8],
    n: u8,
) -> bool {
    let t = line.trim_ascii();
    let ours = t.starts_with(b"At line:")
        || t.starts_with(b"At ") && t.contains(&b':')
        || t.starts_with(b"+ ");
    if n >= 8 || !ours {
        return false;
    }
    if let Some(cmd) = t.strip_prefix(b"+ ") {
        let words: Vec<&[u8]> = cmd
            .split(|b| *b == b' ')
            .filter(|w| !w.is_empty())
            .collect();
        let invoke = words.first().is_some_and(|w| {
            let w = w.to_ascii_lowercase();
            w.starts_with(b"invoke-restmethod")
                || w.starts_with(b"invoke-webrequest")
                || w == b"irm"
                || w == b"iwr"
        });
        if invoke {
            let unquote = |w: &[u8]| {
                String::from_utf8_lossy(w)
                    .trim_matches(|c| c == '"' || c == '\'')
                    .to_string()
            };
            let url = words
                .iter()
                .map(|w| unquote(w))
                .find(|w| w.starts_with("http://") || w.starts_with("https://"));
            let method = words
                .iter()
                .position(|w| w.eq_ignore_ascii_case(b"-method"))
                .and_then(|i| words.get(i + 1))
                .map(|m| unquote(m).to_ascii_uppercase());
            // `-Headers @{Authorization="Bearer ..."}`: never shown, but known as a secret.
            let text = String::from_utf8_lossy(cmd);
            let headers: Vec<(String, String)> = text
                .to_ascii_lowercase()
                .find("authorization=")
                .map(|i| {
                    let v = &text[i + 14..];
                    let q = v.chars().next().unwrap_or(' ');
                    let v = v.trim_start_matches(['"', '\'']);
                    let end = v.find([q, ';', '}']).unwrap_or(v.len());
                    vec![("Authorization".to_string(), v[..end].to_string())]
                })
                .unwrap_or_default();
            asm.learn_request(&headers, url.as_deref().unwrap_or(""), &[]);
            if let (Some(r), true) = (asm.current.as_mut(), url.is_some() || method.is_some()) {
                r.request = Some(Rc::new(Request {
                    method,
                    target: url.unwrap_or_default(),
                    headers: Vec::new(),
                    headers_shown: false,
                    body: Vec::new(),
                    tls: false,
                }));
            }
        }
    }
    *follow = Some(LibraryFollow::PowerShell(n + 1));
    true
}

fn axios_line(
    follow: &mut Option<LibraryFollow>,
    asm: &mut Assembler,
    line: &[u8],
    mut d: Box<AxiosDump>,
) -> bool {
    let n = indent(line);
    let t = String::from_utf8_lossy(line.trim_ascii());
    if n == 0 && t != "}" {
        return false;
    }
    if n == 0 {
        finish_axios(follow, asm, *d);
        return true;
    }
    if d.part == Part::ResponseData {
        if n <= 4 && !(n == 4 && t.starts_with(['}', ']'])) {
            d.part = Part::Response;
        } else {
            if d.data.len() < 2 * asm.limits.max_body {
                d.data.push_str(&t);
                d.data.push('\n');
            }
            if n == 4 {
                d.part = Part::Response;
            }
            *follow = Some(LibraryFollow::Axios(d));
            return true;
        }
    }
    match (n, d.part) {
        (2, _) => {
            d.part = match t.split(':').next().unwrap_or("") {
                "config" => Part::Config,
                "response" => Part::Response,
                _ => Part::Other,
            }
        }
        (4, Part::Config | Part::ConfigHeaders) => {
            d.part = Part::Config;
            match key_value(&t) {
                Some((k, _)) if k == "headers" && t.ends_with('{') => d.part = Part::ConfigHeaders,
                Some((k, Some(v))) if k == "method" => {
                    d.request.method = Some(v.to_ascii_uppercase())
                }
                Some((k, Some(v))) if k == "url" => d.request.target = v,
                Some((k, Some(v))) if k == "data" => {
                    d.request.body = v.into_bytes();
                    d.request.body.truncate(MAX_REQUEST_BODY);
                }
                _ => {}
            }
        }
        (6, Part::ConfigHeaders) => {
            if let Some((k, Some(v))) = key_value(&t) {
                header_keep::keep(&mut d.request.headers, asm.limits.max_headers, (k, v));
            }
        }
        (4, Part::Response | Part::ResponseHeaders) => {
            d.part = Part::Response;
            match key_value(&t) {
                Some((k, _)) if k == "headers" && t.ends_with('{') => {
                    d.part = Part::ResponseHeaders
                }
                Some((k, v)) if k == "statusText" => {
                    if let (Some(r), Some(v)) = (asm.current.as_mut(), v) {
                        r.reason = v;
                    }
                }
                Some((k, _)) if k == "data" => {
                    let value = t.split_once(':').map_or("", |(_, v)| v).trim();
                    d.data.clear();
                    d.data.push_str(value);
                    d.data.push('\n');
                    if value.ends_with(['{', '[']) || value.ends_with('+') {
                        d.part = Part::ResponseData;
                    }
                }
                _ => {}
            }
        }
        (6, Part::ResponseHeaders) => {
            let max = asm.limits.max_headers;
            if let (Some((k, Some(v))), Some(r)) = (key_value(&t), asm.current.as_mut()) {
                if !header_keep::keep(&mut r.headers, max, (k, v)) {
                    r.headers_skipped += 1;
                }
            }
        }
        _ => {}
    }
    *follow = Some(LibraryFollow::Axios(d));
    true
}

fn finish_axios(follow: &mut Option<LibraryFollow>, asm: &mut Assembler, d: AxiosDump) {
    let data = d.data.trim();
    let body = if data.starts_with(['\'', '"', '`']) {
        // A string: its text is the body.
        match key_value(&format!("d: {data}")) {
            Some((_, Some(s))) => s,
            _ => String::new(),
        }
    } else if data.starts_with(['{', '[']) {
        to_json(data)
    } else {
        String::new()
    };
    if !body.is_empty() {
        asm.state = Reading::ResponseBody;
        for line in body.split('\n') {
            asm.line.raw_len = line.len() as u64 + 1;
            asm.body_line(line.as_bytes());
        }
    }
    let shown = !d.request.headers.is_empty();
    asm.learn_request(&d.request.headers, &d.request.target, &d.request.body);
    if let Some(r) = asm.current.as_mut() {
        if shown || d.request.method.is_some() || !d.request.target.is_empty() {
            r.request = Some(Rc::new(Request {
                headers_shown: shown,
                ..d.request
            }));
        }
    }
    end_follow(follow, asm);
}
