//! Python's logging prints one failed request's library line more than once:
//! `log.exception("sync failed: %s", e)` puts it in the record's message and again at the
//! end of the traceback under it, and `raise SyncError(f"...: {e}") from e` chains a
//! second traceback whose exception line holds it too. One log record is one request: a
//! library line the record holds already, read again in one of its tracebacks, is the same
//! exchange. Two records that each hold the line are two requests.
//!
//! A record is its message line (opened by a library line in it, or a traceback with no
//! message before it), its `Traceback (most recent call last):` blocks and the chain
//! sentences between them, up to the next line that is not indented and not part of a
//! traceback.

use crate::transcript::formats::library::{Library, LibraryLine};

/// The header of a traceback block.
const TRACEBACK: &[u8] = b"Traceback (most recent call last):";
/// What Python prints between two chained tracebacks (`raise ... from e`, and an exception
/// raised while handling another).
const CHAINS: [&[u8]; 2] = [
    b"The above exception was the direct cause of the following exception:",
    b"During handling of the above exception, another exception occurred:",
];
/// httpx's error message goes on on a second line.
const HTTPX_MORE: &[u8] = b"For more information check: ";
/// At most this many distinct library lines are remembered in one record.
const MAX_SEEN: usize = 8;
/// A tail (see [`Phase::Tail`]) longer than this is no exception message.
const MAX_TAIL: u8 = 8;

/// Where in a log record the last line stood.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    /// The record's message: the line that opened it (and httpx's second line).
    Message,
    /// A traceback block's frames: its header, then indented lines.
    Frames,
    /// The exception line that ends a block (and httpx's second line).
    Exception,
    /// Lines after an exception line (this many): more of the exception's message when a
    /// chain sentence follows, the message of a record of its own when a traceback header
    /// does.
    Tail(u8),
    /// After a chain sentence: the next traceback is the same record's.
    Chain,
}

/// The Python log record being read.
#[derive(Debug)]
pub(crate) struct PyRecord {
    phase: Phase,
    /// The last line read ends a traceback block: it is the exception line.
    at_exception: bool,
    /// The library lines the record holds.
    seen: Vec<LibraryLine>,
}

/// Whether the library prints Python's tracebacks.
pub(crate) fn is_python(library: Library) -> bool {
    matches!(
        library,
        Library::Requests | Library::Urllib | Library::Httpx
    )
}

impl PyRecord {
    /// A record whose message holds the library line `l`.
    pub(crate) fn message(l: &LibraryLine) -> PyRecord {
        PyRecord {
            phase: Phase::Message,
            at_exception: false,
            seen: vec![l.clone()],
        }
    }

    /// A record opened by `line` when it is a traceback's header with no record before it
    /// (an exception no log record caught, printed as Python exits).
    pub(crate) fn opened_by(line: &[u8]) -> Option<PyRecord> {
        line.starts_with(TRACEBACK).then(|| PyRecord {
            phase: Phase::Frames,
            at_exception: false,
            seen: Vec::new(),
        })
    }

    /// Reads the next line of the input, before it is read as any other line; `false`
    /// when the line is no part of the record, which is then over.
    pub(crate) fn line(&mut self, line: &[u8]) -> bool {
        self.at_exception = false;
        match line.first() {
            // Blank lines stand around chain sentences; frames and source lines are
            // indented.
            None | Some(b' ' | b'\t') => return true,
            Some(_) if line.trim_ascii().is_empty() => return true,
            Some(_) => {}
        }
        if line.starts_with(TRACEBACK) {
            if matches!(self.phase, Phase::Tail(_)) {
                // The tail was a log record's message, and this is its traceback.
                self.seen.clear();
            }
            self.phase = Phase::Frames;
            return true;
        }
        if CHAINS.iter().any(|c| line.starts_with(c)) {
            self.phase = Phase::Chain;
            return true;
        }
        match self.phase {
            Phase::Frames => {
                self.phase = Phase::Exception;
                self.at_exception = true;
                true
            }
            Phase::Message | Phase::Exception if line.starts_with(HTTPX_MORE) => true,
            Phase::Exception => {
                self.phase = Phase::Tail(1);
                true
            }
            Phase::Tail(n) if n < MAX_TAIL => {
                self.phase = Phase::Tail(n + 1);
                true
            }
            Phase::Tail(_) | Phase::Message | Phase::Chain => false,
        }
    }

