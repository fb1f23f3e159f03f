//! Failures grouped by status and endpoint: how many, the first and the last time, in a
//! bounded table; the worst first (5xx and no response before 4xx, then the most).

use serde::Serialize;

use super::table::Table;

/// How many groups are kept; failures of others are counted together.
pub const MAX_GROUPS: usize = 1024;

/// One group of failures: the same status, method and path.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FailureGroup {
    /// The final status; null for no response.
    pub status: Option<u16>,
    /// The method, when the input shows the request.
    pub method: Option<String>,
    /// The path, ids collapsed, when the input shows the request.
    pub path: Option<String>,
    /// How many failures.
    pub count: u64,
    /// The number of the first (as `--each` and `--exchange N` count).
    pub first_index: u64,
    /// The earliest time (RFC 3339, UTC), when any has one.
    pub first_time: Option<String>,
    /// The latest time.
    pub last_time: Option<String>,
}

type Key = (Option<u16>, Option<String>, Option<String>);

#[derive(Debug, Clone)]
struct Group {
    count: u64,
    first_index: u64,
    first: Option<i64>,
    last: Option<i64>,
}

impl Group {
    /// A group first seen at exchange `index`, nothing counted yet.
    fn new(index: u64) -> Group {
        Group {
            count: 0,
            first_index: index,
            first: None,
            last: None,
        }
    }

    fn bump(&mut self, time: Option<i64>) {
        self.count += 1;
        if let Some(t) = time {
            self.first = Some(self.first.map_or(t, |f| f.min(t)));
            self.last = Some(self.last.map_or(t, |l| l.max(t)));
        }
    }
}

/// The groups, bounded.
#[derive(Debug, Clone, Default)]
pub struct Groups {
    /// Groups of failures that show no request (most of a `curl -i` log), by status, 0 for
    /// no response: kept apart from the table, with no hashing, as they come by the million.
    bare: Vec<Option<Group>>,
    /// Groups of failures that show their request, in the order first seen.
    table: Table<Key, Group, MAX_GROUPS>,
    /// Failures of groups past the bound.
    pub overflow: u64,
}

impl Groups {
    /// Counts a failure of exchange `index` at `time` (milliseconds).
    pub fn add(&mut self, key: Key, index: u64, time: Option<i64>) {
        match key {
            (status, None, None) => {
                let i = usize::from(status.unwrap_or(0));
                if i >= self.bare.len() {
                    self.bare.resize(i + 1, None);
                }
                self.bare[i].get_or_insert(Group::new(index)).bump(time);
            }
            key => {
                let slot = self.slot(key, index);
                self.count(slot, time);
            }
        }
    }

    /// Where the group of `key` (which shows a request) is counted, made for exchange
    /// `index` if new; `None` past the bound.
    pub fn slot(&mut self, key: Key, index: u64) -> Option<usize> {
        self.table.slot(key, || Group::new(index))
    }

    /// Counts a failure at `time` in the group at `slot` ([`Groups::slot`]).
    pub fn count(&mut self, slot: Option<usize>, time: Option<i64>) {
        match self.table.get_mut(slot) {
            Some(g) => g.bump(time),
            None => self.overflow += 1,
        }
    }

    /// The groups, worst first; `time` formats a time.
    pub fn sorted(&self, time: impl Fn(i64) -> String) -> Vec<FailureGroup> {
        let bare = self.bare.iter().enumerate().filter_map(|(s, g)| {
            let status = u16::try_from(s).ok().filter(|s| *s > 0);
            Some(((status, None, None), g.as_ref()?))
        });
        let keyed = self
            .table
            .iter()
            .map(|((s, m, p), g)| ((*s, m.clone(), p.clone()), g));
        let mut out: Vec<FailureGroup> = bare
            .chain(keyed)
            .map(|((status, method, path), g)| FailureGroup {
                status,
                method,
                path,
                count: g.count,
                first_index: g.first_index,
                first_time: g.first.map(&time),
                last_time: g.last.map(&time),
            })
            .collect();
        out.sort_by(|a, b| {
            severity(b.status)
                .cmp(&severity(a.status))
                .then(b.count.cmp(&a.count))
                .then(a.status.cmp(&b.status))
                .then(a.first_index.cmp(&b.first_index))
        });
        out
    }
}

/// 2 for a 5xx or no response, 1 for a 4xx.
fn severity(status: Option<u16>) -> u8 {
    match status {
        None => 2,
        Some(s) if s >= 500 => 2,
        _ => 1,
    }
}
