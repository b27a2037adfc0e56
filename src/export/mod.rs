//! Exports that carry a bill out of reelcost and into a meeting: a workbook whose figures are live
//! formulas, SVG charts for slides and a Markdown memo. Every figure comes from the engine; the
//! exporters lay it out and compute nothing of their own.
// Row and column numbers of a sheet (at most 1,048,576 rows) and the pixels of a chart never
// come near an integer's limits; they use saturating forms.
#![warn(clippy::arithmetic_side_effects)]

pub mod chart;
mod files;
pub mod memo;
pub mod params;
pub mod xlsx;

use std::sync::Arc;

pub use files::{Format, write};

use crate::engine::{Bill, Catalogs, Model, Params, Scenario};

/// What an export describes: a scenario at some parameters, and the bill the engine made of it.
#[derive(Clone, Copy)]
pub struct Subject<'a> {
    /// The scenario.
    pub scenario: &'a Scenario,
    /// The catalogs it was priced against.
    pub catalogs: &'a Catalogs,
    /// The parameters, the user's settings applied.
    pub params: &'a Params,
    /// The engine's bill at those parameters.
    pub bill: &'a Bill,
}

/// The number format for money in a currency, with `min` to `max` decimals: `"$"#,##0.00##`.
pub fn money_format(currency: &str, min: usize, max: usize) -> String {
    let digits = format!("{}{}", "0".repeat(min), "#".repeat(max.saturating_sub(min)));
    let number = if digits.is_empty() {
        "#,##0".to_owned()
    } else {
        format!("#,##0.{digits}")
    };
    match currency {
        "USD" => format!("\"$\"{number}"),
        "EUR" => format!("\"€\"{number}"),
        "GBP" => format!("\"£\"{number}"),
        other => {
            // A currency code from a file goes inside a quoted literal: keep letters only.
            let code: String = other.chars().filter(char::is_ascii_alphabetic).collect();
            format!("{number} \"{code}\"")
        }
    }
}

/// Each model and pricing (its own, or a quote's index) the bill uses, fallbacks included, in
/// order of first use.
pub fn pricings_in_use(bill: &Bill) -> Vec<(Arc<Model>, Option<usize>)> {
    let mut used: Vec<(Arc<Model>, Option<usize>)> = Vec::new();
    let mut add = |model: &Arc<Model>, quote: Option<usize>| {
        if !used.iter().any(|(m, q)| m.id == model.id && *q == quote) {
            used.push((Arc::clone(model), quote));
        }
    };
    for line in &bill.lines {
        add(&line.model, line.quote);
        if let Some(fb) = &line.fallback {
            add(&fb.model, None);
        }
    }
    used
}
