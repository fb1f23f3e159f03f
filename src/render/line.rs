//! One report as a JSON line (`explain --each --json`), written field by field into a
//! buffer: the same bytes serde_json writes for [`Report`]'s `Serialize` (a test holds the
//! two together), without serde's byte-by-byte escaping of the long texts every line
//! repeats (the code's meaning and hint, the findings and next steps).

use std::io;

use crate::explain::Report;
use crate::json::{push_str, push_u64, push_value};
use crate::render::words::{finding, next_step};

/// Appends the report as one compact JSON line, newline included, to `buf`.
pub fn report_line(buf: &mut Vec<u8>, r: &Report) -> io::Result<()> {
    let info = &r.info;
    buf.extend_from_slice(b"{\"status\":");
    push_u64(buf, u64::from(info.code));
    key(buf, "name");
    push_str(buf, &info.name)?;
    key(buf, "class");
    push_str(buf, &info.class)?;
    key(buf, "documented");
    push_bool(buf, info.documented);
    key(buf, "assigned");
    push_bool(buf, info.assigned);
    key(buf, "meaning");
    push_str(buf, &info.meaning)?;
    key(buf, "hint");
    push_str(buf, &info.hint)?;
    key(buf, "retryable");
    push_bool(buf, info.retryable);
    key(buf, "links");
    push_list(buf, &info.links, |buf, l| push_str(buf, l))?;
    key(buf, "http_version");
    push_opt_str(buf, r.http_version.as_deref())?;
    key(buf, "reason");
    push_opt_str(buf, r.reason.as_deref())?;
    key(buf, "chain");
    push_list(buf, &r.chain, |buf, c| {
        push_u64(buf, u64::from(*c));
        Ok(())
    })?;
    key(buf, "chain_omitted");
    push_u64(buf, r.chain_omitted);
    key(buf, "retry_after_seconds");
    push_opt_u64(buf, r.retry_after_seconds);
    key(buf, "retry_at");
    push_opt_str(buf, r.retry_at.as_deref())?;
    key(buf, "rate_limit");
    push_value(buf, &r.rate_limit)?;
    key(buf, "location");
    push_opt_str(buf, r.location.as_deref())?;
    key(buf, "request_id");
    push_opt_str(buf, r.request_id.as_deref())?;
    key(buf, "www_authenticate");
    push_value(buf, &r.www_authenticate)?;
    key(buf, "errors");
    push_value(buf, &r.errors)?;
    key(buf, "errors_omitted");
    push_u64(buf, r.errors_omitted);
    key(buf, "oauth_error");
    push_value(buf, &r.oauth_error)?;
    key(buf, "body");
    push_value(buf, &r.body)?;
    key(buf, "request");
    push_value(buf, &r.request)?;
    key(buf, "findings");
    push_list(buf, &r.findings, |buf, f| {
        buf.extend_from_slice(b"{\"id\":");
        push_str(buf, f.id())?;
        key(buf, "message");
        push_str(buf, &finding(f))?;
        buf.push(b'}');
        Ok(())
    })?;
    key(buf, "next_steps");
    push_list(buf, &r.next_steps, |buf, n| push_str(buf, &next_step(n, r)))?;
    key(buf, "source");
    push_str(buf, &r.source)?;
    if let Some(i) = r.index {
        key(buf, "index");
        push_u64(buf, i);
    }
    if let Some(n) = r.exchanges {
        key(buf, "exchanges");
        push_u64(buf, n);
    }
    // What failed when an exchange got no response: null in a report.
    key(buf, "error");
    buf.extend_from_slice(b"null}\n");
    Ok(())
}

/// `,"name":`: every key but the first follows a value.
fn key(buf: &mut Vec<u8>, name: &str) {
    buf.extend_from_slice(b",\"");
    buf.extend_from_slice(name.as_bytes());
    buf.extend_from_slice(b"\":");
}

fn push_bool(buf: &mut Vec<u8>, b: bool) {
    buf.extend_from_slice(if b { b"true" } else { b"false" });
}

fn push_opt_str(buf: &mut Vec<u8>, s: Option<&str>) -> io::Result<()> {
    match s {
        Some(s) => push_str(buf, s),
        None => {
            buf.extend_from_slice(b"null");
            Ok(())
        }
    }
}

fn push_opt_u64(buf: &mut Vec<u8>, n: Option<u64>) {
    match n {
        Some(n) => push_u64(buf, n),
        None => buf.extend_from_slice(b"null"),
    }
}

fn push_list<T>(
    buf: &mut Vec<u8>,
    items: &[T],
    mut each: impl FnMut(&mut Vec<u8>, &T) -> io::Result<()>,
) -> io::Result<()> {
    buf.push(b'[');
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            buf.push(b',');
        }
        each(buf, item)?;
    }
    buf.push(b']');
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::path::Path;
    use std::time::{Duration, SystemTime};

    use super::*;
    use crate::explain::explain_exchange;
    use crate::transcript::{Limits, Parser};

    /// Every fixture's every exchange: the hand-written line is serde_json's line.
    #[test]
    fn each_line_is_what_serde_writes_for_every_fixture() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_795_000_000);
        let mut files = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")];
        let mut lines = 0;
        while let Some(path) = files.pop() {
            if path.is_dir() {
                files.extend(std::fs::read_dir(&path).unwrap().map(|e| e.unwrap().path()));
                continue;
            }
            let mut p = Parser::streaming(Limits::default());
            p.feed(&std::fs::read(&path).unwrap());
            p.end();
            let mut index = 0;
            while let Some(x) = p.next_exchange() {
                let Ok(mut r) = explain_exchange(&x, now) else {
                    continue;
                };
                index += 1;
                r.index = Some(index);
                r.exchanges = (index % 2 == 0).then_some(index);
                let mut ours = Vec::new();
                report_line(&mut ours, &r).unwrap();
                let mut serde = Vec::new();
                crate::json::write_line(&mut serde, &r).unwrap();
                assert_eq!(
                    String::from_utf8(ours).unwrap(),
                    String::from_utf8(serde).unwrap(),
                    "{}",
                    path.display()
                );
                lines += 1;
            }
        }
        assert!(lines > 100, "{lines} lines compared");
    }
}
