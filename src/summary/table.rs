//! A bounded table: entries kept in the order first seen, each found by its key, at most
//! `MAX` of them. The endpoint table, the failure groups and the requests already shown
//! are each one.

use std::borrow::Borrow;
use std::collections::HashMap;
use std::hash::Hash;

/// Entries in the order first seen, with an index by key, at most `MAX`.
#[derive(Debug, Clone)]
pub struct Table<K, V, const MAX: usize> {
    list: Vec<(K, V)>,
    /// foldhash: the keys are short (a method and a path), and SipHash cost about 300
    /// instructions a look-up; a table is bounded, so no input can make its collisions
    /// cost more than `MAX` compares a look-up.
    index: HashMap<K, usize, foldhash::fast::RandomState>,
}

impl<K, V, const MAX: usize> Default for Table<K, V, MAX> {
    fn default() -> Self {
        Table {
            list: Vec::new(),
            index: HashMap::default(),
        }
    }
}

impl<K: Hash + Eq + Clone, V, const MAX: usize> Table<K, V, MAX> {
    /// Where the entry of `key` stands, if there is one.
    pub fn find<Q: Hash + Eq + ?Sized>(&self, key: &Q) -> Option<usize>
    where
        K: Borrow<Q>,
    {
        self.index.get(key).copied()
    }

    /// Whether the table holds `MAX` entries (and so takes no new one, for good: it only
    /// grows).
    pub fn is_full(&self) -> bool {
        self.list.len() >= MAX
    }

    /// Where the entry of `key` stands, made with `value` if new; `None` when it is new and
    /// the table is full.
    pub fn slot(&mut self, key: K, value: impl FnOnce() -> V) -> Option<usize> {
        if let Some(i) = self.find(&key) {
            return Some(i);
        }
        if self.is_full() {
            return None;
        }
        let i = self.list.len();
        self.list.push((key.clone(), value()));
        self.index.insert(key, i);
        Some(i)
    }

    /// The value at `slot` ([`Table::slot`]), if any.
    pub fn get_mut(&mut self, slot: Option<usize>) -> Option<&mut V> {
        slot.and_then(|i| self.list.get_mut(i)).map(|(_, v)| v)
    }

    /// The entries, in the order first seen.
    pub fn iter(&self) -> impl Iterator<Item = &(K, V)> {
        self.list.iter()
    }
}
