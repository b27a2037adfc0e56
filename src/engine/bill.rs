//! Evaluating a scenario into an itemised bill per video.

use std::fmt;
use std::sync::Arc;

use rust_decimal::Decimal;

use super::catalog::{Catalogs, Kind, Model, Pricing};
use super::money;
use super::params::Params;
use super::pricing::{Priced, Usage};
use super::scenario::{Scenario, Stage, Step};
use super::source::{Diagnostic, Diagnostics};
use super::warning::{Warning, WarningKind};

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

/// The bill's totals.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Totals {
    /// Cost of one video.
    pub per_video: Decimal,
    /// Seconds of video generated (and paid for): scenes x frames / fps.
    pub generated_seconds: Decimal,
    /// Seconds left after trimming: scenes x finished seconds per scene.
    pub finished_seconds: Decimal,
    /// Cost per generated second; `None` when nothing is generated.
    pub per_generated_second: Option<Decimal>,
    /// Cost per finished second; `None` when nothing is finished.
    pub per_finished_second: Option<Decimal>,
    /// Cost of a month's videos.
    pub per_month: Decimal,
    /// What a video sells for, when the scenario says.
    pub price: Option<Decimal>,
    /// Price less cost, per video.
    pub margin: Option<Decimal>,
    /// The margin as a share of the price; `None` when there is no price or it is zero.
    pub margin_share: Option<Decimal>,
}

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
    let currency = eval.currency.take().unwrap_or_else(|| "USD".into());
    Ok(Bill {
        lines,
        totals,
        currency,
        warnings: eval.warnings,
    })
}

