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
pub fn sale_figures(bill: &Bill, params: &Params) -> Vec<(&'static str, String, String)> {
    let Some(sale) = bill.totals.sale.as_deref() else {
        return Vec::new();
    };
    let credits = |count: &Decimal, each: &Decimal| {
        let noun = if *count == Decimal::ONE { "credit" } else { "credits" };
        format!("{} {noun} at {}", count.normalize(), money::price(*each))
    };
    let how = match (&sale.credits, &sale.pack) {
        (Some((count, each)), Some(pack)) => format!("({}, the {pack} pack)", credits(count, each)),
        (Some((count, each)), None) => format!("({})", credits(count, each)),
        _ => String::new(),
    };
    let share = sale
        .margin_share
        .map_or_else(String::new, |s| format!("({} of revenue)", percent(Some(s))));
    let mut rows = vec![("Price per video", money::fixed(sale.price, 2), how)];
    if sale.paid_share != Decimal::ONE {
        rows.push((
            "Revenue per video",
            money::fixed(sale.revenue_per_video, 4),
            format!("({} of videos paid)", percent(Some(sale.paid_share))),
        ));
    }
    rows.push(("Margin per video", money::fixed(sale.margin_per_video, 4), share));
    let month = format!("({} videos)", group(params.videos_per_month));
    rows.push((
        "Revenue per month",
        money::fixed(sale.revenue_per_month, 2),
        month.clone(),
    ));
    rows.push(("Profit per month", money::fixed(sale.profit_per_month, 2), month));
    if let Some(price) = sale.break_even_price {
        let why = match sale.target_margin {
            Some(t) => format!("(a paying video's price for a {} margin)", percent(Some(t))),
            None => "(a paying video's price for no loss)".to_owned(),
        };
        rows.push(("Break-even price", money::fixed(price, 4), why));
    }
    rows
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
    // The scenario's own levers, as `augmentations 35`.
    for custom in params.schema.custom.iter().filter(|c| c.used) {
        if let Some(value) = params.get(&custom.name) {
            parts.push(format!("{} {value}", custom.name));
        }
    }
    parts.join(", ")
}

fn plural(n: u32) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// A whole number with thousands separators.
pub fn group(n: u64) -> String {
    money::fixed(Decimal::from(n), 0).trim_start_matches('$').to_owned()
}
