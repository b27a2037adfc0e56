//! How sure the totals are: exact low and high bounds, and P10, P50 and P90 by seeded Monte
//! Carlo, from the ranges of prices (`price = { low, high }`) and of parameters.
//!
//! The bill is affine in every unit price: each line is a price times units, factors and calls
//! that do not depend on the price, plus a base price. So at fixed parameters a sample's cost per
//! video is the bill at the prices' midpoints plus, for each price, a whole-number multiple of a
//! fixed step, and only the parameters' values need evaluating the bill. Those are drawn on a grid
//! (whole values, or 1/1000ths of a range) and each grid point is evaluated once.

use rust_decimal::Decimal;
use rustc_hash::FxHashMap;

use super::Error;
use super::inputs::{PriceInput, domain, numeric_params, param_value, prices_in_use, with_param, with_prices};
use super::sample::{Draws, percentile};
use super::sensitivity::declared_range;
use crate::engine::catalog::Amount;
use crate::engine::{Catalogs, Params, Scenario, evaluate};

/// Samples drawn when the caller does not say.
pub const DEFAULT_SAMPLES: u32 = 10_000;
/// Steps a price's range is divided into: a sample's price is `low + (high - low) * k / PRICE_STEPS`.
pub const PRICE_STEPS: u64 = 10_000;
/// Steps a decimal parameter's range is divided into.
pub const PARAM_STEPS: u64 = 1_000;

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

struct Param {
    name: &'static str,
    low: Decimal,
    high: Decimal,
    /// Grid steps across the range.
    steps: u64,
}

impl Param {
    fn at(&self, k: u64) -> Decimal {
        let k = Decimal::from(k);
        if self.steps == 0 {
            return self.low;
        }
        self.low + (self.high - self.low) * k / Decimal::from(self.steps)
    }
}

/// The bill at one grid point of the parameters, ready to take price draws.
#[derive(Debug, Clone)]
struct Level {
    /// Cost per video with every price at its low end.
    base: Decimal,
    /// For each price, what its whole range adds to the cost per video, and one step of it.
    spans: Vec<(Decimal, Decimal)>,
    finished_seconds: Decimal,
    videos_per_month: Decimal,
}

impl Level {
    fn per_video(&self, draws: &[u64]) -> Option<Decimal> {
        self.spans
            .iter()
            .zip(draws)
            .try_fold(self.base, |sum, (&(span, step), &k)| {
                // The top of the range is the span itself, so the bound is the bill at the high price
                // exactly; below it, whole steps (a step is rounded at the 28th digit).
                let part = match k {
                    0 => return Some(sum),
                    PRICE_STEPS => span,
                    _ => step.checked_mul(Decimal::from(k))?,
                };
                sum.checked_add(part)
            })
    }

    /// Cost per video, per finished second and per month for a cost per video at this level.
    fn metrics(&self, per_video: Decimal) -> [Option<Decimal>; 3] {
        let per_second = if self.finished_seconds.is_zero() {
            None
        } else {
            per_video.checked_div(self.finished_seconds)
        };
        [
            Some(per_video),
            per_second,
            per_video.checked_mul(self.videos_per_month),
        ]
    }
}

struct Model<'a> {
    scenario: &'a Scenario,
    catalogs: &'a Catalogs,
    params: &'a Params,
    ranged: Vec<Param>,
    prices: Vec<(PriceInput, Decimal, Decimal)>,
    /// The catalogs with every ranged price at its low end, and with one at a time at its high.
    all_low: Catalogs,
    one_high: Vec<Catalogs>,
    levels: FxHashMap<Vec<u64>, Level>,
}

