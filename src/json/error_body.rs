//! A streaming scan of a JSON error body for the errors it lists, however far past the kept
//! prefix they stand: bytes in, any chunking, bounded memory (a bounded stack of keys, the
//! first [`MAX_SCANNED`] errors, each message cut at `MAX_TEXT` bytes) and a count of the
//! rest. It is a `Handler` of the resumable `Scanner` (`scan.rs`), which skips what it
//! is not asked to read.
//!
//! It looks for errors where `error_keys.rs` says they live: under a
//! top-level `errors`, `ModelState` or `invalid-params` (keyed by field, a list of strings,
//! or a list of objects with a message and a field), and under ABP's
//! `error.validationErrors`.

use super::error_keys::{
    ERROR, LISTS, NO_FIELD, SCAN_ITEM_FIELD, SCAN_ITEM_FIELD_PARTS, SCAN_ITEM_MESSAGE,
    VALIDATION_ERRORS,
};
use super::scan::{Action, Handler, Scanner, ValueKind};

/// At most this many errors are kept; the others are counted.
pub const MAX_SCANNED: usize = 50;
/// The longest string kept, in bytes.
const MAX_TEXT: usize = 1024;
/// The deepest nesting whose keys are kept.
const MAX_DEPTH: usize = 16;
/// How much of a body is scanned: past this the scan stops, so time stays bounded too
/// (about 0.3 s of CPU a 64 MiB list of error objects took; see BENCHMARKS.md).
pub const MAX_SCAN: u64 = 16 * 1024 * 1024;

/// One error found by the scan (not yet redacted).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScannedError {
    /// The field it is about, when the body names one.
    pub field: Option<String>,
    /// What is wrong.
    pub message: String,
}

/// What a scan of a whole body found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ScannedErrors {
    /// The first errors, in order.
    pub errors: Vec<ScannedError>,
    /// How many more errors there were.
    pub omitted: u64,
    /// Whether the scan stopped at [`MAX_SCAN`] bytes.
    pub cut: bool,
}

/// An object or array the scan is inside.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Container {
    /// An object, with the key of the member being read.
    Object(Option<String>),
    Array,
}

/// The error item (an object in an error list) being read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct ErrorItem {
    message: Option<String>,
    field: Option<String>,
}

/// The scan. See the [module docs](self).
#[derive(Debug, Clone)]
pub struct ErrorScan {
    scanner: Scanner,
    reader: ErrorReader,
    /// Bytes fed so far.
    scanned: u64,
    /// Whether the scan has ended: the body was no JSON object, or it ended, or it broke.
    stopped: bool,
}

/// The scanner's handler: what it reads of the values it is shown.
#[derive(Debug, Clone, Default)]
struct ErrorReader {
    /// The containers followed, outermost first (at most [`MAX_DEPTH`]; deeper ones are
    /// skipped).
    stack: Vec<Container>,
    /// [`ErrorReader::list_root`], kept as the two outermost containers and their keys change.
    root: Option<usize>,
    item: ErrorItem,
    found: ScannedErrors,
}

impl Default for ErrorScan {
    fn default() -> ErrorScan {
        ErrorScan::new()
    }
}

fn is(key: &Option<String>, set: &[&str]) -> bool {
    key.as_deref()
        .is_some_and(|k| set.iter().any(|s| k.eq_ignore_ascii_case(s)))
}

impl ErrorScan {
    /// A scan at the start of a body.
    pub fn new() -> ErrorScan {
        ErrorScan {
            scanner: Scanner::with_key_limit(MAX_TEXT),
            reader: ErrorReader::default(),
            scanned: 0,
            stopped: false,
        }
    }

    /// What was found.
    pub fn finish(self) -> ScannedErrors {
        self.reader.found
    }

    /// Scans the next bytes of the body.
    pub fn feed(&mut self, bytes: &[u8]) {
        if self.stopped || self.scanner.done() {
            return;
        }
        if self.scanned == 0 && bytes.first() == Some(&0xEF) {
            // A byte order mark (or other bytes that start no JSON): no error list.
            self.stopped = true;
            return;
        }
        self.scanned += bytes.len() as u64;
        if self.scanned > MAX_SCAN {
            self.reader.found.cut = true;
            self.stopped = true;
            return;
        }
        // A body that is not JSON, or breaks off being JSON, is read no further.
        self.stopped = self.scanner.feed(bytes, &mut self.reader).is_err();
    }
}

