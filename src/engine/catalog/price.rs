//! How a model is billed: its pricing's rates, multipliers, base price and rounding, and where
//! the figures come from.

use std::sync::Arc;

use rust_decimal::Decimal;

use super::Unit;
use crate::engine::asof::AsOf;
use crate::engine::source::Origin;

/// A price: exact, or a range a source gives, whose midpoint is the point estimate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Amount {
    /// One figure.
    Exact(Decimal),
    /// A low and a high figure.
    Range {
        /// The lowest price given.
        low: Decimal,
        /// The highest price given.
        high: Decimal,
    },
}

/// Half a decimal; division by two never leaves the range.
fn half(value: Decimal) -> Decimal {
    value.checked_div(Decimal::TWO).unwrap_or(value)
}

impl Amount {
    /// The figure used in the bill: the price, or the midpoint of a range.
    pub fn point(self) -> Decimal {
        match self {
            Self::Exact(value) => value,
            // Halving first cannot overflow, where adding first can for prices near the maximum.
            Self::Range { low, high } => low
                .checked_add(high)
                .and_then(|sum| sum.checked_div(Decimal::TWO))
                // Halves of two decimals in range sum within range: nothing saturates.
                .unwrap_or_else(|| half(low).saturating_add(half(high))),
        }
    }

    /// True for a range.
    pub fn is_range(self) -> bool {
        matches!(self, Self::Range { .. })
    }
}

/// How a rate charges.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Charge {
    /// A price per unit.
    PerUnit(Amount),
    /// Token prices per million tokens in and out; apart, as they are twice a unit price's size.
    Tokens(Box<TokenPrices>),
}

impl Charge {
    /// A price per million tokens in and per million out.
    pub fn tokens(input: Amount, output: Amount) -> Self {
        Self::Tokens(Box::new(TokenPrices { input, output }))
    }
}

/// Prices per million tokens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TokenPrices {
    /// Per million input tokens.
    pub input: Amount,
    /// Per million output tokens.
    pub output: Amount,
}

/// One row of a price table: a price and the options it applies to.
///
/// A catalog of a hundred thousand models holds hundreds of thousands of rates, so the options
/// few rates have (a fixed length or step count) are kept apart.
#[derive(Debug, Clone)]
pub struct Rate {
    /// The output resolution it applies to; any when absent.
    pub resolution: Option<Arc<str>>,
    /// Whether it is the price with audio or without; either when absent.
    pub audio: Option<bool>,
    /// The price.
    pub charge: Charge,
    /// A fixed clip length or step count, when the price is for one.
    fixed: Option<Box<Fixed>>,
    /// Where the rate is written.
    pub origin: Origin,
}

/// A fixed clip length or number of training steps a price is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Fixed {
    seconds: Option<Decimal>,
    steps: Option<u64>,
}

impl Rate {
    /// A rate for these options.
    pub fn new(
        resolution: Option<Arc<str>>,
        audio: Option<bool>,
        (seconds, steps): (Option<Decimal>, Option<u64>),
        charge: Charge,
        origin: Origin,
    ) -> Self {
        let fixed = (seconds.is_some() || steps.is_some()).then(|| Box::new(Fixed { seconds, steps }));
        Self {
            resolution,
            audio,
            charge,
            fixed,
            origin,
        }
    }

    /// A fixed clip length this price is for; other lengths are not offered.
    pub fn seconds(&self) -> Option<Decimal> {
        self.fixed.as_ref().and_then(|f| f.seconds)
    }

    /// A fixed number of training steps this price is for.
    pub fn steps(&self) -> Option<u64> {
        self.fixed.as_ref().and_then(|f| f.steps)
    }
}

/// A factor applied when a condition holds, such as WAN's x1.25 above 81 frames.
#[derive(Debug, Clone)]
pub struct Multiplier {
    /// Applies when the clip has more frames than this.
    pub frames_above: Option<u32>,
    /// Applies when the clip is longer than this many seconds.
    pub seconds_above: Option<Decimal>,
    /// Applies only at this resolution.
    pub resolution: Option<Arc<str>>,
    /// Applies only with (or without) audio.
    pub audio: Option<bool>,
    /// The factor.
    pub factor: Decimal,
    /// Where the multiplier is written.
    pub origin: Origin,
}

