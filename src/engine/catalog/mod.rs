//! Price catalogs: one file per provider, each listing models and how they are billed.
#![warn(clippy::arithmetic_side_effects)]

mod load;
mod model;
mod needed;
mod parallel;
mod price;

use std::fmt;
use std::sync::Arc;

use rust_decimal::Decimal;

pub use load::{combine_catalogs, load_catalog, load_catalogs};
pub use model::{Limits, Model, Seller};
pub use needed::{GENERATED_MARK, load_catalogs_needed};
pub use price::{Amount, Base, Charge, Included, Multiplier, Pricing, Provenance, Rate, Rounding, TokenPrices};

/// What a model produces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// Video clips.
    Video,
    /// Still images, including edits and upscales.
    Image,
    /// Speech or other sound.
    Audio,
    /// Text from a language model.
    Text,
    /// Fine-tuning runs.
    Training,
    /// Storage billed by size and time.
    Storage,
    /// A fixed cost, such as a server's monthly baseline.
    Fixed,
}

/// What one billed unit is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    /// One API call.
    Call,
    /// One generated clip, whatever its length.
    Clip,
    /// One generated image.
    Image,
    /// One training run.
    Run,
    /// One second of output.
    Second,
    /// One megapixel of output.
    Megapixel,
    /// One training step.
    Step,
    /// One character of input text, as speech is priced.
    Character,
    /// Tokens in and out, priced per million.
    Token,
    /// One gigabyte kept for a month.
    GbMonth,
    /// One month.
    Month,
}

impl Unit {
    /// The short name used after a price, as in `$0.40/clip`.
    pub fn short(self) -> &'static str {
        match self {
            Self::Call => "call",
            Self::Clip => "clip",
            Self::Image => "image",
            Self::Run => "run",
            Self::Second => "s",
            Self::Megapixel => "MP",
            Self::Step => "step",
            Self::Character => "character",
            Self::Token => "1M tokens",
            Self::GbMonth => "GB-month",
            Self::Month => "month",
        }
    }

    /// The unit's name in a sentence: `clip`, `second`, `megapixel`.
    pub fn noun(self) -> &'static str {
        match self {
            Self::Second => "second",
            Self::Megapixel => "megapixel",
            Self::Token => "token",
            other => other.short(),
        }
    }

    /// The short name after a quantity, as in `1500 steps` or `10 s`.
    pub fn counted(self, quantity: Decimal) -> &'static str {
        match self {
            Self::Step if quantity != Decimal::ONE => "steps",
            Self::Character if quantity != Decimal::ONE => "characters",
            Self::Token => "tokens",
            other => other.short(),
        }
    }

    /// True for units where each call is one unit.
    pub fn is_per_call(self) -> bool {
        matches!(self, Self::Call | Self::Clip | Self::Image | Self::Run | Self::Month)
    }
}

/// One loaded catalog file.
#[derive(Debug, Clone)]
pub struct Catalog {
    /// The provider's name.
    pub provider: Arc<str>,
    /// The currency of every price in it.
    pub currency: Arc<str>,
    /// Days its prices stay fresh, when it says (`stale_after_days`).
    pub stale_after_days: Option<u32>,
    /// Its models.
    pub models: Vec<Arc<Model>>,
    /// The file's path.
    pub path: String,
}

/// Every loaded catalog, with models found by id.
#[derive(Debug, Clone, Default)]
pub struct Catalogs {
    /// The catalogs in load order.
    pub files: Vec<Catalog>,
    // Found by id on every evaluation: FxHash is several times faster than SipHash on short ids.
    // Shared between copies (the dashboard copies its catalogs for each worker's job): a set of
    // a hundred thousand models is megabytes.
    by_id: Arc<rustc_hash::FxHashSet<ById>>,
}

/// A model found by its id: a set of these is a map from id to model that holds no second
/// pointer to each id.
#[derive(Debug, Clone)]
struct ById(Arc<Model>);

