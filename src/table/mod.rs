//! The status-code table: Hike's documented codes and the rest of the HTTP registry.
//!
//! `build.rs` reads `data/status-codes.json` and `data/classes.json`, checks them and writes
//! them as `static` arrays of `&'static str`, included here: nothing is parsed at run time.

pub mod search;

use serde::Serialize;

/// One registered status code, as the data file describes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Entry {
    /// The numeric status code, 100 to 599.
    pub code: u16,
    /// Hike's name for a documented code, the registry's current name otherwise.
    pub name: &'static str,
    /// Whether Hike's own status-code page documents this code.
    pub documented: bool,
    /// What the code means: Hike's meaning for a documented code, the standard one otherwise.
    pub meaning: &'static str,
    /// What to do about it.
    pub hint: &'static str,
    /// The registry's current name (RFC 9110 and kin).
    pub standard_name: &'static str,
    /// The standard meaning, in one line.
    pub standard_meaning: &'static str,
    /// The RFC section that defines the code, such as `RFC 9110 §15.5.1`.
    pub rfc: &'static str,
    /// A link to that RFC section.
    pub rfc_url: &'static str,
    /// Where to read more: Hike's reference pages for Hike's codes, the RFC for the others.
    pub links: &'static [&'static str],
    /// Whether the same request, unchanged, may succeed later.
    pub retryable: bool,
}

/// A status class (`1xx` to `5xx`), used to explain codes the registry does not assign.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Class {
    /// The class digit, 1 to 5.
    pub class: u8,
    /// The class as written, such as `4xx`.
    pub label: &'static str,
    /// The class name from RFC 9110 §15, such as `Client Error`.
    pub name: &'static str,
    /// What any code of the class means.
    pub meaning: &'static str,
    /// What to do about any code of the class.
    pub hint: &'static str,
}

// `ENTRIES` (sorted by code, unique, 100..=599, each class's x00 present) and `CLASSES`
// (1xx to 5xx in order), as build.rs checked and wrote them.
include!(concat!(env!("OUT_DIR"), "/table.rs"));

/// The whole table: every registered code, sorted, and the five classes.
#[derive(Debug)]
pub struct Table {
    entries: &'static [Entry],
    classes: &'static [Class],
}

static TABLE: Table = Table {
    entries: &ENTRIES,
    classes: &CLASSES,
};

/// The compiled-in table.
pub fn table() -> &'static Table {
    &TABLE
}

/// What a lookup finds for a code: a registered entry, or an unassigned code explained by
/// its class (RFC 9110 §15: an unrecognized code is understood as the `x00` of its class).
#[derive(Debug, Clone, Copy)]
pub enum Lookup<'a> {
    /// The registry assigns this code.
    Assigned(&'a Entry),
    /// The code is inside 100..=599 but unassigned.
    Unassigned {
        /// The code that was asked for.
        code: u16,
        /// Its class.
        class: &'a Class,
        /// The `x00` entry of the class, whose handling applies.
        base: &'a Entry,
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

impl Table {
    /// Every registered code, in code order.
    pub fn entries(&self) -> impl ExactSizeIterator<Item = &'static Entry> + '_ {
        self.entries.iter()
    }

    /// The five classes, `1xx` first.
    pub fn classes(&self) -> &'static [Class] {
        self.classes
    }

    /// The registered entry for `code`, if the registry assigns it.
    pub fn get(&self, code: u16) -> Option<&'static Entry> {
        self.entries
            .binary_search_by_key(&code, |e| e.code)
            .ok()
            .map(|i| &self.entries[i])
    }

    /// The class of `code` (`4` for 404), if it is inside 100..=599.
    pub fn class(&self, code: u16) -> Option<&'static Class> {
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
    pub fn codes(&self, class: Option<u8>, all: bool) -> Vec<&'static Entry> {
        self.entries()
            .filter(|e| class.is_none_or(|c| e.code / 100 == u16::from(c)))
            .filter(|e| all || e.documented)
            .collect()
    }

    /// Every code of one class, Hike's first, each group in code order.
    pub fn class_codes(&self, class: u8) -> Vec<&'static Entry> {
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

impl Entry {
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
    fn the_generated_table_is_the_data() {
        // Every field of every entry, as build.rs wrote it, against a whole parse of the
        // files: escaping and field order are where a generator goes wrong.
        let codes: serde_json::Value =
            serde_json::from_str(include_str!("../../data/status-codes.json")).unwrap();
        let classes: serde_json::Value =
            serde_json::from_str(include_str!("../../data/classes.json")).unwrap();
        assert_eq!(serde_json::to_value(ENTRIES.as_slice()).unwrap(), codes);
        assert_eq!(serde_json::to_value(CLASSES.as_slice()).unwrap(), classes);
        let t = table();
        assert!(t.entries().len() >= 60, "the whole registry is there");
        for e in t.entries() {
            assert_eq!(t.get(e.code), Some(e));
            assert_eq!(t.class(e.code).unwrap().class as u16, e.code / 100);
            if e.documented {
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
