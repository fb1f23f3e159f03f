//! Reading `explain`'s input: decoded (a BOM, UTF-16), recognised as a HAR or a transcript
//! by its content, and parsed in bounded memory, one block at a time.
//!
//! Until the input shows whether it is a HAR (a JSON object whose `log` holds `entries`),
//! each block goes to both the HAR reader and the transcript parser; once it is known, only
//! to the one that reads it.

use std::io::{self, BufRead, BufReader, Read};

use crate::har::{Converted, Detect, HarError, HarParser, convert};
use crate::host::{HostFilter, request_host};
use crate::redact::Secrets;
use crate::transcript::{Decoder, Exchange, Parser, Transcript};

/// The size of each read: large enough to stream at memory speed, small enough to bound
/// memory.
const CHUNK: usize = 64 * 1024;
/// How many other hosts an error about `--host` names.
const MAX_HOSTS: usize = 6;

/// What a HAR held, beside the exchange that is explained.
#[derive(Debug, Clone, Default)]
pub struct HarRead {
    /// How many entries were read.
    pub entries: u64,
    /// How many were kept (all of them without `--host`).
    pub kept: u64,
    /// How many kept entries got a response.
    pub responded: u64,
    /// How many entries showed no host (with `--host`).
    pub hostless: u64,
    /// The first few hosts the entries went to (with `--host`), to say what there was.
    pub hosts: Vec<String>,
    /// Where the HAR broke off, if it did.
    pub error: Option<HarError>,
}

/// The input, read.
#[derive(Debug)]
pub struct Input {
    /// The transcript to explain (for a HAR: its last kept entry, as a transcript holds it).
    pub transcript: Transcript,
    /// Set when the input was a HAR.
    pub har: Option<HarRead>,
}

struct Reading<'a> {
    har: Option<HarParser>,
    transcript: Option<Parser>,
    host: Option<&'a HostFilter>,
    read: HarRead,
    last: Option<Converted>,
    secrets: Secrets,
}

impl Reading<'_> {
    fn text(&mut self, text: &[u8]) {
        if let Some(p) = self.transcript.as_mut() {
            p.feed(text);
        }
        let Some(har) = self.har.as_mut() else {
            return;
        };
        match har.feed(text) {
            Detect::Har => self.transcript = None,
            Detect::NotHar => self.har = None,
            Detect::Undecided => {}
        }
        self.entries();
    }

    fn entries(&mut self) {
        let Some(har) = self.har.as_mut() else {
            return;
        };
        for entry in har.take_entries() {
            self.read.entries += 1;
            let c = convert(entry, &mut self.secrets);
            if let Some(filter) = self.host {
                match request_host(&c.request) {
                    None => {
                        self.read.hostless += 1;
                        continue;
                    }
                    Some(h) if !filter.matches(&h) => {
                        let shown = h.to_string();
                        if self.read.hosts.len() < MAX_HOSTS && !self.read.hosts.contains(&shown) {
                            self.read.hosts.push(shown);
                        }
                        continue;
                    }
                    Some(_) => {}
                }
            }
            self.read.kept += 1;
            self.read.responded += u64::from(c.response.is_some());
            self.last = Some(c);
        }
    }

    fn done(&self) -> bool {
        self.transcript.is_none() && self.har.as_ref().is_some_and(HarParser::done)
    }
}

/// Reads the whole input; `host` keeps only the HAR entries whose request went there.
pub fn read_input(input: impl Read, host: Option<&HostFilter>) -> io::Result<Input> {
    let mut r = Reading {
        har: Some(HarParser::new()),
        transcript: Some(Parser::new()),
        host,
        read: HarRead::default(),
        last: None,
        secrets: Secrets::new(),
    };
    let mut decoder = Decoder::new();
    // BufReader's buffer is not zeroed first, and is read into directly.
    let mut reader = BufReader::with_capacity(CHUNK, input);
    // A HAR is done when its entries end: what follows them is not read.
    while !r.done() {
        let chunk = match reader.fill_buf() {
            Ok(chunk) => chunk,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if chunk.is_empty() {
            break;
        }
        let n = chunk.len();
        decoder.feed(chunk, &mut |text: &[u8]| r.text(text));
        reader.consume(n);
    }
    decoder.finish(&mut |text: &[u8]| r.text(text));
    if let Some(mut har) = r.har.take() {
        let end = har.finish();
        if har.detect() == Detect::Har {
            r.har = Some(har);
            r.entries();
            r.read.error = end.err();
            r.transcript = None;
        }
    }
    let encoding = Some(decoder.encoding());
    let Some(parser) = r.transcript else {
        let mut t = transcript_of(r.last, r.secrets);
        t.encoding = encoding;
        return Ok(Input {
            transcript: t,
            har: Some(r.read),
        });
    };
    let mut t = parser.finish();
    t.encoding = encoding;
    Ok(Input {
        transcript: t,
        har: None,
    })
}

/// The transcript a single converted entry stands for.
fn transcript_of(last: Option<Converted>, secrets: Secrets) -> Transcript {
    let mut t = Transcript {
        secrets,
        ..Transcript::default()
    };
    if let Some(c) = last {
        t.exchanges = 1;
        t.last = exchange_of(c, 1);
        t.responded = u64::from(t.last.got_response());
    }
    t
}

/// The exchange a converted HAR entry stands for: its `index` is its place among the
/// entries kept.
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
