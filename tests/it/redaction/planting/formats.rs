//! The input formats the proof writes into: each a real capture from `tests/fixtures` used
//! as a template, the planted exchange written into it and its own noise lines kept.

use super::Exchange;
use super::har::har;
use super::libraries::{axios, curl_w_json, guzzle, requests, url_line};
use super::trace::trace;
use crate::common::fixture_bytes;

/// The input formats that exist: each a real capture used as the template.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// `curl -i`: the response only.
    CurlI,
    /// `curl -v ... 2>&1`: `> ` request and `< ` response lines, curl's notes and meter.
    CurlV,
    /// `wget -S --content-on-error`: the URL, indented response headers, wget's chatter.
    Wget,
    /// HTTPie `--print=hb`: the response only.
    HttpieHb,
    /// HTTPie `-v`: the request, its body, then the response.
    HttpieV,
    /// Python requests' error line: the status, the reason and the URL.
    Requests,
    /// PHP Guzzle's error line and the body start it quotes.
    Guzzle,
    /// An uncaught axios error's dump: the request config, the response's headers and data.
    Axios,
    /// A HAR file (a mitmproxy capture): every exchange an entry.
    Har,
    /// `curl --trace-ascii -`: Send and Recv blocks as text.
    TraceAscii,
    /// `curl --trace -`: Send and Recv blocks as a hex dump.
    TraceHex,
    /// `curl -w '%{json}'`: the body, then curl's object about the transfer.
    CurlWJson,
    /// `curl -s -w '%{http_code}'`: the body, the status code glued to its end.
    CurlWCode,
    /// `curl -si` as Windows PowerShell 5.1's `>` saves it: UTF-16LE with a BOM.
    Utf16,
    /// Python httpx's error line: the status, the reason and the URL.
    Httpx,
    /// Rust reqwest's error line.
    Reqwest,
    /// Java HttpURLConnection's error line: the status and the URL.
    Java,
}

pub const FORMATS: [Format; 17] = [
    Format::Httpx,
    Format::Reqwest,
    Format::Java,
    Format::CurlWCode,
    Format::Utf16,
    Format::CurlWJson,
    Format::Har,
    Format::TraceAscii,
    Format::TraceHex,
    Format::CurlI,
    Format::CurlV,
    Format::Wget,
    Format::HttpieHb,
    Format::HttpieV,
    Format::Requests,
    Format::Guzzle,
    Format::Axios,
];

