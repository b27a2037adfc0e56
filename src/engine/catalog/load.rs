//! Reading catalog files into validated [`Catalog`]s.

mod chunks;

use std::collections::HashMap;
use std::sync::Arc;

use rust_decimal::Decimal;
use serde::Deserialize;
use toml::Spanned;

use super::{
    Amount, Base, Catalog, Catalogs, Charge, Kind, Limits, Model, Multiplier, Pricing, Provenance, Rate, Rounding, Unit,
};
use crate::engine::asof::AsOf;
use crate::engine::number::{self, RawNumber};
use crate::engine::source::{Diagnostic, Diagnostics, Origin, SourceFile};
use crate::engine::suggest;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCatalog {
    provider: Spanned<String>,
    currency: Spanned<String>,
    source: Option<String>,
    as_of: Option<Spanned<toml::Value>>,
    stale_after_days: Option<RawNumber>,
    #[allow(dead_code)]
    note: Option<String>,
    #[serde(default)]
    model: Vec<Spanned<RawModel>>,
}

/// The pricing fields shared by a model and its quotes, declared once for both.
macro_rules! priced_struct {
    ($name:ident { $($(#[$attr:meta])* $field:ident : $ty:ty,)* }) => {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct $name {
            $($(#[$attr])* $field: $ty,)*
            unit: Spanned<Unit>,
            source: Option<String>,
            as_of: Option<Spanned<toml::Value>>,
            price: Option<RawNumber>,
            input: Option<RawNumber>,
            output: Option<RawNumber>,
            rates: Option<Spanned<Vec<Spanned<RawRate>>>>,
            #[serde(default)]
            multipliers: Vec<Spanned<RawMultiplier>>,
            #[serde(default)]
            round: Rounding,
            base: Option<Spanned<RawBase>>,
            free_tier: Option<RawNumber>,
        }

        impl $name {
            fn pricing_fields(&self) -> PricingFields<'_> {
                PricingFields {
                    unit: &self.unit,
                    source: self.source.as_deref(),
                    as_of: self.as_of.as_ref(),
                    price: self.price.as_ref(),
                    input: self.input.as_ref(),
                    output: self.output.as_ref(),
                    rates: self.rates.as_ref(),
                    multipliers: &self.multipliers,
                    round: self.round,
                    base: self.base.as_ref(),
                    free_tier: self.free_tier.as_ref(),
                }
            }
        }
    };
}

priced_struct!(RawModel {
    id: Spanned<String>,
    name: Option<String>,
    kind: Spanned<Kind>,
    note: Option<String>,
    inputs: Option<Vec<Spanned<String>>>,
    limits: Option<Spanned<RawLimits>>,
    #[serde(default)]
    quote: Vec<Spanned<RawQuote>>,
});

priced_struct!(RawQuote {
    name: Spanned<String>,
});

struct PricingFields<'a> {
    unit: &'a Spanned<Unit>,
    source: Option<&'a str>,
    as_of: Option<&'a Spanned<toml::Value>>,
    price: Option<&'a RawNumber>,
    input: Option<&'a RawNumber>,
    output: Option<&'a RawNumber>,
    rates: Option<&'a Spanned<Vec<Spanned<RawRate>>>>,
    multipliers: &'a [Spanned<RawMultiplier>],
    round: Rounding,
    base: Option<&'a Spanned<RawBase>>,
    free_tier: Option<&'a RawNumber>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRate {
    resolution: Option<String>,
    audio: Option<bool>,
    seconds: Option<RawNumber>,
    steps: Option<RawNumber>,
    price: Option<RawNumber>,
    input: Option<RawNumber>,
    output: Option<RawNumber>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMultiplier {
    frames_above: Option<RawNumber>,
    seconds_above: Option<RawNumber>,
    resolution: Option<String>,
    audio: Option<bool>,
    factor: RawNumber,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBase {
    price: RawNumber,
    includes: RawNumber,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLimits {
    min_seconds: Option<RawNumber>,
    max_seconds: Option<RawNumber>,
    min_frames: Option<RawNumber>,
    max_frames: Option<RawNumber>,
}

/// Collects problems so one pass reports all of them.
struct Problems<'f> {
    file: &'f Arc<SourceFile>,
    found: Vec<Diagnostic>,
}

impl Problems<'_> {
    fn keep<T>(&mut self, result: Result<T, Diagnostic>) -> Option<T> {
        result.map_err(|d| self.found.push(d)).ok()
    }

    fn at(&self, span: std::ops::Range<usize>) -> Origin {
        Origin::new(self.file, span)
    }
}

/// Loads one catalog file.
pub fn load_catalog(file: &Arc<SourceFile>) -> Result<Catalog, Diagnostics> {
    if file.text().trim().is_empty() {
        return Err(Diagnostic::file_error(file.path(), "the file is empty")
            .with_help("a catalog names its provider and currency, then lists [[model]] tables")
            .into());
    }
    let text = file.text();
    // A large catalog is parsed a model at a time (see `chunks`), a small one whole.
    if let Some(cuts) = chunks::cuts(text)
        && let Some(mut header) = chunks::header(text, cuts[0])
    {
        let first = std::mem::take(&mut header.model);
        let ends = cuts.iter().skip(1).copied().chain([text.len()]);
        let pieces = cuts
            .iter()
            .copied()
            .zip(ends)
            .map(|(start, end)| chunks::models(text, start..end));
        if let Some(loaded) = convert_catalog(file, &header, std::iter::once(Some(first)).chain(pieces)) {
            return loaded;
        }
    }
    let mut raw: RawCatalog = toml::from_str(text).map_err(|e| suggest::toml_error(file, &e))?;
    let models = std::mem::take(&mut raw.model);
    convert_catalog(file, &raw, std::iter::once(Some(models))).unwrap_or_else(|| Err(Diagnostics::default()))
}

/// Validates a parsed catalog whose models come in batches; `None` when a batch is `None` (a
/// piece of the file that did not parse on its own).
fn convert_catalog(
    file: &Arc<SourceFile>,
    raw: &RawCatalog,
    batches: impl Iterator<Item = Option<Vec<Spanned<RawModel>>>>,
) -> Option<Result<Catalog, Diagnostics>> {
    let mut problems = Problems {
        file,
        found: Vec::new(),
    };

    let currency = raw.currency.get_ref().trim().to_owned();
    if currency.len() != 3 || !currency.chars().all(|c| c.is_ascii_uppercase()) {
        problems.found.push(
            problems
                .at(raw.currency.span())
                .error(format!(
                    "currency `{currency}` is not a three-letter currency code in capitals"
                ))
                .with_help("write an ISO 4217 code such as \"USD\" or \"EUR\""),
        );
    }
    let currency: Arc<str> = currency.into();
    let provider: Arc<str> = raw.provider.get_ref().as_str().into();
    let defaults = Provenance {
        source: raw.source.as_deref().map(Into::into),
        as_of: raw.as_of.as_ref().and_then(|d| problems.keep(as_of(file, d))),
        as_of_origin: raw.as_of.as_ref().map(|d| problems.at(d.span())),
    };
    let stale_after_days = raw.stale_after_days.as_ref().and_then(|days| {
        let days = problems.keep(number::whole(file, days, "stale_after_days", 0, u64::from(u32::MAX)))?;
        u32::try_from(days.value).ok()
    });

    let mut models = Vec::new();
    let mut seen: HashMap<String, Origin> = HashMap::new();
    for batch in batches {
        for spanned in &batch? {
            let origin = problems.at(spanned.span());
            let raw_model = spanned.get_ref();
            let id_origin = problems.at(raw_model.id.span());
            if let Some(first) = seen.get(raw_model.id.get_ref()) {
                problems.found.push(
                    id_origin
                        .error(format!(
                            "duplicate model id `{}` (first defined on line {})",
                            raw_model.id.get_ref(),
                            first.line()
                        ))
                        .with_help("each model id appears once; add a [[model.quote]] to record a second price for it"),
                );
                continue;
            }
            seen.insert(raw_model.id.get_ref().clone(), id_origin);
            if let Some(mut model) = convert_model(&mut problems, raw_model, origin, &provider, &currency, &defaults) {
                model.stale_after_days = stale_after_days;
                models.push(Arc::new(model));
            }
        }
    }
    if !problems.found.is_empty() {
        return Some(Err(Diagnostics(problems.found)));
    }
    Some(Ok(Catalog {
        provider,
        currency,
        stale_after_days,
        models,
        path: file.path().to_owned(),
    }))
}

/// Reads an `as_of` date: a string, a bare TOML date or a bare year, as YYYY, YYYY-MM or YYYY-MM-DD.
fn as_of(file: &Arc<SourceFile>, raw: &Spanned<toml::Value>) -> Result<AsOf, Diagnostic> {
    let text = match raw.get_ref() {
        toml::Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    AsOf::parse(&text).map_err(|why| {
        Origin::new(file, raw.span())
            .error(format!("as_of {why}"))
            .with_help("write when the price was read as \"2026\", \"2026-04\" or \"2026-04-09\"")
    })
}

fn convert_model(
    problems: &mut Problems<'_>,
    raw: &RawModel,
    origin: Origin,
    provider: &Arc<str>,
    currency: &Arc<str>,
    defaults: &Provenance,
) -> Option<Model> {
    let id = raw.id.get_ref().trim();
    if id.is_empty() {
        problems.found.push(
            problems
                .at(raw.id.span())
                .error("model id is empty")
                .with_help("ids look like `fal-ai/wan-i2v`"),
        );
        return None;
    }
    let kind = *raw.kind.get_ref();
    let before = problems.found.len();
    let pricing = convert_pricing(problems, kind, None, raw.pricing_fields(), origin.clone(), defaults);
    let mut quotes = Vec::new();
    for quote in &raw.quote {
        let name = quote.get_ref().name.get_ref().as_str();
        let quote_origin = problems.at(quote.span());
        if let Some(p) = convert_pricing(
            problems,
            kind,
            Some(name),
            quote.get_ref().pricing_fields(),
            quote_origin,
            defaults,
        ) {
            quotes.push(p);
        }
    }
    let limits = raw
        .limits
        .as_ref()
        .map(|l| convert_limits(problems, l))
        .unwrap_or_default();
    let inputs = raw.inputs.iter().flatten().filter_map(|input| {
        let name = input.get_ref().trim();
        if INPUTS.contains(&name) {
            return Some(Arc::from(name));
        }
        problems.found.push(
            problems
                .at(input.span())
                .error(format!("`{name}` is not an input a model takes"))
                .with_help(format!("inputs are {}", INPUTS.join(", "))),
        );
        None
    });
    let inputs: Vec<Arc<str>> = inputs.collect();
    if problems.found.len() > before {
        return None;
    }
    Some(Model {
        id: id.into(),
        name: raw.name.as_deref().unwrap_or(id).into(),
        kind,
        provider: Arc::clone(provider),
        currency: Arc::clone(currency),
        pricing: pricing?,
        quotes,
        limits,
        note: raw.note.as_deref().map(Into::into),
        stale_after_days: None,
        inputs,
        origin,
        id_origin: problems.at(raw.id.span()),
    })
}

/// What a model may take in, for `inputs = [...]`.
const INPUTS: [&str; 4] = ["text", "image", "video", "audio"];

/// Which billing units make sense for each kind of model.
fn units_for(kind: Kind) -> &'static [Unit] {
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

fn convert_pricing(
    problems: &mut Problems<'_>,
    kind: Kind,
    name: Option<&str>,
    raw: PricingFields<'_>,
    origin: Origin,
    defaults: &Provenance,
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
            rates.extend(problems.keep(convert_rate(file, kind, unit, &row, origin.clone())));
        }
        (false, Some(table)) => {
            for row in table.get_ref() {
                let rate_origin = problems.at(row.span());
                rates.extend(problems.keep(convert_rate(file, kind, unit, row.get_ref(), rate_origin)));
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
    check_distinct_rates(problems, &rates);

    // Which multipliers fired is kept as one bit each in a `u64`: a 65th would go unrecorded.
    if let Some(extra) = raw.multipliers.get(MAX_MULTIPLIERS) {
        problems.found.push(
            problems
                .at(extra.span())
                .error(format!(
                    "{} multipliers on one price; at most {MAX_MULTIPLIERS} are supported",
                    raw.multipliers.len()
                ))
                .with_help("combine multipliers that fire together into one factor"),
        );
        return None;
    }
    let mut multipliers: Vec<Multiplier> = raw
        .multipliers
        .iter()
        .filter_map(|m| convert_multiplier(problems, m))
        .collect();
    // A catalog can hold a hundred thousand models: no spare capacity kept in each.
    multipliers.shrink_to_fit();
    rates.shrink_to_fit();
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
        rates,
        multipliers,
        round: raw.round,
        base,
        free_tier,
        provenance: Provenance {
            source: raw.source.map(Into::into).or_else(|| defaults.source.clone()),
            as_of: match raw.as_of {
                Some(date) => Some(problems.keep(as_of(file, date))?),
                None => defaults.as_of.clone(),
            },
            as_of_origin: match raw.as_of {
                Some(date) => Some(problems.at(date.span())),
                None => defaults.as_of_origin.clone(),
            },
        },
        origin,
    })
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
        Charge::Tokens {
            input: amount(file, input, "input")?,
            output: amount(file, output, "output")?,
        }
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
    Ok(Rate {
        resolution: raw.resolution.as_deref().map(|r| r.trim().into()),
        audio: raw.audio,
        seconds,
        steps,
        charge,
        origin,
    })
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
            rate.seconds.map(|s| s.normalize()),
            rate.steps,
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
        resolution: m.resolution.as_deref().map(Into::into),
        audio: m.audio,
        factor,
        origin,
    })
}

fn convert_limits(problems: &mut Problems<'_>, raw: &Spanned<RawLimits>) -> Limits {
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

/// Loads several catalog files into one set, refusing model ids defined twice.
pub fn load_catalogs(files: &[Arc<SourceFile>]) -> Result<Catalogs, Diagnostics> {
    let mut found = Vec::new();
    let mut loaded = Vec::with_capacity(files.len());
    for result in super::parallel::load_each(files) {
        match result {
            Ok(catalog) => loaded.push(catalog),
            Err(mut errors) => found.append(&mut errors.0),
        }
    }
    match combine_catalogs(loaded) {
        Ok(catalogs) if found.is_empty() => Ok(catalogs),
        Ok(_) => Err(Diagnostics(found)),
        Err(mut errors) => {
            found.append(&mut errors.0);
            Err(Diagnostics(found))
        }
    }
}

/// Puts catalogs loaded one by one into one set, refusing model ids defined twice.
pub fn combine_catalogs(loaded: Vec<Catalog>) -> Result<Catalogs, Diagnostics> {
    let mut found = Vec::new();
    let mut catalogs = Catalogs {
        files: loaded,
        ..Catalogs::default()
    };
    for catalog in &catalogs.files {
        for model in &catalog.models {
            if let Some(first) = catalogs.by_id.get(&model.id) {
                found.push(
                    model
                        .id_origin
                        .error(format!("duplicate model id `{}`: {} already defines it", model.id, first.origin.file().path()))
                        .with_help("each model id appears in one catalog; add a [[model.quote]] to record a second price for it"),
                );
                continue;
            }
            catalogs.by_id.insert(Arc::clone(&model.id), Arc::clone(model));
        }
    }
    if found.is_empty() {
        Ok(catalogs)
    } else {
        Err(Diagnostics(found))
    }
}
