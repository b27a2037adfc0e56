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
    // A run within the text, so far below `usize::MAX`.
    let fence = "`".repeat(longest.saturating_add(1));
    let pad = if text.starts_with('`') || text.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{text}{pad}{fence}")
}

/// Renders the bill as Markdown.
pub fn render(scenario: &Scenario, params: &Params, bill: &Bill, extras: &super::Extras<'_>) -> String {
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
            percent(bill.share(l))
        );
    }
    let t = &bill.totals;
    // The band gets a column only when there is one, so a plain report keeps its shape.
    let row = |name: &str, value: String, metric: &str| match extras.band {
        Some(_) => format!("| {name} | {value} | {} |", cell(&extras.note(metric, &money))),
        None => format!("| {name} | {value} |"),
    };
    let head = if extras.band.is_some() {
        "| Total | | Band |\n|---|--:|---|"
    } else {
        "| Total | |\n|---|--:|"
    };
    let _ = writeln!(out, "\n{head}");
    let _ = writeln!(out, "{}", row("Per video", money.fixed(t.per_video, 2), "per_video"));
    let _ = writeln!(
        out,
        "{}",
        row("Per generated second", per_second(t.per_generated_second, &money), "")
    );
    let _ = writeln!(
        out,
        "{}",
        row(
            "Per finished second",
            per_second(t.per_finished_second, &money),
            "per_finished_second"
        )
    );
    let month = format!("Per month ({} videos)", group(params.videos_per_month));
    let _ = writeln!(out, "{}", row(&month, money.fixed(t.per_month, 2), "per_month"));
    for (name, value, note) in super::sale_figures(bill, params) {
        let _ = writeln!(out, "{}", row(&format!("{name} {note}"), value, ""));
    }
    if !extras.lines(&money).is_empty() {
        let _ = writeln!(out);
        for line in extras.lines(&money) {
            let _ = writeln!(out, "- {}", cell(&line));
        }
    }
    let _ = writeln!(out, "\n| Model | As of | Source |\n|---|---|---|");
    for (model, as_of, source) in super::price_sources(bill) {
        let _ = writeln!(out, "| {} | {} | {} |", code(&model), cell(&as_of), cell(&source));
    }
    if !bill.warnings.is_empty() {
        let _ = writeln!(out, "\n**Warnings**\n");
        for w in &bill.warnings {
            let _ = writeln!(out, "- {}", cell(&warning::diagnostic(w, &money).plain_headline()));
        }
    }
    out
}
