//! Goal seek: the value of one parameter at which a total meets a target.

use rust_decimal::Decimal;

use super::inputs::{Domain, param_input, with_param};
use super::metric::{higher_is_better, known, metric};
use super::{Error, input_error};
use crate::engine::{Catalogs, Params, Scenario, Totals, evaluate};

/// The grid a decimal parameter is solved on when the caller gives none.
pub const DEFAULT_RESOLUTION: Decimal = Decimal::from_parts(1, 0, 0, false, 4);

/// What goal seek found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Solution {
    /// The parameter varied.
    pub vary: String,
    /// The total aimed at.
    pub metric: &'static str,
    /// The target: a most for costs, a least for price and margin.
    pub target: Decimal,
    /// The value found: the first that meets the target, or the best reachable one.
    pub value: Decimal,
    /// The totals at that value.
    pub totals: Totals,
    /// True when the value meets the target.
    pub reached: bool,
    /// True when the scenario's own value already meets it.
    pub already: bool,
}

/// How one direction of the search ended.
enum Found {
    /// Steps from the start to the first value that meets the target.
    Met(u64, Totals),
    /// Steps to the farthest value at which the bill can be made, and the totals there.
    Farthest(u64, Totals),
}

struct Search<'a> {
    scenario: &'a Scenario,
    catalogs: &'a Catalogs,
    params: &'a Params,
    vary: &'a str,
    metric: &'static str,
    target: Decimal,
    start: Decimal,
    step: Decimal,
    domain: Domain,
}

impl Search<'_> {
    fn value(&self, direction: i8, k: u64) -> Option<Decimal> {
        let offset = self.step.checked_mul(Decimal::from(k))?;
        if direction > 0 {
            self.start.checked_add(offset)
        } else {
            self.start.checked_sub(offset)
        }
    }

    /// The totals `k` steps away, or `None` outside the parameter's bounds or the models' limits.
    fn at(&self, direction: i8, k: u64) -> Option<Totals> {
        let value = self.value(direction, k)?;
        let d = self.domain;
        if d.min.is_some_and(|m| value < m) || d.max.is_some_and(|m| value > m) {
            return None;
        }
        let params = with_param(self.params, self.vary, value).ok()?;
        evaluate(self.scenario, self.catalogs, &params).ok().map(|b| b.totals)
    }

    fn meets(&self, totals: &Totals) -> bool {
        match metric(totals, self.metric).flatten() {
            Some(v) if higher_is_better(self.metric) => v >= self.target,
            Some(v) => v <= self.target,
            None => false,
        }
    }

    /// Gallops away from the start, doubling the step count, then bisects.
    fn run(&self, direction: i8, start: &Totals) -> Found {
        let (mut lo, mut lo_totals) = (0u64, start.clone());
        let mut k = 1u64;
        loop {
            match self.at(direction, k) {
                Some(t) if self.meets(&t) => return self.first_met(direction, lo, k, t),
                Some(t) => {
                    (lo, lo_totals) = (k, t);
                    if k >= 1 << 60 {
                        return Found::Farthest(lo, lo_totals);
                    }
                    // At most 2^61: the check above stops the gallop.
                    k = k.saturating_mul(2);
                }
                None => {
                    // Bisect for the last value at which the bill can be made.
                    let mut hi = k;
                    // `lo < hi` throughout, so the gap is exact.
                    while hi.saturating_sub(lo) > 1 {
                        let mid = lo.midpoint(hi);
                        match self.at(direction, mid) {
                            Some(t) if self.meets(&t) => return self.first_met(direction, lo, mid, t),
                            Some(t) => (lo, lo_totals) = (mid, t),
                            None => hi = mid,
                        }
                    }
                    return Found::Farthest(lo, lo_totals);
                }
            }
        }
    }

    /// The first step in `(lo, hi]` that meets the target, `hi` meeting it.
    fn first_met(&self, direction: i8, mut lo: u64, mut hi: u64, mut hi_totals: Totals) -> Found {
        // `lo < hi` throughout, so the gap is exact.
        while hi.saturating_sub(lo) > 1 {
            let mid = lo.midpoint(hi);
            match self.at(direction, mid) {
                Some(t) if self.meets(&t) => (hi, hi_totals) = (mid, t),
                _ => lo = mid,
            }
        }
        Found::Met(hi, hi_totals)
    }
}

