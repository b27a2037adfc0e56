//! The sampler behind the uncertainty band: the bill on a grid of the ranged parameters, each
//! point evaluated once with every price at its low end and with each alone at its high end; a
//! sample is then the low-end bill plus whole steps of each price's span.

use rust_decimal::Decimal;
use rustc_hash::FxHashMap;

use super::Error;
use super::inputs::{PriceInput, with_param, with_prices};
use super::sample::Draws;
use super::uncertainty::{PRICE_STEPS, Sampling};
use crate::engine::{Catalogs, Diagnostic, Diagnostics, Params, Scenario, Totals, evaluate};

pub(super) struct Param {
    pub(super) name: String,
    pub(super) low: Decimal,
    pub(super) high: Decimal,
    /// Grid steps across the range.
    pub(super) steps: u64,
    /// Whole values only: a grid point is rounded to the nearest.
    pub(super) whole: bool,
}

impl Param {
    /// The value `k` steps up the range; an error at the parameter when its range is too wide
    /// to step through.
    fn at(&self, k: u64, scenario: &Scenario) -> Result<Decimal, Diagnostic> {
        if self.steps == 0 {
            return Ok(self.low);
        }
        // k steps of (high - low) / steps: multiply before dividing.
        let value = self
            .high
            .checked_sub(self.low)
            .and_then(|width| width.checked_mul(Decimal::from(k)))
            .and_then(|up| up.checked_div(Decimal::from(self.steps)))
            .and_then(|up| self.low.checked_add(up))
            .ok_or_else(|| {
                let message = format!(
                    "{}: the range {} to {} is too wide to step through exactly",
                    self.name,
                    self.low.normalize(),
                    self.high.normalize()
                );
                match scenario.param_origin(&self.name) {
                    Some(origin) => origin.error(message),
                    None => Diagnostic::file_error(scenario.file.path(), message),
                }
                .with_help("narrow its low-high range")
            })?;
        Ok(if self.whole {
            crate::engine::money::round(value, 0)
        } else {
            value
        })
    }
}

