//! Warnings on a bill, kept as data while the bill is computed; `crate::format::warning` puts
//! them into words, in the bill's currency, only when shown: a bill is re-evaluated on every
//! keypress, and most of its warnings are never read twice.

use std::sync::Arc;

use rust_decimal::Decimal;

use super::asof::AsOf;
use super::catalog::{Model, Pricing};
use super::pricing::Priced;
use super::scenario::{Stage, UsageField};
use super::source::{Origin, SourceFile};

/// What a warning is about.
#[derive(Debug, Clone)]
pub enum WarningKind {
    /// Two sources price the same call differently.
    Disagreement {
        /// The model.
        model: Arc<Model>,
        /// The pricing the bill used: `None` for the catalog's own, else a quote's index.
        used: Option<usize>,
        /// The other pricing.
        other: Option<usize>,
        /// What one call costs in the bill, in the model's currency.
        ours: Decimal,
        /// What the other pricing makes of the same call, in the model's currency.
        theirs: Priced,
    },
    /// A free tier was not applied because the step is not a monthly one.
    FreeTierOffMonth {
        /// The storage model.
        model: Arc<Model>,
        /// The step's stage.
        stage: Stage,
    },
    /// What a video sells for leaves less margin than the scenario aims for.
    MarginBelowTarget {
        /// The margin, as a share of the price.
        share: Decimal,
        /// The margin aimed for.
        target: Decimal,
        /// The price of a video, in the bill's currency.
        price: Decimal,
        /// Credits and the price of one, when sold in credits.
        credits: Option<(Decimal, Decimal)>,
    },
    /// A price is older than its catalog allows.
    StalePrice {
        /// The model.
        model: Arc<Model>,
        /// When its price was read.
        as_of: AsOf,
        /// Days since the last day `as_of` covers.
        age_days: i64,
        /// Days a price stays fresh.
        limit_days: u32,
    },
    /// A step gives a usage field that no price of its model reads.
    UnusedField {
        /// The field.
        field: UsageField,
        /// The model that has no use for it.
        model: Arc<Model>,
    },
    /// A parameter the scenario declares that no step or sale figure reads.
    UnreadParameter {
        /// Its name.
        name: Arc<str>,
    },
    /// The trimmed scene is longer than the clip it is cut from.
    TrimLongerThanClip {
        /// The finished length asked for.
        finished: Decimal,
        /// The clip's length, used instead.
        clip: Decimal,
    },
}

/// A warning with its place: a line of a file, or the file as a whole.
#[derive(Debug, Clone)]
pub struct Warning {
    /// The line it is about, when it has one.
    pub origin: Option<Origin>,
    /// The file it is about.
    pub file: Arc<SourceFile>,
    /// What it says.
    pub kind: WarningKind,
}

impl WarningKind {
    /// For a disagreement, the pricing the bill used and the other one.
    pub fn pricings(&self) -> Option<(&Pricing, &Pricing)> {
        match self {
            Self::Disagreement { model, used, other, .. } => Some((pricing(model, *used), pricing(model, *other))),
            _ => None,
        }
    }
}

fn pricing(model: &Model, index: Option<usize>) -> &Pricing {
    index.and_then(|i| model.quotes.get(i)).unwrap_or(&model.pricing)
}
