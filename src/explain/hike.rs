//! What the analysis knows of Hike's API (../shared/HIKE-API.md): its rate limits, its
//! largest POST body.

/// Hike's rate limits, per app and per store: calls in a rolling minute.
pub const MINUTE_LIMIT: u32 = 60;
/// Calls in a rolling 24 hours.
pub const DAILY_LIMIT: u32 = 5000;
/// Hike's largest POST body: "4MB" in its docs, the unit not spelled out, so read as
/// 4,000,000 bytes, the smaller of 4 MB and 4 MiB; a body of that size or more is flagged.
pub const MAX_POST_BYTES: u64 = 4_000_000;