/// The bill at one grid point of the parameters, ready to take price draws.
#[derive(Debug, Clone)]
pub(super) struct Level {
    /// Cost per video with every price at its low end.
    pub(super) base: Decimal,
    /// For each price, what its whole range adds to the cost per video, and one step of it.
    pub(super) spans: Vec<(Decimal, Decimal)>,
    pub(super) finished_seconds: Decimal,
    pub(super) videos_per_month: Decimal,
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
    pub(super) fn metrics(&self, per_video: Decimal) -> [Option<Decimal>; 3] {
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

pub(super) struct Model<'a> {
    pub(super) scenario: &'a Scenario,
    pub(super) catalogs: &'a Catalogs,
    pub(super) params: &'a Params,
    pub(super) ranged: Vec<Param>,
    pub(super) prices: Vec<(PriceInput, Decimal, Decimal)>,
    /// The catalogs with every ranged price at its low end, and with one at a time at its high.
    pub(super) all_low: Catalogs,
    pub(super) one_high: Vec<Catalogs>,
    pub(super) levels: FxHashMap<Vec<u64>, usize>,
    /// The grid points evaluated so far, by index.
    pub(super) store: Vec<Level>,
}

impl Model<'_> {
    /// The parameters at a grid point.
    fn params_at(&self, key: &[u64]) -> Result<Params, Error> {
        let mut params = self.params.clone();
        for (p, &k) in self.ranged.iter().zip(key) {
            let value = p.at(k, self.scenario).map_err(Diagnostics::from)?;
            params = with_param(&params, &p.name, value)?;
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

    pub(super) fn level(&mut self, key: &[u64]) -> Result<&Level, Error> {
        let index = self.index(key)?;
        Ok(&self.store[index])
    }

    /// When every grid point evaluated has the same finished seconds and videos a month, one of
    /// them: each total is then the cost per video divided or multiplied by the same constant.
    pub(super) fn shared(&self) -> Option<&Level> {
        let first = self.store.first()?;
        self.store
            .iter()
            .all(|l| l.finished_seconds == first.finished_seconds && l.videos_per_month == first.videos_per_month)
            .then_some(first)
    }

    /// The index of a grid point in `store`, evaluating it the first time.
    fn index(&mut self, key: &[u64]) -> Result<usize, Error> {
        if let Some(&index) = self.levels.get(key) {
            return Ok(index);
        }
        {
            let params = self.params_at(key)?;
            let low = evaluate(self.scenario, &self.all_low, &params)?;
            let mut spans = Vec::with_capacity(self.one_high.len());
            for catalogs in &self.one_high {
                let high = evaluate(self.scenario, catalogs, &params)?.totals.per_video;
                // Costs are never negative, so their difference fits, and a step of it too.
                let span = high.checked_sub(low.totals.per_video);
                let step = span.and_then(|s| s.checked_div(Decimal::from(PRICE_STEPS)));
                let (Some(span), Some(step)) = (span, step) else {
                    return Err(overflow(self.scenario).into());
                };
                spans.push((span, step));
            }
            let level = Level {
                base: low.totals.per_video,
                spans,
                finished_seconds: low.totals.finished_seconds,
                videos_per_month: Decimal::from(params.videos_per_month),
            };
            let index = self.store.len();
            self.store.push(level);
            self.levels.insert(key.to_vec(), index);
            Ok(index)
        }
    }
}

pub(super) fn overflow(scenario: &Scenario) -> crate::engine::Diagnostics {
    crate::engine::Diagnostic::file_error(
        scenario.file.path(),
        "a total at an end of the ranges is too large to compute exactly",
    )
    .with_help("check the ranges for a mistyped figure")
    .into()
}

/// Each total's exact low and high, and the parameters it is not monotone in.
#[allow(clippy::type_complexity)]
pub(super) fn corners(model: &mut Model<'_>) -> Result<([Option<(Decimal, Decimal)>; 3], Vec<String>), Error> {
    let n = model.ranged.len();
    // For each parameter and total: +1 when the total rises with it, -1 when it falls.
    let mut rises = vec![[true; 3]; n];
    let mut not_monotone = Vec::new();
    for q in 0..n {
        let steps = model.ranged[q].steps;
        let mut series: Vec<[Option<Decimal>; 3]> = Vec::new();
        for j in 0..=10u64 {
            let mut key = vec![0; n];
            // At most PARAM_STEPS x 10.
            key[q] = steps.saturating_mul(j) / 10;
            let level = model.level(&key)?;
            series.push(level.metrics(level.base));
        }
        for m in 0..3 {
            let values: Vec<Decimal> = series.iter().filter_map(|s| s[m]).collect();
            let up = values.windows(2).all(|w| w[0] <= w[1]);
            let down = values.windows(2).all(|w| w[0] >= w[1]);
            rises[q][m] = up || !down;
            if !up && !down && !not_monotone.contains(&model.ranged[q].name) {
                not_monotone.push(model.ranged[q].name.clone());
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
fn metric_of(totals: &Totals, m: usize) -> Option<Decimal> {
    match m {
        0 => Some(totals.per_video),
        1 => totals.per_finished_second,
        _ => Some(totals.per_month),
    }
}

/// The sampled totals: cost per video, per finished second (left short when a sample has none)
/// and per month.
pub(super) fn draw(model: &mut Model<'_>, sampling: Sampling) -> Result<[Vec<Decimal>; 3], Error> {
    let (samples, seed, spread) = (sampling.samples.max(1), sampling.seed, sampling.distribution);
    // With no parameter ranged, every sample is at one grid point, where the other totals are the
    // cost per video divided or multiplied by a constant: they are derived from its percentiles
    // (so, too, when every grid point shares those constants).
    let only_per_video = model.ranged.is_empty();
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
    let too_large = || Error::Bill(overflow(scenario));
    if only_per_video {
        let level = model.level(&key)?.clone();
        for _ in 0..samples {
            for k in &mut ks {
                *k = draws.pick(PRICE_STEPS, spread);
            }
            out[0].push(level.per_video(&ks).ok_or_else(too_large)?);
        }
        return Ok(out);
    }
    let mut at = Vec::with_capacity(count);
    for _ in 0..samples {
        for (k, p) in key.iter_mut().zip(&model.ranged) {
            *k = draws.pick(p.steps, spread);
        }
        for k in &mut ks {
            *k = draws.pick(PRICE_STEPS, spread);
        }
        let index = model.index(&key)?;
        out[0].push(model.store[index].per_video(&ks).ok_or_else(too_large)?);
        at.push(index);
    }
    if model.shared().is_some() {
        return Ok(out);
    }
    // The grid points differ in seconds or volume: each sample's totals from its own point.
    for (&per_video, &index) in out[0].clone().iter().zip(&at) {
        let [_, per_second, per_month] = model.store[index].metrics(per_video);
        out[1].extend(per_second);
        out[2].extend(per_month);
    }
    Ok(out)
}
