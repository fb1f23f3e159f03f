//! Which logger wrote a line, which HTTP client it shows, and how to log with them what a
//! line lacks (as data: the expressions to log; the renderer makes the words).

use super::scan::{find_ci, starts_with_ci};

/// The log format a line or record is written in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum Source {
    /// winston's `format.json()`: `level` and `message` strings.
    WinstonJson,
    /// pino: a numeric `level`, epoch-millisecond `time`, `msg`.
    Pino,
    /// bunyan: `v`, `name`, `hostname`, a numeric `level`, `msg`.
    Bunyan,
    /// log4js's basic layout: `[2026-12-01T10:00:00.123] [ERROR] category - ...`.
    Log4js,
    /// structlog's `JSONRenderer`: `event`, `level`, `timestamp`.
    StructlogJson,
    /// structlog's `ConsoleRenderer`: `2026-... [error    ] event  key=value ...`.
    StructlogConsole,
    /// python-json-logger: `levelname`, `name`, `message`, `asctime`.
    PythonJsonLogger,
    /// loguru with `serialize=True`: `text` and `record`.
    LoguruJson,
    /// loguru's default format: `2026-12-01 10:00:00.123 | ERROR    | module:fn:1 - ...`.
    Loguru,
    /// Python's logging module, text (`%(asctime)s - ...`, `LEVEL:name:...`).
    PythonLogging,
    /// Serilog's compact JSON (CLEF): `@t`, `@mt` or `@m`.
    SerilogClef,
    /// Serilog's `JsonFormatter`: `Timestamp`, `MessageTemplate`, fields under `Properties`.
    SerilogJson,
    /// .NET's JSON console formatter: `EventId`, `LogLevel`, `Category`, `State`.
    DotNetJsonConsole,
    /// .NET's simple console formatter: `fail: Category[0]` then an indented message line.
    DotNetConsole,
    /// Elastic Common Schema: `@timestamp`, `ecs.version`, `http.response.status_code`.
    Ecs,
    /// logback, as Spring Boot lays it out: `2026-... ERROR 4242 --- [main] logger : ...`.
    Logback,
    /// Monolog's line formatter (PHP, Laravel): `[2026-...] channel.LEVEL: message {...}`.
    Monolog,
    /// Rails (Ruby's Logger): `I, [2026-... #4242]  INFO -- : Completed 500 ... in 12ms`.
    Rails,
    /// An access log (nginx, Apache combined format): `... [01/Dec/2026:...] "GET / HTTP/1.1" 200 5`.
    AccessLog,
    /// urllib3's debug line: `http://host:80 "GET /x HTTP/1.1" 429 95`.
    Urllib3,
    /// httpx's own line: `HTTP Request: GET URL "HTTP/1.1 429 Too Many Requests"`.
    Httpx,
    /// A syslog line: `Dec  1 10:00:00 host app[pid]: ...`.
    Syslog,
    /// Another JSON record.
    JsonRecord,
    /// A plain line (`console.log`, `print`).
    #[default]
    Plain,
}

impl Source {
    /// The format's name, as a report shows it.
    pub fn name(self) -> &'static str {
        match self {
            Source::WinstonJson => "winston JSON",
            Source::Pino => "pino",
            Source::Bunyan => "bunyan",
            Source::Log4js => "log4js",
            Source::StructlogJson => "structlog JSON",
            Source::StructlogConsole => "structlog console",
            Source::PythonJsonLogger => "python-json-logger",
            Source::LoguruJson => "loguru JSON",
            Source::Loguru => "loguru",
            Source::PythonLogging => "Python logging",
            Source::SerilogClef => "Serilog CLEF",
            Source::SerilogJson => "Serilog JSON",
            Source::DotNetJsonConsole => ".NET JSON console",
            Source::DotNetConsole => ".NET console",
            Source::Ecs => "ECS JSON",
            Source::Logback => "logback",
            Source::Monolog => "Monolog",
            Source::Rails => "Rails",
            Source::AccessLog => "access log",
            Source::Urllib3 => "urllib3 debug log",
            Source::Httpx => "httpx log",
            Source::Syslog => "syslog",
            Source::JsonRecord => "JSON record",
            Source::Plain => "log line",
        }
    }

    /// Whether the format is one JSON record a line.
    pub fn is_record(self) -> bool {
        matches!(
            self,
            Source::WinstonJson
                | Source::Pino
                | Source::Bunyan
                | Source::StructlogJson
                | Source::PythonJsonLogger
                | Source::LoguruJson
                | Source::SerilogClef
                | Source::SerilogJson
                | Source::DotNetJsonConsole
                | Source::Ecs
                | Source::JsonRecord
        )
    }
}

