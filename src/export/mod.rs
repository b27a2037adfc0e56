//! Exports that carry a bill out of reelcost and into a meeting: a workbook whose figures are live
//! formulas, SVG charts for slides and a Markdown memo. Every figure comes from the engine; the
//! exporters lay it out and compute nothing of their own.

pub mod chart;
pub mod memo;
pub mod params;
pub mod xlsx;

use crate::engine::{Bill, Catalogs, Params, Scenario};

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