impl ErrorReader {
    /// Where the error list starts in the stack, if the value being read is inside one:
    /// a top-level `errors`-like key, or ABP's `error.validationErrors`.
    fn list_root(&self) -> Option<usize> {
        match self.stack.first()? {
            Container::Object(k) if is(k, &LISTS) => Some(1),
            Container::Object(k) if is(k, &[ERROR]) => match self.stack.get(1)? {
                Container::Object(k) if is(k, &[VALIDATION_ERRORS]) => Some(2),
                _ => None,
            },
            _ => None,
        }
    }

    /// Whether the errors kept are as many as are kept: the others are only counted.
    fn full(&self) -> bool {
        self.found.errors.len() >= MAX_SCANNED
    }

    fn emit(&mut self, field: Option<String>, message: String) {
        if self.full() {
            self.found.omitted += 1;
        } else if !message.trim().is_empty() {
            self.found.errors.push(ScannedError { field, message });
        }
    }

    /// A string value inside an error list ended.
    fn string_done(&mut self, root: usize, s: String) {
        let n = self.stack.len();
        match (&self.stack[root..], n - root) {
            // `errors: "text"` would be read by the prefix; a list of strings:
            ([Container::Array], 1) => self.emit(None, s),
            // Keyed by field: `{"title": "msg"}` or `{"title": ["msg"]}`.
            ([Container::Object(k)], 1) | ([Container::Object(k), Container::Array], 2) => {
                let field = k.clone().filter(|f| f != NO_FIELD);
                self.emit(field, s);
            }
            // An item of a list: `[{"field": "x", "message": "y"}]`.
            ([Container::Array, Container::Object(k)], 2) => {
                if is(k, &SCAN_ITEM_MESSAGE) && self.item.message.is_none() {
                    self.item.message = Some(s);
                } else if is(k, &SCAN_ITEM_FIELD) && self.item.field.is_none() && !self.full() {
                    let f = s
                        .trim_start_matches('#')
                        .trim_start_matches('/')
                        .replace('/', ".");
                    self.item.field = Some(f);
                }
            }
            // `members: ["name"]` (ABP), `loc: ["body", "age"]` (FastAPI).
            ([Container::Array, Container::Object(k), Container::Array], 3)
                if is(k, &SCAN_ITEM_FIELD_PARTS) && !self.full() =>
            {
                let f = self.item.field.get_or_insert_with(String::new);
                if !f.is_empty() {
                    f.push_str(", ");
                }
                f.push_str(&s);
            }
            _ => {}
        }
    }
}

impl Handler for ErrorReader {
    fn value(&mut self, in_object: bool, key: Option<&[u8]>, kind: ValueKind) -> Action {
        if in_object {
            // The frame's key buffer is reused: no allocation for each key.
            if let Some(Container::Object(k)) = self.stack.last_mut() {
                match key {
                    Some(key) => {
                        let k = k.get_or_insert_with(String::new);
                        k.clear();
                        k.push_str(&String::from_utf8_lossy(key));
                    }
                    None => *k = None,
                }
            }
            if self.stack.len() <= 2 {
                self.root = self.list_root();
            }
        }
        match kind {
            ValueKind::Object | ValueKind::Array if self.stack.len() >= MAX_DEPTH => Action::Skip,
            ValueKind::Object | ValueKind::Array => {
                self.stack.push(if kind == ValueKind::Object {
                    Container::Object(None)
                } else {
                    Container::Array
                });
                if self.stack.len() <= 2 {
                    self.root = self.list_root();
                }
                Action::Descend
            }
            ValueKind::String => match self.root {
                // Past the errors kept, a string is only counted: its text is not kept.
                Some(root) if self.stack.len() > root && !self.full() => Action::Text(MAX_TEXT),
                Some(_) => Action::Text(0),
                None => Action::Skip,
            },
            ValueKind::Literal => Action::Skip,
        }
    }

    fn recorded(&mut self, _raw: &[u8], _complete: bool) {}

