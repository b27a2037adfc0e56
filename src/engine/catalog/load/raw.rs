//! Catalog files as written: the shapes serde reads, before any value is checked.

use serde::Deserialize;
use toml::Spanned;

use crate::engine::catalog::{Kind, Rounding, Unit};
use crate::engine::number::RawNumber;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawCatalog {
    pub(super) provider: Spanned<String>,
    pub(super) currency: Spanned<String>,
    pub(super) source: Option<String>,
    pub(super) as_of: Option<Spanned<toml::Value>>,
    pub(super) stale_after_days: Option<RawNumber>,
    #[allow(dead_code)]
    pub(super) note: Option<String>,
    #[serde(default)]
    pub(super) model: Vec<Spanned<RawModel>>,
}

/// The pricing fields shared by a model and its quotes, declared once for both.
macro_rules! priced_struct {
    ($name:ident { $($(#[$attr:meta])* $field:ident : $ty:ty,)* }) => {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        pub(super) struct $name {
            $($(#[$attr])* pub(super) $field: $ty,)*
            pub(super) unit: Spanned<Unit>,
            pub(super) source: Option<String>,
            pub(super) as_of: Option<Spanned<toml::Value>>,
            pub(super) price: Option<RawNumber>,
            pub(super) input: Option<RawNumber>,
            pub(super) output: Option<RawNumber>,
            pub(super) rates: Option<Spanned<Vec<Spanned<RawRate>>>>,
            #[serde(default)]
            pub(super) multipliers: Vec<Spanned<RawMultiplier>>,
            #[serde(default)]
            pub(super) round: Rounding,
            pub(super) base: Option<Spanned<RawBase>>,
            pub(super) free_tier: Option<RawNumber>,
        }

        impl $name {
            pub(super) fn pricing_fields(&self) -> PricingFields<'_> {
                PricingFields {
                    unit: &self.unit,
                    source: self.source.as_deref(),
                    as_of: self.as_of.as_ref(),
                    price: self.price.as_ref(),
                    input: self.input.as_ref(),
                    output: self.output.as_ref(),
                    rates: self.rates.as_ref(),
                    multipliers: &self.multipliers,
                    round: self.round,
                    base: self.base.as_ref(),
                    free_tier: self.free_tier.as_ref(),
                }
            }
        }
    };
}

priced_struct!(RawModel {
    id: Spanned<String>,
    name: Option<String>,
    kind: Spanned<Kind>,
    note: Option<String>,
    inputs: Option<Vec<Spanned<String>>>,
    limits: Option<Spanned<RawLimits>>,
    #[serde(default)]
    quote: Vec<Spanned<RawQuote>>,
});

priced_struct!(RawQuote {
    name: Spanned<String>,
});

pub(super) struct PricingFields<'a> {
    pub(super) unit: &'a Spanned<Unit>,
    pub(super) source: Option<&'a str>,
    pub(super) as_of: Option<&'a Spanned<toml::Value>>,
    pub(super) price: Option<&'a RawNumber>,
    pub(super) input: Option<&'a RawNumber>,
    pub(super) output: Option<&'a RawNumber>,
    pub(super) rates: Option<&'a Spanned<Vec<Spanned<RawRate>>>>,
    pub(super) multipliers: &'a [Spanned<RawMultiplier>],
    pub(super) round: Rounding,
    pub(super) base: Option<&'a Spanned<RawBase>>,
    pub(super) free_tier: Option<&'a RawNumber>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawRate {
    pub(super) resolution: Option<String>,
    pub(super) audio: Option<bool>,
    pub(super) seconds: Option<RawNumber>,
    pub(super) steps: Option<RawNumber>,
    pub(super) price: Option<RawNumber>,
    pub(super) input: Option<RawNumber>,
    pub(super) output: Option<RawNumber>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawMultiplier {
    pub(super) frames_above: Option<RawNumber>,
    pub(super) seconds_above: Option<RawNumber>,
    pub(super) resolution: Option<String>,
    pub(super) audio: Option<bool>,
    pub(super) factor: RawNumber,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawBase {
    pub(super) price: RawNumber,
    pub(super) includes: RawNumber,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawLimits {
    pub(super) min_seconds: Option<RawNumber>,
    pub(super) max_seconds: Option<RawNumber>,
    pub(super) min_frames: Option<RawNumber>,
    pub(super) max_frames: Option<RawNumber>,
}
