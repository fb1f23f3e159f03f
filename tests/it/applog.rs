//! The application-log reader (`hike_status::applog`) on real logs: each fixture under
//! tests/fixtures/applog/ (made with the real loggers and HTTP clients, or from a logger's
//! documented layout; see CAPTURES.md) read through the library API, its exchanges pinned in
//! order (status, method, target, time of day), with their bodies, sources and the
//! credentials they show; and the negative set, which yields nothing.

use crate::common;

use hike_status::applog::{
    Client, Context, CredentialPlace, LogExchange, Source, read_line, read_log, time,
};

const FORM: &str = "oauth_problem=rate limit exceeded&oauth_problem_advice=please wait before retrying the Hike api";

fn read(name: &str) -> Vec<LogExchange> {
    read_log(
        &common::fixture_bytes(&format!("applog/{name}")),
        &Context::new(2026),
    )
}

fn body(x: &LogExchange) -> String {
    String::from_utf8_lossy(x.body.as_deref().unwrap_or_default()).into_owned()
}

/// Every fixture's exchanges: "status method target time-of-day" (all on 2026-12-05; `-`: none).
const PINNED: &[(&str, &[&str])] = &[
    (
        "bunyan-axios.log",
        &[
            "200 GET /api/v1/products 08:27:36.506",
            "429 GET /api/v1/sales/get_all 08:27:36.550",
            "401 GET /api/v1/customers/get_all 08:27:36.599",
            "422 POST /api/v1/products 08:27:36.654",
            "500 GET /api/v1/orders/export 08:27:36.700",
        ],
    ),
    (
        "console-axios.log",
        &[
            "200 GET /api/v1/products -",
            "429 - - -",
            "401 - - -",
            "422 POST /api/v1/products -",
            "500 - - -",
        ],
    ),
    ("dotnet-console.log", &["401 - - -", "401 - - -"]),
    (
        "dotnet-json-console.log",
        &["429 - - 08:41:00.251", "429 - - 08:41:00.260"],
    ),
    (
        "ecs-python.log",
        &[
            "200 GET http://127.0.0.1:18110/api/v1/products 08:38:24.538",
            "429 GET http://127.0.0.1:18110/api/v1/sales/get_all 08:38:24.551",
            "422 POST http://127.0.0.1:18110/api/v1/products 08:38:24.554",
            "503 GET http://127.0.0.1:18110/api/v1/registers 08:38:24.570",
        ],
    ),
    (
        "log4js-axios.log",
        &[
            "200 GET /api/v1/products 08:27:36.962",
            "429 - /api/v1/sales/get_all 08:27:37.018",
            "401 - /api/v1/customers/get_all 08:27:37.066",
            "422 - /api/v1/products 08:27:37.110",
            "500 - /api/v1/orders/export 08:27:37.154",
        ],
    ),
    (
        "logback-spring-resttemplate.log",
        &[
            "200 GET /api/v1/products 08:39:11.618",
            "429 GET /api/v1/sales/get_all 08:39:11.666",
            "401 GET /api/v1/customers/get_all 08:39:11.710",
            "422 POST /api/v1/products 08:39:11.756",
            "500 - - -",
        ],
    ),
    (
        "loguru-serialize.log",
        &[
            "200 GET /api/v1/products 08:27:38.894",
            "429 GET /api/v1/sales/get_all 08:27:38.958",
            "401 GET /api/v1/customers/get_all 08:27:38.961",
            "422 POST /api/v1/products 08:27:38.969",
            "500 GET /api/v1/orders/export 08:27:38.974",
        ],
    ),
    (
        "loguru-text.log",
        &[
            "200 GET /api/v1/products 08:27:38.894",
            "429 - - 08:27:38.958",
            "401 - - 08:27:38.961",
            "422 - - 08:27:38.969",
            "500 - - 08:27:38.974",
        ],
    ),
    (
        "monolog.log",
        &[
            "429 GET https://api.hikeup.com/api/v1/sales/get_all 08:42:00.301",
            "422 POST https://api.hikeup.com/api/v1/products 08:42:01.004",
            "401 GET /api/v1/customers/get_all 08:42:03.000",
            // `Rate limited (429) on /x`, as the fixture list says the file shows.
            "429 - /api/v1/products/get_all 08:42:04.000",
        ],
    ),
    (
        "nginx-access.log",
        &[
            "200 GET /api/v1/products 08:37:48.000",
            "429 GET /api/v1/sales/get_all 08:37:48.000",
            "401 GET /api/v1/customers/get_all 08:37:48.000",
            "422 POST /api/v1/products 08:37:48.000",
            "500 GET /api/v1/orders/export 08:37:48.000",
            "403 GET /api/v1/products/7?access_token=SECRETQUERY 08:37:48.000",
            "503 GET /api/v1/registers 08:37:48.000",
            "302 GET /api/v1/store 08:37:48.000",
            "200 GET /api/v1/stores/42 08:37:48.000",
        ],
    ),
    (
        "pino-axios.log",
        &[
            "200 GET /api/v1/products 08:27:36.229",
            "429 GET http://127.0.0.1:18110/api/v1/sales/get_all 08:27:36.282",
            "401 GET http://127.0.0.1:18110/api/v1/customers/get_all 08:27:36.330",
            "422 POST http://127.0.0.1:18110/api/v1/products 08:27:36.374",
            "500 GET http://127.0.0.1:18110/api/v1/orders/export 08:27:36.436",
        ],
    ),
    (
        "python-json-logger.log",
        &[
            "200 GET http://127.0.0.1:18110/api/v1/products 08:27:38.318",
            "429 GET http://127.0.0.1:18110/api/v1/sales/get_all 08:27:38.322",
            "401 GET http://127.0.0.1:18110/api/v1/customers/get_all 08:27:38.323",
            "422 POST http://127.0.0.1:18110/api/v1/products 08:27:38.330",
            "500 GET http://127.0.0.1:18110/api/v1/orders/export 08:27:38.334",
            "200 GET http://127.0.0.1:18110/api/v1/products 08:27:38.398",
            "429 GET http://127.0.0.1:18110/api/v1/sales/get_all 08:27:38.399",
            "401 GET http://127.0.0.1:18110/api/v1/customers/get_all 08:27:38.443",
            "422 POST http://127.0.0.1:18110/api/v1/products 08:27:38.494",
            "500 GET http://127.0.0.1:18110/api/v1/orders/export 08:27:38.539",
            "200 GET http://127.0.0.1:18110/api/v1/products 08:27:38.631",
            "429 GET http://127.0.0.1:18110/api/v1/sales/get_all 08:27:38.633",
            "401 GET http://127.0.0.1:18110/api/v1/customers/get_all 08:27:38.675",
            "422 POST http://127.0.0.1:18110/api/v1/products 08:27:38.724",
            "500 GET http://127.0.0.1:18110/api/v1/orders/export 08:27:38.767",
        ],
    ),
    (
        "python-logging-httpx.log",
        &[
            "200 GET http://127.0.0.1:18110/api/v1/products -",
            "429 GET http://127.0.0.1:18110/api/v1/sales/get_all -",
            "429 - /api/v1/sales/get_all -",
            "401 GET http://127.0.0.1:18110/api/v1/customers/get_all -",
            "401 - /api/v1/customers/get_all -",
            "422 POST http://127.0.0.1:18110/api/v1/products -",
            "422 - /api/v1/products -",
            "500 GET http://127.0.0.1:18110/api/v1/orders/export -",
            "500 - /api/v1/orders/export -",
            "403 GET http://127.0.0.1:18110/api/v1/products/7?access_token=SECRETQUERY -",
            "403 - http://127.0.0.1:18110/api/v1/products/7?access_token=SECRETQUERY -",
        ],
    ),
    (
        "python-logging-requests.log",
        &[
            "200 GET /api/v1/products 08:27:37.841",
            "200 GET /api/v1/products 08:27:37.842",
            "429 GET /api/v1/sales/get_all 08:27:37.847",
            "429 GET /api/v1/sales/get_all 08:27:37.848",
            "401 GET /api/v1/customers/get_all 08:27:37.850",
            "401 GET /api/v1/customers/get_all 08:27:37.850",
            "422 POST /api/v1/products 08:27:37.852",
            "422 POST /api/v1/products 08:27:37.853",
            "500 GET /api/v1/orders/export 08:27:37.861",
            "500 - http://127.0.0.1:18110/api/v1/orders/export -",
            "400 POST /oauth/token 08:27:37.873",
            "400 - - 08:27:37.874",
        ],
    ),
    (
        "rails.log",
        &["429 - - 08:43:00.300", "500 - - 08:43:00.301"],
    ),
    (
        "serilog-clef.log",
        &[
            "200 GET /api/v1/products 08:40:00.152",
            "429 GET /api/v1/sales/get_all 08:40:01.200",
            "422 POST /api/v1/products 08:40:02.001",
            "401 GET /api/v1/customers/get_all 08:40:03.015",
        ],
    ),
    (
        "structlog-console.log",
        &[
            "200 GET /api/v1/products 08:27:38.633",
            "429 GET /api/v1/sales/get_all 08:27:38.674",
            "401 GET /api/v1/customers/get_all 08:27:38.723",
            "422 POST /api/v1/products 08:27:38.766",
            "500 GET /api/v1/orders/export 08:27:38.810",
        ],
    ),
    (
        "structlog-json.log",
        &[
            "200 GET /api/v1/products 08:27:38.398",
            "429 GET /api/v1/sales/get_all 08:27:38.442",
            "401 GET /api/v1/customers/get_all 08:27:38.493",
            "422 POST /api/v1/products 08:27:38.538",
            "500 GET /api/v1/orders/export 08:27:38.582",
        ],
    ),
    (
        "syslog.log",
        &[
            "429 GET /api/v1/sales/get_all 08:44:01.000",
            "401 - /api/v1/customers/get_all 08:44:03.000",
        ],
    ),
    (
        "winston-axios.log",
        &[
            "200 GET /api/v1/products 08:27:35.954",
            "429 - /api/v1/sales/get_all 08:27:36.007",
            "401 - /api/v1/customers/get_all 08:27:36.062",
            "422 - /api/v1/products 08:27:36.106",
            "500 GET http://127.0.0.1:18110/api/v1/orders/export 08:27:36.150",
        ],
    ),
];

