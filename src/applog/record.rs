//! One JSON record a line, as structured loggers write them: winston, pino (its `err`
//! serializer of an AxiosError), bunyan, structlog, python-json-logger, loguru's
//! `serialize`, Serilog's CLEF, .NET's JSON console, ECS.
//!
//! Keys are matched without regard to case, nested where the logger nests them (`State`,
//! `Properties`, loguru's `record.extra`, Monolog's `context`) and also as the dotted flat
//! keys ECS loggers write (`"http.response.status_code"`). One record is one exchange,
//! however often it repeats the status (a pino error record carries it four times).

use serde_json::{Map, Value};

use super::body;
use super::secrets::of_record;
use super::source::{Client, Source};
use super::text;
use super::time;
use super::{Context, LogExchange, MAX_BODY};

type Obj = Map<String, Value>;

/// Where loggers put the fields a call passes: the record itself first.
const CONTAINERS: &[&[&str]] = &[
    &[],
    &["Properties"],
    &["State"],
    &["Scope"],
    &["record", "extra"],
    &["extra"],
    &["context"],
    &["fields"],
    &["meta"],
    &["metadata"],
    &["attributes"],
    &["@fields"],
];

const STATUS: &[&[&str]] = &[
    &["status"],
    &["statusCode"],
    &["status_code"],
    &["http_status"],
    &["httpStatus"],
    &["http_status_code"],
    &["response", "status"],
    &["response", "statusCode"],
    &["response", "status_code"],
    &["res", "statusCode"],
    &["res", "status"],
    &["http", "response", "status_code"],
    &["err", "response", "status"],
    &["err", "status"],
    &["err", "statusCode"],
    &["error", "response", "status"],
    &["error", "status"],
    &["error", "statusCode"],
    &["exception", "response", "status"],
];

const BODY: &[&[&str]] = &[
    &["data"],
    &["body"],
    &["responseBody"],
    &["response_body"],
    &["response", "data"],
    &["response", "body"],
    &["err", "response", "data"],
    &["error", "response", "data"],
    &["http", "response", "body", "content"],
];

const METHOD: &[&[&str]] = &[
    &["method"],
    &["RequestMethod"],
    &["HttpMethod"],
    &["req", "method"],
    &["request", "method"],
    &["config", "method"],
    &["err", "config", "method"],
    &["error", "config", "method"],
    &["response", "config", "method"],
    &["http", "request", "method"],
];

const URL: &[&[&str]] = &[
    &["url"],
    &["path"],
    &["uri"],
    &["RequestPath"],
    &["Uri"],
    &["requestUrl"],
    &["request_url"],
    &["req", "url"],
    &["request", "url"],
    &["request", "uri"],
    &["config", "url"],
    &["err", "config", "url"],
    &["error", "config", "url"],
    &["response", "config", "url"],
    &["url", "full"],
    &["url", "original"],
    &["url", "path"],
];

const REQUEST_ID: &[&[&str]] = &[
    &["requestId"],
    &["request_id"],
    &["x-request-id"],
    &["response", "headers", "x-request-id"],
    &["err", "response", "headers", "x-request-id"],
    &["error", "response", "headers", "x-request-id"],
    &["http", "request", "id"],
];

const HEADERS: &[&[&str]] = &[
    &["response", "headers"],
    &["err", "response", "headers"],
    &["error", "response", "headers"],
    &["responseHeaders"],
    &["response_headers"],
];

const TIME: &[&[&str]] = &[
    &["timestamp"],
    &["time"],
    &["@t"],
    &["@timestamp"],
    &["asctime"],
    &["ts"],
    &["datetime"],
    &["record", "time", "timestamp"],
];

const MESSAGE: &[&[&str]] = &[
    &["message"],
    &["msg"],
    &["@m"],
    &["event"],
    &["record", "message"],
    &["State", "Message"],
    &["err", "message"],
    &["error", "message"],
];

/// A field by name, case ignored (an exact match first). Records hold a few dozen keys at
/// most, so one pass over them beats hashing the name.
fn field<'a>(obj: &'a Obj, key: &str) -> Option<&'a Value> {
    let mut folded = None;
    for (k, v) in obj {
        if k.len() == key.len() {
            if k == key {
                return Some(v);
            }
            if folded.is_none() && k.eq_ignore_ascii_case(key) {
                folded = Some(v);
            }
        }
    }
    folded
}

