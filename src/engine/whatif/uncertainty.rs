//! How sure the totals are: exact low and high bounds, and P10, P50 and P90 by seeded Monte
//! Carlo, from the ranges of prices (`price = { low, high }`) and of parameters.
//!
//! The bill is affine in every unit price: each line is a price times units, factors and calls
//! that do not depend on the price, plus a base price. So at fixed parameters a sample's cost per
//! video is the bill at the prices' midpoints plus, for each price, a whole-number multiple of a
//! fixed step, and only the parameters' values need evaluating the bill. Those are drawn on a grid
//! (whole values, or 1/100ths of a range) and each grid point is evaluated once. Draws are uniform
//! over each range unless the caller names another [`Distribution`].

use rust_decimal::Decimal;
use rustc_hash::FxHashMap;

use super::Error;
use super::grid::{Model, Param, corners, draw, overflow};
use super::inputs::{PriceInput, param_inputs_of, prices_in_use, with_prices};
pub use super::sample::Distribution;
use super::sample::percentile;
use crate::engine::catalog::Amount;
use crate::engine::{Bill, Catalogs, ParamInfo, Params, Scenario, describe, evaluate};

/// Samples drawn when the caller does not say.
pub const DEFAULT_SAMPLES: u32 = 10_000;
/// Steps a price's range is divided into: a sample's price is `low + (high - low) * k / PRICE_STEPS`.
pub const PRICE_STEPS: u64 = 10_000;
/// Steps a parameter's range is divided into (a whole-number range of fewer values takes each):
/// every grid point costs evaluations, while a price's draw costs a multiplication.
pub const PARAM_STEPS: u64 = 100;

/// How a band is sampled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sampling {
    /// Samples drawn (at least one).
    pub samples: u32,
    /// The seed: the same seed draws the same samples.
    pub seed: u64,
    /// How each input is spread over its range.
    pub distribution: Distribution,
}

impl Default for Sampling {
    fn default() -> Self {
        Self {
            samples: DEFAULT_SAMPLES,
            seed: 1,
            distribution: Distribution::Uniform,
        }
    }
}

/// A total's spread: exact bounds and sampled percentiles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Spread {
    /// The least value any combination of the inputs in their ranges gives.
    pub low: Decimal,
    /// 10th percentile of the samples.
    pub p10: Decimal,
    /// Median of the samples.
    pub p50: Decimal,
    /// 90th percentile of the samples.
    pub p90: Decimal,
    /// The greatest value.
    pub high: Decimal,
}

/// An input with a range.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ranged {
    /// The parameter's or price's name.
    pub name: String,
    /// Its low end.
    pub low: Decimal,
    /// Its high end.
    pub high: Decimal,
}

/// The uncertainty of the headline totals.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Band {
    /// Samples drawn.
    pub samples: u32,
    /// The seed they were drawn with.
    pub seed: u64,
    /// How each input was spread over its range.
    pub distribution: Distribution,
    /// The inputs with ranges, parameters first.
    pub inputs: Vec<Ranged>,
    /// Cost per video.
    pub per_video: Spread,
    /// Cost per finished second, when the scenario finishes any.
    pub per_finished_second: Option<Spread>,
    /// Cost per month.
    pub per_month: Spread,
    /// Parameters the totals are not monotone in, checked on a grid of their range: for these the
    /// bounds are the extremes found, not proven.
    pub not_monotone: Vec<String>,
}

/// The spread of the totals from every range among the inputs, or `None` when no input in use has
/// one. `samples` draws (at least one) from uniform distributions over the ranges, reproducible
/// with `seed`.
pub fn uncertainty(
    scenario: &Scenario,
    catalogs: &Catalogs,
    params: &Params,
    samples: u32,
    seed: u64,
) -> Result<Option<Band>, Error> {
    let sampling = Sampling {
        samples,
        seed,
        distribution: Distribution::Uniform,
    };
    uncertainty_with(scenario, catalogs, params, sampling)
}

/// The spread of the totals, sampled as `sampling` says.
pub fn uncertainty_with(
    scenario: &Scenario,
    catalogs: &Catalogs,
    params: &Params,
    sampling: Sampling,
) -> Result<Option<Band>, Error> {
    let bill = evaluate(scenario, catalogs, params)?;
    let infos = describe(scenario, catalogs, params);
    uncertainty_given(scenario, catalogs, params, (&bill, &infos), sampling)
}

