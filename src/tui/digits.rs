//! A small block-digit font for figures read across a room: three terminal rows high.
//!
//! Each glyph is drawn on a grid of pixels six high and packed two pixel rows per terminal row
//! with half blocks (`▀`, `▄`, `█`): digits are 3x5 with a blank row below, where a comma's tail
//! hangs. Glyphs are set one column apart.

/// Rows of text a big figure takes at scale 1.
pub const HEIGHT: usize = 3;

/// A glyph as rows of pixels, `#` set; rows left out are blank.
fn bitmap(c: char) -> Option<&'static [&'static str]> {
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

/// `text` in big digits `scale` times the size: `3 x scale` rows, each pixel `scale` columns
/// wide. `None` if the font lacks a character.
pub fn render_scaled(text: &str, scale: usize) -> Option<Vec<String>> {
    let scale = scale.max(1);
    let mut rows = vec![String::new(); HEIGHT * scale];
    for (i, c) in text.chars().enumerate() {
        let glyph = bitmap(c)?;
        let glyph_width = glyph[0].len() * scale;
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

/// The width in columns of `text` in big digits at a scale, or `None` if the font lacks a
/// character.
pub fn width(text: &str, scale: usize) -> Option<usize> {
    render_scaled(text, scale).and_then(|rows| rows.first().map(|r| r.chars().count()))
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
    }

    #[test]
    fn every_row_has_the_same_width() {
        let rows = render("-$1,234.56%+€£¥").expect("all glyphs exist");
        let widths: Vec<usize> = rows.iter().map(|r| r.chars().count()).collect();
        assert!(widths.iter().all(|&w| w == widths[0]), "{widths:?}");
    }
}
