//! Source text and diagnostics: every value the engine loads remembers where it came from, so
//! any problem can be reported as `file:line:col: message` with the offending line.

use std::fmt;
use std::ops::Range;
use std::sync::Arc;

/// One loaded file: its display path and its text (a UTF-8 byte-order mark removed).
#[derive(Debug)]
pub struct SourceFile {
    path: String,
    text: String,
    line_starts: Vec<usize>,
}

impl SourceFile {
    /// Wraps text already known to be UTF-8.
    pub fn new(path: impl Into<String>, text: impl Into<String>) -> Arc<Self> {
        let mut text = text.into();
        if text.starts_with('\u{feff}') {
            text.drain(..'\u{feff}'.len_utf8());
        }
        let mut line_starts: Vec<usize> = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        line_starts.shrink_to_fit();
        Arc::new(Self {
            path: path.into(),
            text,
            line_starts,
        })
    }

    /// Decodes raw bytes, refusing anything that is not UTF-8 with the place it breaks.
    pub fn from_bytes(path: impl Into<String>, bytes: Vec<u8>) -> Result<Arc<Self>, Diagnostic> {
        let path = path.into();
        match String::from_utf8(bytes) {
            Ok(text) => Ok(Self::new(path, text)),
            Err(err) => {
                let valid = err.utf8_error().valid_up_to();
                let bytes = err.into_bytes();
                // Report the position within the valid prefix, which is all we can show.
                let prefix = String::from_utf8_lossy(&bytes[..valid]).into_owned();
                let file = Self::new(path, prefix);
                Err(file
                    .diagnostic(valid..valid, "the file is not valid UTF-8 text")
                    .with_help("save the file as UTF-8"))
            }
        }
    }

    /// The path as given when the file was loaded.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The whole text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = self.line_starts.partition_point(|&start| start <= offset) - 1;
        let start = self.line_starts[line];
        let col = self
            .text
            .get(start..offset)
            .map_or(offset - start, |s| s.chars().count());
        (line + 1, col + 1)
    }

    /// The text of a 1-based line, without its line ending.
    pub fn line_text(&self, line: usize) -> &str {
        let Some(&start) = self.line_starts.get(line.saturating_sub(1)) else {
            return "";
        };
        let end = self.line_starts.get(line).map_or(self.text.len(), |&next| next);
        self.text[start..end].trim_end_matches(['\n', '\r'])
    }

    /// An error at a byte range of this file.
    pub fn diagnostic(&self, span: Range<usize>, message: impl Into<String>) -> Diagnostic {
        let (line, col) = self.line_col(span.start);
        Diagnostic {
            severity: Severity::Error,
            path: self.path.clone(),
            position: Some((line, col)),
            message: message.into(),
            snippet: Some(self.line_text(line).to_owned()),
            help: None,
        }
    }
}

/// Where a loaded value came from: a file and a byte range in it.
#[derive(Debug, Clone)]
pub struct Origin {
    file: Arc<SourceFile>,
    span: Range<usize>,
}

impl Origin {
    /// A place in a file.
    pub fn new(file: &Arc<SourceFile>, span: Range<usize>) -> Self {
        Self {
            file: Arc::clone(file),
            span,
        }
    }

    /// An error at this place.
    pub fn error(&self, message: impl Into<String>) -> Diagnostic {
        self.file.diagnostic(self.span.clone(), message)
    }

    /// A warning at this place.
    pub fn warning(&self, message: impl Into<String>) -> Diagnostic {
        let mut diagnostic = self.error(message);
        diagnostic.severity = Severity::Warning;
        diagnostic
    }

    /// The file this place is in.
    pub fn file(&self) -> &Arc<SourceFile> {
        &self.file
    }

    /// The 1-based line of this place.
    pub fn line(&self) -> usize {
        self.file.line_col(self.span.start).0
    }

    /// The byte range.
    pub fn span(&self) -> Range<usize> {
        self.span.clone()
    }
}

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    /// The input cannot be used.
    Error,
    /// The input works but something in it deserves a look.
    Warning,
}

/// A problem with an input, located in its file when it has a place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// The file's path as it was loaded.
    pub path: String,
    /// 1-based line and column, when the problem has a place in the file.
    pub position: Option<(usize, usize)>,
    /// What is wrong.
    pub message: String,
    /// The offending line.
    pub snippet: Option<String>,
    /// What would be valid.
    pub help: Option<String>,
}

impl Diagnostic {
    /// An error about a whole file or path, with no line in it.
    pub fn file_error(path: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Error,
            path: path.into(),
            position: None,
            message: message.into(),
            snippet: None,
            help: None,
        }
    }

    /// Adds a hint saying what would be valid.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// `file:line:col`, or the bare path when there is no position.
    pub fn location(&self) -> String {
        match self.position {
            Some((line, col)) => format!("{}:{line}:{col}", self.path),
            None => self.path.clone(),
        }
    }

    /// The first line alone: `file:line:col: message`.
    pub fn headline(&self) -> String {
        let kind = match self.severity {
            Severity::Error => "",
            Severity::Warning => "warning: ",
        };
        format!("{}: {kind}{}", self.location(), self.message)
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.headline())?;
        if let (Some(snippet), Some((line, col))) = (&self.snippet, self.position) {
            let gutter = line.to_string().len();
            write!(f, "\n{line} | {snippet}")?;
            write!(f, "\n{:gutter$} | {:>col$}", "", "^")?;
        }
        if let Some(help) = &self.help {
            write!(f, "\n  help: {help}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostic {}

/// Several diagnostics at once, as a loader finds them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    /// True when any of them is an error rather than a warning.
    pub fn has_errors(&self) -> bool {
        self.0.iter().any(|d| d.severity == Severity::Error)
    }
}

impl From<Diagnostic> for Diagnostics {
    fn from(diagnostic: Diagnostic) -> Self {
        Self(vec![diagnostic])
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

impl std::error::Error for Diagnostics {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_are_one_based_and_count_characters() {
        let file = SourceFile::new("a.toml", "x = 1\nnamé = \"y\"\n");
        assert_eq!(file.line_col(0), (1, 1));
        assert_eq!(file.line_col(6), (2, 1));
        // "namé " is five characters but six bytes.
        assert_eq!(file.line_col(12), (2, 6));
        assert_eq!(file.line_text(2), "namé = \"y\"");
    }

    #[test]
    fn a_bom_is_dropped() {
        let file = SourceFile::new("a.toml", "\u{feff}x = 1");
        assert_eq!(file.text(), "x = 1");
    }

    #[test]
    fn invalid_utf8_is_located() {
        let err = SourceFile::from_bytes("bad.toml", b"a = 1\nb = \"\xff\"".to_vec()).expect_err("not UTF-8");
        assert_eq!(err.location(), "bad.toml:2:6");
        assert!(err.message.contains("UTF-8"));
    }

    #[test]
    fn display_points_at_the_column() {
        let file = SourceFile::new("s.toml", "scenes = -1\n");
        let text = file.diagnostic(9..11, "scenes must be at least 1").to_string();
        assert_eq!(
            text,
            "s.toml:1:10: scenes must be at least 1\n1 | scenes = -1\n  |          ^"
        );
    }
}
