//! A step's output size and the usage fields it may give.

use rust_decimal::Decimal;

use super::{Quantity, Step};
use crate::engine::money;
use crate::engine::params::Params;
use crate::engine::source::{Diagnostic, Origin};

/// The output size of an image step.
#[derive(Debug, Clone)]
pub enum Size {
    /// Megapixels, given or worked out from literal sizes when the scenario loaded.
    Megapixels(Quantity),
    /// Width x height (x scale squared), at least one of them an expression.
    Pixels {
        /// Output width in pixels.
        width: Quantity,
        /// Output height in pixels.
        height: Quantity,
        /// An upscale factor.
        scale: Option<Quantity>,
        /// Where an overflow is reported.
        origin: Origin,
    },
}

impl Size {
    /// Megapixels at these parameters.
    pub fn megapixels(&self, params: &Params) -> Result<Decimal, Diagnostic> {
        match self {
            Self::Megapixels(mp) => mp.value(params),
            Self::Pixels {
                width,
                height,
                scale,
                origin,
            } => {
                let scale = scale.as_ref().map(|s| s.value(params)).transpose()?;
                pixels(width.value(params)?, height.value(params)?, scale, origin)
            }
        }
    }

    /// Megapixels when every part is a literal.
    pub(super) fn fixed(&self) -> Option<Result<Decimal, Diagnostic>> {
        match self {
            Self::Megapixels(mp) => mp.fixed().map(Ok),
            Self::Pixels {
                width,
                height,
                scale,
                origin,
            } => {
                let scale = match scale {
                    Some(s) => Some(s.fixed()?),
                    None => None,
                };
                Some(pixels(width.fixed()?, height.fixed()?, scale, origin))
            }
        }
    }
}

fn pixels(width: Decimal, height: Decimal, scale: Option<Decimal>, origin: &Origin) -> Result<Decimal, Diagnostic> {
    let scale = scale.unwrap_or(Decimal::ONE);
    money::mul(width, height)
        .and_then(|p| money::mul(p, scale))
        .and_then(|p| money::mul(p, scale))
        .and_then(|p| money::div(p, Decimal::from(1_000_000u32)))
        .ok_or_else(|| {
            origin
                .error(format!("the output size {}", money::INEXACT))
                .with_help("check width, height and scale")
        })
}

/// A usage field a step may give, to say when its model has no use for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UsageField {
    /// `steps`.
    Steps,
    /// `width` and `height`, or `megapixels`.
    Size,
    /// `input_tokens` and `output_tokens`.
    Tokens,
    /// `characters`.
    Characters,
    /// `gb`.
    Gb,
    /// `seconds`.
    Seconds,
    /// `resolution`.
    Resolution,
    /// `audio`.
    Audio,
}

impl UsageField {
    /// The field's name as written.
    pub fn name(self) -> &'static str {
        match self {
            Self::Steps => "steps",
            Self::Size => "an output size",
            Self::Tokens => "token counts",
            Self::Characters => "characters",
            Self::Gb => "gb",
            Self::Seconds => "seconds",
            Self::Resolution => "resolution",
            Self::Audio => "audio",
        }
    }
}

/// A step's usage numbers when all of them are literals.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FixedUsage {
    /// Training steps.
    pub steps: Option<u64>,
    /// Output megapixels.
    pub megapixels: Option<Decimal>,
    /// Prompt tokens per call.
    pub input_tokens: Option<u64>,
    /// Completion tokens per call.
    pub output_tokens: Option<u64>,
    /// Characters of text per call (speech priced per character).
    pub characters: Option<u64>,
    /// Gigabytes stored.
    pub gb: Option<Decimal>,
    /// A clip length of its own.
    pub seconds: Option<Decimal>,
}

impl FixedUsage {
    /// The step's usage numbers, when every one is a literal.
    pub(super) fn of(step: &Step) -> Option<Self> {
        let fixed = |q: &Option<Quantity>| match q {
            None => Some(None),
            Some(q) => q.fixed().map(Some),
        };
        let whole = |q: &Option<Quantity>| fixed(q).map(|v| v.and_then(|v| u64::try_from(v).ok()));
        let megapixels = match &step.size {
            None => None,
            Some(Size::Megapixels(q)) => Some(q.fixed()?),
            Some(Size::Pixels { .. }) => return None,
        };
        Some(Self {
            steps: whole(&step.steps)?,
            megapixels,
            input_tokens: whole(&step.input_tokens)?,
            output_tokens: whole(&step.output_tokens)?,
            characters: whole(&step.characters)?,
            gb: fixed(&step.gb)?,
            seconds: fixed(&step.seconds)?,
        })
    }
}
