//! How the input arrives (a pipe that hands out a few bytes a read, a file) never changes
//! what is read.

use super::*;

/// A reader that hands out at most `most` bytes a read, as a pipe may.
struct Trickle<'a> {
    data: &'a [u8],
    most: usize,
}

impl Read for Trickle<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let k = self.most.min(buf.len()).min(self.data.len());
        buf[..k].copy_from_slice(&self.data[..k]);
        self.data = &self.data[k..];
        Ok(k)
    }
}

fn fixture(name: &str) -> Vec<u8> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    std::fs::read(path).unwrap()
}

/// What reading tells: HAR or not, the exchanges kept, and the last one's status.
fn read_with(data: &[u8], n: usize, host: Option<&HostFilter>) -> (bool, u64, Option<u16>) {
    let stdin = InputSource::Stdin;
    let input = read_input(
        Trickle { data, most: n },
        &stdin,
        host,
        Progress::off(),
        2026,
    )
    .unwrap();
    let t = input.transcript;
    (input.har.is_some(), t.exchanges, t.last.status())
}

#[test]
fn how_the_input_arrives_never_changes_what_is_read() {
    let api = HostFilter::parse("api.hikeup.com:8443").unwrap();
    for (name, har) in [
        ("har/mitmproxy-api-session.har", true),
        ("har/chrome-devtools-fetch-error.har", true),
        ("har/insomnia-export.har", true),
        ("curl-v-401-bearer.txt", false),
        ("curl-body-only.txt", false),
    ] {
        let data = fixture(name);
        let whole = read_with(&data, usize::MAX, None);
        assert_eq!(whole.0, har, "{name}");
        for n in [1, 3, 64, 1000] {
            assert_eq!(read_with(&data, n, None), whole, "{name}, {n}-byte reads");
            assert_eq!(
                read_with(&data, n, Some(&api)),
                read_with(&data, usize::MAX, Some(&api)),
                "{name}, {n}-byte reads, --host"
            );
        }
    }
    let session = fixture("har/mitmproxy-api-session.har");
    assert_eq!(read_with(&session, 7, None), (true, 13, Some(500)));
    assert_eq!(read_with(&session, 7, Some(&api)), (true, 1, Some(503)));
}
