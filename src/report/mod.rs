//! Renderers of a bill: an aligned table for the terminal, JSON, CSV and Markdown. They format
//! what the engine computed and compute nothing themselves.
#![warn(clippy::arithmetic_side_effects)]

mod csv;
mod json;
mod markdown;
mod table;
pub mod whatif;

pub use whatif::extras::Extras;

use std::borrow::Cow;

use rust_decimal::Decimal;

pub use self::csv::Section;
use crate::engine::{Bill, Line, Params, Scenario};
use crate::format::escape::escape_lines;
pub use crate::format::number::{group, percent, quantity};
use crate::format::{Currency, escape, number};

/// An output format for a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Aligned columns for a terminal.
    Table,
    /// JSON, money as decimal strings.
    Json,
    /// CSV of plain decimals for a spreadsheet: parameters, lines and totals.
    Csv,
    /// A Markdown table, for a document or an issue.
    Markdown,
}

/// Renders a bill in a format. The text formats escape any control character that file text
/// brings (see [`crate::format::escape`]); JSON escapes them in its own way.
pub fn render(format: Format, scenario: &Scenario, params: &Params, bill: &Bill) -> String {
    render_with(format, scenario, params, bill, &Extras::default())
}

/// Renders a bill with its uncertainty band and budgets. CSV holds the lines only; the caller
/// shows the budgets elsewhere.
pub fn render_with(format: Format, scenario: &Scenario, params: &Params, bill: &Bill, extras: &Extras<'_>) -> String {
    match format {
        Format::Json => json::render(scenario, params, bill, extras),
        Format::Table => safe(table::render(scenario, params, bill, extras)),
        Format::Csv => safe(csv::render(scenario, params, bill, &Section::ALL)),
        Format::Markdown => safe(markdown::render(scenario, params, bill, extras)),
    }
}

/// Renders chosen sections of the bill as CSV.
pub fn render_csv(scenario: &Scenario, params: &Params, bill: &Bill, sections: &[Section]) -> String {
    safe(csv::render(scenario, params, bill, sections))
}

/// The last guard before a terminal: each field was escaped as it went in, so this changes
/// nothing unless a field was missed.
fn safe(text: String) -> String {
    match escape_lines(&text) {
        Cow::Borrowed(_) => text,
        Cow::Owned(escaped) => escaped,
    }
}

/// Price and margin lines, when the scenario sells its videos: (name, figure, note).
pub fn sale_figures(bill: &Bill, params: &Params) -> Vec<(&'static str, String, String)> {
    let Some(sale) = bill.totals.sale.as_deref() else {
        return Vec::new();
    };
    let money = Currency::of(&bill.currency);
    let credits = |count: &Decimal, each: &Decimal| {
        let noun = if *count == Decimal::ONE { "credit" } else { "credits" };
        format!("{} {noun} at {}", count.normalize(), money.price(*each))
    };
    let how = match (&sale.credits, &sale.pack) {
        (Some((count, each)), Some(pack)) => format!("({}, the {} pack)", credits(count, each), escape(pack)),
        (Some((count, each)), None) => format!("({})", credits(count, each)),
        _ => String::new(),
    };
    let share = sale
        .margin_share
        .map_or_else(String::new, |s| format!("({} of revenue)", percent(Some(s))));
    let mut rows = vec![("Price per video", money.fixed(sale.price, 2), how)];
    if sale.paid_share != Decimal::ONE {
        rows.push((
            "Revenue per video",
            money.fixed(sale.revenue_per_video, 4),
            format!("({} of videos paid)", percent(Some(sale.paid_share))),
        ));
    }
    rows.push(("Margin per video", money.fixed(sale.margin_per_video, 4), share));
    let month = format!("({} videos)", group(params.videos_per_month));
    rows.push((
        "Revenue per month",
        money.fixed(sale.revenue_per_month, 2),
        month.clone(),
    ));
    rows.push(("Profit per month", money.fixed(sale.profit_per_month, 2), month));
    if let Some(price) = sale.break_even_price {
        let why = match sale.target_margin {
            Some(t) => format!("(a paying video's price for a {} margin)", percent(Some(t))),
            None => "(a paying video's price for no loss)".to_owned(),
        };
        rows.push(("Break-even price", money.fixed(price, 4), why));
    }
    rows
}

/// When the price a line uses was read, or empty when its catalog does not say.
pub fn as_of(line: &Line) -> String {
    line.pricing()
        .provenance
        .as_of
        .as_ref()
        .map(|d| d.to_string())
        .unwrap_or_default()
}

/// Where the price a line uses comes from, as the catalog writes it (file text, unescaped), or
/// empty when its catalog does not say.
pub fn source(line: &Line) -> String {
    line.pricing()
        .provenance
        .source
        .as_deref()
        .unwrap_or_default()
        .to_owned()
}

/// One row per distinct price a bill uses: (model, as of, source), in the order of its lines,
/// file text escaped.
pub fn price_sources(bill: &Bill) -> Vec<(String, String, String)> {
    let mut rows: Vec<(String, String, String)> = Vec::new();
    for line in &bill.lines {
        let mut model = line.model.id.to_string();
        if let Some(name) = &line.pricing().name {
            model = format!("{model} [{name}]");
        }
        let row = (
            escape(&model).into_owned(),
            as_of(line),
            escape(&source(line)).into_owned(),
        );
        if !rows.contains(&row) {
            rows.push(row);
        }
    }
    rows
}

/// A line's cost per video for display: four decimals, so sub-cent lines still show.
pub fn line_cost(line: &Line, money: &Currency) -> String {
    money.fixed(line.per_video, 4)
}

/// A per-second figure: four decimals, or a dash and the reason when there are no seconds.
pub fn per_second(value: Option<Decimal>, money: &Currency) -> String {
    value.map_or_else(|| "n/a (no video)".to_owned(), |v| money.fixed(v, 4))
}

/// One line summing up the parameters, e.g. `4 scenes x 100 frames @ 16 fps (6.25 s), 720p, silent`.
pub fn describe_params(params: &Params, bill: &Bill) -> String {
    let mut parts = Vec::new();
    if bill.totals.generated_seconds > Decimal::ZERO {
        let seconds = params.seconds().map(number::seconds).unwrap_or_default();
        parts.push(format!(
            "{} scene{} x {} frames @ {} fps ({seconds} s)",
            params.scenes,
            plural(params.scenes),
            params.frames,
            params.fps
        ));
        if let Some(r) = &params.resolution {
            parts.push(escape(r).into_owned());
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
            parts.push(format!("{} {value}", escape(&custom.name)));
        }
    }
    parts.join(", ")
}

fn plural(n: u32) -> &'static str {
    if n == 1 { "" } else { "s" }
}
