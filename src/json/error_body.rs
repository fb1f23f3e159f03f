//! A streaming scan of a JSON error body for the errors it lists, however far past the kept
//! prefix they stand: bytes in, any chunking, bounded memory (a bounded stack of keys, the
//! first [`MAX_SCANNED`] errors, each message cut at `MAX_TEXT` bytes) and a count of the
//! rest.
//!
//! It knows where errors live: under a top-level `errors`, `ModelState` or `invalid-params`
//! (keyed by field, a list of strings, or a list of objects with a message and a field), and
//! under ABP's `error.validationErrors`.

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
    /// Whether the body stopped being JSON the scan could follow.
    pub broken: bool,
    /// Whether the scan stopped at [`MAX_SCAN`] bytes.
    pub cut: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Frame {
    /// An object, with the key of the value being read.
    Obj(Option<String>),
    Arr,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Lex {
    /// Before a value, a key, or a separator.
    Between,
    /// In a string.
    Str,
    /// After a backslash in a string.
    Escape,
    /// In a number or a bare word.
    Word,
    /// Not JSON (or nested past what is followed): the rest is ignored.
    Dead,
}

/// The error item (an object in an error list) being read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Item {
    message: Option<String>,
    field: Option<String>,
}

/// The scan. See the [module docs](self).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorScan {
    lex: Lex,
    stack: Vec<Frame>,
    /// Nesting past `MAX_DEPTH`, only counted.
    deep: usize,
    /// The string being read, while it may matter.
    text: Vec<u8>,
    /// Whether the string being read is a key.
    is_key: bool,
    item: Item,
    started: bool,
    scanned: u64,
    found: ScannedErrors,
}

impl Default for ErrorScan {
    fn default() -> ErrorScan {
        ErrorScan::new()
    }
}

const LIST_KEYS: [&str; 3] = ["errors", "modelstate", "invalid-params"];
const MESSAGE_KEYS: [&str; 6] = ["message", "detail", "reason", "title", "description", "msg"];
const FIELD_KEYS: [&str; 6] = [
    "field",
    "param",
    "name",
    "propertyname",
    "property",
    "pointer",
];

fn is(key: &Option<String>, set: &[&str]) -> bool {
    key.as_deref()
        .is_some_and(|k| set.iter().any(|s| k.eq_ignore_ascii_case(s)))
}

impl ErrorScan {
    /// A scan at the start of a body.
    pub fn new() -> ErrorScan {
        ErrorScan {
            lex: Lex::Between,
            stack: Vec::new(),
            deep: 0,
            text: Vec::new(),
            is_key: false,
            item: Item::default(),
            started: false,
            scanned: 0,
            found: ScannedErrors::default(),
        }
    }

    /// What was found.
    pub fn finish(self) -> ScannedErrors {
        self.found
    }

