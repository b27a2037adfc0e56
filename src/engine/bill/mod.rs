//! Evaluating a scenario into an itemised bill per video.
//!
//! Each line keeps its cost per video as an exact fraction ([`Ratio`]): run counts and attempts
//! divide, and dividing them first would round every line. Every figure shown (a line's cost per
//! video or per month, the totals, a share) is one division of exact sums, made at the end.
#![warn(clippy::arithmetic_side_effects)]

use std::borrow::Cow;
use std::sync::Arc;

use rust_decimal::Decimal;

mod choose;
mod line;
mod overflow;
mod parts;
mod price;
mod reprice;
mod totals;
mod usage;

use super::money;
use super::params::Params;
use super::ratio::Ratio;
use super::scenario::{Scenario, Stage, Step};
use super::source::Diagnostics;
use super::warning::Warning;

pub use line::{FallbackLine, Line};
pub use reprice::{reprice, reprice_swapped};
pub use totals::{SaleFigure, SaleTotals, Totals, sale_totals};

/// An itemised bill for one video.
#[derive(Debug, Clone)]
pub struct Bill {
    /// One line per step, in scenario order.
    pub lines: Vec<Line>,
    /// The totals.
    pub totals: Totals,
    /// The currency of every figure.
    pub currency: Arc<str>,
    /// Things worth a look: disagreeing sources, trims, assumptions.
    pub warnings: Vec<Warning>,
}

impl Bill {
    /// Lines from the largest share of the bill to the smallest.
    pub fn largest_first(&self) -> Vec<&Line> {
        let mut lines: Vec<&Line> = self.lines.iter().collect();
        lines.sort_by_key(|l| std::cmp::Reverse(l.per_video));
        lines
    }

    /// A line's share of the bill, in [0, 1], divided once from the exact costs where it is
    /// shown; `None` when the bill is zero.
    pub fn share(&self, line: &Line) -> Option<Decimal> {
        if self.totals.cost.is_zero() {
            return None;
        }
        let share = line
            .cost
            .checked_div(self.totals.cost)
            .map_or(Decimal::ONE, Ratio::value);
        // Only a figure divided out of a fraction too large to keep can round past one.
        Some(share.min(Decimal::ONE))
    }
}

/// Evaluates a scenario at the given parameters against the loaded catalogs.
pub fn evaluate(scenario: &Scenario, catalogs: &super::Catalogs, params: &Params) -> Result<Bill, Diagnostics> {
    // Derived parameters are computed afresh from what they read; most scenarios have none.
    let params: Cow<'_, Params> = if params.schema.derivations.is_empty() {
        Cow::Borrowed(params)
    } else {
        let mut resolved = params.clone();
        resolved.resolve()?;
        Cow::Owned(resolved)
    };
    let params = &*params;
    let mut eval = Evaluation::new(scenario, catalogs, params);
    let mut lines = Vec::with_capacity(scenario.steps.len());
    let mut errors = Vec::new();
    for (index, step) in scenario.steps.iter().enumerate() {
        match eval.line(index, step) {
            Ok(line) => lines.push(line),
            Err(d) => errors.push(d),
        }
    }
    if !errors.is_empty() {
        return Err(Diagnostics(errors));
    }
    let costs: Vec<(usize, Ratio)> = lines.iter().map(|l| (l.step, l.cost)).collect();
    let totals = eval.totals(&lines, &costs)?;
    eval.unread_parameters();
    let currency = eval.currency.take().unwrap_or_else(|| "USD".into());
    Ok(Bill {
        lines,
        totals,
        currency,
        warnings: eval.warnings,
    })
}

/// The state of one evaluation: the parameters' run counts worked out once, the currency the
/// first line sets, the free tiers used so far and the warnings found.
struct Evaluation<'a> {
    scenario: &'a Scenario,
    catalogs: &'a super::Catalogs,
    params: &'a Params,
    warnings: Vec<Warning>,
    currency: Option<Arc<str>>,
    free_used: Vec<(Arc<str>, Decimal)>,
    /// Runs per video of each stage, as exact fractions.
    runs: [Ratio; 4],
    /// The clip length the parameters give, worked out once.
    seconds: Option<Decimal>,
    /// Billed attempts per accepted output under the scenario's reroll rate; `None` when there
    /// are too many to count.
    reroll: Option<Ratio>,
}

impl<'a> Evaluation<'a> {
    fn new(scenario: &'a Scenario, catalogs: &'a super::Catalogs, params: &'a Params) -> Self {
        let has = |stage| scenario.steps.iter().any(|s: &Step| s.stage == stage);
        let per = |n: u32, over: u64| Ratio::new(Decimal::from(n), Decimal::from(over.max(1))).unwrap_or(Ratio::ZERO);
        Evaluation {
            scenario,
            catalogs,
            params,
            warnings: Vec::new(),
            currency: scenario.currency.clone(),
            free_used: Vec::new(),
            // Only stages that have steps are divided out.
            runs: [
                Ratio::whole(Decimal::from(params.scenes)),
                if has(Stage::Character) {
                    per(params.characters, u64::from(params.videos_per_character))
                } else {
                    Ratio::ZERO
                },
                Ratio::ONE,
                if has(Stage::Month) {
                    per(1, params.videos_per_month)
                } else {
                    Ratio::ZERO
                },
            ],
            seconds: params.seconds(),
            // A rate in [0, 1) leaves 1 - p > 0; so close to 1 that the attempts leave the range
            // of a decimal, they cannot be counted and the steps that reroll report it.
            reroll: money::sub(Decimal::ONE, params.reroll_rate).and_then(|left| Ratio::new(Decimal::ONE, left)),
        }
    }

    /// The videos a month makes, the factor from a video's figures to a month's.
    fn videos_per_month(&self) -> Decimal {
        Decimal::from(self.params.videos_per_month)
    }
}
