//! The bill as a Markdown table with its totals.

use std::fmt::Write;

use crate::engine::{Bill, Params, Scenario};
use crate::format::{Currency, escape, rule, warning};

use super::{describe_params, group, line_cost, per_second, percent, quantity};

/// File text made safe for a table cell: control characters escaped, pipes too.
fn cell(text: &str) -> String {
    escape(text).replace('|', "\\|")
}

/// File text in a code span; a backtick inside would end it, so the span grows past any run.
fn code(text: &str) -> String {
    let text = cell(text);
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    let pad = if text.starts_with('`') || text.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{text}{pad}{fence}")
}

/// Renders the bill as Markdown.
pub fn render(scenario: &Scenario, params: &Params, bill: &Bill) -> String {
    let money = Currency::of(&bill.currency);
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
            "| {} | {} | {} | {} | {} | {} | {} | {} |",
            l.stage.name(),
            cell(&l.label),
            code(&l.model.id),
            money.price(crate::engine::money::round(l.unit_price, 6)),
            cell(&rule::line(l, &money)),
            quantity(l.quantity),
            line_cost(l, &money),
            percent(l.share)
        );
    }
    let t = &bill.totals;
    let _ = writeln!(out, "\n| Total | |\n|---|--:|");
    let _ = writeln!(out, "| Per video | {} |", money.fixed(t.per_video, 2));
    let _ = writeln!(
        out,
        "| Per generated second | {} |",
        per_second(t.per_generated_second, &money)
    );
    let _ = writeln!(
        out,
        "| Per finished second | {} |",
        per_second(t.per_finished_second, &money)
    );
    let _ = writeln!(
        out,
        "| Per month ({} videos) | {} |",
        group(params.videos_per_month),
        money.fixed(t.per_month, 2)
    );
    for (name, value, note) in super::sale_figures(bill, params) {
        let _ = writeln!(out, "| {name} {note} | {value} |");
    }
    if !bill.warnings.is_empty() {
        let _ = writeln!(out, "\n**Warnings**\n");
        for w in &bill.warnings {
            let _ = writeln!(out, "- {}", cell(&warning::diagnostic(w, &money).plain_headline()));
        }
    }
    out
}
