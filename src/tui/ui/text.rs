//! Small text helpers for drawing: widths, truncation, wrapping, bars.

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use crate::engine::money;

/// Columns a string takes on screen.
pub fn width(text: &str) -> usize {
    ratatui::text::Span::raw(text).width()
}

/// `text` cut to `max` columns, ending in `…` when cut.
pub fn fit(text: &str, max: usize) -> String {
    if width(text) <= max {
        return text.to_owned();
    }
    if max == 0 {
        return String::new();
    }
    let mut out = String::new();
    for c in text.chars() {
        if width(&out) + width(&c.to_string()) + 1 > max {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

/// `text` broken into rows of at most `width` columns, at spaces where it can be.
pub fn wrap(text: &str, max: usize) -> Vec<String> {
    let max = max.max(1);
    let mut rows: Vec<String> = Vec::new();
    let mut row = String::new();
    for word in text.split(' ') {
        if !row.is_empty() && width(&row) + 1 + width(word) > max {
            rows.push(std::mem::take(&mut row));
        }
        if !row.is_empty() {
            row.push(' ');
        }
        // A word longer than a row is cut where the row ends.
        for c in word.chars() {
            if width(&row) + width(&c.to_string()) > max {
                rows.push(std::mem::take(&mut row));
            }
            row.push(c);
        }
    }
    if !row.is_empty() || rows.is_empty() {
        rows.push(row);
    }
    rows
}

/// A bar of `share` (0 to 1) of `cells` columns, in eighths of a cell.
pub fn bar(share: Decimal, cells: usize) -> String {
    const PARTS: [char; 8] = [' ', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];
    let eighths = money::round(share.clamp(Decimal::ZERO, Decimal::ONE) * Decimal::from(cells * 8), 0);
    let eighths = eighths.to_usize().unwrap_or(0).min(cells * 8);
    let mut out = "█".repeat(eighths / 8);
    if !eighths.is_multiple_of(8) {
        out.push(PARTS[eighths % 8]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fits_wraps_and_bars() {
        assert_eq!(fit("Training augmentations", 10), "Training …");
        assert_eq!(fit("short", 10), "short");
        assert_eq!(
            wrap("was 720p $0.40/clip, >81 frames", 12),
            ["was 720p", "$0.40/clip,", ">81 frames"]
        );
        assert_eq!(wrap("abcdefgh", 3), ["abc", "def", "gh"]);
        assert_eq!(bar(Decimal::new(5, 1), 4), "██");
        assert_eq!(bar(Decimal::new(1, 1), 4), "▍");
        assert_eq!(bar(Decimal::new(1, 2), 4), "");
    }
}
