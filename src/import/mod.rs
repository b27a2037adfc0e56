//! Importing other tools' price lists into reelcost catalogs: litellm's
//! `model_prices_and_context_window.json` today.
//!
//! Pure like the engine: handed the file's text, it returns the catalogs' text and a summary of
//! what it left out; the command reads and writes the files.

pub mod diff;
mod json;
pub mod litellm;
mod write;

use std::collections::{BTreeMap, HashMap};
use std::fmt;

use rust_decimal::Decimal;

use crate::engine::{Kind, Unit};

pub use json::JsonError;
pub use write::file_name;

/// How an entry is priced once imported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Price {
    /// One price per unit.
    One(Decimal),
    /// Prices keyed by resolution (or image size), with a default for any other.
    Rates {
        /// (resolution, price), in the order written.
        rates: Vec<(String, Decimal)>,
        /// The price at other resolutions; none means other resolutions are not offered.
        default: Option<Decimal>,
    },
    /// Per million tokens in and out.
    Tokens {
        /// Per million input tokens.
        input: Decimal,
        /// Per million output tokens.
        output: Decimal,
    },
}

/// Why an entry or a field was not imported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Reason {
    /// No price field reelcost can express.
    NoPrice,
    /// Every price is zero, litellm's way of not knowing.
    AllZero,
    /// A per-token price for input or output alone.
    OneSidedTokens,
    /// A price that is not a number.
    NotANumber,
    /// The id is already priced by a catalog that is not being imported.
    IdTaken,
    /// A price of zero beside a real one.
    Zero,
    /// A prompt-cache price.
    Cache,
    /// A batch, flex, priority or long-context tier.
    Tier,
    /// A price per input image or input image token.
    InputImage,
    /// Per-token prices beside a price per output.
    TokensBeside,
    /// A second price for the same output; litellm bills the one imported.
    Alternative,
    /// A price reelcost has no unit for.
    OtherCost,
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::NoPrice => "no price reelcost can express",
            Self::AllZero => "every price is zero (litellm's placeholder for an unknown price)",
            Self::OneSidedTokens => "a per-token price for one side only (input or output)",
            Self::NotANumber => "a price that is not a number",
            Self::IdTaken => "the id is already priced by another catalog, which is kept",
            Self::Zero => "zero beside a real price (litellm's placeholder)",
            Self::Cache => "a prompt-cache price",
            Self::Tier => "a batch, flex, priority or long-context tier",
            Self::InputImage => "a price per input image",
            Self::TokensBeside => "per-token prices beside the price per output",
            Self::Alternative => "a second price for the same output; the imported one is what litellm bills",
            Self::OtherCost => "a price reelcost has no unit for",
        })
    }
}

/// A price field left out of an imported model.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeftOut {
    /// The field's name.
    pub field: String,
    /// Its JSON text.
    pub value: String,
    /// Why.
    pub reason: Reason,
}

/// One imported model.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Model {
    /// The litellm key, unchanged.
    pub id: String,
    /// `litellm_provider`.
    pub provider: String,
    /// What it makes.
    pub kind: Kind,
    /// What one billed unit is.
    pub unit: Unit,
    /// Its price.
    pub price: Price,
    /// The entry's `source`.
    pub source: Option<String>,
    /// `metadata.comment`.
    pub note: Option<String>,
    /// `supported_modalities`: what it takes in (text, image, video, audio).
    pub inputs: Vec<String>,
    /// Price fields not imported.
    pub left_out: Vec<LeftOut>,
}

/// An entry not imported, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    /// The litellm key.
    pub id: String,
    /// `litellm_provider`.
    pub provider: String,
    /// Why.
    pub reason: Reason,
    /// The catalog that already prices the id, for [`Reason::IdTaken`].
    pub taken_by: Option<String>,
}

/// What to import.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Only these providers; all when empty.
    pub providers: Vec<String>,
    /// Ids priced by catalogs that stay as they are, with the catalog's path: those win.
    pub reserved: HashMap<String, String>,
}

/// The result of reading a litellm file.
#[derive(Debug, Clone, Default)]
pub struct Import {
    /// Imported models, by provider, each list sorted by id.
    pub models: BTreeMap<String, Vec<Model>>,
    /// Entries of media modes not imported, by provider.
    pub skipped: BTreeMap<String, Vec<Skipped>>,
    /// Entries of other modes (chat, embedding, ...), which reelcost does not import.
    pub other_modes: usize,
}

impl Import {
    /// Every provider with something to write, sorted.
    pub fn providers(&self) -> Vec<&str> {
        let mut names: Vec<&str> = self
            .models
            .keys()
            .chain(self.skipped.keys())
            .map(String::as_str)
            .collect();
        names.sort_unstable();
        names.dedup();
        names
    }

    /// How many models were imported.
    pub fn model_count(&self) -> usize {
        self.models.values().map(Vec::len).sum()
    }

    /// Skipped entries and left-out fields counted by reason: (reason, entries, fields).
    pub fn reasons(&self) -> Vec<(Reason, usize, usize)> {
        let mut counts: BTreeMap<Reason, (usize, usize)> = BTreeMap::new();
        for skipped in self.skipped.values().flatten() {
            counts.entry(skipped.reason).or_default().0 += 1;
        }
        for left in self.models.values().flatten().flat_map(|m| &m.left_out) {
            counts.entry(left.reason).or_default().1 += 1;
        }
        counts.into_iter().map(|(r, (e, f))| (r, e, f)).collect()
    }

    /// The catalog text for one provider.
    pub fn catalog_text(&self, provider: &str, header: &write::Header<'_>) -> String {
        write::catalog(
            provider,
            self.models.get(provider).map_or(&[][..], Vec::as_slice),
            self.skipped.get(provider).map_or(&[][..], Vec::as_slice),
            header,
        )
    }
}

pub use write::Header;

/// Reads litellm's file and converts its video, image and speech entries.
pub fn import(text: &str, options: &Options) -> Result<Import, JsonError> {
    let entries = json::entries(text)?;
    let mut result = Import::default();
    for (id, fields) in entries {
        let mode = fields.get("mode").and_then(|m| json::string(m)).unwrap_or_default();
        let Some(kind) = litellm::kind_for(&mode) else {
            result.other_modes += 1;
            continue;
        };
        let provider = fields
            .get("litellm_provider")
            .and_then(|p| json::string(p))
            .unwrap_or_else(|| "unknown".to_owned());
        if !options.providers.is_empty() && !options.providers.contains(&provider) {
            continue;
        }
        let outcome = match options.reserved.get(&id) {
            Some(path) => Err((Reason::IdTaken, Some(path.clone()))),
            None => litellm::convert(&id, kind, &fields).map_err(|r| (r, None)),
        };
        match outcome {
            Ok(mut model) => {
                model.provider.clone_from(&provider);
                result.models.entry(provider).or_default().push(model);
            }
            Err((reason, taken_by)) => result.skipped.entry(provider.clone()).or_default().push(Skipped {
                id,
                provider,
                reason,
                taken_by,
            }),
        }
    }
    Ok(result)
}
