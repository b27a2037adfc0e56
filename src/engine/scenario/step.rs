//! Reading one step: its id, model, and usage numbers (each a literal or an expression).

use std::sync::Arc;

use rust_decimal::Decimal;
use serde::Deserialize;
use toml::Spanned;

use super::names::Names;
use super::quantity::{self, Check, Quantity};
use super::{Fallback, Size, Stage, Step, UsageField};
use crate::engine::number::RawNumber;
use crate::engine::source::{Diagnostic, Origin, SourceFile};

/// A step as written.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawStep {
    id: Option<Spanned<String>>,
    label: Option<String>,
    model: Spanned<String>,
    quote: Option<Spanned<String>>,
    count: Option<RawNumber>,
    steps: Option<RawNumber>,
    width: Option<RawNumber>,
    height: Option<RawNumber>,
    scale: Option<RawNumber>,
    megapixels: Option<RawNumber>,
    input_tokens: Option<RawNumber>,
    output_tokens: Option<RawNumber>,
    characters: Option<RawNumber>,
    gb: Option<RawNumber>,
    seconds: Option<RawNumber>,
    resolution: Option<Spanned<String>>,
    audio: Option<Spanned<bool>>,
    rerolls: Option<bool>,
    retry_rate: Option<RawNumber>,
    failed_billed: Option<bool>,
    fallback: Option<Spanned<RawFallback>>,
    #[allow(dead_code)]
    note: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFallback {
    model: Spanned<String>,
    share: RawNumber,
}

