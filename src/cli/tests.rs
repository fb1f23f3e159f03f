//! The command line's tests: clap's own check, the quick readings against clap's, and the
//! argument parsers.

use super::*;

#[test]
fn cli_is_well_formed() {
    Cli::command().debug_assert();
}

#[test]
fn the_quick_reading_is_claps() {
    let args = |a: &str| vec![OsString::from("hike-status"), OsString::from(a)];
    for n in 0..1000 {
        let a = args(&format!("{n:03}"));
        let quick = Cli::quick(&a).map(|c| format!("{c:?}"));
        let clap = Cli::try_parse_from(&a).ok().map(|c| format!("{c:?}"));
        assert!(
            quick.is_some() && quick == clap,
            "{n:03}: {quick:?} vs {clap:?}"
        );
    }
    for other in [
        &["hike-status"][..],
        &["hike-status", "4xx"],
        &["hike-status", "429", "--json"],
        &["hike-status", "42"],
        &["hike-status", "list"],
    ] {
        let a: Vec<OsString> = other.iter().map(OsString::from).collect();
        assert!(Cli::quick(&a).is_none(), "{other:?}");
    }
}

#[test]
fn the_quick_explain_reading_is_claps() {
    let words = [
        "log.txt",
        "-",
        "--json",
        "--each",
        "--summary",
        "--fail",
        "--host",
        "x",
        "-x",
        "--exchange",
        "2",
        "again.txt",
        "--color",
    ];
    // Every line of up to three of these words.
    let mut lines: Vec<Vec<&str>> = vec![vec![]];
    let mut last = lines.clone();
    for _ in 0..3 {
        last = last
            .iter()
            .flat_map(|l| words.iter().map(move |w| [&l[..], &[*w]].concat()))
            .collect();
        lines.extend(last.iter().cloned());
    }
    let mut quick_lines = 0;
    for line in &lines {
        let a: Vec<OsString> = ["hike-status", "explain"]
            .iter()
            .chain(line)
            .map(OsString::from)
            .collect();
        let quick = Cli::quick_explain(&a).map(|c| format!("{c:?}"));
        if quick.is_some() {
            quick_lines += 1;
            let clap = Cli::try_parse_from(&a).ok().map(|c| format!("{c:?}"));
            assert_eq!(quick, clap, "{line:?}");
        }
    }
    // The plain forms are taken quickly, not left to clap.
    assert!(quick_lines > 100, "{quick_lines}");
    for other in [
        &["hike-status", "explain", "--each", "--summary"][..],
        &["hike-status", "explain", "a", "b"],
        &["hike-status", "explain", "--json", "--json"],
        &["hike-status", "explain", "--help"],
        &["hike-status", "explain", "--exchange", "2"],
        &["hike-status", "list"],
    ] {
        let a: Vec<OsString> = other.iter().map(OsString::from).collect();
        assert!(Cli::quick_explain(&a).is_none(), "{other:?}");
    }
}

#[test]
fn queries_parse() {
    assert_eq!(parse_query("429"), Ok(Query::Code(429)));
    assert_eq!(parse_query("999"), Ok(Query::Code(999)));
    assert_eq!(parse_query("4xx"), Ok(Query::Class(4)));
    assert!(parse_query("42").unwrap_err().contains("three digits"));
    assert!(parse_query("abc").is_err());
    assert!(parse_query("lsit").unwrap_err().contains("'list'"));
    assert!(parse_query("serch").unwrap_err().contains("'search'"));
    assert!(parse_query("explian").unwrap_err().contains("'explain'"));
    assert!(!parse_query("banana").unwrap_err().contains("did you mean"));
    // Numbers outside 100..=599 in three digits, signs included, are no codes.
    for s in ["-1", "+42", "1000", "-429"] {
        assert!(parse_query(s).unwrap_err().contains("100 to 599"), "{s}");
    }
}

#[test]
fn one_argument_may_hold_a_list() {
    use Query::*;
    assert_eq!(parse_queries(" 429 "), Ok(Queries(vec![Code(429)])));
    assert_eq!(
        parse_queries("429,503"),
        Ok(Queries(vec![Code(429), Code(503)]))
    );
    assert_eq!(
        parse_queries("429, 4xx  503"),
        Ok(Queries(vec![Code(429), Class(4), Code(503)]))
    );
    assert!(parse_queries(" , ").is_err());
    assert!(parse_queries("429,abc").unwrap_err().starts_with("'abc': "));
}

#[test]
fn a_lookup_word_before_codes_is_caught() {
    let args = |s: &str| -> Vec<OsString> { s.split(' ').map(OsString::from).collect() };
    assert_eq!(
        lookup_meant(&args("hike-status lookup 429 --json")),
        Some(("lookup".into(), "hike-status 429".into()))
    );
    assert_eq!(
        lookup_meant(&args("hike-status --color never help 4xx 503")),
        Some(("help".into(), "hike-status 4xx 503".into()))
    );
    assert_eq!(lookup_meant(&args("hike-status help list")), None);
    assert_eq!(lookup_meant(&args("hike-status lookup")), None);
    assert_eq!(lookup_meant(&args("hike-status banana 429")), None);
}

#[test]
fn clap_gets_the_color_flag() {
    let args = |s: &str| -> Vec<OsString> { s.split(' ').map(OsString::from).collect() };
    assert_eq!(
        clap_color(&args("h --bogus --color never")),
        ColorChoice::Never
    );
    assert_eq!(
        clap_color(&args("h --color=always 429")),
        ColorChoice::Always
    );
    assert_eq!(clap_color(&args("h 429")), ColorChoice::Auto);
    assert_eq!(
        clap_color(&args("h search -- --color never")),
        ColorChoice::Auto
    );
}

#[test]
fn color_decision() {
    use ColorWhen::*;
    assert!(use_color(Auto, false, true, None, Some("xterm")));
    assert!(!use_color(Auto, false, false, None, None));
    assert!(!use_color(Auto, false, true, Some("1"), None));
    assert!(use_color(Auto, false, true, Some(""), None));
    assert!(!use_color(Auto, false, true, None, Some("dumb")));
    assert!(use_color(Always, false, false, Some("1"), None));
    assert!(!use_color(Always, true, true, None, None));
    assert!(!use_color(Never, false, true, None, None));
}