impl std::borrow::Borrow<str> for ById {
    fn borrow(&self) -> &str {
        &self.0.id
    }
}

impl std::hash::Hash for ById {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        // As the `str` it borrows as hashes, so that a lookup by `&str` finds it.
        self.0.id.hash(state);
    }
}

impl PartialEq for ById {
    fn eq(&self, other: &Self) -> bool {
        self.0.id == other.0.id
    }
}

impl Eq for ById {}

impl Catalogs {
    /// The model with this id.
    pub fn model(&self, id: &str) -> Option<&Arc<Model>> {
        self.by_id.get(id).map(|found| &found.0)
    }

    /// Every model, in catalog order.
    pub fn models(&self) -> impl Iterator<Item = &Arc<Model>> {
        self.files.iter().flat_map(|c| &c.models)
    }

    /// How many models are loaded.
    pub fn len(&self) -> usize {
        self.by_id.len()
    }

    /// True when no model is loaded.
    pub fn is_empty(&self) -> bool {
        self.by_id.is_empty()
    }

    /// A copy with some models replaced by others of the same id, as what-if analysis prices a
    /// bill at another unit price.
    pub fn with_models(&self, models: impl IntoIterator<Item = Arc<Model>>) -> Self {
        let mut next = self.clone();
        for model in models {
            for slot in next.files.iter_mut().flat_map(|c| c.models.iter_mut()) {
                if slot.id == model.id {
                    *slot = Arc::clone(&model);
                }
            }
            Arc::make_mut(&mut next.by_id).replace(ById(model));
        }
        next
    }

    /// The id closest to a mistyped one, for "did you mean".
    pub fn closest_id(&self, id: &str) -> Option<&str> {
        super::suggest::closest(id, self.by_id.iter().map(|m| &*m.0.id))
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = match self {
            Self::Video => "video",
            Self::Image => "image",
            Self::Audio => "audio",
            Self::Text => "text",
            Self::Training => "training",
            Self::Storage => "storage",
            Self::Fixed => "fixed",
        };
        f.write_str(name)
    }
}

/// A quote that disagrees with its model's catalog price at the quantity the quote names (e.g. a
/// per-run price for 1500 steps against a per-step price). Both costs are in the model's currency.
#[derive(Debug, Clone)]
pub struct QuoteDisagreement {
    /// The model.
    pub model: Arc<Model>,
    /// The quote's index in the model's quotes.
    pub quote: usize,
    /// The quote's rate that names the quantity.
    pub rate: usize,
    /// What the quote charges there.
    pub theirs: super::pricing::Priced,
    /// What the catalog price charges there.
    pub ours: super::pricing::Priced,
}

impl QuoteDisagreement {
    /// The quote's pricing.
    pub fn quote(&self) -> &Pricing {
        self.model.quotes.get(self.quote).unwrap_or(&self.model.pricing)
    }

    /// The rate that names the quantity.
    pub fn rate(&self) -> Option<&Rate> {
        self.quote().rates.get(self.rate)
    }
}

