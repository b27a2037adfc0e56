//! The bill as aligned columns for a terminal.

use std::fmt::Write;

use crate::engine::{Bill, Params, Scenario, money};

use super::{describe_params, group, line_cost, per_second, percent, quantity};

/// Renders the bill as a table with totals and warnings.
pub fn render(scenario: &Scenario, params: &Params, bill: &Bill, extras: &super::Extras<'_>) -> String {
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
                l.label.to_string(),
                l.model.id.to_string(),
                money::price(money::round(l.unit_price, 6)),
                l.rule().to_string(),
                quantity(l.quantity),
                line_cost(l),
                percent(l.share),
            ]
        })
        .collect();
    let mut widths = header.map(str::len);
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    // Figures align right, words left.
    let right = [false, false, false, true, false, true, true, true];
    let format_row = |cells: &[String]| {
        let mut out = String::new();
        for (i, cell) in cells.iter().enumerate() {
            let w = widths[i];
            if right[i] {
                let _ = write!(out, "{cell:>w$}  ");
            } else {
                let _ = write!(out, "{cell:<w$}  ");
            }
        }
        out.trim_end().to_owned()
    };

    let mut out = String::new();
    let _ = writeln!(out, "{}", scenario.name);
    let _ = writeln!(out, "{}", describe_params(params, bill));
    let _ = writeln!(out);
    let _ = writeln!(out, "{}", format_row(&header.map(String::from)));
    for row in &rows {
        let _ = writeln!(out, "{}", format_row(row));
    }
    let total_width: usize = widths.iter().sum::<usize>() + 2 * (widths.len() - 1);
    let _ = writeln!(out, "{}", "-".repeat(total_width));
    let total = format!(
        "{}  {:>w$}",
        money::fixed(bill.totals.per_video, 4),
        "100.0%",
        w = widths[7]
    );
    let _ = writeln!(out, "{:>total_width$}", format!("total per video  {total}"));
    let _ = writeln!(out);

    let t = &bill.totals;
    let seconds = |s: rust_decimal::Decimal| format!("({} s)", money::round(s, 3).normalize());
    let figures = [
        ("Per video", money::fixed(t.per_video, 2), String::new()),
        (
            "Per generated second",
            per_second(t.per_generated_second),
            if t.generated_seconds.is_zero() {
                String::new()
            } else {
                seconds(t.generated_seconds)
            },
        ),
        (
            "Per finished second",
            per_second(t.per_finished_second),
            if t.finished_seconds.is_zero() {
                String::new()
            } else {
                seconds(t.finished_seconds)
            },
        ),
        (
            "Per month",
            money::fixed(t.per_month, 2),
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
                format!("{note}  {}", extras.note(metric)).trim().to_owned(),
            )
        })
        .chain(super::sale_figures(bill, params))
        .collect();
    let value_width = figures.iter().map(|f| f.1.len()).max().unwrap_or(0);
    for (name, value, note) in figures {
        let _ = writeln!(out, "{}", format!("{name:<22}{value:>value_width$}  {note}").trim_end());
    }
    for line in extras.lines() {
        let _ = writeln!(out, "{line}");
    }
    if !bill.warnings.is_empty() {
        let _ = writeln!(out, "\nWarnings:");
        for w in &bill.warnings {
            let _ = writeln!(out, "  {}", w.headline());
        }
    }
    out.trim_end().to_owned() + "\n"
}