impl Format {
    pub fn template(self) -> &'static str {
        match self {
            Format::CurlI => "curl-i-429-minute.txt",
            Format::CurlV => "curl-v-401-bearer.txt",
            Format::Wget => "wget-S-content-on-error-422.txt",
            Format::HttpieHb => "httpie-print-hb-429.txt",
            Format::HttpieV => "httpie-v-401.txt",
            Format::Requests => "lib-python-requests-429.txt",
            Format::Guzzle => "lib-guzzle-429.txt",
            Format::Axios => "lib-axios-uncaught-post-abp-400.txt",
            Format::Har => "har/mitmproxy-last-429.har",
            Format::TraceAscii => "curl-trace-ascii-429.txt",
            Format::TraceHex => "curl-trace-hex-aspnet-400.txt",
            Format::CurlWJson => "curl-w-json-after-body-400.txt",
            Format::CurlWCode => "curl-w-http-code-glued-401.txt",
            Format::Utf16 => "windows-utf16le-ps51-curl-i-429.txt",
            Format::Httpx => "lib-python-httpx-401.txt",
            Format::Reqwest => "lib-reqwest-display-401.txt",
            Format::Java => "lib-java-504.txt",
        }
    }

    /// Whether the format shows the request's headers.
    pub fn shows_request_headers(self) -> bool {
        matches!(
            self,
            Format::CurlV
                | Format::HttpieV
                | Format::Axios
                | Format::Har
                | Format::TraceAscii
                | Format::TraceHex
        )
    }

    /// Whether the format shows the request's body.
    pub fn shows_request_body(self) -> bool {
        matches!(
            self,
            Format::HttpieV | Format::Axios | Format::Har | Format::TraceAscii | Format::TraceHex
        )
    }

    /// Whether the format shows the request's URL.
    pub fn shows_url(self) -> bool {
        !matches!(
            self,
            Format::CurlI | Format::HttpieHb | Format::CurlWCode | Format::Utf16
        )
    }

    /// Whether the format shows the response's headers.
    pub fn shows_response_headers(self) -> bool {
        !matches!(
            self,
            Format::Requests
                | Format::Guzzle
                | Format::CurlWJson
                | Format::CurlWCode
                | Format::Httpx
                | Format::Reqwest
                | Format::Java
        )
    }

    /// Whether the format reads a body that is not JSON (a code glued to a body is read
    /// after a JSON one only).
    pub fn shows_text_body(self) -> bool {
        self.shows_body() && self != Format::CurlWCode
    }

    /// Whether the format shows the reason phrase.
    pub fn shows_reason(self) -> bool {
        !matches!(self, Format::CurlWJson | Format::CurlWCode | Format::Java)
    }

    /// Whether the format shows the response's body.
    pub fn shows_body(self) -> bool {
        !matches!(
            self,
            Format::Requests | Format::Httpx | Format::Reqwest | Format::Java
        )
    }

    /// Whether the format holds several exchanges (a library error is one).
    pub fn holds_several(self) -> bool {
        !matches!(
            self,
            Format::Requests
                | Format::Guzzle
                | Format::Axios
                | Format::CurlWCode
                | Format::Httpx
                | Format::Reqwest
                | Format::Java
        )
    }

    /// The input as the format's bytes: UTF-16LE with a BOM for [`Format::Utf16`], the
    /// text of [`Format::write_all`] for the rest.
    pub fn bytes(self, exchanges: &[Exchange]) -> Vec<u8> {
        let text = self.write_all(exchanges);
        if self != Format::Utf16 {
            return text.into_bytes();
        }
        let mut out = vec![0xff, 0xfe];
        out.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        out
    }

    /// The template's text: UTF-16LE decoded for [`Format::Utf16`].
    fn template_text(self) -> String {
        let bytes = fixture_bytes(self.template());
        if self != Format::Utf16 {
            return String::from_utf8(bytes).unwrap();
        }
        let units: Vec<u16> = bytes[2..]
            .chunks(2)
            .map(|c| u16::from_le_bytes([c[0], c[1]]))
            .collect();
        String::from_utf16(&units).unwrap()
    }

    /// The exchanges, in order, written into the format's real capture: one document for
    /// a HAR, one capture after another for the rest.
    pub fn write_all(self, exchanges: &[Exchange]) -> String {
        if self == Format::Har {
            let template = String::from_utf8(fixture_bytes(self.template())).unwrap();
            return har(&template, exchanges);
        }
        exchanges.iter().map(|e| self.write(e)).collect()
    }

    /// One exchange written into the format's real capture.
    fn write(self, ex: &Exchange) -> String {
        let template = self.template_text();
        match self {
            Format::CurlI | Format::HttpieHb | Format::Utf16 => plain(&template, ex, None),
            // The code glued to the body, no newline between.
            Format::CurlWCode => format!("{}{}", ex.body, ex.status),
            Format::Httpx | Format::Reqwest | Format::Java => url_line(&template, ex),
            Format::HttpieV => plain(&template, ex, Some(ex)),
            Format::CurlV => curl_v(&template, ex),
            Format::Requests => requests(&template, ex),
            Format::Guzzle => guzzle(&template, ex),
            Format::Axios => axios(&template, ex),
            Format::Har => har(&template, std::slice::from_ref(ex)),
            Format::TraceAscii => trace(&template, ex, false),
            Format::TraceHex => trace(&template, ex, true),
            Format::CurlWJson => curl_w_json(&template, ex),
            Format::Wget => wget(&template, ex),
        }
    }
}

fn header_lines(prefix: &str, headers: &[(String, String)]) -> String {
    headers
        .iter()
        .map(|(n, v)| format!("{prefix}{n}: {v}\r\n"))
        .collect()
}

fn overridden(line: &str, headers: &[(String, String)]) -> bool {
    let name = line.split(':').next().unwrap_or("").trim();
    headers.iter().any(|(n, _)| n.eq_ignore_ascii_case(name))
}

