//! What each fixture of tests/fixtures/applog/ states, read from the file: one row per
//! exchange, in order. A time is RFC 3339 in UTC, to the millisecond the line gives (none
//! when it gives none); `""` is "not shown". [`GAP`], [`GAP_ERRORS`] and [`GAP_IDS`] mark
//! what the wiring gets wrong today, each pinned by an ignored test in `gaps.rs`.

/// One exchange a log shows.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Want {
    pub status: u16,
    /// `source` in the JSON.
    pub source: &'static str,
    /// `time`: `""` for null.
    pub time: &'static str,
    /// `request.method`, `request.target`: `""` for none.
    pub method: &'static str,
    pub target: &'static str,
    /// `errors`, as (field or `""`, message).
    pub errors: &'static [(&'static str, &'static str)],
    /// The finding ids of `LOG_IDS` the report has.
    pub ids: &'static [&'static str],
}

/// A time the wiring loses today (see `gaps.rs`).
pub const GAP: &str = "?";
pub const GAP_ERRORS: &[(&str, &str)] = &[("?", "?")];
pub const GAP_IDS: &[&str] = &["?"];

const fn x(
    status: u16,
    source: &'static str,
    time: &'static str,
    method: &'static str,
    target: &'static str,
    errors: &'static [(&'static str, &'static str)],
    ids: &'static [&'static str],
) -> Want {
    Want {
        status,
        source,
        time,
        method,
        target,
        errors,
        ids,
    }
}

// The bodies of tests/fixtures/applog/'s server, as `errors` reads them.
const NO: &[(&str, &str)] = &[];
/// `oauth_problem=rate limit exceeded&oauth_problem_advice=please wait before retrying the Hike api`
const RL: &[(&str, &str)] = &[(
    "",
    "rate limit exceeded (please wait before retrying the Hike api)",
)];
/// `{"error": "invalid_token", "error_description": "The access token expired"}`
const EXPIRED: &[(&str, &str)] = &[("", "invalid_token: The access token expired")];
/// `{"errors": {"title": ["can't be blank"], "price": ["must be greater than 0"]}}`
const TP: &[(&str, &str)] = &[
    ("title", "can't be blank"),
    ("price", "must be greater than 0"),
];
/// The same, `price` first, as winston and pino wrote it.
const PT: &[(&str, &str)] = &[
    ("price", "must be greater than 0"),
    ("title", "can't be blank"),
];
/// `{"errors": "Internal Server Error"}`
const ISE: &[(&str, &str)] = &[("", "Internal Server Error")];

const LOG: &[&str] = &["status-from-log-line"];
const FORM: &[&str] = &["rate-limit-form-body", "status-from-log-line"];
const INFERRED: &[&str] = &[
    "rate-limit-form-body",
    "status-inferred-from-body",
    "status-from-log-line",
];
const LIB: &[&str] = &["library-error-line"];

const SALES: &str = "/api/v1/sales/get_all";
const CUSTOMERS: &str = "/api/v1/customers/get_all";
const PRODUCTS: &str = "/api/v1/products";
const EXPORT: &str = "/api/v1/orders/export";
/// The same paths as full URLs, as httpx, python-json-logger, ECS and axios' errors log them.
const U_PRODUCTS: &str = "http://127.0.0.1:18110/api/v1/products";
const U_SALES: &str = "http://127.0.0.1:18110/api/v1/sales/get_all";
const U_CUSTOMERS: &str = "http://127.0.0.1:18110/api/v1/customers/get_all";
const U_EXPORT: &str = "http://127.0.0.1:18110/api/v1/orders/export";
const U_REGISTERS: &str = "http://127.0.0.1:18110/api/v1/registers";

