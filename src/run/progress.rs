//! A progress line on stderr while a large input is read: bytes read, rate, exchanges so
//! far; cleared when reading ends.
//!
//! It is shown only when stderr is a terminal: from the start for a file larger than
//! [`LARGE_FILE`], and for any other input (a pipe) still being read after [`SLOW_INPUT`].
//! Reading costs one addition and one comparison per chunk: the clock is read once per
//! [`CHECK_EVERY`] bytes, never when stderr is not a terminal, and the line is redrawn at
//! most once per [`UPDATE_EVERY`].
//!
//! The line is one `\r`, an erase-line and the text, cut to the terminal's width so it never
//! wraps. indicatif draws the same; it is not used because it links libm into the binary
//! (its rate estimate calls `pow`), which every start-up, `hike-status 429` too, then pays
//! for in loading a library it never uses.

use std::io::{self, Write};
use std::time::{Duration, Instant};

/// A file larger than this shows the line from the start.
pub const LARGE_FILE: u64 = 64 * 1024 * 1024;
/// A pipe, or a file of unknown size, still being read after this long shows the line.
pub const SLOW_INPUT: Duration = Duration::from_secs(2);
/// How many bytes pass between two looks at the clock.
pub const CHECK_EVERY: u64 = 256 * 1024;
/// How long the line stays as it is, at least.
pub const UPDATE_EVERY: Duration = Duration::from_millis(100);

/// Whether the line shows from the start, later if reading is slow, or never.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    /// From the first check: a large file.
    Now,
    /// Once reading has taken [`SLOW_INPUT`].
    IfSlow,
    /// Never: stderr is no terminal.
    Never,
}

/// When to show the line for an input of `total` bytes (`None`: a pipe, or unknown).
pub fn when(total: Option<u64>, stderr_is_terminal: bool) -> When {
    match total {
        _ if !stderr_is_terminal => When::Never,
        Some(t) if t > LARGE_FILE => When::Now,
        _ => When::IfSlow,
    }
}

/// The progress of one read, shown or not.
#[derive(Debug)]
pub struct Progress {
    when: When,
    total: Option<u64>,
    start: Instant,
    /// When the line was last drawn, if it is on the screen.
    drawn: Option<Instant>,
    read: u64,
    /// Where the next look at the clock is due; `u64::MAX` when nothing is ever shown.
    next_check: u64,
}

impl Progress {
    /// Starts counting a read of `total` bytes (`None` when unknown).
    pub fn new(total: Option<u64>, stderr_is_terminal: bool) -> Progress {
        let when = when(total, stderr_is_terminal);
        Progress {
            when,
            total,
            start: Instant::now(),
            drawn: None,
            read: 0,
            next_check: if when == When::Never {
                u64::MAX
            } else {
                CHECK_EVERY
            },
        }
    }

    /// The size of the read, when known.
    pub fn total(&self) -> Option<u64> {
        self.total
    }

    /// A read that shows nothing (output is streamed, a sign of life of its own).
    pub fn off() -> Progress {
        Progress::new(None, false)
    }

    /// Counts `n` more bytes; `exchanges` gives the number of exchanges read so far, and is
    /// only called when the line is redrawn.
    #[inline]
    pub fn advance(&mut self, n: usize, exchanges: impl FnOnce() -> u64) {
        self.read = self.read.saturating_add(n as u64);
        if self.read >= self.next_check {
            self.next_check = self.read.saturating_add(CHECK_EVERY);
            if self.when != When::Never && self.due() {
                self.draw(exchanges());
            }
        }
    }

    /// Whether the line is to be drawn now.
    fn due(&self) -> bool {
        match self.drawn {
            Some(at) => at.elapsed() >= UPDATE_EVERY,
            None => self.when == When::Now || self.start.elapsed() >= SLOW_INPUT,
        }
    }

