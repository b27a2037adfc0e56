//! Renderers of a bill: an aligned table for the terminal, JSON, CSV and Markdown. They format
//! what the engine computed and compute nothing themselves.

mod csv;
mod json;
mod markdown;
mod table;
pub mod whatif;

pub use whatif::extras::Extras;

use rust_decimal::Decimal;

use crate::engine::{Bill, Line, Params, Scenario, money};

/// An output format for a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Aligned columns for a terminal.
    Table,
    /// JSON, money as decimal strings.
    Json,
    /// CSV with exact figures, for a spreadsheet.
    Csv,
    /// A Markdown table, for a document or an issue.
    Markdown,
}

/// Renders a bill in a format.
pub fn render(format: Format, scenario: &Scenario, params: &Params, bill: &Bill) -> String {
    render_with(format, scenario, params, bill, &Extras::default())
}

/// Renders a bill with its uncertainty band and budgets. CSV holds the lines only; the caller
/// shows the budgets elsewhere.
pub fn render_with(format: Format, scenario: &Scenario, params: &Params, bill: &Bill, extras: &Extras<'_>) -> String {
    match format {
        Format::Table => table::render(scenario, params, bill, extras),
        Format::Json => json::render(scenario, params, bill, extras),
        Format::Csv => csv::render(bill),
        Format::Markdown => markdown::render(scenario, params, bill, extras),
    }
}

/// Price and margin lines, when the scenario sells its videos: (name, figure, note).
pub fn sale_figures(scenario: &Scenario, bill: &Bill) -> Vec<(&'static str, String, String)> {
    let (Some(sale), Some(price), Some(margin)) = (&scenario.sale, bill.totals.price, bill.totals.margin) else {
        return Vec::new();
    };
    let how = sale.credits.map_or_else(String::new, |(credits, each)| {
        format!("({} credits at {})", credits.normalize(), money::price(each))
    });
    let share = bill
        .totals
        .margin_share
        .map_or_else(String::new, |s| format!("({} of the price)", percent(Some(s))));
    vec![
        ("Price per video", money::fixed(price, 2), how),
        ("Margin per video", money::fixed(margin, 4), share),
    ]
}

/// A count for display: up to four decimals, no trailing zeros.
pub fn quantity(value: Decimal) -> String {
    money::round(value, 4).normalize().to_string()
}

/// A share of the bill as a percentage with one decimal.
pub fn percent(share: Option<Decimal>) -> String {
    share.map_or_else(
        || "-".to_owned(),
        |s| format!("{}%", money::round(s * Decimal::ONE_HUNDRED, 1)),
    )
}

/// A line's cost per video for display: four decimals, so sub-cent lines still show.
pub fn line_cost(line: &Line) -> String {
    money::fixed(line.per_video, 4)
}

/// A per-second figure: four decimals, or a dash and the reason when there are no seconds.
pub fn per_second(value: Option<Decimal>) -> String {
    value.map_or_else(|| "n/a (no video)".to_owned(), |v| money::fixed(v, 4))
}

/// One line summing up the parameters, e.g. `4 scenes x 100 frames @ 16 fps (6.25 s), 720p, silent`.
pub fn describe_params(params: &Params, bill: &Bill) -> String {
    let mut parts = Vec::new();
    if bill.totals.generated_seconds > Decimal::ZERO {
        let seconds = params
            .seconds()
            .map(|s| money::round(s, 3).normalize().to_string())
            .unwrap_or_default();
        parts.push(format!(
            "{} scene{} x {} frames @ {} fps ({seconds} s)",
            params.scenes,
            plural(params.scenes),
            params.frames,
            params.fps
        ));
        if let Some(r) = &params.resolution {
            parts.push(r.to_string());
        }
        parts.push(if params.audio { "audio".into() } else { "silent".into() });
    }
    if params.characters > 0 {
        parts.push(format!(
            "{} character{} over {} video{} each",
            params.characters,
            plural(params.characters),
            params.videos_per_character,
            plural(params.videos_per_character)
        ));
    }
    if !params.reroll_rate.is_zero() {
        parts.push(format!("reroll {}", percent(Some(params.reroll_rate))));
    }
    parts.push(format!("{} videos/month", group(params.videos_per_month)));
    parts.join(", ")
}

fn plural(n: u32) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// A whole number with thousands separators.
pub fn group(n: u64) -> String {
    money::fixed(Decimal::from(n), 0).trim_start_matches('$').to_owned()
}
