//! A text file's byte-order mark and line endings, kept across an edit: the text is edited with
//! plain `\n` and no mark, and written back as it was found, so changing one value changes one
//! line of the file.

/// The byte-order mark some editors put first.
const BOM: char = '\u{feff}';

/// How a file writes its lines.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Endings {
    /// Whether it starts with a byte-order mark.
    pub bom: bool,
    /// Whether every line ends in `\r\n`. A file that mixes endings is edited as it is.
    pub crlf: bool,
}

impl Endings {
    /// How `text` writes its lines.
    pub fn of(text: &str) -> Self {
        let newlines = text.matches('\n').count();
        Self {
            bom: text.starts_with(BOM),
            crlf: newlines > 0 && text.matches("\r\n").count() == newlines,
        }
    }

    /// The text with no mark and `\n` endings, for editing.
    pub fn normalise(self, text: &str) -> String {
        let text = text.strip_prefix(BOM).unwrap_or(text);
        if self.crlf {
            text.replace("\r\n", "\n")
        } else {
            text.to_owned()
        }
    }

    /// Edited text written the file's way again.
    pub fn restore(self, text: &str) -> String {
        let text = text.strip_prefix(BOM).unwrap_or(text);
        let body = if self.crlf {
            text.replace("\r\n", "\n").replace('\n', "\r\n")
        } else {
            text.to_owned()
        };
        if self.bom { format!("{BOM}{body}") } else { body }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_round_trip_is_the_identity() {
        for text in [
            "a = 1\r\nb = 2\r\n",
            "\u{feff}a = 1\nb = 2\n",
            "\u{feff}a = 1\r\n",
            "a\r\nb\n",
            "",
            "x",
        ] {
            let endings = Endings::of(text);
            assert_eq!(endings.restore(&endings.normalise(text)), text, "{text:?}");
        }
        assert_eq!(
            Endings::of("a\r\nb\n"),
            Endings {
                bom: false,
                crlf: false
            },
            "mixed endings are left alone"
        );
    }
}