/// The HTTP client a line shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Client {
    /// Node's axios.
    Axios,
    /// Python requests (urllib3 underneath).
    Requests,
    /// Python httpx.
    Httpx,
    /// .NET HttpClient.
    DotNetHttpClient,
    /// Spring's RestTemplate or RestClient.
    Spring,
}

impl Client {
    /// The client's name, as a report shows it.
    pub fn name(self) -> &'static str {
        match self {
            Client::Axios => "axios",
            Client::Requests => "Python requests",
            Client::Httpx => "Python httpx",
            Client::DotNetHttpClient => ".NET HttpClient",
            Client::Spring => "Spring RestTemplate / RestClient",
        }
    }
}

/// How to log what a line lacks: with this logger and client, the expressions that give the
/// status, the rate-limit header, the request id and the body, and those never to log.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Advice {
    /// The logger.
    pub source: Source,
    /// The client, when the line shows it.
    pub client: Option<Client>,
    /// Expressions to log: status, `X-Rate-Limit-Problem`, `X-Request-Id`, body.
    pub log: [&'static str; 4],
    /// What never to log whole: it holds the Authorization header.
    pub never: Option<&'static str>,
    /// A call of the logger that logs them as fields, where the logger takes fields.
    pub call: Option<&'static str>,
}

impl Advice {
    /// The advice for a logger and a client.
    pub fn new(source: Source, client: Option<Client>) -> Advice {
        let (log, never) = match client {
            Some(Client::Axios) => (
                [
                    "err.response.status",
                    "err.response.headers['x-rate-limit-problem']",
                    "err.response.headers['x-request-id']",
                    "err.response.data",
                ],
                Some("err"),
            ),
            Some(Client::Requests) => (
                [
                    "r.status_code",
                    "r.headers.get('X-Rate-Limit-Problem')",
                    "r.headers.get('X-Request-Id')",
                    "r.text",
                ],
                Some("r.request.headers"),
            ),
            Some(Client::Httpx) => (
                [
                    "response.status_code",
                    "response.headers.get('x-rate-limit-problem')",
                    "response.headers.get('x-request-id')",
                    "response.text",
                ],
                Some("response.request.headers"),
            ),
            Some(Client::DotNetHttpClient) => (
                [
                    "(int)response.StatusCode",
                    "response.Headers.GetValues(\"X-Rate-Limit-Problem\")",
                    "response.Headers.GetValues(\"X-Request-Id\")",
                    "await response.Content.ReadAsStringAsync()",
                ],
                Some("request.Headers"),
            ),
            Some(Client::Spring) => (
                [
                    "e.getStatusCode()",
                    "e.getResponseHeaders().getFirst(\"X-Rate-Limit-Problem\")",
                    "e.getResponseHeaders().getFirst(\"X-Request-Id\")",
                    "e.getResponseBodyAsString()",
                ],
                None,
            ),
            None => (
                ["status", "X-Rate-Limit-Problem", "X-Request-Id", "body"],
                None,
            ),
        };
        let axios = client == Some(Client::Axios);
        let call = match source {
            Source::WinstonJson if axios => Some(
                "logger.error('Hike call failed', { status: err.response.status, rateLimitProblem: err.response.headers['x-rate-limit-problem'], requestId: err.response.headers['x-request-id'], data: err.response.data })",
            ),
            Source::Pino if axios => Some(
                "logger.error({ status: err.response.status, rateLimitProblem: err.response.headers['x-rate-limit-problem'], requestId: err.response.headers['x-request-id'], data: err.response.data }, 'Hike call failed')",
            ),
            Source::Bunyan if axios => Some(
                "log.error({ statusCode: err.response.status, rateLimitProblem: err.response.headers['x-rate-limit-problem'], requestId: err.response.headers['x-request-id'], body: err.response.data }, 'Hike call failed')",
            ),
            Source::StructlogJson | Source::StructlogConsole => Some(
                "log.error('hike_call_failed', status_code=r.status_code, rate_limit_problem=r.headers.get('X-Rate-Limit-Problem'), request_id=r.headers.get('X-Request-Id'), body=r.text)",
            ),
            Source::PythonJsonLogger | Source::PythonLogging => Some(
                "log.error('Hike call failed', extra={'status_code': r.status_code, 'rate_limit_problem': r.headers.get('X-Rate-Limit-Problem'), 'request_id': r.headers.get('X-Request-Id'), 'body': r.text})",
            ),
            Source::LoguruJson | Source::Loguru => Some(
                "logger.bind(status=r.status_code, rate_limit_problem=r.headers.get('X-Rate-Limit-Problem'), request_id=r.headers.get('X-Request-Id'), body=r.text).error('Hike call failed')",
            ),
            Source::SerilogClef
            | Source::SerilogJson
            | Source::DotNetJsonConsole
            | Source::DotNetConsole => Some(
                "logger.LogError(\"Hike call failed {StatusCode} {RateLimitProblem} {RequestId} {Body}\", (int)response.StatusCode, problem, requestId, body)",
            ),
            _ => None,
        };
        Advice {
            source,
            client,
            log,
            never,
            call,
        }
    }
}

