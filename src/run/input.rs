//! Reading `explain`'s input: decoded (a BOM, UTF-16), recognised as a HAR or a transcript
//! by its content, and parsed in bounded memory, one block at a time.
//!
//! Until the input shows whether it is a HAR (a JSON object whose `log` holds `entries`),
//! each block goes to both the HAR reader and the transcript parser; once it is known, only
//! to the one that reads it.
//!
//! Streamed (`--each`, `--exchange N`), every exchange goes to a [`Sink`] as soon as it is
//! complete, a transcript's and a HAR entry's alike, with the credentials the input showed
//! so far; the output is flushed before each read that may wait.

use std::io::{self, BufRead, BufReader, Read};

use crate::error::{Error, InputSource};
use crate::har::{Converted, Detect, HarError, HarParser, convert};
use crate::host::{HostFilter, request_host};
use crate::redact::Secrets;
use crate::run::progress::Progress;
use crate::transcript::{Decoder, Exchange, Frame, Item, Limits, Parser, Request, Transcript};

/// The size of each read: large enough to stream at memory speed, small enough to bound
/// memory.
const CHUNK: usize = 64 * 1024;
/// How many other hosts an error about `--host` names.
const MAX_HOSTS: usize = 6;

/// What a HAR held, beside the exchanges.
#[derive(Debug, Clone, Default)]
pub struct HarRead {
    /// How many entries were read.
    pub entries: u64,
    /// Where the HAR broke off, if it did.
    pub error: Option<HarError>,
}

/// What `--host` saw: the exchanges (or HAR entries) read, and those kept.
#[derive(Debug, Clone, Default)]
pub struct HostTally {
    /// How many exchanges were read.
    pub seen: u64,
    /// How many were kept (all of them without `--host`).
    pub kept: u64,
    /// How many kept exchanges got a response.
    pub responded: u64,
    /// How many exchanges showed no host (with `--host`).
    pub hostless: u64,
    /// The first few other hosts the exchanges went to (with `--host`), to say what there was.
    pub hosts: Vec<String>,
}

/// The input, read.
#[derive(Debug)]
pub struct Input {
    /// The transcript to explain (for a HAR: its last kept entry, as a transcript holds it).
    pub transcript: Transcript,
    /// Set when the input was a HAR.
    pub har: Option<HarRead>,
    /// The exchanges read and kept.
    pub tally: HostTally,
}

/// Whether to read on after an exchange was handed out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Read on.
    Go,
    /// Stop reading: the exchange wanted has come.
    Stop,
}

/// Where streamed exchanges go.
pub trait Sink {
    /// Before each read that may wait: flush what was written.
    fn before_read(&mut self) -> Result<(), Error>;
    /// One exchange, complete, in input order.
    fn exchange(&mut self, x: &Exchange) -> Result<Step, Error>;
    /// Whether it takes the runs of plain exchanges as [`Frame`]s (a summary, which reads
    /// only a few fields of each), rather than each as a whole [`Exchange`].
    fn takes_frames(&self) -> bool {
        false
    }
    /// One exchange as a [`Frame`], complete, in input order (only when
    /// [`Sink::takes_frames`]); `known`: the credentials the input showed up to it.
    fn frame(&mut self, f: Frame, known: &Secrets) -> Result<Step, Error> {
        let _ = (f, known);
        Ok(Step::Go)
    }
    /// Whether the frames to come are to carry the request ids of failures.
    fn wants_request_ids(&self) -> bool {
        true
    }
}

struct Reading<'a> {
    har: Option<HarParser>,
    transcript: Option<Parser>,
    host: Option<&'a HostFilter>,
    read: HarRead,
    tally: HostTally,
    /// The last HAR entry kept, and its number.
    last: Option<(Converted, u64)>,
    /// With `--host` and no sink: the last transcript exchange kept.
    last_kept: Option<Exchange>,
    secrets: Secrets,
    /// Streamed: where each exchange goes, and what it has said.
    sink: Option<&'a mut dyn Sink>,
    step: Step,
    failed: Option<Error>,
    /// The credentials the transcript's exchanges showed so far (streamed).
    known: Secrets,
}

