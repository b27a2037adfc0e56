//! A tornado: every input the bill depends on swung to its low and its high, one at a time.

use rust_decimal::Decimal;

use super::Error;
use super::inputs::{Domain, PriceInput, param_inputs, prices_in_use, with_param, with_prices};
use crate::engine::catalog::Amount;
use crate::engine::{Catalogs, Params, Scenario, evaluate};

/// One input of the tornado.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Swing {
    /// The parameter's name, or the price's (the model id with its rate or quote).
    pub name: String,
    /// The input's value in the bill: the parameter's, or the price (a range's midpoint).
    pub value: Decimal,
    /// The low end it was moved to.
    pub low: Decimal,
    /// The high end.
    pub high: Decimal,
    /// True when the ends are the input's declared range; false for ± the swing.
    pub declared: bool,
    /// Cost per video with the input at its low end.
    pub per_video_at_low: Decimal,
    /// Cost per video at its high end.
    pub per_video_at_high: Decimal,
    /// How far apart the two are: |at high - at low|.
    pub swing: Decimal,
}

/// Moves each numeric parameter and each unit price in use to its declared range, or ± `swing`
/// (a share: 0.2 for 20%) of its value within what it can take, and reports the cost per video at
/// both ends, largest swing first. Whole-number parameters move by at least one. An end at which
/// the bill cannot be made (frames above a model's maximum) is pulled back to the last value at
/// which it can. Prices no line uses at these parameters are left out.
pub fn sensitivity(
    scenario: &Scenario,
    catalogs: &Catalogs,
    params: &Params,
    swing: Decimal,
) -> Result<Vec<Swing>, Error> {
    let bill = evaluate(scenario, catalogs, params)?;
    let here = bill.totals.per_video;
    let mut found = Vec::new();
    // The sale's parameters move revenue, not cost; a parameter that does not matter here moves nothing.
    for input in param_inputs(scenario, catalogs, params)
        .into_iter()
        .filter(|p| p.matters && !p.sale)
    {
        let (name, value) = (input.name.as_str(), input.value);
        let (low, high, declared) = match input.range {
            Some((low, high)) => (low, high, true),
            None => {
                let (low, high) = swung(value, swing, &input.domain);
                (low, high, false)
            }
        };
        let whole = input.domain.whole;
        let at = |v: Decimal| {
            let p = with_param(params, name, v).ok()?;
            evaluate(scenario, catalogs, &p).ok().map(|b| b.totals.per_video)
        };
        let (low, at_low) = reach(value, low, whole, at).unwrap_or((value, here));
        let (high, at_high) = reach(value, high, whole, at).unwrap_or((value, here));
        found.push(entry(name.to_owned(), value, (low, high), declared, (at_low, at_high)));
    }
    for price in prices_in_use(&bill) {
        let Some(amount) = price.amount() else { continue };
        let (low, high, declared) = match amount {
            Amount::Range { low, high } => (low, high, true),
            Amount::Exact(p) => {
                let (low, high) = scaled(p, swing);
                (low, high, false)
            }
        };
        let at = |v: Decimal| per_video_at_price(scenario, catalogs, params, &price, v);
        let (Some(at_low), Some(at_high)) = (at(low), at(high)) else {
            continue;
        };
        if at_low != at_high {
            found.push(entry(
                price.name(),
                amount.point(),
                (low, high),
                declared,
                (at_low, at_high),
            ));
        }
    }
    found.sort_by(|a, b| b.swing.cmp(&a.swing).then_with(|| a.name.cmp(&b.name)));
    Ok(found)
}

fn entry(name: String, value: Decimal, ends: (Decimal, Decimal), declared: bool, at: (Decimal, Decimal)) -> Swing {
    Swing {
        name,
        value,
        low: ends.0,
        high: ends.1,
        declared,
        per_video_at_low: at.0,
        per_video_at_high: at.1,
        // Costs are never negative, so their difference never saturates.
        swing: at.1.saturating_sub(at.0).abs(),
    }
}

/// Cost per video with one price set to a figure.
pub(crate) fn per_video_at_price(
    scenario: &Scenario,
    catalogs: &Catalogs,
    params: &Params,
    price: &PriceInput,
    value: Decimal,
) -> Option<Decimal> {
    let changed = with_prices(catalogs, &[(price, value)]);
    evaluate(scenario, &changed, params).ok().map(|b| b.totals.per_video)
}

/// ± a share of a value, never below zero.
fn scaled(value: Decimal, swing: Decimal) -> (Decimal, Decimal) {
    let low = Decimal::ONE
        .checked_sub(swing)
        .and_then(|share| value.checked_mul(share))
        .unwrap_or(Decimal::ZERO)
        .max(Decimal::ZERO);
    let high = Decimal::ONE
        .checked_add(swing)
        .and_then(|share| value.checked_mul(share))
        .unwrap_or(value);
    (low, high)
}

/// ± a share of a parameter's value within its domain; whole numbers move by at least one.
fn swung(value: Decimal, swing: Decimal, d: &Domain) -> (Decimal, Decimal) {
    let (mut low, mut high) = scaled(value, swing);
    if d.whole {
        // A value at an end of the decimal range stays there rather than overflow.
        low = crate::engine::money::round(low, 0).min(value.saturating_sub(Decimal::ONE));
        high = crate::engine::money::round(high, 0).max(value.saturating_add(Decimal::ONE));
    }
    if let Some(min) = d.min {
        low = low.max(min);
    }
    if let Some(max) = d.max {
        high = high.min(max);
    }
    (low, high)
}

/// The end itself when the bill can be made there, else the farthest value towards it that can
/// (validity taken as an interval around `from`); `None` when only `from` can.
pub(crate) fn reach<T>(
    from: Decimal,
    to: Decimal,
    whole: bool,
    mut at: impl FnMut(Decimal) -> Option<T>,
) -> Option<(Decimal, T)> {
    if to == from {
        return None;
    }
    if let Some(t) = at(to) {
        return Some((to, t));
    }
    let (mut good, mut bad, mut best) = (from, to, None);
    for _ in 0..64 {
        // Ends of opposite signs too far apart to subtract end the search at the best so far.
        let Some(half) = bad.checked_sub(good).and_then(|d| d.checked_div(Decimal::TWO)) else {
            break;
        };
        // Between `good` and `bad`, so within range.
        let Some(mid) = good.checked_add(if whole { half.trunc() } else { half }) else {
            break;
        };
        if mid == good || mid == bad {
            break;
        }
        match at(mid) {
            Some(t) => {
                good = mid;
                best = Some(t);
            }
            None => bad = mid,
        }
    }
    best.map(|t| (good, t))
}
