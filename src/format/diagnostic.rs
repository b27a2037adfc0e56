//! Diagnostics in words: `file:line:col: message`, the excerpt of the line with a caret under the
//! column, and the hint. Every part that can hold file text is escaped, and a long line shows as
//! a window around the column, cut with `…`.

use std::borrow::Cow;
use std::fmt;

use unicode_width::UnicodeWidthStr;

use super::escape::escape;
use crate::engine::source::Snippet;
use crate::engine::{Diagnostic, Diagnostics, Severity};

/// Marks where an excerpt of a longer line is cut.
const CUT: &str = "…";

impl Diagnostic {
    /// The first line alone, escaped for a terminal: `file:line:col: message`.
    pub fn headline(&self) -> String {
        let plain = self.plain_headline();
        match escape(&plain) {
            Cow::Borrowed(_) => plain,
            Cow::Owned(escaped) => escaped,
        }
    }

    /// The first line as text, control characters and all: for outputs that escape in their
    /// own way, such as JSON.
    pub fn plain_headline(&self) -> String {
        let kind = match self.severity {
            Severity::Error => "",
            Severity::Warning => "warning: ",
        };
        format!("{}: {kind}{}", self.location(), self.message)
    }
}

/// The excerpt as shown, and the columns before its caret.
pub fn snippet(snippet: &Snippet) -> (String, usize) {
    let before: String = snippet.text.chars().take(snippet.caret).collect();
    let after = snippet.text.get(before.len()..).unwrap_or_default();
    let (cut_before, cut_after) = (
        if snippet.cut_before { CUT } else { "" },
        if snippet.cut_after { CUT } else { "" },
    );
    let before = format!("{cut_before}{}", escape(&before));
    let caret = if before.is_ascii() {
        before.len()
    } else {
        before.width()
    };
    (format!("{before}{}{cut_after}", escape(after)), caret)
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.headline())?;
        if let (Some(excerpt), Some((line, _))) = (&self.snippet, self.position) {
            let gutter = " ".repeat(line.to_string().len());
            let (text, caret) = snippet(excerpt);
            // Padding by repetition: a format width stops at 65,535 columns.
            write!(f, "\n{line} | {text}\n{gutter} | {}^", " ".repeat(caret))?;
        }
        if let Some(help) = &self.help {
            write!(f, "\n  help: {}", escape(help))?;
        }
        Ok(())
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, diagnostic) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{diagnostic}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use crate::engine::SourceFile;

    #[test]
    fn points_at_the_column() {
        let file = SourceFile::new("s.toml", "scenes = -1\n");
        let text = file.diagnostic(9..11, "scenes must be at least 1").to_string();
        assert_eq!(
            text,
            "s.toml:1:10: scenes must be at least 1\n1 | scenes = -1\n  |          ^"
        );
    }

    #[test]
    fn a_column_past_65535_shows_a_window_with_its_caret() {
        let line = format!("name = \"{}\" x = 1", "a".repeat(70_000));
        let file = SourceFile::new("c.toml", line.clone());
        let at = line.find('x').expect("x");
        let text = file.diagnostic(at..at + 1, "unexpected x").to_string();
        let rows: Vec<&str> = text.lines().collect();
        assert_eq!(rows[0], "c.toml:1:70011: unexpected x");
        assert!(rows[1].starts_with("1 | …aaa") && rows[1].ends_with("x = 1"));
        assert!(rows[1].len() < 200, "a window, not the line: {} bytes", rows[1].len());
        let caret = rows[2].find('^').expect("caret");
        assert_eq!(rows[1].chars().nth(caret), Some('x'));
    }

    #[test]
    fn file_text_is_escaped_and_the_caret_follows_the_escapes() {
        let file = SourceFile::new("\u{1b}]0;pwned\u{7}.toml", "label = \"\u{1b}[2J\" oops\n");
        let at = "label = \"\u{1b}[2J\" ".len();
        let text = file
            .diagnostic(at..at + 4, "unexpected \u{1b}[31mword")
            .with_help("quote \u{7}it")
            .to_string();
        let unsafe_char = |c: char| c != '\n' && crate::format::escape::is_unsafe(c);
        assert!(!text.contains(unsafe_char), "{text:?}");
        let rows: Vec<&str> = text.lines().collect();
        assert_eq!(rows[0], "\\u{1b}]0;pwned\\u{7}.toml:1:16: unexpected \\u{1b}[31mword");
        assert_eq!(rows[1], "1 | label = \"\\u{1b}[2J\" oops");
        assert_eq!(rows[2].find('^'), rows[1].find("oops"));
        assert_eq!(rows[3], "  help: quote \\u{7}it");
    }
}