impl Reading<'_> {
    fn text(&mut self, text: &[u8]) {
        if self.step == Step::Stop {
            return;
        }
        if let Some(p) = self.transcript.as_mut() {
            p.feed(text);
        }
        if let Some(har) = self.har.as_mut() {
            match har.feed(text) {
                Detect::Har => self.transcript = None,
                Detect::NotHar => self.har = None,
                Detect::Undecided => {}
            }
            self.entries();
        }
        // A transcript's exchanges go out once the input is known to be no HAR.
        if self.har.is_none() {
            self.hand_out();
        }
    }

    /// Hands the transcript's completed exchanges to the sink (streamed), or keeps the last
    /// that went to `--host`.
    fn hand_out(&mut self) {
        while self.step == Step::Go && (self.sink.is_some() || self.host.is_some()) {
            let Some(item) = self.transcript.as_mut().and_then(Parser::next_item) else {
                return;
            };
            let mut x = match item {
                Item::Exchange(x) => x,
                Item::Frame(f) => {
                    self.give_frame(f);
                    continue;
                }
            };
            if !x.secrets.is_empty() {
                self.known.absorb(&x.secrets);
            }
            // A redirect chain went where its final request went.
            let request = x
                .final_response
                .as_ref()
                .and_then(|r| r.request.clone())
                .or_else(|| x.request.clone());
            if !self.keep(request.as_deref()) {
                continue;
            }
            // One numbering, with or without `--host`: the exchange's place in the input.
            x.index = self.tally.seen;
            self.tally.responded += u64::from(x.got_response());
            if !self.known.is_empty() {
                x.secrets = self.known.clone();
            }
            if self.sink.is_some() {
                self.give(x);
            } else {
                self.last_kept = Some(x);
            }
        }
    }

    /// Counts an exchange, and says whether `--host` keeps it.
    fn keep(&mut self, request: Option<&Request>) -> bool {
        self.tally.seen += 1;
        if let Some(filter) = self.host {
            match request.and_then(request_host) {
                None => {
                    self.tally.hostless += 1;
                    return false;
                }
                Some(h) if !filter.matches(&h) => {
                    let shown = h.to_string();
                    if self.tally.hosts.len() < MAX_HOSTS && !self.tally.hosts.contains(&shown) {
                        self.tally.hosts.push(shown);
                    }
                    return false;
                }
                Some(_) => {}
            }
        }
        self.tally.kept += 1;
        true
    }

    /// Hands out a frame (only a sink that takes frames gets a parser that makes them).
    fn give_frame(&mut self, mut f: Frame) {
        if !f.secrets.is_empty() {
            self.known.absorb(&f.secrets);
        }
        if !self.keep(None) {
            return;
        }
        f.index = self.tally.seen;
        self.tally.responded += 1;
        let Some(sink) = self.sink.as_mut() else {
            return;
        };
        let said = sink.frame(f, &self.known);
        let ids = sink.wants_request_ids();
        self.heard(said);
        if let Some(p) = self.transcript.as_mut() {
            p.keep_request_ids(ids);
        }
    }

    fn give(&mut self, x: Exchange) {
        let Some(sink) = self.sink.as_mut() else {
            return;
        };
        let said = sink.exchange(&x);
        self.heard(said);
        // Its buffers serve the next exchange the parser builds.
        if let Some(p) = self.transcript.as_mut() {
            p.recycle(x);
        }
    }

    /// What the sink said of what it was given: read on, stop, or its failure.
    fn heard(&mut self, said: Result<Step, Error>) {
        match said {
            Ok(step) => self.step = step,
            Err(e) => {
                self.failed = Some(e);
                self.step = Step::Stop;
            }
        }
    }

    fn entries(&mut self) {
        let Some(har) = self.har.as_mut() else {
            return;
        };
        for entry in har.take_entries() {
            self.read.entries += 1;
            let c = convert(entry, &mut self.secrets);
            if !self.keep(Some(&c.request)) {
                continue;
            }
            self.tally.responded += u64::from(c.response.is_some());
            if self.sink.is_some() {
                if self.step == Step::Go {
                    let mut x = exchange_of(c, self.tally.seen);
                    x.secrets = self.secrets.clone();
                    self.give(x);
                }
            } else {
                self.last = Some((c, self.tally.seen));
            }
        }
    }

    /// How many exchanges (or HAR entries) were read so far.
    fn exchanges(&self) -> u64 {
        match (&self.har, &self.transcript) {
            (Some(har), None) => har.entries_read(),
            (_, Some(p)) => p.exchanges_so_far(),
            (None, None) => self.read.entries,
        }
    }

    fn done(&self) -> bool {
        self.step == Step::Stop
            || self.transcript.is_none() && self.har.as_ref().is_some_and(HarParser::done)
    }
}

/// Reads the whole input from `source`; `host` keeps only the HAR entries whose request
/// went there. `progress` counts the bytes, and shows a line on stderr when it is to.
pub fn read_input(
    input: impl Read,
    source: &InputSource,
    host: Option<&HostFilter>,
    progress: Progress,
    year: i32,
) -> Result<Input, Error> {
    read(input, source, host, None, (progress, year))
}

/// Reads the input from `source` and hands every exchange to `sink` as soon as it is
/// complete (with `host`, only those whose request went there), until the sink says stop.
/// The error is the sink's (a failed write) or a failure to read.
pub fn stream_input(
    input: impl Read,
    source: &InputSource,
    host: Option<&HostFilter>,
    sink: &mut dyn Sink,
    progress: Progress,
    year: i32,
) -> Result<Input, Error> {
    read(input, source, host, Some(sink), (progress, year))
}

