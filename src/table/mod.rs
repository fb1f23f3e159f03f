//! The status-code table: Hike's documented codes and the rest of the HTTP registry.
//!
//! The table is compiled from `data/status-codes.json` and `data/classes.json` and parsed once,
//! on first use, into a static [`Table`]. Nothing is parsed at start-up for commands that never
//! look a code up.

pub mod search;

use std::borrow::Cow;

use once_cell::race::OnceBox;
use once_cell::sync::Lazy;
use serde::{Deserialize, Serialize};

/// One registered status code, as the data file describes it. Its text borrows from the
/// compiled-in JSON where it holds no escapes, so the table is built with few allocations.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Entry<'a> {
    /// The numeric status code, 100 to 599.
    pub code: u16,
    /// Hike's name for a documented code, the registry's current name otherwise.
    #[serde(borrow)]
    pub name: Cow<'a, str>,
    /// Whether Hike's own status-code page documents this code.
    pub documented: bool,
    /// What the code means: Hike's meaning for a documented code, the standard one otherwise.
    #[serde(borrow)]
    pub meaning: Cow<'a, str>,
    /// What to do about it.
    #[serde(borrow)]
    pub hint: Cow<'a, str>,
    /// The registry's current name (RFC 9110 and kin).
    #[serde(borrow)]
    pub standard_name: Cow<'a, str>,
    /// The standard meaning, in one line.
    #[serde(borrow)]
    pub standard_meaning: Cow<'a, str>,
    /// The RFC section that defines the code, such as `RFC 9110 §15.5.1`.
    #[serde(borrow)]
    pub rfc: Cow<'a, str>,
    /// A link to that RFC section.
    #[serde(borrow)]
    pub rfc_url: Cow<'a, str>,
    /// Where to read more: Hike's reference pages for Hike's codes, the RFC for the others.
    #[serde(borrow)]
    pub links: Vec<Cow<'a, str>>,
    /// Whether the same request, unchanged, may succeed later.
    pub retryable: bool,
}

/// A status class (`1xx` to `5xx`), used to explain codes the registry does not assign.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Class<'a> {
    /// The class digit, 1 to 5.
    pub class: u8,
    /// The class as written, such as `4xx`.
    #[serde(borrow)]
    pub label: Cow<'a, str>,
    /// The class name from RFC 9110 §15, such as `Client Error`.
    #[serde(borrow)]
    pub name: Cow<'a, str>,
    /// What any code of the class means.
    #[serde(borrow)]
    pub meaning: Cow<'a, str>,
    /// What to do about any code of the class.
    #[serde(borrow)]
    pub hint: Cow<'a, str>,
}

/// The whole table: every registered code, sorted, and the five classes.
///
/// Entries are parsed one at a time, on first use: a lookup of one code reads one object of
/// the compiled-in JSON, not all of it. An index of where each entry's object starts is
/// found by a scan of the JSON, for the compiled-in table while it compiles; the test suite
/// checks it against a whole parse.
#[derive(Debug)]
pub struct Table {
    json: &'static str,
    /// Each entry's code and where its object starts in `json`, in code order.
    index: Cow<'static, [(u16, usize)]>,
    /// Each entry, parsed on first use.
    parsed: Vec<OnceBox<Entry<'static>>>,
    classes: Vec<Class<'static>>,
}

const CODES_JSON: &str = include_str!("../../data/status-codes.json");
const CLASSES_JSON: &str = include_str!("../../data/classes.json");

/// The compiled-in table's index, found while compiling: a data file out of shape fails the
/// build.
const INDEX: [(u16, usize); count_entries(CODES_JSON.as_bytes())] =
    index_at_compile_time(CODES_JSON.as_bytes());

static TABLE: Lazy<Table> = Lazy::new(|| {
    Table::with_index(CODES_JSON, Cow::Borrowed(&INDEX), CLASSES_JSON)
        .expect("data/*.json is checked by the test suite")
});

/// The compiled-in table, set up on first use.
pub fn table() -> &'static Table {
    &TABLE
}
/// What a lookup finds for a code: a registered entry, or an unassigned code explained by
/// its class (RFC 9110 §15: an unrecognized code is understood as the `x00` of its class).
#[derive(Debug, Clone, Copy)]
pub enum Lookup<'a> {
    /// The registry assigns this code.
    Assigned(&'a Entry<'static>),
    /// The code is inside 100..=599 but unassigned.
    Unassigned {
        /// The code that was asked for.
        code: u16,
        /// Its class.
        class: &'a Class<'static>,
        /// The `x00` entry of the class, whose handling applies.
        base: &'a Entry<'static>,
    },
}

