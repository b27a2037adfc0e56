//! Spreadsheet formulas for the engine's price rules: which rate applies, which multipliers fire,
//! how units are rounded and limits checked. Each mirrors one rule of `engine::pricing` or
//! `engine::bill`, written over the workbook's parameter names and the Prices sheet's cells.

use rust_decimal::Decimal;

use crate::engine::catalog::{Charge, Limits, Model, Pricing, Rounding};
use crate::engine::scenario::{Check, Size};
use crate::engine::{Kind, Quantity, Step, Unit};

use super::prices::PricingRefs;

/// Whether a condition holds: known when the export is written, or worked out by the sheet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cond {
    /// Always holds.
    Always,
    /// Never holds.
    Never,
    /// Holds when this formula is TRUE.
    When(String),
}

/// All of the conditions, with the known ones folded away.
pub fn all(conds: impl IntoIterator<Item = Cond>) -> Cond {
    let mut parts = Vec::new();
    for cond in conds {
        match cond {
            Cond::Always => {}
            Cond::Never => return Cond::Never,
            Cond::When(text) => parts.push(text),
        }
    }
    match parts.len() {
        0 => Cond::Always,
        1 => Cond::When(parts.remove(0)),
        _ => Cond::When(format!("AND({})", parts.join(","))),
    }
}

/// A value the step fixes, or a parameter's name the sheet reads.
#[derive(Debug, Clone)]
pub enum Input<T> {
    /// Fixed by the step (or absent for a model that does not take it).
    Fixed(T),
    /// The parameter of this name.
    Named(&'static str),
}

/// A string literal for a formula, quotes doubled and control characters dropped.
pub fn text(value: &str) -> String {
    let clean: String = value.chars().filter(|c| !c.is_control()).collect();
    format!("\"{}\"", clean.replace('"', "\"\""))
}

/// A decimal as a formula literal.
pub fn number(value: Decimal) -> String {
    value.normalize().to_string()
}

/// The options of one call, as the sheet reads them, and where its clip length and frames are.
#[derive(Debug, Clone)]
pub struct Options {
    /// Whether the model makes video: only video calls have frames, and take their length,
    /// resolution and audio from the parameters.
    pub video: bool,
    /// Whether the call has a length: a video call, or a step that gives its own seconds.
    pub timed: bool,
    /// The cell holding the clip length in seconds.
    pub seconds: String,
    /// The cell holding the frames.
    pub frames: String,
    /// The resolution asked for.
    pub resolution: Input<Option<String>>,
    /// Whether audio is asked for.
    pub audio: Input<bool>,
}

impl Options {
    /// The options of a step's call to a model.
    pub fn of(step: &Step, model: &Model, seconds: String, frames: String) -> Self {
        let video = model.kind == Kind::Video;
        let resolution = match (&step.resolution, video) {
            (Some(r), _) => Input::Fixed(Some(r.to_string())),
            (None, true) => Input::Named("resolution"),
            (None, false) => Input::Fixed(None),
        };
        let audio = match (step.audio, video) {
            (Some(a), _) => Input::Fixed(a),
            (None, true) => Input::Named("audio"),
            (None, false) => Input::Fixed(false),
        };
        Self {
            video,
            timed: video || step.seconds.is_some(),
            seconds,
            frames,
            resolution,
            audio,
        }
    }

    fn resolution_is(&self, wanted: Option<&str>) -> Cond {
        let Some(wanted) = wanted else {
            return Cond::Always;
        };
        match &self.resolution {
            Input::Fixed(Some(r)) if r == wanted => Cond::Always,
            Input::Fixed(_) => Cond::Never,
            Input::Named(name) => Cond::When(format!("{name}={}", text(wanted))),
        }
    }