/// `Keyframe (multi-character)` as `keyframe-multi-character`: lowercased, each run of
/// characters other than letters and digits turned into one `-`, none at either end.
pub fn slug(label: &str) -> String {
    let mut out = String::with_capacity(label.len());
    for c in label.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

const WHOLE: u64 = u32::MAX as u64;

pub(super) fn read(
    file: &Arc<SourceFile>,
    stage: Stage,
    raw: &Spanned<RawStep>,
    names: &Names,
) -> Result<Step, Diagnostic> {
    let origin = Origin::new(file, raw.span());
    let s = raw.get_ref();
    let model_origin = Origin::new(file, s.model.span());
    let model = s.model.get_ref().trim();
    if model.is_empty() {
        return Err(model_origin
            .error("model is empty")
            .with_help("name a model id from a catalog, e.g. \"fal-ai/wan-i2v\""));
    }
    let field = |raw: &Option<RawNumber>, what, check| {
        raw.as_ref()
            .map(|r| quantity::read(file, r, what, check, names))
            .transpose()
    };
    let whole = |min| Check::Whole { min, max: WHOLE };
    let usage = usage_fields(file, s);

    let size = read_size(s, &origin, &field, whole(1))?;
    let fallback = match &s.fallback {
        Some(f) => Some(Fallback {
            model: f.get_ref().model.get_ref().trim().into(),
            share: quantity::read(
                file,
                &f.get_ref().share,
                "fallback share",
                Check::Share { below_one: false },
                names,
            )?,
            origin: Origin::new(file, f.get_ref().model.span()),
        }),
        None => None,
    };
    let label: Arc<str> = s.label.as_deref().unwrap_or(model).into();
    let (id, id_origin) = read_id(file, s, &label, &origin)?;
    let mut step = Step {
        stage,
        id,
        id_origin,
        label,
        model: model.into(),
        quote: s.quote.as_ref().map(|q| q.get_ref().trim().into()),
        quote_origin: s.quote.as_ref().map(|q| Origin::new(file, q.span())),
        count: field(&s.count, "count", whole(0))?.unwrap_or(Quantity::Fixed(Decimal::ONE)),
        steps: field(&s.steps, "steps", whole(1))?,
        size,
        input_tokens: field(&s.input_tokens, "input_tokens", whole(0))?,
        output_tokens: field(&s.output_tokens, "output_tokens", whole(0))?,
        characters: field(&s.characters, "characters", whole(0))?,
        gb: field(&s.gb, "gb", Check::NonNegative)?,
        seconds: field(&s.seconds, "seconds", Check::Positive)?,
        seconds_origin: s.seconds.as_ref().map(|r| Origin::new(file, r.span())),
        resolution: s.resolution.as_ref().map(|r| r.get_ref().as_str().into()),
        audio: s.audio.as_ref().map(|a| *a.get_ref()),
        rerolls: s.rerolls,
        retry_rate: field(&s.retry_rate, "retry_rate", Check::Share { below_one: true })?
            .unwrap_or(Quantity::Fixed(Decimal::ZERO)),
        failed_billed: s.failed_billed.unwrap_or(true),
        fallback,
        fixed: None,
        usage,
        origin,
        model_origin,
    };
    step.fixed = super::FixedUsage::of(&step);
    Ok(step)
}

/// The usage fields a step gives, with where each is written.
fn usage_fields(file: &Arc<SourceFile>, s: &RawStep) -> Vec<(UsageField, Origin)> {
    let spans = [
        (UsageField::Steps, s.steps.as_ref().map(Spanned::span)),
        (
            UsageField::Size,
            s.width.as_ref().or(s.megapixels.as_ref()).map(Spanned::span),
        ),
        (
            UsageField::Tokens,
            s.input_tokens.as_ref().or(s.output_tokens.as_ref()).map(Spanned::span),
        ),
        (UsageField::Characters, s.characters.as_ref().map(Spanned::span)),
        (UsageField::Gb, s.gb.as_ref().map(Spanned::span)),
        (UsageField::Seconds, s.seconds.as_ref().map(Spanned::span)),
        (UsageField::Resolution, s.resolution.as_ref().map(Spanned::span)),
        (UsageField::Audio, s.audio.as_ref().map(Spanned::span)),
    ];
    spans
        .into_iter()
        .filter_map(|(field, span)| Some((field, Origin::new(file, span?))))
        .collect()
}

/// The step's id: its `id` key, checked, else its label slugged.
fn read_id(
    file: &Arc<SourceFile>,
    s: &RawStep,
    label: &str,
    origin: &Origin,
) -> Result<(Arc<str>, Origin), Diagnostic> {
    let Some(id) = &s.id else {
        return Ok((Arc::from(slug(label)), origin.clone()));
    };
    let at = Origin::new(file, id.span());
    let text = id.get_ref().trim();
    let valid = !text.is_empty()
        && text.chars().all(|c| c.is_alphanumeric() || c == '-' || c == '_')
        && !text.ends_with(crate::engine::params::MODEL_SUFFIX);
    if !valid {
        return Err(at
            .error(format!("`{text}` cannot be a step id"))
            .with_help("an id is letters, digits, `-` and `_`, e.g. \"keyframe\""));
    }
    Ok((Arc::from(text), at))
}

type FieldReader<'a> = dyn Fn(&Option<RawNumber>, &'static str, Check) -> Result<Option<Quantity>, Diagnostic> + 'a;

fn read_size(s: &RawStep, origin: &Origin, field: &FieldReader<'_>, whole: Check) -> Result<Option<Size>, Diagnostic> {
    let width = field(&s.width, "width", whole)?;
    let height = field(&s.height, "height", whole)?;
    let scale = field(&s.scale, "scale", Check::Positive)?;
    let megapixels = field(&s.megapixels, "megapixels", Check::Positive)?;
    let size = match (width, height, megapixels) {
        (Some(_), Some(_), Some(_)) => return Err(origin.error("give width and height, or megapixels, not both")),
        (Some(width), Some(height), None) => {
            let scale_origin = s.scale.as_ref().map(|r| Origin::new(origin.file(), r.span()));
            let size = Size::Pixels {
                width,
                height,
                scale,
                origin: scale_origin.unwrap_or_else(|| origin.clone()),
            };
            // A size of literals is worked out once, here.
            match size.fixed() {
                Some(mp) => Size::Megapixels(Quantity::Fixed(mp?)),
                None => size,
            }
        }
        (None, None, Some(mp)) => Size::Megapixels(mp),
        (None, None, None) => return Ok(None),
        _ => {
            return Err(origin
                .error("an output size needs both width and height")
                .with_help("e.g. width = 1024, height = 1024"));
        }
    };
    Ok(Some(size))
}
