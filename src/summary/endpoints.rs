//! Endpoints: a request's method and path with its ids collapsed
//! (`/api/v1/products/{id}`), counted in a bounded table.

use std::collections::BTreeMap;

use super::table::Table;

/// How many distinct endpoints are counted; the others are counted together.
pub const MAX_ENDPOINTS: usize = 1024;

/// The path of a request target, its query and fragment dropped and its ids collapsed to
/// `{id}`: a segment of digits, a UUID, or a long mix of letters and digits.
pub fn collapse(target: &str) -> String {
    let path = match target.split_once("://") {
        Some((_, rest)) => rest.find('/').map_or("/", |i| &rest[i..]),
        None => target,
    };
    let path = path.split(['?', '#']).next().unwrap_or("");
    let mut out = String::with_capacity(path.len());
    for (i, seg) in path.split('/').enumerate() {
        if i > 0 {
            out.push('/');
        }
        if is_id(seg) {
            out.push_str("{id}");
        } else {
            out.push_str(seg);
        }
    }
    if out.is_empty() {
        out.push('/');
    }
    out
}

fn is_id(seg: &str) -> bool {
    if seg.is_empty() {
        return false;
    }
    let digits = seg.bytes().filter(u8::is_ascii_digit).count();
    let all_digits = digits == seg.len();
    let uuid = seg.len() == 36 && seg.bytes().filter(|b| *b == b'-').count() == 4;
    let token = seg.len() >= 8
        && digits > 0
        && seg
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    all_digits || uuid || token
}

/// One endpoint's counts.
#[derive(Debug, Clone, Default)]
pub struct Counts {
    /// Every exchange with this method and path.
    pub count: u64,
    /// By final status (0: no response).
    pub by_status: BTreeMap<u16, u64>,
}

/// An endpoint: its method, when shown, and its collapsed path.
pub type Key = (Option<String>, String);

/// The endpoint table, bounded.
#[derive(Debug, Clone, Default)]
pub struct Endpoints {
    /// Each endpoint and its counts, in the order first seen.
    pub table: Table<Key, Counts, MAX_ENDPOINTS>,
    /// Exchanges of endpoints past the bound.
    pub overflow: u64,
}

impl Endpoints {
    /// Where an endpoint is counted: `None` past the bound.
    pub fn slot(&mut self, key: Key) -> Option<usize> {
        self.table.slot(key, Counts::default)
    }

    /// Counts an exchange that ended in `status` at `slot` ([`Endpoints::slot`]).
    pub fn count(&mut self, slot: Option<usize>, status: u16) {
        match self.table.get_mut(slot) {
            Some(c) => {
                c.count += 1;
                *c.by_status.entry(status).or_insert(0) += 1;
            }
            None => self.overflow += 1,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_collapse_and_queries_go() {
        assert_eq!(collapse("/api/v1/products/101"), "/api/v1/products/{id}");
        assert_eq!(
            collapse("https://api.hikeup.com/api/v1/products/get_all?page_size=5"),
            "/api/v1/products/get_all"
        );
        assert_eq!(
            collapse("/api/v1/sales/3c4d5e6f-1a2b-4c3d-9e4f-5a6b7c8d9e01/lines/7"),
            "/api/v1/sales/{id}/lines/{id}"
        );
        assert_eq!(collapse("/oauth/token"), "/oauth/token");
        assert_eq!(collapse("http://h"), "/");
    }
}