/// The rows of a fixture; empty for a file with none.
pub fn rows(name: &str) -> &'static [Want] {
    match name {
        "bunyan-axios.log" => BUNYAN,
        "console-axios.log" => CONSOLE,
        "dotnet-console.log" => DOTNET,
        "dotnet-json-console.log" => DOTNET_JSON,
        "ecs-python.log" => ECS,
        "log4js-axios.log" => LOG4JS,
        "logback-spring-resttemplate.log" => LOGBACK,
        "loguru-serialize.log" => LOGURU_JSON,
        "loguru-text.log" => LOGURU,
        "monolog.log" => MONOLOG,
        "nginx-access.log" => NGINX,
        "pino-axios.log" => PINO,
        "python-json-logger.log" => PYTHON_JSON,
        "python-logging-httpx.log" => HTTPX,
        "python-logging-requests.log" => REQUESTS,
        "rails.log" => RAILS,
        "serilog-clef.log" => SERILOG,
        "structlog-console.log" => STRUCTLOG_CONSOLE,
        "structlog-json.log" => STRUCTLOG_JSON,
        "syslog.log" => SYSLOG,
        "winston-axios.log" => WINSTON,
        "issue-lines.txt" => ISSUE,
        _ => &[],
    }
}

const B: &str = "bunyan";
#[rustfmt::skip]
const BUNYAN: &[Want] = &[
    x(200, B, "2026-12-05T08:27:36.506Z", "GET", PRODUCTS, NO, LOG),
    x(429, B, "2026-12-05T08:27:36.550Z", "GET", SALES, RL, FORM),
    x(401, B, "2026-12-05T08:27:36.599Z", "GET", CUSTOMERS, EXPIRED, LOG),
    x(422, B, "2026-12-05T08:27:36.654Z", "POST", PRODUCTS, TP, LOG),
    x(500, B, "2026-12-05T08:27:36.700Z", "GET", EXPORT, ISE, LOG),
];

const C: &str = "log line";
#[rustfmt::skip]
const CONSOLE: &[Want] = &[
    x(200, C, "", "GET", PRODUCTS, NO, LOG),
    x(429, C, "", "", "", RL, FORM),
    x(401, C, "", "", "", NO, LOG),
    // `POST /x failed (422)`, then `JSON.stringify(data, null, 2)` on the lines after.
    x(422, C, "", "POST", PRODUCTS, TP, LOG),
    // `status: 500`, then `util.inspect(data)`: `{ errors: 'Internal Server Error' }`.
    x(500, C, "", "", "", GAP_ERRORS, LOG),
];

#[rustfmt::skip]
const DOTNET: &[Want] = &[
    // `Received HTTP response headers ... - 401` and `End processing ... - 401`: one call.
    x(401, ".NET console", "", "", "", NO, LOG),
    // The app's `HttpRequestException` of the same call, logged with its stack.
    x(401, ".NET HttpClient / PowerShell 7", "", "", "", NO, LIB),
];

const DJ: &str = ".NET JSON console";
#[rustfmt::skip]
const DOTNET_JSON: &[Want] = &[
    // The inner and the outer handler's lines are one exchange; the outer's ends it.
    x(429, DJ, "2026-12-05T08:41:00.251Z", "", "", NO, LOG),
    x(429, DJ, "2026-12-05T08:41:00.260Z", "", "", RL, FORM),
];

const E: &str = "ECS JSON";
#[rustfmt::skip]
const ECS: &[Want] = &[
    x(200, E, "2026-12-05T08:38:24.538Z", "GET", U_PRODUCTS, NO, LOG),
    x(429, E, "2026-12-05T08:38:24.551Z", "GET", U_SALES, RL, FORM),
    x(422, E, "2026-12-05T08:38:24.554Z", "POST", U_PRODUCTS, TP, LOG),
    x(503, E, "2026-12-05T08:38:24.570Z", "GET", U_REGISTERS, &[("", "Service temporarily unavailable")], LOG),
];

const L4: &str = "log4js";
#[rustfmt::skip]
const LOG4JS: &[Want] = &[
    x(200, L4, "2026-12-05T08:27:36.962Z", "GET", PRODUCTS, NO, LOG),
    x(429, L4, "2026-12-05T08:27:37.018Z", "", SALES, RL, FORM),
    x(401, L4, "2026-12-05T08:27:37.066Z", "", CUSTOMERS, EXPIRED, LOG),
    x(422, L4, "2026-12-05T08:27:37.110Z", "", PRODUCTS, TP, LOG),
    x(500, L4, "2026-12-05T08:27:37.154Z", "", EXPORT, ISE, LOG),
];

