//! Application logs (tests/fixtures/applog/, listed in tests/fixtures/CAPTURES.md) through
//! the binary, in every mode: `explain`, `--json`, `--each --json`, `--exchange N --json`,
//! `--summary --json` and `--fail`. What each fixture should give is written below from
//! the file itself: one row per line (or record) that states a status in HTTP context.

use crate::common;

use common::explain::NOW;
use common::{fixture_bytes, run};
use serde_json::Value;

mod table;

use table::{GAP, Want};

/// The finding ids these tests pin: what a log line lacks, or what its body says.
const LOG_IDS: &[&str] = &[
    "status-from-log-line",
    "library-error-line",
    "rate-limit-form-body",
    "status-inferred-from-body",
];

/// `explain ARGS... --now NOW` with `input` on stdin; nothing it prints may hold a
/// credential planted in the fixtures (each holds `SECRET`).
fn explain(input: &[u8], args: &[&str]) -> common::Run {
    let mut all = vec!["explain", "--now", NOW];
    all.extend(args);
    let r = run(&all, Some(input));
    for out in [&r.stdout, &r.stderr] {
        assert!(
            !out.contains("SECRET"),
            "{args:?} echoes a credential:\n{out}"
        );
        common::assert_clean(out, &format!("{args:?}"));
    }
    r
}

/// `--fail`'s exit for one exchange.
fn class_exit(status: u16) -> i32 {
    match status {
        500..=599 => 5,
        400..=499 => 4,
        _ => 0,
    }
}

/// `--fail`'s exit over every exchange: 5 if any ended in a 5xx, else 4 if any in a 4xx.
fn worst_exit(want: &[Want]) -> i32 {
    want.iter().map(|w| class_exit(w.status)).max().unwrap_or(0)
}

fn str_or_null(s: &str) -> Value {
    if s.is_empty() {
        Value::Null
    } else {
        Value::from(s)
    }
}

/// Seconds since 1970 of an RFC 3339 time in UTC (`2026-12-05T08:27:36.007Z`).
fn epoch(t: &str) -> i64 {
    let n = |r: std::ops::Range<usize>| t[r].parse::<i64>().unwrap();
    let (y, m, d) = (n(0..4), n(5..7), n(8..10));
    // Days from the civil date (Howard Hinnant's algorithm).
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    days * 86_400 + n(11..13) * 3600 + n(14..16) * 60 + n(17..19)
}

/// The most calls within any `window` seconds.
fn peak(times: &[i64], window: i64) -> usize {
    times
        .iter()
        .map(|a| {
            times
                .iter()
                .filter(|b| **b >= *a && **b < a + window)
                .count()
        })
        .max()
        .unwrap_or(0)
}

/// Checks one exchange's report against its row.
fn check_report(what: &str, v: &Value, w: &Want) {
    assert_eq!(v["status"], w.status, "{what}: {v}");
    assert_eq!(v["source"], w.source, "{what}: {v}");
    if w.time != GAP {
        assert_eq!(v["time"], str_or_null(w.time), "{what}: time, {v}");
    }
    // No request when the line shows neither method nor target.
    let request = &v["request"];
    assert_eq!(
        (request["method"].clone(), request["target"].clone()),
        (str_or_null(w.method), str_or_null(w.target)),
        "{what}: request, {v}"
    );
    if w.errors != table::GAP_ERRORS {
        let errors: Vec<(String, String)> = v["errors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| {
                (
                    e["field"].as_str().unwrap_or_default().to_string(),
                    e["message"].as_str().unwrap().to_string(),
                )
            })
            .collect();
        let want: Vec<(String, String)> = w
            .errors
            .iter()
            .map(|(f, m)| (f.to_string(), m.to_string()))
            .collect();
        assert_eq!(errors, want, "{what}: errors, {v}");
    }
    if w.ids != table::GAP_IDS {
        let mut ids: Vec<&str> = v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["id"].as_str().unwrap())
            .filter(|id| LOG_IDS.contains(id))
            .collect();
        ids.sort_unstable();
        let mut want = w.ids.to_vec();
        want.sort_unstable();
        assert_eq!(ids, want, "{what}: findings, {v}");
    }
}

