//! The parts of a line that depend on more than its step: the month's free tier, a fallback
//! model, the attempts per kept output, the exchange rate, and other sources' prices.

use std::sync::Arc;

use rust_decimal::Decimal;

use super::usage::call_usage;
use super::{Evaluation, FallbackLine};
use crate::engine::catalog::{Kind, Model, Pricing, Unit};
use crate::engine::money;
use crate::engine::pricing::Usage;
use crate::engine::ratio::Ratio;
use crate::engine::scenario::{Fallback, Stage, Step};
use crate::engine::source::Diagnostic;
use crate::engine::warning::{Warning, WarningKind};

impl Evaluation<'_> {
    /// Takes what is left of the model's free tier this month off a month step's gigabytes;
    /// returns the units it took.
    pub(super) fn free_tier(
        &mut self,
        step: &Step,
        model: &Arc<Model>,
        pricing: &Pricing,
        usage: &mut Usage<'_>,
    ) -> Decimal {
        // A free tier covers the month's total, so it is taken off month steps in order.
        let mut free_units = Decimal::ZERO;
        if let (Some(free), Some(gb), Stage::Month) = (pricing.free_tier(), usage.gb, step.stage) {
            let used = self
                .free_used
                .iter()
                .find(|(id, _)| *id == model.id)
                .map_or(Decimal::ZERO, |(_, u)| *u);
            // `used` never passes `free` and `free_units` never passes `gb`: these cannot saturate.
            free_units = free.saturating_sub(used).max(Decimal::ZERO).min(gb);
            usage.gb = Some(gb.saturating_sub(free_units));
            self.free_used.retain(|(id, _)| *id != model.id);
            self.free_used
                .push((Arc::clone(&model.id), used.saturating_add(free_units)));
        } else if pricing.free_tier().is_some() && step.stage != Stage::Month {
            self.warnings.push(Warning {
                origin: Some(step.origin.clone()),
                file: Arc::clone(&self.scenario.file),
                kind: WarningKind::FreeTierOffMonth {
                    model: Arc::clone(model),
                    stage: step.stage,
                },
            });
        }
        free_units
    }

    /// What one call costs on the fallback model, in the bill's currency.
    pub(super) fn fallback(&mut self, step: &Step, fb: &Fallback) -> Result<FallbackLine, Diagnostic> {
        let p = self.params;
        let share = fb.share.value(p)?;
        let model = Arc::clone(self.model(&fb.model, &fb.origin)?);
        let usage = call_usage(p, self.seconds, step, &model)?;
        let cost = model
            .pricing
            .price(model.kind, &usage)
            .map_err(|e| fb.origin.error(format!("{}: {e}", model.id)))?
            .cost;
        let cost = money::mul(cost, self.exchange(step, &model)?)
            .ok_or_else(|| fb.origin.error(format!("{}: the cost {}", model.id, money::INEXACT)))?;
        Ok(FallbackLine { model, share, cost })
    }

    /// Billed attempts per accepted output: rerolls, then retries of failed calls that are
    /// billed, as an exact fraction; `None` when there are too many to count.
    pub(super) fn attempts(&self, step: &Step, model: &Model, retry_rate: Decimal) -> Option<Ratio> {
        let rerolls = step
            .rerolls
            .unwrap_or(step.stage == Stage::Scene && matches!(model.kind, Kind::Video | Kind::Image));
        let attempts = if rerolls { self.reroll? } else { Ratio::ONE };
        if step.failed_billed && !retry_rate.is_zero() {
            return attempts.div_decimal(money::sub(Decimal::ONE, retry_rate)?);
        }
        Some(attempts)
    }

    /// The factor from the model's currency to the bill's: one, or the scenario's stated rate.
    pub(super) fn exchange(&mut self, step: &Step, model: &Model) -> Result<Decimal, Diagnostic> {
        let currency = self.currency.get_or_insert_with(|| Arc::clone(model.currency()));
        if Arc::ptr_eq(currency, model.currency()) || currency == model.currency() {
            return Ok(Decimal::ONE);
        }
        let currency = Arc::clone(currency);
        self.scenario
            .exchange
            .iter()
            .find(|(code, _)| code == model.currency())
            .map(|(_, rate)| *rate)
            .ok_or_else(|| {
                step.model_origin
                    .error(format!(
                        "{} is priced in {} but this bill is in {currency}: summing them needs a stated rate",
                        model.id,
                        model.currency()
                    ))
                    .with_help(format!(
                        "add [exchange] {} = <{currency} per {}> to the scenario",
                        model.currency(),
                        model.currency()
                    ))
            })
    }

    /// Warns when another source prices the same call differently.
    pub(super) fn compare_quotes(
        &mut self,
        step: &Step,
        model: &Arc<Model>,
        used: Option<usize>,
        usage: &Usage<'_>,
        cost: Decimal,
    ) {
        // Only a step priced by a quote is told the catalog disagrees: a step on the catalog's
        // own price has not chosen any other source.
        if model.quotes.is_empty() || used.is_none() {
            return;
        }
        for (i, other) in model.all_pricings().enumerate() {
            // A per-token price cannot be compared with a call that gives no token counts.
            let no_tokens = other.unit == Unit::Token && usage.input_tokens.is_none();
            if Some(i) == used.map_or(Some(0), |q| q.checked_add(1)) || no_tokens {
                continue;
            }
            let Ok(theirs) = other.price(model.kind, usage) else {
                continue;
            };
            if theirs.cost == cost {
                continue;
            }
            self.warnings.push(Warning {
                origin: Some(step.model_origin.clone()),
                file: Arc::clone(&self.scenario.file),
                kind: WarningKind::Disagreement {
                    model: Arc::clone(model),
                    used,
                    other: i.checked_sub(1),
                    ours: cost,
                    theirs,
                },
            });
        }
    }
}
