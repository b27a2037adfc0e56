//! The parameters a founder tunes. Their names are shared by scenario files, `--set`, the
//! dashboard and JSON output.
//!
//! Three families of names:
//! - the built-in ones ([`NAMES`]) and the sale's ([`SALE_NAMES`]), fields of [`Params`];
//! - the scenario's own, declared in `[parameters]` (`augmentations = 35`), some derived from
//!   others by an expression; their values sit in [`Params::values`];
//! - one model per step, `STEP.model`, where STEP is the step's id.
//!
//! [`Params::set`] takes any of them from text (validated, with a [`ParamError`] saying what
//! would be valid), [`Params::set_decimal`] from a number, [`Params::value`] reads one back as
//! data and [`Params::get`] as the text `set` accepts. [`describe`] lists them all in display
//! order with what the dashboard needs to show them. Cloning and comparing stay cheap: the
//! scenario's own values and the step models are shared until one changes.
#![warn(clippy::arithmetic_side_effects)]

mod builtin;
mod describe;
mod merge;
pub mod schema;
mod set;

use std::fmt;
use std::sync::Arc;

use rust_decimal::Decimal;

pub use builtin::parse_share;
pub use describe::{Kind, ParamInfo, describe, step_model};
pub use merge::merge;
pub use schema::{Bounds, Pack, Schema};

/// Every built-in parameter name, in the order they are shown.
pub const NAMES: [&str; 12] = [
    "scenes",
    "frames",
    "fps",
    "seconds",
    "resolution",
    "audio",
    "characters",
    "videos_per_character",
    "reroll_rate",
    "videos_per_month",
    "finished_seconds_per_scene",
    "video_model",
];

/// The sale's parameter names, in the order they are shown.
pub const SALE_NAMES: [&str; 6] = [
    "price",
    "credits",
    "credit_price",
    "pack",
    "target_margin",
    "paid_share",
];

/// The suffix that names a step's model: `keyframe.model`.
pub const MODEL_SUFFIX: &str = ".model";

/// A built-in parameter that holds a number, as an expression reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Number {
    /// `scenes`.
    Scenes,
    /// `frames`.
    Frames,
    /// `fps`.
    Fps,
    /// `seconds`: frames / fps.
    Seconds,
    /// `characters`.
    Characters,
    /// `videos_per_character`.
    VideosPerCharacter,
    /// `reroll_rate`.
    RerollRate,
    /// `videos_per_month`.
    VideosPerMonth,
    /// `finished_seconds_per_scene`.
    FinishedSecondsPerScene,
    /// `price`.
    Price,
    /// `credits`.
    Credits,
    /// `credit_price`.
    CreditPrice,
    /// `target_margin`.
    TargetMargin,
    /// `paid_share`.
    PaidShare,
}

impl Number {
    /// Every numeric built-in.
    pub const ALL: [Self; 14] = [
        Self::Scenes,
        Self::Frames,
        Self::Fps,
        Self::Seconds,
        Self::Characters,
        Self::VideosPerCharacter,
        Self::RerollRate,
        Self::VideosPerMonth,
        Self::FinishedSecondsPerScene,
        Self::Price,
        Self::Credits,
        Self::CreditPrice,
        Self::TargetMargin,
        Self::PaidShare,
    ];

    /// Its name.
    pub fn name(self) -> &'static str {
        match self {
            Self::Scenes => "scenes",
            Self::Frames => "frames",
            Self::Fps => "fps",
            Self::Seconds => "seconds",
            Self::Characters => "characters",
            Self::VideosPerCharacter => "videos_per_character",
            Self::RerollRate => "reroll_rate",
            Self::VideosPerMonth => "videos_per_month",
            Self::FinishedSecondsPerScene => "finished_seconds_per_scene",
            Self::Price => "price",
            Self::Credits => "credits",
            Self::CreditPrice => "credit_price",
            Self::TargetMargin => "target_margin",
            Self::PaidShare => "paid_share",
        }
    }

    /// The numeric built-in of this name.
    pub fn named(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|n| n.name() == name)
    }
}

/// A parameter an expression reads: a numeric built-in, or a slot of the scenario's own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Ref {
    /// A built-in number.
    Builtin(Number),
    /// The scenario's own parameter in this slot of [`Params::values`].
    Slot(usize),
}

