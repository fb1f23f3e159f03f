//! The state kept while reading what follows a library's error line: which part of an
//! axios dump a line belongs to, and the request and data gathered so far; the Python log
//! record a line stands in; or the body after a log line's status.

use crate::transcript::Request;
use crate::transcript::formats::library::record::PyRecord;

/// Which part of an axios dump a line belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum Part {
    #[default]
    Other,
    Config,
    ConfigHeaders,
    Response,
    ResponseHeaders,
    /// `data:` of the response, read to its closing line.
    ResponseData,
}

/// An axios dump being read.
#[derive(Debug, Default)]
pub(crate) struct AxiosDump {
    pub(crate) part: Part,
    pub(crate) request: Request,
    /// The inspected text of `response.data`, bounded.
    pub(crate) data: String,
}

/// What is being read after a library's error line.
#[derive(Debug)]
pub(crate) enum LibraryFollow {
    Axios(Box<AxiosDump>),
    /// Guzzle's body summary: the lines read so far.
    Guzzle(u8),
    /// PowerShell's `At line:1 char:1` block: the lines read so far.
    PowerShell(u8),
    /// The body an application's logger wrote on the lines after its status line
    /// (`formats/applog.rs`).
    AppLog(Box<crate::applog::Follow>),
    /// A Python log record: its lines are read as any other, and its library lines
    /// counted once.
    Python(PyRecord),
}

pub(crate) fn indent(line: &[u8]) -> usize {
    line.iter().take_while(|b| **b == b' ').count()
}