#[test]
fn every_fixture_pins_its_exchanges() {
    let dir = std::fs::read_dir(common::fixture("applog")).unwrap();
    let mut logs: Vec<String> = dir
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".log"))
        .collect();
    logs.sort();
    let pinned: Vec<&str> = PINNED.iter().map(|(n, _)| *n).collect();
    assert_eq!(logs, pinned, "every log fixture is pinned");
    for (name, rows) in PINNED {
        let got: Vec<String> = read(name)
            .iter()
            .map(|x| {
                let t = x.time_ms.map(time::rfc3339).unwrap_or_default();
                if !t.is_empty() {
                    assert!(t.starts_with("2026-12-05T"), "{name}: {t}");
                }
                let or = |s: Option<&str>| s.filter(|s| !s.is_empty()).unwrap_or("-").to_string();
                format!(
                    "{} {} {} {}",
                    x.status,
                    or(x.method.as_deref()),
                    or(x.target.as_deref()),
                    or(t.get(11..23))
                )
            })
            .collect();
        let want: Vec<String> = rows.iter().map(|r| r.to_string()).collect();
        assert_eq!(got, want, "{name}");
    }
}

#[test]
fn bodies_come_with_their_statuses() {
    for (name, _) in PINNED {
        for x in read(name) {
            let b = body(&x);
            assert!(!x.inferred, "{name}: a stated status everywhere");
            match x.status {
                429 if !b.is_empty() => assert_eq!(b, FORM, "{name}"),
                422 if !b.is_empty() => assert!(b.contains("can't be blank"), "{name}: {b}"),
                401 if !b.is_empty() => assert!(b.contains("invalid_token"), "{name}: {b}"),
                400 if !b.is_empty() => assert!(b.contains("invalid_grant"), "{name}: {b}"),
                200 | 302 => assert_eq!(b, "", "{name}"),
                _ => {}
            }
        }
    }
    // The body on the lines after the status line: JSON.stringify(data, null, 2) and
    // util.inspect(data).
    let console = read("console-axios.log");
    assert!(body(&console[3]).starts_with("{\n  \"errors\": {\n    \"title\": [\n"));
    assert!(body(&console[3]).ends_with("\n  }\n}"));
    assert_eq!(body(&console[4]), "{ errors: 'Internal Server Error' }");
    // Monolog's context is no body; a body in the context is.
    let monolog = read("monolog.log");
    assert_eq!(body(&monolog[0]), FORM);
    assert_eq!(
        body(&monolog[1]),
        r#"{"errors":{"title":["can't be blank"]}}"#
    );
    assert_eq!(body(&monolog[2]), "");
    // Records: the body under each logger's key, nested where it nests it.
    for name in [
        "winston-axios.log",
        "pino-axios.log",
        "bunyan-axios.log",
        "structlog-json.log",
        "python-json-logger.log",
        "loguru-serialize.log",
        "ecs-python.log",
        "serilog-clef.log",
        "dotnet-json-console.log",
        "structlog-console.log",
        "log4js-axios.log",
        "loguru-text.log",
        "logback-spring-resttemplate.log",
        "python-logging-requests.log",
        "python-logging-httpx.log",
    ] {
        assert!(
            read(name)
                .iter()
                .any(|x| x.status == 429 && body(x) == FORM),
            "{name}: the 429 with Hike's form body"
        );
    }
}