/// Whether `key` is `path` written as one dotted key (`http.response.status_code`), case
/// ignored.
fn is_dotted(key: &str, path: &[&str]) -> bool {
    let len = path.iter().map(|p| p.len()).sum::<usize>() + path.len() - 1;
    if key.len() != len {
        return false;
    }
    let mut rest = key.as_bytes();
    for (i, p) in path.iter().enumerate() {
        if i > 0 {
            if rest.first() != Some(&b'.') {
                return false;
            }
            rest = &rest[1..];
        }
        if !rest[..p.len()].eq_ignore_ascii_case(p.as_bytes()) {
            return false;
        }
        rest = &rest[p.len()..];
    }
    true
}

/// The value at a path, nested (`http` → `response` → `status_code`) or as one dotted key
/// (`"http.response.status_code"`).
fn at<'a>(obj: &'a Obj, path: &[&str]) -> Option<&'a Value> {
    let (first, rest) = path.split_first()?;
    let nested = field(obj, first).and_then(|v| match rest {
        [] => Some(v),
        _ => at(v.as_object()?, rest),
    });
    nested.or_else(|| {
        if path.len() < 2 {
            return None;
        }
        let mut folded = None;
        for (k, v) in obj {
            if is_dotted(k, path) {
                if k.split('.').zip(path).all(|(a, b)| a == *b) {
                    return Some(v);
                }
                folded = folded.or(Some(v));
            }
        }
        folded
    })
}

fn containers(obj: &Obj) -> impl Iterator<Item = &Obj> {
    CONTAINERS.iter().filter_map(move |c| match c {
        [] => Some(obj),
        _ => at(obj, c)?.as_object(),
    })
}

/// The first value found at one of `paths`, in any of the record's containers `cs` (see
/// [`containers`]), that `pick` takes.
fn first<'a, T>(
    cs: &[&'a Obj],
    paths: &[&[&str]],
    pick: impl Fn(&'a Value) -> Option<T>,
) -> Option<T> {
    cs.iter()
        .find_map(|c| paths.iter().find_map(|p| at(c, p).and_then(&pick)))
}

fn as_status(v: &Value) -> Option<u16> {
    let n = match v {
        Value::Number(n) => n.as_u64()?,
        Value::String(s) if s.len() == 3 => s.parse().ok()?,
        _ => return None,
    };
    (100..=599).contains(&n).then_some(n as u16)
}

fn as_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) if !s.trim().is_empty() && s.len() <= 8192 => Some(s.trim().to_string()),
        _ => None,
    }
}

fn as_body(v: &Value) -> Option<Vec<u8>> {
    let mut b = match v {
        Value::String(s) if !s.is_empty() => s.as_bytes().to_vec(),
        Value::Object(_) | Value::Array(_) => serde_json::to_vec(v).ok()?,
        _ => return None,
    };
    b.truncate(MAX_BODY);
    Some(b)
}

fn as_method(v: &Value) -> Option<String> {
    let m = as_text(v)?.to_ascii_uppercase();
    (m.len() <= 16 && m.bytes().all(|c| c.is_ascii_uppercase())).then_some(m)
}

fn as_target(v: &Value) -> Option<String> {
    let t = as_text(v)?;
    (t.starts_with('/') || t.contains("://")).then_some(t)
}

/// The logger that wrote a record, by the keys it always writes.
pub fn source_of(obj: &Obj) -> Source {
    let has = |k: &str| field(obj, k).is_some();
    let num = |k: &str| field(obj, k).is_some_and(Value::is_number);
    let text = |k: &str| field(obj, k).is_some_and(Value::is_string);
    if has("@t") && (has("@mt") || has("@m")) {
        Source::SerilogClef
    } else if has("MessageTemplate") && field(obj, "Properties").is_some_and(Value::is_object) {
        Source::SerilogJson
    } else if has("ecs.version") || at(obj, &["ecs", "version"]).is_some() {
        Source::Ecs
    } else if has("EventId") && has("LogLevel") && has("Category") {
        Source::DotNetJsonConsole
    } else if has("text") && field(obj, "record").is_some_and(Value::is_object) {
        Source::LoguruJson
    } else if has("v") && num("level") && has("hostname") && has("name") {
        Source::Bunyan
    } else if num("level") && num("time") && has("msg") {
        Source::Pino
    } else if has("levelname") && has("message") {
        Source::PythonJsonLogger
    } else if text("event") && text("level") {
        Source::StructlogJson
    } else if text("level") && has("message") {
        Source::WinstonJson
    } else {
        Source::JsonRecord
    }
}

