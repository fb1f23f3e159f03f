//! `explain --summary`'s windows, cooldowns and timeline on real logs (made by
//! fixtures/server/capture-windows.sh with curl 7.88.1 against exchanges.py, which sent the
//! Date each call asked for), every figure worked out by hand below; a HAR with
//! milliseconds; exact peaks past any size; and the same report whatever the chunks.

use crate::common;

use common::{fixture, fixture_bytes, run};
use hike_status::summary::{Summary, Windows};
use hike_status::transcript::{Exchange, Limits};
use proptest::prelude::*;
use serde_json::{Value, json};

fn summary(name: &str) -> Value {
    let path = fixture(name);
    let r = run(
        &["explain", "--summary", "--json", path.to_str().unwrap()],
        None,
    );
    assert!(r.code == 0 || r.code == 4, "{name}: {}", r.stderr);
    serde_json::from_str(&r.stdout).unwrap_or_else(|e| panic!("{e}: {}", r.stdout))
}

fn text(name: &str) -> String {
    let path = fixture(name);
    let r = run(
        &[
            "explain",
            "--summary",
            "--color",
            "never",
            path.to_str().unwrap(),
        ],
        None,
    );
    r.stdout
}

/// (calls, limited, failed) of every bucket.
fn buckets(v: &Value) -> Vec<(u64, u64, u64)> {
    v["timeline"]["buckets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| {
            let n = |k: &str| b[k].as_u64().unwrap();
            (n("calls"), n("limited"), n("failed"))
        })
        .collect()
}

// log-windows-minute-burst.txt, T0 = 2026-11-18T11:07:00Z:
//   #1-#7    one a minute, 11:00:00 to 11:06:00 (T0 - 420 s + 60 s·k); #3 (11:02) a 500 on
//            /api/v1/orders/export, #5 (11:04) a 401 on /api/v1/customers/7, the rest 200
//   #8-#67   calls 0-59 of a burst, two a second: call i at T0 + ⌊i/2⌋ s, 200
//   #68-#72  calls 60-64 at T0 + 30, 30, 31, 31, 32 s: 429 Minute, no Retry-After
// Windows at T = T0 + 32 s (11:07:32Z, the latest time):
//   (T - 60 s, T] = (11:06:32, 11:07:32] holds the 65 burst calls (11:06:00 is before it);
//   (T - 24 h, T] holds all 72.
//   next_call_at: the 60th latest call is burst call 5 (counting back 64, 63, ..., 5), at
//   T0 + 2 s; a call fits when it has left the minute: T0 + 62 s = 11:08:02Z. (At T0 + 61 s
//   the window (T0 + 1, T0 + 61] still holds calls 4-64: 61.)
//   next_call_at_latest: the last exchange is a Minute 429 at T: T + 60 s = 11:08:32Z.
// Peaks: the minute ending at T holds 65, no window more; the day 72.
// Cooldown: #68 (T0 + 30 s) begins [T0 + 30, T0 + 90); #69 (same second, after it in
//   input order), #70, #71 and #72 are inside: 4, and each 429 stretches the end (to
//   T0 + 92 s at most). No success comes after.
// Timeline: 11:00 to 11:07, eight one-minute buckets: 1 call each for 11:00-11:06 (11:02
//   and 11:04 failed), and 65 for 11:07, 5 of them limited.
// Pacing: the busiest minute (65) is past 60: 72 calls took 7 min 32 s (452 s); at Hike's
//   pace the 72nd goes ⌊71/60⌋·60 = 60 s after the first; spacing 1 s (no day past 5000).
#[test]
fn a_burst_past_sixty_a_minute() {
    let v = summary("log-windows-minute-burst.txt");
    assert_eq!(v["exchanges"], 72);
    let rl = &v["rate_limit"];
    assert_eq!(rl["peak_per_minute"], 65);
    assert_eq!(rl["peak_per_day"], 72);
    assert_eq!(rl["out_of_order"], 0);
    assert_eq!(
        (rl["minute_used"].clone(), rl["day_used"].clone()),
        (json!(65), json!(72))
    );
    assert_eq!(rl["next_call_at"], "2026-11-18T11:08:02Z");
    assert_eq!(rl["next_call_at_latest"], "2026-11-18T11:08:32Z");
    assert_eq!(rl["during_cooldown"], 4);
    assert_eq!(rl["log_incomplete"], false);
    assert_eq!(v["timeline"]["bucket_seconds"], 60);
    assert_eq!(v["timeline"]["buckets"][0]["start"], "2026-11-18T11:00:00Z");
    assert_eq!(v["timeline"]["buckets"][7]["start"], "2026-11-18T11:07:00Z");
    assert_eq!(
        buckets(&v),
        [
            (1, 0, 0),
            (1, 0, 0),
            (1, 0, 1),
            (1, 0, 0),
            (1, 0, 1),
            (1, 0, 0),
            (1, 0, 0),
            (65, 5, 0)
        ]
    );
    assert_eq!(
        v["pacing"],
        json!({"calls": 72, "took_seconds": 452, "at_hike_pace_seconds": 60, "spacing_ms": 1000})
    );
    // Worst first: the 500, then the 4xx by count.
    let g: Vec<(Value, Value, Value)> = v["failure_groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| {
            (
                g["status"].clone(),
                g["count"].clone(),
                g["first_index"].clone(),
            )
        })
        .collect();
    assert_eq!(
        g,
        [
            (json!(500), json!(1), json!(3)),
            (json!(429), json!(5), json!(68)),
            (json!(401), json!(1), json!(5))
        ]
    );
    let t = text("log-windows-minute-burst.txt");
    for needle in [
        "a call fits again at 11:08:02Z (65 in the last minute, 72 in the last 24 hours); \
         Hike's Minute notice means it can take until 2026-11-18T11:08:32Z",
        "calls a minute · ┄ Hike's 60 a minute · ▲ 429",
        "5× 429 GET /api/v1/products/get_all #68, 11:07:30Z to 11:07:32Z",
        "hike-status plan 72",
    ] {
        let flat = t.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(flat.contains(needle), "{needle}:\n{t}");
    }
}