/// The lookup of a code, flattened into the fields every renderer shows.
///
/// This is also the JSON shape of a code in `--json` output.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct CodeInfo {
    /// The numeric status code.
    pub code: u16,
    /// Its name (Hike's, where Hike documents it).
    pub name: String,
    /// Its class, such as `4xx`.
    pub class: String,
    /// Whether Hike documents the code.
    pub documented: bool,
    /// Whether the registry assigns the code at all.
    pub assigned: bool,
    /// What it means.
    pub meaning: String,
    /// What to do about it.
    pub hint: String,
    /// Whether the same request may succeed later unchanged.
    pub retryable: bool,
    /// The registry's name.
    pub standard_name: String,
    /// The standard meaning.
    pub standard_meaning: String,
    /// Whether Hike's name or meaning differ from the standard's.
    pub differs_from_standard: bool,
    /// The defining RFC section, if the code is assigned.
    pub rfc: Option<String>,
    /// Where to read more.
    pub links: Vec<String>,
}

/// Why the data files could not be loaded.
#[derive(Debug)]
pub struct DataError(pub String);

impl std::fmt::Display for DataError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for DataError {}

impl Table {
    /// Indexes a table from the two JSON documents and checks what the index shows: codes
    /// sorted and unique, each inside 100..=599, every class's `x00` present, the five
    /// classes in order. [`Table::check`] parses and checks every entry too.
    ///
    /// The status-code document is a pretty-printed array whose entries each begin, on a
    /// line of their own indented by two spaces, with `{` and then their `"code"`.
    pub fn from_json(codes: &'static str, classes: &'static str) -> Result<Table, DataError> {
        Table::with_index(codes, Cow::Owned(index_entries(codes)?), classes)
    }

    fn with_index(
        codes: &'static str,
        index: Cow<'static, [(u16, usize)]>,
        classes: &'static str,
    ) -> Result<Table, DataError> {
        if index.is_empty() {
            return Err(DataError("status codes: no entries".into()));
        }
        let classes: Vec<Class> =
            serde_json::from_str(classes).map_err(|e| DataError(format!("classes: {e}")))?;
        for pair in index.windows(2) {
            if pair[0].0 >= pair[1].0 {
                return Err(DataError(format!(
                    "status codes: {} comes before {}: not sorted or duplicated",
                    pair[0].0, pair[1].0
                )));
            }
        }
        if let Some((code, _)) = index.iter().find(|(c, _)| !(100..=599).contains(c)) {
            return Err(DataError(format!(
                "status codes: {code} is outside 100-599"
            )));
        }
        for (i, c) in classes.iter().enumerate() {
            if usize::from(c.class) != i + 1 || c.label != format!("{}xx", c.class) {
                return Err(DataError(format!("classes: {} is out of place", c.label)));
            }
        }
        if classes.len() != 5 {
            return Err(DataError("classes: want exactly 1xx to 5xx".into()));
        }
        for c in 1..=5u16 {
            if index
                .binary_search_by_key(&(c * 100), |(code, _)| *code)
                .is_err()
            {
                return Err(DataError(format!("status codes: {c}00 is missing")));
            }
        }
        Ok(Table {
            json: codes,
            parsed: index.iter().map(|_| OnceBox::new()).collect(),
            index,
            classes,
        })
    }

    /// Parses every entry and checks it: it parses, its code is the one indexed, and it
    /// has a name, a meaning, a hint and a link.
    pub fn check(&self) -> Result<(), DataError> {
        for (i, (code, _)) in self.index.iter().enumerate() {
            let e = self.try_entry(i)?;
            if e.code != *code {
                return Err(DataError(format!(
                    "status codes: the entry indexed as {code} says {}",
                    e.code
                )));
            }
            if e.name.trim().is_empty()
                || e.meaning.trim().is_empty()
                || e.hint.trim().is_empty()
                || e.links.is_empty()
            {
                return Err(DataError(format!(
                    "status codes: {code} lacks a name, meaning, hint or link"
                )));
            }
        }
        Ok(())
    }

