//! Source text and diagnostics: every value the engine loads remembers where it came from, so
//! any problem can be reported as `file:line:col: message` with an excerpt of the offending line.
//! Diagnostics are data; `crate::format::diagnostic` puts them into words for a terminal.

use std::ops::Range;
use std::sync::Arc;

/// Lines between two entries of a file's line index.
const LINES_PER_MARK: usize = 64;

/// One loaded file: its display path and its text (a UTF-8 byte-order mark removed).
#[derive(Debug)]
pub struct SourceFile {
    path: String,
    text: String,
    /// The byte offset of every [`LINES_PER_MARK`]th line's start (lines 1, 65, 129, ...). A
    /// position is found from the mark before it by counting at most that many lines; an entry
    /// for every line would cost a large catalog a third of its own size.
    marks: Vec<usize>,
}

impl SourceFile {
    /// Wraps text already known to be UTF-8.
    pub fn new(path: impl Into<String>, text: impl Into<String>) -> Arc<Self> {
        let mut text = text.into();
        if text.starts_with('\u{feff}') {
            text.drain(..'\u{feff}'.len_utf8());
        }
        let mut marks: Vec<usize> = std::iter::once(0)
            .chain(
                text.match_indices('\n')
                    .map(|(i, _)| i + 1)
                    .skip(LINES_PER_MARK - 1)
                    .step_by(LINES_PER_MARK),
            )
            .collect();
        marks.shrink_to_fit();
        Arc::new(Self {
            path: path.into(),
            text,
            marks,
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
        let mark = self.marks.partition_point(|&start| start <= offset) - 1;
        // In bytes: a newline is one byte, never part of another character.
        let before = &self.text.as_bytes()[self.marks[mark]..offset];
        let line = mark * LINES_PER_MARK + before.iter().filter(|&&b| b == b'\n').count();
        let start = self.marks[mark] + before.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        let col = self
            .text
            .get(start..offset)
            .map_or(offset - start, |s| s.chars().count());
        (line + 1, col + 1)
    }

    /// The text of a 1-based line, without its line ending.
    pub fn line_text(&self, line: usize) -> &str {
        let index = line.saturating_sub(1);
        let Some(&mark) = self.marks.get(index / LINES_PER_MARK) else {
            return "";
        };
        let mut rest = &self.text[mark..];
        for _ in 0..index % LINES_PER_MARK {
            match rest.find('\n') {
                Some(end) => rest = &rest[end + 1..],
                None => return "",
            }
        }
        let end = rest.find('\n').map_or(rest.len(), |end| end + 1);
        rest[..end].trim_end_matches(['\n', '\r'])
    }

    /// An error at a byte range of this file.
    pub fn diagnostic(&self, span: Range<usize>, message: impl Into<String>) -> Diagnostic {
        let (line, col) = self.line_col(span.start);
        Diagnostic {
            severity: Severity::Error,
            path: self.path.clone(),
            position: Some((line, col)),
            message: message.into(),
            snippet: Some(Snippet::around(self.line_text(line), col - 1)),
            help: None,
        }
    }
}

/// Characters of a long line kept before the column a diagnostic points at.
const BEFORE: usize = 40;
/// Characters of a long line kept from the column on.
const AFTER: usize = 60;

/// An excerpt of the line a diagnostic points at: the whole line when it is short, else a window
/// around the column. A line can be megabytes long (a minified catalog); a diagnostic keeps only
/// what a reader can use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snippet {
    /// The excerpt, exactly as the file has it.
    pub text: String,
    /// Characters of `text` before the column pointed at.
    pub caret: usize,
    /// True when the line goes on before the excerpt.
    pub cut_before: bool,
    /// True when the line goes on after the excerpt.
    pub cut_after: bool,
}

impl Snippet {
    /// The excerpt of `line` around the character at index `column` (0-based).
    pub fn around(line: &str, column: usize) -> Self {
        if line.chars().nth(BEFORE + AFTER).is_none() {
            return Self {
                text: line.to_owned(),
                caret: column,
                cut_before: false,
                cut_after: false,
            };
        }
        let mut chars = line.char_indices().map(|(i, _)| i);
        // Byte offsets of the window's first character and of the character after its last.
        let first = column.saturating_sub(BEFORE);
        let start = chars.nth(first);
        let end = chars.nth((column - first).saturating_add(AFTER).saturating_sub(1));
        let start = start.unwrap_or(line.len());
        let end = end.unwrap_or(line.len());
        Self {
            text: line[start..end].to_owned(),
            caret: column - first,
            cut_before: start > 0,
            cut_after: end < line.len(),
        }
    }
}

/// Where a loaded value came from: a file and a byte range in it.
///
/// The range is kept in 32 bits: a catalog of a hundred thousand models holds half a million
/// origins, and no file read is larger than 64 MB.
#[derive(Debug, Clone)]
pub struct Origin {
    file: Arc<SourceFile>,
    start: u32,
    end: u32,
}

impl Origin {
    /// A place in a file.
    pub fn new(file: &Arc<SourceFile>, span: Range<usize>) -> Self {
        let offset = |at: usize| u32::try_from(at).unwrap_or(u32::MAX);
        Self {
            file: Arc::clone(file),
            start: offset(span.start),
            end: offset(span.end),
        }
    }

