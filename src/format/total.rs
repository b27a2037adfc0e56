//! Totals by their JSON names, and the budgets set on them: how the report, the exports and the
//! dashboard write a total's value, a budget's limit and its headroom.

use rust_decimal::Decimal;

use super::Currency;
use super::number::{percent, seconds};
use crate::engine::whatif::{Budget, BudgetCheck};

/// A total for display, by its name, money in `currency`: money per video or per second to four
/// places, per month to cents, seconds as `25 s`, a margin share as a percentage.
pub fn figure(metric: &str, value: Decimal, currency: &Currency) -> String {
    match metric {
        "generated_seconds" | "finished_seconds" => format!("{} s", seconds(value)),
        "margin_share" => percent(Some(value)),
        "per_month" | "revenue_per_month" | "profit_per_month" => currency.fixed(value, 2),
        _ => currency.fixed(value, 4),
    }
}

/// A budget's limits as a person reads them: `per_video ≤ $3.0000`, `margin_share ≥ 50.0%`.
pub fn limits(budget: &Budget, currency: &Currency) -> String {
    let mut parts = Vec::new();
    if let Some(min) = budget.min {
        parts.push(format!("{} ≥ {}", budget.metric, figure(budget.metric, min, currency)));
    }
    if let Some(max) = budget.max {
        parts.push(format!("{} ≤ {}", budget.metric, figure(budget.metric, max, currency)));
    }
    parts.join(", ")
}

/// How far a checked budget is inside its limit, or over it: `headroom $0.3860`,
/// `over by $0.0259`.
pub fn headroom(check: &BudgetCheck, currency: &Currency) -> String {
    let metric = check.budget.metric;
    if check.passed {
        format!("headroom {}", figure(metric, check.headroom, currency))
    } else {
        format!("over by {}", figure(metric, check.headroom.abs(), currency))
    }
}

/// A difference of a total, signed: `+$0.0360`, `-$0.0084`, `+5.0%`.
pub fn signed(metric: &str, value: Decimal, currency: &Currency) -> String {
    let shown = figure(metric, value, currency);
    if shown.starts_with('-') {
        shown
    } else {
        format!("+{shown}")
    }
}
