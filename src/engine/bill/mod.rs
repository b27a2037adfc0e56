//! Evaluating a scenario into an itemised bill per video.

use std::fmt;
use std::sync::Arc;

use rust_decimal::Decimal;

mod choose;
mod line;
mod totals;
mod usage;

use std::borrow::Cow;

use super::catalog::{Catalogs, Kind, Model, Pricing};
use super::money;
use super::params::{MODEL_SUFFIX, Params};
use super::pricing::Usage;
use super::scenario::{Fallback, Scenario, Stage, Step};
use super::source::{Diagnostic, Diagnostics};
use super::warning::{Warning, WarningKind};

use choose::kind_name;
pub use line::{FallbackLine, Line, LineRule};
pub use totals::{SaleTotals, Totals, sale_totals};
use usage::call_usage;

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
}

/// Evaluates a scenario at the given parameters against the loaded catalogs.
pub fn evaluate(scenario: &Scenario, catalogs: &Catalogs, params: &Params) -> Result<Bill, Diagnostics> {
    // Derived parameters are computed afresh from what they read; most scenarios have none.
    let params: Cow<'_, Params> = if params.schema.derivations.is_empty() {
        Cow::Borrowed(params)
    } else {
        let mut resolved = params.clone();
        resolved.resolve()?;
        Cow::Owned(resolved)
    };
    let params = &*params;
    let has = |stage| scenario.steps.iter().any(|s| s.stage == stage);
    let mut eval = Evaluation {
        scenario,
        catalogs,
        params,
        warnings: Vec::new(),
        currency: scenario.currency.clone(),
        free_used: Vec::new(),
        // Only stages that have steps are divided out.
        runs: [
            Decimal::from(params.scenes),
            if has(Stage::Character) {
                Decimal::from(params.characters) / Decimal::from(params.videos_per_character.max(1))
            } else {
                Decimal::ZERO
            },
            Decimal::ONE,
            if has(Stage::Month) {
                Decimal::ONE / Decimal::from(params.videos_per_month.max(1))
            } else {
                Decimal::ZERO
            },
        ],
        seconds: params.seconds(),
        // A rate in [0, 1) leaves 1 - p > 0; so close to 1 that the division overflows, the
        // attempts cannot be counted and the steps that reroll report it. No rerolls, no division.
        reroll: if params.reroll_rate.is_zero() {
            Some(Decimal::ONE)
        } else {
            Decimal::ONE.checked_div(Decimal::ONE - params.reroll_rate)
        },
    };
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
    let overflow = || {
        Diagnostics::from(
            Diagnostic::file_error(scenario.file.path(), "the bill is too large to compute exactly")
                .with_help("check the prices and counts for a mistyped figure"),
        )
    };
    let per_video = money::sum(lines.iter().map(|l| Some(l.per_video))).ok_or_else(overflow)?;
    // One division and a multiplication per line; the shares still sum to one within 1e-26.
    if !per_video.is_zero() {
        let reciprocal = Decimal::ONE / per_video;
        for line in &mut lines {
            line.share = Some(line.per_video.checked_mul(reciprocal).map_or(Decimal::ONE, at_most_one));
        }
    }
    let totals = eval.totals(&lines, per_video).ok_or_else(overflow)?;
    eval.unread_parameters();
    let currency = eval.currency.take().unwrap_or_else(|| "USD".into());
    Ok(Bill {
        lines,
        totals,
        currency,
        warnings: eval.warnings,
    })
}

/// 10^0 to 10^28: one at every scale a Decimal can have.
const POWERS_OF_TEN: [i128; 29] = {
    let mut powers = [1i128; 29];
    let mut i = 1;
    while i < powers.len() {
        powers[i] = powers[i - 1] * 10;
        i += 1;
    }
    powers
};

/// `share.min(Decimal::ONE)` for a share that is never negative, without the comparison's
/// rescaling of one to the share's 28 decimal places: a value is above one exactly when its
/// mantissa is above ten to the power of its scale (at most 10^28, well inside an i128).
fn at_most_one(share: Decimal) -> Decimal {
    if share.mantissa() > POWERS_OF_TEN[share.scale() as usize] {
        Decimal::ONE
    } else {
        share
    }
}

struct Evaluation<'a> {
    scenario: &'a Scenario,
    catalogs: &'a Catalogs,
    params: &'a Params,
    warnings: Vec<Warning>,
    currency: Option<Arc<str>>,
    free_used: Vec<(Arc<str>, Decimal)>,
    /// Runs per video of each stage, worked out once: decimal division is the costly operation.
    runs: [Decimal; 4],
    /// The clip length the parameters give, worked out once.
    seconds: Option<Decimal>,
    /// Billed attempts per accepted output under the scenario's reroll rate; `None` when there
    /// are too many to count.
    reroll: Option<Decimal>,
}