/// Every mode on `input`, against the rows `want`, in order.
fn check(name: &str, input: &[u8], want: &[Want]) {
    let n = want.len();
    // --each --json: one line per exchange, in input order.
    let r = explain(input, &["--each", "--json", "--fail"]);
    assert_eq!(
        r.code,
        worst_exit(want),
        "{name} --each --fail: {}",
        r.stderr
    );
    let each: Vec<Value> = r
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{name}: {e}: {l}")))
        .collect();
    let statuses: Vec<&Value> = each.iter().map(|v| &v["status"]).collect();
    let want_statuses: Vec<Value> = want.iter().map(|w| w.status.into()).collect();
    assert_eq!(
        statuses,
        want_statuses.iter().collect::<Vec<_>>(),
        "{name}: the statuses"
    );
    for (i, (v, w)) in each.iter().zip(want).enumerate() {
        assert_eq!(v["index"], i + 1, "{name}");
        check_report(&format!("{name} --each #{}", i + 1), v, w);
        // Every report has the typed shape.
        serde_json::from_value::<common::json::Report>(v.clone())
            .unwrap_or_else(|e| panic!("{name} #{}: {e}", i + 1));
    }
    // --exchange N --json is the N-th line of --each, and --fail exits by its class.
    for (i, w) in want.iter().enumerate() {
        let n = (i + 1).to_string();
        let r = explain(input, &["--exchange", &n, "--json", "--fail"]);
        assert_eq!(
            r.code,
            class_exit(w.status),
            "{name} --exchange {n}: {}",
            r.stderr
        );
        assert_eq!(r.json(), each[i], "{name} --exchange {n}");
    }
    // --json: the last exchange, with the count.
    let r = explain(input, &["--json", "--fail"]);
    assert_eq!(
        r.code,
        class_exit(want[n - 1].status),
        "{name} --json --fail"
    );
    let mut last = r.json();
    assert_eq!(last["exchanges"], n, "{name} --json");
    last.as_object_mut().unwrap().remove("exchanges");
    let mut each_last = each[n - 1].clone();
    each_last.as_object_mut().unwrap().remove("index");
    assert_eq!(last, each_last, "{name} --json is the last exchange");
    // explain: the last exchange in words.
    let r = explain(input, &["--color", "never", "--fail"]);
    assert_eq!(r.code, class_exit(want[n - 1].status), "{name} text --fail");
    assert!(
        r.stdout.starts_with(&format!("{} ", want[n - 1].status)),
        "{name}:\n{}",
        r.stdout
    );
    assert!(
        r.stdout.contains(&format!("exchange    {n} of {n}")),
        "{name}:\n{}",
        r.stdout
    );
    check_summary(name, input, want);
}

/// `--summary --json`: the counts, and Hike's windows timed by the log's own times.
fn check_summary(name: &str, input: &[u8], want: &[Want]) {
    let r = explain(input, &["--summary", "--json", "--fail"]);
    assert_eq!(
        r.code,
        worst_exit(want),
        "{name} --summary --fail: {}",
        r.stderr
    );
    let s = r.json();
    assert_eq!(s["exchanges"], want.len(), "{name}");
    assert_eq!(s["no_response"], 0, "{name}");
    let mut by_status = serde_json::Map::new();
    for w in want {
        let k = w.status.to_string();
        let c = by_status.get(&k).and_then(Value::as_u64).unwrap_or(0);
        by_status.insert(k, (c + 1).into());
    }
    assert_eq!(s["by_status"], Value::Object(by_status), "{name}");
    let hits = want.iter().filter(|w| w.status == 429).count();
    assert_eq!(s["rate_limit"]["hits"], hits, "{name}");
    let known: Vec<&str> = want
        .iter()
        .map(|w| w.time)
        .filter(|t| !t.is_empty() && *t != GAP)
        .collect();
    let seconds = |t: &str| format!("{}Z", &t[..19]);
    let windows = [
        &s["rate_limit"]["peak_per_minute"],
        &s["rate_limit"]["peak_per_day"],
        &s["rate_limit"]["minute_used"],
        &s["rate_limit"]["day_used"],
        &s["timeline"],
    ];
    if known.is_empty() {
        // No time in the log: no window can be told.
        for (f, v) in windows.iter().enumerate() {
            assert!(v.is_null(), "{name}: window field {f} is {v}");
        }
        assert!(
            s["first_time"].is_null() && s["last_time"].is_null(),
            "{name}"
        );
        return;
    }
    // Times in the log: Hike's windows are counted on them (an exchange with no time is
    // left out of them).
    for (f, v) in windows.iter().enumerate() {
        assert!(!v.is_null(), "{name}: window field {f} is null");
    }
    let first = known.iter().min().unwrap();
    let last = known.iter().max().unwrap();
    assert_eq!(s["first_time"], seconds(first), "{name}");
    assert_eq!(s["last_time"], seconds(last), "{name}");
    if want.iter().any(|w| w.time == GAP) {
        return;
    }
    let times: Vec<i64> = known.iter().map(|t| epoch(t)).collect();
    assert_eq!(
        s["rate_limit"]["peak_per_minute"],
        peak(&times, 60),
        "{name}"
    );
    assert_eq!(
        s["rate_limit"]["peak_per_day"],
        peak(&times, 86_400),
        "{name}"
    );
}

