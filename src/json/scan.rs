//! A resumable JSON scanner: bytes fed in blocks of any size, structure reported to a
//! [`Handler`] that decides, value by value, what to descend into, what to keep and what to
//! skip.
//!
//! It keeps no value whole unless asked: strings it is told to skip are passed over with
//! `memchr2(b'"', b'\\')`, so a 100 MiB body costs a scan and no memory. A value the handler
//! wants is recorded raw (quotes and escapes included) up to a limit it sets; a string's
//! content can be recorded as a bounded prefix while its full length is counted.
//!
//! Syntax is checked where structure is concerned (brackets, colons, commas, keys); the
//! inside of a skipped number or literal is not, and recorded values are checked by whoever
//! parses them.

use crate::find::memchr2;

/// The deepest nesting accepted; HARs nest a dozen levels (Chrome's async stacks a few more).
const MAX_DEPTH: usize = 512;
/// The longest key kept for routing, unless a handler asks for longer ones; longer keys
/// match nothing.
const MAX_KEY: usize = 64;

/// The kind of a value, as its first byte tells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ValueKind {
    Object,
    Array,
    String,
    /// A number, `true`, `false` or `null`.
    Literal,
}

/// What to do with a value that starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Action {
    /// Report the values inside this object or array (for a scalar: skip it).
    Descend,
    /// Pass over it.
    Skip,
    /// Record the value's raw JSON, up to this many bytes.
    Record(usize),
    /// Record a string's content (between the quotes, escapes as written), up to this many
    /// bytes, and count its full length. Anything but a string is skipped.
    Text(usize),
    /// Stop scanning: the handler has what it wants, or knows this is not its input.
    Stop,
}

/// What the scanner reports to.
pub(crate) trait Handler {
    /// A value starts: `key` is its member name inside an object (unescaped, `None` in an
    /// array or when longer than the routing limit).
    fn value(&mut self, in_object: bool, key: Option<&[u8]>, kind: ValueKind) -> Action;
    /// A value recorded with [`Action::Record`] ended; `complete` is false when it was longer
    /// than the limit (`raw` is then its start).
    fn recorded(&mut self, raw: &[u8], complete: bool);
    /// A string recorded with [`Action::Text`] ended: its raw prefix and its full raw length.
    fn text(&mut self, raw: &[u8], raw_len: u64);
    /// An object or array the handler descended into ended.
    fn end(&mut self) -> Action;
}

/// Why the scan stopped on bad input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    /// The byte offset of the fault from the start of the input.
    pub offset: u64,
    /// What was wrong.
    pub what: &'static str,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ScanState {
    /// Before the top-level value.
    Start,
    /// A value is expected (after `:`, or `,` in an array).
    Value,
    /// Just after `[`: a value or `]`.
    ArrayFirst,
    /// Just after `{`: a key or `}`.
    ObjectFirst,
    /// After `,` in an object: a key.
    Key,
    /// Inside a key.
    InKey,
    /// After a key: `:`.
    Colon,
    /// Inside a string value.
    InString,
    /// Inside a number or literal.
    InLiteral,
    /// After a value: `,` or a closing bracket.
    After,
    /// The top-level value ended, or the handler said stop.
    Done,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ScanMode {
    /// Values are reported.
    Report,
    /// Inside a value that is skipped or recorded: nothing is reported until the stack is
    /// back at `depth`.
    Quiet { depth: usize },
}

/// The scanner's state between blocks.
#[derive(Debug, Clone)]
pub(crate) struct Scanner {
    state: ScanState,
    escape: bool,
    /// Container kinds, innermost last: `true` for an object.
    stack: Vec<bool>,
    mode: ScanMode,
    key: Vec<u8>,
    /// The longest key kept.
    key_limit: usize,
    key_overflow: bool,
    key_escaped: bool,
    /// The value being recorded, if any.
    record: Option<Record>,
    /// The buffer of the last record, emptied, for the next.
    spare: Vec<u8>,
    /// Where, in the current block, the key or the recorded value resumes.
    mark: usize,
    /// Bytes consumed before the current block.
    offset: u64,
    /// How many bytes of a UTF-8 byte order mark were passed at the start.
    bom: usize,
}

#[derive(Debug, Clone)]
struct Record {
    buf: Vec<u8>,
    limit: usize,
    overflow: bool,
    /// A string's content only (quotes left out).
    text: bool,
    len: u64,
}

impl Record {
    fn push(&mut self, bytes: &[u8]) {
        self.len += bytes.len() as u64;
        let room = self.limit - self.buf.len();
        if bytes.len() > room {
            self.overflow = true;
        }
        self.buf.extend_from_slice(&bytes[..bytes.len().min(room)]);
    }
}

fn is_ws(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r')
}

fn is_literal_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'+' | b'.')
}

const BOM: &[u8] = b"\xEF\xBB\xBF";

impl Scanner {
    pub(crate) fn new() -> Scanner {
        Scanner::with_key_limit(MAX_KEY)
    }

