//! curl's trace dumps as input formats: `--trace-ascii -` (text lines cut at 64 bytes,
//! bytes that are not printable ASCII written as `.`, as curl does) and `--trace -` (a hex
//! dump, 16 bytes a line, with the text beside it). The exchange becomes the Send and Recv
//! blocks curl writes; the template's `== Info:` lines stay around them.

use super::Exchange;

/// `=> Send header, 145 bytes (0x91)`.
fn head(arrow: &str, what: &str, n: usize) -> String {
    format!("{arrow} {what}, {n} bytes (0x{n:x})\n")
}

fn printable(b: u8) -> char {
    if (0x20..0x7f).contains(&b) {
        char::from(b)
    } else {
        '.'
    }
}

/// A block's bytes as `--trace-ascii` writes them: a line per CRLF or LF, cut at 64 bytes.
fn ascii(bytes: &[u8]) -> String {
    let mut out = String::new();
    let mut at = 0;
    while at < bytes.len() {
        let line_end = bytes[at..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(bytes.len(), |p| at + p + 1);
        let end = line_end.min(at + 64);
        let text: String = bytes[at..end]
            .iter()
            .filter(|&&b| b != b'\r' && b != b'\n')
            .map(|&b| printable(b))
            .collect();
        out.push_str(&format!("{at:04x}: {text}\n"));
        at = end;
    }
    out
}

/// A block's bytes as `--trace` writes them: 16 bytes a line, hex then text.
fn hex(bytes: &[u8]) -> String {
    bytes
        .chunks(16)
        .enumerate()
        .map(|(i, chunk)| {
            let hex: String = chunk.iter().map(|b| format!("{b:02x} ")).collect();
            let text: String = chunk.iter().map(|&b| printable(b)).collect();
            format!("{:04x}: {hex:<48}{text}\n", i * 16)
        })
        .collect()
}

/// The exchange as a trace; `hex` picks `--trace` over `--trace-ascii`.
pub(super) fn trace(template: &str, ex: &Exchange, hex_dump: bool) -> String {
    let dump = |b: &[u8]| if hex_dump { hex(b) } else { ascii(b) };
    let lines: Vec<&str> = template.split_inclusive('\n').collect();
    let mut out: String = lines
        .iter()
        .take_while(|l| l.starts_with("== Info:"))
        .copied()
        .collect();
    let mut request = format!("{} {} HTTP/1.1\r\n", ex.method, ex.target);
    for (n, v) in &ex.req_headers {
        request.push_str(&format!("{n}: {v}\r\n"));
    }
    request.push_str("\r\n");
    out.push_str(&head("=>", "Send header", request.len()));
    out.push_str(&dump(request.as_bytes()));
    if let Some(body) = &ex.req_body {
        out.push_str(&head("=>", "Send data", body.len()));
        out.push_str(&dump(body.as_bytes()));
    }
    // curl writes each received header line as a block of its own.
    let mut received = vec![format!("HTTP/1.1 {} {}\r\n", ex.status, ex.reason)];
    received.extend(ex.resp_headers.iter().map(|(n, v)| format!("{n}: {v}\r\n")));
    received.push("\r\n".into());
    for line in received {
        out.push_str(&head("<=", "Recv header", line.len()));
        out.push_str(&dump(line.as_bytes()));
    }
    out.push_str(&head("<=", "Recv data", ex.body.len()));
    out.push_str(&dump(ex.body.as_bytes()));
    // The template's closing notes.
    for line in lines.iter().rev().take(1) {
        if let Some(at) = line.find("== Info:") {
            out.push_str(&line[at..]);
            if !line.ends_with('\n') {
                out.push('\n');
            }
        }
    }
    out
}

#[test]
fn dumps_as_curl_writes_them() {
    assert_eq!(
        hex(b"POST /api/v1/aspnet HTTP/1.1\r\n"),
        "0000: 50 4f 53 54 20 2f 61 70 69 2f 76 31 2f 61 73 70 POST /api/v1/asp\n\
         0010: 6e 65 74 20 48 54 54 50 2f 31 2e 31 0d 0a       net HTTP/1.1..\n"
    );
    assert_eq!(
        ascii(b"GET / HTTP/1.1\r\nHost: h\r\n\r\n"),
        "0000: GET / HTTP/1.1\n0010: Host: h\n0019: \n"
    );
}
