//! What a report adds beside the bill: the uncertainty band of each total and the budgets'
//! pass or fail.

use serde_json::{Value, json};

use super::{exact, figure};
use crate::engine::whatif::uncertainty::Spread;
use crate::engine::whatif::{Band, BudgetCheck};

/// The band and budgets shown with a report; empty for a plain report.
#[derive(Debug, Clone, Copy, Default)]
pub struct Extras<'a> {
    /// The spread of the totals, when any input has a range.
    pub band: Option<&'a Band>,
    /// The budgets, checked.
    pub budgets: &'a [BudgetCheck],
}

impl Extras<'_> {
    /// The band beside a total, e.g. `P10-P90 $3.32-$3.33, bounds $3.32-$3.34`; empty without one.
    pub fn note(&self, metric: &str) -> String {
        let Some(band) = self.band else {
            return String::new();
        };
        let spread = match metric {
            "per_video" => Some(&band.per_video),
            "per_finished_second" => band.per_finished_second.as_ref(),
            "per_month" => Some(&band.per_month),
            _ => None,
        };
        spread.map_or_else(String::new, |s| band_note(metric, s))
    }

    /// Lines below a report: how the band was drawn, and each budget.
    pub fn lines(&self) -> Vec<String> {
        let mut out = Vec::new();
        if let Some(band) = self.band {
            out.push(about_band(band));
        }
        out.extend(self.budgets.iter().map(budget_line));
        out
    }

    /// True when some budget failed.
    pub fn failed(&self) -> bool {
        self.budgets.iter().any(|b| !b.passed)
    }
}

fn band_note(metric: &str, s: &Spread) -> String {
    format!(
        "P10-P90 {}-{}, bounds {}-{}",
        figure(metric, s.p10),
        figure(metric, s.p90),
        figure(metric, s.low),
        figure(metric, s.high)
    )
}

/// How the band was drawn, and where its bounds are not proven.
pub fn about_band(band: &Band) -> String {
    let names: Vec<&str> = band.inputs.iter().map(|i| i.name.as_str()).collect();
    let mut text = format!(
        "Uncertainty: {} samples (seed {}), {} over the ranges of {}.",
        crate::report::group(u64::from(band.samples)),
        band.seed,
        band.distribution.name(),
        names.join(", ")
    );
    if !band.not_monotone.is_empty() {
        text.push_str(&format!(
            " Not monotone in {}: its bounds are the extremes found, not proven.",
            band.not_monotone.join(", ")
        ));
    }
    super::clean(&text)
}

/// A budget's result: `PASS per_video <= 3.00: $2.6140, headroom $0.3860`.
pub fn budget_line(check: &BudgetCheck) -> String {
    let metric = check.budget.metric;
    format!(
        "{} budget {}: {}, headroom {}",
        if check.passed { "PASS" } else { "FAIL" },
        check.budget.describe(),
        figure(metric, check.value),
        figure(metric, check.headroom)
    )
}

/// The band as JSON: samples, seed and each total's spread.
pub fn band_json(band: &Band) -> Value {
    let spread = |s: &Spread| {
        json!({
            "low": exact(s.low), "p10": exact(s.p10), "p50": exact(s.p50),
            "p90": exact(s.p90), "high": exact(s.high),
        })
    };
    json!({
        "samples": band.samples,
        "seed": band.seed,
        "distribution": band.distribution.name(),
        "inputs": band.inputs.iter().map(|i| json!({
            "name": i.name, "low": exact(i.low), "high": exact(i.high),
        })).collect::<Vec<_>>(),
        "per_video": spread(&band.per_video),
        "per_finished_second": band.per_finished_second.as_ref().map_or(Value::Null, spread),
        "per_month": spread(&band.per_month),
        "not_monotone": band.not_monotone,
    })
}

/// Budgets as JSON: each metric, limits, value, headroom and whether it passed.
pub fn budgets_json(checks: &[BudgetCheck]) -> Value {
    Value::Array(
        checks
            .iter()
            .map(|c| {
                json!({
                    "metric": c.budget.metric,
                    "max": super::exact_or_null(c.budget.max),
                    "min": super::exact_or_null(c.budget.min),
                    "value": exact(c.value),
                    "headroom": exact(c.headroom),
                    "passed": c.passed,
                })
            })
            .collect(),
    )
}
