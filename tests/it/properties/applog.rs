//! The chunking property on every application log (tests/fixtures/applog/): any split of
//! the input, one log or several in a row, gives the same transcript, exchanges, reports and
//! summary as the input read whole.

use crate::common;

use super::{each_json, now};
use hike_status::explain::explain;
use hike_status::summary::Summary;
use hike_status::transcript::{Exchange, Limits, Parser, Transcript};
use proptest::prelude::*;

/// The application logs (tests/fixtures/applog/), the negative set among them.
const APPLOG: &[&str] = &[
    "applog/bunyan-axios.log",
    "applog/console-axios.log",
    "applog/dotnet-console.log",
    "applog/dotnet-json-console.log",
    "applog/ecs-python.log",
    "applog/issue-lines.txt",
    "applog/log4js-axios.log",
    "applog/logback-spring-resttemplate.log",
    "applog/loguru-serialize.log",
    "applog/loguru-text.log",
    "applog/monolog.log",
    "applog/negative.txt",
    "applog/nginx-access.log",
    "applog/pino-axios.log",
    "applog/python-json-logger.log",
    "applog/python-logging-httpx.log",
    "applog/python-logging-requests.log",
    "applog/rails.log",
    "applog/serilog-clef.log",
    "applog/structlog-console.log",
    "applog/structlog-json.log",
    "applog/syslog.log",
    "applog/winston-axios.log",
];

/// The input fed in pieces cut at `cuts` (byte offsets, any order, repeats allowed): the
/// whole transcript and every exchange the streaming parser hands out.
fn split_at(input: &[u8], cuts: &[usize]) -> (Transcript, Vec<Exchange>) {
    let mut cuts: Vec<usize> = cuts.iter().map(|c| c % (input.len() + 1)).collect();
    cuts.push(input.len());
    cuts.sort_unstable();
    let mut whole = Parser::new();
    let mut streaming = Parser::streaming(Limits::default());
    let mut out = Vec::new();
    let mut from = 0;
    for c in cuts {
        whole.feed(&input[from..c]);
        streaming.feed(&input[from..c]);
        out.extend(std::iter::from_fn(|| streaming.next_exchange()));
        from = c;
    }
    streaming.end();
    out.extend(std::iter::from_fn(|| streaming.next_exchange()));
    (whole.finish(), out)
}

/// Everything the CLI prints of an input, from its transcript and its exchanges: the
/// report of the last (or its error), every exchange's report, and the summary.
fn answers(t: &Transcript, xs: &[Exchange]) -> serde_json::Value {
    let last = match explain(t, now()) {
        Ok(r) => serde_json::to_value(&r).unwrap(),
        Err(e) => e.to_string().into(),
    };
    let each: Vec<serde_json::Value> = each_json(xs)
        .into_iter()
        .map(|r| r.unwrap_or_else(serde_json::Value::from))
        .collect();
    let mut s = Summary::new();
    xs.iter().for_each(|x| s.add(x));
    serde_json::json!({
        "exchanges": t.exchanges,
        "last": last,
        "each": each,
        "summary": serde_json::to_value(s.report()).unwrap(),
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn any_split_of_an_application_log_gives_the_same_answer(
        picks in prop::collection::vec(prop::sample::select(APPLOG), 1..4),
        cuts in prop::collection::vec(any::<usize>(), 0..40),
    ) {
        // One application log, or several one after the other, cut anywhere.
        let mut input = Vec::new();
        for name in &picks {
            input.extend(common::fixture_bytes(name));
        }
        let (t, xs) = split_at(&input, &[]);
        let (t2, xs2) = split_at(&input, &cuts);
        prop_assert_eq!(&t, &t2);
        prop_assert_eq!(&xs, &xs2);
        prop_assert_eq!(t.exchanges, xs.len() as u64);
        prop_assert_eq!(answers(&t, &xs), answers(&t2, &xs2));
    }
}

/// Every application log fed one byte at a time, and in pieces of every size up to 64:
/// the same transcript, exchanges and answers as read whole.
#[test]
fn every_split_size_of_every_application_log_gives_the_same_answer() {
    for name in APPLOG {
        let input = common::fixture_bytes(name);
        let (t, xs) = split_at(&input, &[]);
        let want = answers(&t, &xs);
        for size in 1..=64 {
            let cuts: Vec<usize> = (size..input.len()).step_by(size).collect();
            let (t2, xs2) = split_at(&input, &cuts);
            assert_eq!(t, t2, "{name} in pieces of {size}");
            assert_eq!(xs, xs2, "{name} in pieces of {size}");
            assert_eq!(want, answers(&t2, &xs2), "{name} in pieces of {size}");
        }
        // The negative set has no exchange; every other log has some.
        assert_eq!(xs.is_empty(), name.ends_with("negative.txt"), "{name}");
    }
}
