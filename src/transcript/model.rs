//! The exchange: one request's attempt, as a transcript shows it — its interim answers, the
//! redirects that were followed, and the final response, or no response at all.

use std::rc::Rc;
use std::time::SystemTime;

use crate::redact::Secrets;
use crate::transcript::{Chain, ClientError, Request, Response, Style};

/// One request's attempt: the unit the input is cut into.
///
/// An exchange ends at its final response (a 101 ends one too); a redirect that was followed
/// (`curl -iL`, `curl -vL`, wget's `[following]`) and an interim 1xx stay in the same
/// exchange. A client's failure line (`curl: (7) ...`) between two captures is an exchange
/// of its own, one that got no response.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Exchange {
    /// Its place in the input, counting from 1.
    pub index: u64,
    /// The final response: the last one that is not 1xx (a 101 counts as final), or the
    /// last 1xx if there is no other.
    pub final_response: Option<Response>,
    /// Every status of this exchange, in order, bounded.
    pub chain: Chain,
    /// Client error lines that belong to this exchange (`curl: (N) ...`, wget's failures).
    pub client_errors: Vec<ClientError>,
    /// The first line that started like a status line but was not one (`HTTP/1.1 4`).
    pub broken_status_line: Option<String>,
    /// The first request the transcript shows for this exchange, if any.
    pub request: Option<Rc<Request>>,
    /// When the capture tool says the exchange started, where it wrote a full timestamp
    /// (the text formats read today write none; HAR's `startedDateTime` is one).
    pub started: Option<SystemTime>,
    /// The credentials this exchange showed: what its requests sent and its responses
    /// issued (bounded; see [`Secrets`]).
    pub secrets: Secrets,
    /// What `curl -w` gave as `%{time_total}` for it, in microseconds.
    pub write_out_micros: Option<u64>,
    /// With `curl --trace-time`: how long after its request was sent its final response
    /// began, in microseconds.
    pub response_after_micros: Option<u64>,
}

impl Exchange {
    /// The one exchange a lone status code stands for, as `curl -s -o /dev/null -w
    /// '%{http_code}' URL` prints it: a response of that status with no headers, or, for
    /// `000`, no response.
    pub fn from_bare_code(code: u16) -> Exchange {
        let mut x = Exchange {
            index: 1,
            ..Exchange::default()
        };
        if code == 0 {
            x.client_errors.push(ClientError {
                code: None,
                message: String::new(),
                after: 0,
            });
        } else {
            x.chain.head.push(code);
            x.final_response = Some(Response {
                version: String::new(),
                status: code,
                reason: String::new(),
                headers: Vec::new(),
                body: Vec::new(),
                body_bytes: 0,
                body_truncated: false,
                style: Style::CurlWriteOut,
                request: None,
                position: 0,
                scanned: None,
                headers_skipped: 0,
            });
        }
        x
    }

    /// Whether a response ended the exchange: a final status (2xx-5xx) or a 101.
    pub fn got_response(&self) -> bool {
        self.final_response
            .as_ref()
            .is_some_and(|r| r.status >= 200 || r.status == 101)
    }

    /// The final status, when [`Exchange::got_response`].
    pub fn status(&self) -> Option<u16> {
        self.final_response
            .as_ref()
            .map(|r| r.status)
            .filter(|s| *s >= 200 || *s == 101)
    }
}
