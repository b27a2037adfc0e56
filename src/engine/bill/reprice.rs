//! The totals at other parameters that change only some lines of a bill.

use std::sync::Arc;

use super::{Bill, Evaluation, Totals, evaluate};
use crate::engine::Catalogs;
use crate::engine::params::Params;
use crate::engine::ratio::Ratio;
use crate::engine::scenario::{Scenario, Stage};
use crate::engine::source::Diagnostics;

/// The totals at other parameters that change only some lines of `bill`: the steps at `steps`
/// (indices into the scenario's steps, in order) are priced again at `params`, the other lines
/// are taken from `bill` as they are. The caller names the steps the change can touch; the rest
/// is what [`evaluate`] does, so the totals are the same, at a fraction of the cost when few
/// lines depend on the change (price cliffs, the amortisation sweep, model swaps).
///
/// A scenario whose quantities are expressions, or whose parameters derive from others, can make
/// any line depend on any parameter: it is evaluated whole, as are month steps (a free tier is
/// shared in order across them).
pub fn reprice(
    scenario: &Scenario,
    catalogs: &Catalogs,
    params: &Params,
    bill: &Bill,
    steps: &[usize],
) -> Result<Totals, Diagnostics> {
    let expressions = depends_on_expressions(scenario, params);
    reprice_lines(scenario, catalogs, params, bill, steps, expressions)
}

/// [`reprice`] for parameters that differ from the bill's only in the models of `steps`. An
/// expression reads numbers, never a model, so it gives every other line what it gave in the
/// bill: a scenario with expression quantities is priced line by line too (derived parameters
/// still make it whole).
pub fn reprice_swapped(
    scenario: &Scenario,
    catalogs: &Catalogs,
    params: &Params,
    bill: &Bill,
    steps: &[usize],
) -> Result<Totals, Diagnostics> {
    let derived = !params.schema.derivations.is_empty();
    reprice_lines(scenario, catalogs, params, bill, steps, derived)
}

fn reprice_lines(
    scenario: &Scenario,
    catalogs: &Catalogs,
    params: &Params,
    bill: &Bill,
    steps: &[usize],
    whole_bill: bool,
) -> Result<Totals, Diagnostics> {
    let whole = || evaluate(scenario, catalogs, params).map(|b| b.totals);
    let month = steps
        .iter()
        .any(|&i| scenario.steps.get(i).is_none_or(|s| s.stage == Stage::Month));
    if month || bill.lines.len() != scenario.steps.len() || whole_bill {
        return whole();
    }
    let mut eval = Evaluation::new(scenario, catalogs, params);
    // The first line sets the currency of a scenario that names none, as in `evaluate`.
    if steps.first() != Some(&0) {
        eval.currency = Some(Arc::clone(&bill.currency));
    }
    let mut costs: Vec<(usize, Ratio)> = bill.lines.iter().map(|l| (l.step, l.cost)).collect();
    let mut errors = Vec::new();
    for &i in steps {
        match eval.line(i, &scenario.steps[i]) {
            Ok(line) => {
                if let Some(slot) = costs.get_mut(i) {
                    slot.1 = line.cost;
                }
            }
            Err(d) => errors.push(d),
        }
    }
    if !errors.is_empty() {
        return Err(Diagnostics(errors));
    }
    if eval.currency.as_ref() != Some(&bill.currency) {
        // The new first line is in another currency than the lines kept from `bill`.
        return whole();
    }
    Ok(eval.totals(&bill.lines, &costs)?)
}

/// Whether any quantity of the scenario is an expression, or any parameter derives from others.
fn depends_on_expressions(scenario: &Scenario, params: &Params) -> bool {
    !params.schema.derivations.is_empty()
        || scenario
            .steps
            .iter()
            .any(|s| s.quantities().any(|q| q.expression().is_some()))
}
