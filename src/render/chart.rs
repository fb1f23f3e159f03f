//! The summary's chart: calls per bucket of the timeline as bars sized to the output's
//! width, with Hike's 60-a-minute line when buckets are one minute, the 429s marked under
//! their column, and a running 24-hour total against 5000 when the log spans more than an
//! hour. Block characters, or plain ASCII where the terminal cannot show them.

use std::io::{self, Write};

use colored::Colorize;

use crate::explain::hike::{DAILY_LIMIT, MINUTE_LIMIT};
use crate::summary::Timeline;

/// How many rows the bars take.
const ROWS: usize = 8;
/// The columns before the bars: two spaces, the axis label, a space, the axis.
const AXIS: usize = 2 + 6 + 1 + 1;
/// The widest a bucket's column is drawn.
const MAX_CELL: usize = 12;

/// The characters a chart is drawn with.
#[derive(Debug, Clone, Copy)]
struct Glyphs {
    /// A cell filled to an eighth, two eighths, ... eight eighths.
    eighths: [char; 8],
    /// The levels of the 24-hour row, empty to full.
    levels: &'static [char],
    limit: char,
    axis: char,
    tick: char,
    corner: char,
    floor: char,
    mark: char,
    /// Between the legend's parts.
    sep: &'static str,
}

const BLOCKS: Glyphs = Glyphs {
    eighths: ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'],
    levels: &[' ', '▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'],
    limit: '┄',
    axis: '│',
    tick: '┤',
    corner: '└',
    floor: '─',
    mark: '▲',
    sep: " · ",
};

const ASCII: Glyphs = Glyphs {
    eighths: ['.', '.', '.', '#', '#', '#', '#', '#'],
    levels: &[' ', '.', ':', '-', '=', '+', '*', '#', '%', '@'],
    limit: '-',
    axis: '|',
    tick: '+',
    corner: '+',
    floor: '-',
    mark: '^',
    sep: "; ",
};

/// Whether the terminal can show block characters: not with `TERM=dumb`, nor when the
/// locale (the first set of `LC_ALL`, `LC_CTYPE`, `LANG`) names a character set other than
/// UTF-8. With no locale set at all, UTF-8 is assumed.
pub fn unicode_capable(
    term: Option<&str>,
    lc_all: Option<&str>,
    lc_ctype: Option<&str>,
    lang: Option<&str>,
) -> bool {
    if term == Some("dumb") {
        return false;
    }
    match [lc_all, lc_ctype, lang]
        .into_iter()
        .flatten()
        .find(|v| !v.is_empty())
    {
        None => true,
        Some(locale) => {
            let l = locale.to_ascii_lowercase();
            l.contains("utf-8") || l.contains("utf8")
        }
    }
}

/// One column of the chart: the buckets it covers.
#[derive(Debug, Clone, Copy, Default)]
struct Column {
    /// The busiest bucket's calls.
    calls: u64,
    limited: u64,
    /// The busiest running 24-hour total at the end of one of its buckets.
    day: u64,
}

