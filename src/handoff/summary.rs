//! The post for a whole log (`explain --summary --handoff`): its failures grouped by
//! status and endpoint, worst first, each with its count, first and last time, a few
//! request ids, the `X-Rate-Limit-Problem` values seen and the replay of its first
//! failure.

use std::collections::HashMap;
use std::io::{self, Write};

use crate::explain::NoResponse;
use crate::redact::{Place, Redactor};
use crate::replay::{self, request_of};
use crate::summary::collapse;
use crate::summary::exchange_status;
use crate::table::table;
use crate::transcript::Exchange;

use super::markdown::{code, fence, plain};
use super::{Options, hike_says, time_of};

/// How many groups are told.
pub const MAX_SHOWN: usize = 10;
/// How many groups are kept while reading (the failures of others are only counted).
const MAX_GROUPS: usize = 1024;
/// How many request ids a group shows.
const MAX_IDS: usize = 3;
/// How many distinct `X-Rate-Limit-Problem` values a group keeps.
const MAX_PROBLEMS: usize = 4;

#[derive(Debug)]
struct Group {
    status: Option<u16>,
    endpoint: String,
    count: u64,
    first_index: u64,
    first_time: Option<String>,
    last_time: Option<String>,
    ids: Vec<String>,
    problems: Vec<String>,
    why: Option<String>,
    replay: Option<String>,
    removed: Vec<Place>,
}

impl Group {
    /// Lower is worse: a 5xx, then no response, then a 4xx.
    fn rank(&self) -> u8 {
        match self.status {
            Some(s) if s >= 500 => 0,
            None => 1,
            Some(_) => 2,
        }
    }
}

/// The failures of a log, grouped as they come.
#[derive(Debug, Default)]
pub struct Groups {
    groups: Vec<Group>,
    index: HashMap<(Option<u16>, String), usize>,
    exchanges: u64,
    failures: u64,
    ungrouped: u64,
    first: Option<String>,
    last: Option<String>,
    opts: Options,
}

impl Groups {
    /// No exchange yet.
    pub fn new(opts: Options) -> Groups {
        Groups {
            opts,
            ..Groups::default()
        }
    }

    /// Counts one exchange in; `why` says why it got no response, when it got none.
    pub fn add(&mut self, x: &Exchange, why: Option<&NoResponse>) {
        self.exchanges += 1;
        let time = time_of(x);
        if let Some(t) = &time {
            if self.first.as_ref().is_none_or(|f| t < f) {
                self.first = Some(t.clone());
            }
            if self.last.as_ref().is_none_or(|l| t > l) {
                self.last = Some(t.clone());
            }
        }
        let status = exchange_status(x);
        if status.is_some_and(|s| s < 400) {
            return;
        }
        self.failures += 1;
        let red = Redactor::new(x.secrets.clone());
        let req = request_of(x);
        let endpoint = match req.filter(|r| !r.target.is_empty()) {
            Some(r) => {
                let method = r
                    .method
                    .as_deref()
                    .map_or("(method not shown)".into(), |m| red.text(m).into_string());
                format!("{method} {}", collapse(&red.url(&r.target)))
            }
            None => "request not shown".to_string(),
        };
        let key = (status, endpoint);
        let i = match self.index.get(&key) {
            Some(i) => *i,
            None if self.groups.len() == MAX_GROUPS => {
                self.ungrouped += 1;
                return;
            }
            None => {
                let replay = req.and_then(|r| {
                    replay::replay(
                        r,
                        &x.secrets,
                        replay::Options {
                            body: self.opts.include_bodies,
                        },
                    )
                    .ok()
                });
                self.groups.push(Group {
                    status,
                    endpoint: key.1.clone(),
                    count: 0,
                    first_index: x.index,
                    first_time: None,
                    last_time: None,
                    ids: Vec::new(),
                    problems: Vec::new(),
                    why: why.map(|w| w.to_string()),
                    removed: replay
                        .as_ref()
                        .map(|r| r.removed.clone())
                        .unwrap_or_default(),
                    replay: replay.map(|r| r.script()),
                });
                self.index.insert(key, self.groups.len() - 1);
                self.groups.len() - 1
            }
        };
        let g = &mut self.groups[i];
        g.count += 1;
        if let Some(t) = time {
            if g.first_time.as_ref().is_none_or(|f| &t < f) {
                g.first_time = Some(t.clone());
            }
            if g.last_time.as_ref().is_none_or(|l| &t > l) {
                g.last_time = Some(t);
            }
        }
        let resp = x.final_response.as_ref().filter(|_| status.is_some());
        if let Some(id) = resp.and_then(|r| r.request_id()) {
            if g.ids.len() < MAX_IDS {
                g.ids.push(red.text(id.trim()).into_string());
            }
        }
        if let Some(p) = resp.and_then(|r| r.header("x-rate-limit-problem")) {
            let p = red.text(p.trim()).into_string();
            if g.problems.len() < MAX_PROBLEMS && !g.problems.contains(&p) {
                g.problems.push(p);
            }
        }
    }