/// [`uncertainty_with`] given what the caller has already made at `params`: the bill, and the
/// parameters as [`describe`] gives them.
pub fn uncertainty_given(
    scenario: &Scenario,
    catalogs: &Catalogs,
    params: &Params,
    (bill, infos): (&Bill, &[ParamInfo]),
    sampling: Sampling,
) -> Result<Option<Band>, Error> {
    let (samples, seed) = (sampling.samples.max(1), sampling.seed);
    let Some(mut model) = model(scenario, catalogs, params, bill, infos)? else {
        return Ok(None);
    };
    let mut inputs: Vec<Ranged> = model
        .ranged
        .iter()
        .map(|p| Ranged {
            name: p.name.clone(),
            low: p.low,
            high: p.high,
        })
        .collect();
    inputs.extend(model.prices.iter().map(|(p, low, high)| Ranged {
        name: p.name(),
        low: *low,
        high: *high,
    }));
    let (corners, not_monotone) = corners(&mut model)?;
    let mut sampled = draw(&mut model, sampling)?;
    let spread = |m: usize, values: &mut Vec<Decimal>| spread(corners[m]?, not_monotone.is_empty(), values);
    let too_large = || Error::Bill(overflow(scenario));
    let per_video = spread(0, &mut sampled[0]).ok_or_else(too_large)?;
    let (per_finished_second, per_month) = if let Some(level) = model.shared() {
        // One divisor and one multiplier for every sample: each total rises with the cost per
        // video, so its percentiles are the cost per video's, divided by the finished seconds or
        // multiplied by the month's videos.
        let derived = |m: usize| -> Option<Spread> {
            let (low, high) = corners[m]?;
            let at = |v: Decimal| level.metrics(v)[m].map(|x| x.max(low).min(high));
            Some(Spread {
                low,
                p10: at(per_video.p10)?,
                p50: at(per_video.p50)?,
                p90: at(per_video.p90)?,
                high,
            })
        };
        (derived(1), derived(2).ok_or_else(too_large)?)
    } else {
        let per_finished_second = if sampled[1].len() == sampled[0].len() {
            spread(1, &mut sampled[1])
        } else {
            None
        };
        (per_finished_second, spread(2, &mut sampled[2]).ok_or_else(too_large)?)
    };
    Ok(Some(Band {
        samples,
        seed,
        distribution: sampling.distribution,
        inputs,
        per_video,
        per_finished_second,
        per_month,
        not_monotone,
    }))
}

/// The sampler for the ranged inputs in use, or `None` when there are none.
fn model<'a>(
    scenario: &'a Scenario,
    catalogs: &'a Catalogs,
    params: &'a Params,
    bill: &Bill,
    infos: &[ParamInfo],
) -> Result<Option<Model<'a>>, Error> {
    let prices: Vec<(PriceInput, Decimal, Decimal)> = prices_in_use(bill)
        .into_iter()
        .filter_map(|p| match p.amount() {
            Some(Amount::Range { low, high }) => Some((p, low, high)),
            _ => None,
        })
        .collect();
    let ranged: Vec<Param> = param_inputs_of(infos, params)
        .into_iter()
        .filter(|p| !p.sale)
        .filter_map(|p| {
            let (low, high) = p.range?;
            // Every whole value of a short range; otherwise PARAM_STEPS steps across it.
            let whole_values = high
                .checked_sub(low)
                .and_then(|width| u64::try_from(width.trunc()).ok())
                .unwrap_or(PARAM_STEPS);
            let steps = if p.domain.whole {
                whole_values.min(PARAM_STEPS)
            } else {
                PARAM_STEPS
            };
            Some(Param {
                name: p.name,
                low,
                high,
                steps,
                whole: p.domain.whole,
            })
        })
        .collect();
    if prices.is_empty() && ranged.is_empty() {
        return Ok(None);
    }
    let lows: Vec<(&PriceInput, Decimal)> = prices.iter().map(|(p, low, _)| (p, *low)).collect();
    let one_high = (0..prices.len())
        .map(|i| {
            let mut changes = lows.clone();
            changes[i].1 = prices[i].2;
            with_prices(catalogs, &changes)
        })
        .collect();
    let all_low = with_prices(catalogs, &lows);
    drop(lows);
    Ok(Some(Model {
        scenario,
        catalogs,
        params,
        all_low,
        one_high,
        prices,
        ranged,
        levels: FxHashMap::default(),
        store: Vec::new(),
    }))
}

/// A total's spread from its samples and its corners' values.
fn spread((low, high): (Decimal, Decimal), monotone: bool, values: &mut [Decimal]) -> Option<Spread> {
    let (low, high) = if monotone {
        // A sample adds its prices' parts to the bill at the low ends, rounding at the 28th
        // significant digit; the bounds are bills evaluated directly. Where the two differ in
        // that last digit, the bound is the figure.
        for v in values.iter_mut() {
            *v = (*v).max(low).min(high);
        }
        (low, high)
    } else {
        // Not proven: the extremes found, corners or samples.
        (low.min(*values.iter().min()?), high.max(*values.iter().max()?))
    };
    Some(Spread {
        low,
        p10: percentile(values, 10)?,
        p50: percentile(values, 50)?,
        p90: percentile(values, 90)?,
        high,
    })
}
