//! `--summary`'s sink: every exchange counted into one report.
//!
//! On a long log the summary's windows, timeline and tables are a fifth of the work, and
//! they need nothing from the parser but what it handed out. So past the first
//! [`INLINE`] exchanges the counting moves to a thread of its own, fed in batches through
//! a bounded queue, and a second core counts while the parser reads on. The thread counts
//! the same exchanges in the same order, with the same credentials to hide, as counting
//! in place does: the report is the same either way.

use std::panic;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, SyncSender};
use std::thread::{self, JoinHandle};
use std::time::SystemTime;

use crate::error::Error;
use crate::explain::explain_exchange;
use crate::redact::Secrets;
use crate::run::input::{Sink, Step};
use crate::run::sinks::Tally;
use crate::summary::{Entry, Summary, exchange_status};
use crate::transcript::{Exchange, Frame};

/// How many exchanges are counted in place before the counting moves to a thread: a
/// short input starts none.
const INLINE: u64 = 4096;
/// How many exchanges go to the thread at once.
const BATCH: usize = 512;
/// How many batches may wait for the thread: the parser waits past that, which bounds
/// the memory they hold.
const QUEUED: usize = 4;

/// `--summary`: every exchange counted into one report.
pub(super) struct Summing {
    pub(super) tally: Tally,
    now: SystemTime,
    counter: Counter,
}

/// Where the exchanges are counted.
enum Counter {
    /// Here, as they come.
    Here(Box<Summary>),
    /// On a thread of its own.
    Thread(Worker),
}

/// The thread that counts, and what is on its way to it.
struct Worker {
    /// What goes to it next.
    batch: Vec<Counted>,
    to: SyncSender<Vec<Counted>>,
    /// The batches it counted, sent back whole: what they hold is dropped here, where it
    /// was made (a request's shared text is counted up and down on one core), and their
    /// room is used again.
    back: Receiver<Vec<Counted>>,
    handle: JoinHandle<Summary>,
    /// Whether a failure counted next would be listed, as the thread last knew it: once
    /// false it stays false, so a value that lags only asks the parser for request ids a
    /// little longer than the summary lists them.
    lists_failures: Arc<AtomicBool>,
    /// The credentials last sent to it.
    known: Secrets,
}

/// One thing the thread counts, or the credentials to hide in what follows.
enum Counted {
    Known(Secrets),
    Frame(Frame),
    Entry(Entry),
}

impl Summing {
    /// A sink that counts into an empty summary.
    pub(super) fn new(now: SystemTime) -> Summing {
        Summing {
            tally: Tally::default(),
            now,
            counter: Counter::Here(Box::default()),
        }
    }

    /// The summary of every exchange handed in, and the tally.
    pub(super) fn finish(self) -> (Summary, Tally) {
        let summary = match self.counter {
            Counter::Here(s) => *s,
            Counter::Thread(w) => w.finish(),
        };
        (summary, self.tally)
    }

    /// After an exchange was counted in place: moves the counting to a thread once
    /// [`INLINE`] were (where a thread cannot be started, counts on in place).
    fn maybe_move(&mut self) {
        let Counter::Here(s) = &self.counter else {
            return;
        };
        if self.tally.exchanges < INLINE {
            return;
        }
        let lists_failures = Arc::new(AtomicBool::new(s.lists_failures()));
        let (start_tx, start_rx) = mpsc::sync_channel::<Summary>(1);
        let (to, from) = mpsc::sync_channel::<Vec<Counted>>(QUEUED);
        // At most every batch there is comes back: the queue back needs no bound of its own.
        let (back_tx, back) = mpsc::channel::<Vec<Counted>>();
        let flag = Arc::clone(&lists_failures);
        let spawned = thread::Builder::new()
            .name("summary".into())
            .spawn(move || {
                let mut summary = start_rx.recv().unwrap_or_default();
                let mut known = Secrets::new();
                for batch in from {
                    for c in &batch {
                        match c {
                            Counted::Known(k) => known.clone_from(k),
                            Counted::Frame(f) => summary.add_frame(f, &known),
                            Counted::Entry(e) => summary.add_entry(e, &known),
                        }
                    }
                    flag.store(summary.lists_failures(), Ordering::Relaxed);
                    let _ = back_tx.send(batch);
                }
                summary
            });
        let Ok(handle) = spawned else {
            return;
        };
        let Counter::Here(s) = std::mem::replace(&mut self.counter, Counter::Here(Box::default()))
        else {
            return;
        };
        // The thread waits for this first: it cannot have gone.
        let _ = start_tx.send(*s);
        self.counter = Counter::Thread(Worker {
            batch: Vec::with_capacity(BATCH),
            to,
            back,
            handle,
            lists_failures,
            known: Secrets::new(),
        });
    }
}

impl Worker {
    /// Queues `c`, counted with the credentials `known`.
    fn push(&mut self, known: &Secrets, c: Counted) {
        if *known != self.known {
            self.known.clone_from(known);
            self.batch.push(Counted::Known(known.clone()));
        }
        self.batch.push(c);
        if self.batch.len() >= BATCH {
            let next = match self.back.try_recv() {
                Ok(mut counted) => {
                    counted.clear();
                    counted
                }
                Err(_) => Vec::with_capacity(BATCH),
            };
            let batch = std::mem::replace(&mut self.batch, next);
            // Only a thread that panicked stops taking: `finish` passes its panic on.
            let _ = self.to.send(batch);
        }
    }

    /// Sends what is left, and waits for the thread's summary.
    fn finish(mut self) -> Summary {
        let _ = self.to.send(std::mem::take(&mut self.batch));
        drop(self.to);
        match self.handle.join() {
            Ok(summary) => summary,
            Err(p) => panic::resume_unwind(p),
        }
    }
}

impl Sink for Summing {
    fn before_read(&mut self) -> Result<(), Error> {
        Ok(())
    }

    fn exchange(&mut self, x: &Exchange) -> Result<Step, Error> {
        match exchange_status(x) {
            Some(s) => self.tally.answered(s),
            // Why it got none, for the error when no exchange got one.
            None => self.tally.unanswered(explain_exchange(x, self.now).err()),
        }
        match &mut self.counter {
            Counter::Here(s) => {
                s.add(x);
                self.maybe_move();
            }
            Counter::Thread(w) => w.push(&x.secrets, Counted::Entry(Entry::of(x))),
        }
        Ok(Step::Go)
    }

    fn takes_frames(&self) -> bool {
        true
    }

    fn frame(&mut self, f: Frame, known: &Secrets) -> Result<Step, Error> {
        self.tally.answered(f.status);
        match &mut self.counter {
            Counter::Here(s) => {
                s.add_frame(&f, known);
                self.maybe_move();
            }
            Counter::Thread(w) => w.push(known, Counted::Frame(f)),
        }
        Ok(Step::Go)
    }

    fn wants_request_ids(&self) -> bool {
        match &self.counter {
            Counter::Here(s) => s.lists_failures(),
            Counter::Thread(w) => w.lists_failures.load(Ordering::Relaxed),
        }
    }
}