    /// A scanner that reports keys up to `key_limit` bytes long (raw); longer ones are
    /// reported as `None`.
    pub(crate) fn with_key_limit(key_limit: usize) -> Scanner {
        Scanner {
            state: ScanState::Start,
            escape: false,
            stack: Vec::new(),
            mode: ScanMode::Report,
            key: Vec::new(),
            key_limit,
            key_overflow: false,
            key_escaped: false,
            record: None,
            spare: Vec::new(),
            mark: 0,
            offset: 0,
            bom: 0,
        }
    }

    /// Whether the scan has stopped: the top-level value ended or the handler said stop.
    pub(crate) fn done(&self) -> bool {
        self.state == ScanState::Done
    }

    /// How many bytes were scanned.
    pub(crate) fn offset(&self) -> u64 {
        self.offset
    }

    /// Scans one block.
    pub(crate) fn feed<H: Handler>(&mut self, block: &[u8], h: &mut H) -> Result<(), SyntaxError> {
        let mut block = block;
        if self.offset == self.bom as u64 && self.bom < BOM.len() {
            // A UTF-8 byte order mark, possibly split across blocks, is no JSON.
            let n = BOM[self.bom..]
                .iter()
                .zip(block)
                .take_while(|(a, b)| a == b)
                .count();
            if n == block.len() || self.bom + n == BOM.len() {
                self.bom += n;
                self.offset += n as u64;
                block = &block[n..];
            } else {
                self.bom = BOM.len();
            }
        }
        self.mark = 0;
        let result = self.scan(block, h);
        self.offset += block.len() as u64;
        result
    }

    /// Ends the input: an error when it stopped inside the top-level value.
    pub(crate) fn finish(&self) -> Result<(), SyntaxError> {
        match self.state {
            ScanState::Done => Ok(()),
            _ => Err(SyntaxError {
                offset: self.offset,
                what: if self.state == ScanState::Start {
                    "the input holds no JSON"
                } else {
                    "the input ends inside the JSON"
                },
            }),
        }
    }

    fn error(&self, at: usize, what: &'static str) -> SyntaxError {
        SyntaxError {
            offset: self.offset + at as u64,
            what,
        }
    }

    fn scan<H: Handler>(&mut self, block: &[u8], h: &mut H) -> Result<(), SyntaxError> {
        let mut i = 0;
        while i < block.len() {
            match self.state {
                ScanState::Done => return Ok(()),
                ScanState::InString | ScanState::InKey => {
                    if self.escape {
                        self.escape = false;
                        i += 1;
                        continue;
                    }
                    let Some(n) = memchr2(b'"', b'\\', &block[i..]) else {
                        break;
                    };
                    i += n;
                    if block[i] == b'\\' {
                        self.key_escaped |=
                            self.state == ScanState::InKey && self.mode == ScanMode::Report;
                        self.escape = true;
                        i += 1;
                    } else if self.state == ScanState::InKey {
                        if self.mode == ScanMode::Report {
                            self.push_key(&block[self.mark..i]);
                        }
                        self.state = ScanState::Colon;
                        i += 1;
                    } else {
                        let text = self.record.as_ref().is_some_and(|r| r.text);
                        self.scalar_ended(block, if text { i } else { i + 1 }, h);
                        i += 1;
                    }
                }
                ScanState::InLiteral => {
                    match block[i..].iter().position(|&b| !is_literal_byte(b)) {
                        None => i = block.len(),
                        Some(n) => {
                            i += n;
                            self.scalar_ended(block, i, h);
                        }
                    }
                }
                state => {
                    let b = block[i];
                    if is_ws(b) {
                        // Pretty-printed HARs indent every line: pass the run at once.
                        i += 1;
                        while i < block.len() && is_ws(block[i]) {
                            i += 1;
                        }
                        continue;
                    }
                    match state {
                        ScanState::ArrayFirst if b == b']' => self.close(false, block, i, h)?,
                        ScanState::Start | ScanState::Value | ScanState::ArrayFirst => {
                            let kind = match b {
                                b'{' => ValueKind::Object,
                                b'[' => ValueKind::Array,
                                b'"' => ValueKind::String,
                                _ if is_literal_byte(b) => ValueKind::Literal,
                                _ => return Err(self.error(i, "a value was expected")),
                            };
                            if state == ScanState::Start && kind != ValueKind::Object {
                                return Err(self.error(i, "the input is not a JSON object"));
                            }
                            self.start_value(kind, i, h)?;
                            if kind == ValueKind::Literal {
                                continue;
                            }
                        }
                        ScanState::ObjectFirst | ScanState::Key if b == b'"' => {
                            self.state = ScanState::InKey;
                            if self.mode == ScanMode::Report {
                                self.key.clear();
                                self.key_overflow = false;
                                self.key_escaped = false;
                                self.mark = i + 1;
                            }
                        }
                        ScanState::ObjectFirst if b == b'}' => self.close(true, block, i, h)?,
                        ScanState::ObjectFirst | ScanState::Key => {
                            return Err(self.error(i, "a key was expected"));
                        }
                        ScanState::Colon if b == b':' => self.state = ScanState::Value,
                        ScanState::Colon => return Err(self.error(i, "a ':' was expected")),
                        ScanState::After if b == b',' => {
                            self.state = if self.stack.last() == Some(&true) {
                                ScanState::Key
                            } else {
                                ScanState::Value
                            };
                        }
                        ScanState::After if b == b'}' || b == b']' => {
                            self.close(b == b'}', block, i, h)?
                        }
                        _ => return Err(self.error(i, "a ',' or a closing bracket was expected")),
                    }
                    i += 1;
                }
            }
        }
        // The block ends inside a key or a recorded value: keep what it holds.
        if let Some(r) = self.record.as_mut() {
            r.push(&block[self.mark.min(block.len())..]);
        } else if self.state == ScanState::InKey && self.mode == ScanMode::Report {
            self.push_key(&block[self.mark.min(block.len())..]);
        }
        Ok(())
    }
    fn push_key(&mut self, bytes: &[u8]) {
        let room = self.key_limit - self.key.len();
        if bytes.len() > room {
            self.key_overflow = true;
        }
        self.key.extend_from_slice(&bytes[..bytes.len().min(room)]);
    }

