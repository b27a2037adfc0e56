//! Putting a scenario's parameters together once its steps and sale are read: which of its own
//! parameters anything reads, the order derived ones are computed in, and the checks that
//! need them all (bounds, ranges, cycles).

use std::collections::BTreeMap;
use std::sync::Arc;

use rust_decimal::Decimal;

use super::Step;
use super::parameters::{self, Read};
use crate::engine::params::schema::{Custom, Derivation, Pack, Schema, StepName};
use crate::engine::params::{NAMES, Number, Params, Ref, SaleParams};
use crate::engine::source::{Diagnostic, Origin};
use crate::engine::suggest;

/// The scenario's parameters with their schema, and where each built-in one is written; `None`
/// when a problem was found (and pushed onto `found`).
pub(super) fn params(
    read: Read,
    steps: &[Step],
    sale: Option<(&SaleParams, &Vec<Pack>)>,
    found: &mut Vec<Diagnostic>,
) -> Option<(Params, BTreeMap<&'static str, Origin>)> {
    let Read {
        mut params,
        origins,
        mut custom,
        builtin_bounds,
        derivations,
        ..
    } = read;
    let derivations = match parameters::order(derivations) {
        Ok(d) => d,
        Err(d) => {
            found.push(d);
            return None;
        }
    };
    mark_used(steps, &derivations, &mut custom, found);
    if let Some((sale, _)) = sale {
        params.sale = sale.clone();
    }
    params.models = Arc::new(vec![None; steps.len()]);
    params.schema = Arc::new(Schema {
        custom,
        builtin_bounds,
        derivations,
        steps: steps
            .iter()
            .map(|s| StepName {
                id: Arc::clone(&s.id),
                label: Arc::clone(&s.label),
                stage: s.stage,
                model: Arc::clone(&s.model),
            })
            .collect(),
        packs: sale.map(|(_, packs)| packs.clone()).unwrap_or_default(),
    });
    if let Err(d) = params.resolve() {
        found.push(d);
        return None;
    }
    check_bounds(&params, &origins, found);
    found.is_empty().then_some((params, origins))
}

/// Marks the scenario's own parameters that a step or a used derived value reads, and refuses
/// an unread one whose name is a typo of a built-in.
fn mark_used(steps: &[Step], derivations: &[Derivation], custom: &mut [Custom], found: &mut Vec<Diagnostic>) {
    // A parameter is used when a step reads it, or a used derived value does (walked from the
    // last derivation back, each one reading only earlier ones).
    let mut used: Vec<Ref> = steps
        .iter()
        .flat_map(|s| s.quantities())
        .filter_map(|q| q.expression())
        .flat_map(|e| e.refs())
        .collect();
    for d in derivations.iter().rev() {
        let wanted = match d.target {
            Ref::Slot(_) => used.contains(&d.target),
            Ref::Builtin(_) => true,
        };
        if wanted {
            used.extend(d.expression.refs());
        }
    }
    for (slot, c) in custom.iter_mut().enumerate() {
        c.used = used.contains(&Ref::Slot(slot));
        // A typo of a built-in name that nothing reads would otherwise leave the built-in at
        // its default without a word.
        if !c.used
            && let Some(near) = suggest::closest(&c.name, NAMES.into_iter().chain(Number::ALL.map(Number::name)))
        {
            found.push(
                c.origin
                    .error(format!(
                        "`{}` is not a built-in parameter, and nothing reads it",
                        c.name
                    ))
                    .with_help(format!("did you mean `{near}`?")),
            );
        }
    }
}

/// Every declared value within its declared bounds and range, and the bounds in order.
fn check_bounds(params: &Params, origins: &BTreeMap<&'static str, Origin>, found: &mut Vec<Diagnostic>) {
    let schema = Arc::clone(&params.schema);
    let custom = schema
        .custom
        .iter()
        .enumerate()
        .map(|(slot, c)| (&*c.name, &c.bounds, Ref::Slot(slot), Some(&c.origin)));
    let builtin = schema.builtin_bounds.iter().filter_map(|(name, b)| {
        let number = Number::named(name)?;
        Some((*name, b, Ref::Builtin(number), origins.get(name)))
    });
    for (name, bounds, r, origin) in custom.chain(builtin) {
        let (Some(value), Some(origin)) = (params.number(r), origin) else {
            continue;
        };
        let show = |d: Decimal| d.normalize().to_string();
        let problem = if bounds.min.zip(bounds.max).is_some_and(|(lo, hi)| lo > hi) {
            Some(format!("{name}'s min is above its max"))
        } else if bounds.low.zip(bounds.high).is_some_and(|(lo, hi)| lo > hi) {
            Some(format!("{name}'s low is above its high"))
        } else if let Some(min) = bounds.min.filter(|m| value < *m) {
            Some(format!("{name} = {} is below its min {}", show(value), show(min)))
        } else if let Some(max) = bounds.max.filter(|m| value > *m) {
            Some(format!("{name} = {} is above its max {}", show(value), show(max)))
        } else {
            match bounds.low.zip(bounds.high) {
                Some((low, high)) if value < low || value > high => Some(format!(
                    "{name} = {} is outside its range {}-{}",
                    show(value),
                    show(low),
                    show(high)
                )),
                _ => None,
            }
        };
        if let Some(message) = problem {
            found.push(
                origin
                    .error(message)
                    .with_help("a value lies within min-max and low-high"),
            );
        }
    }
}