/// The text logger a line comes from, by its layout.
pub(crate) fn text_source(line: &[u8]) -> Source {
    let s = line.trim_ascii_start();
    if line.starts_with(b"      ") && line.get(6).is_some_and(|b| !b.is_ascii_whitespace()) {
        // .NET's console formatter indents the message by six under `fail: Category[0]`.
        return Source::DotNetConsole;
    }
    // Ruby's Logger, as Rails writes it: `I, [2026-12-05T08:43:00.123456 #4242]  INFO -- : `.
    if s.starts_with(b"Completed ")
        || s.starts_with(b"Started ")
        || (s.len() > 4 && s[0].is_ascii_uppercase() && s[1..4] == *b", [")
    {
        return Source::Rails;
    }
    if s.first() == Some(&b'[') {
        if let Some(close) = crate::find::memchr(b']', s) {
            let after = &s[close + 1..];
            if after.starts_with(b" [") {
                return Source::Log4js;
            }
            // `[time] channel.LEVEL: `
            let word_end = after
                .iter()
                .skip(1)
                .position(|&c| c == b':' || c == b' ')
                .map(|p| p + 1);
            if let Some(e) = word_end {
                let word = &after[1..e];
                if after.first() == Some(&b' ')
                    && after.get(e) == Some(&b':')
                    && word.contains(&b'.')
                    && word
                        .rsplit(|&c| c == b'.')
                        .next()
                        .is_some_and(|l| !l.is_empty() && l.iter().all(u8::is_ascii_uppercase))
                {
                    return Source::Monolog;
                }
            }
        }
    }
    if s.first().is_some_and(u8::is_ascii_digit) && super::time::iso_at(s).is_some() {
        {
            if crate::find::memmem(s, b" | ").is_some() {
                return Source::Loguru;
            }
            if crate::find::memmem(s, b" --- [").is_some() {
                return Source::Logback;
            }
            if crate::find::memmem(s, b" [").is_some_and(|i| i < 40)
                && crate::find::memmem(s, b"] ").is_some()
                && s.iter().filter(|&&c| c == b'=').count() > 0
            {
                return Source::StructlogConsole;
            }
            if crate::find::memmem(s, b" - ").is_some()
                || crate::find::memchr(b',', &s[..24.min(s.len())]).is_some()
            {
                return Source::PythonLogging;
            }
        }
    }
    for level in [
        &b"DEBUG:"[..],
        b"INFO:",
        b"WARNING:",
        b"ERROR:",
        b"CRITICAL:",
    ] {
        if s.starts_with(level)
            && s.get(level.len())
                .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'_')
        {
            return Source::PythonLogging;
        }
    }
    if super::time::syslog_at(s, 2000).is_some() {
        return Source::Syslog;
    }
    if find_ci(s, b"http request: ").is_some() && crate::find::memmem(s, b"\"HTTP/").is_some() {
        return Source::Httpx;
    }
    if crate::find::memmem(s, b"urllib3").is_some()
        || (starts_with_ci(s, b"http") && crate::find::memmem(s, b" \"").is_some())
            && crate::find::memmem(s, b" HTTP/1.").is_some()
            && !s.starts_with(b"HTTP")
    {
        return Source::Urllib3;
    }
    if let Some(b) = crate::find::memmem(s, b"] \"") {
        if s[..b].contains(&b'[') && crate::find::memmem(&s[b..], b" HTTP/").is_some() {
            return Source::AccessLog;
        }
    }
    Source::Plain
}

