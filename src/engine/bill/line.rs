//! One line of the bill and the rule that priced it.

use std::fmt;
use std::sync::Arc;

use rust_decimal::Decimal;

use crate::engine::catalog::{Model, Pricing};
use crate::engine::money;
use crate::engine::pricing::Priced;
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
    /// Billed calls per video, rerolls and retries included.
    pub quantity: Decimal,
    /// Billed attempts per accepted output.
    pub attempts: Decimal,
    /// What the line adds to one video.
    pub per_video: Decimal,
    /// Its share of the bill, in [0, 1]; `None` when the bill is zero.
    pub share: Option<Decimal>,
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

    /// The rule that fired, e.g. `720p $0.40/clip, >81 frames x1.25`.
    pub fn rule(&self) -> LineRule<'_> {
        LineRule(self)
    }
}

/// A line's price rule for display, with rerolls, fallback and free tier noted.
pub struct LineRule<'a>(&'a Line);

impl fmt::Display for LineRule<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let line = self.0;
        write!(f, "{}", line.pricing().explain(&line.priced))?;
        if let Some(name) = &line.pricing().name {
            write!(f, " [{name}]")?;
        }
        if line.free_units > Decimal::ZERO {
            write!(f, ", {} free", line.free_units.normalize())?;
        }
        if let Some(fb) = &line.fallback {
            write!(
                f,
                ", {}% via {} at {}",
                (fb.share * Decimal::ONE_HUNDRED).normalize(),
                fb.model.id,
                money::price(fb.cost)
            )?;
        }
        if line.attempts != Decimal::ONE {
            write!(f, ", x{} attempts", money::round(line.attempts, 4).normalize())?;
        }
        Ok(())
    }
}
