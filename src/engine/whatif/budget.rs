//! Budgets: limits on totals, from a scenario's `[[budget]]` entries or `--budget`, checked
//! against a bill with the headroom left.

use std::sync::Arc;

use rust_decimal::Decimal;
use serde::Deserialize;
use toml::Spanned;

use super::metric::{METRICS, known};
use super::{Error, input_error};
use crate::engine::number::{self, RawNumber, parse_decimal};
use crate::engine::source::{Diagnostic, Origin, SourceFile};
use crate::engine::{Totals, suggest};

/// A limit on one total.
#[derive(Debug, Clone)]
pub struct Budget {
    /// The total, by its JSON name.
    pub metric: &'static str,
    /// The most it may be.
    pub max: Option<Decimal>,
    /// The least it may be.
    pub min: Option<Decimal>,
    /// Where it is written in a scenario; `None` for one given on the command line.
    pub origin: Option<Origin>,
}

/// A budget checked against a bill.
#[derive(Debug, Clone)]
pub struct BudgetCheck {
    /// The budget.
    pub budget: Budget,
    /// The total's value.
    pub value: Decimal,
    /// How far the value is inside its limit (negative: how far over it).
    pub headroom: Decimal,
    /// True when the value is within the limit.
    pub passed: bool,
}

/// A `[[budget]]` entry as written.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawBudget {
    metric: Spanned<String>,
    max: Option<RawNumber>,
    min: Option<RawNumber>,
}

/// Reads a scenario's `[[budget]]` entry.
pub(crate) fn read(file: &Arc<SourceFile>, raw: &Spanned<RawBudget>) -> Result<Budget, Diagnostic> {
    let origin = Origin::new(file, raw.span());
    let b = raw.get_ref();
    let name = b.metric.get_ref().trim();
    let Ok(metric) = known(name) else {
        let at = Origin::new(file, b.metric.span());
        let list = METRICS.join(", ");
        return Err(at
            .error(format!("`{name}` is not a total a budget can limit"))
            .with_help(match suggest::closest(name, METRICS.into_iter()) {
                Some(best) => format!("did you mean `{best}`? totals: {list}"),
                None => format!("totals: {list}"),
            }));
    };
    let limit = |raw: &Option<RawNumber>, what: &str| {
        raw.as_ref()
            .map(|r| number::decimal(file, r, what).map(|l| l.value))
            .transpose()
    };
    let (max, min) = (limit(&b.max, "max")?, limit(&b.min, "min")?);
    if max.is_none() && min.is_none() {
        return Err(origin
            .error(format!("the budget on {metric} gives no limit"))
            .with_help("add `max = 3.00` (a most) or `min = 0.5` (a least)"));
    }
    if let (Some(max), Some(min)) = (max, min)
        && min > max
    {
        return Err(origin
            .error(format!("the budget on {metric} has min {min} above max {max}"))
            .with_help("no value can meet both; swap them"));
    }
    Ok(Budget {
        metric,
        max,
        min,
        origin: Some(origin),
    })
}

/// Reads `--budget` text: `per_video<=3.00` or `margin_share>=0.5`.
pub fn parse_budget(text: &str) -> Result<Budget, Error> {
    let help = "METRIC<=VALUE or METRIC>=VALUE, e.g. per_video<=3.00 or margin_share>=0.5";
    let (name, op, value) = if let Some((n, v)) = text.split_once("<=") {
        (n, "<=", v)
    } else if let Some((n, v)) = text.split_once(">=") {
        (n, ">=", v)
    } else {
        return Err(input_error(text.trim(), "is not a budget", help));
    };
    let metric = known(name.trim())?;
    let value = parse_decimal(value).map_err(|why| input_error(metric, format!("limit {why}"), help))?;
    let (max, min) = if op == "<=" {
        (Some(value), None)
    } else {
        (None, Some(value))
    };
    Ok(Budget {
        metric,
        max,
        min,
        origin: None,
    })
}

impl Budget {
    /// The limit as written: `per_video <= 3`, `margin_share >= 0.5`, or both.
    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        if let Some(min) = self.min {
            parts.push(format!("{} >= {}", self.metric, min.normalize()));
        }
        if let Some(max) = self.max {
            parts.push(format!("{} <= {}", self.metric, max.normalize()));
        }
        parts.join(", ")
    }

    /// An error at the budget: its line, or the `--budget` flag that gave it.
    fn error(&self, message: String) -> Diagnostic {
        match &self.origin {
            Some(origin) => origin.error(message),
            None => Diagnostic::file_error(format!("--budget {}", self.describe()), message),
        }
    }
}

/// Checks budgets against a bill's totals. A budget on a total the bill has no value for (a
/// margin when nothing is sold, a per-second cost without video) is an error at the budget.
pub fn check_budgets(budgets: &[Budget], totals: &Totals) -> Result<Vec<BudgetCheck>, Diagnostic> {
    check_figures(budgets, &super::metric::figures(totals))
}

/// Checks budgets against totals by name, as a saved report gives them.
pub fn check_figures(budgets: &[Budget], totals: &[(&str, Option<Decimal>)]) -> Result<Vec<BudgetCheck>, Diagnostic> {
    budgets
        .iter()
        .map(|budget| {
            let value = totals.iter().find(|(n, _)| *n == budget.metric).and_then(|(_, v)| *v);
            let Some(value) = value else {
                let message = format!(
                    "{} has no value in this bill, so its budget cannot be checked",
                    budget.metric
                );
                return Err(budget.error(message).with_help(
                    "margins need a [sale]; per-second totals need video steps; remove the budget or set what it needs",
                ));
            };
            // The headroom is shown, not summed: it may round past the 28th place like any figure
            // divided out for display; only a difference past the range is an error.
            let headroom = |more: Decimal, less: Decimal| {
                more.checked_sub(less).ok_or_else(|| {
                    budget
                        .error(format!(
                            "the distance of {} = {} from this budget's limit is too large to compute",
                            budget.metric,
                            value.normalize()
                        ))
                        .with_help("check the budget's limit for a mistyped figure")
                })
            };
            let above = budget.min.map(|min| headroom(value, min)).transpose()?;
            let below = budget.max.map(|max| headroom(max, value)).transpose()?;
            let headroom = match (above, below) {
                (Some(a), Some(b)) => a.min(b),
                (a, b) => a.or(b).unwrap_or_default(),
            };
            Ok(BudgetCheck {
                budget: budget.clone(),
                value,
                headroom,
                passed: headroom >= Decimal::ZERO,
            })
        })
        .collect()
}
