//! Loading only the imported catalogs a bill needs.
//!
//! `reelcost import` writes hundreds of models, and parsing their TOML is most of the time a
//! one-off report would take. A catalog it wrote starts with [`GENERATED_MARK`]; such a catalog
//! is loaded only when it has a model a caller names. Catalogs written by hand always load, so
//! every error in them is still reported; `check` loads everything.

use std::sync::Arc;

use super::Catalogs;
use super::load::load_catalogs;
use crate::engine::{Diagnostics, SourceFile};

/// How every catalog written by `reelcost import` begins.
pub const GENERATED_MARK: &str = "# Imported from ";

/// Loads every catalog written by hand, and each generated one that has a model in `ids`.
pub fn load_catalogs_needed(files: &[Arc<SourceFile>], ids: &[&str]) -> Result<Catalogs, Diagnostics> {
    // An id that TOML would escape is not found by a plain search, so then everything loads.
    let plain = ids
        .iter()
        .all(|id| !id.chars().any(|c| c == '"' || c == '\\' || c.is_control()));
    let patterns: Vec<String> = ids.iter().map(|id| format!("id = \"{id}\"")).collect();
    let needed: Vec<Arc<SourceFile>> = files
        .iter()
        .filter(|f| !plain || !f.text().starts_with(GENERATED_MARK) || patterns.iter().any(|p| f.text().contains(p)))
        .cloned()
        .collect();
    load_catalogs(&needed)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn catalog(name: &str, mark: bool, id: &str) -> Arc<SourceFile> {
        let head = if mark {
            format!("{GENERATED_MARK}x.json\n")
        } else {
            String::new()
        };
        SourceFile::new(
            name,
            format!(
                "{head}provider = \"P\"\ncurrency = \"USD\"\n[[model]]\nid = \"{id}\"\nkind = \"image\"\nunit = \"image\"\nprice = 1\n"
            ),
        )
    }

    #[test]
    fn generated_catalogs_load_only_when_named_and_hand_written_ones_always() {
        let files = [
            catalog("seed.toml", false, "seed/a"),
            catalog("litellm-x.toml", true, "x/b"),
            catalog("litellm-y.toml", true, "y/c"),
        ];
        let loaded = load_catalogs_needed(&files, &["x/b"]).expect("loads");
        let ids: Vec<&str> = loaded.models().map(|m| &*m.id).collect();
        assert_eq!(ids, ["seed/a", "x/b"]);
        let broken = [
            catalog("litellm-z.toml", true, "z/d"),
            SourceFile::new("seed.toml", "provider = 1"),
        ];
        assert!(
            load_catalogs_needed(&broken, &["z/d"]).is_err(),
            "a catalog written by hand is checked"
        );
        let odd = load_catalogs_needed(&files, &["a\"b"]).expect("loads");
        assert_eq!(odd.len(), 3, "an id with a quote loads everything");
    }
}
