//! Renderers of a bill: an aligned table for the terminal, JSON, CSV and Markdown. They format
//! what the engine computed and compute nothing themselves.

mod csv;
mod json;
mod markdown;
mod table;

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
    match format {
        Format::Json => json::render(scenario, params, bill),
        Format::Table => safe(table::render(scenario, params, bill)),
        Format::Csv => safe(csv::render(scenario, params, bill, &Section::ALL)),
        Format::Markdown => safe(markdown::render(scenario, params, bill)),
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
pub fn sale_figures(scenario: &Scenario, bill: &Bill) -> Vec<(&'static str, String, String)> {
    let (Some(sale), Some(price), Some(margin)) = (&scenario.sale, bill.totals.price, bill.totals.margin) else {
        return Vec::new();
    };
    let money = Currency::of(&bill.currency);
    let how = sale.credits.map_or_else(String::new, |(credits, each)| {
        format!("({} credits at {})", credits.normalize(), money.price(each))
    });
    let share = bill
        .totals
        .margin_share
        .map_or_else(String::new, |s| format!("({} of the price)", percent(Some(s))));
    vec![
        ("Price per video", money.fixed(price, 2), how),
        ("Margin per video", money.fixed(margin, 4), share),
    ]
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
    parts.join(", ")
}

fn plural(n: u32) -> &'static str {
    if n == 1 { "" } else { "s" }
}