const LB: &str = "logback";
#[rustfmt::skip]
const LOGBACK: &[Want] = &[
    x(200, LB, "2026-12-05T08:39:11.618Z", "GET", PRODUCTS, NO, LOG),
    x(429, LB, "2026-12-05T08:39:11.666Z", "GET", SALES, RL, FORM),
    x(401, LB, "2026-12-05T08:39:11.710Z", "GET", CUSTOMERS, EXPIRED, LOG),
    x(422, LB, "2026-12-05T08:39:11.756Z", "POST", PRODUCTS, TP, LOG),
    // The exception's line after the record `... ERROR ... : Hike call failed` at
    // 08:39:11.803Z: a plain line of its own, its time the record's.
    x(500, C, GAP, "", "", NO, LOG),
];

const LJ: &str = "loguru JSON";
#[rustfmt::skip]
const LOGURU_JSON: &[Want] = &[
    x(200, LJ, "2026-12-05T08:27:38.894Z", "GET", PRODUCTS, NO, LOG),
    x(429, LJ, "2026-12-05T08:27:38.958Z", "GET", SALES, RL, FORM),
    x(401, LJ, "2026-12-05T08:27:38.961Z", "GET", CUSTOMERS, EXPIRED, LOG),
    x(422, LJ, "2026-12-05T08:27:38.969Z", "POST", PRODUCTS, TP, LOG),
    x(500, LJ, "2026-12-05T08:27:38.974Z", "GET", EXPORT, ISE, LOG),
];

const LT: &str = "loguru";
#[rustfmt::skip]
const LOGURU: &[Want] = &[
    x(200, LT, "2026-12-05T08:27:38.894Z", "GET", PRODUCTS, NO, LOG),
    x(429, LT, "2026-12-05T08:27:38.958Z", "", "", RL, FORM),
    x(401, LT, "2026-12-05T08:27:38.961Z", "", "", EXPIRED, LOG),
    x(422, LT, "2026-12-05T08:27:38.969Z", "", "", TP, LOG),
    x(500, LT, "2026-12-05T08:27:38.974Z", "", "", ISE, LOG),
];

const M: &str = "Monolog";
#[rustfmt::skip]
const MONOLOG: &[Want] = &[
    x(429, M, "2026-12-05T08:42:00.301Z", "GET", "https://api.hikeup.com/api/v1/sales/get_all", RL, FORM),
    // Guzzle's `ClientException` message, quoted by the record at 08:42:01.004410.
    x(422, "PHP Guzzle", "2026-12-05T08:42:01.004Z", "POST", "https://api.hikeup.com/api/v1/products", &[("title", "can't be blank")], LIB),
    // Laravel's layout.
    x(401, M, "2026-12-05T08:42:03Z", "GET", CUSTOMERS, NO, LOG),
    x(429, M, "2026-12-05T08:42:04Z", "", "/api/v1/products/get_all", NO, LOG),
];

const N: &str = "access log";
const T: &str = "2026-12-05T08:37:48Z";
#[rustfmt::skip]
const NGINX: &[Want] = &[
    x(200, N, T, "GET", PRODUCTS, NO, LOG),
    x(429, N, T, "GET", SALES, NO, LOG),
    x(401, N, T, "GET", CUSTOMERS, NO, LOG),
    x(422, N, T, "POST", PRODUCTS, NO, LOG),
    x(500, N, T, "GET", EXPORT, NO, LOG),
    // `?access_token=SECRETQUERY`: 11 characters.
    x(403, N, T, "GET", "/api/v1/products/7?access_token=[redacted, 11 chars]", NO, LOG),
    x(503, N, T, "GET", "/api/v1/registers", NO, LOG),
    x(302, N, T, "GET", "/api/v1/store", NO, LOG),
    x(200, N, T, "GET", "/api/v1/stores/42", NO, LOG),
];

