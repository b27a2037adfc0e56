//! Pricing one call of a model: which rate applies, how many units are billed, which factors fire.
#![warn(clippy::arithmetic_side_effects)]

use std::fmt;

use rust_decimal::Decimal;

use super::catalog::{Amount, Charge, Kind, Pricing, Rate, TokenPrices, Unit};
use super::money;

/// What one call asks of a model.
#[derive(Debug, Clone, Copy, Default)]
pub struct Usage<'a> {
    /// Clip length in seconds.
    pub seconds: Option<Decimal>,
    /// Frames in the clip.
    pub frames: Option<u32>,
    /// The frame rate, when `seconds` is frames / fps and that quotient does not end (250
    /// frames at 24 fps): `seconds` is then rounded at the 28th place, and a price per second
    /// of it is exact only when the billed seconds round it.
    pub unending_fps: Option<u32>,
    /// Output resolution.
    pub resolution: Option<&'a str>,
    /// Whether the output has audio.
    pub audio: bool,
    /// Training steps.
    pub steps: Option<u64>,
    /// Output size in megapixels.
    pub megapixels: Option<Decimal>,
    /// Prompt tokens.
    pub input_tokens: Option<u64>,
    /// Completion tokens.
    pub output_tokens: Option<u64>,
    /// Characters of text, for speech.
    pub characters: Option<u64>,
    /// Gigabytes stored, after any free tier.
    pub gb: Option<Decimal>,
}

/// The price of one call and how it was reached.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Priced {
    /// What one call costs.
    pub cost: Decimal,
    /// Index of the rate that applied.
    pub rate: usize,
    /// The price per unit used (a range's midpoint).
    pub unit_price: Decimal,
    /// Units measured before rounding.
    pub measured: Decimal,
    /// Units billed after rounding.
    pub billed: Decimal,
    /// The product of the multipliers that fired.
    pub factor: Decimal,
    /// Bit i set when multiplier i fired.
    pub fired: u64,
}

/// Why a call cannot be priced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PriceError {
    /// The resolution asked for is not in the price table.
    Resolution {
        asked: Option<String>,
        offered: Vec<String>,
    },
    /// Audio was asked of a model without it.
    Audio,
    /// Only audio output is priced and silent was asked, or the other way round.
    AudioOption { asked: bool },
    /// The model is sold only in fixed lengths and this is not one.
    Duration { asked: Decimal, offered: Vec<Decimal> },
    /// The model is sold only at fixed step counts and this is not one.
    Steps { asked: Option<u64>, offered: Vec<u64> },
    /// A quantity the unit needs was not given.
    Missing(&'static str),
    /// The arithmetic left the range of exact money.
    Overflow,
    /// A price per second of a clip whose length in seconds does not end.
    UnendingSeconds { frames: u32, fps: u32 },
}

impl fmt::Display for PriceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Resolution {
                asked: Some(r),
                offered,
            } => write!(f, "resolution {r} is not offered (offered: {})", offered.join(", ")),
            Self::Resolution { asked: None, offered } => {
                write!(f, "a resolution is needed (offered: {})", offered.join(", "))
            }
            Self::Audio => f.write_str("audio is not offered by this model"),
            Self::AudioOption { asked: true } => f.write_str("no price is given with audio"),
            Self::AudioOption { asked: false } => f.write_str("no price is given without audio"),
            Self::Duration { asked, offered } => {
                let list: Vec<String> = offered.iter().map(|s| format!("{} s", s.normalize())).collect();
                write!(
                    f,
                    "a {} s clip is not offered (fixed lengths: {})",
                    asked.normalize(),
                    list.join(", ")
                )
            }
            Self::Steps { asked, offered } => {
                let list: Vec<String> = offered.iter().map(u64::to_string).collect();
                let asked = asked.map_or("no".to_owned(), |s| s.to_string());
                write!(
                    f,
                    "{asked} steps is not offered (fixed step counts: {})",
                    list.join(", ")
                )
            }
            Self::Missing(what) => write!(f, "this price needs {what}"),
            Self::Overflow => write!(f, "the cost {}", money::INEXACT),
            Self::UnendingSeconds { frames, fps } => {
                // The frames whose seconds end at this rate are multiples of the part of the
                // rate that is not twos and fives: 3 at 24 fps.
                let mut multiple = *fps;
                for factor in [2, 5] {
                    while multiple.checked_rem(factor) == Some(0) {
                        multiple = multiple.checked_div(factor).unwrap_or(1);
                    }
                }
                write!(
                    f,
                    "the cost cannot be computed exactly: this model charges per second, and {frames} \
                     frames at {fps} fps last a number of seconds that does not end (about {} s); set \
                     frames to a multiple of {multiple}",
                    money::round(
                        Decimal::from(*frames)
                            .checked_div(Decimal::from(*fps))
                            .unwrap_or_default(),
                        3
                    )
                    .normalize()
                )
            }
        }
    }
}

/// The overflow error, built only when it happens: `ok_or(PriceError::Overflow)` builds one and
/// calls its destructor on every success.
#[cold]
fn overflow() -> PriceError {
    PriceError::Overflow
}