    /// Whether the library line `l`, on the line just read, is one the record holds
    /// already: the same request printed again. A line that is not in a traceback (its
    /// frames or exception line) is `None`: it opens a record of its own.
    pub(crate) fn repeats(&mut self, l: &LibraryLine) -> Option<bool> {
        if !self.at_exception && self.phase != Phase::Frames {
            return None;
        }
        if self.seen.contains(l) {
            return Some(true);
        }
        if self.seen.len() < MAX_SEEN {
            self.seen.push(l.clone());
        }
        Some(false)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::transcript::Limits;

    /// The status of each exchange the parser hands out for `lines`, the same in every
    /// chunking.
    fn statuses(lines: &[String]) -> Vec<Option<u16>> {
        let input = lines.join("\n") + "\n";
        let read = |chunk: usize| {
            crate::transcript::tests::statuses_with(Limits::default(), input.as_bytes(), chunk)
        };
        let whole = read(input.len());
        for chunk in [1, 7] {
            assert_eq!(read(chunk), whole, "chunks of {chunk}");
        }
        whole
    }

    const L429: &str = "429 Client Error: Too Many Requests for url: http://h/a";
    const L500: &str = "500 Server Error: Internal Server Error for url: http://h/b";

    /// A traceback block ending in `exception`.
    fn traceback(exception: &str) -> Vec<String> {
        [
            "Traceback (most recent call last):",
            "  File \"x.py\", line 3, in get",
            "    r.raise_for_status()",
            exception,
        ]
        .map(String::from)
        .to_vec()
    }

    /// `log.exception(message)` of `exception`.
    fn record(message: &str, exception: &str) -> Vec<String> {
        let mut v = vec![format!("2026-12-05 08:30:58,101 ERROR sync: {message}")];
        v.extend(traceback(exception));
        v
    }

    fn chain(sentence: &[u8]) -> Vec<String> {
        let sentence = String::from_utf8(sentence.to_vec()).unwrap();
        vec![String::new(), sentence, String::new()]
    }

    #[test]
    fn the_message_and_its_traceback_are_one_request() {
        let r = record(
            &format!("failed: {L429}"),
            &format!("requests.exceptions.HTTPError: {L429}"),
        );
        assert_eq!(statuses(&r), [Some(429)]);
    }

    #[test]
    fn two_records_with_the_same_line_are_two_requests() {
        let one = record(
            &format!("failed: {L429}"),
            &format!("requests.exceptions.HTTPError: {L429}"),
        );
        assert_eq!(statuses(&[one.clone(), one].concat()), [Some(429); 2]);
        // Records whose message holds no library line: each traceback is its own.
        let one = record("failed", &format!("requests.exceptions.HTTPError: {L429}"));
        assert_eq!(statuses(&[one.clone(), one].concat()), [Some(429); 2]);
    }

    #[test]
    fn a_chained_traceback_repeats_the_request_it_was_raised_from() {
        for sentence in CHAINS {
            let lines = [
                traceback(&format!("requests.exceptions.HTTPError: {L500}")),
                // An exception message of more than one line: the chain sentence says so.
                vec!["and more of its message".into()],
                chain(sentence),
                traceback(&format!("SyncError: export failed: {L500}")),
            ]
            .concat();
            assert_eq!(statuses(&lines), [Some(500)]);
        }
    }

    #[test]
    fn another_request_in_the_record_counts() {
        let lines = [
            record(
                &format!("failed: {L429}"),
                &format!("requests.exceptions.HTTPError: {L429}"),
            ),
            traceback(&format!("requests.exceptions.HTTPError: {L500}")),
            chain(CHAINS[0]),
            traceback(&format!("SyncError: {L500}")),
        ]
        .concat();
        assert_eq!(statuses(&lines), [Some(429), Some(500)]);
    }

    #[test]
    fn a_line_outside_a_traceback_ends_the_record() {
        let lines = [
            vec![format!("ERROR failed: {L429}"), "INFO retrying".into()],
            traceback(&format!("requests.exceptions.HTTPError: {L429}")),
        ]
        .concat();
        assert_eq!(statuses(&lines), [Some(429); 2]);
        // After a chain sentence, only a traceback goes on with the record.
        let lines = [
            traceback(&format!("requests.exceptions.HTTPError: {L429}")),
            chain(CHAINS[0]),
            vec![format!("ERROR failed: {L429}")],
        ]
        .concat();
        assert_eq!(statuses(&lines), [Some(429); 2]);
        // Other libraries print no Python traceback.
        let axios = "AxiosError: Request failed with status code 429";
        let lines = [traceback(axios), traceback(axios)].concat();
        assert_eq!(statuses(&lines), [Some(429); 2]);
    }
}
