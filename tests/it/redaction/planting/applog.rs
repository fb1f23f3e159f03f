//! Application logs as input formats: real logs from tests/fixtures/applog/ with the planted
//! secret put where the application logged a credential (the fixtures' own `SECRET...`
//! values, which stand where the real calls' credentials stood).

use crate::common::fixture_bytes;

/// The application-log formats the proof writes into.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogFormat {
    /// winston JSON with a whole AxiosError logged: its config's `Authorization` header and
    /// the request's `_header` text.
    Winston,
    /// pino's `err` serializer of AxiosErrors: the same, in every error record.
    Pino,
    /// httpx's and the app's lines (Python logging) with a URL holding `access_token=`.
    HttpxUrl,
    /// nginx's access log: a request line with `?access_token=`.
    AccessLog,
    /// A Python logging line quoting the token form it sent: `refresh_token=` and
    /// `client_secret=`.
    TokenForm,
    /// log4js lines in plain text with `Authorization: Bearer ...`: one with a status, one
    /// without.
    TextAuthorization,
}

pub const LOG_FORMATS: [LogFormat; 6] = [
    LogFormat::Winston,
    LogFormat::Pino,
    LogFormat::HttpxUrl,
    LogFormat::AccessLog,
    LogFormat::TokenForm,
    LogFormat::TextAuthorization,
];

impl LogFormat {
    pub fn template(self) -> &'static str {
        match self {
            LogFormat::Winston => "applog/winston-axios.log",
            LogFormat::Pino => "applog/pino-axios.log",
            LogFormat::HttpxUrl => "applog/python-logging-httpx.log",
            LogFormat::AccessLog => "applog/nginx-access.log",
            LogFormat::TokenForm => "applog/python-logging-requests.log",
            LogFormat::TextAuthorization => "applog/log4js-axios.log",
        }
    }

    /// How many exchanges the log holds (tests/it/applog_modes/table.rs has them row by
    /// row; the plain-text format adds one line with a status).
    pub fn exchanges(self) -> usize {
        match self {
            LogFormat::Winston | LogFormat::Pino => 5,
            LogFormat::HttpxUrl => 11,
            LogFormat::AccessLog => 9,
            LogFormat::TokenForm => 12,
            LogFormat::TextAuthorization => 6,
        }
    }

    /// Whether the log shows the request's headers (so `--curl` may replay it).
    pub fn shows_request_headers(self) -> bool {
        matches!(self, LogFormat::Winston | LogFormat::Pino)
    }

    /// Whether the secret stands in a URL the report shows, redacted.
    pub fn shows_url(self) -> bool {
        matches!(self, LogFormat::HttpxUrl | LogFormat::AccessLog)
    }

    /// The log with `secret` planted.
    pub fn write(self, secret: &str) -> String {
        let text = String::from_utf8(fixture_bytes(self.template())).unwrap();
        match self {
            LogFormat::Winston | LogFormat::Pino => text.replace("hk_live_SECRETTOKEN123", secret),
            LogFormat::HttpxUrl | LogFormat::AccessLog => text.replace("SECRETQUERY", secret),
            LogFormat::TokenForm => text
                .replace("SECRETCLIENT", secret)
                .replace("SECRETREFRESH", secret),
            LogFormat::TextAuthorization => {
                let mut out = String::new();
                for line in text.split_inclusive('\n') {
                    out.push_str(line);
                    if line.contains("HTTP 401 on") {
                        out.push_str(&format!(
                            "[2026-12-05T08:27:37.067] [DEBUG] hike - request headers: Authorization: Bearer {secret}\n\
                             [2026-12-05T08:27:37.068] [ERROR] hike - retry got HTTP 401 on /api/v1/customers/get_all with Authorization: Bearer {secret}\n"
                        ));
                    }
                }
                out
            }
        }
    }
}