/// Quotes that disagree with their catalog price at the quantity they name.
pub fn disagreements(catalogs: &Catalogs) -> Vec<QuoteDisagreement> {
    use super::pricing::Usage;
    let mut found = Vec::new();
    for model in catalogs.models() {
        for (q, quote) in model.quotes.iter().enumerate() {
            for (r, rate) in quote.rates.iter().enumerate() {
                let usage = Usage {
                    steps: rate.steps(),
                    seconds: rate.seconds(),
                    resolution: rate.resolution.as_deref(),
                    audio: rate.audio.unwrap_or(false),
                    ..Usage::default()
                };
                let (Ok(theirs), Ok(ours)) = (quote.price(model.kind, &usage), model.pricing.price(model.kind, &usage))
                else {
                    continue;
                };
                if theirs.cost != ours.cost {
                    found.push(QuoteDisagreement {
                        model: Arc::clone(model),
                        quote: q,
                        rate: r,
                        theirs,
                        ours,
                    });
                }
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn model(text: &str) -> Arc<Model> {
        let file = crate::engine::SourceFile::new("c.toml", text);
        let catalog = load_catalog(&file).expect("a valid catalog");
        Arc::clone(&catalog.models[0])
    }

    #[test]
    fn a_model_takes_an_image_when_its_inputs_or_else_its_id_say_so() {
        let head = "provider = \"P\"\ncurrency = \"USD\"\n[[model]]\nkind = \"video\"\nunit = \"second\"\nprice = 1\n";
        assert!(model(&format!("{head}id = \"p/t2v\"\ninputs = [\"text\", \"image\"]\n")).takes_image());
        assert!(!model(&format!("{head}id = \"p/image-to-video\"\ninputs = [\"text\"]\n")).takes_image());
        assert!(model(&format!("{head}id = \"fal-ai/wan-i2v\"\n")).takes_image());
        assert!(model(&format!("{head}id = \"p/x/reference-to-video\"\n")).takes_image());
        assert!(!model(&format!("{head}id = \"kling/o3/text-to-video\"\n")).takes_image());
    }

    #[test]
    fn copies_share_the_set_by_id_until_one_changes_a_model() {
        let text = "provider = \"P\"\ncurrency = \"USD\"\n[[model]]\nid = \"p/a\"\nkind = \"image\"\nunit = \"image\"\nprice = 1\n";
        let catalogs = load::load_catalogs(&[crate::engine::SourceFile::new("c.toml", text)]).expect("valid");
        let copy = catalogs.clone();
        assert!(Arc::ptr_eq(&copy.by_id, &catalogs.by_id));
        let mut cheaper = (**catalogs.model("p/a").expect("loaded")).clone();
        cheaper.pricing.rates[0].charge = Charge::PerUnit(Amount::Exact(Decimal::new(5, 1)));
        let changed = catalogs.with_models([Arc::new(cheaper)]);
        let price = |c: &Catalogs| c.model("p/a").expect("loaded").pricing.rates[0].charge.clone();
        assert_eq!(price(&changed), Charge::PerUnit(Amount::Exact(Decimal::new(5, 1))));
        assert_eq!(price(&catalogs), Charge::PerUnit(Amount::Exact(Decimal::ONE)));
        assert_eq!(price(&copy), Charge::PerUnit(Amount::Exact(Decimal::ONE)));
        assert!(Arc::ptr_eq(
            changed.models().next().expect("one"),
            changed.model("p/a").expect("loaded")
        ));
    }

    /// A large catalog holds a model, its rates and multipliers, and their origins for each of
    /// hundreds of thousands of models: growing any of them moves the figures of BENCHMARKS.md
    /// section 8c. The model with its reference counts (240 bytes) fills a 256-byte allocation,
    /// two rates (176) a 192-byte one; a byte more and each takes the next size up.
    #[test]
    fn the_parts_of_a_large_catalog_keep_their_size() {
        use std::mem::size_of;
        assert!(
            size_of::<crate::engine::source::Origin>() <= 16,
            "Origin: {}",
            size_of::<crate::engine::source::Origin>()
        );
        assert!(size_of::<Model>() <= 224, "Model: {}", size_of::<Model>());
        assert!(size_of::<Rate>() <= 88, "Rate: {}", size_of::<Rate>());
        assert!(size_of::<Multiplier>() <= 80, "Multiplier: {}", size_of::<Multiplier>());
    }

    #[test]
    fn a_range_midpoint_near_the_maximum_does_not_overflow() {
        let high = Decimal::MAX;
        let low = high - Decimal::ONE;
        let mid = Amount::Range { low, high }.point();
        assert!(mid >= low && mid <= high);
        assert_eq!(
            Amount::Range {
                low: Decimal::ONE,
                high: Decimal::TWO
            }
            .point(),
            Decimal::new(15, 1)
        );
    }
}
