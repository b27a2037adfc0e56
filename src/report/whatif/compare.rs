//! Scenarios side by side: totals, then lines matched by stage and label, each with its delta
//! against the first scenario.

use std::fmt::Write;

use serde_json::{Value, json};

use crate::format::Currency;

use super::{Align, Grid, clean, csv_line, delta, exact_or_null, figure, pretty, title, totals_json};
use crate::engine::whatif::{BudgetCheck, METRICS, Row, Side};
use crate::report::Format;

/// Letters naming the sides in a table's headings: A, B, C, ...
fn letter(i: usize) -> String {
    let letters = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    letters
        .get(i)
        // An index into the sides, far below `usize::MAX`.
        .map_or_else(|| format!("S{}", i.saturating_add(1)), |c| char::from(*c).to_string())
}

/// The totals some side has a value for, in the report's order.
fn shown_totals(sides: &[Side]) -> Vec<&'static str> {
    METRICS
        .into_iter()
        .filter(|m| super::in_tables(m))
        .filter(|m| sides.iter().any(|s| s.total(m).is_some()))
        .collect()
}

fn grids(sides: &[Side], rows: &[Row], currency: &Currency) -> (Grid, Grid) {
    let mut columns = vec![("Total".to_owned(), Align::Left)];
    for i in 0..sides.len() {
        columns.push((letter(i), Align::Right));
        if i > 0 {
            columns.push((format!("{} - A", letter(i)), Align::Right));
        }
    }
    let mut totals = Grid::new(columns.clone());
    for metric in shown_totals(sides) {
        let first = sides.first();
        let mut cells = vec![title(metric)];
        for (i, side) in sides.iter().enumerate() {
            let value = side.total(metric);
            cells.push(value.map_or_else(|| "-".to_owned(), |v| figure(metric, v, currency)));
            if i > 0 {
                let d = first.and_then(|f| side.delta(f, metric));
                cells.push(d.map_or_else(|| "-".to_owned(), |d| delta(metric, d, currency)));
            }
        }
        totals.push(cells);
    }
    columns[0] = ("Line".to_owned(), Align::Left);
    columns.insert(0, ("Stage".to_owned(), Align::Left));
    let mut lines = Grid::new(columns);
    for row in rows {
        let mut cells = vec![row.stage.name().to_owned(), clean(&row.label)];
        for (i, value) in row.per_video.iter().enumerate() {
            cells.push(value.map_or_else(|| "absent".to_owned(), |v| figure("per_video", v, currency)));
            if i > 0 {
                cells.push(
                    row.delta(i)
                        .map_or_else(|| "-".to_owned(), |d| delta("per_video", d, currency)),
                );
            }
        }
        lines.push(cells);
    }
    (totals, lines)
}

/// Renders a comparison; `budgets` holds each side's checked budgets.
pub fn render(format: Format, sides: &[Side], rows: &[Row], budgets: &[Vec<BudgetCheck>]) -> String {
    match format {
        Format::Json => json(sides, rows, budgets),
        Format::Csv => csv(sides, rows),
        Format::Table | Format::Markdown => {
            // Sides are compared in the first one's currency, as their figures are.
            let currency = Currency::of(sides.first().map_or("USD", |s| s.currency.as_str()));
            let (totals, lines) = grids(sides, rows, &currency);
            let markdown = format == Format::Markdown;
            let mut out = String::new();
            for (i, side) in sides.iter().enumerate() {
                let bullet = if markdown { "- " } else { "" };
                let _ = writeln!(
                    out,
                    "{bullet}{}  {}  ({})",
                    letter(i),
                    clean(&side.name),
                    clean(&side.file)
                );
            }
            out.push('\n');
            let body = |g: &Grid| if markdown { g.markdown() } else { g.table() };
            out.push_str(&body(&totals));
            out.push('\n');
            out.push_str(&body(&lines));
            for (i, checks) in budgets.iter().enumerate() {
                for check in checks {
                    let bullet = if markdown { "- " } else { "" };
                    let _ = writeln!(
                        out,
                        "{bullet}{}: {}",
                        letter(i),
                        super::extras::budget_line(check, &currency)
                    );
                }
            }
            out
        }
    }
}

fn json(sides: &[Side], rows: &[Row], budgets: &[Vec<BudgetCheck>]) -> String {
    let scenarios: Vec<Value> = sides
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let mut entry = json!({ "name": s.name, "file": s.file, "totals": totals_json(&s.totals) });
            if let (Some(checks), Some(map)) = (budgets.get(i).filter(|c| !c.is_empty()), entry.as_object_mut()) {
                map.insert("budgets".into(), super::extras::budgets_json(checks));
            }
            entry
        })
        .collect();
    let lines: Vec<Value> = rows
        .iter()
        .map(|r| {
            json!({
                "stage": r.stage.name(),
                "label": &*r.label,
                "per_video": r.per_video.iter().map(|v| exact_or_null(*v)).collect::<Vec<_>>(),
            })
        })
        .collect();
    pretty(&json!({ "scenarios": scenarios, "lines": lines }))
}

fn csv(sides: &[Side], rows: &[Row]) -> String {
    let mut header = vec!["section".to_owned(), "stage".to_owned(), "name".to_owned()];
    header.extend(sides.iter().map(|s| s.name.clone()));
    header.extend(sides.iter().skip(1).map(|s| format!("{} - {}", s.name, sides[0].name)));
    let mut out = csv_line(header);
    let text = |v: Option<rust_decimal::Decimal>| v.map(|v| v.normalize().to_string()).unwrap_or_default();
    for metric in shown_totals(sides) {
        let values: Vec<_> = sides.iter().map(|s| s.total(metric)).collect();
        let mut fields = vec!["total".to_owned(), String::new(), metric.to_owned()];
        fields.extend(values.iter().map(|v| text(*v)));
        if let Some(first) = sides.first() {
            fields.extend(sides.iter().skip(1).map(|s| text(s.delta(first, metric))));
        }
        out.push_str(&csv_line(fields));
    }
    for row in rows {
        let mut fields = vec!["line".to_owned(), row.stage.name().to_owned(), row.label.to_string()];
        fields.extend(row.per_video.iter().map(|v| text(*v)));
        fields.extend((1..row.per_video.len()).map(|i| text(row.delta(i))));
        out.push_str(&csv_line(fields));
    }
    out
}