/// A base price that covers the first units, as in "5 s base $0.45, $0.09 per extra second".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Base {
    /// The price of the included units.
    pub price: Decimal,
    /// How many units the base price includes.
    pub includes: Decimal,
}

/// How billed units are rounded before pricing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rounding {
    /// Billed exactly as measured.
    #[default]
    Exact,
    /// To the nearest whole unit, halves up.
    Nearest,
    /// Up to the next whole unit.
    Up,
    /// Down to the whole unit.
    Down,
}

impl Rounding {
    /// Rounds a measured quantity into billed units.
    pub fn apply(self, units: Decimal) -> Decimal {
        use rust_decimal::RoundingStrategy as S;
        match self {
            Self::Exact => units,
            Self::Nearest => units.round_dp_with_strategy(0, S::MidpointAwayFromZero),
            Self::Up => units.ceil(),
            Self::Down => units.floor(),
        }
    }
}

/// Where a price comes from.
#[derive(Debug, Clone, Default)]
pub struct Provenance {
    /// A URL or document.
    pub source: Option<Arc<str>>,
    /// When the price was read.
    pub as_of: Option<AsOf>,
    /// Where `as_of` is written, in the model or its catalog.
    pub as_of_origin: Option<Origin>,
}

/// One way a model is priced: the catalog's own, or an alternative quote from another source.
#[derive(Debug, Clone)]
pub struct Pricing {
    /// The quote's name; `None` for the model's own pricing.
    pub name: Option<Arc<str>>,
    /// What one unit is.
    pub unit: Unit,
    /// The price table.
    pub rates: Box<[Rate]>,
    /// Conditional factors.
    pub multipliers: Box<[Multiplier]>,
    /// How measured quantities become billed units.
    pub round: Rounding,
    /// A base price or a free tier, which few pricings have: kept apart, as a catalog can hold a
    /// hundred thousand pricings.
    pub included: Option<Box<Included>>,
    /// Where this price comes from; the pricings of a catalog that say nothing of their own
    /// share the catalog's.
    pub provenance: Arc<Provenance>,
    /// Where it is written.
    pub origin: Origin,
}

/// Units a pricing includes: under a base price, or free each month.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Included {
    /// A base price covering the first units.
    pub base: Option<Base>,
    /// Units free each month (storage).
    pub free_tier: Option<Decimal>,
}

impl Included {
    /// What a pricing keeps of these: nothing when neither is given.
    pub fn boxed(base: Option<Base>, free_tier: Option<Decimal>) -> Option<Box<Self>> {
        (base.is_some() || free_tier.is_some()).then(|| Box::new(Self { base, free_tier }))
    }
}

impl Pricing {
    /// A base price covering the first units.
    pub fn base(&self) -> Option<Base> {
        self.included.as_ref().and_then(|i| i.base)
    }

    /// Units free each month (storage).
    pub fn free_tier(&self) -> Option<Decimal> {
        self.included.as_ref().and_then(|i| i.free_tier)
    }

    /// The resolutions its rates name, in the order written.
    pub fn resolutions(&self) -> Vec<Arc<str>> {
        let mut seen: Vec<Arc<str>> = Vec::new();
        for rate in &self.rates {
            if let Some(r) = &rate.resolution
                && !seen.iter().any(|s| s == r)
            {
                seen.push(Arc::clone(r));
            }
        }
        seen
    }

    /// True when some rate is for output with audio.
    pub fn offers_audio(&self) -> bool {
        self.rates.iter().any(|r| r.audio == Some(true))
    }

    /// The fixed clip lengths it is sold in, if it is sold only in those.
    pub fn fixed_seconds(&self) -> Vec<Decimal> {
        let mut lengths: Vec<Decimal> = self.rates.iter().filter_map(Rate::seconds).collect();
        lengths.sort();
        lengths.dedup();
        lengths
    }
}
