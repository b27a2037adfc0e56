//! What one call of a step asks of its model, and which of the step's usage fields the model
//! has no use for.

use rust_decimal::Decimal;

use crate::engine::catalog::{Charge, Kind, Model, Pricing, Unit};
use crate::engine::frames::whole_frames;
use crate::engine::money;
use crate::engine::params::Params;
use crate::engine::pricing::Usage;
use crate::engine::scenario::{FixedUsage, Quantity, Step, UsageField};
use crate::engine::source::Diagnostic;

/// A whole usage number as a `u64`; the field's check has made it whole and in range.
#[inline]
fn whole(q: Option<&Quantity>, p: &Params) -> Result<Option<u64>, Diagnostic> {
    let Some(value) = q.map(|q| q.value(p)).transpose()? else {
        return Ok(None);
    };
    // Literals and most results carry no decimal places: read the mantissa as it is.
    Ok(match value.scale() {
        0 => u64::try_from(value.mantissa()).ok(),
        _ => u64::try_from(value.normalize()).ok(),
    })
}

/// A step's usage numbers at these parameters, some of them expressions.
#[inline(never)]
fn computed(p: &Params, step: &Step) -> Result<FixedUsage, Diagnostic> {
    Ok(FixedUsage {
        steps: whole(step.steps.as_ref(), p)?,
        megapixels: step.size.as_ref().map(|s| s.megapixels(p)).transpose()?,
        input_tokens: whole(step.input_tokens.as_ref(), p)?,
        output_tokens: whole(step.output_tokens.as_ref(), p)?,
        characters: whole(step.characters.as_ref(), p)?,
        gb: step.gb.as_ref().map(|g| g.value(p)).transpose()?,
        seconds: step.seconds.as_ref().map(|s| s.value(p)).transpose()?,
    })
}

/// What one call of the step asks of a model, with the model's limits checked.
pub(super) fn call_usage<'u>(
    p: &'u Params,
    clip: Option<Decimal>,
    step: &'u Step,
    model: &Model,
) -> Result<Usage<'u>, Diagnostic> {
    let numbers = match step.fixed {
        Some(fixed) => fixed,
        None => computed(p, step)?,
    };
    let own_seconds = numbers.seconds;
    let mut usage = Usage {
        steps: numbers.steps,
        megapixels: numbers.megapixels,
        input_tokens: numbers.input_tokens,
        output_tokens: numbers.output_tokens,
        characters: numbers.characters,
        gb: numbers.gb,
        seconds: own_seconds,
        resolution: step.resolution.as_deref(),
        audio: step.audio.unwrap_or(false),
        ..Usage::default()
    };
    if model.kind != Kind::Video {
        return Ok(usage);
    }
    let seconds = match own_seconds {
        Some(s) => s,
        None => clip.ok_or_else(|| {
            step.origin
                .error("a video step needs a clip length")
                .with_help("set frames (or seconds) and fps in [parameters]")
        })?,
    };
    let frames = match own_seconds {
        // The step's own length follows the rule the `seconds` parameter does: whole frames.
        Some(s) => whole_frames(s, p.fps).map_err(|e| {
            step.seconds_origin
                .as_ref()
                .unwrap_or(&step.origin)
                .error(e.message(s))
                .with_help(e.help(p.fps))
        })?,
        None => p.frames,
    };
    check_limits(step, model, seconds, frames)?;
    usage.seconds = Some(seconds);
    usage.frames = Some(frames);
    let unending = own_seconds.is_none() && money::div(Decimal::from(frames), Decimal::from(p.fps)).is_none();
    usage.unending_fps = unending.then_some(p.fps);
    usage.resolution = step.resolution.as_deref().or(p.resolution.as_deref());
    usage.audio = step.audio.unwrap_or(p.audio);
    Ok(usage)
}

fn check_limits(step: &Step, model: &Model, seconds: Decimal, frames: u32) -> Result<(), Diagnostic> {
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
    Ok(())
}

/// Whether any of a model's prices reads a usage field.
pub(super) fn uses(model: &Model, field: UsageField) -> bool {
    let video = model.kind == Kind::Video;
    model.all_pricings().any(|pricing: &Pricing| match field {
        UsageField::Steps => pricing.unit == Unit::Step || pricing.rates.iter().any(|r| r.steps().is_some()),
        UsageField::Size => pricing.unit == Unit::Megapixel,
        UsageField::Tokens => pricing.rates.iter().any(|r| matches!(r.charge, Charge::Tokens(_))),
        UsageField::Characters => pricing.unit == Unit::Character,
        UsageField::Gb => pricing.unit == Unit::GbMonth,
        UsageField::Seconds => {
            video
                || pricing.unit == Unit::Second
                || pricing.rates.iter().any(|r| r.seconds().is_some())
                || pricing.multipliers.iter().any(|m| m.seconds_above.is_some())
        }
        UsageField::Resolution => {
            video
                || pricing.rates.iter().any(|r| r.resolution.is_some())
                || pricing.multipliers.iter().any(|m| m.resolution.is_some())
        }
        UsageField::Audio => {
            video
                || pricing.rates.iter().any(|r| r.audio.is_some())
                || pricing.multipliers.iter().any(|m| m.audio.is_some())
        }
    })
}