const P: &str = "pino";
#[rustfmt::skip]
const PINO: &[Want] = &[
    // `time` in epoch milliseconds: 1796459256229.
    x(200, P, "2026-12-05T08:27:36.229Z", "GET", PRODUCTS, NO, LOG),
    // The AxiosError's records: the URL the request went to (`responseUrl`).
    x(429, P, "2026-12-05T08:27:36.282Z", "GET", U_SALES, RL, FORM),
    x(401, P, "2026-12-05T08:27:36.330Z", "GET", U_CUSTOMERS, EXPIRED, LOG),
    x(422, P, "2026-12-05T08:27:36.374Z", "POST", U_PRODUCTS, PT, LOG),
    x(500, P, "2026-12-05T08:27:36.436Z", "GET", U_EXPORT, ISE, LOG),
];

const PJ: &str = "python-json-logger";
#[rustfmt::skip]
const PYTHON_JSON: &[Want] = &[
    x(200, PJ, "2026-12-05T08:27:38.318Z", "GET", U_PRODUCTS, NO, LOG),
    x(429, PJ, "2026-12-05T08:27:38.322Z", "GET", U_SALES, RL, FORM),
    x(401, PJ, "2026-12-05T08:27:38.323Z", "GET", U_CUSTOMERS, EXPIRED, LOG),
    x(422, PJ, "2026-12-05T08:27:38.330Z", "POST", U_PRODUCTS, TP, LOG),
    x(500, PJ, "2026-12-05T08:27:38.334Z", "GET", U_EXPORT, ISE, LOG),
    // httpx's own lines, twice.
    x(200, PJ, "2026-12-05T08:27:38.398Z", "GET", U_PRODUCTS, NO, LOG),
    x(429, PJ, "2026-12-05T08:27:38.399Z", "GET", U_SALES, NO, LOG),
    x(401, PJ, "2026-12-05T08:27:38.443Z", "GET", U_CUSTOMERS, NO, LOG),
    x(422, PJ, "2026-12-05T08:27:38.494Z", "POST", U_PRODUCTS, NO, LOG),
    x(500, PJ, "2026-12-05T08:27:38.539Z", "GET", U_EXPORT, NO, LOG),
    x(200, PJ, "2026-12-05T08:27:38.631Z", "GET", U_PRODUCTS, NO, LOG),
    x(429, PJ, "2026-12-05T08:27:38.633Z", "GET", U_SALES, NO, LOG),
    x(401, PJ, "2026-12-05T08:27:38.675Z", "GET", U_CUSTOMERS, NO, LOG),
    x(422, PJ, "2026-12-05T08:27:38.724Z", "POST", U_PRODUCTS, NO, LOG),
    x(500, PJ, "2026-12-05T08:27:38.767Z", "GET", U_EXPORT, NO, LOG),
];

const PL: &str = "Python logging";
const Q403: &str = "http://127.0.0.1:18110/api/v1/products/7?access_token=[redacted, 11 chars]";
#[rustfmt::skip]
const HTTPX: &[Want] = &[
    x(200, PL, "", "GET", U_PRODUCTS, NO, LOG),
    x(429, PL, "", "GET", U_SALES, NO, LOG),
    x(429, PL, "", "", SALES, RL, FORM),
    x(401, PL, "", "GET", U_CUSTOMERS, NO, LOG),
    x(401, PL, "", "", CUSTOMERS, EXPIRED, LOG),
    x(422, PL, "", "POST", U_PRODUCTS, NO, LOG),
    x(422, PL, "", "", PRODUCTS, TP, LOG),
    x(500, PL, "", "GET", U_EXPORT, NO, LOG),
    x(500, PL, "", "", EXPORT, ISE, LOG),
    x(403, PL, "", "GET", Q403, NO, LOG),
    x(403, PL, "", "", Q403, NO, LOG),
];

