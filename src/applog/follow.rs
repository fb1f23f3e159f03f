//! The body a logger writes on the lines after a status line: a JSON value (pretty-printed
//! by `JSON.stringify(data, null, 2)` or `json.dumps(indent=2)`), a JavaScript object as
//! `util.inspect` prints it, a form body, or indented lines.

use super::MAX_BODY;

/// Lines a body may span, at most.
const MAX_LINES: usize = 2000;

/// What [`Follow::feed`] did with a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// The line is part of the body; feed the next.
    Take,
    /// The line is the body's last: the body is complete ([`Follow::into_body`]).
    Done,
    /// The line is not part of the body (read it as a line of its own); the body, if any,
    /// is complete.
    Stop,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Start,
    /// A bracketed value: depth, inside a string (with its quote), after a backslash.
    Bracket {
        depth: u32,
        quote: Option<u8>,
        escaped: bool,
    },
    Indented,
}

/// Reads the body on the lines after a status line (one with
/// [`super::LogExchange::body_may_follow`]).
///
/// ```
/// use hike_status::applog::{Follow, Step};
///
/// let mut f = Follow::new();
/// assert_eq!(f.feed(b"{"), Step::Take);
/// assert_eq!(f.feed(b"  \"errors\": {\"title\": [\"can't be blank\"]}"), Step::Take);
/// assert_eq!(f.feed(b"}"), Step::Done);
/// assert_eq!(f.into_body().unwrap(), b"{\n  \"errors\": {\"title\": [\"can't be blank\"]}\n}");
/// ```
#[derive(Debug, Clone)]
pub struct Follow {
    mode: Mode,
    body: Vec<u8>,
    lines: usize,
    truncated: bool,
}

impl Default for Follow {
    fn default() -> Self {
        Follow::new()
    }
}

fn is_form(line: &[u8]) -> bool {
    let first = line.split(|&c| c == b'&').next().unwrap_or(line);
    line.contains(&b'&')
        && first.iter().position(|&c| c == b'=').is_some_and(|i| {
            i > 0
                && first[..i]
                    .iter()
                    .all(|c| c.is_ascii_alphanumeric() || b"_-.[]".contains(c))
        })
}

/// Whether a line opens a JSON value or a `util.inspect` object (`{`, `{ errors: ...`,
/// `[`, `[{`), and is not a log line of its own (`[2026-...] [ERROR] ...`, a JSON record).
fn opens_value(t: &[u8]) -> bool {
    let next = t.get(1).copied().unwrap_or(b' ');
    let opens = match t.first() {
        Some(b'{') => {
            next.is_ascii_whitespace()
                || matches!(next, b'"' | b'\'' | b'}')
                || next.is_ascii_alphabetic()
        }
        Some(b'[') => {
            next.is_ascii_whitespace() || matches!(next, b'{' | b'"' | b'\'' | b']' | b'[')
        }
        _ => false,
    };
    opens && super::read_line(t, &super::Context::new(2000)).is_none()
}

/// A stack frame or a traceback line: not a body.
fn is_frame(t: &[u8]) -> bool {
    t.starts_with(b"at ") || t.starts_with(b"File \"") || t.starts_with(b"Traceback")
}

impl Follow {
    /// Ready for the line after the status line.
    pub fn new() -> Follow {
        Follow {
            mode: Mode::Start,
            body: Vec::new(),
            lines: 0,
            truncated: false,
        }
    }

    fn push(&mut self, line: &[u8]) {
        if (!self.body.is_empty() || self.lines > 0) && self.body.len() < MAX_BODY {
            self.body.push(b'\n');
        }
        let room = MAX_BODY.saturating_sub(self.body.len());
        if line.len() > room {
            self.truncated = true;
        }
        self.body.extend_from_slice(&line[..line.len().min(room)]);
        self.lines += 1;
    }