    /// An error at this place.
    pub fn error(&self, message: impl Into<String>) -> Diagnostic {
        self.file.diagnostic(self.span(), message)
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
        self.file.line_col(self.span().start).0
    }

    /// The byte range.
    pub fn span(&self) -> Range<usize> {
        // u32 to usize widens on every target reelcost builds for.
        self.start as usize..self.end as usize
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
    /// The offending line, or the part of it around the column.
    pub snippet: Option<Snippet>,
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
    fn every_offset_and_line_is_found_past_the_index_marks() {
        // Lines of every length, CRLF endings and two-byte characters, over several marks.
        let text: String = (0..3 * LINES_PER_MARK + 5)
            .map(|i| format!("{}é{}", "x".repeat(i % 7), if i % 3 == 0 { "\r\n" } else { "\n" }))
            .collect();
        let file = SourceFile::new("l.toml", text.clone());
        let lines: Vec<&str> = text.split('\n').collect();
        for (number, line) in lines.iter().enumerate() {
            assert_eq!(
                file.line_text(number + 1),
                line.trim_end_matches('\r'),
                "line {}",
                number + 1
            );
        }
        assert_eq!(file.line_text(lines.len() + 1), "");
        let (mut line, mut col) = (1, 1);
        for (offset, c) in text.char_indices() {
            assert_eq!(file.line_col(offset), (line, col), "offset {offset}");
            (line, col) = if c == '\n' { (line + 1, 1) } else { (line, col + 1) };
        }
        assert_eq!(file.line_col(text.len()), (line, col));
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
    fn a_short_line_is_kept_whole() {
        let file = SourceFile::new("s.toml", "scenes = -1\n");
        let snippet = file.diagnostic(9..11, "scenes must be at least 1").snippet;
        assert_eq!(
            snippet,
            Some(Snippet {
                text: "scenes = -1".into(),
                caret: 9,
                cut_before: false,
                cut_after: false
            })
        );
    }

    #[test]
    fn a_long_line_is_cut_to_a_window_around_the_column() {
        let line = format!("{}é{}", "a".repeat(100_000), "b".repeat(100_000));
        let snippet = Snippet::around(&line, 100_000);
        assert_eq!(snippet.caret, BEFORE);
        assert!(snippet.cut_before && snippet.cut_after);
        assert_eq!(snippet.text.chars().count(), BEFORE + AFTER);
        assert_eq!(snippet.text.chars().nth(snippet.caret), Some('é'));
        // Near either end, the window stops at the line's edge.
        let start = Snippet::around(&line, 3);
        assert_eq!((start.caret, start.cut_before, start.cut_after), (3, false, true));
        let end = Snippet::around("abc", 3);
        assert_eq!((end.text.as_str(), end.caret, end.cut_after), ("abc", 3, false));
    }
}