/// Runs [`check`] on a fixture of tests/fixtures/applog/ with its rows.
fn fixture(name: &str) {
    let path = format!("applog/{name}");
    let want = table::rows(name);
    check(name, &fixture_bytes(&path), want);
}

macro_rules! fixtures {
    ($($(#[$attr:meta])* $test:ident => $file:literal,)*) => {$(
        #[test]
        $(#[$attr])*
        fn $test() {
            fixture($file);
        }
    )*};
}

fixtures! {
    bunyan_axios => "bunyan-axios.log",
    console_axios => "console-axios.log",
    dotnet_console => "dotnet-console.log",
    dotnet_json_console => "dotnet-json-console.log",
    ecs_python => "ecs-python.log",
    log4js_axios => "log4js-axios.log",
    logback_spring_resttemplate => "logback-spring-resttemplate.log",
    loguru_serialize => "loguru-serialize.log",
    loguru_text => "loguru-text.log",
    monolog => "monolog.log",
    nginx_access => "nginx-access.log",
    pino_axios => "pino-axios.log",
    python_json_logger => "python-json-logger.log",
    python_logging_httpx => "python-logging-httpx.log",
    python_logging_requests => "python-logging-requests.log",
    rails => "rails.log",
    serilog_clef => "serilog-clef.log",
    structlog_console => "structlog-console.log",
    structlog_json => "structlog-json.log",
    syslog => "syslog.log",
    winston_axios => "winston-axios.log",
    issue_lines => "issue-lines.txt",
}

/// Every fixture of the folder has its rows: a new one is not left out.
#[test]
fn every_applog_fixture_is_checked() {
    let dir = common::fixture("applog");
    for entry in std::fs::read_dir(dir).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        if name != "negative.txt" {
            assert!(!table::rows(&name).is_empty(), "{name} has no rows");
        }
    }
}

/// Monolog's file without the Guzzle line the library family misreads (see `monolog`):
/// the other lines, its records and Laravel's, each an exchange.
#[test]
fn monolog_around_the_guzzle_line() {
    let text = String::from_utf8(fixture_bytes("applog/monolog.log")).unwrap();
    let kept: String = text
        .split_inclusive('\n')
        .filter(|l| !l.contains("GuzzleHttp"))
        .collect();
    assert_eq!(kept.lines().count(), 5);
    let rows = table::rows("monolog.log");
    let want: Vec<Want> = rows
        .iter()
        .filter(|w| w.source != "PHP Guzzle")
        .copied()
        .collect();
    assert_eq!(want.len(), 3);
    check("monolog.log without line 3", kept.as_bytes(), &want);
}

/// The README's section on application logs: each example line is one exchange, read with
/// its status (the number the line states, or Hike's 429 for its body alone), and the
/// output it shows is the binary's.
#[test]
fn the_readme_examples_of_application_logs_are_read() {
    let readme = std::fs::read_to_string(common::fixture("../../README.md")).unwrap();
    let section = readme
        .split("### Your application's log")
        .nth(1)
        .expect("the README has the section")
        .split("\n### ")
        .next()
        .unwrap();
    let block = section
        .split("```text\n")
        .nth(1)
        .and_then(|b| b.split("```").next())
        .unwrap();
    let lines: Vec<&str> = block.lines().filter(|l| !l.starts_with('#')).collect();
    assert!(lines.len() >= 8, "{lines:?}");
    for line in lines {
        let r = explain(format!("{line}\n").as_bytes(), &["--json"]);
        assert_eq!(r.code, 0, "{line}: {}", r.stderr);
        let v = r.json();
        assert_eq!(v["exchanges"], 1, "{line}");
        let stated = [200, 422, 429]
            .into_iter()
            .find(|c| line.contains(&c.to_string()))
            .unwrap_or(429);
        assert_eq!(v["status"], stated, "{line}");
    }
    // The example run, as the README shows it.
    let console = section.split("```console\n$ echo '").nth(1).unwrap();
    let (line, rest) = console.split_once("' | hike-status explain\n").unwrap();
    let shown = rest.split("```").next().unwrap();
    let r = explain(format!("{line}\n").as_bytes(), &["--color", "never"]);
    assert_eq!(r.stdout, shown);
}

mod gaps;
mod negative;
mod stays;
mod windows;
