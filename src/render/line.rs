//! One report as a JSON line (`explain --each --json`), written field by field into a
//! buffer: the same bytes serde_json writes for [`Report`]'s `Serialize` and its parts'
//! derived ones (a test holds the two together), without serde's byte-by-byte escaping of
//! the long texts every line repeats (the code's meaning and hint, the findings and next
//! steps). Any string that needs an escape still goes through serde_json ([`push_str`]).

use std::borrow::Cow;
use std::io;

use once_cell::race::OnceBox;

use crate::explain::Report;
use crate::json::{push_static_str, push_str, push_u64};
use crate::render::words::{finding, next_step};
use crate::table::CodeInfo;

/// Appends the report as one compact JSON line, newline included, to `buf`.
pub fn report_line(buf: &mut Vec<u8>, r: &Report) -> io::Result<()> {
    let info = &r.info;
    buf.reserve(4096);
    code_fields(buf, info)?;
    key(buf, b",\"http_version\":");
    push_opt_str(buf, r.http_version.as_deref())?;
    key(buf, b",\"reason\":");
    push_opt_str(buf, r.reason.as_deref())?;
    key(buf, b",\"chain\":");
    push_list(buf, &r.chain, |buf, c| {
        push_u64(buf, u64::from(*c));
        Ok(())
    })?;
    key(buf, b",\"chain_omitted\":");
    push_u64(buf, r.chain_omitted);
    key(buf, b",\"retry_after_seconds\":");
    push_opt_u64(buf, r.retry_after_seconds);
    key(buf, b",\"retry_at\":");
    push_opt_str(buf, r.retry_at.as_deref())?;
    key(buf, b",\"rate_limit\":");
    push_opt(buf, r.rate_limit.as_ref(), |buf, rl| {
        buf.extend_from_slice(b"{\"problem\":");
        push_opt_str(buf, rl.problem.as_deref())?;
        key(buf, b",\"limit\":");
        push_opt_u64(buf, rl.limit);
        key(buf, b",\"window_seconds\":");
        push_opt_u64(buf, rl.window_seconds);
        key(buf, b",\"wait_seconds_at_most\":");
        push_opt_u64(buf, rl.wait_seconds_at_most);
        key(buf, b",\"remaining\":");
        push_opt_u64(buf, rl.remaining);
        key(buf, b",\"reset\":");
        push_opt_str(buf, rl.reset.as_deref())?;
        buf.push(b'}');
        Ok(())
    })?;
    key(buf, b",\"location\":");
    push_opt_str(buf, r.location.as_deref())?;
    key(buf, b",\"request_id\":");
    push_opt_str(buf, r.request_id.as_deref())?;
    key(buf, b",\"www_authenticate\":");
    push_opt(buf, r.www_authenticate.as_ref(), |buf, c| {
        buf.extend_from_slice(b"{\"scheme\":");
        push_str(buf, &c.scheme)?;
        key(buf, b",\"error\":");
        push_opt_str(buf, c.error.as_deref())?;
        key(buf, b",\"description\":");
        push_opt_str(buf, c.description.as_deref())?;
        key(buf, b",\"meaning\":");
        push_opt_str(buf, c.meaning.as_deref())?;
        buf.push(b'}');
        Ok(())
    })?;
    key(buf, b",\"errors\":");
    push_list(buf, &r.errors, |buf, e| {
        buf.extend_from_slice(b"{\"field\":");
        push_opt_str(buf, e.field.as_deref())?;
        key(buf, b",\"message\":");
        push_str(buf, &e.message)?;
        buf.push(b'}');
        Ok(())
    })?;
    key(buf, b",\"errors_omitted\":");
    push_u64(buf, r.errors_omitted);
    key(buf, b",\"oauth_error\":");
    push_opt(buf, r.oauth_error.as_ref(), |buf, o| {
        buf.extend_from_slice(b"{\"error\":");
        push_str(buf, &o.error)?;
        key(buf, b",\"description\":");
        push_opt_str(buf, o.description.as_deref())?;
        key(buf, b",\"meaning\":");
        push_opt_str(buf, o.meaning.as_deref())?;
        buf.push(b'}');
        Ok(())
    })?;
    key(buf, b",\"body\":");
    push_opt(buf, r.body.as_ref(), |buf, b| {
        buf.extend_from_slice(b"{\"kind\":");
        push_static_str(buf, b.kind.as_str())?;
        key(buf, b",\"content_type\":");
        push_opt_str(buf, b.content_type.as_deref())?;
        key(buf, b",\"bytes\":");
        push_u64(buf, b.bytes);
        key(buf, b",\"truncated\":");
        push_bool(buf, b.truncated);
        buf.push(b'}');
        Ok(())
    })?;
    key(buf, b",\"request\":");
    push_opt(buf, r.request.as_ref(), |buf, q| {
        buf.extend_from_slice(b"{\"method\":");
        push_opt_str(buf, q.method.as_deref())?;
        key(buf, b",\"target\":");
        push_str(buf, &q.target)?;
        key(buf, b",\"content_type\":");
        push_opt_str(buf, q.content_type.as_deref())?;
        key(buf, b",\"authorization\":");
        push_opt_str(buf, q.authorization.as_deref())?;
        key(buf, b",\"headers_shown\":");
        push_bool(buf, q.headers_shown);
        buf.push(b'}');
        Ok(())
    })?;
    key(buf, b",\"findings\":");
    push_list(buf, &r.findings, |buf, f| {
        buf.extend_from_slice(b"{\"id\":");
        push_static_str(buf, f.id())?;
        key(buf, b",\"message\":");
        push_words(buf, finding(f))?;
        buf.push(b'}');
        Ok(())
    })?;
    key(buf, b",\"next_steps\":");
    push_list(buf, &r.next_steps, |buf, n| {
        push_words(buf, next_step(n, r))
    })?;
    key(buf, b",\"time\":");
    match &r.time {
        Some(t) => push_str(buf, t)?,
        None => buf.extend_from_slice(b"null"),
    }
    key(buf, b",\"source\":");
    push_static_str(buf, r.source)?;
    if let Some(i) = r.index {
        key(buf, b",\"index\":");
        push_u64(buf, i);
    }
    if let Some(n) = r.exchanges {
        key(buf, b",\"exchanges\":");
        push_u64(buf, n);
    }
    // What failed when an exchange got no response: null in a report.
    key(buf, b",\"error\":");
    buf.extend_from_slice(b"null}\n");
    Ok(())
}