    fn try_entry(&self, i: usize) -> Result<&Entry<'static>, DataError> {
        let cell = &self.parsed[i];
        if let Some(e) = cell.get() {
            return Ok(e);
        }
        let (code, start) = self.index[i];
        let mut objects = serde_json::Deserializer::from_str(&self.json[start..]).into_iter();
        let entry: Entry<'static> = objects
            .next()
            .ok_or_else(|| DataError(format!("status codes: {code} has no object")))?
            .map_err(|e| DataError(format!("status codes: {code}: {e}")))?;
        Ok(cell.get_or_init(|| Box::new(entry)))
    }

    fn entry(&self, i: usize) -> &Entry<'static> {
        self.try_entry(i)
            .expect("data/status-codes.json is checked by the test suite")
    }

    /// Every registered code, in code order.
    pub fn entries(&self) -> impl ExactSizeIterator<Item = &Entry<'static>> + '_ {
        (0..self.index.len()).map(|i| self.entry(i))
    }

    /// The five classes, `1xx` first.
    pub fn classes(&self) -> &[Class<'static>] {
        &self.classes
    }

    /// The registered entry for `code`, if the registry assigns it.
    pub fn get(&self, code: u16) -> Option<&Entry<'static>> {
        self.index
            .binary_search_by_key(&code, |(c, _)| *c)
            .ok()
            .map(|i| self.entry(i))
    }

    /// The class of `code` (`4` for 404), if it is inside 100..=599.
    pub fn class(&self, code: u16) -> Option<&Class<'static>> {
        if (100..=599).contains(&code) {
            self.classes.get(usize::from(code / 100) - 1)
        } else {
            None
        }
    }

    /// Looks a code up; `None` when it is no status code at all (outside 100..=599).
    pub fn lookup(&self, code: u16) -> Option<Lookup<'_>> {
        if let Some(e) = self.get(code) {
            return Some(Lookup::Assigned(e));
        }
        let class = self.class(code)?;
        let base = self.get(code / 100 * 100)?;
        Some(Lookup::Unassigned { code, class, base })
    }

    /// Looks a code up and flattens the answer into a [`CodeInfo`].
    pub fn info(&self, code: u16) -> Option<CodeInfo> {
        self.lookup(code).map(|l| l.info())
    }

    /// The codes of one class (1 to 5), or of every class, in code order.
    ///
    /// With `all` false, only Hike's documented codes.
    pub fn codes(&self, class: Option<u8>, all: bool) -> Vec<&Entry<'static>> {
        self.entries()
            .filter(|e| class.is_none_or(|c| e.code / 100 == u16::from(c)))
            .filter(|e| all || e.documented)
            .collect()
    }

    /// Every code of one class, Hike's first, each group in code order.
    pub fn class_codes(&self, class: u8) -> Vec<&Entry<'static>> {
        let mut out = self.codes(Some(class), true);
        // A stable sort keeps code order inside each group.
        out.sort_by_key(|e| !e.documented);
        out
    }
}

impl Lookup<'_> {
    /// The code looked up.
    pub fn code(&self) -> u16 {
        match self {
            Lookup::Assigned(e) => e.code,
            Lookup::Unassigned { code, .. } => *code,
        }
    }

    /// The lookup as the flat record every renderer shows.
    pub fn info(&self) -> CodeInfo {
        match *self {
            Lookup::Assigned(e) => e.info(),
            Lookup::Unassigned { code, class, base } => CodeInfo {
                code,
                name: format!("Unassigned ({} {})", class.label, class.name),
                class: class.label.to_string(),
                documented: false,
                assigned: false,
                meaning: format!(
                    "The registry assigns no status {code}. RFC 9110 §15 has a client treat an \
                     unrecognized code as the {base} of its class: {}",
                    class.meaning,
                    base = base.code
                ),
                hint: format!(
                    "Handle it as {} {}. {} Hike does not document {code}; a proxy or a \
                     non-standard server may have sent it.",
                    base.code, base.standard_name, class.hint
                ),
                retryable: base.retryable,
                standard_name: "Unassigned".to_string(),
                standard_meaning: class.meaning.to_string(),
                differs_from_standard: false,
                rfc: None,
                links: vec!["https://www.rfc-editor.org/rfc/rfc9110#section-15".to_string()],
            },
        }
    }
}

impl Entry<'_> {
    /// The entry as the flat record every renderer shows.
    pub fn info(&self) -> CodeInfo {
        CodeInfo {
            code: self.code,
            name: self.name.to_string(),
            class: class_label(self.code),
            documented: self.documented,
            assigned: true,
            meaning: self.meaning.to_string(),
            hint: self.hint.to_string(),
            retryable: self.retryable,
            standard_name: self.standard_name.to_string(),
            standard_meaning: self.standard_meaning.to_string(),
            differs_from_standard: self.documented && self.differs_from_standard(),
            rfc: Some(self.rfc.to_string()),
            links: self.links.iter().map(|l| l.to_string()).collect(),
        }
    }

    /// Whether Hike's name or meaning differ from the HTTP standard's.
    pub fn differs_from_standard(&self) -> bool {
        self.name != self.standard_name || HIKE_MEANING_DIFFERS.contains(&self.code)
    }
}

