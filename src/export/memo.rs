//! A one-page Markdown memo that pastes into GitHub or Notion: the scenario and its parameters,
//! the headline figures, price and margin, the breakdown, the warnings, the sources with each
//! price's as_of, and the charts as links to the SVG files written beside it.

use std::fmt::Write;

use rust_decimal::Decimal;

use super::Subject;
use super::chart::{Chart, money_label};
use super::params::{Value, parameters};
use crate::engine::params::MODEL_SUFFIX;
use crate::report::{percent, quantity};

/// The memo's file name in its directory.
pub const FILE: &str = "memo.md";

/// Text from a file for a Markdown table cell: control characters dropped, pipes escaped.
fn cell(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_control())
        .collect::<String>()
        .replace('|', "\\|")
}

/// Renders the memo; `charts` are the files written beside it, linked by name.
pub fn render(subject: &Subject<'_>, charts: &[Chart]) -> String {
    let mut out = String::new();
    let scenario = subject.scenario;
    let _ = writeln!(out, "# {}\n", cell(&scenario.name));
    if let Some(description) = &scenario.description {
        let _ = writeln!(out, "{}\n", cell(description));
    }
    params(&mut out, subject);
    headline(&mut out, subject);
    sale(&mut out, subject);
    breakdown(&mut out, subject);
    budgets(&mut out, subject);
    warnings(&mut out, subject);
    sources(&mut out, subject);
    if !charts.is_empty() {
        let _ = writeln!(out, "## Charts\n");
        for chart in charts {
            let _ = writeln!(out, "![{}]({})\n", cell(&chart.title), chart.file);
        }
    }
    out
}

fn money(subject: &Subject<'_>, value: Decimal, places: u32) -> String {
    money_label(value, &subject.bill.currency, places)
}

fn headline(out: &mut String, subject: &Subject<'_>) {
    let t = &subject.bill.totals;
    let _ = writeln!(out, "## Headline\n\n| Figure | Value |\n|---|--:|");
    let per_video = money(subject, t.per_video, super::chart::places(t.per_video));
    let _ = writeln!(out, "| **Per video** | **{per_video}** |");
    let seconds = |value: Option<Decimal>, of: Decimal| {
        value.map_or_else(
            || "n/a (no video)".to_owned(),
            |v| format!("{} ({} s)", money(subject, v, 4), quantity(of)),
        )
    };
    let _ = writeln!(
        out,
        "| Per generated second | {} |",
        seconds(t.per_generated_second, t.generated_seconds)
    );
    let _ = writeln!(
        out,
        "| Per finished second | {} |",
        seconds(t.per_finished_second, t.finished_seconds)
    );
    let _ = writeln!(
        out,
        "| Per month ({} videos) | {} |\n",
        crate::report::group(subject.params.videos_per_month),
        money(subject, t.per_month, 2)
    );
}

fn sale(out: &mut String, subject: &Subject<'_>) {
    let Some(sale) = &subject.bill.totals.sale else {
        return;
    };
    let _ = writeln!(out, "## Price and margin\n\n| Figure | Value |\n|---|--:|");
    let how = sale.credits.map_or_else(String::new, |(credits, each)| {
        let pack = sale
            .pack
            .as_deref()
            .map_or_else(String::new, |p| format!(", pack {}", cell(p)));
        format!(
            " ({} credits at {}{pack})",
            credits.normalize(),
            money(subject, each, 2)
        )
    });
    let _ = writeln!(out, "| Price per video{how} | {} |", money(subject, sale.price, 2));
    if sale.paid_share != Decimal::ONE {
        let _ = writeln!(out, "| Videos paid for | {} |", percent(Some(sale.paid_share)));
        let _ = writeln!(
            out,
            "| Revenue per video made | {} |",
            money(subject, sale.revenue_per_video, 4)
        );
    }
    let _ = writeln!(
        out,
        "| Margin per video | {} |",
        money(subject, sale.margin_per_video, 4)
    );
    let _ = writeln!(out, "| Margin share | {} |", percent(sale.margin_share));
    if let Some(target) = sale.target_margin {
        let verdict = match sale.margin_share {
            Some(share) if share < target => " (below it)",
            Some(_) => " (met)",
            None => "",
        };
        let _ = writeln!(out, "| Target margin | {}{verdict} |", percent(Some(target)));
    }
    if let Some(price) = sale.break_even_price {
        let what = if sale.target_margin.is_some() {
            "Price that meets the target"
        } else {
            "Break-even price"
        };
        let _ = writeln!(out, "| {what} | {} |", money(subject, price, 4));
    }
    let _ = writeln!(
        out,
        "| Revenue per month | {} |",
        money(subject, sale.revenue_per_month, 2)
    );
    let _ = writeln!(
        out,
        "| Profit per month | {} |\n",
        money(subject, sale.profit_per_month, 2)
    );
}

