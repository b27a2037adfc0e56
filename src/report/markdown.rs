//! The bill as a Markdown table with its totals.

use std::fmt::Write;

use crate::engine::{Bill, Params, Scenario, money};

use super::{describe_params, group, line_cost, per_second, percent, quantity};

fn cell(text: &str) -> String {
    text.replace('|', "\\|")
}

/// Renders the bill as Markdown.
pub fn render(scenario: &Scenario, params: &Params, bill: &Bill) -> String {
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
    let _ = writeln!(out, "\n| Total | |\n|---|--:|");
    let _ = writeln!(out, "| Per video | {} |", money::fixed(t.per_video, 2));
    let _ = writeln!(out, "| Per generated second | {} |", per_second(t.per_generated_second));
    let _ = writeln!(out, "| Per finished second | {} |", per_second(t.per_finished_second));
    let _ = writeln!(
        out,
        "| Per month ({} videos) | {} |",
        group(params.videos_per_month),
        money::fixed(t.per_month, 2)
    );
    for (name, value, note) in super::sale_figures(bill, params) {
        let _ = writeln!(out, "| {name} {note} | {value} |");
    }
    if !bill.warnings.is_empty() {
        let _ = writeln!(out, "\n**Warnings**\n");
        for w in &bill.warnings {
            let _ = writeln!(out, "- {}", cell(&w.headline()));
        }
    }
    out
}