/// What a scan for the next entry of the pretty-printed array finds.
enum Scan {
    /// An entry: where its `{` is, and its code.
    Entry(usize, u16),
    /// No more entries.
    End,
    /// An entry that does not begin with its code.
    Malformed,
}

/// Finds the next entry at or after `from`: at `\n  {`, which cannot occur inside a JSON
/// string (strings hold no raw newline), followed by `"code": N`. A `const fn`, so the
/// compiled-in table is indexed while it compiles.
const fn scan(json: &[u8], from: usize) -> Scan {
    let mut i = from;
    while i + 3 < json.len() {
        if json[i] == b'\n' && json[i + 1] == b' ' && json[i + 2] == b' ' && json[i + 3] == b'{' {
            let start = i + 3;
            let mut j = skip_space(json, start + 1);
            let key = b"\"code\"";
            let mut k = 0;
            while k < key.len() {
                if j + k >= json.len() || json[j + k] != key[k] {
                    return Scan::Malformed;
                }
                k += 1;
            }
            j = skip_space(json, j + key.len());
            if j >= json.len() || json[j] != b':' {
                return Scan::Malformed;
            }
            j = skip_space(json, j + 1);
            let mut code: u32 = 0;
            let mut digits = 0;
            while j < json.len() && json[j].is_ascii_digit() && digits < 5 {
                code = code * 10 + (json[j] - b'0') as u32;
                j += 1;
                digits += 1;
            }
            if digits == 0 || code > u16::MAX as u32 {
                return Scan::Malformed;
            }
            return Scan::Entry(start, code as u16);
        }
        i += 1;
    }
    Scan::End
}

const fn skip_space(json: &[u8], mut i: usize) -> usize {
    while i < json.len() && json[i].is_ascii_whitespace() {
        i += 1;
    }
    i
}

const fn count_entries(json: &[u8]) -> usize {
    let mut n = 0;
    let mut at = 0;
    loop {
        match scan(json, at) {
            Scan::Entry(start, _) => {
                n += 1;
                at = start + 1;
            }
            Scan::End => return n,
            Scan::Malformed => {
                panic!("data/status-codes.json: an entry must begin `{{` then `\"code\": N`")
            }
        }
    }
}

const fn index_at_compile_time<const N: usize>(json: &[u8]) -> [(u16, usize); N] {
    let mut index = [(0, 0); N];
    let mut i = 0;
    let mut at = 0;
    while i < N {
        if let Scan::Entry(start, code) = scan(json, at) {
            index[i] = (code, start);
            at = start + 1;
        }
        i += 1;
    }
    index
}

/// The index of a data file given at run time.
fn index_entries(json: &str) -> Result<Vec<(u16, usize)>, DataError> {
    let mut index = Vec::new();
    let mut at = 0;
    loop {
        match scan(json.as_bytes(), at) {
            Scan::Entry(start, code) => {
                index.push((code, start));
                at = start + 1;
            }
            Scan::End => return Ok(index),
            Scan::Malformed => {
                return Err(DataError(
                    "status codes: each entry must begin `{` then `\"code\": N`".into(),
                ));
            }
        }
    }
}

/// Codes whose meaning on Hike is not the standard's (../shared/HIKE-API.md).
const HIKE_MEANING_DIFFERS: &[u16] = &[202, 403, 501];

/// The class label of a code: `4xx` for 404.
pub fn class_label(code: u16) -> String {
    format!("{}xx", code / 100)
}