    fn draw(&mut self, exchanges: u64) {
        self.drawn = Some(Instant::now());
        let text = line(self.read, self.total, self.start.elapsed(), exchanges);
        let mut err = io::stderr().lock();
        let width = terminal_size::terminal_size_of(&err).map_or(80, |(w, _)| usize::from(w.0));
        // One column short of the width: a line that fills it wraps on some terminals.
        let text: String = text.chars().take(width.saturating_sub(1)).collect();
        let _ = write!(err, "\r\x1b[2K{text}");
        let _ = err.flush();
    }
}

/// However the read ends, early or not, the line is cleared.
impl Drop for Progress {
    fn drop(&mut self) {
        if self.drawn.is_some() {
            let mut err = io::stderr().lock();
            let _ = write!(err, "\r\x1b[2K");
            let _ = err.flush();
        }
    }
}

/// The line's text: `12.0 MiB of 1.0 GiB read (1%), 40.1 MiB/s, 12345 exchanges so far`.
pub fn line(read: u64, total: Option<u64>, elapsed: Duration, exchanges: u64) -> String {
    let of = match total {
        Some(t) if t > 0 => format!(
            " of {} ({}%)",
            bytes(t),
            (u128::from(read) * 100 / u128::from(t)).min(100)
        ),
        _ => String::new(),
    };
    let rate = read as f64 / elapsed.as_secs_f64().max(0.001);
    let exchanges = match exchanges {
        1 => "1 exchange".to_string(),
        n => format!("{n} exchanges"),
    };
    format!(
        "{} read{of}, {}/s, {exchanges} so far",
        bytes(read),
        bytes(rate as u64)
    )
}

/// `512 B`, `12.0 KiB`, `3.4 MiB`, `1.0 GiB`.
fn bytes(n: u64) -> String {
    const UNITS: [&str; 4] = ["KiB", "MiB", "GiB", "TiB"];
    if n < 1024 {
        return format!("{n} B");
    }
    let mut value = n as f64 / 1024.0;
    let mut unit = 0;
    while value >= 1024.0 && unit < UNITS.len() - 1 {
        value /= 1024.0;
        unit += 1;
    }
    format!("{value:.1} {}", UNITS[unit])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shown_only_on_a_terminal_for_large_or_slow_input() {
        assert_eq!(when(Some(LARGE_FILE + 1), true), When::Now);
        assert_eq!(when(Some(LARGE_FILE), true), When::IfSlow);
        assert_eq!(when(None, true), When::IfSlow);
        assert_eq!(when(Some(u64::MAX), false), When::Never);
        assert_eq!(when(None, false), When::Never);
    }

    #[test]
    fn the_count_is_looked_at_once_per_check_and_never_without_a_terminal() {
        let mut p = Progress::new(None, true);
        let mut looked = 0;
        for _ in 0..64 {
            p.advance(64 * 1024, || {
                looked += 1;
                0
            });
        }
        // 4 MiB in 64 KiB chunks, read fast: not yet due, so the count is never asked for.
        assert_eq!(looked, 0);
        assert!(p.drawn.is_none());
        let mut never = Progress::new(Some(u64::MAX), false);
        for _ in 0..3 {
            never.advance(usize::MAX, || unreachable!("stderr is no terminal"));
        }
        assert!(never.drawn.is_none());
    }

    #[test]
    fn the_line_reads_well() {
        let s = line(
            12 * 1024 * 1024 + 1,
            Some(1 << 30),
            Duration::from_millis(300),
            12_345,
        );
        assert_eq!(
            s,
            "12.0 MiB read of 1.0 GiB (1%), 40.0 MiB/s, 12345 exchanges so far"
        );
        let s = line(1000, None, Duration::from_secs(2), 1);
        assert_eq!(s, "1000 B read, 500 B/s, 1 exchange so far");
        // A large read fits an 80-column terminal; a wider line is cut to the width.
        let large = line(
            900 << 30,
            Some(1000 << 30),
            Duration::from_secs(99),
            9_999_999,
        );
        assert!(large.chars().count() < 80, "{large}");
        assert_eq!(bytes(1536), "1.5 KiB");
    }
}