#[rustfmt::skip]
const REQUESTS: &[Want] = &[
    // urllib3's debug line, then the app's, for each call.
    x(200, PL, "2026-12-05T08:27:37.841Z", "GET", PRODUCTS, NO, LOG),
    x(200, PL, "2026-12-05T08:27:37.842Z", "GET", PRODUCTS, NO, LOG),
    x(429, PL, "2026-12-05T08:27:37.847Z", "GET", SALES, NO, LOG),
    x(429, PL, "2026-12-05T08:27:37.848Z", "GET", SALES, RL, FORM),
    x(401, PL, "2026-12-05T08:27:37.850Z", "GET", CUSTOMERS, NO, LOG),
    x(401, PL, "2026-12-05T08:27:37.850Z", "GET", CUSTOMERS, EXPIRED, LOG),
    x(422, PL, "2026-12-05T08:27:37.852Z", "POST", PRODUCTS, NO, LOG),
    x(422, PL, "2026-12-05T08:27:37.853Z", "POST", PRODUCTS, TP, LOG),
    x(500, PL, "2026-12-05T08:27:37.861Z", "GET", EXPORT, NO, LOG),
    // The traceback's last line, in the record at 08:27:37,862.
    x(500, "Python requests", GAP, "", U_EXPORT, NO, LIB),
    x(400, PL, "2026-12-05T08:27:37.873Z", "POST", "/oauth/token", NO, LOG),
    x(400, PL, "2026-12-05T08:27:37.874Z", "", "", &[("", "invalid_grant: The refresh token is invalid or expired")], LOG),
];

const R: &str = "Rails";
#[rustfmt::skip]
const RAILS: &[Want] = &[
    x(429, R, "2026-12-05T08:43:00.300Z", "", "", RL, FORM),
    x(500, R, "2026-12-05T08:43:00.301Z", "", "", NO, LOG),
];

const S: &str = "Serilog CLEF";
#[rustfmt::skip]
const SERILOG: &[Want] = &[
    x(200, S, "2026-12-05T08:40:00.152Z", "GET", PRODUCTS, NO, LOG),
    x(429, S, "2026-12-05T08:40:01.200Z", "GET", SALES, RL, FORM),
    x(422, S, "2026-12-05T08:40:02.001Z", "POST", PRODUCTS, TP, LOG),
    x(401, S, "2026-12-05T08:40:03.015Z", "GET", CUSTOMERS, NO, LOG),
];

const SC: &str = "structlog console";
#[rustfmt::skip]
const STRUCTLOG_CONSOLE: &[Want] = &[
    x(200, SC, "2026-12-05T08:27:38.633Z", "GET", PRODUCTS, NO, LOG),
    x(429, SC, "2026-12-05T08:27:38.674Z", "GET", SALES, RL, FORM),
    x(401, SC, "2026-12-05T08:27:38.723Z", "GET", CUSTOMERS, EXPIRED, LOG),
    x(422, SC, "2026-12-05T08:27:38.766Z", "POST", PRODUCTS, TP, LOG),
    x(500, SC, "2026-12-05T08:27:38.810Z", "GET", EXPORT, ISE, LOG),
];

const SJ: &str = "structlog JSON";
#[rustfmt::skip]
const STRUCTLOG_JSON: &[Want] = &[
    x(200, SJ, "2026-12-05T08:27:38.398Z", "GET", PRODUCTS, NO, LOG),
    x(429, SJ, "2026-12-05T08:27:38.442Z", "GET", SALES, RL, FORM),
    x(401, SJ, "2026-12-05T08:27:38.493Z", "GET", CUSTOMERS, EXPIRED, LOG),
    x(422, SJ, "2026-12-05T08:27:38.538Z", "POST", PRODUCTS, TP, LOG),
    x(500, SJ, "2026-12-05T08:27:38.582Z", "GET", EXPORT, ISE, LOG),
];

#[rustfmt::skip]
const SYSLOG: &[Want] = &[
    // No year in syslog's times: the current one, 2026 at `--now`.
    x(429, "syslog", "2026-12-05T08:44:01Z", "GET", SALES, NO, LOG),
    x(401, "syslog", "2026-12-05T08:44:03Z", "", CUSTOMERS, NO, LOG),
];

