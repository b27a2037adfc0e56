//! The bill as a Markdown table with its totals.

use std::fmt::Write;

use crate::engine::{Bill, Params, Scenario, money};

use super::{describe_params, group, line_cost, per_second, percent, quantity};

fn cell(text: &str) -> String {
    text.replace('|', "\\|")
}

/// Renders the bill as Markdown.
pub fn render(scenario: &Scenario, params: &Params, bill: &Bill, extras: &super::Extras<'_>) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "## {}\n\n{}\n",
        cell(&scenario.name),
        describe_params(params, bill)
    );
    let _ = writeln!(
        out,
        "| Stage | Line | Model | Unit price | Rule | Qty | Per video | Share |"
    );
    let _ = writeln!(out, "|---|---|---|--:|---|--:|--:|--:|");
    for l in &bill.lines {
        let _ = writeln!(
            out,
            "| {} | {} | `{}` | {} | {} | {} | {} | {} |",
            l.stage.name(),
            cell(&l.label),
            l.model.id,
            money::price(money::round(l.unit_price, 6)),
            cell(&l.rule().to_string()),
            quantity(l.quantity),
            line_cost(l),
            percent(l.share)
        );
    }
    let t = &bill.totals;
    // The band gets a column only when there is one, so a plain report keeps its shape.
    let row = |name: &str, value: String, metric: &str| match extras.band {
        Some(_) => format!("| {name} | {value} | {} |", cell(&extras.note(metric))),
        None => format!("| {name} | {value} |"),
    };
    let head = if extras.band.is_some() {
        "| Total | | Band |\n|---|--:|---|"
    } else {
        "| Total | |\n|---|--:|"
    };
    let _ = writeln!(out, "\n{head}");
    let _ = writeln!(out, "{}", row("Per video", money::fixed(t.per_video, 2), "per_video"));
    let _ = writeln!(
        out,
        "{}",
        row("Per generated second", per_second(t.per_generated_second), "")
    );
    let _ = writeln!(
        out,
        "{}",
        row(
            "Per finished second",
            per_second(t.per_finished_second),
            "per_finished_second"
        )
    );
    let month = format!("Per month ({} videos)", group(params.videos_per_month));
    let _ = writeln!(out, "{}", row(&month, money::fixed(t.per_month, 2), "per_month"));
    for (name, value, note) in super::sale_figures(bill, params) {
        let _ = writeln!(out, "{}", row(&format!("{name} {note}"), value, ""));
    }
    if !extras.lines().is_empty() {
        let _ = writeln!(out);
        for line in extras.lines() {
            let _ = writeln!(out, "- {}", cell(&line));
        }
    }
    if !bill.warnings.is_empty() {
        let _ = writeln!(out, "\n**Warnings**\n");
        for w in &bill.warnings {
            let _ = writeln!(out, "- {}", cell(&w.headline()));
        }
    }
    out
}
