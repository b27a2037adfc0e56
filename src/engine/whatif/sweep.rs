//! One parameter swept over values: the totals at each, and the price rules that start or stop
//! applying between neighbouring values (the cliffs crossed).

use std::sync::Arc;

use rust_decimal::Decimal;

use super::{Error, input_error};
use crate::engine::number::parse_decimal;
use crate::engine::{Bill, Catalogs, Diagnostics, Model, Params, Scenario, Totals, evaluate};

/// The most values one sweep evaluates, so that a mistyped step cannot hang the command.
pub const MAX_POINTS: usize = 100_000;

/// The bill's totals at one value of the swept parameter.
#[derive(Debug, Clone)]
pub struct Point {
    /// The parameter's value, as `--set` takes it.
    pub value: String,
    /// The totals there, or why the bill cannot be made there (a model's limits, for example).
    pub totals: Result<Totals, Diagnostics>,
}

/// What changed in a line's price rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// A multiplier of the pricing (by index) started (`true`) or stopped applying.
    Multiplier {
        /// Its index in the pricing's multipliers.
        index: usize,
        /// Whether it applies after the crossing.
        fires: bool,
    },
    /// Another row of the price table applies.
    Rate {
        /// The rate before.
        from: usize,
        /// The rate after.
        to: usize,
    },
}

/// A price rule that changes between two neighbouring points of a sweep.
#[derive(Debug, Clone)]
pub struct Crossing {
    /// The point after the change; the change lies between it and the point before.
    pub after: usize,
    /// The line whose rule changed.
    pub label: Arc<str>,
    /// Its model.
    pub model: Arc<Model>,
    /// The pricing used: `None` for the catalog's own, else the quote's index.
    pub quote: Option<usize>,
    /// What changed.
    pub change: Change,
    /// The line's cost per video before and after.
    pub per_video: (Decimal, Decimal),
}

/// A sweep: the parameter, each point, and the cliffs crossed.
#[derive(Debug, Clone)]
pub struct Sweep {
    /// The parameter swept.
    pub parameter: String,
    /// One point per value, in the order given.
    pub points: Vec<Point>,
    /// Price rules that change between neighbouring points, in order.
    pub crossings: Vec<Crossing>,
}

/// Evaluates the scenario at each value of one parameter, every other held. A value the parameter
/// cannot take is an error; a value at which the bill cannot be made is a point without totals.
pub fn sweep(
    scenario: &Scenario,
    catalogs: &Catalogs,
    params: &Params,
    name: &str,
    values: &[String],
) -> Result<Sweep, Error> {
    if values.len() > MAX_POINTS {
        return Err(input_error(
            name,
            format!("{} values is too many to sweep", values.len()),
            format!("at most {MAX_POINTS}; use a larger step"),
        ));
    }
    let mut points = Vec::with_capacity(values.len());
    let mut crossings = Vec::new();
    let mut previous: Option<Bill> = None;
    let mut at = params.clone();
    for value in values {
        at.set(name, value)?;
        let bill = evaluate(scenario, catalogs, &at);
        if let (Some(before), Ok(after)) = (&previous, &bill) {
            crossed(before, after, points.len(), &mut crossings);
        }
        points.push(Point {
            value: value.trim().to_owned(),
            totals: bill.as_ref().map(|b| b.totals.clone()).map_err(Clone::clone),
        });
        previous = bill.ok();
    }
    Ok(Sweep {
        parameter: name.to_owned(),
        points,
        crossings,
    })
}

/// The rule changes between two bills of the same scenario, line by line.
fn crossed(before: &Bill, after: &Bill, index: usize, found: &mut Vec<Crossing>) {
    for (a, b) in before.lines.iter().zip(&after.lines) {
        if a.model.id != b.model.id || a.quote != b.quote {
            continue;
        }
        let mut push = |change| {
            found.push(Crossing {
                after: index,
                label: Arc::clone(&b.label),
                model: Arc::clone(&b.model),
                quote: b.quote,
                change,
                per_video: (a.per_video, b.per_video),
            });
        };
        if a.priced.rate != b.priced.rate {
            push(Change::Rate {
                from: a.priced.rate,
                to: b.priced.rate,
            });
        }
        let toggled = a.priced.fired ^ b.priced.fired;
        for i in (0..64).filter(|i| toggled & (1 << i) != 0) {
            push(Change::Multiplier {
                index: i,
                fires: b.priced.fired & (1 << i) != 0,
            });
        }
    }
}

/// The values `FROM..TO` by `step`, both ends included when the step lands on `TO`.
pub fn range_values(name: &str, from: &str, to: &str, step: &str) -> Result<Vec<String>, Error> {
    let number = |text: &str| {
        parse_decimal(text).map_err(|why| input_error(name, format!("{text}: {why}"), "e.g. --over frames=80..100"))
    };
    let (from, to, step) = (number(from)?, number(to)?, number(step)?);
    if step <= Decimal::ZERO {
        return Err(input_error(
            name,
            format!("a step of {} never reaches the end", step.normalize()),
            "--step is a number above 0, e.g. --step 1",
        ));
    }
    let count = to
        .checked_sub(from)
        .and_then(|span| span.abs().checked_div(step))
        .map(|c| c.floor());
    let too_many = || {
        input_error(
            name,
            format!(
                "{}..{} by {} is too many values",
                from.normalize(),
                to.normalize(),
                step.normalize()
            ),
            format!("at most {MAX_POINTS}; use a larger --step"),
        )
    };
    let count = count
        .and_then(|c| u64::try_from(c).ok())
        .and_then(|c| usize::try_from(c).ok())
        .ok_or_else(too_many)?;
    if count >= MAX_POINTS {
        return Err(too_many());
    }
    let step = if to < from {
        crate::engine::money::negated(step)
    } else {
        step
    };
    // Each value lies between `from` and `to`, so it fits.
    (0..=count)
        .map(|i| {
            let value = step.checked_mul(Decimal::from(i)).and_then(|up| from.checked_add(up));
            value.map(|v| v.normalize().to_string())
        })
        .collect::<Option<Vec<_>>>()
        .ok_or_else(too_many)
}
