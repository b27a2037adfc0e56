//! The bill as CSV for a spreadsheet, written with the `csv` crate: the parameters, the lines and
//! the totals, each a section with its own header row, separated by a blank line. Figures are
//! plain decimals a spreadsheet reads as numbers (see [`crate::format::number::plain`]); money is
//! in the currency its `currency` column names.

use rust_decimal::Decimal;
use serde_json::Value;

use crate::engine::{Bill, Params, Scenario};
use crate::format::number::plain;
use crate::format::{Currency, escape, rule};

/// A part of the CSV report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Section {
    /// One row per parameter: `parameter,value`.
    Parameters,
    /// One row per line of the bill.
    Lines,
    /// One row per total: per video, per second, per month, and what a sale brings in.
    Totals,
}

impl Section {
    /// Every section, in the order a full report gives them.
    pub const ALL: [Self; 3] = [Self::Parameters, Self::Lines, Self::Totals];
}

/// File text for a cell: control characters escaped, and a leading `=`, `+`, `-` or `@` made
/// plain text with a `'`, so a spreadsheet never runs a label as a formula.
fn text(value: &str) -> String {
    let value = escape(value);
    if value.starts_with(['=', '+', '-', '@']) {
        format!("'{value}")
    } else {
        value.into_owned()
    }
}

fn figure(value: Option<Decimal>) -> String {
    value.map(plain).unwrap_or_default()
}

/// Renders the chosen sections, each with its header row.
pub fn render(scenario: &Scenario, params: &Params, bill: &Bill, sections: &[Section]) -> String {
    let tables: Vec<Vec<Vec<String>>> = sections
        .iter()
        .map(|section| match section {
            Section::Parameters => parameters(scenario, params),
            Section::Lines => lines(bill),
            Section::Totals => totals_rows(bill),
        })
        .collect();
    let mut out = Vec::new();
    for (i, rows) in tables.iter().enumerate() {
        if i > 0 {
            out.push(b'\n');
        }
        let mut writer = csv::WriterBuilder::new().flexible(true).from_writer(&mut out);
        for row in rows {
            // Writing to memory fails only when out of memory, which aborts anyway.
            let _ = writer.write_record(row);
        }
        let _ = writer.flush();
    }
    String::from_utf8(out).unwrap_or_default()
}

fn parameters(scenario: &Scenario, params: &Params) -> Vec<Vec<String>> {
    let mut rows = vec![
        vec!["parameter".to_owned(), "value".to_owned()],
        vec!["scenario".to_owned(), text(&scenario.name)],
    ];
    let Value::Object(values) = super::json::parameters(params) else {
        return rows;
    };
    for (name, value) in values {
        let value = match value {
            Value::Null => String::new(),
            Value::String(s) => s.parse::<Decimal>().map_or_else(|_| text(&s), plain),
            other => other.to_string(),
        };
        rows.push(vec![text(&name), value]);
    }
    rows
}

fn lines(bill: &Bill) -> Vec<Vec<String>> {
    let money = Currency::of(&bill.currency);
    let header = [
        "stage",
        "label",
        "model",
        "unit_price",
        "rule",
        "quantity",
        "per_video",
        "share",
        "currency",
        "as_of",
        "source",
    ];
    let mut rows = vec![header.map(str::to_owned).to_vec()];
    rows.extend(bill.lines.iter().map(|l| {
        vec![
            l.stage.name().to_owned(),
            text(&l.label),
            text(&l.model.id),
            plain(l.unit_price),
            text(&rule::line(l, &money)),
            plain(l.quantity),
            plain(l.per_video),
            figure(bill.share(l)),
            text(&bill.currency),
            super::as_of(l),
            text(&super::source(l)),
        ]
    }));
    rows
}

/// The totals as (JSON key, exact value, unit), in JSON's order; figures without a value are
/// left out. The unit is the bill's currency, `s`, the currency per second, or `share`.
pub fn totals(bill: &Bill) -> Vec<(&'static str, Decimal, String)> {
    let t = &bill.totals;
    let sale = t.sale.as_deref();
    let money = || text(&bill.currency);
    let per_second = || format!("{}/s", money());
    [
        ("per_video", Some(t.per_video), money()),
        ("generated_seconds", Some(t.generated_seconds), "s".to_owned()),
        ("finished_seconds", Some(t.finished_seconds), "s".to_owned()),
        ("per_generated_second", t.per_generated_second, per_second()),
        ("per_finished_second", t.per_finished_second, per_second()),
        ("per_month", Some(t.per_month), money()),
        ("price", sale.map(|s| s.price), money()),
        ("margin_share", sale.and_then(|s| s.margin_share), "share".to_owned()),
        ("revenue_per_video", sale.map(|s| s.revenue_per_video), money()),
        ("margin_per_video", sale.map(|s| s.margin_per_video), money()),
        ("revenue_per_month", sale.map(|s| s.revenue_per_month), money()),
        ("profit_per_month", sale.map(|s| s.profit_per_month), money()),
        ("break_even_price", sale.and_then(|s| s.break_even_price), money()),
    ]
    .into_iter()
    .filter_map(|(name, value, unit)| Some((name, value?, unit)))
    .collect()
}

fn totals_rows(bill: &Bill) -> Vec<Vec<String>> {
    let mut rows = vec![vec!["total".to_owned(), "value".to_owned(), "unit".to_owned()]];
    rows.extend(
        totals(bill)
            .into_iter()
            .map(|(name, value, unit)| vec![name.to_owned(), plain(value), unit]),
    );
    rows
}