/// What a video sells for, as parameters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SaleParams {
    /// The price of one video, when it is sold for money rather than credits.
    pub price: Option<Decimal>,
    /// Credits charged per video.
    pub credits: Option<Decimal>,
    /// What one credit costs, when no pack is chosen.
    pub credit_price: Option<Decimal>,
    /// The credit pack whose price per credit applies.
    pub pack: Option<Arc<str>>,
    /// The margin aimed for, as a share of revenue.
    pub target_margin: Option<Decimal>,
    /// The share of videos that are paid for (the rest are a free tier).
    pub paid_share: Decimal,
}

impl Default for SaleParams {
    fn default() -> Self {
        Self {
            price: None,
            credits: None,
            credit_price: None,
            pack: None,
            target_margin: None,
            paid_share: Decimal::ONE,
        }
    }
}

impl SaleParams {
    /// Whether a video has a price at all.
    pub fn is_set(&self) -> bool {
        self.price.is_some() || self.credits.is_some()
    }
}

/// A parameter's value as data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    /// A whole number.
    Whole(u64),
    /// A decimal number (a share is one too: `0.1` is ten per cent).
    Number(Decimal),
    /// A choice or a model id.
    Text(Arc<str>),
    /// On or off.
    Bool(bool),
    /// No value: the parameter is not set.
    Unset,
}

/// A scenario's tunable parameters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Params {
    /// Scenes per video.
    pub scenes: u32,
    /// Frames per generated clip.
    pub frames: u32,
    /// Frames per second of the clip.
    pub fps: u32,
    /// Output resolution of video steps, e.g. `720p`.
    pub resolution: Option<Arc<str>>,
    /// Whether video steps generate audio.
    pub audio: bool,
    /// Characters per video, each set up once.
    pub characters: u32,
    /// Videos made with each character, over which its setup is spread.
    pub videos_per_character: u32,
    /// Share of scene generations thrown away and made again, in [0, 1).
    pub reroll_rate: Decimal,
    /// Videos made per month.
    pub videos_per_month: u64,
    /// Seconds of each scene left after trimming; the clip length when unset.
    pub finished_seconds_per_scene: Option<Decimal>,
    /// Another video model for the scene steps that make video, in place of the scenario's.
    pub video_model: Option<Arc<str>>,
    /// What a video sells for.
    pub sale: SaleParams,
    /// The scenario's own parameters, one per slot of `schema.custom` (a derived one's slot
    /// holds its last computed value).
    pub values: Arc<Vec<Decimal>>,
    /// A model in place of the file's, per step of `schema.steps`; `None` keeps the file's.
    pub models: Arc<Vec<Option<Arc<str>>>>,
    /// The scenario's own names, bounds, steps and packs.
    pub schema: Arc<Schema>,
}

impl Default for Params {
    fn default() -> Self {
        Self {
            scenes: 1,
            frames: 0,
            fps: 24,
            resolution: None,
            audio: false,
            characters: 0,
            videos_per_character: 1,
            reroll_rate: Decimal::ZERO,
            videos_per_month: 1000,
            finished_seconds_per_scene: None,
            video_model: None,
            sale: SaleParams::default(),
            values: Arc::default(),
            models: Arc::default(),
            schema: Arc::default(),
        }
    }
}

/// A parameter value that is not valid, with what would be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParamError {
    /// The parameter.
    pub name: String,
    /// What is wrong.
    pub message: String,
    /// What would be valid.
    pub help: String,
}

impl fmt::Display for ParamError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {} ({})", self.name, self.message, self.help)
    }
}

impl std::error::Error for ParamError {}

fn error(name: &str, message: impl Into<String>, help: impl Into<String>) -> ParamError {
    ParamError {
        name: name.into(),
        message: message.into(),
        help: help.into(),
    }
}

impl Params {
    /// Clip length in seconds: frames / fps, or `None` when there is no clip.
    pub fn seconds(&self) -> Option<Decimal> {
        // Whole numbers below 2^32: the quotient fits, and is `None` only for an fps of zero.
        (self.frames > 0).then(|| Decimal::from(self.frames).checked_div(Decimal::from(self.fps)))?
    }

