//! Renderers of the what-if analyses: compare, sweep, sensitivity, goal seek, and the band and
//! budgets a report adds. Tables and Markdown show figures at display precision; JSON and CSV
//! carry them exactly, money as decimal strings.

pub mod compare;
pub mod extras;
mod grid;
pub mod sensitivity;
pub mod solve;
pub mod sweep;

use rust_decimal::Decimal;
use serde_json::{Map, Value};

use crate::engine::whatif::METRICS;
use crate::format::Currency;

pub use grid::{Align, Grid, clean, csv_line};

pub use crate::format::total::figure;

/// A difference for display, signed: `+$0.2500`, `-$0.40`, `+5.0%`.
pub fn delta(metric: &str, value: Decimal, currency: &Currency) -> String {
    let shown = figure(metric, value, currency);
    if value > Decimal::ZERO {
        format!("+{shown}")
    } else {
        shown
    }
}

/// An exact decimal as JSON: a string.
pub fn exact(value: Decimal) -> Value {
    Value::String(value.normalize().to_string())
}

/// An optional exact decimal: a string or `null`.
pub fn exact_or_null(value: Option<Decimal>) -> Value {
    value.map_or(Value::Null, exact)
}

/// Totals by name as a JSON object, in the report's order.
pub fn totals_json(totals: &[(&'static str, Option<Decimal>)]) -> Value {
    let mut map = Map::new();
    for name in METRICS {
        let value = totals.iter().find(|(n, _)| *n == name).and_then(|(_, v)| *v);
        map.insert(name.to_owned(), exact_or_null(value));
    }
    Value::Object(map)
}

/// A JSON value pretty-printed, with a final newline, and the control characters JSON leaves raw
/// escaped as the report's JSON does.
pub fn pretty(value: &Value) -> String {
    super::json::escape_raw(&(serde_json::to_string_pretty(value).unwrap_or_default() + "\n"))
}

/// True for the totals a table shows: all but `margin`, the older name of `margin_per_video`,
/// which JSON and CSV keep.
pub fn in_tables(metric: &str) -> bool {
    metric != "margin"
}

/// A readable name for a total: `per_video` -> `Per video`.
pub fn title(metric: &str) -> String {
    let text = metric.replace('_', " ");
    let mut chars = text.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}