/// The totals at other parameters that change only some lines of `bill`: the steps at `steps`
/// (indices into the scenario's steps, in order) are priced again at `params`, the other lines are taken
/// from `bill` as they are. The caller names the steps the change can touch; the rest of the
/// work is what [`evaluate`] would do, so the totals are the same, at a fraction of the cost
/// when few lines depend on the change (price cliffs, the amortisation sweep, model swaps).
pub fn reprice(
    scenario: &Scenario,
    catalogs: &Catalogs,
    params: &Params,
    bill: &Bill,
    steps: &[usize],
) -> Result<Totals, Diagnostics> {
    // A free tier is shared in order across month steps: those are evaluated whole.
    let month = steps
        .iter()
        .any(|&i| scenario.steps.get(i).is_none_or(|s| s.stage == Stage::Month));
    if month || bill.lines.len() != scenario.steps.len() {
        return evaluate(scenario, catalogs, params).map(|b| b.totals);
    }
    let mut eval = Evaluation::new(scenario, catalogs, params);
    // The first line sets the currency of a scenario that names none, as in `evaluate`.
    if steps.first() != Some(&0) {
        eval.currency = Some(Arc::clone(&bill.currency));
    }
    let overflow = || {
        Diagnostics::from(
            Diagnostic::file_error(scenario.file.path(), "the bill is too large to compute exactly")
                .with_help("check the prices and counts for a mistyped figure"),
        )
    };
    let mut repriced = Vec::with_capacity(steps.len());
    let mut errors = Vec::new();
    for &i in steps {
        match eval.line(i, &scenario.steps[i]) {
            Ok(line) => repriced.push((i, line.per_video)),
            Err(d) => errors.push(d),
        }
    }
    if !errors.is_empty() {
        return Err(Diagnostics(errors));
    }
    // Summed in line order as `evaluate` sums: a difference of sums can differ in the last digit.
    let mut new = repriced.into_iter().peekable();
    let lines = bill
        .lines
        .iter()
        .enumerate()
        .map(|(i, line)| Some(new.next_if(|(at, _)| *at == i).map_or(line.per_video, |(_, v)| v)));
    let per_video = money::sum(lines).ok_or_else(overflow)?;
    if eval.currency.as_ref() != Some(&bill.currency) {
        // The new first line is in another currency than the lines kept from `bill`.
        return evaluate(scenario, catalogs, params).map(|b| b.totals);
    }
    eval.totals(&bill.lines, per_video).ok_or_else(overflow)
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

impl<'a> Evaluation<'a> {
    fn new(scenario: &'a Scenario, catalogs: &'a Catalogs, params: &'a Params) -> Self {
        let has = |stage| scenario.steps.iter().any(|s: &Step| s.stage == stage);
        Evaluation {
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
        }
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
    fn totals(&mut self, lines: &[Line], per_video: Decimal) -> Option<Totals> {
        let p = self.params;
        let scenes = Decimal::from(p.scenes);
        let (generated, finished) = match (
            lines
                .iter()
                .any(|l| l.stage == Stage::Scene && l.model.kind == Kind::Video),
            self.seconds,
        ) {
            (true, Some(clip)) => {
                let mut finished = p.finished_seconds_per_scene.unwrap_or(clip);
                if finished > clip {
                    self.warnings.push(Warning {
                        origin: self.scenario.param_origins.get("finished_seconds_per_scene").cloned(),
                        file: Arc::clone(&self.scenario.file),
                        kind: WarningKind::TrimLongerThanClip { finished, clip },
                    });
                    finished = clip;
                }
                (money::mul(scenes, clip)?, money::mul(scenes, finished)?)
            }
            _ => (Decimal::ZERO, Decimal::ZERO),
        };
        let sale = self.scenario.sale.as_ref();
        let margin = sale.map(|s| s.price - per_video);
        let margin_share = sale
            .zip(margin)
            .and_then(|(s, m)| (!s.price.is_zero()).then(|| m / s.price));
        if let (Some(sale), Some(share), Some(target)) = (sale, margin_share, sale.and_then(|s| s.target_margin))
            && share < target
        {
            self.warnings.push(Warning {
                origin: Some(sale.origin.clone()),
                file: Arc::clone(&self.scenario.file),
                kind: WarningKind::MarginBelowTarget {
                    share,
                    target,
                    price: sale.price,
                    credits: sale.credits,
                },
            });
        }
        let per = |seconds: Decimal| {
            if seconds.is_zero() {
                Some(None)
            } else {
                per_video.checked_div(seconds).map(Some)
            }
        };
        Some(Totals {
            per_video,
            generated_seconds: generated,
            finished_seconds: finished,
            per_generated_second: per(generated)?,
            per_finished_second: per(finished)?,
            per_month: money::mul(per_video, Decimal::from(p.videos_per_month))?,
            price: sale.map(|s| s.price),
            margin,
            margin_share,
        })
    }

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
        let scenario_model = self.model(&step.model, &step.model_origin)?;
        let swapped = match (&p.video_model, step.stage, scenario_model.kind) {
            (Some(id), Stage::Scene, Kind::Video) if **id != *scenario_model.id => Some(self.video_model(id)?),
            _ => None,
        };
        let model = Arc::clone(swapped.unwrap_or(scenario_model));
        let quote_name = if swapped.is_some() { None } else { step.quote.as_deref() };
        let quote = match quote_name {
            None => None,
            Some(name) => Some(
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
                    })?,
            ),
        };
        let pricing = quote.and_then(|i| model.quotes.get(i)).unwrap_or(&model.pricing);
        let at = |e: &dyn fmt::Display| step.model_origin.error(format!("{}: {e}", model.id));

        let mut usage = call_usage(p, self.seconds, step, &model)?;
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
                    model: Arc::clone(&model),
                    stage: step.stage,
                },
            });
        }
        let priced = pricing.price(model.kind, &usage).map_err(|e| at(&e))?;
        self.compare_quotes(step, &model, quote, &usage, priced.cost);

        let rate = self.exchange(step, &model)?;
        let mut unit_price =
            money::mul(priced.cost, rate).ok_or_else(|| at(&"the cost is too large to compute exactly"))?;
        let fallback = match &step.fallback {
            None => None,
            Some(fb) => {
                let fb_model = Arc::clone(self.model(&fb.model, &fb.origin)?);
                let fb_usage = call_usage(p, self.seconds, step, &fb_model)?;
                let cost = fb_model
                    .pricing
                    .price(fb_model.kind, &fb_usage)
                    .map_err(|e| fb.origin.error(format!("{}: {e}", fb_model.id)))?
                    .cost;
                let cost = money::mul(cost, self.exchange(step, &fb_model)?).ok_or_else(|| at(&"overflow"))?;
                unit_price = money::sum([
                    money::mul(unit_price, Decimal::ONE - fb.share),
                    money::mul(cost, fb.share),
                ])
                .ok_or_else(|| at(&"overflow"))?;
                Some(FallbackLine {
                    model: fb_model,
                    share: fb.share,
                    cost,
                })
            }
        };

        let attempts = self.attempts(step, &model).ok_or_else(|| {
            step.origin
                .error("the reroll and retry rates are so close to 1 that the attempts per output cannot be counted")
                .with_help("a rate of 0.5 means two attempts per output; keep rates well below 1")
        })?;
        let runs = self.runs[step.stage as usize];
        let quantity = money::mul(step.count, runs)
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