impl Model<'_> {
    /// The parameters at a grid point.
    fn params_at(&self, key: &[u64]) -> Result<Params, Error> {
        let mut params = self.params.clone();
        for (p, &k) in self.ranged.iter().zip(key) {
            params = with_param(&params, p.name, p.at(k))?;
        }
        Ok(params)
    }

    /// The bill at a grid point with each price at the end `high` says (by its index).
    fn corner(&self, key: &[u64], high: impl Fn(usize) -> bool) -> Result<crate::engine::Totals, Error> {
        let changes: Vec<(&PriceInput, Decimal)> = self
            .prices
            .iter()
            .enumerate()
            .map(|(i, (p, low, top))| (p, if high(i) { *top } else { *low }))
            .collect();
        let catalogs = with_prices(self.catalogs, &changes);
        Ok(evaluate(self.scenario, &catalogs, &self.params_at(key)?)?.totals)
    }

    fn level(&mut self, key: &[u64]) -> Result<&Level, Error> {
        if self.levels.contains_key(key) {
            return Ok(&self.levels[key]);
        }
        {
            let params = self.params_at(key)?;
            let low = evaluate(self.scenario, &self.all_low, &params)?;
            let mut spans = Vec::with_capacity(self.one_high.len());
            for catalogs in &self.one_high {
                let high = evaluate(self.scenario, catalogs, &params)?.totals.per_video;
                let span = high - low.totals.per_video;
                spans.push((span, span / Decimal::from(PRICE_STEPS)));
            }
            let level = Level {
                base: low.totals.per_video,
                spans,
                finished_seconds: low.totals.finished_seconds,
                videos_per_month: param_value(&params, "videos_per_month").unwrap_or(Decimal::ONE),
            };
            Ok(self.levels.entry(key.to_vec()).or_insert(level))
        }
    }
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
    let bill = evaluate(scenario, catalogs, params)?;
    let prices: Vec<(PriceInput, Decimal, Decimal)> = prices_in_use(&bill)
        .into_iter()
        .filter_map(|p| match p.amount() {
            Some(Amount::Range { low, high }) => Some((p, low, high)),
            _ => None,
        })
        .collect();
    let ranged: Vec<Param> = numeric_params(params)
        .into_iter()
        .filter_map(|name| {
            let (low, high) = declared_range(scenario, name)?;
            let steps = if domain(name).whole {
                u64::try_from((high - low).trunc()).unwrap_or(0)
            } else {
                PARAM_STEPS
            };
            Some(Param { name, low, high, steps })
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
    let mut inputs: Vec<Ranged> = ranged
        .iter()
        .map(|p| Ranged {
            name: p.name.to_owned(),
            low: p.low,
            high: p.high,
        })
        .collect();
    inputs.extend(prices.iter().map(|(p, low, high)| Ranged {
        name: p.name(),
        low: *low,
        high: *high,
    }));
    let mut model = Model {
        scenario,
        catalogs,
        params,
        all_low,
        one_high,
        prices,
        ranged,
        levels: FxHashMap::default(),
    };
    let (corners, not_monotone) = corners(&mut model)?;
    let mut sampled = draw(&mut model, samples.max(1), seed)?;
    let spread = |m: usize, values: &mut Vec<Decimal>| -> Option<Spread> {
        let (low, high) = corners[m]?;
        let (min, max) = (values.iter().min()?, values.iter().max()?);
        // Proven bounds where monotone; the extremes seen where not.
        let (low, high) = if not_monotone.is_empty() {
            // A sample adds its prices' parts to the bill at the low ends, rounding at the 28th
            // significant digit; the bounds are bills evaluated directly. Where the two differ in
            // that last digit, the bound is the figure.
            for v in values.iter_mut() {
                *v = (*v).max(low).min(high);
            }
            (low, high)
        } else {
            (low.min(*min), high.max(*max))
        };
        Some(Spread {
            low,
            p10: percentile(values, 10)?,
            p50: percentile(values, 50)?,
            p90: percentile(values, 90)?,
            high,
        })
    };
    let too_large = || Error::Bill(overflow(scenario));
    Ok(Some(Band {
        samples: samples.max(1),
        seed,
        inputs,
        per_video: spread(0, &mut sampled[0]).ok_or_else(too_large)?,
        per_finished_second: if sampled[1].len() == sampled[0].len() {
            spread(1, &mut sampled[1])
        } else {
            None
        },
        per_month: spread(2, &mut sampled[2]).ok_or_else(too_large)?,
        not_monotone,
    }))
}

fn overflow(scenario: &Scenario) -> crate::engine::Diagnostics {
    crate::engine::Diagnostic::file_error(
        scenario.file.path(),
        "a total at an end of the ranges is too large to compute exactly",
    )
    .with_help("check the ranges for a mistyped figure")
    .into()
}

/// Each total's exact low and high, and the parameters it is not monotone in.
#[allow(clippy::type_complexity)]
fn corners(model: &mut Model<'_>) -> Result<([Option<(Decimal, Decimal)>; 3], Vec<String>), Error> {
    let n = model.ranged.len();
    // For each parameter and total: +1 when the total rises with it, -1 when it falls.
    let mut rises = vec![[true; 3]; n];
    let mut not_monotone = Vec::new();
    for q in 0..n {
        let steps = model.ranged[q].steps;
        let mut series: Vec<[Option<Decimal>; 3]> = Vec::new();
        for j in 0..=10u64 {
            let mut key = vec![0; n];
            key[q] = steps * j / 10;
            let level = model.level(&key)?;
            series.push(level.metrics(level.base));
        }
        for m in 0..3 {
            let values: Vec<Decimal> = series.iter().filter_map(|s| s[m]).collect();
            let up = values.windows(2).all(|w| w[0] <= w[1]);
            let down = values.windows(2).all(|w| w[0] >= w[1]);
            rises[q][m] = up || !down;
            if !up && !down && !not_monotone.contains(&model.ranged[q].name.to_owned()) {
                not_monotone.push(model.ranged[q].name.to_owned());
            }
        }
    }
    let mut found = [None; 3];
    for (m, slot) in found.iter_mut().enumerate() {
        let key = |high: bool| -> Vec<u64> {
            (0..n)
                .map(|q| if rises[q][m] == high { model.ranged[q].steps } else { 0 })
                .collect()
        };
        let (low_key, high_key) = (key(false), key(true));
        // Each price to the end that lowers (or raises) the total, evaluated directly: these are
        // the bills at the corners, not a composition of them.
        let mut ends = [None, None];
        for (end, (key, high)) in ends.iter_mut().zip([(&low_key, false), (&high_key, true)]) {
            let rising: Vec<bool> = model.level(key)?.spans.iter().map(|s| s.0 >= Decimal::ZERO).collect();
            let totals = model.corner(key, |i| rising.get(i).copied().unwrap_or(true) == high)?;
            *end = metric_of(&totals, m);
        }
        *slot = ends[0].zip(ends[1]);
    }
    Ok((found, not_monotone))
}

/// Cost per video, per finished second or per month (0, 1, 2) of a bill's totals.
fn metric_of(totals: &crate::engine::Totals, m: usize) -> Option<Decimal> {
    match m {
        0 => Some(totals.per_video),
        1 => totals.per_finished_second,
        _ => Some(totals.per_month),
    }
}

/// The sampled totals: cost per video, per finished second (left short when a sample has none)
/// and per month.
fn draw(model: &mut Model<'_>, samples: u32, seed: u64) -> Result<[Vec<Decimal>; 3], Error> {
    let mut draws = Draws::new(seed);
    let count = samples as usize;
    let mut out = [
        Vec::with_capacity(count),
        Vec::with_capacity(count),
        Vec::with_capacity(count),
    ];
    let mut key = vec![0u64; model.ranged.len()];
    let mut ks = vec![0u64; model.prices.len()];
    let scenario = model.scenario;
    for _ in 0..samples {
        for (k, p) in key.iter_mut().zip(&model.ranged) {
            *k = draws.upto(p.steps);
        }
        for k in &mut ks {
            *k = draws.upto(PRICE_STEPS);
        }
        let level = model.level(&key)?;
        let per_video = level.per_video(&ks).ok_or_else(|| Error::Bill(overflow(scenario)))?;
        for (values, metric) in out.iter_mut().zip(level.metrics(per_video)) {
            if let Some(value) = metric {
                values.push(value);
            }
        }
    }
    Ok(out)
}
