//! A model's or a quote's pricing as written, checked into a [`Pricing`]: its unit, rates,
//! multipliers, base price, free tier and provenance, and a model's limits.

use std::collections::HashMap;
use std::sync::Arc;

use rust_decimal::Decimal;
use toml::Spanned;

use super::raw::{PricingFields, RawLimits, RawMultiplier, RawRate};
use super::{Names, Problems, as_of};
use crate::engine::catalog::{
    Amount, Base, Charge, Included, Kind, Limits, Multiplier, Pricing, Provenance, Rate, Unit,
};
use crate::engine::number::{self, RawNumber};
use crate::engine::source::{Diagnostic, Origin, SourceFile};

/// Which billing units make sense for each kind of model.
pub(super) fn units_for(kind: Kind) -> &'static [Unit] {
    use Unit::*;
    match kind {
        Kind::Video => &[Clip, Second, Call],
        Kind::Image => &[Image, Megapixel, Call, Token],
        Kind::Audio => &[Call, Second, Character, Token],
        Kind::Text => &[Token, Call],
        Kind::Training => &[Step, Run, Call],
        Kind::Storage => &[GbMonth],
        Kind::Fixed => &[Month, Call],
    }
}

/// A model's or a quote's pricing, checked; `None` after recording what is wrong with it.
pub(super) fn convert_pricing(
    problems: &mut Problems<'_>,
    kind: Kind,
    name: Option<&str>,
    raw: PricingFields<'_>,
    origin: Origin,
    defaults: &Arc<Provenance>,
) -> Option<Pricing> {
    let file = problems.file;
    let unit = *raw.unit.get_ref();
    let allowed = units_for(kind);
    if !allowed.contains(&unit) {
        let names: Vec<String> = allowed.iter().map(|u| format!("{u:?}").to_lowercase()).collect();
        problems.found.push(
            problems
                .at(raw.unit.span())
                .error(format!("a {kind} model cannot be billed per {}", unit.noun()))
                .with_help(format!("units for {kind} models: {}", names.join(", "))),
        );
        return None;
    }
    let rates = convert_rates(problems, kind, unit, &raw, &origin)?;
    check_distinct_rates(problems, &rates);
    let multipliers = convert_multipliers(problems, raw.multipliers)?;
    let base = raw.base.and_then(|b| {
        let price = problems.keep(number::non_negative(file, &b.get_ref().price, "base price"))?;
        let includes = problems.keep(number::non_negative(file, &b.get_ref().includes, "base includes"))?;
        Some(Base {
            price: price.value,
            includes: includes.value,
        })
    });
    let free_tier = raw.free_tier.and_then(|f| {
        problems
            .keep(number::non_negative(file, f, "free_tier"))
            .map(|l| l.value)
    });
    Some(Pricing {
        name: name.map(Into::into),
        unit,
        // Boxed slices: a catalog can hold a hundred thousand models, with no spare capacity.
        rates: rates.into(),
        multipliers: multipliers.into(),
        round: raw.round,
        included: Included::boxed(base, free_tier),
        provenance: provenance(problems, &raw, defaults)?,
        origin,
    })
}

/// The rates of a pricing: its `price` (or `input` and `output`) shorthand, or its `rates` table.
fn convert_rates(
    problems: &mut Problems<'_>,
    kind: Kind,
    unit: Unit,
    raw: &PricingFields<'_>,
    origin: &Origin,
) -> Option<Vec<Rate>> {
    let file = problems.file;
    let mut rates = Vec::new();
    let shorthand = raw.price.is_some() || raw.input.is_some() || raw.output.is_some();
    match (shorthand, raw.rates) {
        (true, Some(table)) => {
            problems.found.push(
                problems
                    .at(table.span())
                    .error("give either `price` or a `rates` table, not both")
                    .with_help("use `rates = [...]` when the price depends on resolution, audio or duration"),
            );
            return None;
        }
        (true, None) => {
            let row = RawRate {
                resolution: None,
                audio: None,
                seconds: None,
                steps: None,
                price: raw.price.cloned(),
                input: raw.input.cloned(),
                output: raw.output.cloned(),
            };
            let rate = convert_rate(file, &mut problems.names, kind, unit, &row, origin.clone());
            rates.extend(problems.keep(rate));
        }
        (false, Some(table)) => {
            for row in table.get_ref() {
                let rate_origin = problems.at(row.span());
                let rate = convert_rate(file, &mut problems.names, kind, unit, row.get_ref(), rate_origin);
                rates.extend(problems.keep(rate));
            }
            if table.get_ref().is_empty() {
                problems.found.push(
                    problems
                        .at(table.span())
                        .error("`rates` is empty")
                        .with_help("list at least one rate"),
                );
            }
        }
        (false, None) => {
            let help = if unit == Unit::Token {
                "add `input` and `output` prices per million tokens"
            } else {
                "add `price = ...` or a `rates` table"
            };
            problems.found.push(
                origin
                    .error("this model has no price: `price` and `rates` are both missing")
                    .with_help(help),
            );
            return None;
        }
    }
    Some(rates)
}