impl Evaluation<'_> {
    /// The model `video_model` names, with an error at the parameter when the file set it.
    fn video_model(&self, id: &str) -> Result<&Arc<Model>, Diagnostic> {
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

    fn model(&self, id: &str, origin: &super::source::Origin) -> Result<&Arc<Model>, Diagnostic> {
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

    fn line(&mut self, index: usize, step: &Step) -> Result<Line, Diagnostic> {
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
        let mut unit_price =
            money::mul(priced.cost, rate).ok_or_else(|| at(&"the cost is too large to compute exactly"))?;
        let fallback = match &step.fallback {
            None => None,
            Some(fb) => {
                let line = self.fallback(step, fb)?;
                unit_price = money::sum([
                    money::mul(unit_price, Decimal::ONE - line.share),
                    money::mul(line.cost, line.share),
                ])
                .ok_or_else(|| at(&"overflow"))?;
                Some(line)
            }
        };

        let retry_rate = step.retry_rate.value(p)?;
        let attempts = self.attempts(step, &model, retry_rate).ok_or_else(|| {
            step.origin
                .error("the reroll and retry rates are so close to 1 that the attempts per output cannot be counted")
                .with_help("a rate of 0.5 means two attempts per output; keep rates well below 1")
        })?;
        let runs = self.runs[step.stage as usize];
        let quantity = money::mul(step.count.value(p)?, runs)
            .and_then(|q| money::mul(q, attempts))
            .ok_or_else(|| at(&"the number of calls is too large"))?;
        let per_video =
            money::mul(unit_price, quantity).ok_or_else(|| at(&"the cost is too large to compute exactly"))?;
        Ok(Line {
            stage: step.stage,
            step: index,
            label: Arc::clone(&step.label),
            model,
            quote,
            priced,
            unit_price,
            quantity,
            attempts,
            per_video,
            share: None,
            fallback,
            free_units,
        })
    }
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

impl Evaluation<'_> {
    /// Takes what is left of the model's free tier this month off a month step's gigabytes;
    /// returns the units it took.
    fn free_tier(&mut self, step: &Step, model: &Arc<Model>, pricing: &Pricing, usage: &mut Usage<'_>) -> Decimal {
        // A free tier covers the month's total, so it is taken off month steps in order.
        let mut free_units = Decimal::ZERO;
        if let (Some(free), Some(gb), Stage::Month) = (pricing.free_tier, usage.gb, step.stage) {
            let used = self
                .free_used
                .iter()
                .find(|(id, _)| *id == model.id)
                .map_or(Decimal::ZERO, |(_, u)| *u);
            free_units = (free - used).max(Decimal::ZERO).min(gb);
            usage.gb = Some(gb - free_units);
            self.free_used.retain(|(id, _)| *id != model.id);
            self.free_used.push((Arc::clone(&model.id), used + free_units));
        } else if pricing.free_tier.is_some() && step.stage != Stage::Month {
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
    fn fallback(&mut self, step: &Step, fb: &Fallback) -> Result<FallbackLine, Diagnostic> {
        let p = self.params;
        let share = fb.share.value(p)?;
        let model = Arc::clone(self.model(&fb.model, &fb.origin)?);
        let usage = call_usage(p, self.seconds, step, &model)?;
        let cost = model
            .pricing
            .price(model.kind, &usage)
            .map_err(|e| fb.origin.error(format!("{}: {e}", model.id)))?
            .cost;
        let cost = money::mul(cost, self.exchange(step, &model)?).ok_or_else(|| {
            fb.origin
                .error(format!("{}: the cost is too large to compute exactly", model.id))
        })?;
        Ok(FallbackLine { model, share, cost })
    }

    fn attempts(&self, step: &Step, model: &Model, retry_rate: Decimal) -> Option<Decimal> {
        let rerolls = step
            .rerolls
            .unwrap_or(step.stage == Stage::Scene && matches!(model.kind, Kind::Video | Kind::Image));
        let attempts = if rerolls { self.reroll? } else { Decimal::ONE };
        if step.failed_billed && !retry_rate.is_zero() {
            return attempts.checked_div(Decimal::ONE - retry_rate);
        }
        Some(attempts)
    }

    fn exchange(&mut self, step: &Step, model: &Model) -> Result<Decimal, Diagnostic> {
        let currency = self.currency.get_or_insert_with(|| Arc::clone(&model.currency));
        if Arc::ptr_eq(currency, &model.currency) || *currency == model.currency {
            return Ok(Decimal::ONE);
        }
        let currency = Arc::clone(currency);
        self.scenario
            .exchange
            .iter()
            .find(|(code, _)| *code == model.currency)
            .map(|(_, rate)| *rate)
            .ok_or_else(|| {
                step.model_origin
                    .error(format!(
                        "{} is priced in {} but this bill is in {currency}: summing them needs a stated rate",
                        model.id, model.currency
                    ))
                    .with_help(format!(
                        "add [exchange] {} = <{currency} per {}> to the scenario",
                        model.currency, model.currency
                    ))
            })
    }

    /// Warns when another source prices the same call differently.
    fn compare_quotes(
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
            let no_tokens = other.unit == super::catalog::Unit::Token && usage.input_tokens.is_none();
            if i == used.map_or(0, |q| q + 1) || no_tokens {
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