    /// Reads the next line (without its line end).
    pub fn feed(&mut self, line: &[u8]) -> Step {
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        let t = line.trim_ascii();
        match self.mode {
            Mode::Start => {
                if opens_value(t) {
                    self.mode = Mode::Bracket {
                        depth: 0,
                        quote: None,
                        escaped: false,
                    };
                    self.bracket(line)
                } else if !t.is_empty() && is_form(t) && !t.contains(&b' ')
                    || t.starts_with(b"oauth_problem=")
                {
                    self.push(t);
                    Step::Done
                } else if line.first().is_some_and(u8::is_ascii_whitespace)
                    && !t.is_empty()
                    && !is_frame(t)
                {
                    self.mode = Mode::Indented;
                    self.push(t);
                    Step::Take
                } else {
                    Step::Stop
                }
            }
            // An unindented logger's line or status line inside a value: the value was cut
            // short, and the log goes on.
            Mode::Bracket { .. }
                if !line.first().is_some_and(u8::is_ascii_whitespace)
                    && (t.starts_with(b"HTTP/") || super::is_log_line(line)) =>
            {
                Step::Stop
            }
            Mode::Bracket { .. } => self.bracket(line),
            Mode::Indented => {
                if line.first().is_some_and(u8::is_ascii_whitespace)
                    && !t.is_empty()
                    && !is_frame(t)
                    && self.lines < MAX_LINES
                {
                    self.push(t);
                    Step::Take
                } else {
                    Step::Stop
                }
            }
        }
    }

    fn bracket(&mut self, line: &[u8]) -> Step {
        let Mode::Bracket {
            mut depth,
            mut quote,
            mut escaped,
        } = self.mode
        else {
            return Step::Stop;
        };
        self.push(line);
        for &c in line {
            if let Some(q) = quote {
                if escaped {
                    escaped = false;
                } else if c == b'\\' {
                    escaped = true;
                } else if c == q {
                    quote = None;
                }
                continue;
            }
            match c {
                b'"' | b'\'' => quote = Some(c),
                b'{' | b'[' => depth += 1,
                b'}' | b']' => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        self.mode = Mode::Start;
                        return Step::Done;
                    }
                }
                _ => {}
            }
        }
        // A string does not run on past its line in JSON or util.inspect output.
        self.mode = Mode::Bracket {
            depth,
            quote: None,
            escaped: false,
        };
        if self.lines >= MAX_LINES {
            return Step::Done;
        }
        Step::Take
    }

    /// Whether the body was cut at [`MAX_BODY`].
    pub fn truncated(&self) -> bool {
        self.truncated
    }

    /// The body read, if any line was taken.
    pub fn into_body(self) -> Option<Vec<u8>> {
        (self.lines > 0).then_some(self.body)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bodies_that_follow() {
        let mut f = Follow::new();
        assert_eq!(f.feed(b"{ errors: 'Internal Server Error' }"), Step::Done);
        assert_eq!(
            f.into_body().unwrap(),
            b"{ errors: 'Internal Server Error' }"
        );

        let mut f = Follow::new();
        assert_eq!(
            f.feed(b"oauth_problem=rate limit exceeded&oauth_problem_advice=please wait"),
            Step::Done
        );

        let mut f = Follow::new();
        assert_eq!(f.feed(b"      Hike said: no"), Step::Take);
        assert_eq!(f.feed(b"      second line"), Step::Take);
        assert_eq!(f.feed(b"info: next"), Step::Stop);
        assert_eq!(f.into_body().unwrap(), b"Hike said: no\nsecond line");

        let mut f = Follow::new();
        assert_eq!(
            f.feed(b"2026-12-05 08:27:26,899 - x - INFO - next"),
            Step::Stop
        );
        assert_eq!(f.into_body(), None);

        let mut f = Follow::new();
        assert_eq!(f.feed(b"    at settle (/x/settle.js:19:12)"), Step::Stop);

        // A brace inside a string does not close the value.
        let mut f = Follow::new();
        assert_eq!(f.feed(br#"{"a": "}{", "b": ["#), Step::Take);
        assert_eq!(f.feed(b"1]}"), Step::Done);
        // A value cut short: the log's next line is not taken into it.
        let mut f = Follow::new();
        assert_eq!(f.feed(b"{"), Step::Take);
        assert_eq!(f.feed(br#"  "errors": {"#), Step::Take);
        let next = b"2026-12-05 08:30:00,123 ERROR hike: GET /api/v1/sales returned 429";
        assert_eq!(f.feed(next), Step::Stop);
        assert_eq!(f.into_body().unwrap(), b"{\n  \"errors\": {");
    }

    #[test]
    fn bounded() {
        let mut f = Follow::new();
        assert_eq!(f.feed(b"["), Step::Take);
        let long = vec![b'x'; 1000];
        let mut steps = 0;
        while f.feed(&long) == Step::Take {
            steps += 1;
        }
        assert!(steps < MAX_LINES);
        assert!(f.truncated());
        assert!(f.into_body().unwrap().len() <= MAX_BODY);
    }
}