    /// Writes the post.
    pub fn write(&mut self, out: &mut dyn Write) -> io::Result<()> {
        let span = match (&self.first, &self.last) {
            (Some(f), Some(l)) => format!(", from {f} to {l}"),
            _ => String::new(),
        };
        writeln!(
            out,
            "# Hike API failures: {} of {} exchanges{span}\n",
            self.failures, self.exchanges
        )?;
        if self.failures == 0 {
            writeln!(out, "No exchange ended in a 4xx, a 5xx or no response.")?;
            return Ok(());
        }
        self.groups.sort_by(|a, b| {
            a.rank()
                .cmp(&b.rank())
                .then(b.count.cmp(&a.count))
                .then(a.first_index.cmp(&b.first_index))
        });
        let shown = self.groups.len().min(MAX_SHOWN);
        let mut removed: Vec<Place> = Vec::new();
        let mut statuses = Vec::new();
        for (n, g) in self.groups.iter().take(shown).enumerate() {
            group(out, n + 1, g)?;
            for p in &g.removed {
                if !removed.contains(p) {
                    removed.push(p.clone());
                }
            }
            statuses.extend(g.status);
        }
        let left: u64 =
            self.groups.iter().skip(shown).map(|g| g.count).sum::<u64>() + self.ungrouped;
        if left > 0 {
            writeln!(out, "{left} more failures, in groups not shown here.\n")?;
        }
        writeln!(out, "## Redacted before sharing\n")?;
        if removed.is_empty() {
            writeln!(
                out,
                "- nothing: no credential was found in what this post shows"
            )?;
        }
        for p in &removed {
            writeln!(out, "- {}", plain(&p.to_string()))?;
        }
        statuses.sort_unstable();
        statuses.dedup();
        hike_says(out, &statuses)?;
        Ok(())
    }
}

fn group(out: &mut dyn Write, n: usize, g: &Group) -> io::Result<()> {
    let title = match g.status.and_then(|s| table().info(s)) {
        Some(info) => format!("{} {}", info.code, info.name),
        None => "No response".to_string(),
    };
    writeln!(out, "## {n}. {title}: {}\n", plain(&g.endpoint))?;
    let times = match (&g.first_time, &g.last_time) {
        (Some(f), Some(l)) if f == l => format!(", at {f}"),
        (Some(f), Some(l)) => format!(", first {f}, last {l}"),
        _ => ", times not shown".to_string(),
    };
    writeln!(
        out,
        "- **Failures:** {}{times} (first: exchange {})",
        g.count, g.first_index
    )?;
    if let Some(why) = &g.why {
        writeln!(out, "- **Why no response:** {}", plain(why))?;
    }
    if g.status.is_some() {
        let ids = if g.ids.is_empty() {
            "no request id was shown".to_string()
        } else {
            let list: Vec<String> = g.ids.iter().map(|i| code(i)).collect();
            list.join(", ")
        };
        writeln!(out, "- **Request ids:** {ids}")?;
        let problems = if g.problems.is_empty() {
            "not sent".to_string()
        } else {
            let list: Vec<String> = g.problems.iter().map(|p| code(p)).collect();
            list.join(", ")
        };
        writeln!(out, "- **X-Rate-Limit-Problem:** {problems}")?;
    }
    if let Some(r) = &g.replay {
        writeln!(out, "\nReplay of the first:\n")?;
        write!(out, "{}", fence("sh", r))?;
    }
    writeln!(out)
}
