//! How a parser hands out what it read: streaming parsers that queue every exchange (or,
//! for a summary, frames) as soon as it is complete, and the queue's end.

use crate::transcript::Exchange;
use crate::transcript::Limits;
use crate::transcript::core::machine::Parser;
use crate::transcript::fast::lane::{Item, Lane};

impl Parser {
    /// A parser that hands out every exchange as soon as it is complete: drain
    /// [`Parser::next_exchange`] after each [`Parser::feed`] and after [`Parser::end`].
    /// Undrained exchanges are kept, so a caller that never drains holds them all.
    pub fn streaming(limits: Limits) -> Parser {
        Parser {
            streaming: true,
            lane: Lane::Exchanges,
            ..Parser::with_limits(limits)
        }
    }

    /// A streaming parser for a summary of many exchanges: a run of plain `curl -i`
    /// exchanges comes out as [`Frame`](crate::transcript::Frame)s, which hold only what a summary
    /// reads, and the others as [`Exchange`]s. Drain it with [`Parser::next_item`].
    pub fn streaming_frames(limits: Limits) -> Parser {
        Parser {
            lane: Lane::Frames,
            ..Parser::streaming(limits)
        }
    }

    /// Turns the fast lane off (`false`): every exchange goes through the line machine. The
    /// result is the same either way; this is for comparing the two.
    pub fn fast_lane(mut self, on: bool) -> Parser {
        if !on {
            self.lane = Lane::Off;
        }
        self
    }

    /// How many exchanges have begun so far (for a progress line).
    pub fn exchanges_so_far(&self) -> u64 {
        self.out.exchanges
    }

    /// The next completed exchange, in input order (streaming parsers only). A parser made
    /// by [`Parser::streaming_frames`] hands out its frames by [`Parser::next_item`] only.
    pub fn next_exchange(&mut self) -> Option<Exchange> {
        while let Some(item) = self.done.pop_front() {
            if let Item::Exchange(x) = item {
                return Some(x);
            }
        }
        None
    }

    /// The next completed exchange or frame, in input order (streaming parsers only).
    pub fn next_item(&mut self) -> Option<Item> {
        self.done.pop_front()
    }
}