/// A pricing's multipliers, at most [`MAX_MULTIPLIERS`] of them.
fn convert_multipliers(problems: &mut Problems<'_>, raw: &[Spanned<RawMultiplier>]) -> Option<Vec<Multiplier>> {
    // Which multipliers fired is kept as one bit each in a `u64`: a 65th would go unrecorded.
    if let Some(extra) = raw.get(MAX_MULTIPLIERS) {
        problems.found.push(
            problems
                .at(extra.span())
                .error(format!(
                    "{} multipliers on one price; at most {MAX_MULTIPLIERS} are supported",
                    raw.len()
                ))
                .with_help("combine multipliers that fire together into one factor"),
        );
        return None;
    }
    Some(raw.iter().filter_map(|m| convert_multiplier(problems, m)).collect())
}

/// Where a pricing's figure comes from: its own `source` and `as_of`, else the catalog's.
fn provenance(
    problems: &mut Problems<'_>,
    raw: &PricingFields<'_>,
    defaults: &Arc<Provenance>,
) -> Option<Arc<Provenance>> {
    let file = problems.file;
    if raw.source.is_none() && raw.as_of.is_none() {
        return Some(Arc::clone(defaults));
    }
    Some(Arc::new(Provenance {
        source: raw.source.map(Into::into).or_else(|| defaults.source.clone()),
        as_of: match raw.as_of {
            Some(date) => Some(problems.keep(as_of(file, date))?),
            None => defaults.as_of.clone(),
        },
        as_of_origin: match raw.as_of {
            Some(date) => Some(problems.at(date.span())),
            None => defaults.as_of_origin.clone(),
        },
    }))
}

/// A price: a number, or a `{ low, high }` range.
fn amount(file: &Arc<SourceFile>, raw: &RawNumber, what: &str) -> Result<Amount, Diagnostic> {
    if !matches!(raw.get_ref(), toml::Value::Table(_)) {
        return number::non_negative(file, raw, what).map(|l| Amount::Exact(l.value));
    }
    let origin = Origin::new(file, raw.span());
    let help = format!("write a range inline, as {what} = {{ low = 0.10, high = 0.15 }}");
    // The toml crate gives the bounds as f64; toml_edit keeps each literal's text.
    let text = file.text().get(raw.span()).unwrap_or_default();
    let Ok(toml_edit::Value::InlineTable(table)) = text.parse::<toml_edit::Value>() else {
        return Err(origin
            .error(format!("{what} range is not an inline table"))
            .with_help(help));
    };
    if let Some((extra, _)) = table.iter().find(|(k, _)| *k != "low" && *k != "high") {
        return Err(origin
            .error(format!("unknown field `{extra}` in a price range"))
            .with_help("a range has `low` and `high`"));
    }
    let bound = |key: &str| -> Result<Decimal, Diagnostic> {
        let value = table.get(key).ok_or_else(|| {
            origin
                .error(format!("{what} range has no `{key}`"))
                .with_help(help.clone())
        })?;
        let literal = match value {
            toml_edit::Value::String(s) => s.value().clone(),
            toml_edit::Value::Integer(_) | toml_edit::Value::Float(_) => value.to_string(),
            _ => return Err(origin.error(format!("{what} {key} must be a number"))),
        };
        let parsed = number::parse_decimal(&literal).map_err(|why| origin.error(format!("{what} {key} {why}")))?;
        if parsed.is_sign_negative() && !parsed.is_zero() {
            return Err(origin
                .error(format!("{what} {key} cannot be negative ({parsed})"))
                .with_help("prices are zero or more"));
        }
        Ok(parsed)
    };
    let (low, high) = (bound("low")?, bound("high")?);
    if low > high {
        return Err(origin
            .error(format!("{what} range is upside down: low {low} is above high {high}"))
            .with_help("write the lower price as `low`"));
    }
    Ok(Amount::Range { low, high })
}

