//! Block-digit fonts for figures read across a room, in several sizes.
//!
//! Each glyph is a grid of pixels packed two pixel rows per terminal row with half blocks (`▀`,
//! `▄`, `█`). The small font's digits are 3x5 pixels with a blank row below, where a comma's tail
//! hangs: three terminal rows. The large font's are 5x7 with an eighth row for the tail. Either
//! is blown up by a whole scale, each pixel `scale` columns wide and `scale` half rows high, so
//! presentation mode can pick the largest that fits the screen. The large font is only blown up
//! by even scales, where every pixel is whole blocks: at odd ones its seven rows would fall
//! across half blocks unevenly. Glyphs are set one pixel apart.

mod large;

/// Rows of text a big figure takes at scale 1 in the small font.
pub const HEIGHT: usize = 3;

/// A font: its glyphs' pixels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Font {
    /// 3x5 digits, three terminal rows.
    Small,
    /// 5x7 digits, four terminal rows.
    Large,
}

impl Font {
    /// Pixel rows a glyph takes, the comma's tail included.
    fn pixel_rows(self) -> usize {
        match self {
            Self::Small => 6,
            Self::Large => 8,
        }
    }

    /// A glyph as rows of pixels, `#` set; rows left out are blank.
    fn bitmap(self, c: char) -> Option<&'static [&'static str]> {
        match self {
            Self::Small => small(c),
            Self::Large => large::bitmap(c),
        }
    }
}

/// A size figures can be drawn at: a font and how many times it is blown up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Size {
    /// The font.
    pub font: Font,
    /// Columns and pixel rows each pixel takes.
    pub scale: usize,
}

impl Size {
    /// The dashboard's size: the small font as drawn, three rows.
    pub const SMALL: Self = Self {
        font: Font::Small,
        scale: 1,
    };

    /// Terminal rows a figure takes at this size.
    pub fn height(self) -> usize {
        (self.font.pixel_rows() * self.scale).div_ceil(2)
    }
}

/// Every size, smallest first: 3, 6, 8, 12, 16, 24 and 32 rows.
pub fn sizes() -> impl DoubleEndedIterator<Item = Size> {
    use Font::{Large, Small};
    [
        (Small, 1),
        (Small, 2),
        (Large, 2),
        (Small, 4),
        (Large, 4),
        (Large, 6),
        (Large, 8),
    ]
    .into_iter()
    .map(|(font, scale)| Size { font, scale })
}

/// A glyph of the small font.
fn small(c: char) -> Option<&'static [&'static str]> {
    Some(match c {
        '0' => &["###", "#.#", "#.#", "#.#", "###"],
        '1' => &[".#.", "##.", ".#.", ".#.", "###"],
        '2' => &["###", "..#", "###", "#..", "###"],
        '3' => &["###", "..#", ".##", "..#", "###"],
        '4' => &["#.#", "#.#", "###", "..#", "..#"],
        '5' => &["###", "#..", "###", "..#", "###"],
        '6' => &["###", "#..", "###", "#.#", "###"],
        '7' => &["###", "..#", "..#", ".#.", ".#."],
        '8' => &["###", "#.#", "###", "#.#", "###"],
        '9' => &["###", "#.#", "###", "..#", "###"],
        '$' => &[".##", "#..", ".#.", "..#", "##."],
        '€' => &[".##", "#..", "###", "#..", ".##"],
        '£' => &[".##", ".#.", "###", ".#.", "###"],
        '¥' => &["#.#", ".#.", "###", ".#.", ".#."],
        '-' => &["...", "...", "###", "...", "..."],
        '+' => &["...", ".#.", "###", ".#.", "..."],
        '%' => &["#.#", "..#", ".#.", "#..", "#.#"],
        '.' => &[".", ".", ".", ".", "#"],
        ',' => &[".", ".", ".", ".", "#", "#"],
        ' ' => &[".", ".", ".", ".", "."],
        _ => return None,
    })
}

/// The half block for a pair of pixels, the upper one first.
fn half_block(upper: bool, lower: bool) -> char {
    match (upper, lower) {
        (true, true) => '█',
        (true, false) => '▀',
        (false, true) => '▄',
        (false, false) => ' ',
    }
}

/// The three rows of `text` in big digits, or `None` if it has a character the font lacks.
pub fn render(text: &str) -> Option<Vec<String>> {
    render_scaled(text, 1)
}