/// The HTTP client a line of text shows, if any.
pub(crate) fn text_client(line: &[u8]) -> Option<Client> {
    if find_ci(line, b"axios").is_some() {
        Some(Client::Axios)
    } else if find_ci(line, b"urllib3").is_some() || find_ci(line, b"requests.exceptions").is_some()
    {
        Some(Client::Requests)
    } else if find_ci(line, b"httpx").is_some() || line.starts_with(b"HTTP Request: ") {
        Some(Client::Httpx)
    } else if find_ci(line, b"System.Net.Http").is_some()
        || crate::find::memmem(line, b"Response status code does not indicate success").is_some()
    {
        Some(Client::DotNetHttpClient)
    } else if crate::find::memmem(line, b"HttpClientErrorException").is_some()
        || crate::find::memmem(line, b"HttpServerErrorException").is_some()
        || crate::find::memmem(line, b"RestClientResponseException").is_some()
    {
        Some(Client::Spring)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_layouts() {
        let s = |l: &str| text_source(l.as_bytes());
        assert_eq!(
            s("2026-12-05 08:27:26,882 - hike.sync - ERROR - x"),
            Source::PythonLogging
        );
        assert_eq!(s("ERROR:hike:status code 403"), Source::PythonLogging);
        assert_eq!(
            s("[2026-12-05T08:27:05.990] [ERROR] hike - x"),
            Source::Log4js
        );
        assert_eq!(
            s("[2026-12-05T08:30:00.000000+00:00] app.ERROR: x {} []"),
            Source::Monolog
        );
        assert_eq!(
            s("[2026-12-05 08:30:00] production.ERROR: x"),
            Source::Monolog
        );
        assert_eq!(
            s("2026-12-05 08:27:27.950 | ERROR    | m:f:1 - x"),
            Source::Loguru
        );
        assert_eq!(
            s("2026-12-05T08:30:00.123Z ERROR 4242 --- [main] c.e.Hike : x"),
            Source::Logback
        );
        assert_eq!(
            s("2026-12-05T08:27:27.778007Z [error    ] hike_call_failed   status_code=429"),
            Source::StructlogConsole
        );
        assert_eq!(s("      Hike call failed"), Source::DotNetConsole);
        assert_eq!(
            s("Completed 500 Internal Server Error in 12ms"),
            Source::Rails
        );
        assert_eq!(
            s("127.0.0.1 - - [05/Dec/2026:08:30:00 +0000] \"GET /x HTTP/1.1\" 429 95 \"-\" \"-\""),
            Source::AccessLog
        );
        assert_eq!(s("Dec  5 08:30:00 pos hike[1]: x"), Source::Syslog);
        assert_eq!(s("HTTP 429"), Source::Plain);
    }
}
