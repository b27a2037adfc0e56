//! Text from a file made safe to print. A catalog comes from a colleague or an import, and its
//! names, labels and sources can hold control characters: ESC starts terminal sequences (OSC 52
//! writes the clipboard, OSC 0 the window title), BEL rings, CR and backspace overwrite what was
//! printed. Every text output shows them instead, visibly escaped.
//!
//! The convention is Rust's string-literal escapes: `\t`, `\n` and `\r` for those three, and
//! `\u{1b}` (hex code point) for every other control character (C0, DEL and C1) and for the
//! bidirectional overrides that can make text read in another order than it is stored. Other
//! characters, backslashes included, are shown as they are: the escape is for the eye, not a
//! reversible encoding (JSON output is that).

use std::borrow::Cow;
use std::fmt::Write;

/// True for the characters that are escaped: control characters and bidirectional controls.
pub fn is_unsafe(c: char) -> bool {
    c.is_control() || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// `text` with every control character visibly escaped; borrowed when there is none.
pub fn escape(text: &str) -> Cow<'_, str> {
    escape_keeping(text, None)
}

/// Like [`escape`], but line breaks stay: for a whole report, whose rows are the output's own
/// and whose fields were escaped as they went in.
pub fn escape_lines(text: &str) -> Cow<'_, str> {
    escape_keeping(text, Some('\n'))
}

fn escape_keeping(text: &str, keep: Option<char>) -> Cow<'_, str> {
    // Most text is printable ASCII, which a byte scan settles without decoding characters.
    let plain_ascii = |b: u8| b.is_ascii_graphic() || b == b' ' || Some(char::from(b)) == keep;
    if text.bytes().all(plain_ascii) {
        return Cow::Borrowed(text);
    }
    let needs = |c: char| is_unsafe(c) && Some(c) != keep;
    if !text.contains(needs) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len().saturating_add(8));
    for c in text.chars() {
        if needs(c) {
            push_escaped(&mut out, c);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Appends the visible escape of one character.
pub fn push_escaped(out: &mut String, c: char) {
    match c {
        '\t' => out.push_str("\\t"),
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        _ => {
            let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_shown_not_sent() {
        let hostile = "a\u{1b}]52;c;aGk=\u{7}b\u{1b}]0;title\u{7}\rc\u{8}d\te\nf\u{9b}g\u{7f}\u{202e}h";
        let shown = escape(hostile);
        assert_eq!(
            shown,
            "a\\u{1b}]52;c;aGk=\\u{7}b\\u{1b}]0;title\\u{7}\\rc\\u{8}d\\te\\nf\\u{9b}g\\u{7f}\\u{202e}h"
        );
        assert!(!shown.contains(is_unsafe));
    }

    #[test]
    fn plain_text_is_borrowed_and_lines_can_stay() {
        assert!(matches!(escape("Wan 2.1 · 720p é 日本"), Cow::Borrowed(_)));
        assert_eq!(escape("C:\\catalogs"), "C:\\catalogs");
        assert_eq!(escape_lines("a\u{1b}b\nc\r\n"), "a\\u{1b}b\nc\\r\n");
    }
}