fn breakdown(out: &mut String, subject: &Subject<'_>) {
    let _ = writeln!(
        out,
        "## Breakdown\n\n| Line | Stage | Model | Rule | Calls/video | Per video | Share |\n|---|---|---|---|--:|--:|--:|"
    );
    for line in subject.bill.largest_first() {
        let _ = writeln!(
            out,
            "| {} | {} | `{}` | {} | {} | {} | {} |",
            cell(&line.label),
            line.stage.name(),
            cell(&line.model.id),
            cell(&crate::format::rule::line(
                line,
                &crate::format::Currency::of(&subject.bill.currency)
            )),
            quantity(line.quantity),
            money(subject, line.per_video, 4),
            percent(subject.bill.share(line))
        );
    }
    out.push('\n');
}

fn params(out: &mut String, subject: &Subject<'_>) {
    let summary = crate::report::describe_params(subject.params, subject.bill);
    let _ = writeln!(
        out,
        "## Parameters\n\n{}\n\n| Parameter | Value |\n|---|--:|",
        cell(&summary)
    );
    // Each step's model shows in the breakdown; the table keeps the parameters a reader tunes.
    for p in parameters(subject)
        .into_iter()
        .filter(|p| !p.name.ends_with(MODEL_SUFFIX))
    {
        let value = match p.value {
            Value::Number(n) => n.normalize().to_string(),
            Value::Text(t) => cell(&t),
            Value::Bool(true) => "on".to_owned(),
            Value::Bool(false) => "off".to_owned(),
            Value::Blank => "not set".to_owned(),
            Value::Derived { value, expression } => format!("{} (= {})", value.normalize(), cell(&expression)),
        };
        let _ = writeln!(out, "| `{}` | {value} |", p.name);
    }
    out.push('\n');
}

/// A total for display by what it measures: seconds, a share, or money.
fn figure(subject: &Subject<'_>, metric: &str, value: Decimal) -> String {
    match metric {
        "generated_seconds" | "finished_seconds" => format!("{} s", quantity(value)),
        "margin_share" => percent(Some(value)),
        _ => money(subject, value, 4),
    }
}

fn budgets(out: &mut String, subject: &Subject<'_>) {
    if subject.scenario.budgets.is_empty() {
        return;
    }
    let _ = writeln!(out, "## Budgets\n\n| Budget | Value | Headroom | |\n|---|--:|--:|---|");
    match crate::engine::whatif::check_budgets(&subject.scenario.budgets, &subject.bill.totals) {
        Ok(checks) => {
            for check in checks {
                let _ = writeln!(
                    out,
                    "| `{}` | {} | {} | {} |",
                    cell(&check.budget.describe()),
                    figure(subject, check.budget.metric, check.value),
                    figure(subject, check.budget.metric, check.headroom),
                    if check.passed { "within" } else { "**over**" }
                );
            }
        }
        Err(e) => {
            let _ = writeln!(out, "| {} | | | cannot be checked |", cell(&e.message));
        }
    }
    out.push('\n');
}

fn warnings(out: &mut String, subject: &Subject<'_>) {
    if subject.bill.warnings.is_empty() {
        return;
    }
    let _ = writeln!(out, "## Warnings\n");
    for w in &subject.bill.warnings {
        let currency = crate::format::Currency::of(&subject.bill.currency);
        let _ = writeln!(out, "- {}", cell(&crate::format::warning::message(&w.kind, &currency)));
    }
    out.push('\n');
}

fn sources(out: &mut String, subject: &Subject<'_>) {
    let _ = writeln!(
        out,
        "## Sources\n\n| Model | Pricing | Source | As of |\n|---|---|---|---|"
    );
    for (model, quote) in super::pricings_in_use(subject.bill) {
        let pricing = quote.and_then(|q| model.quotes.get(q)).unwrap_or(&model.pricing);
        let _ = writeln!(
            out,
            "| `{}` | {} | {} | {} |",
            cell(&model.id),
            pricing.name.as_deref().map_or("catalog".to_owned(), cell),
            pricing
                .provenance
                .source
                .as_deref()
                .map_or("not given".to_owned(), cell),
            pricing
                .provenance
                .as_of
                .as_ref()
                .map_or("not given".to_owned(), |d| cell(&d.to_string())),
        );
    }
    out.push('\n');
}