    /// Every parameter name, in display order: built-in, sale, the scenario's own, step models.
    pub fn names(&self) -> impl Iterator<Item = String> + '_ {
        let fixed = NAMES.iter().chain(SALE_NAMES.iter()).map(|n| (*n).to_owned());
        let custom = self.schema.custom.iter().map(|c| c.name.to_string());
        let models = self.schema.steps.iter().map(|s| format!("{}{MODEL_SUFFIX}", s.id));
        fixed.chain(custom).chain(models)
    }

    /// A number an expression reads; `None` when it has no value.
    pub fn number(&self, r: Ref) -> Option<Decimal> {
        match r {
            Ref::Slot(slot) => self.values.get(slot).copied(),
            Ref::Builtin(n) => match n {
                Number::Scenes => Some(self.scenes.into()),
                Number::Frames => Some(self.frames.into()),
                Number::Fps => Some(self.fps.into()),
                Number::Seconds => self.seconds(),
                Number::Characters => Some(self.characters.into()),
                Number::VideosPerCharacter => Some(self.videos_per_character.into()),
                Number::RerollRate => Some(self.reroll_rate),
                Number::VideosPerMonth => Some(self.videos_per_month.into()),
                Number::FinishedSecondsPerScene => self.finished_seconds_per_scene.or_else(|| self.seconds()),
                Number::Price => self.sale.price.or_else(|| self.price_in_credits()),
                Number::Credits => self.sale.credits,
                Number::CreditPrice => self.credit_price(),
                Number::TargetMargin => self.sale.target_margin,
                Number::PaidShare => Some(self.sale.paid_share),
            },
        }
    }

    /// The price of one credit: the chosen pack's, else `credit_price`.
    pub fn credit_price(&self) -> Option<Decimal> {
        match &self.sale.pack {
            Some(name) => self.schema.pack(name).and_then(schema::Pack::credit_price),
            None => self.sale.credit_price,
        }
    }

    fn price_in_credits(&self) -> Option<Decimal> {
        super::money::mul(self.sale.credits?, self.credit_price()?)
    }

    /// A parameter's value as data; `None` for a name that is not a parameter.
    pub fn value(&self, name: &str) -> Option<Value> {
        let number = |d: Option<Decimal>| d.map_or(Value::Unset, Value::Number);
        let text = |t: &Option<Arc<str>>| t.as_ref().map_or(Value::Unset, |t| Value::Text(Arc::clone(t)));
        Some(match name {
            "scenes" => Value::Whole(self.scenes.into()),
            "frames" => Value::Whole(self.frames.into()),
            "fps" => Value::Whole(self.fps.into()),
            "characters" => Value::Whole(self.characters.into()),
            "videos_per_character" => Value::Whole(self.videos_per_character.into()),
            "videos_per_month" => Value::Whole(self.videos_per_month),
            "seconds" => number(self.seconds()),
            "reroll_rate" => Value::Number(self.reroll_rate),
            "finished_seconds_per_scene" => number(self.finished_seconds_per_scene),
            "resolution" => text(&self.resolution),
            "audio" => Value::Bool(self.audio),
            "video_model" => text(&self.video_model),
            "price" => number(self.sale.price),
            "credits" => number(self.sale.credits),
            "credit_price" => number(self.sale.credit_price),
            "pack" => text(&self.sale.pack),
            "target_margin" => number(self.sale.target_margin),
            "paid_share" => Value::Number(self.sale.paid_share),
            _ => {
                if let Some(slot) = self.schema.slot(name) {
                    let value = self.resolved_slot(slot)?;
                    return Some(match self.schema.custom.get(slot) {
                        Some(c) if c.whole && value.fract().is_zero() && value >= Decimal::ZERO => {
                            u64::try_from(value).map_or(Value::Number(value), Value::Whole)
                        }
                        _ => Value::Number(value),
                    });
                }
                let index = self.schema.step(name.strip_suffix(MODEL_SUFFIX)?)?;
                let own = self.schema.steps.get(index).map(|s| Arc::clone(&s.model));
                let model = self.models.get(index).cloned().flatten().or(own)?;
                Value::Text(model)
            }
        })
    }

    /// A derived slot's value computed afresh; a declared slot's value as set.
    fn resolved_slot(&self, slot: usize) -> Option<Decimal> {
        if self.schema.custom.get(slot)?.derived.is_none() {
            return self.values.get(slot).copied();
        }
        let mut resolved = self.clone();
        resolved.resolve().ok()?;
        resolved.values.get(slot).copied()
    }

    /// A parameter's value as text, the form `set` accepts; empty when it is unset.
    pub fn get(&self, name: &str) -> Option<String> {
        Some(match self.value(name)? {
            Value::Whole(n) => n.to_string(),
            Value::Number(d) => d.normalize().to_string(),
            Value::Text(t) => t.to_string(),
            Value::Bool(b) => b.to_string(),
            Value::Unset => String::new(),
        })
    }
}

#[cfg(test)]
mod tests;