    fn text(&mut self, raw: &[u8], _raw_len: u64) {
        let mut s = String::new();
        unescape_into(raw, &mut s);
        if let Some(root) = self.root {
            self.string_done(root, s);
        }
    }

    fn end(&mut self) -> Action {
        let closing_item = self.root.is_some_and(|r| {
            self.stack.len() == r + 2 && matches!(self.stack[r], Container::Array)
        });
        self.stack.pop();
        if self.stack.len() <= 2 {
            self.root = self.list_root();
        }
        if closing_item {
            let item = std::mem::take(&mut self.item);
            if let Some(m) = item.message {
                self.emit(item.field, m);
            }
        }
        Action::Descend
    }
}

/// A JSON string's text (between its quotes) into `out`: as it is when it holds no escape,
/// else read by serde_json; bytes that are not UTF-8 become U+FFFD.
fn unescape_into(text: &[u8], out: &mut String) {
    let s = String::from_utf8_lossy(text);
    if crate::find::memchr(b'\\', text).is_none() {
        out.push_str(&s);
        return;
    }
    match serde_json::from_str::<String>(&format!("\"{s}\"")) {
        Ok(u) => out.push_str(&u),
        Err(_) => out.push_str(&s),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scan(text: &str, chunk: usize) -> ScannedErrors {
        let mut s = ErrorScan::new();
        for c in text.as_bytes().chunks(chunk) {
            s.feed(c);
        }
        s.finish()
    }

    fn pairs(f: &ScannedErrors) -> Vec<(Option<&str>, &str)> {
        f.errors
            .iter()
            .map(|e| (e.field.as_deref(), e.message.as_str()))
            .collect()
    }

    #[test]
    fn every_list_shape_at_every_chunk_size() {
        let body = r#"{"message": "x", "data": {"errors": ["not me"]},
            "errors": {"title": ["can't be \"blank\""], "base": "gone", "n": {"deep": "no"}},
            "invalid-params": [{"name": "age", "reason": "must be > 0"}],
            "ModelState": {"p.Name": ["Required"]},
            "error": {"message": "no", "validationErrors": [{"message": "Name!", "members": ["name", "alias"]}]}}"#;
        for chunk in [1, 2, 3, 7, 64, 4096] {
            let f = scan(body, chunk);
            assert_eq!(
                pairs(&f),
                [
                    (Some("title"), "can't be \"blank\""),
                    (None, "gone"),
                    (Some("age"), "must be > 0"),
                    (Some("p.Name"), "Required"),
                    (Some("name, alias"), "Name!"),
                ],
                "chunk {chunk}"
            );
        }
    }

    #[test]
    fn errors_past_the_limit_are_counted() {
        let items: Vec<String> = (0..5000)
            .map(|i| format!("\"lines[{i}].sku\": [\"unknown SKU TM-{i:04}\"]"))
            .collect();
        let body = format!("{{\"errors\": {{{}}}}}", items.join(", "));
        let f = scan(&body, 65536);
        assert_eq!(f.errors.len(), MAX_SCANNED);
        assert_eq!(f.omitted, 5000 - MAX_SCANNED as u64);
        assert_eq!(f.errors[49].field.as_deref(), Some("lines[49].sku"));
    }

    #[test]
    fn the_scan_stops_at_its_bound_and_says_so() {
        let mut s = ErrorScan::new();
        s.feed(br#"{"errors": ["a", "b"], "data": ""#);
        let filler = vec![b'x'; 1 << 20];
        for _ in 0..=MAX_SCAN >> 20 {
            s.feed(&filler);
        }
        s.feed(br#"", "more": {"errors": ["not read"]}}"#);
        let f = s.finish();
        assert!(f.cut);
        assert_eq!(f.errors.len(), 2);
    }

    #[test]
    fn not_json_and_deep_nesting() {
        assert_eq!(scan("<html>", 1), ScannedErrors::default());
        let deep = format!(
            "{{\"errors\": [{}\"x\"{}]}}",
            "[".repeat(100),
            "]".repeat(100)
        );
        assert!(scan(&deep, 5).errors.is_empty());
        let mut long = String::from("{\"errors\": [\"");
        long.push_str(&"é".repeat(5000));
        long.push_str("\"]}");
        let f = scan(&long, 3);
        assert!(f.errors[0].message.len() <= MAX_TEXT);
    }
}
