//! What the summary shows of a request (its method and its path, ids collapsed, both
//! redacted) and where its endpoint is counted, worked out once for each distinct request
//! while the input has shown no credential: a long log calls a few endpoints a million
//! times, and redacting and collapsing each call's target anew was most of the summary's
//! work for a call.

use crate::redact::{Redactor, Secrets};

use super::endpoints::{Endpoints, collapse};
use super::failures::Groups;
use super::table::Table;

/// How many distinct requests are remembered; others are worked out each time.
const MAX_REMEMBERED: usize = 1024;
/// A method and target longer than this together are worked out each time (a bound on the
/// memory the remembered requests take: at most about 1 MiB of keys).
const MAX_KEY: usize = 1024;

/// A request as the summary shows it.
#[derive(Debug, Clone)]
pub(super) struct Shown {
    /// The method, when the input shows one (never assumed).
    pub(super) method: Option<String>,
    /// The path, ids collapsed.
    pub(super) path: String,
    /// Where its endpoint is counted; `None` past the table's bound.
    pub(super) endpoint: Option<usize>,
    /// Where its failures are grouped, by status, as far as known.
    groups: Vec<(Option<u16>, Option<usize>)>,
}

/// How many statuses a request's group places are kept for.
const MAX_STATUSES: usize = 8;

impl Shown {
    /// Where a failure of this request that ended in `status` (exchange `index`) is grouped.
    pub(super) fn group(
        &mut self,
        status: Option<u16>,
        index: u64,
        groups: &mut Groups,
    ) -> Option<usize> {
        if let Some((_, slot)) = self.groups.iter().find(|(s, _)| *s == status) {
            return *slot;
        }
        let slot = groups.slot(
            (status, self.method.clone(), Some(self.path.clone())),
            index,
        );
        if self.groups.len() < MAX_STATUSES {
            self.groups.push((status, slot));
        }
        slot
    }
}

/// A request as shown: remembered, or worked out for this once.
pub(super) enum ShownRef<'s> {
    Kept(&'s mut Shown),
    Once(Shown),
}

impl std::ops::Deref for ShownRef<'_> {
    type Target = Shown;
    fn deref(&self) -> &Shown {
        match self {
            ShownRef::Kept(s) => s,
            ShownRef::Once(s) => s,
        }
    }
}

impl std::ops::DerefMut for ShownRef<'_> {
    fn deref_mut(&mut self) -> &mut Shown {
        match self {
            ShownRef::Kept(s) => s,
            ShownRef::Once(s) => s,
        }
    }
}

/// Requests already shown, while no credential is known.
#[derive(Debug, Clone, Default)]
pub(super) struct ShownRequests {
    /// The key being looked up, its buffer kept from call to call.
    key: Vec<u8>,
    seen: Table<Vec<u8>, Shown, MAX_REMEMBERED>,
}

impl ShownRequests {
    /// `request` (its method, if shown, and target) as shown under the credentials the
    /// input showed up to it; its endpoint found or added in `endpoints`.
    pub(super) fn show(
        &mut self,
        request: (Option<&str>, &str),
        secrets: &Secrets,
        endpoints: &mut Endpoints,
    ) -> ShownRef<'_> {
        let long = request.0.map_or(0, str::len) + request.1.len() > MAX_KEY;
        if !secrets.is_empty() || long {
            return ShownRef::Once(work_out(request, secrets, endpoints));
        }
        // One key for the pair, the method's length first so no two pairs share one.
        self.key.clear();
        match request.0 {
            Some(m) => {
                self.key.push(1);
                self.key.extend_from_slice(&(m.len() as u64).to_le_bytes());
                self.key.extend_from_slice(m.as_bytes());
            }
            None => self.key.push(0),
        }
        self.key.extend_from_slice(request.1.as_bytes());
        let slot = match self.seen.find(&self.key[..]) {
            Some(i) => Some(i),
            None if self.seen.is_full() => None,
            None => self
                .seen
                .slot(self.key.clone(), || work_out(request, secrets, endpoints)),
        };
        match self.seen.get_mut(slot) {
            Some(s) => ShownRef::Kept(s),
            None => ShownRef::Once(work_out(request, secrets, endpoints)),
        }
    }
}

fn work_out(request: (Option<&str>, &str), secrets: &Secrets, endpoints: &mut Endpoints) -> Shown {
    let red = Redactor::new(secrets.clone());
    let (method, target) = request;
    let method = method.map(|m| red.text(m).to_string());
    let path = red.text(&collapse(target)).to_string();
    let endpoint = endpoints.slot((method.clone(), path.clone()));
    Shown {
        method,
        path,
        endpoint,
        groups: Vec::new(),
    }
}