// log-windows-daily-then-successes.txt, 2026-11-25:
//   #1 11:59:00 200   #2 12:00:00 429 Daily   #3 12:30:00 500   #4 13:00:00 200
//   #5 14:00:00 200   #6 14:30:00 429 Daily
// Cooldown: #2 begins [12:00, 12:00 + 24 h); #3 is inside (1); #4, a success, proves the
//   limit had cleared and ends it (not counted); #5 is after it; #6 begins another, and
//   nothing follows. during_cooldown = 1 (once counted 3: #3, #4 and #5).
// Windows at T = 14:30:00: (T - 60 s, T] holds #6 only; (T - 24 h, T] all 6. One more fits
//   at once: next_call_at = T. The last exchange is a Daily 429 with no Retry-After:
//   next_call_at_latest = T + 24 h = 2026-11-26T14:30:00Z.
// #2 came with 1 call of the log before it in its 24 hours, far from Hike's 5000: the log
//   does not hold every call of the app and store (log_incomplete).
// Timeline: 11:59 to 14:30 is 152 minutes: 152 one-minute buckets; #1 in the first, #2 in
//   the second (limited), #3 at index 31 (failed), #4 at 61, #5 at 121, #6 at 151 (limited).
#[test]
fn a_daily_429_followed_by_successes() {
    let v = summary("log-windows-daily-then-successes.txt");
    let rl = &v["rate_limit"];
    assert_eq!(rl["during_cooldown"], 1);
    assert_eq!(
        (rl["minute_used"].clone(), rl["day_used"].clone()),
        (json!(1), json!(6))
    );
    assert_eq!(rl["next_call_at"], "2026-11-25T14:30:00Z");
    assert_eq!(rl["next_call_at_latest"], "2026-11-26T14:30:00Z");
    assert_eq!(rl["log_incomplete"], true);
    let b = buckets(&v);
    assert_eq!(b.len(), 152);
    let busy: Vec<(usize, (u64, u64, u64))> = b
        .iter()
        .copied()
        .enumerate()
        .filter(|(_, c)| c.0 > 0)
        .collect();
    assert_eq!(
        busy,
        [
            (0, (1, 0, 0)),
            (1, (1, 1, 0)),
            (31, (1, 0, 1)),
            (61, (1, 0, 0)),
            (121, (1, 0, 0)),
            (151, (1, 1, 0))
        ]
    );
    let t = text("log-windows-daily-then-successes.txt");
    let flat = t.split_whitespace().collect::<Vec<_>>().join(" ");
    for needle in [
        "at the log's end a call fits at once (1 in the last minute, 6 in the last 24 hours); \
         Hike's Daily notice means it can take until 2026-11-26T14:30:00Z",
        "the log does not hold every call of this app and store",
        "1 call was made during a cooldown",
    ] {
        assert!(flat.contains(needle), "{needle}:\n{t}");
    }
}