    fn start_value<H: Handler>(
        &mut self,
        kind: ValueKind,
        at: usize,
        h: &mut H,
    ) -> Result<(), SyntaxError> {
        let depth = self.stack.len();
        if self.mode == ScanMode::Report {
            let in_object = self.stack.last() == Some(&true);
            if in_object && self.key_escaped && !self.key_overflow {
                // Rare: a key written with escapes is compared unescaped.
                let mut k = Vec::new();
                super::unescape::unescape(&self.key, &mut k);
                self.key = k;
            }
            let key = (in_object && !self.key_overflow).then_some(self.key.as_slice());
            let action = h.value(in_object, key, kind);
            match action {
                Action::Stop => {
                    self.state = ScanState::Done;
                    return Ok(());
                }
                Action::Descend if matches!(kind, ValueKind::Object | ValueKind::Array) => {}
                Action::Record(limit) => {
                    self.start_record(limit, false);
                    self.mark = at;
                    self.mode = ScanMode::Quiet { depth };
                }
                Action::Text(limit) if kind == ValueKind::String => {
                    self.start_record(limit, true);
                    self.mark = at + 1;
                    self.mode = ScanMode::Quiet { depth };
                }
                _ => self.mode = ScanMode::Quiet { depth },
            }
        }
        match kind {
            ValueKind::Object | ValueKind::Array => {
                if depth >= MAX_DEPTH {
                    return Err(self.error(at, "the JSON nests too deep"));
                }
                self.stack.push(kind == ValueKind::Object);
                self.state = if kind == ValueKind::Object {
                    ScanState::ObjectFirst
                } else {
                    ScanState::ArrayFirst
                };
            }
            ValueKind::String => self.state = ScanState::InString,
            ValueKind::Literal => self.state = ScanState::InLiteral,
        }
        Ok(())
    }

    /// Starts recording a value, in the last record's buffer: one allocation for all.
    fn start_record(&mut self, limit: usize, text: bool) {
        self.record = Some(Record {
            buf: std::mem::take(&mut self.spare),
            limit,
            overflow: false,
            text,
            len: 0,
        });
    }

    fn close<H: Handler>(
        &mut self,
        object: bool,
        block: &[u8],
        at: usize,
        h: &mut H,
    ) -> Result<(), SyntaxError> {
        if self.stack.pop() != Some(object) {
            return Err(self.error(at, "a closing bracket does not match its opening one"));
        }
        self.state = if self.stack.is_empty() {
            ScanState::Done
        } else {
            ScanState::After
        };
        if self.mode == ScanMode::Report {
            // A container the handler descended into.
            if h.end() == Action::Stop {
                self.state = ScanState::Done;
            }
        } else {
            self.value_ended(block, at + 1, h);
        }
        Ok(())
    }

    /// A string or literal ended; `end` is where its recorded bytes end in `block`.
    fn scalar_ended<H: Handler>(&mut self, block: &[u8], end: usize, h: &mut H) {
        self.state = ScanState::After;
        self.value_ended(block, end, h);
    }

    /// A value ended in quiet mode: when it is the skipped or recorded one, report resumes.
    fn value_ended<H: Handler>(&mut self, block: &[u8], end: usize, h: &mut H) {
        match self.mode {
            ScanMode::Quiet { depth } if self.stack.len() == depth => {}
            _ => return,
        }
        self.mode = ScanMode::Report;
        if let Some(mut r) = self.record.take() {
            r.push(&block[self.mark.min(end)..end]);
            if r.text {
                h.text(&r.buf, r.len);
            } else {
                h.recorded(&r.buf, !r.overflow);
            }
            r.buf.clear();
            self.spare = r.buf;
        }
    }
}
