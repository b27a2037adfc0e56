//! One line of the bill; `crate::format::rule` says in words which rule priced it.

use std::sync::Arc;

use rust_decimal::Decimal;

use crate::engine::catalog::{Model, Pricing};
use crate::engine::pricing::Priced;
use crate::engine::ratio::Ratio;
use crate::engine::scenario::Stage;

/// Calls that failed over to a second model.
#[derive(Debug, Clone)]
pub struct FallbackLine {
    /// The model they went to.
    pub model: Arc<Model>,
    /// The share of calls.
    pub share: Decimal,
    /// What one call to it costs.
    pub cost: Decimal,
}

/// One line of the bill: a step, what one call costs, and how many calls a video needs.
#[derive(Debug, Clone)]
pub struct Line {
    /// When the step runs.
    pub stage: Stage,
    /// The step's index in the scenario.
    pub step: usize,
    /// What it is for.
    pub label: Arc<str>,
    /// The model that priced it.
    pub model: Arc<Model>,
    /// Which of the model's pricings: `None` for the catalog's own, else the quote's index.
    pub quote: Option<usize>,
    /// How one call was priced.
    pub priced: Priced,
    /// What one call costs in the bill's currency, fallback blended in.
    pub unit_price: Decimal,
    /// Billed calls per video, rerolls and retries included (divided out of `calls`).
    pub quantity: Decimal,
    /// Billed calls per video as an exact fraction: runs and attempts divide.
    pub calls: Ratio,
    /// Billed attempts per accepted output.
    pub attempts: Decimal,
    /// What the line adds to one video: `cost` divided out once.
    pub per_video: Decimal,
    /// What the line adds to one video as an exact fraction, from which every figure of the
    /// line and the totals is divided once.
    pub cost: Ratio,
    /// What the line costs in a month of videos: a month step's own price, exactly.
    pub per_month: Decimal,
    /// Calls that failed over.
    pub fallback: Option<FallbackLine>,
    /// Units a free tier took off.
    pub free_units: Decimal,
}

impl Line {
    /// The pricing that applied.
    pub fn pricing(&self) -> &Pricing {
        self.quote
            .and_then(|i| self.model.quotes.get(i))
            .unwrap_or(&self.model.pricing)
    }
}
