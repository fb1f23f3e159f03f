//! Shell words that bash and zsh read the same way: literal text stays literal, and a
//! variable expands (to one word, unsplit).

use crate::sanitize::is_unsafe;

/// One part of a shell word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    /// Text to pass as it is.
    Literal(String),
    /// A variable's value (`"$NAME"`).
    Variable(String),
}

/// A shell word made of pieces, written so that only the variables expand.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Word(pub Vec<Piece>);

impl Word {
    /// A word of literal text only.
    pub fn literal(s: &str) -> Word {
        Word(vec![Piece::Literal(s.to_string())])
    }

    /// Appends literal text.
    pub fn push_literal(&mut self, s: &str) {
        if s.is_empty() {
            return;
        }
        if let Some(Piece::Literal(last)) = self.0.last_mut() {
            last.push_str(s);
        } else {
            self.0.push(Piece::Literal(s.to_string()));
        }
    }

    /// Appends a variable.
    pub fn push_variable(&mut self, name: &str) {
        self.0.push(Piece::Variable(name.to_string()));
    }

    /// The word as bash and zsh read it: each literal run in single quotes (or, when it
    /// holds a control, escape or bidi character, in `$'...'` with that character as an
    /// escape, so none reaches the terminal raw), each variable as `"$NAME"`.
    pub fn quoted(&self) -> String {
        if let [Piece::Literal(s)] = self.0.as_slice() {
            // Nothing in it that either shell reads specially (zsh expands a leading `=`).
            let bare = |c: char| c.is_ascii_alphanumeric() || "_./:@%,+-".contains(c);
            if !s.is_empty() && s.chars().all(bare) {
                return s.clone();
            }
        }
        let mut out = String::new();
        for p in &self.0 {
            match p {
                Piece::Literal(s) => quote_literal(s, &mut out),
                Piece::Variable(v) => {
                    out.push_str("\"$");
                    out.push_str(v);
                    out.push('"');
                }
            }
        }
        if out.is_empty() {
            out.push_str("''");
        }
        out
    }
}

/// Whether a literal can stand in single quotes: no character that must not reach a
/// terminal raw.
fn plain(s: &str) -> bool {
    !s.chars().any(|c| is_unsafe(c) && c != '\n')
}

fn quote_literal(s: &str, out: &mut String) {
    if plain(s) {
        out.push('\'');
        for c in s.chars() {
            if c == '\'' {
                // Close, an escaped quote, open again: the same in bash and zsh.
                out.push_str("'\\''");
            } else {
                out.push(c);
            }
        }
        out.push('\'');
        return;
    }
    out.push_str("$'");
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\'' => out.push_str("\\'"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            // Its UTF-8 bytes, each `\xHH`: what both shells read alike, in any locale
            // (`\u` depends on it).
            c if is_unsafe(c) => {
                let mut buf = [0; 4];
                for b in c.encode_utf8(&mut buf).bytes() {
                    out.push_str(&format!("\\x{b:02x}"));
                }
            }
            c => out.push(c),
        }
    }
    out.push('\'');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting() {
        assert_eq!(Word::literal("a b").quoted(), "'a b'");
        assert_eq!(Word::literal("-sS").quoted(), "-sS");
        assert_eq!(Word::literal("=x").quoted(), "'=x'");
        assert_eq!(Word::literal("it's").quoted(), "'it'\\''s'");
        assert_eq!(Word::literal("").quoted(), "''");
        let mut w = Word::literal("Authorization: Bearer ");
        w.push_variable("HIKE_ACCESS_TOKEN");
        assert_eq!(w.quoted(), "'Authorization: Bearer '\"$HIKE_ACCESS_TOKEN\"");
        assert_eq!(
            Word::literal("a\u{1b}[31m\u{202e}'\\").quoted(),
            "$'a\\x1b[31m\\xe2\\x80\\xae\\'\\\\'"
        );
    }
}
