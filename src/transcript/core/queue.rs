//! Where completed exchanges go: kept as the last (the default parser), or queued to be
//! handed out as soon as each is complete (streaming parsers), with the fast lane's frames
//! for a summary among them; and what the fast lane does with its runs ([`Lane`]).

use std::collections::VecDeque;

use crate::transcript::{Exchange, Item};

/// What the fast lane does with the exchanges it takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Lane {
    /// Nothing: every exchange goes through the line machine (each is handed out whole).
    Off,
    /// Counts them (the default parser, which keeps only the last exchange).
    Count,
    /// Hands each out as a [`Frame`](crate::transcript::Frame) (a streaming parser for a
    /// summary).
    Frames,
    /// Hands each out as the [`Exchange`] the machine would have built (a streaming parser).
    Exchanges,
}

/// Where completed exchanges go.
#[derive(Debug)]
pub(crate) struct Outbox {
    /// Hand out every exchange (`next_exchange`) instead of keeping only the last.
    pub(crate) streaming: bool,
    /// Completed exchanges not yet handed out (streaming only).
    pub(crate) done: VecDeque<Item>,
    /// The last completed exchange (not streaming).
    pub(crate) last_done: Option<Exchange>,
    /// What the fast lane does with the runs of plain exchanges it takes.
    pub(crate) lane: Lane,
    /// Frames carry the request ids of failures.
    pub(crate) frame_ids: bool,
    /// The last completed exchange, streamed or kept, got no response and has a client's
    /// failure (what wget's lines after a TLS failure add to).
    pub(crate) failed_last: bool,
}

impl Outbox {
    /// An outbox that keeps the last exchange (`streaming` false) or queues every one, the
    /// fast lane's runs handled as `lane` says.
    pub(crate) fn new(streaming: bool, lane: Lane) -> Outbox {
        Outbox {
            streaming,
            done: VecDeque::new(),
            last_done: None,
            lane,
            frame_ids: true,
            failed_last: false,
        }
    }

    /// Takes a completed exchange: queued when streaming, else kept as the last.
    pub(crate) fn push(&mut self, x: Exchange) {
        self.failed_last = x.final_response.is_none() && !x.client_errors.is_empty();
        if self.streaming {
            self.done.push_back(Item::Exchange(x));
        } else {
            self.last_done = Some(x);
        }
    }

    /// The last completed exchange not handed out, if any.
    pub(crate) fn last(mut self) -> Option<Exchange> {
        if self.streaming {
            match self.done.pop_back() {
                Some(Item::Exchange(x)) => Some(x),
                _ => None,
            }
        } else {
            self.last_done
        }
    }

    /// The next completed exchange, in input order, frames skipped.
    pub(crate) fn next_exchange(&mut self) -> Option<Exchange> {
        while let Some(item) = self.done.pop_front() {
            if let Item::Exchange(x) = item {
                return Some(x);
            }
        }
        None
    }
}
