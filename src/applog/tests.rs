//! The application-log reader on the issue's lines and on one record of each logger: what
//! it reads, and what it leaves alone.

use super::*;

const FORM: &str = "oauth_problem=rate limit exceeded&oauth_problem_advice=please wait before retrying the Hike api";

fn read(s: &str) -> Option<LogExchange> {
    read_line(s.as_bytes(), &Context::new(2026))
}

fn body(x: &LogExchange) -> &str {
    std::str::from_utf8(x.body.as_deref().unwrap_or_default()).unwrap()
}

#[test]
fn the_issues_lines() {
    let x = read(&format!("❌ Hikeup API Error (429): {FORM}")).unwrap();
    assert_eq!((x.status, x.inferred, body(&x)), (429, false, FORM));
    let x = read("🔴 Hikeup API returned 401 - Token is invalid").unwrap();
    assert_eq!((x.status, x.body.is_none()), (401, true));
    let x = read(&format!(
        "Hike API HTTP 429 on /api/v1/products/get_all: {FORM}"
    ))
    .unwrap();
    assert_eq!(x.target.as_deref(), Some("/api/v1/products/get_all"));
    assert_eq!(body(&x), FORM);
    let x = read(r#"{"level":"error","message":"Failed sale","status":422,"data":{"errors":{"title":["can't be blank"]}},"timestamp":"2026-12-01T10:00:00.000Z"}"#).unwrap();
    assert_eq!((x.status, x.source), (422, Source::WinstonJson));
    assert_eq!(
        x.time_ms.map(time::rfc3339).as_deref(),
        Some("2026-12-01T10:00:00.000Z")
    );
    let x = read(FORM).unwrap();
    assert_eq!((x.status, x.inferred, body(&x)), (429, true, FORM));
    let x = read(&format!("WARN sync: body={FORM}")).unwrap();
    assert_eq!((x.status, x.inferred), (429, true));
}

#[test]
fn a_stated_status_wins_over_the_form() {
    let x = read(&format!("HTTP 503 on /x: {FORM}")).unwrap();
    assert_eq!((x.status, x.inferred), (503, false));
}

#[test]
fn text_loggers() {
    let x = read("[2026-12-05T08:30:00.123456+00:00] app.ERROR: Hike call failed {\"status\":429,\"url\":\"/api/v1/sales/get_all\",\"body\":\"oauth_problem=rate limit exceeded\"} []").unwrap();
    assert_eq!((x.status, x.source), (429, Source::Monolog));
    assert_eq!(x.target.as_deref(), Some("/api/v1/sales/get_all"));
    assert_eq!(body(&x), "oauth_problem=rate limit exceeded");
    assert_eq!(
        x.time_ms.map(time::rfc3339).as_deref(),
        Some("2026-12-05T08:30:00.123Z")
    );

    let x = read("127.0.0.1 - - [05/Dec/2026:08:30:00 +0000] \"GET /api/v1/sales/get_all HTTP/1.1\" 429 95 \"-\" \"axios/1.21.1\"").unwrap();
    assert_eq!((x.status, x.source), (429, Source::AccessLog));
    assert_eq!(
        (x.method.as_deref(), x.target.as_deref()),
        (Some("GET"), Some("/api/v1/sales/get_all"))
    );
    assert_eq!(x.client, Some(Client::Axios));

    let x = read(
        "Dec  5 08:30:00 pos hike-sync[4242]: Hike API returned 429 for GET /api/v1/sales/get_all",
    )
    .unwrap();
    assert_eq!((x.status, x.source), (429, Source::Syslog));
    assert_eq!(
        x.time_ms.map(time::rfc3339).as_deref(),
        Some("2026-12-05T08:30:00.000Z")
    );

    let x = read("org.springframework.web.client.HttpClientErrorException$TooManyRequests: 429 Too Many Requests: \"oauth_problem=rate limit exceeded&oauth_problem_advice=x\"").unwrap();
    assert_eq!((x.status, x.client), (429, Some(Client::Spring)));
    assert_eq!(x.reason.as_deref(), Some("Too Many Requests"));
    assert_eq!(
        body(&x),
        "oauth_problem=rate limit exceeded&oauth_problem_advice=x"
    );
}

#[test]
fn one_record_one_exchange_with_its_secrets() {
    let line = r#"{"level":50,"time":1796459225286,"pid":1,"hostname":"vm","err":{"type":"AxiosError","message":"Request failed with status code 429","status":429,"config":{"baseURL":"http://127.0.0.1:18110","url":"/api/v1/sales/get_all","method":"get","headers":{"Authorization":"Bearer hk_live_SECRETTOKEN123"}},"response":{"status":429,"headers":{"x-rate-limit-problem":"Minute","x-request-id":"a1b2"},"data":"oauth_problem=rate limit exceeded"}},"msg":"Hike request failed"}"#;
    let x = read(line).unwrap();
    assert_eq!(
        (x.status, x.source, x.client),
        (429, Source::Pino, Some(Client::Axios))
    );
    assert_eq!(x.method.as_deref(), Some("GET"));
    assert_eq!(
        x.target.as_deref(),
        Some("http://127.0.0.1:18110/api/v1/sales/get_all")
    );
    assert_eq!(x.request_id.as_deref(), Some("a1b2"));
    assert_eq!(body(&x), "oauth_problem=rate limit exceeded");
    assert!(!x.lacks().headers && !x.lacks().body && !x.lacks().request_id);
    assert!(x.secrets.values.contains("hk_live_SECRETTOKEN123"));
    assert_eq!(
        x.secrets.places,
        vec![CredentialPlace::Header("Authorization".into())]
    );
    assert_eq!(x.advice().never, Some("err"));
    assert_eq!(
        x.time_ms.map(time::rfc3339).as_deref(),
        Some("2026-12-05T08:27:05.286Z")
    );
}

#[test]
fn records_of_every_logger() {
    let cases: &[(&str, Source, u16)] = &[
        (
            r#"{"@t":"2026-12-05T08:30:00.1234567Z","@mt":"HTTP {RequestMethod} {RequestPath} responded {StatusCode}","RequestMethod":"GET","RequestPath":"/x","StatusCode":429}"#,
            Source::SerilogClef,
            429,
        ),
        (
            r#"{"EventId":101,"LogLevel":"Information","Category":"System.Net.Http.HttpClient.hike.LogicalHandler","Message":"End processing HTTP request after 48.2ms - 429","State":{"Message":"End processing HTTP request after 48.2ms - 429","ElapsedMilliseconds":48.2,"StatusCode":429}}"#,
            Source::DotNetJsonConsole,
            429,
        ),
        (
            r#"{"@timestamp":"2026-12-05T08:30:00.123Z","log.level":"error","message":"hike call failed","ecs.version":"8.11.0","http":{"request":{"method":"GET"},"response":{"status_code":503}},"url":{"path":"/x"}}"#,
            Source::Ecs,
            503,
        ),
        (
            r#"{"@timestamp":"2026-12-05T08:30:00.123Z","ecs.version":"8.11.0","http.response.status_code":503,"url.path":"/x"}"#,
            Source::Ecs,
            503,
        ),
        (
            r#"{"text":"x\n","record":{"extra":{"status":401},"message":"x","time":{"repr":"2026-12-05 08:27:27.950000+00:00","timestamp":1796459247.95}}}"#,
            Source::LoguruJson,
            401,
        ),
        (
            r#"{"asctime":"2026-12-05 08:27:27,369","levelname":"ERROR","name":"hike","message":"x","status_code":429}"#,
            Source::PythonJsonLogger,
            429,
        ),
        (
            r#"{"method":"GET","path":"/x","status_code":500,"event":"hike_call_failed","level":"error","timestamp":"2026-12-05T08:27:27.666047Z"}"#,
            Source::StructlogJson,
            500,
        ),
        (
            r#"{"name":"hike","hostname":"vm","pid":1,"level":50,"statusCode":422,"msg":"x","time":"2026-12-05T08:27:05.646Z","v":0}"#,
            Source::Bunyan,
            422,
        ),
        (
            r#"{"asctime":"2026-12-05 08:27:27,471","levelname":"INFO","name":"httpx","message":"HTTP Request: GET http://h/x \"HTTP/1.1 429 Too Many Requests\""}"#,
            Source::PythonJsonLogger,
            429,
        ),
        (
            r#"{"Timestamp":"2026-12-05T08:40:01.2003412+00:00","Level":"Error","MessageTemplate":"Hike call failed with {StatusCode}","Properties":{"StatusCode":429,"RequestPath":"/x","SourceContext":"Hike"}}"#,
            Source::SerilogJson,
            429,
        ),
    ];
    for (line, source, status) in cases {
        let x = read(line).unwrap_or_else(|| panic!("{line}"));
        assert_eq!((x.source, x.status), (*source, *status), "{line}");
        assert!(
            x.time_ms.is_some() || *source == Source::DotNetJsonConsole,
            "{line}"
        );
    }
    let x = read(cases[2].0).unwrap();
    assert_eq!(
        (x.method.as_deref(), x.target.as_deref()),
        (Some("GET"), Some("/x"))
    );
    let x = read(cases[8].0).unwrap();
    assert_eq!(x.client, Some(Client::Httpx));
    assert_eq!(x.target.as_deref(), Some("http://h/x"));
}

#[test]
fn silent_lines() {
    for line in [
        r#"{"level":"info","message":"Synced 429 products","timestamp":"2026-12-05T08:27:04.994Z"}"#,
        r#"{"level":30,"time":1796459225443,"pid":1,"hostname":"vm","userId":401,"msg":"user logged in"}"#,
        r#"{"errors":{"title":["can't be blank"]}}"#,
        r#"{"status":"error","code":500}"#,
        "oauth_problem=token_rejected",
        "",
        "{",
        "Traceback (most recent call last):",
    ] {
        assert_eq!(read(line), None, "{line}");
    }
}

#[test]
fn bounded_lines() {
    let mut long = "HTTP 429: ".to_string();
    long.push_str(&"x".repeat(2 * MAX_LINE));
    let x = read(&long).unwrap();
    assert_eq!(x.status, 429);
    let ctx = Context {
        year: 2026,
        max_line: 4,
    };
    assert_eq!(read_line(b"HTTP 429", &ctx), None);
}

#[test]
fn a_form_body_after_a_status_line_is_its_body() {
    let log = format!("Hike call failed: HTTP 429\n{FORM}\nnext line, 3 items\n");
    let xs = read_log(log.as_bytes(), &Context::new(2026));
    assert_eq!(xs.len(), 1);
    assert_eq!(
        (xs[0].status, xs[0].inferred, body(&xs[0])),
        (429, false, FORM)
    );
    // Alone, the same body is an inferred 429.
    let xs = read_log(format!("{FORM}\n").as_bytes(), &Context::new(2026));
    assert_eq!((xs.len(), xs[0].inferred), (1, true));
}

#[test]
fn a_form_body_after_a_status_and_its_request_is_its_body() {
    // The request named after the status (`for GET /x`, `on /x`) leaves room for a body on
    // the next line; any other words after the status do not.
    for line in [
        "Hike API returned 429 for GET /api/v1/sales/get_all:",
        "HTTP 429 on /api/v1/sales/get_all",
    ] {
        let xs = read_log(format!("{line}\n{FORM}\n").as_bytes(), &Context::new(2026));
        assert_eq!(xs.len(), 1, "{line}");
        assert_eq!((xs[0].inferred, body(&xs[0])), (false, FORM), "{line}");
    }
    let log = format!("HTTP 429 on /api/v1/sales/get_all, retrying soon\n{FORM}\n");
    let xs = read_log(log.as_bytes(), &Context::new(2026));
    assert_eq!(xs.len(), 2);
    assert!(xs[1].inferred);
}