fn convert_rate(
    file: &Arc<SourceFile>,
    names: &mut Names,
    kind: Kind,
    unit: Unit,
    raw: &RawRate,
    origin: Origin,
) -> Result<Rate, Diagnostic> {
    let charge = if unit == Unit::Token {
        let (Some(input), Some(output)) = (&raw.input, &raw.output) else {
            return Err(origin
                .error("a per-token price needs both `input` and `output` (per million tokens)")
                .with_help("e.g. input = 0.80, output = 4.00"));
        };
        if raw.price.is_some() {
            return Err(origin.error("a per-token price uses `input` and `output`, not `price`"));
        }
        Charge::tokens(amount(file, input, "input")?, amount(file, output, "output")?)
    } else {
        let Some(price) = &raw.price else {
            return Err(origin
                .error("this rate has no `price`")
                .with_help(format!("add price = ... (per {})", unit.noun())));
        };
        if raw.input.is_some() || raw.output.is_some() {
            return Err(origin.error("`input` and `output` prices are only for unit = \"token\""));
        }
        Charge::PerUnit(amount(file, price, "price")?)
    };
    let seconds = match &raw.seconds {
        Some(s) if kind != Kind::Video => {
            return Err(Origin::new(file, s.span()).error("`seconds` options are only for video models"));
        }
        Some(s) => Some(number::positive(file, s, "seconds")?.value),
        None => None,
    };
    let steps = match &raw.steps {
        Some(s) if kind != Kind::Training => {
            return Err(Origin::new(file, s.span()).error("`steps` options are only for training models"));
        }
        Some(s) => Some(number::whole(file, s, "steps", 1, u64::from(u32::MAX))?.value),
        None => None,
    };
    let resolution = raw.resolution.as_deref().map(|r| names.get(r.trim()));
    Ok(Rate::new(resolution, raw.audio, (seconds, steps), charge, origin))
}

/// What a rate applies to: resolution, audio, fixed length, fixed step count.
type RateOptions<'a> = (Option<&'a str>, Option<bool>, Option<Decimal>, Option<u64>);

fn check_distinct_rates(problems: &mut Problems<'_>, rates: &[Rate]) {
    // Keyed by the options, so a table of any length is checked in one pass.
    let mut seen: HashMap<RateOptions<'_>, &Rate> = HashMap::new();
    for rate in rates {
        let key = (
            rate.resolution.as_deref(),
            rate.audio,
            rate.seconds().map(|s| s.normalize()),
            rate.steps(),
        );
        if let Some(first) = seen.insert(key, rate) {
            seen.insert(key, first);
            problems.found.push(
                rate.origin
                    .error(format!(
                        "this rate repeats the options of the rate on line {}",
                        first.origin.line()
                    ))
                    .with_help("each combination of resolution, audio, seconds and steps has one price"),
            );
        }
    }
}

/// The most multipliers one price may have.
pub const MAX_MULTIPLIERS: usize = 64;

fn convert_multiplier(problems: &mut Problems<'_>, raw: &Spanned<RawMultiplier>) -> Option<Multiplier> {
    let file = problems.file;
    let origin = problems.at(raw.span());
    let m = raw.get_ref();
    if m.frames_above.is_none() && m.seconds_above.is_none() && m.resolution.is_none() && m.audio.is_none() {
        problems.found.push(
            origin
                .error("a multiplier needs a condition")
                .with_help("add frames_above, seconds_above, resolution or audio"),
        );
        return None;
    }
    let factor = problems.keep(number::positive(file, &m.factor, "factor"))?.value;
    let frames_above = match &m.frames_above {
        Some(f) => Some(
            u32::try_from(
                problems
                    .keep(number::whole(file, f, "frames_above", 0, u64::from(u32::MAX)))?
                    .value,
            )
            .ok()?,
        ),
        None => None,
    };
    let seconds_above = match &m.seconds_above {
        Some(s) => Some(problems.keep(number::non_negative(file, s, "seconds_above"))?.value),
        None => None,
    };
    Some(Multiplier {
        frames_above,
        seconds_above,
        resolution: m.resolution.as_deref().map(|r| problems.names.get(r)),
        audio: m.audio,
        factor,
        origin,
    })
}

pub(super) fn convert_limits(problems: &mut Problems<'_>, raw: &Spanned<RawLimits>) -> Limits {
    let file = problems.file;
    let l = raw.get_ref();
    let mut seconds = |raw: &Option<RawNumber>, what| {
        raw.as_ref()
            .and_then(|s| problems.keep(number::positive(file, s, what)).map(|l| l.value))
    };
    let (min_seconds, max_seconds) = (
        seconds(&l.min_seconds, "min_seconds"),
        seconds(&l.max_seconds, "max_seconds"),
    );
    let mut frames = |raw: &Option<RawNumber>, what| {
        raw.as_ref()
            .and_then(|f| problems.keep(number::whole(file, f, what, 1, u64::from(u32::MAX))))
            .and_then(|l| u32::try_from(l.value).ok())
    };
    let (min_frames, max_frames) = (frames(&l.min_frames, "min_frames"), frames(&l.max_frames, "max_frames"));
    let origin = problems.at(raw.span());
    if let (Some(lo), Some(hi)) = (min_seconds, max_seconds)
        && lo > hi
    {
        problems
            .found
            .push(origin.error(format!("min_seconds {lo} is above max_seconds {hi}")));
    }
    if let (Some(lo), Some(hi)) = (min_frames, max_frames)
        && lo > hi
    {
        problems
            .found
            .push(origin.error(format!("min_frames {lo} is above max_frames {hi}")));
    }
    Limits {
        min_seconds,
        max_seconds,
        min_frames,
        max_frames,
        origin: Some(origin),
    }
}