impl Pricing {
    /// Prices one call.
    pub fn price(&self, kind: Kind, usage: &Usage<'_>) -> Result<Priced, PriceError> {
        let rate_index = self.select_rate(kind, usage)?;
        let rate = &self.rates[rate_index];
        let (measured, cost) = match &rate.charge {
            Charge::Tokens(prices) => {
                let TokenPrices { input, output } = **prices;
                let (Some(tokens_in), Some(tokens_out)) = (usage.input_tokens, usage.output_tokens) else {
                    return Err(PriceError::Missing(
                        "input_tokens and output_tokens (or a per-call quote)",
                    ));
                };
                let cost = money::sum([
                    money::mul(Decimal::from(tokens_in), input.point()),
                    money::mul(Decimal::from(tokens_out), output.point()),
                ])
                .and_then(|c| money::div(c, Decimal::from(1_000_000u32)))
                .ok_or_else(overflow)?;
                (Decimal::from(tokens_in).saturating_add(Decimal::from(tokens_out)), cost)
            }
            &Charge::PerUnit(amount) => {
                let measured = self.measure(usage)?;
                let billed = self.round.apply(measured);
                if let (Unit::Second, Some(fps)) = (self.unit, usage.unending_fps)
                    && billed == measured
                {
                    return Err(PriceError::UnendingSeconds {
                        frames: usage.frames.unwrap_or_default(),
                        fps,
                    });
                }
                (measured, self.per_unit_cost(amount, billed)?)
            }
        };
        let mut factor = Decimal::ONE;
        let mut fired = 0u64;
        for (i, m) in self.multipliers.iter().enumerate().take(64) {
            let holds = m.frames_above.is_none_or(|n| usage.frames.is_some_and(|f| f > n))
                && m.seconds_above.is_none_or(|n| usage.seconds.is_some_and(|s| s > n))
                && m.resolution.as_deref().is_none_or(|r| usage.resolution == Some(r))
                && m.audio.is_none_or(|a| a == usage.audio);
            if holds {
                factor = money::mul(factor, m.factor).ok_or_else(overflow)?;
                fired |= 1 << i;
            }
        }
        Ok(Priced {
            cost: money::mul(cost, factor).ok_or_else(overflow)?,
            rate: rate_index,
            unit_price: match &rate.charge {
                Charge::PerUnit(a) => a.point(),
                Charge::Tokens(_) => cost,
            },
            measured,
            billed: self.round.apply(measured),
            factor,
            fired,
        })
    }

    fn per_unit_cost(&self, amount: Amount, billed: Decimal) -> Result<Decimal, PriceError> {
        let cost = match self.base() {
            Some(base) => {
                let extra = money::sub(billed, base.includes)
                    .ok_or_else(overflow)?
                    .max(Decimal::ZERO);
                money::sum([Some(base.price), money::mul(extra, amount.point())])
            }
            None => money::mul(billed, amount.point()),
        };
        cost.ok_or_else(overflow)
    }

    /// The quantity the unit counts, as measured.
    fn measure(&self, usage: &Usage<'_>) -> Result<Decimal, PriceError> {
        let need = |value: Option<Decimal>, what| match value {
            Some(value) => Ok(value),
            None => Err(PriceError::Missing(what)),
        };
        match self.unit {
            unit if unit.is_per_call() => Ok(Decimal::ONE),
            Unit::Second => need(usage.seconds, "a clip length in seconds"),
            Unit::Megapixel => need(usage.megapixels, "an output size (width and height, or megapixels)"),
            Unit::Step => need(usage.steps.map(Decimal::from), "a number of training steps"),
            Unit::GbMonth => need(usage.gb, "a size in GB (gb = ...)"),
            Unit::Character => need(
                usage.characters.map(Decimal::from),
                "a number of characters (characters = ...)",
            ),
            _ => Ok(Decimal::ONE),
        }
    }

    fn select_rate(&self, kind: Kind, usage: &Usage<'_>) -> Result<usize, PriceError> {
        let seconds = usage.seconds.map(|s| self.round.apply(s));
        let matches = |r: &Rate| {
            r.resolution.as_deref().is_none_or(|res| usage.resolution == Some(res))
                && r.audio.is_none_or(|a| a == usage.audio)
                && r.seconds().is_none_or(|s| seconds == Some(s))
                && r.steps().is_none_or(|n| usage.steps == Some(n))
        };
        if kind == Kind::Video && usage.audio && !self.offers_audio() {
            return Err(PriceError::Audio);
        }
        if let Some(i) = self.rates.iter().position(matches) {
            return Ok(i);
        }
        let offered = self.resolutions();
        if !offered.is_empty() && !offered.iter().any(|r| usage.resolution == Some(&**r)) {
            return Err(PriceError::Resolution {
                asked: usage.resolution.map(str::to_owned),
                offered: offered.iter().map(|r| r.to_string()).collect(),
            });
        }
        let fixed = self.fixed_seconds();
        if !fixed.is_empty() {
            return Err(PriceError::Duration {
                asked: seconds.unwrap_or_default(),
                offered: fixed,
            });
        }
        let steps: Vec<u64> = self.rates.iter().filter_map(Rate::steps).collect();
        if !steps.is_empty() {
            return Err(PriceError::Steps {
                asked: usage.steps,
                offered: steps,
            });
        }
        Err(PriceError::AudioOption { asked: usage.audio })
    }
}