/// `curl -i`, HTTPie `--print=hb`, and with `request` HTTPie `-v`: unprefixed blocks.
fn plain(template: &str, ex: &Exchange, request: Option<&Exchange>) -> String {
    let mut out = String::new();
    let mut lines = template.split_inclusive('\n').peekable();
    if let Some(req) = request {
        // The request block: its line, headers, a blank line, the body HTTPie prints.
        lines.next();
        out.push_str(&format!("{} {} HTTP/1.1\r\n", req.method, req.target));
        for line in lines.by_ref() {
            if line.trim().is_empty() {
                out.push_str(&header_lines("", &req.req_headers));
                out.push_str(line);
                if let Some(b) = &req.req_body {
                    out.push_str(b);
                    out.push_str("\r\n");
                }
                break;
            }
            if !overridden(line, &req.req_headers) {
                out.push_str(line);
            }
        }
        while let Some(line) = lines.next_if(|l| !l.starts_with("HTTP/")) {
            out.push_str(line);
        }
    }
    lines.next();
    out.push_str(&format!("HTTP/1.1 {} {}\r\n", ex.status, ex.reason));
    for line in lines.by_ref() {
        if line.trim().is_empty() {
            out.push_str(&header_lines("", &ex.resp_headers));
            out.push_str(line);
            break;
        }
        // The template's Content-Length describes the template's body: a real capture's
        // describes the body it holds (and bounds it).
        let length = line.to_ascii_lowercase().starts_with("content-length:");
        if length {
            out.push_str(&format!("Content-Length: {}\r\n", ex.body.len()));
        } else if !overridden(line, &ex.resp_headers) {
            out.push_str(line);
        }
    }
    // The template's body is replaced.
    out.push_str(&ex.body);
    out.push('\n');
    out
}

/// `curl -v ... 2>&1`.
fn curl_v(template: &str, ex: &Exchange) -> String {
    let mut out = String::new();
    let mut state = 0;
    for line in template.split_inclusive('\n') {
        let l = line.trim_end();
        match state {
            0 if l.starts_with("> ") => {
                out.push_str(&format!("> {} {} HTTP/1.1\r\n", ex.method, ex.target));
                state = 1;
            }
            1 if l == ">" => {
                out.push_str(&header_lines("> ", &ex.req_headers));
                out.push_str(line);
                state = 2;
            }
            1 => {
                if !overridden(&l[2..], &ex.req_headers) {
                    out.push_str(line);
                }
            }
            2 if l.starts_with("< HTTP/") => {
                out.push_str(&format!("< HTTP/1.1 {} {}\r\n", ex.status, ex.reason));
                state = 3;
            }
            3 if l == "<" => {
                out.push_str(&header_lines("< ", &ex.resp_headers));
                out.push_str(line);
                state = 4;
            }
            3 => {
                if !overridden(&l[2..], &ex.resp_headers) {
                    out.push_str(line);
                }
            }
            // After the headers, curl's own lines stay and the template's body goes.
            4 => {
                if ["*", "{ [", "} [", "\r"]
                    .iter()
                    .any(|p| line.starts_with(p))
                {
                    out.push_str(line);
                }
            }
            _ => out.push_str(line),
        }
    }
    if !out.ends_with('\n') {
        out.push('\n');
    }
    out.push_str(&ex.body);
    out.push('\n');
    out
}

/// `wget -S --content-on-error -O - URL 2>&1`: the URL is a full one.
fn wget(template: &str, ex: &Exchange) -> String {
    let url = if ex.target.contains("://") {
        ex.target.clone()
    } else {
        format!("http://127.0.0.1:18080{}", ex.target)
    };
    let mut out = String::new();
    let mut state = 0;
    for line in template.split_inclusive('\n') {
        match state {
            0 if line.starts_with("--") => {
                let date = line.split("--").nth(1).unwrap_or("");
                out.push_str(&format!("--{date}--  {url}\n"));
                state = 1;
            }
            1 if line.starts_with("  HTTP/") => {
                out.push_str(&format!("  HTTP/1.1 {} {}\n", ex.status, ex.reason));
                state = 2;
            }
            2 if line.starts_with("  ") => {
                if !overridden(line, &ex.resp_headers) {
                    out.push_str(line);
                }
            }
            2 => {
                out.push_str(&header_lines("  ", &ex.resp_headers).replace('\r', ""));
                out.push_str(line);
                state = 3;
            }
            // The line after `Saving to:` is the body.
            3 => {
                out.push_str(&ex.body);
                out.push('\n');
                state = 4;
            }
            _ => out.push_str(line),
        }
    }
    out
}