/// Finds the value of `vary` at which `metric` meets `target`: at most the target for a cost,
/// at least for price and margin. Whole-number parameters are solved in whole steps, others on
/// a grid of `resolution` (default 0.0001) from the scenario's value; the answer is the first
/// grid value that meets the target, searching both ways and taking the nearer. The total is
/// taken to move one way with the parameter (as costs do with counts, rates and prices). When no
/// value within the parameter's bounds and the models' limits meets it, the answer is the value
/// that comes closest, with `reached` false.
pub fn solve(
    scenario: &Scenario,
    catalogs: &Catalogs,
    params: &Params,
    target: (&str, Decimal),
    vary: &str,
    resolution: Option<Decimal>,
) -> Result<Solution, Error> {
    let metric = known(target.0)?;
    let input = param_input(scenario, catalogs, params, vary).ok_or_else(|| match params.get(vary) {
        None => input_error(
            vary,
            "is not a parameter",
            "name a numeric parameter, e.g. --vary videos_per_character",
        ),
        Some(_) => input_error(
            vary,
            "has no numeric value in this scenario",
            "goal seek varies a number the scenario sets (a price sold in credits is varied through credits or --set price=...)",
        ),
    })?;
    let (start, domain) = (input.value, input.domain);
    let step = match (domain.whole, resolution) {
        (true, _) => Decimal::ONE,
        (false, Some(r)) => r,
        // A parameter's own step is how far an arrow key moves it, too coarse for an answer.
        (false, None) => DEFAULT_RESOLUTION,
    };
    if step <= Decimal::ZERO {
        return Err(input_error(vary, "the resolution must be above zero", "e.g. 0.01"));
    }
    let search = Search {
        scenario,
        catalogs,
        params,
        vary,
        metric,
        target: target.1,
        start,
        step,
        domain,
    };
    let here = evaluate(scenario, catalogs, params)?.totals;
    let solution = |value, totals, reached, already| Solution {
        vary: vary.to_owned(),
        metric,
        target: target.1,
        value,
        totals,
        reached,
        already,
    };
    if search.meets(&here) {
        return Ok(solution(start, here, true, true));
    }
    let ends = [(1, search.run(1, &here)), (-1, search.run(-1, &here))];
    let met = ends
        .iter()
        .filter_map(|(d, f)| match f {
            Found::Met(k, t) => Some((*d, *k, t)),
            Found::Farthest(..) => None,
        })
        .min_by_key(|(_, k, _)| *k);
    if let Some((d, k, totals)) = met {
        let value = search.value(d, k).unwrap_or(start);
        return Ok(solution(value, totals.clone(), true, false));
    }
    let (value, totals) = closest(&search, ends, here);
    Ok(solution(value, totals, false, false))
}

/// Where the target is out of reach: the value, of the start and the farthest reachable each
/// way, whose total comes closest to it.
fn closest(search: &Search<'_>, ends: [(i8, Found); 2], here: Totals) -> (Decimal, Totals) {
    let score = |t: &Totals| metric(t, search.metric).flatten();
    let mut best = (search.start, here);
    for (d, found) in ends {
        if let Found::Farthest(k, t) = found {
            let better = match (score(&t), score(&best.1)) {
                (Some(a), Some(b)) if higher_is_better(search.metric) => a > b,
                (Some(a), Some(b)) => a < b,
                (Some(_), None) => true,
                _ => false,
            };
            if better {
                best = (search.value(d, k).unwrap_or(search.start), t);
            }
        }
    }
    best
}
