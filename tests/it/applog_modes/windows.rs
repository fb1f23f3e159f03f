//! `--summary` counts Hike's windows on a log's own times: 61 calls within a minute, then
//! one every five minutes, as Python logging lines and as winston records.

use super::explain;

/// The times of the calls: 61 in 54 seconds from 10:00:00, then 10:05, 10:10, ..., 10:25.
fn times() -> Vec<(u32, u32, u32)> {
    let mut t: Vec<(u32, u32, u32)> = (0..61)
        .map(|i| (0, i * 900 / 1000, i * 900 % 1000))
        .collect();
    t.extend((1..=5).map(|k| (k * 5, 0, 0)));
    t
}

#[test]
fn summary_windows_are_timed_by_the_log() {
    let python: String = times()
        .iter()
        .map(|(m, s, ms)| {
            format!(
                "2026-12-01 10:{m:02}:{s:02},{ms:03} - hike - INFO - GET /api/v1/products/get_all -> HTTP 200\n"
            )
        })
        .collect();
    let winston: String = times()
        .iter()
        .map(|(m, s, ms)| {
            format!(
                "{{\"level\":\"info\",\"message\":\"Hike call ok\",\"method\":\"GET\",\"status\":200,\"timestamp\":\"2026-12-01T10:{m:02}:{s:02}.{ms:03}Z\",\"url\":\"/api/v1/products/get_all\"}}\n"
            )
        })
        .collect();
    for (family, log) in [("Python logging", python), ("winston", winston)] {
        let r = explain(log.as_bytes(), &["--summary", "--json"]);
        assert_eq!(r.code, 0, "{family}: {}", r.stderr);
        let s = r.json();
        assert_eq!(s["exchanges"], 66, "{family}");
        let rl = &s["rate_limit"];
        // Over Hike's 60 a minute in the first minute; 66 within 24 hours.
        assert_eq!(rl["peak_per_minute"], 61, "{family}");
        assert_eq!(rl["peak_per_day"], 66, "{family}");
        // At the log's end (10:25:00) one call in the last minute, 66 in the last day.
        assert_eq!(rl["minute_used"], 1, "{family}");
        assert_eq!(rl["day_used"], 66, "{family}");
        assert_eq!(s["first_time"], "2026-12-01T10:00:00Z", "{family}");
        assert_eq!(s["last_time"], "2026-12-01T10:25:00Z", "{family}");
        let buckets: Vec<(String, u64)> = s["timeline"]["buckets"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|b| b["calls"] != 0)
            .map(|b| {
                (
                    b["start"].as_str().unwrap().to_string(),
                    b["calls"].as_u64().unwrap(),
                )
            })
            .collect();
        let want: Vec<(String, u64)> = std::iter::once(("2026-12-01T10:00:00Z".to_string(), 61))
            .chain((1..=5).map(|k| (format!("2026-12-01T10:{:02}:00Z", k * 5), 1)))
            .collect();
        assert_eq!(buckets, want, "{family}");
    }
}
