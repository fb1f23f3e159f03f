//! What the summary reads of one exchange, owned: an [`Entry`] is made where the exchange
//! was read and counted wherever the summary is kept (`explain --summary` counts on a
//! thread of its own while the parser reads on).

use std::time::SystemTime;

use crate::redact::Secrets;
use crate::transcript::{Exchange, LoggedRequest};

use super::{Seen, Summary, exchange_status};

/// The fields of one exchange a summary counts, as [`Summary::add`] reads them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Entry {
    index: u64,
    status: Option<u16>,
    time: Option<SystemTime>,
    retry_after: Option<Box<str>>,
    problem: Option<Box<str>>,
    request_id: Option<Box<str>>,
    request: Option<LoggedRequest>,
}

impl Entry {
    /// What [`Summary::add`] would count of `x`.
    pub fn of(x: &Exchange) -> Entry {
        let status = exchange_status(x);
        let resp = x.final_response.as_ref().filter(|_| status.is_some());
        let header = |name| resp.and_then(|r| r.header(name));
        let date = header("date").and_then(|d| httpdate::parse_http_date(d.trim()).ok());
        Entry {
            index: x.index,
            status,
            time: x.started.or(date),
            retry_after: header("retry-after").map(Box::from),
            problem: header("x-rate-limit-problem").map(Box::from),
            request_id: resp.and_then(|r| r.request_id()).map(Box::from),
            request: resp
                .and_then(|r| r.request.as_deref())
                .or(x.request.as_deref())
                .map(|q| {
                    (
                        q.method.as_deref().map(Into::into),
                        q.target.as_str().into(),
                    )
                }),
        }
    }
}

impl Summary {
    /// Counts in an exchange read as an [`Entry`]; `secrets`: the credentials the input
    /// showed up to it, its own included (the exchange's own [`Exchange::secrets`]).
    pub fn add_entry(&mut self, e: &Entry, secrets: &Secrets) {
        self.count(&Seen {
            index: e.index,
            status: e.status,
            time: e.time,
            retry_after: e.retry_after.as_deref(),
            problem: e.problem.as_deref(),
            request_id: e.request_id.as_deref(),
            request: e.request.as_ref().map(|(m, t)| (m.as_deref(), &**t)),
            secrets,
        });
    }
}
