//! Parsing a catalog one `[[model]]` table at a time.
//!
//! The toml crate tokenises a whole document and builds a tree of it before handing anything to
//! serde: about 45 bytes of memory per byte of text, so a 60 MB catalog would take 2.7 GB. A
//! catalog is a short header and then a list of `[[model]]` tables, so the text is cut before
//! each `[[model]]` line and each piece is parsed on its own, its spans moved to where the piece
//! sits in the file. Only one piece's tree is alive at a time.
//!
//! A cut can only be wrong inside a multi-line string that holds a `[[model]]` line; the piece
//! that opens such a string then fails to parse, and the caller parses the whole file instead,
//! so every message is what a whole-file parse gives.

use std::ops::Range;

use serde::Deserialize;
use toml::Spanned;

use super::{RawBase, RawCatalog, RawLimits, RawModel, RawMultiplier, RawQuote, RawRate};
use crate::engine::catalog::{Kind, Rounding, Unit};

/// Below this size a catalog is parsed whole: the tree of a small file costs nothing.
const WHOLE_BELOW: usize = 256 << 10;

/// The places where a catalog's text can be cut: the start of each `[[model]]` line. `None` when
/// the file is small enough to parse whole, or has no such line.
pub(super) fn cuts(text: &str) -> Option<Vec<usize>> {
    if text.len() < WHOLE_BELOW {
        return None;
    }
    let mut cuts = Vec::new();
    let mut offset: usize = 0;
    for line in text.split_inclusive('\n') {
        let body = line.trim_start();
        if let Some(rest) = body.strip_prefix("[[model]]")
            && (rest.trim().is_empty() || rest.trim_start().starts_with('#'))
        {
            cuts.push(offset.saturating_add(line.len().saturating_sub(body.len())));
        }
        offset = offset.saturating_add(line.len());
    }
    (!cuts.is_empty()).then_some(cuts)
}

/// The header before the first cut: everything but the models.
pub(super) fn header(text: &str, first_cut: usize) -> Option<RawCatalog> {
    toml::from_str(text.get(..first_cut)?).ok()
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Piece {
    model: Vec<Spanned<RawModel>>,
}

/// The models of the piece `range`, spans as in the whole file; `None` when the piece does not
/// parse on its own (the caller then parses the whole file for the message).
pub(super) fn models(text: &str, range: Range<usize>) -> Option<Vec<Spanned<RawModel>>> {
    let start = range.start;
    let piece: Piece = toml::from_str(text.get(range)?).ok()?;
    Some(piece.model.into_iter().map(|m| m.shift(start)).collect())
}

/// A parsed value whose spans are moved by a number of bytes.
pub(super) trait Shift {
    fn shift(self, by: usize) -> Self;
}

impl<T: Shift> Shift for Spanned<T> {
    fn shift(self, by: usize) -> Self {
        let span = self.span();
        Spanned::new(
            span.start.saturating_add(by)..span.end.saturating_add(by),
            self.into_inner().shift(by),
        )
    }
}

impl<T: Shift> Shift for Option<T> {
    fn shift(self, by: usize) -> Self {
        self.map(|v| v.shift(by))
    }
}

impl<T: Shift> Shift for Vec<T> {
    fn shift(self, by: usize) -> Self {
        self.into_iter().map(|v| v.shift(by)).collect()
    }
}

/// Values that hold no spans.
macro_rules! unspanned {
    ($($ty:ty),*) => {
        $(impl Shift for $ty {
            fn shift(self, _: usize) -> Self {
                self
            }
        })*
    };
}

unspanned!(String, bool, Kind, Unit, Rounding, toml::Value);

/// Structs whose every field is shifted.
macro_rules! shift_fields {
    ($($ty:ident { $($field:ident),* })*) => {
        $(impl Shift for $ty {
            fn shift(self, by: usize) -> Self {
                // Spelled out in full, so a new field that is not shifted does not compile.
                let $ty { $($field),* } = self;
                $ty { $($field: $field.shift(by)),* }
            }
        })*
    };
}

shift_fields! {
    RawRate { resolution, audio, seconds, steps, price, input, output }
    RawMultiplier { frames_above, seconds_above, resolution, audio, factor }
    RawBase { price, includes }
    RawLimits { min_seconds, max_seconds, min_frames, max_frames }
    RawQuote {
        name, unit, source, as_of, price, input, output, rates, multipliers, round, base, free_tier
    }
    RawModel {
        id, name, kind, note, inputs, limits, quote,
        unit, source, as_of, price, input, output, rates, multipliers, round, base, free_tier
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_before_each_model_table_of_a_large_file() {
        let model = "\n[[model]]\nid = \"m\"\nkind = \"image\"\nunit = \"image\"\nprice = 0.01\n";
        let text = format!(
            "provider = \"P\"\ncurrency = \"USD\"\n{}",
            model.repeat(WHOLE_BELOW / model.len() + 1)
        );
        let cuts = cuts(&text).expect("large enough to cut");
        assert_eq!(cuts[0], "provider = \"P\"\ncurrency = \"USD\"\n\n".len());
        assert!(cuts.iter().all(|&c| text[c..].starts_with("[[model]]")));
        let models = models(&text, cuts[1]..cuts[2]).expect("a piece parses");
        assert_eq!(models[0].span().start, cuts[1]);
        assert_eq!(&text[models[0].get_ref().id.span()], "\"m\"");
        assert!(super::cuts(&text[..1000]).is_none(), "a small file is parsed whole");
    }

    #[test]
    fn a_model_line_inside_a_multi_line_string_is_not_a_cut() {
        use crate::engine::SourceFile;
        let model =
            |i: usize| format!("\n[[model]]\nid = \"m/{i}\"\nkind = \"image\"\nunit = \"image\"\nprice = 0.01\n");
        let mut text = String::from("provider = \"P\"\ncurrency = \"USD\"\n");
        let count = WHOLE_BELOW / model(0).len() + 10;
        for i in 0..count {
            text.push_str(&model(i));
            if i == 7 {
                text.push_str("note = \"\"\"\n[[model]]\nnot a table\n\"\"\"\n");
            }
        }
        let file = SourceFile::new("big.toml", text);
        let catalog = super::super::load_catalog(&file).expect("valid");
        assert_eq!(catalog.models.len(), count);
        assert_eq!(catalog.models[7].note.as_deref(), Some("[[model]]\nnot a table\n"));
        // Located the same as a whole-file parse would: the last model's line.
        let last = &catalog.models[count - 1];
        assert_eq!(last.origin.line(), file.text().lines().count() - 4);
    }
}