/// Reads the input; the error is a failure to read it, or the sink's. `year`: the current
/// year, for log lines whose times have none.
fn read<'a>(
    input: impl Read,
    source: &InputSource,
    host: Option<&'a HostFilter>,
    sink: Option<&'a mut dyn Sink>,
    (mut progress, year): (Progress, i32),
) -> Result<Input, Error> {
    // With --host, a transcript's exchanges are all read to keep the last that went there.
    let streaming = sink.is_some() || host.is_some();
    // A summary takes runs of plain exchanges as frames; with --host every exchange is
    // looked at for where it went.
    let frames = host.is_none() && sink.as_ref().is_some_and(|s| s.takes_frames());
    let mut r = Reading {
        har: Some(HarParser::new()),
        transcript: Some(
            if frames {
                Parser::streaming_frames(Limits::default())
            } else if streaming {
                Parser::streaming(Limits::default())
            } else {
                Parser::new()
            }
            .log_year(year),
        ),
        host,
        read: HarRead::default(),
        tally: HostTally::default(),
        last: None,
        last_kept: None,
        secrets: Secrets::new(),
        sink,
        step: Step::Go,
        failed: None,
        known: Secrets::new(),
    };
    let mut decoder = Decoder::new();
    // BufReader's buffer is not zeroed first, and is read into directly. A small file's
    // fits it, with room to see its end.
    let capacity = progress.total().map_or(CHUNK, |n| {
        usize::try_from(n).map_or(CHUNK, |n| n.saturating_add(1).clamp(4096, CHUNK))
    });
    let mut reader = BufReader::with_capacity(capacity, input);
    // A HAR is done when its entries end: what follows them is not read.
    while !r.done() {
        if let Some(sink) = r.sink.as_mut() {
            if let Err(e) = sink.before_read() {
                r.failed = Some(e);
                break;
            }
        }
        let chunk = match reader.fill_buf() {
            Ok(chunk) => chunk,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(source.unreadable(e)),
        };
        if chunk.is_empty() {
            break;
        }
        let n = chunk.len();
        decoder.feed(chunk, &mut |text: &[u8]| r.text(text));
        reader.consume(n);
        progress.advance(n, || r.exchanges());
    }
    drop(progress);
    decoder.finish(&mut |text: &[u8]| r.text(text));
    if let Some(mut har) = r.har.take() {
        let end = har.finish();
        if har.detect() == Detect::Har {
            r.har = Some(har);
            r.entries();
            // A read stopped at the exchange asked for (`--exchange N`) saw no HAR end early:
            // it did not read on to see.
            if r.step != Step::Stop {
                r.read.error = end.err();
            }
            r.transcript = None;
        }
    }
    let encoding = Some(decoder.encoding());
    if r.transcript.is_some() {
        // The input was no HAR after all (or ended undecided): its exchanges go out now.
        if let Some(p) = r.transcript.as_mut() {
            p.end();
        }
        r.hand_out();
    }
    if let Some(failed) = r.failed.take() {
        return Err(failed);
    }
    let Some(parser) = r.transcript else {
        let mut t = transcript_of(r.last, r.secrets);
        t.exchanges = r.tally.kept;
        t.responded = r.tally.responded;
        t.encoding = encoding;
        return Ok(Input {
            transcript: t,
            har: Some(r.read),
            tally: r.tally,
        });
    };
    let mut t = parser.finish();
    if r.host.is_some() {
        t.last = r.last_kept.unwrap_or_default();
        t.exchanges = r.tally.kept;
        t.responded = r.tally.responded;
        t.secrets = r.known;
    } else if r.tally.seen == 0 {
        // Not streamed: the parser counted its exchanges itself.
        r.tally.seen = t.exchanges;
        r.tally.kept = t.exchanges;
        r.tally.responded = t.responded;
    }
    t.encoding = encoding;
    Ok(Input {
        transcript: t,
        har: None,
        tally: r.tally,
    })
}

/// The transcript whose last exchange is a converted entry, the `index`th of the input.
fn transcript_of(last: Option<(Converted, u64)>, secrets: Secrets) -> Transcript {
    let mut t = Transcript {
        secrets,
        ..Transcript::default()
    };
    if let Some((c, index)) = last {
        t.last = exchange_of(c, index);
    }
    t
}

/// The exchange a converted HAR entry stands for: its `index` is its place among the
/// entries.
pub fn exchange_of(c: Converted, index: u64) -> Exchange {
    let mut x = Exchange {
        index,
        request: Some(c.request),
        started: c.started,
        ..Exchange::default()
    };
    if let Some(r) = c.response {
        x.chain.head.push(r.status);
        x.final_response = Some(r);
    }
    x.client_errors.extend(c.failure);
    x
}

#[cfg(test)]
mod tests;