    fn audio_is(&self, wanted: Option<bool>) -> Cond {
        let Some(wanted) = wanted else {
            return Cond::Always;
        };
        match &self.audio {
            Input::Fixed(a) if *a == wanted => Cond::Always,
            Input::Fixed(_) => Cond::Never,
            Input::Named(name) if wanted => Cond::When((*name).to_owned()),
            Input::Named(name) => Cond::When(format!("NOT({name})")),
        }
    }
}

/// A quantity rounded the way the pricing bills it.
pub fn rounded(round: Rounding, value: &str) -> String {
    match round {
        Rounding::Exact => value.to_owned(),
        Rounding::Nearest => format!("ROUND({value},0)"),
        Rounding::Up => format!("ROUNDUP({value},0)"),
        Rounding::Down => format!("ROUNDDOWN({value},0)"),
    }
}

/// The clip length a step asks for: its own, or for video the clip's. A video clip outside the
/// model's limits is `#N/A`.
pub fn clip_seconds(step: &Step, limits: &Limits, frames_cell: &str, video: bool) -> String {
    let seconds = step.seconds.as_ref().map_or_else(|| "seconds".to_owned(), quantity);
    if !video {
        return format!("={seconds}");
    }
    let mut outside = Vec::new();
    if let Some(max) = limits.max_seconds {
        outside.push(format!("{seconds}>{}", number(max)));
    }
    if let Some(min) = limits.min_seconds {
        outside.push(format!("{seconds}<{}", number(min)));
    }
    if let Some(max) = limits.max_frames {
        outside.push(format!("{frames_cell}>{max}"));
    }
    if let Some(min) = limits.min_frames {
        outside.push(format!("{frames_cell}<{min}"));
    }
    if outside.is_empty() {
        format!("={seconds}")
    } else {
        format!("=IF(OR({}),NA(),{seconds})", outside.join(","))
    }
}

/// The frames a step's clip has: its own length at the frame rate, or the `frames` parameter.
/// A length whose frames are not whole is refused, as reelcost refuses it (`engine::frames`):
/// `#N/A`. The tolerance absorbs the spreadsheet's binary fractions (0.1 x 30 is not 3 there).
pub fn clip_frames(step: &Step) -> String {
    step.seconds.as_ref().map_or_else(
        || "=frames".to_owned(),
        |s| {
            let frames = format!("{}*fps", quantity(s));
            format!("=IF(ABS({frames}-ROUND({frames},0))>1E-9,NA(),ROUND({frames},0))")
        },
    )
}

/// A limit's description for the sheet's note, e.g. `at most 100 frames`.
pub fn describe_limits(limits: &Limits) -> Option<String> {
    let mut parts = Vec::new();
    match (limits.min_seconds, limits.max_seconds) {
        (Some(lo), Some(hi)) => parts.push(format!("{}-{} s", lo.normalize(), hi.normalize())),
        (Some(lo), None) => parts.push(format!("at least {} s", lo.normalize())),
        (None, Some(hi)) => parts.push(format!("at most {} s", hi.normalize())),
        (None, None) => {}
    }
    if let Some(max) = limits.max_frames {
        parts.push(format!("at most {max} frames"));
    }
    if let Some(min) = limits.min_frames {
        parts.push(format!("at least {min} frames"));
    }
    (!parts.is_empty()).then(|| parts.join(", "))
}

/// The units a call measures, before rounding: 1 per call, the clip's seconds, the step's
/// megapixels, steps, gigabytes (less a free tier, given as formula text) or tokens.
pub fn measured(pricing: &Pricing, step: &Step, options: &Options, free_taken: Option<String>) -> String {
    let value = match pricing.unit {
        unit if unit.is_per_call() => "1".to_owned(),
        Unit::Second if options.timed => options.seconds.clone(),
        Unit::Second => "NA()".to_owned(),
        Unit::Megapixel => megapixels(step.size.as_ref()),
        Unit::Step => optional(step.steps.as_ref()),
        Unit::GbMonth => match free_taken {
            Some(free) => format!("MAX(0,{}-{free})", optional(step.gb.as_ref())),
            None => optional(step.gb.as_ref()),
        },
        Unit::Token => format!(
            "{}+{}",
            optional(step.input_tokens.as_ref()),
            optional(step.output_tokens.as_ref())
        ),
        _ => "1".to_owned(),
    };
    format!("={value}")
}

/// The rate that applies: the first whose options match, `#N/A` when none does. A token rate
/// gives the cost of the call's tokens.
pub fn rate(pricing: &Pricing, kind: Kind, step: &Step, options: &Options, refs: &PricingRefs) -> String {
    let seconds = rounded(pricing.round, &options.seconds);
    let mut chain = "NA()".to_owned();
    for (rate, cells) in pricing.rates.iter().zip(&refs.rates).rev() {
        let length = match (rate.seconds(), options.timed) {
            (None, _) => Cond::Always,
            (Some(_), false) => Cond::Never,
            (Some(s), true) => Cond::When(format!("{seconds}={}", number(s))),
        };
        let steps = match (rate.steps(), &step.steps) {
            (None, _) => Cond::Always,
            (Some(_), None) => Cond::Never,
            (Some(n), Some(Quantity::Fixed(given))) if *given == Decimal::from(n) => Cond::Always,
            (Some(_), Some(Quantity::Fixed(_))) => Cond::Never,
            (Some(n), Some(q)) => Cond::When(format!("{}={n}", quantity(q))),
        };
        let cond = all([
            options.resolution_is(rate.resolution.as_deref()),
            options.audio_is(rate.audio),
            length,
            steps,
        ]);
        let price = match rate.charge {
            Charge::PerUnit(_) => cells.price.clone(),
            Charge::Tokens(_) => match (&step.input_tokens, &step.output_tokens, &cells.output) {
                (Some(i), Some(o), Some(out)) => {
                    format!("({}*{}+{}*{out})/1000000", quantity(i), cells.price, quantity(o))
                }
                _ => "NA()".to_owned(),
            },
        };
        chain = match cond {
            Cond::Always => price,
            Cond::Never => chain,
            Cond::When(c) => format!("IF({c},{price},{chain})"),
        };
    }
    // A video model without an audio price cannot make a clip with audio.
    if kind == Kind::Video && !pricing.offers_audio() {
        chain = match options.audio_is(Some(true)) {
            Cond::Always => "NA()".to_owned(),
            Cond::Never => chain,
            Cond::When(c) => format!("IF({c},NA(),{chain})"),
        };
    }
    format!("={chain}")
}

/// The product of the multipliers whose conditions hold.
pub fn factor(pricing: &Pricing, options: &Options, refs: &PricingRefs) -> String {
    let mut parts = Vec::new();
    for (m, cell) in pricing.multipliers.iter().zip(&refs.factors) {
        let frames = match (m.frames_above, options.video) {
            (None, _) => Cond::Always,
            (Some(_), false) => Cond::Never,
            (Some(n), true) => Cond::When(format!("{}>{n}", options.frames)),
        };
        let seconds = match (m.seconds_above, options.timed) {
            (None, _) => Cond::Always,
            (Some(_), false) => Cond::Never,
            (Some(s), true) => Cond::When(format!("{}>{}", options.seconds, number(s))),
        };
        let cond = all([
            frames,
            seconds,
            options.resolution_is(m.resolution.as_deref()),
            options.audio_is(m.audio),
        ]);
        match cond {
            Cond::Always => parts.push(cell.clone()),
            Cond::Never => {}
            Cond::When(c) => parts.push(format!("IF({c},{cell},1)")),
        }
    }
    if parts.is_empty() {
        "=1".to_owned()
    } else {
        format!("={}", parts.join("*"))
    }
}

/// The cost of one call from its billed units, rate and factor: a base price covering the first
/// units where the pricing has one. A clip outside the model's limits (`clip` is `#N/A`) cannot
/// be made, so its call has no price either.
pub fn call_cost(
    pricing: &Pricing,
    billed: &str,
    rate: &str,
    factor: &str,
    refs: &PricingRefs,
    clip: Option<&str>,
) -> String {
    let cost = match (&refs.base, pricing.unit) {
        (_, Unit::Token) => format!("{rate}*{factor}"),
        (Some((price, includes)), _) => format!("({price}+MAX(0,{billed}-{includes})*{rate})*{factor}"),
        (None, _) => format!("{billed}*{rate}*{factor}"),
    };
    match clip {
        Some(cell) => format!("=IF(ISNA({cell}),NA(),{cost})"),
        None => format!("={cost}"),
    }
}

/// A step's usage number as formula text (without the `=`). Every step quantity becomes a
/// formula here, and only here: a literal as itself, an expression in the scenario's grammar
/// over the parameters' cell names, `#N/A` when its value is one the field cannot take (a
/// count below zero, a share of one), as reelcost refuses it.
pub fn quantity(q: &Quantity) -> String {
    let (expression, check) = match q {
        Quantity::Fixed(value) => return number(*value),
        Quantity::Expr { expression, check, .. } => (expression, check),
    };
    let x = format!("({})", super::names::expression(expression.text()));
    let refused = match check {
        Check::Whole { min, max } => format!("OR({x}<{min},{x}>{max},{x}<>INT({x}))"),
        Check::Positive => format!("{x}<=0"),
        Check::NonNegative => format!("{x}<0"),
        Check::Share { below_one: true } => format!("OR({x}<0,{x}>=1)"),
        Check::Share { below_one: false } => format!("OR({x}<0,{x}>1)"),
    };
    format!("IF({refused},NA(),{x})")
}

fn optional(q: Option<&Quantity>) -> String {
    q.map_or_else(|| "NA()".to_owned(), quantity)
}

/// Megapixels of an image step's output: given, or width x height (x scale squared) / 10^6.
fn megapixels(size: Option<&Size>) -> String {
    match size {
        None => "NA()".to_owned(),
        Some(Size::Megapixels(mp)) => quantity(mp),
        Some(Size::Pixels {
            width, height, scale, ..
        }) => {
            let scale = scale.as_ref().map_or_else(|| "1".to_owned(), quantity);
            format!("{}*{}*{scale}^2/1000000", quantity(width), quantity(height))
        }
    }
}

/// Calls per run of the stage.
pub fn count(step: &Step) -> String {
    format!("={}", quantity(&step.count))
}

/// Billed attempts per accepted output: rerolls, then retries of failed calls that are billed.
pub fn attempts(step: &Step, model: &Model) -> String {
    let rerolls = step
        .rerolls
        .unwrap_or(step.stage == crate::engine::Stage::Scene && matches!(model.kind, Kind::Video | Kind::Image));
    let mut parts = Vec::new();
    if rerolls {
        parts.push("1/(1-reroll_rate)".to_owned());
    }
    if step.failed_billed && step.retry_rate.fixed().is_none_or(|r| !r.is_zero()) {
        parts.push(format!("1/(1-{})", quantity(&step.retry_rate)));
    }
    if parts.is_empty() {
        "=1".to_owned()
    } else {
        format!("={}", parts.join("*"))
    }
}

/// Runs of the stage per video: each scene, each character spread over its videos, the video,
/// or the month spread over its videos.
pub fn runs(stage: crate::engine::Stage) -> &'static str {
    use crate::engine::Stage;
    match stage {
        Stage::Scene => "=scenes",
        Stage::Character => "=characters/videos_per_character",
        Stage::Video => "=1",
        Stage::Month => "=1/videos_per_month",
    }
}

#[cfg(test)]
#[path = "formula_tests.rs"]
mod tests;