/// `text` in the small font `scale` times the size: `3 x scale` rows, each pixel `scale` columns
/// wide. `None` if the font lacks a character.
pub fn render_scaled(text: &str, scale: usize) -> Option<Vec<String>> {
    render_at(
        text,
        Size {
            font: Font::Small,
            scale: scale.max(1),
        },
    )
}

/// `text` at a size, a string per terminal row; `None` if the font lacks a character.
pub fn render_at(text: &str, size: Size) -> Option<Vec<String>> {
    let scale = size.scale.max(1);
    let mut rows = vec![String::new(); size.height()];
    for (i, c) in text.chars().enumerate() {
        let glyph = size.font.bitmap(c)?;
        let glyph_width = glyph.first().map_or(0, |r| r.len()) * scale;
        // Pixel (y, x) of the scaled glyph: the font's pixel it was blown up from.
        let set = |y: usize, x: usize| {
            glyph
                .get(y / scale)
                .is_some_and(|r| r.as_bytes().get(x / scale) == Some(&b'#'))
        };
        for (row, text_row) in rows.iter_mut().enumerate() {
            if i > 0 {
                text_row.push_str(&" ".repeat(scale));
            }
            for x in 0..glyph_width {
                text_row.push(half_block(set(row * 2, x), set(row * 2 + 1, x)));
            }
        }
    }
    Some(rows)
}

/// The width in columns of `text` in the small font at a scale, or `None` if the font lacks a
/// character.
pub fn width(text: &str, scale: usize) -> Option<usize> {
    width_at(
        text,
        Size {
            font: Font::Small,
            scale: scale.max(1),
        },
    )
}

/// The width in columns of `text` at a size, or `None` if the font lacks a character.
pub fn width_at(text: &str, size: Size) -> Option<usize> {
    let scale = size.scale.max(1);
    let mut total = 0;
    for (i, c) in text.chars().enumerate() {
        let glyph = size.font.bitmap(c)?;
        total += glyph.first().map_or(0, |r| r.len()) * scale + if i > 0 { scale } else { 0 };
    }
    Some(total)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn draws_a_price() {
        let rows = render("$3.01").expect("all glyphs exist");
        assert_eq!(rows, ["▄▀▀ ▀▀█   █▀█ ▄█ ", " ▀▄  ▀█   █ █  █ ", "▀▀  ▀▀▀ ▀ ▀▀▀ ▀▀▀"]);
        assert_eq!(width("$3.01", 1), Some(17));
        assert_eq!(width("$3.01", 2), Some(34));
        assert_eq!(render_scaled("1", 2).map(|r| r.len()), Some(6));
    }

    #[test]
    fn refuses_unknown_characters() {
        assert_eq!(render("n/a"), None);
        assert_eq!(
            render_at(
                "n/a",
                Size {
                    font: Font::Large,
                    scale: 1
                }
            ),
            None
        );
    }

    #[test]
    fn every_row_has_the_same_width_at_every_size() {
        for size in sizes() {
            let rows = render_at("-$1,234.56%+€£¥ 7890", size).expect("all glyphs exist");
            assert_eq!(rows.len(), size.height(), "{size:?}");
            let widths: Vec<usize> = rows.iter().map(|r| r.chars().count()).collect();
            assert!(widths.iter().all(|&w| w == widths[0]), "{size:?}: {widths:?}");
            assert_eq!(width_at("-$1,234.56%+€£¥ 7890", size), Some(widths[0]), "{size:?}");
        }
    }

    #[test]
    fn the_large_font_draws_a_price() {
        let size = Size {
            font: Font::Large,
            scale: 2,
        };
        let rows = render_at("$1", size).expect("all glyphs exist");
        assert_eq!(
            rows,
            [
                "    ██          ██    ",
                "  ████████    ████    ",
                "██  ██          ██    ",
                "  ██████        ██    ",
                "    ██  ██      ██    ",
                "████████        ██    ",
                "    ██        ██████  ",
                "                      ",
            ]
        );
    }

    #[test]
    fn sizes_grow() {
        let heights: Vec<usize> = sizes().map(Size::height).collect();
        assert!(heights.windows(2).all(|w| w[0] < w[1]), "{heights:?}");
    }
}
