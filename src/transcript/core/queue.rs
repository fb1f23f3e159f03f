//! Where completed exchanges go: kept as the last (the default parser), or queued to be
//! handed out as soon as each is complete (streaming parsers), with the fast lane's frames
//! for a summary among them.

use std::collections::VecDeque;

use crate::transcript::Exchange;
use crate::transcript::fast::exchange::Spare;
use crate::transcript::fast::lane::{DateCache, Item, Lane};

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
    /// Buffers of an exchange handed back, for the next one the fast lane builds.
    pub(crate) spare: Spare,
    /// The last `Date` a frame had, parsed.
    pub(crate) frame_date: DateCache,
    /// Frames carry the request ids of failures.
    pub(crate) frame_ids: bool,
    /// The last body the fast lane learned nothing from (bounded by `max_body`).
    pub(crate) barren_body: Vec<u8>,
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
            spare: Spare::default(),
            frame_date: DateCache::default(),
            frame_ids: true,
            barren_body: Vec::new(),
        }
    }

    /// Takes a completed exchange: queued when streaming, else kept as the last.
    pub(crate) fn push(&mut self, x: Exchange) {
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

    /// Keeps an exchange handed back, for the fast lane to build the next ones in.
    pub(crate) fn recycle(&mut self, x: Exchange) {
        if self.lane == Lane::Exchanges {
            self.spare.keep(x);
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