/// Writes the chart of `t`, `width` columns wide at most.
pub fn chart(out: &mut dyn Write, t: &Timeline, width: usize, unicode: bool) -> io::Result<()> {
    let g = if unicode { BLOCKS } else { ASCII };
    let n = t.buckets.len();
    if n == 0 {
        return Ok(());
    }
    let room = width.saturating_sub(AXIS + 1).max(10);
    let per = n.div_ceil(room);
    let cols = n.div_ceil(per);
    let cell = (room / cols).clamp(1, MAX_CELL);
    // The running 24-hour total at the end of each bucket, by the buckets it holds.
    let in_day = (86_400 / t.bucket_seconds.max(1)).max(1) as usize;
    let mut running = 0u64;
    let mut columns = vec![Column::default(); cols];
    for (i, b) in t.buckets.iter().enumerate() {
        running += b.calls;
        if i >= in_day {
            running -= t.buckets[i - in_day].calls;
        }
        let c = &mut columns[i / per];
        c.calls = c.calls.max(b.calls);
        c.limited += b.limited;
        c.day = c.day.max(running);
    }
    let minute = t.bucket_seconds == 60;
    let limit = u64::from(MINUTE_LIMIT);
    let busiest = columns.iter().map(|c| c.calls).max().unwrap_or(0);
    // Room above Hike's line, so the line stands apart from the top.
    let top = if minute {
        busiest.max(limit + limit / 3)
    } else {
        busiest.max(1)
    };
    // The row the limit's line is drawn in: the one whose range holds 60.
    let limit_row = minute.then(|| ROWS - 1 - ((limit * ROWS as u64 - 1) / top) as usize);
    let minutes = t.bucket_seconds / 60;
    let what = match (minute, per) {
        (true, 1) => "calls a minute".to_string(),
        (true, p) => format!("calls a minute, the busiest of each {p} minutes"),
        (false, 1) => format!("calls per {minutes} minutes"),
        (false, p) => format!("calls per {minutes} minutes, the busiest of each {p} buckets"),
    };
    let mut legend = vec![what];
    if minute {
        legend.push(format!("{} Hike's {limit} a minute", g.limit));
    }
    if columns.iter().any(|c| c.limited > 0) {
        legend.push(format!("{} 429", g.mark));
    }
    writeln!(out, "  {}", legend.join(g.sep).dimmed())?;
    for r in 0..ROWS {
        // Row r (0 at the top) shows the values in (lo, hi].
        let (lo, hi) = (
            top as f64 * (ROWS - 1 - r) as f64 / ROWS as f64,
            top as f64 * (ROWS - r) as f64 / ROWS as f64,
        );
        let label = if r == 0 {
            top.to_string()
        } else if Some(r) == limit_row {
            limit.to_string()
        } else {
            String::new()
        };
        let on_limit = Some(r) == limit_row;
        let axis = if label.is_empty() { g.axis } else { g.tick };
        let mut row = format!("  {label:>6} {axis}");
        for c in &columns {
            let v = c.calls as f64;
            let ch = if v >= hi {
                Some(g.eighths[7])
            } else if v > lo {
                let eighth = (((v - lo) / (hi - lo)) * 8.0).ceil() as usize;
                Some(g.eighths[eighth.clamp(1, 8) - 1])
            } else {
                None
            };
            let text: String = std::iter::repeat_n(ch.unwrap_or(' '), cell).collect();
            match ch {
                Some(_) if minute && c.calls > limit => row.push_str(&text.red().to_string()),
                Some(_) => row.push_str(&text),
                None if on_limit => {
                    let line: String = std::iter::repeat_n(g.limit, cell).collect();
                    row.push_str(&line.red().to_string())
                }
                None => row.push_str(&text),
            }
        }
        writeln!(out, "{}", row.trim_end())?;
    }
    let floor: String = std::iter::repeat_n(g.floor, cols * cell).collect();
    writeln!(out, "  {:>6} {}{floor}", 0, g.corner)?;
    if columns.iter().any(|c| c.limited > 0) {
        let marks: String = columns
            .iter()
            .flat_map(|c| {
                let m = if c.limited > 0 { g.mark } else { ' ' };
                std::iter::repeat_n(m, cell)
            })
            .collect();
        writeln!(out, "  {:>6}  {}", "429", marks.trim_end().yellow())?;
    }
    let first = &t.buckets[0].start;
    let last_end = &t.buckets[n - 1].start;
    let one_day = first.get(..10) == last_end.get(..10);
    let short = |s: &str| {
        let (date, time) = (s.get(..10).unwrap_or(s), s.get(11..16).unwrap_or(""));
        if one_day {
            format!("{time}Z")
        } else {
            format!("{date} {time}Z")
        }
    };
    let (a, b) = (short(first), short(last_end));
    let gap = (cols * cell).saturating_sub(a.len() + b.len()).max(1);
    writeln!(out, "  {:>6}  {a}{:gap$}{b}", "UTC", "")?;
    let spans_hour = n as u64 * t.bucket_seconds > 3600;
    if spans_hour {
        let day_limit = u64::from(DAILY_LIMIT);
        let peak = columns.iter().map(|c| c.day).max().unwrap_or(0);
        let scale = peak.max(day_limit);
        let levels = g.levels.len() - 1;
        let row: String = columns
            .iter()
            .flat_map(|c| {
                let l = if c.day == 0 {
                    0
                } else {
                    ((c.day * levels as u64).div_ceil(scale) as usize).clamp(1, levels)
                };
                std::iter::repeat_n(g.levels[l], cell)
            })
            .collect();
        let text = format!("{:>6} {}{}", "24 h", g.axis, row.trim_end());
        if peak > day_limit {
            writeln!(out, "  {}", text.red())?;
        } else {
            writeln!(out, "  {text}")?;
        }
        writeln!(
            out,
            "  {}",
            format!(
                "{:>6}  the running 24-hour total: at most {peak}, against Hike's {day_limit}",
                ""
            )
            .dimmed()
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn block_characters_only_where_they_show() {
        assert!(unicode_capable(Some("xterm"), None, None, None));
        assert!(unicode_capable(None, None, None, Some("en_US.UTF-8")));
        assert!(!unicode_capable(
            Some("dumb"),
            None,
            None,
            Some("en_US.UTF-8")
        ));
        assert!(!unicode_capable(
            Some("xterm"),
            Some("C"),
            None,
            Some("en_US.UTF-8")
        ));
        assert!(!unicode_capable(None, None, Some("POSIX"), None));
        assert!(unicode_capable(None, Some(""), Some("C.utf8"), None));
    }
}