const W: &str = "winston JSON";
#[rustfmt::skip]
const WINSTON: &[Want] = &[
    x(200, W, "2026-12-05T08:27:35.954Z", "GET", PRODUCTS, NO, LOG),
    x(429, W, "2026-12-05T08:27:36.007Z", "", SALES, RL, FORM),
    x(401, W, "2026-12-05T08:27:36.062Z", "", CUSTOMERS, EXPIRED, LOG),
    x(422, W, "2026-12-05T08:27:36.106Z", "", PRODUCTS, PT, LOG),
    // The whole AxiosError: its config's method and baseURL + url.
    x(500, W, "2026-12-05T08:27:36.150Z", "GET", U_EXPORT, ISE, LOG),
];

const J: &str = "JSON record";
#[rustfmt::skip]
const ISSUE: &[Want] = &[
    // The issue's first code block, as it stands.
    x(429, C, "", "", "", &[("", "rate limit exceeded (...)")], FORM),
    x(401, C, "", "", "", NO, LOG),
    x(429, C, "", "", "/api/v1/products/get_all", GAP_ERRORS, GAP_IDS),
    // `{...}` elided by the issue: not JSON, so a line of text with `"status":422`.
    x(422, C, "2026-12-01T10:00:00Z", "", "", NO, LOG),
    x(429, C, "", "", "", RL, INFERRED),
    // Item 1 and 4's shapes.
    x(200, PL, "2026-12-01T10:00:01.123Z", "GET", "/api/v1/products/get_all", NO, LOG),
    x(503, C, "2026-12-01T10:00:02Z", "", "/api/v1/registers", NO, LOG),
    x(401, M, "2026-12-01T10:00:03Z", "GET", CUSTOMERS, NO, LOG),
    x(429, N, "2026-12-01T10:00:04Z", "GET", "/api/v1/products/get_all", NO, LOG),
    x(422, PL, "2026-12-01T10:00:05Z", "POST", PRODUCTS, NO, LOG),
    x(429, PL, "2026-12-01T10:00:06Z", "", SALES, NO, LOG),
    x(404, PL, "2026-12-01T10:00:07Z", "GET", "/api/v1/products/7", NO, LOG),
    x(502, PL, "2026-12-01T10:00:08Z", "", "", NO, LOG),
    x(504, PL, "2026-12-01T10:00:09Z", "", "", NO, LOG),
    x(429, PL, "2026-12-01T10:00:10Z", "", "", NO, LOG),
    x(400, PL, "2026-12-01T10:00:11Z", "", "", NO, LOG),
    x(403, PL, "2026-12-01T10:00:12Z", "", "/api/v1/outlets", NO, LOG),
    x(503, PL, "2026-12-01T10:00:13Z", "", "", NO, LOG),
    x(429, PL, "2026-12-01T10:00:14Z", "", "", &[("", "rate limit exceeded")], FORM),
    x(400, PL, "2026-12-01T10:00:15Z", "", "", &[("", "invalid_grant")], LOG),
    x(429, PL, "2026-12-01T10:00:16Z", "", "", NO, LOG),
    x(500, PL, "2026-12-01T10:00:17Z", "", "", NO, LOG),
    x(429, PL, "2026-12-01T10:00:18Z", "GET", "/api/v1/products/get_all", NO, LOG),
    x(401, P, "2026-12-01T10:00:19Z", "", "", NO, LOG),
    x(429, S, "2026-12-01T10:00:20Z", "", "", NO, LOG),
    x(429, "syslog", "2026-12-01T10:00:21Z", "GET", SALES, NO, LOG),
    x(201, J, "2026-12-01T10:00:22Z", "POST", PRODUCTS, NO, LOG),
    x(404, J, "2026-12-01T10:00:23Z", "", "", NO, LOG),
    x(409, J, "2026-12-01T10:00:24.500Z", "", "", NO, LOG),
    x(429, J, "2026-12-01T10:00:25Z", "", SALES, NO, LOG),
    x(429, J, "2026-12-01T10:00:26Z", "", "", RL, FORM),
    x(429, J, "2026-12-01T10:00:27Z", "", "", RL, INFERRED),
];