/// Parses a class as written on the command line: `4xx`, `4XX` (case-insensitive), 1 to 5.
pub fn parse_class(s: &str) -> Option<u8> {
    let b = s.as_bytes();
    if b.len() == 3 && (b'1'..=b'5').contains(&b[0]) && b[1..].eq_ignore_ascii_case(b"xx") {
        Some(b[0] - b'0')
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_parses_sorted_unique_and_in_range() {
        let t = Table::from_json(CODES_JSON, CLASSES_JSON).unwrap();
        t.check().unwrap();
        assert!(t.entries().len() >= 60, "the whole registry is there");
        let all: Vec<&Entry> = t.entries().collect();
        for w in all.windows(2) {
            assert!(w[0].code < w[1].code, "{} then {}", w[0].code, w[1].code);
        }
        // The index, found while compiling, agrees with a run-time scan and a whole parse.
        assert_eq!(INDEX.as_slice(), index_entries(CODES_JSON).unwrap());
        let whole: Vec<Entry> = serde_json::from_str(CODES_JSON).unwrap();
        assert_eq!(whole.len(), all.len());
        assert!(whole.iter().zip(&all).all(|(a, b)| a == *b));
        for e in t.entries() {
            assert!((100..=599).contains(&e.code));
            assert_eq!(class_label(e.code), format!("{}xx", e.code / 100));
            assert_eq!(t.class(e.code).unwrap().class as u16, e.code / 100);
            if e.documented {
                assert!(!e.meaning.trim().is_empty() && !e.hint.trim().is_empty());
                assert!(e.links.iter().any(|l| l.contains("docs.hikeup.com")));
            } else {
                assert!(e.links.contains(&e.rfc_url), "{} links its RFC", e.code);
            }
        }
    }

    #[test]
    fn exactly_hikes_fourteen_codes_are_documented() {
        let documented: Vec<u16> = table()
            .entries()
            .filter(|e| e.documented)
            .map(|e| e.code)
            .collect();
        assert_eq!(
            documented,
            [
                200, 201, 202, 303, 400, 401, 403, 404, 422, 429, 500, 501, 503, 504
            ]
        );
    }

    #[test]
    fn retryable_is_exactly_the_transient_codes() {
        let retryable: Vec<u16> = table()
            .entries()
            .filter(|e| e.retryable)
            .map(|e| e.code)
            .collect();
        assert_eq!(retryable, [408, 425, 429, 500, 502, 503, 504]);
    }

    #[test]
    fn the_data_checks_reject_bad_tables() {
        let one = |code: u16| {
            format!(
                r#"{{"code":{code},"name":"n","documented":false,"meaning":"m","hint":"h",
                "standard_name":"n","standard_meaning":"m","rfc":"r","rfc_url":"u",
                "links":["u"],"retryable":false}}"#
            )
        };
        // The table borrows its text for the life of the program.
        let doc = |codes: &[u16]| -> &'static str {
            let objects: Vec<String> = codes.iter().map(|c| format!("\n  {}", one(*c))).collect();
            format!("[{}\n]", objects.join(",")).leak()
        };
        let good = Table::from_json(doc(&[100, 200, 300, 400, 500]), CLASSES_JSON).unwrap();
        good.check().unwrap();
        assert_eq!(good.get(300).unwrap().code, 300);
        assert!(Table::from_json(doc(&[100, 300, 200, 400, 500]), CLASSES_JSON).is_err());
        assert!(Table::from_json(doc(&[100, 100, 200, 300, 400, 500]), CLASSES_JSON).is_err());
        assert!(Table::from_json(doc(&[100, 200, 300, 400, 500, 600]), CLASSES_JSON).is_err());
        assert!(Table::from_json(doc(&[100, 200, 300, 400]), CLASSES_JSON).is_err());
        // An entry without a meaning is indexed, and caught by the check.
        let empty =
            doc(&[100, 200, 300, 400, 500]).replacen(r#""meaning":"m""#, r#""meaning":" ""#, 1);
        let t = Table::from_json(empty.leak(), CLASSES_JSON).unwrap();
        assert!(t.check().is_err());
        // An entry that does not begin with its code, or an empty document.
        let shuffled = "[\n  {\"name\": \"x\", \"code\": 100}\n]";
        assert!(Table::from_json(shuffled, CLASSES_JSON).is_err());
        assert!(Table::from_json("[]", CLASSES_JSON).is_err());
    }

    #[test]
    fn hike_differences_keep_the_standard() {
        let t = table();
        assert_eq!(t.get(422).unwrap().name, "Unprocessable Entity");
        assert_eq!(t.get(422).unwrap().standard_name, "Unprocessable Content");
        assert!(t.info(202).unwrap().differs_from_standard);
        assert!(t.info(501).unwrap().differs_from_standard);
        assert!(!t.info(404).unwrap().differs_from_standard);
    }

    #[test]
    fn unassigned_codes_fall_back_to_their_class() {
        let info = table().info(299).unwrap();
        assert!(!info.assigned && !info.documented);
        assert_eq!(info.class, "2xx");
        assert!(info.meaning.contains("200"));
        assert!(table().info(599).unwrap().retryable, "treated as 500");
        assert!(table().info(999).is_none());
        assert!(table().info(99).is_none());
    }

    #[test]
    fn classes_parse() {
        assert_eq!(parse_class("4xx"), Some(4));
        assert_eq!(parse_class("5XX"), Some(5));
        assert_eq!(parse_class("6xx"), None);
        assert_eq!(parse_class("4x"), None);
        let fours = table().class_codes(4);
        assert!(fours.iter().take_while(|e| e.documented).count() == 6);
        assert!(fours.iter().all(|e| e.code / 100 == 4));
    }
}