/// The first fields of a line, `status` to `links`: the code's table record, the same in
/// every report of that code, so written once per record and then copied (some 900 bytes
/// a line).
fn code_fields(buf: &mut Vec<u8>, info: &'static CodeInfo) -> io::Result<()> {
    /// Per code of 100..=599: the record written, and which record it was (pointers, null
    /// until set: zero pages, as `explain::info`'s).
    static WRITTEN: [OnceBox<(usize, Box<[u8]>)>; 500] = [const { OnceBox::new() }; 500];
    let id = std::ptr::from_ref(info) as usize;
    let Some(cell) = WRITTEN.get(usize::from(info.code).wrapping_sub(100)) else {
        return write_code_fields(buf, info);
    };
    if let Some((_, bytes)) = cell.get().filter(|(of, _)| *of == id) {
        buf.extend_from_slice(bytes);
        return Ok(());
    }
    let mut bytes = Vec::new();
    write_code_fields(&mut bytes, info)?;
    buf.extend_from_slice(&bytes);
    // Another record of the same code (not one explain makes) is written each time.
    let _ = cell.set(Box::new((id, bytes.into_boxed_slice())));
    Ok(())
}

fn write_code_fields(buf: &mut Vec<u8>, info: &CodeInfo) -> io::Result<()> {
    buf.extend_from_slice(b"{\"status\":");
    push_u64(buf, u64::from(info.code));
    key(buf, b",\"name\":");
    push_str(buf, &info.name)?;
    key(buf, b",\"class\":");
    push_str(buf, &info.class)?;
    key(buf, b",\"documented\":");
    push_bool(buf, info.documented);
    key(buf, b",\"assigned\":");
    push_bool(buf, info.assigned);
    key(buf, b",\"meaning\":");
    push_str(buf, &info.meaning)?;
    key(buf, b",\"hint\":");
    push_str(buf, &info.hint)?;
    key(buf, b",\"retryable\":");
    push_bool(buf, info.retryable);
    key(buf, b",\"links\":");
    push_list(buf, &info.links, |buf, l| push_str(buf, l))?;
    Ok(())
}

/// A finding's or next step's words: most are the program's own text, written as such.
#[inline]
fn push_words(buf: &mut Vec<u8>, words: Cow<'static, str>) -> io::Result<()> {
    match words {
        Cow::Borrowed(s) => push_static_str(buf, s),
        Cow::Owned(s) => push_str(buf, &s),
    }
}

/// `,"name":` (every key but an object's first follows a value), written whole.
#[inline(always)]
fn key<const N: usize>(buf: &mut Vec<u8>, key: &'static [u8; N]) {
    // Of a length known here, so copied by a few moves rather than a call.
    buf.extend(*key);
}

#[inline(always)]
fn push_bool(buf: &mut Vec<u8>, b: bool) {
    buf.extend_from_slice(if b { b"true" } else { b"false" });
}

#[inline]
fn push_opt_str(buf: &mut Vec<u8>, s: Option<&str>) -> io::Result<()> {
    match s {
        Some(s) => push_str(buf, s),
        None => {
            buf.extend_from_slice(b"null");
            Ok(())
        }
    }
}

#[inline]
fn push_opt<T>(
    buf: &mut Vec<u8>,
    value: Option<&T>,
    each: impl FnOnce(&mut Vec<u8>, &T) -> io::Result<()>,
) -> io::Result<()> {
    match value {
        Some(v) => each(buf, v),
        None => {
            buf.extend_from_slice(b"null");
            Ok(())
        }
    }
}

#[inline]
fn push_opt_u64(buf: &mut Vec<u8>, n: Option<u64>) {
    match n {
        Some(n) => push_u64(buf, n),
        None => buf.extend_from_slice(b"null"),
    }
}

#[inline]
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