// log-windows-over-a-day.txt, T2 = 2026-11-20T00:00:00Z: #1-#14 at T2 + 2 h·k, k = 0..13
//   (00:00 to 02:00 the next day, 26 h), then #15 at 01:00 on the first day: time going
//   backwards.
// Timeline: minutes 0 to 1560 from T2 are 1561 > 1440, so k = 2: buckets of 120 s, aligned
//   on even minutes (T2 is one), 1560/2 + 1 = 781 of them; a call in buckets 0, 60, 120,
//   ..., 780, and #15 in bucket 30 (01:00): 15 calls.
// Windows: #15 came after #14 (26 h), and is before (T - 24 h, T] = (02:00, 02:00 next
//   day]: no window ahead can hold it. out_of_order = 1, and the peaks are lower bounds:
//   the day's is 12 ((T2 - 2 h, T2 + 22 h] holds #1-#12; with #15 it is 13, one more),
//   the minute's 1. At T: (T - 24 h, T] holds #3-#14 = 12; the minute #14 alone.
#[test]
fn a_log_over_a_day_with_time_going_backwards() {
    let v = summary("log-windows-over-a-day.txt");
    let rl = &v["rate_limit"];
    assert_eq!(rl["out_of_order"], 1);
    assert_eq!(
        (rl["peak_per_minute"].clone(), rl["peak_per_day"].clone()),
        (json!(1), json!(12))
    );
    assert_eq!(
        (rl["minute_used"].clone(), rl["day_used"].clone()),
        (json!(1), json!(12))
    );
    assert_eq!(rl["next_call_at"], "2026-11-21T02:00:00Z");
    assert_eq!(rl["next_call_at_latest"], Value::Null);
    assert_eq!(v["timeline"]["bucket_seconds"], 120);
    let b = buckets(&v);
    assert_eq!(b.len(), 781);
    let busy: Vec<usize> = (0..b.len()).filter(|i| b[*i].0 > 0).collect();
    let mut want: Vec<usize> = (0..=13).map(|k| k * 60).collect();
    want.insert(1, 30);
    assert_eq!(busy, want);
    assert_eq!(b.iter().map(|c| c.0).sum::<u64>(), 15);
    assert_eq!(
        v["timeline"]["buckets"][780]["start"],
        "2026-11-21T02:00:00Z"
    );
    let t = text("log-windows-over-a-day.txt");
    let flat = t.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        flat.contains("the log is not in time order (1 exchange came after a later one): the peaks are lower bounds, each at most 1 short"),
        "{t}"
    );
    // Spans more than an hour: the running 24-hour total against 5000.
    assert!(flat.contains("against Hike's 5000"), "{t}");
}

#[test]
fn a_log_with_no_times() {
    // `curl -s -o /dev/null -w '%{http_code}\n'` of three URLs: codes, no Date.
    let v = summary("curl-w-http-code-three-urls.txt");
    let rl = &v["rate_limit"];
    for k in [
        "peak_per_minute",
        "minute_used",
        "day_used",
        "next_call_at",
        "next_call_at_latest",
    ] {
        assert_eq!(rl[k], Value::Null, "{k}");
    }
    assert_eq!(v["timeline"], Value::Null);
    assert_eq!(v["pacing"], Value::Null);
    assert_eq!(rl["hits"], 1);
    let t = text("curl-w-http-code-three-urls.txt");
    assert!(t.contains("so the windows are unknown"), "{t}");
    assert!(
        !t.contains("calls a minute"),
        "no chart without times:\n{t}"
    );
}

/// A HAR of `n` GETs, entry i started at `ms(i)` milliseconds after 2026-11-25T12:00:00Z,
/// built from the HAR 1.2 spec in the shape Chromium writes (startedDateTime with
/// milliseconds).
fn har(n: u64, ms: impl Fn(u64) -> u64) -> Vec<u8> {
    let entries: Vec<Value> = (0..n)
        .map(|i| {
            let t = ms(i);
            json!({
                "startedDateTime": format!("2026-11-25T12:{:02}:{:02}.{:03}Z", t / 60_000, t / 1000 % 60, t % 1000),
                "time": 20.5,
                "request": {"method": "GET", "url": format!("https://api.hikeup.com/api/v1/products/{}", 100 + i),
                    "httpVersion": "HTTP/1.1", "headers": [], "queryString": [], "cookies": [],
                    "headersSize": -1, "bodySize": 0},
                "response": {"status": 200, "statusText": "OK", "httpVersion": "HTTP/1.1",
                    "headers": [{"name": "Content-Type", "value": "application/json"}], "cookies": [],
                    "content": {"size": 2, "mimeType": "application/json", "text": "{}"},
                    "redirectURL": "", "headersSize": -1, "bodySize": 2},
                "cache": {}, "timings": {"send": 0, "wait": 20, "receive": 0.5}
            })
        })
        .collect();
    serde_json::to_vec(&json!({"log": {"version": "1.2", "creator": {"name": "test", "version": "1"}, "entries": entries}}))
        .unwrap()
}