fn client_of(obj: &Obj, cs: &[&Obj]) -> Option<Client> {
    let axios = |o: &Obj| {
        field(o, "isAxiosError").is_some()
            || ["name", "type"]
                .iter()
                .any(|k| field(o, k).and_then(Value::as_str) == Some("AxiosError"))
    };
    if axios(obj)
        || ["err", "error"]
            .iter()
            .any(|k| at(obj, &[k]).and_then(Value::as_object).is_some_and(axios))
    {
        return Some(Client::Axios);
    }
    let category = first(cs, &[&["Category"], &["SourceContext"], &["name"]], as_text)?;
    if category.starts_with("System.Net.Http") {
        Some(Client::DotNetHttpClient)
    } else if category == "httpx" {
        Some(Client::Httpx)
    } else if category.starts_with("urllib3") {
        Some(Client::Requests)
    } else {
        None
    }
}

fn time_of(cs: &[&Obj], year: i32) -> Option<i64> {
    first(cs, TIME, |v| match v {
        Value::Number(n) => time::epoch(n.as_f64()?),
        Value::String(s) => time::parse(s, year),
        _ => None,
    })
}

/// The target: axios' `config.url` joined to its `baseURL` when relative.
fn target_of(cs: &[&Obj]) -> Option<String> {
    let t = first(cs, URL, as_target)?;
    if t.starts_with('/') {
        let base = first(
            cs,
            &[
                &["config", "baseURL"],
                &["err", "config", "baseURL"],
                &["error", "config", "baseURL"],
            ],
            as_text,
        );
        if let Some(base) = base.filter(|b| b.contains("://")) {
            return Some(format!("{}{t}", base.trim_end_matches('/')));
        }
    }
    Some(t)
}

fn headers_of(cs: &[&Obj]) -> Vec<(String, String)> {
    let Some(h) = first(cs, HEADERS, |v| v.as_object()) else {
        return Vec::new();
    };
    h.iter()
        .filter_map(|(k, v)| Some((k.clone(), as_text(v)?)))
        .take(64)
        .collect()
}

/// The exchange a record states, its source and secrets aside: the status from a status
/// key, or from its message read as a line of text, or inferred from Hike's form body.
pub(crate) fn exchange(obj: &Obj, ctx: &Context) -> Option<LogExchange> {
    let cs: Vec<&Obj> = containers(obj).collect();
    let cs = &cs[..];
    let mut x = LogExchange::default();
    if let Some(status) = first(cs, STATUS, as_status) {
        x.status = status;
        x.body = first(cs, BODY, as_body);
    } else if let Some((msg, st)) = first(cs, MESSAGE, |v| {
        let m = as_text(v)?;
        let st = text::find_status(&m)?;
        Some((m, st))
    }) {
        let rest = &msg[st.end..];
        x.status = st.status;
        x.reason = st.reason;
        x.body = first(cs, BODY, as_body).or_else(|| body::after_status(rest));
        if let Some((m, t)) = st.request {
            x.method = Some(m);
            x.target = Some(t);
        } else {
            let (m, t) = super::request::request(&msg);
            x.method = m;
            x.target = t;
        }
    } else {
        let form = |v: &Value| {
            let s = v.as_str()?;
            let (a, e) = body::hike_form(s)?;
            Some(s.as_bytes()[a..e].to_vec())
        };
        x.body = Some(first(cs, BODY, form).or_else(|| first(cs, MESSAGE, form))?);
        x.status = 429;
        x.inferred = true;
    }
    x.method = x.method.or_else(|| first(cs, METHOD, as_method));
    x.target = x.target.or_else(|| target_of(cs));
    x.request_id = first(cs, REQUEST_ID, as_text);
    x.headers = headers_of(cs);
    x.time_ms = time_of(cs, ctx.year);
    x.client = client_of(obj, cs);
    Some(x)
}

/// Reads one record (see the [module docs](self)).
pub(crate) fn read(obj: &Obj, ctx: &Context) -> Option<LogExchange> {
    // .NET's inner handler logs the status its outer handler logs again (`End processing
    // HTTP request`): one exchange, read from the outer one.
    if field(obj, "Category")
        .and_then(Value::as_str)
        .is_some_and(|c| {
            c.starts_with("System.Net.Http.HttpClient.") && c.ends_with(".ClientHandler")
        })
    {
        return None;
    }
    let mut x = exchange(obj, ctx)?;
    x.source = source_of(obj);
    x.secrets = of_record(obj);
    Some(x)
}
