//! Pricing one step into a line: the model and pricing that apply, what one call costs in the
//! bill's currency, and how many calls a video needs, as an exact fraction.

use std::fmt;
use std::sync::Arc;

use rust_decimal::Decimal;

use super::choose::kind_name;
use super::usage::call_usage;
use super::{Evaluation, Line};
use crate::engine::catalog::Model;
use crate::engine::money;
use crate::engine::params::MODEL_SUFFIX;
use crate::engine::ratio::Ratio;
use crate::engine::scenario::Step;
use crate::engine::source::{Diagnostic, Origin};

impl Evaluation<'_> {
    /// The model `video_model` names, with an error at the parameter when the file set it.
    pub(super) fn video_model(&self, id: &str) -> Result<&Arc<Model>, Diagnostic> {
        let from_file = self.scenario.params.video_model.as_deref() == Some(id);
        match self.scenario.param_origins.get("video_model").filter(|_| from_file) {
            Some(origin) => self.model(id, origin),
            None => self.catalogs.model(id).ok_or_else(|| {
                let error = Diagnostic::file_error(
                    self.scenario.file.path(),
                    format!("video_model: no catalog prices the model `{id}`"),
                );
                match self.catalogs.closest_id(id) {
                    Some(best) => error.with_help(format!("did you mean `{best}`?")),
                    None => error.with_help("name a video model from a catalog"),
                }
            }),
        }
    }

    /// The model `id`, or an error at `origin` with the closest id a catalog prices.
    pub(super) fn model(&self, id: &str, origin: &Origin) -> Result<&Arc<Model>, Diagnostic> {
        self.catalogs.model(id).ok_or_else(|| {
            let error = origin.error(format!("no catalog prices the model `{id}`"));
            match self.catalogs.closest_id(id) {
                Some(best) => error.with_help(format!("did you mean `{best}`?")),
                None => error.with_help(format!(
                    "add it to a catalog, or use one of the {} loaded models (reelcost check lists them)",
                    self.catalogs.len()
                )),
            }
        })
    }

    /// The step's line: its model, one call's price, and the calls a video needs.
    pub(super) fn line(&mut self, index: usize, step: &Step) -> Result<Line, Diagnostic> {
        let p = self.params;
        let (model, swapped) = self.step_model(index, step)?;
        let quote_name = if swapped { None } else { step.quote.as_deref() };
        let quote = quote_name.map(|name| quote_index(step, &model, name)).transpose()?;
        let pricing = quote.and_then(|i| model.quotes.get(i)).unwrap_or(&model.pricing);
        let at = |e: &dyn fmt::Display| step.model_origin.error(format!("{}: {e}", model.id));
        if !step.usage.is_empty() {
            self.unused_fields(step, &model);
        }

        let mut usage = call_usage(p, self.seconds, step, &model)?;
        let free_units = self.free_tier(step, &model, pricing, &mut usage);
        let priced = pricing.price(model.kind, &usage).map_err(|e| match swapped {
            true => step
                .model_origin
                .error(format!(
                    "{}{MODEL_SUFFIX} = {}: {} cannot price this step: {e}",
                    step.id, model.id, model.id
                ))
                .with_help(format!(
                    "give the step what the model needs, or choose another model of {}",
                    kind_name(model.kind)
                )),
            false => at(&e),
        })?;
        self.compare_quotes(step, &model, quote, &usage, priced.cost);

        let rate = self.exchange(step, &model)?;
        let too_large = |what: &str| {
            at(&format_args!("{what} {}", money::INEXACT))
                .with_help("check this step's price, count and rates, and the run counts, for a mistyped figure or more decimal places than the figure needs")
        };
        let mut unit_price = money::mul(priced.cost, rate).ok_or_else(|| {
            too_large(&format!(
                "one call's cost ({} in {}) at the exchange rate {}",
                priced.cost.normalize(),
                model.currency(),
                rate.normalize()
            ))
        })?;
        let fallback = match &step.fallback {
            None => None,
            Some(fb) => {
                let line = self.fallback(step, fb)?;
                unit_price = blend(unit_price, line.cost, line.share)
                    .ok_or_else(|| too_large("one call's cost with its fallback blended in"))?;
                Some(line)
            }
        };

        let (calls, attempts) = self.calls(step, &model)?;
        let cost = calls
            .mul_decimal(unit_price)
            .ok_or_else(|| too_large(&format!("the cost per video ({} calls)", calls.value().normalize())))?;
        let per_month = cost.mul_decimal(self.videos_per_month()).ok_or_else(|| {
            too_large(&format!(
                "the cost of a month ({} videos)",
                self.params.videos_per_month
            ))
        })?;
        Ok(Line {
            stage: step.stage,
            step: index,
            label: Arc::clone(&step.label),
            model,
            quote,
            priced,
            unit_price,
            quantity: calls.value(),
            calls,
            attempts: attempts.value(),
            per_video: cost.value(),
            cost,
            per_month: per_month.value(),
            fallback,
            free_units,
        })
    }

    /// Billed calls per video (count x runs x attempts) and the attempts per kept output, exact.
    fn calls(&self, step: &Step, model: &Model) -> Result<(Ratio, Ratio), Diagnostic> {
        let p = self.params;
        let retry_rate = step.retry_rate.value(p)?;
        let attempts = self.attempts(step, model, retry_rate).ok_or_else(|| {
            step.origin
                .error("the reroll and retry rates are so close to 1 that the attempts per output cannot be counted")
                .with_help("a rate of 0.5 means two attempts per output; keep rates well below 1")
        })?;
        let runs = self.runs[step.stage as usize];
        let calls = Ratio::whole(step.count.value(p)?)
            .checked_mul(runs)
            .and_then(|q| q.checked_mul(attempts))
            .ok_or_else(|| {
                step.model_origin
                    .error(format!(
                        "{}: the number of calls per video {}",
                        model.id,
                        money::INEXACT
                    ))
                    .with_help("check the count, the run counts and the rates for a mistyped figure")
            })?;
        Ok((calls, attempts))
    }
}

/// One call's price with a share of calls at the fallback's: `own x (1 - share) + theirs x share`.
fn blend(own: Decimal, theirs: Decimal, share: Decimal) -> Option<Decimal> {
    money::sum([
        Decimal::ONE.checked_sub(share).and_then(|rest| money::mul(own, rest)),
        money::mul(theirs, share),
    ])
}

/// The index of the step's quote among its model's, or an error at `quote` naming those it has.
fn quote_index(step: &Step, model: &Model, name: &str) -> Result<usize, Diagnostic> {
    model
        .quotes
        .iter()
        .position(|q| q.name.as_deref() == Some(name))
        .ok_or_else(|| {
            let names: Vec<&str> = model.quotes.iter().filter_map(|q| q.name.as_deref()).collect();
            step.quote_origin
                .as_ref()
                .unwrap_or(&step.origin)
                .error(format!("`{}` has no quote named `{name}`", model.id))
                .with_help(if names.is_empty() {
                    "it has no quotes: remove `quote`".to_owned()
                } else {
                    format!("its quotes: {}", names.join(", "))
                })
        })
}