/// What one call of the step asks of a model, with the model's limits checked.
fn call_usage<'u>(
    p: &'u Params,
    clip: Option<Decimal>,
    step: &'u Step,
    model: &Model,
) -> Result<Usage<'u>, Diagnostic> {
    {
        let mut usage = Usage {
            steps: step.steps,
            megapixels: step.megapixels,
            input_tokens: step.input_tokens,
            output_tokens: step.output_tokens,
            gb: step.gb,
            ..Usage::default()
        };
        if model.kind != Kind::Video {
            return Ok(usage);
        }
        let seconds = match step.seconds {
            Some(s) => s,
            None => clip.ok_or_else(|| {
                step.origin
                    .error("a video step needs a clip length")
                    .with_help("set frames (or seconds) and fps in [parameters]")
            })?,
        };
        let frames = match step.seconds {
            Some(s) => s
                .checked_mul(Decimal::from(p.fps))
                .and_then(|f| u32::try_from(f.round()).ok())
                .ok_or_else(|| {
                    step.seconds_origin
                        .as_ref()
                        .unwrap_or(&step.origin)
                        .error("this step's clip length is too large to count its frames")
                        .with_help("seconds is a clip length, e.g. 5")
                })?,
            None => p.frames,
        };
        let name = &model.name;
        let limits = &model.limits;
        if limits.max_seconds.is_some_and(|m| seconds > m) || limits.min_seconds.is_some_and(|m| seconds < m) {
            let secs = money::round(seconds, 3).normalize();
            let range = format!(
                "{}-{} s",
                limits.min_seconds.unwrap_or_default().normalize(),
                limits.max_seconds.map_or("any".into(), |m| m.normalize().to_string())
            );
            return Err(step
                .model_origin
                .error(format!("{}: a {secs} s clip is outside {name}'s {range}", model.id))
                .with_help(format!("set seconds within {range}")));
        }
        if let Some(max) = limits.max_frames.filter(|&m| frames > m) {
            return Err(step
                .model_origin
                .error(format!(
                    "{}: {frames} frames is above {name}'s maximum of {max}",
                    model.id
                ))
                .with_help(format!("set frames to {max} or fewer")));
        }
        if let Some(min) = limits.min_frames.filter(|&m| frames < m) {
            return Err(step
                .model_origin
                .error(format!(
                    "{}: {frames} frames is below {name}'s minimum of {min}",
                    model.id
                ))
                .with_help(format!("set frames to {min} or more")));
        }
        usage.seconds = Some(seconds);
        usage.frames = Some(frames);
        usage.resolution = step.resolution.as_deref().or(p.resolution.as_deref());
        usage.audio = step.audio.unwrap_or(p.audio);
        Ok(usage)
    }
}

impl Evaluation<'_> {
    fn attempts(&self, step: &Step, model: &Model) -> Option<Decimal> {
        let rerolls = step
            .rerolls
            .unwrap_or(step.stage == Stage::Scene && matches!(model.kind, Kind::Video | Kind::Image));
        let attempts = if rerolls { self.reroll? } else { Decimal::ONE };
        if step.failed_billed && !step.retry_rate.is_zero() {
            return attempts.checked_div(Decimal::ONE - step.retry_rate);
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
        if model.quotes.is_empty() {
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
