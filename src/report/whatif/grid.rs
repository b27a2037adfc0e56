//! A table of text cells, rendered as aligned columns or Markdown, and CSV lines.

use std::fmt::Write;

/// How a column's cells line up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    /// Words, to the left.
    Left,
    /// Figures, to the right.
    Right,
}

/// Rows of text under headed columns.
#[derive(Debug, Clone, Default)]
pub struct Grid {
    /// Column headings and alignment.
    pub columns: Vec<(String, Align)>,
    /// The rows, one cell per column.
    pub rows: Vec<Vec<String>>,
}

impl Grid {
    /// A grid with these columns and no rows.
    pub fn new(columns: impl IntoIterator<Item = (impl Into<String>, Align)>) -> Self {
        Self {
            columns: columns.into_iter().map(|(h, a)| (h.into(), a)).collect(),
            rows: Vec::new(),
        }
    }

    /// Adds a row; text from files is cleaned of control characters.
    pub fn push(&mut self, cells: impl IntoIterator<Item = String>) {
        self.rows.push(cells.into_iter().map(|c| clean(&c)).collect());
    }

    /// Aligned columns, two spaces apart, headings in capitals.
    pub fn table(&self) -> String {
        let mut widths: Vec<usize> = self.columns.iter().map(|(h, _)| h.chars().count()).collect();
        for row in &self.rows {
            for (w, cell) in widths.iter_mut().zip(row) {
                *w = (*w).max(cell.chars().count());
            }
        }
        let line = |cells: &mut dyn Iterator<Item = &str>| {
            let mut out = String::new();
            for ((cell, width), (_, align)) in cells.zip(&widths).zip(&self.columns) {
                let pad = width.saturating_sub(cell.chars().count());
                match align {
                    Align::Left => {
                        let _ = write!(out, "{cell}{}  ", " ".repeat(pad));
                    }
                    Align::Right => {
                        let _ = write!(out, "{}{cell}  ", " ".repeat(pad));
                    }
                }
            }
            out.trim_end().to_owned() + "\n"
        };
        let headings: Vec<String> = self.columns.iter().map(|(h, _)| h.to_uppercase()).collect();
        let mut out = line(&mut headings.iter().map(String::as_str));
        for row in &self.rows {
            out.push_str(&line(&mut row.iter().map(String::as_str)));
        }
        out
    }

    /// A Markdown table.
    pub fn markdown(&self) -> String {
        let cell = |text: &str| text.replace('|', "\\|");
        let mut out = String::from("|");
        for (heading, _) in &self.columns {
            let _ = write!(out, " {} |", cell(heading));
        }
        out.push_str("\n|");
        for (_, align) in &self.columns {
            out.push_str(match align {
                Align::Left => "---|",
                Align::Right => "--:|",
            });
        }
        out.push('\n');
        for row in &self.rows {
            out.push('|');
            for text in row {
                let _ = write!(out, " {} |", cell(text));
            }
            out.push('\n');
        }
        out
    }
}

/// Text with control characters shown as escapes (`\u{1b}`), so a label from a file cannot move
/// the cursor or retitle the terminal.
pub fn clean(text: &str) -> String {
    if !text.chars().any(char::is_control) {
        return text.to_owned();
    }
    text.chars()
        .map(|c| {
            if c.is_control() {
                c.escape_default().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// One CSV line: fields cleaned of control characters, quoted where they hold a comma or quote.
pub fn csv_line(fields: impl IntoIterator<Item = String>) -> String {
    let quoted: Vec<String> = fields
        .into_iter()
        .map(|f| clean(&f))
        .map(|f| {
            if f.contains([',', '"', '\n', '\r']) {
                format!("\"{}\"", f.replace('"', "\"\""))
            } else {
                f
            }
        })
        .collect();
    quoted.join(",") + "\n"
}