#[test]
fn har_milliseconds_count_in_the_windows() {
    // 61 calls within 59.4 s (one every 990 ms): all in one minute, over Hike's 60. Cut to
    // whole seconds they were "60, within Hike's 60".
    let r = run(
        &["explain", "--summary", "--json"],
        Some(&har(61, |i| i * 990)),
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["rate_limit"]["peak_per_minute"], 61);
    assert_eq!(v["rate_limit"]["minute_used"], 61);
    // The 60th latest is the second call, at 0.990 s: one more fits 60 s after it.
    assert_eq!(v["rate_limit"]["next_call_at"], "2026-11-25T12:01:00.990Z");
    // 60 calls 1 s apart, the last at 59.000 s, then one at 60.000 s: the window
    // (0 s, 60 s] holds 60, never 61.
    let r = run(
        &["explain", "--summary", "--json"],
        Some(&har(61, |i| i * 1000)),
    );
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["rate_limit"]["peak_per_minute"], 60);
}

#[test]
fn peaks_stay_exact_past_any_number_of_seconds() {
    // 300,000 distinct seconds, one call each (past the 200,000 where the old fold began
    // to lose counts), then 80 calls in one minute, then more single seconds.
    let mut w = Windows::new();
    let base: i64 = 1_700_000_000_000;
    for s in 0..300_000 {
        w.add(base + s * 1000);
    }
    let burst = base + 300_000 * 1000;
    for i in 0..80 {
        w.add(burst + i * 700);
    }
    for s in 0..100_000 {
        w.add(burst + 60_000 + s * 1000);
    }
    // The minute: 80 within 55.3 s, plus the singles either side within 60 s of them:
    // the window (burst + 55.3 s - 60 s, burst + 55.3 s] holds 4 singles before (the
    // seconds burst - 4 s to burst - 1 s) and the 80: 84.
    assert_eq!(w.minute.peak(), 84);
    // The day: 86,400 singles (one a second) and the 80 over them: the window ending at
    // burst + 55.3 s holds the singles from burst - 86,344 s: 86,344, and the 80.
    assert_eq!(w.day.peak(), 86_344 + 80);
    assert_eq!(w.out_of_order(), 0);
}

fn chunked(input: &[u8], chunk: usize) -> Vec<Exchange> {
    common::parse::exchanges_with(Limits::default(), input, chunk)
}

const LOGS: &[&str] = &[
    "log-windows-minute-burst.txt",
    "log-windows-daily-then-successes.txt",
    "log-windows-over-a-day.txt",
    "log-windows-many-failures.txt",
    "log-summary-dates.txt",
];

#[test]
fn the_library_and_the_command_agree() {
    // The command takes runs of plain exchanges by its fast lane; the library here takes
    // whole exchanges: the same report.
    for name in LOGS {
        let mut s = Summary::new();
        chunked(&fixture_bytes(name), usize::MAX)
            .iter()
            .for_each(|x| s.add(x));
        let lib = serde_json::to_value(s.report()).unwrap();
        assert_eq!(lib, summary(name), "{name}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]
    #[test]
    fn chunking_never_changes_the_windows(name in prop::sample::select(LOGS), chunk in 1usize..300) {
        let input = fixture_bytes(name);
        let report = |chunk| {
            let mut s = Summary::new();
            chunked(&input, chunk).iter().for_each(|x| s.add(x));
            s.report()
        };
        prop_assert_eq!(report(input.len()), report(chunk));
    }
}

#[test]
fn a_retry_after_wins_over_the_notice() {
    // One Daily 429 at 12:10:49Z whose Retry-After is the date an hour on (pyserver.py,
    // CAPTURES.md): Hike's notice alone would mean 24 hours; the header says 13:10:49Z.
    let v = summary("curl-i-429-daily-retry-after-date.txt");
    let rl = &v["rate_limit"];
    assert_eq!(rl["next_call_at"], "2026-11-25T12:10:49Z");
    assert_eq!(rl["next_call_at_latest"], "2026-11-25T13:10:49Z");
    // One call of the log in the 24 hours before a Daily 429.
    assert_eq!(rl["log_incomplete"], true);
    let t = text("curl-i-429-daily-retry-after-date.txt");
    let flat = t.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        flat.contains("the last 429's Retry-After means it can take until 2026-11-25T13:10:49Z"),
        "{t}"
    );
}