#[test]
fn request_ids_and_headers_where_logged() {
    let pino = read("pino-axios.log");
    assert_eq!(
        pino[1].request_id.as_deref(),
        Some("a1b2c3d4-0002-4e5f-8a9b-0c1d2e3f4a02")
    );
    assert!(
        pino[1]
            .headers
            .iter()
            .any(|(n, v)| n == "x-rate-limit-problem" && v == "Minute")
    );
    assert!(!pino[1].lacks().headers && !pino[1].lacks().body && !pino[1].lacks().request_id);
    for name in [
        "bunyan-axios.log",
        "ecs-python.log",
        "python-json-logger.log",
    ] {
        let xs = read(name);
        let x = xs.iter().find(|x| x.status == 429).unwrap();
        assert_eq!(
            x.request_id.as_deref(),
            Some("a1b2c3d4-0002-4e5f-8a9b-0c1d2e3f4a02"),
            "{name}"
        );
        assert!(x.lacks().headers && !x.lacks().request_id, "{name}");
    }
    let log4js = read("log4js-axios.log");
    assert!(log4js[1].lacks().headers && log4js[1].lacks().request_id && !log4js[1].lacks().body);
}

#[test]
fn sources_and_clients() {
    let want: &[(&str, Source, Option<Client>)] = &[
        ("winston-axios.log", Source::WinstonJson, None),
        ("pino-axios.log", Source::Pino, None),
        ("bunyan-axios.log", Source::Bunyan, None),
        ("log4js-axios.log", Source::Log4js, None),
        ("console-axios.log", Source::Plain, None),
        ("python-logging-requests.log", Source::PythonLogging, None),
        ("python-logging-httpx.log", Source::PythonLogging, None),
        ("python-json-logger.log", Source::PythonJsonLogger, None),
        ("structlog-json.log", Source::StructlogJson, None),
        ("structlog-console.log", Source::StructlogConsole, None),
        ("loguru-serialize.log", Source::LoguruJson, None),
        ("loguru-text.log", Source::Loguru, None),
        ("ecs-python.log", Source::Ecs, None),
        ("nginx-access.log", Source::AccessLog, Some(Client::Axios)),
        ("serilog-clef.log", Source::SerilogClef, None),
        ("dotnet-json-console.log", Source::DotNetJsonConsole, None),
        ("dotnet-console.log", Source::DotNetConsole, None),
        ("monolog.log", Source::Monolog, None),
        ("rails.log", Source::Rails, None),
        ("syslog.log", Source::Syslog, None),
    ];
    for (name, source, client) in want {
        let xs = read(name);
        assert_eq!(xs[0].source, *source, "{name}");
        if client.is_some() {
            assert_eq!(xs[0].client, *client, "{name}");
        }
    }
    // The client where the line or record shows it, and the advice that goes with it.
    let pino = read("pino-axios.log");
    assert_eq!(pino[1].client, Some(Client::Axios));
    let advice = pino[1].advice();
    assert_eq!(advice.log[0], "err.response.status");
    assert_eq!(advice.never, Some("err"));
    assert!(
        advice
            .call
            .unwrap()
            .starts_with("logger.error({ status: err.response.status")
    );
    let requests = read("python-logging-requests.log");
    assert_eq!(requests[0].client, Some(Client::Requests));
    assert_eq!(requests[0].advice().log[3], "r.text");
    let httpx = read("python-json-logger.log");
    assert_eq!(httpx[5].client, Some(Client::Httpx));
    let spring = read("logback-spring-resttemplate.log");
    assert_eq!(spring[4].client, Some(Client::Spring));
    assert_eq!(
        read("dotnet-console.log")[1].client,
        Some(Client::DotNetHttpClient)
    );
}

