//! A model a provider sells: what it makes, how it is priced, what it can generate, and who
//! sells it.

use std::sync::Arc;

use rust_decimal::Decimal;

use super::{Kind, Pricing};
use crate::engine::source::Origin;

/// Limits on what a model can generate.
#[derive(Debug, Clone, Default)]
pub struct Limits {
    /// Shortest clip.
    pub min_seconds: Option<Decimal>,
    /// Longest clip.
    pub max_seconds: Option<Decimal>,
    /// Fewest frames.
    pub min_frames: Option<u32>,
    /// Most frames.
    pub max_frames: Option<u32>,
    /// Where the limits are written.
    pub origin: Option<Origin>,
}

/// A model a provider sells.
#[derive(Debug, Clone)]
pub struct Model {
    /// The provider's identifier, e.g. `fal-ai/wan-i2v`.
    pub id: Arc<str>,
    /// A readable name.
    pub name: Arc<str>,
    /// What it produces.
    pub kind: Kind,
    /// Its catalog's provider, currency and freshness, shared by the catalog's models.
    pub seller: Arc<Seller>,
    /// The catalog's own pricing.
    pub pricing: Pricing,
    /// Alternative prices for the same model from other sources.
    pub quotes: Box<[Pricing]>,
    /// What it can generate; models without limits share one empty set.
    pub limits: Arc<Limits>,
    /// A free-text note from the catalog.
    pub note: Option<Arc<str>>,
    /// What it takes in (`inputs`: text, image, video, audio); empty when the catalog does not say.
    pub inputs: Box<[Arc<str>]>,
    /// Where the model is written.
    pub origin: Origin,
    /// Where its id is written.
    pub id_origin: Origin,
}

/// Who sells a catalog's models: what every model of a catalog shares.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Seller {
    /// The provider named by the catalog.
    pub provider: Arc<str>,
    /// The catalog's currency.
    pub currency: Arc<str>,
    /// Days its prices stay fresh, when the catalog says (`stale_after_days`).
    pub stale_after_days: Option<u32>,
}

impl Model {
    /// The provider named by its catalog.
    pub fn provider(&self) -> &Arc<str> {
        &self.seller.provider
    }

    /// The catalog's currency.
    pub fn currency(&self) -> &Arc<str> {
        &self.seller.currency
    }

    /// Days its prices stay fresh, when its catalog says (`stale_after_days`).
    pub fn stale_after_days(&self) -> Option<u32> {
        self.seller.stale_after_days
    }

    /// The pricing to use: a named quote, or the model's own when `None`.
    pub fn pricing(&self, quote: Option<&str>) -> Option<&Pricing> {
        match quote {
            None => Some(&self.pricing),
            Some(name) => self.quotes.iter().find(|q| q.name.as_deref() == Some(name)),
        }
    }

    /// True when it can start from an image: its catalog says so in `inputs`, or, when the
    /// catalog lists no inputs, its id names an image-to-video or reference mode.
    pub fn takes_image(&self) -> bool {
        if !self.inputs.is_empty() {
            return self.inputs.iter().any(|i| &**i == "image");
        }
        // Compared in place, case aside: a list of a hundred thousand models asks this of each.
        let id = self.id.as_bytes();
        [
            "i2v",
            "image-to-video",
            "img2vid",
            "r2v",
            "reference-to-video",
            "image2video",
        ]
        .iter()
        .any(|mark| id.windows(mark.len()).any(|w| w.eq_ignore_ascii_case(mark.as_bytes())))
    }

    /// The model's own pricing followed by every quote.
    pub fn all_pricings(&self) -> impl Iterator<Item = &Pricing> {
        std::iter::once(&self.pricing).chain(&self.quotes)
    }
}