    /// Where the error list starts in the stack, if the value being read is inside one:
    /// a top-level `errors`-like key, or ABP's `error.validationErrors`.
    fn list_root(&self) -> Option<usize> {
        match self.stack.first()? {
            Frame::Obj(k) if is(k, &LIST_KEYS) => Some(1),
            Frame::Obj(k) if is(k, &["error"]) => match self.stack.get(1)? {
                Frame::Obj(k) if is(k, &["validationErrors"]) => Some(2),
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

    /// Whether the string starting now may be kept: a key, or a value inside an error list.
    fn wants_text(&self) -> bool {
        self.is_key
            || self.deep == 0
                && !self.full()
                && self.list_root().is_some_and(|r| self.stack.len() > r)
    }

    fn string_done(&mut self) {
        if self.is_key {
            self.is_key = false;
            if self.deep == 0 {
                // The frame's key buffer is reused: no allocation for each key.
                if let Some(Frame::Obj(k)) = self.stack.last_mut() {
                    let k = k.get_or_insert_with(String::new);
                    k.clear();
                    unescape_into(&self.text, k);
                }
            }
            self.text.clear();
            return;
        }
        let mut s = String::new();
        unescape_into(&self.text, &mut s);
        self.text.clear();
        self.value_done(Some(s));
    }

    /// A scalar value ended (`text` for a string).
    fn value_done(&mut self, text: Option<String>) {
        let Some(root) = self.list_root().filter(|_| self.deep == 0) else {
            return;
        };
        let Some(s) = text else { return };
        let n = self.stack.len();
        match (&self.stack[root..], n - root) {
            // `errors: "text"` would be read by the prefix; a list of strings:
            ([Frame::Arr], 1) => self.emit(None, s),
            // Keyed by field: `{"title": "msg"}` or `{"title": ["msg"]}`.
            ([Frame::Obj(k)], 1) | ([Frame::Obj(k), Frame::Arr], 2) => {
                let field = k.clone().filter(|f| f != "base");
                self.emit(field, s);
            }
            // An item of a list: `[{"field": "x", "message": "y"}]`.
            ([Frame::Arr, Frame::Obj(k)], 2) => {
                if is(k, &MESSAGE_KEYS) && self.item.message.is_none() {
                    self.item.message = Some(s);
                } else if is(k, &FIELD_KEYS) && self.item.field.is_none() && !self.full() {
                    let f = s
                        .trim_start_matches('#')
                        .trim_start_matches('/')
                        .replace('/', ".");
                    self.item.field = Some(f);
                }
            }
            // `members: ["name"]` (ABP), `loc: ["body", "age"]` (FastAPI).
            ([Frame::Arr, Frame::Obj(k), Frame::Arr], 3)
                if is(k, &["members", "loc"]) && !self.full() =>
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

    fn open(&mut self, frame: Frame) {
        if self.deep > 0 || self.stack.len() >= MAX_DEPTH {
            self.deep += 1;
        } else {
            self.stack.push(frame);
        }
    }

    fn close(&mut self) {
        if self.deep > 0 {
            self.deep -= 1;
            return;
        }
        let closing_item = self
            .list_root()
            .is_some_and(|r| self.stack.len() == r + 2 && matches!(self.stack[r], Frame::Arr));
        self.stack.pop();
        if closing_item {
            let item = std::mem::take(&mut self.item);
            if let Some(m) = item.message {
                self.emit(item.field, m);
            }
        }
    }

    /// Scans the next bytes of the body.
    pub fn feed(&mut self, bytes: &[u8]) {
        if self.lex == Lex::Dead {
            return;
        }
        self.scanned += bytes.len() as u64;
        if self.scanned > MAX_SCAN {
            self.found.cut = true;
            self.lex = Lex::Dead;
            return;
        }
        let mut i = 0;
        while i < bytes.len() {
            match self.lex {
                Lex::Dead => return,
                Lex::Str => {
                    // Skip to the next quote or backslash.
                    match memchr::memchr2(b'"', b'\\', &bytes[i..]) {
                        None => {
                            self.keep(&bytes[i..]);
                            return;
                        }
                        Some(j) => {
                            self.keep(&bytes[i..i + j]);
                            i += j;
                            if bytes[i] == b'"' {
                                self.lex = Lex::Between;
                                self.string_done();
                            } else {
                                self.keep(b"\\");
                                self.lex = Lex::Escape;
                            }
                        }
                    }
                }
                Lex::Escape => {
                    self.keep(&bytes[i..i + 1]);
                    self.lex = Lex::Str;
                }
                Lex::Word => {
                    let b = bytes[i];
                    if b.is_ascii_alphanumeric() || b"+-.".contains(&b) {
                        i += 1;
                        continue;
                    }
                    self.lex = Lex::Between;
                    self.value_done(None);
                    continue;
                }
                Lex::Between => {
                    let b = bytes[i];
                    if !self.started && !b.is_ascii_whitespace() {
                        self.started = true;
                        if b != b'{' && b != b'[' {
                            self.lex = Lex::Dead;
                            return;
                        }
                    }
                    match b {
                        b'{' => {
                            self.open(Frame::Obj(None));
                            self.is_key = true;
                        }
                        b'[' => self.open(Frame::Arr),
                        b'}' | b']' => self.close(),
                        b',' => {
                            self.is_key =
                                self.deep == 0 && matches!(self.stack.last(), Some(Frame::Obj(_)));
                        }
                        b':' => self.is_key = false,
                        b'"' => {
                            self.lex = Lex::Str;
                            self.text.clear();
                        }
                        b if b.is_ascii_whitespace() => {}
                        b if b.is_ascii_alphanumeric() || b == b'-' => self.lex = Lex::Word,
                        _ => {
                            self.found.broken = true;
                            self.lex = Lex::Dead;
                            return;
                        }
                    }
                    if self.started
                        && self.stack.is_empty()
                        && self.deep == 0
                        && (b == b'}' || b == b']')
                    {
                        // The document ended: what follows is not its concern.
                        self.lex = Lex::Dead;
                        return;
                    }
                }
            }
            i += 1;
        }
    }

    fn keep(&mut self, bytes: &[u8]) {
        if !self.wants_text() {
            return;
        }
        let room = MAX_TEXT.saturating_sub(self.text.len());
        self.text.extend_from_slice(&bytes[..bytes.len().min(room)]);
    }
}

/// A JSON string's text (between its quotes) into `out`: as it is when it holds no escape,
/// else read by serde_json; bytes that are not UTF-8 become U+FFFD.
fn unescape_into(text: &[u8], out: &mut String) {
    let s = String::from_utf8_lossy(text);
    if memchr::memchr(b'\\', text).is_none() {
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
            assert!(!f.broken);
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