#[test]
fn the_credentials_each_line_shows() {
    let token = "hk_live_SECRETTOKEN123";
    let winston = read("winston-axios.log");
    assert!(winston[4].secrets.values.contains(token));
    assert!(
        winston[4]
            .secrets
            .places
            .contains(&CredentialPlace::Header("Authorization".into()))
    );
    assert!(winston[..4].iter().all(|x| x.secrets.is_empty()));
    for x in &read("pino-axios.log")[1..] {
        assert!(x.secrets.values.contains(token));
    }
    let requests = read("python-logging-requests.log");
    let refresh = requests.last().unwrap();
    assert!(body(refresh).starts_with(r#"{"error": "invalid_grant""#));
    assert!(refresh.secrets.values.contains("SECRETCLIENT"));
    assert!(refresh.secrets.values.contains("SECRETREFRESH"));
    assert_eq!(
        refresh.secrets.places,
        vec![
            CredentialPlace::FormField("refresh_token".into()),
            CredentialPlace::FormField("client_secret".into())
        ]
    );
    for name in ["python-logging-httpx.log", "nginx-access.log"] {
        let xs = read(name);
        let x = xs.iter().find(|x| x.status == 403).unwrap();
        assert!(x.secrets.values.contains("SECRETQUERY"), "{name}");
        assert_eq!(
            x.secrets.places,
            vec![CredentialPlace::UrlParameter("access_token".into())]
        );
    }
    // Every line of every fixture that holds a planted secret and is an exchange lists it.
    for (name, _) in PINNED {
        let text = String::from_utf8(common::fixture_bytes(&format!("applog/{name}"))).unwrap();
        for line in text.lines() {
            let Some(x) = read_line(line.as_bytes(), &Context::new(2026)) else {
                continue;
            };
            for secret in [token, "SECRETQUERY", "SECRETCLIENT", "SECRETREFRESH"] {
                if line.contains(secret) {
                    assert!(
                        x.secrets.values.contains(secret),
                        "{name}: {secret} in {line:.80}"
                    );
                }
            }
        }
    }
}

#[test]
fn the_negative_set_yields_nothing() {
    let text = String::from_utf8(common::fixture_bytes("applog/negative.txt")).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines.len() >= 50, "{}", lines.len());
    let ctx = Context::new(2026);
    for line in &lines {
        assert_eq!(read_line(line.as_bytes(), &ctx), None, "{line}");
    }
    assert!(read_log(text.as_bytes(), &ctx).is_empty());
    // Each line holds a number in 100..=599 that a looser reader would take.
    let with_code = lines
        .iter()
        .filter(|l| {
            l.as_bytes()
                .windows(3)
                .any(|w| w.iter().all(u8::is_ascii_digit) && (b'1'..=b'5').contains(&w[0]))
        })
        .count();
    assert!(with_code >= 50, "{with_code}");
}
