//! The bill as aligned columns for a terminal.

use std::fmt::Write;

use unicode_truncate::{Alignment, UnicodeTruncateStr};
use unicode_width::UnicodeWidthStr;

use crate::engine::{Bill, Params, Scenario};
use crate::format::{Currency, escape, number, rule, warning};

use super::{describe_params, group, line_cost, per_second, percent, quantity};

/// Renders the bill as a table with totals and warnings.
pub fn render(scenario: &Scenario, params: &Params, bill: &Bill, extras: &super::Extras<'_>) -> String {
    let money = Currency::of(&bill.currency);
    let mut out = String::new();
    let _ = writeln!(out, "{}", escape(&scenario.name));
    let _ = writeln!(out, "{}", describe_params(params, bill));
    let _ = writeln!(out);
    breakdown(&mut out, bill, &money);
    let _ = writeln!(out);
    figures(&mut out, params, bill, extras, &money);
    sources(&mut out, bill);
    if !bill.warnings.is_empty() {
        let _ = writeln!(out, "\nWarnings:");
        for w in &bill.warnings {
            let _ = writeln!(out, "  {}", warning::diagnostic(w, &money).headline());
        }
    }
    out.trim_end().to_owned() + "\n"
}

/// The lines as aligned columns, with the total per video under them.
fn breakdown(out: &mut String, bill: &Bill, money: &Currency) {
    let header = [
        "STAGE",
        "LINE",
        "MODEL",
        "UNIT PRICE",
        "RULE",
        "QTY",
        "PER VIDEO",
        "SHARE",
    ];
    let rows: Vec<[String; 8]> = bill
        .lines
        .iter()
        .map(|l| {
            [
                l.stage.name().to_owned(),
                escape(&l.label).into_owned(),
                escape(&l.model.id).into_owned(),
                money.price(crate::engine::money::round(l.unit_price, 6)),
                escape(&rule::line(l, money)).into_owned(),
                quantity(l.quantity),
                line_cost(l, money),
                percent(bill.share(l)),
            ]
        })
        .collect();
    let mut widths = header.map(str::len);
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.width());
        }
    }
    // Figures align right, words left.
    let right = [false, false, false, true, false, true, true, true];
    let format_row = |cells: &[String]| {
        let mut row = String::new();
        for (i, cell) in cells.iter().enumerate() {
            let align = if right[i] { Alignment::Right } else { Alignment::Left };
            let _ = write!(row, "{}  ", cell.unicode_pad(widths[i], align, false));
        }
        row.trim_end().to_owned()
    };
    let _ = writeln!(out, "{}", format_row(&header.map(String::from)));
    for row in &rows {
        let _ = writeln!(out, "{}", format_row(row));
    }
    // Widths of text held in memory, with two spaces between columns: far below `usize::MAX`.
    let gaps = widths.len().saturating_sub(1).saturating_mul(2);
    let total_width = widths.iter().fold(gaps, |sum, w| sum.saturating_add(*w));
    let _ = writeln!(out, "{}", "-".repeat(total_width));
    let total = format!(
        "{}  {:>w$}",
        money.fixed(bill.totals.per_video, 4),
        "100.0%",
        w = widths[7]
    );
    let total = format!("total per video  {total}");
    let _ = writeln!(out, "{}", total.unicode_pad(total_width, Alignment::Right, false));
}

/// The headline figures, each with its note (seconds, videos, band, budget), then the sale's.
fn figures(out: &mut String, params: &Params, bill: &Bill, extras: &super::Extras<'_>, money: &Currency) {
    let t = &bill.totals;
    let seconds = |s: rust_decimal::Decimal| {
        if s.is_zero() {
            String::new()
        } else {
            format!("({} s)", number::seconds(s))
        }
    };
    let figures = [
        ("Per video", money.fixed(t.per_video, 2), String::new()),
        (
            "Per generated second",
            per_second(t.per_generated_second, money),
            seconds(t.generated_seconds),
        ),
        (
            "Per finished second",
            per_second(t.per_finished_second, money),
            seconds(t.finished_seconds),
        ),
        (
            "Per month",
            money.fixed(t.per_month, 2),
            format!("({} videos)", group(params.videos_per_month)),
        ),
    ];
    let figures: Vec<(&str, String, String)> = figures
        .into_iter()
        .zip(["per_video", "per_generated_second", "per_finished_second", "per_month"])
        .map(|((name, value, note), metric)| {
            (
                name,
                value,
                format!("{note}  {}", extras.note(metric, money)).trim().to_owned(),
            )
        })
        .chain(super::sale_figures(bill, params))
        .collect();
    let value_width = figures.iter().map(|f| f.1.width()).max().unwrap_or(0);
    for (name, value, note) in figures {
        let value = value.unicode_pad(value_width, Alignment::Right, false);
        let _ = writeln!(out, "{}", format!("{name:<22}{value}  {note}").trim_end());
    }
    for line in extras.lines(money) {
        let _ = writeln!(out, "{line}");
    }
}

/// Each model's as_of and source, aligned.
fn sources(out: &mut String, bill: &Bill) {
    let sources = super::price_sources(bill);
    let model_width = sources.iter().map(|s| s.0.chars().count()).max().unwrap_or(0);
    let date_width = sources.iter().map(|s| s.1.len()).max().unwrap_or(0).max("-".len());
    let _ = writeln!(out, "\nPrices as of:");
    for (model, as_of, source) in &sources {
        let as_of = if as_of.is_empty() { "-" } else { as_of };
        let _ = writeln!(
            out,
            "{}",
            format!("  {model:<model_width$}  {as_of:<date_width$}  {source}").trim_end()
        );
    }
}
