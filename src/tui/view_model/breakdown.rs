//! The breakdown's cells, formatted once per change: every line of the bill largest first, its
//! values against the baseline's as `old → new`, the reasons for lines priced by another rule,
//! and each column's natural width for the panel to fit.

use rust_decimal::Decimal;

use super::format;
use crate::engine::Stage;
use crate::format::{escape, rule};
use crate::report;
use crate::tui::Action;
use crate::tui::app::{App, Focus};
use crate::tui::keys::{self, Context};
use crate::tui::ui::text;

/// The total row's label; the label column makes room for it when it can.
pub const TOTAL: &str = "Total per video";

/// The most lines formatted, largest first: more than any terminal has rows, far fewer than a
/// generated scenario can have steps.
pub const MAX_ROWS: usize = 512;

/// A column of the breakdown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    /// The stage of the pipeline.
    Stage,
    /// The line's own label.
    Label,
    /// The model that prices it.
    Model,
    /// What one call costs.
    Price,
    /// The price rule that fired.
    Rule,
    /// Calls per video.
    Quantity,
    /// What it adds to a video.
    PerVideo,
    /// Its share of the bill.
    Share,
}

/// Every column, left to right.
pub const COLUMNS: [Column; 8] = [
    Column::Stage,
    Column::Label,
    Column::Model,
    Column::Price,
    Column::Rule,
    Column::Quantity,
    Column::PerVideo,
    Column::Share,
];

impl Column {
    /// Its heading.
    pub fn header(self) -> &'static str {
        match self {
            Self::Stage => "Stage",
            Self::Label => "Line",
            Self::Model => "Model",
            Self::Price => "Price",
            Self::Rule => "Rule that fired",
            Self::Quantity => "Qty",
            Self::PerVideo => "Per video",
            Self::Share => "Share",
        }
    }

    /// Its position among [`COLUMNS`].
    pub fn index(self) -> usize {
        COLUMNS.iter().position(|&c| c == self).unwrap_or(0)
    }
}

/// A cell's text and whether it changed since the baseline.
pub type Cell = (String, bool);

/// One line of the bill as the breakdown shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BreakdownRow {
    /// A cell per column of [`COLUMNS`].
    pub cells: [Cell; 8],
    /// Its share of the bill, for the bar.
    pub share: Decimal,
    /// Whether the last reload repriced it.
    pub flashed: bool,
    /// Whether it is the selected line of a focused breakdown.
    pub selected: bool,
}

/// The breakdown panel's content.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Breakdown {
    /// The largest lines, largest first, at most [`MAX_ROWS`] of them.
    pub rows: Vec<BreakdownRow>,
    /// How many lines the bill has.
    pub lines: usize,
    /// The total per video, against the baseline's.
    pub total: Cell,
    /// Why each line priced by another rule or model costs what it does now.
    pub reasons: Vec<String>,
    /// Each column's widest cell, heading and total included.
    pub natural: [usize; 8],
    /// The panel's title.
    pub title: String,
}

impl Breakdown {
    /// The breakdown of the app's bill against its baseline.
    pub fn of(app: &App) -> Self {
        let rows: Vec<BreakdownRow> = app.order.iter().take(MAX_ROWS).filter_map(|&i| row(app, i)).collect();
        let money = app.money();
        let total = changed(
            Some(money.fixed(app.baseline.bill.totals.per_video, 4)),
            money.fixed(app.bill.totals.per_video, 4),
        );
        let natural = COLUMNS.map(|column| {
            let extra = match column {
                Column::Label => text::width(TOTAL),
                Column::PerVideo => text::width(&total.0),
                Column::Share => text::width("100.0%"),
                _ => 0,
            };
            rows.iter()
                .map(|r| text::width(&r.cells[column.index()].0))
                .chain([text::width(column.header()), extra])
                .max()
                .unwrap_or(0)
        });
        Self {
            rows,
            lines: app.order.len(),
            total,
            reasons: reasons(app),
            natural,
            title: if app.focus == Focus::Breakdown {
                let key = |a: Action| keys::key_name(Context::Normal, &a);
                format!(
                    " Breakdown · {}{} select a line · {}{} swap its model ",
                    key(Action::SelectPrevious),
                    key(Action::SelectNext),
                    key(Action::Step(-1)),
                    key(Action::Step(1))
                )
            } else {
                " Breakdown, largest first ".to_owned()
            },
        }
    }
}

/// The cells of the bill's line `i`, and which of them changed since the baseline.
fn row(app: &App, i: usize) -> Option<BreakdownRow> {
    let line = app.bill.lines.get(i)?;
    let before = app.before.get(i)?.as_ref();
    // A line the last reload repriced shows its price then and now, whatever the baseline.
    let flash = app.files.flash_for(line.step);
    let money = app.money();
    let exact = |value| format::exact(value, &money);
    let cost = |value| money.fixed(value, 4);
    // A price past its date is marked where the line is named, on the clock the app was given.
    let stale = match app.freshness.and_then(|f| f.check(&line.model, line.pricing())) {
        Some(_) => format!("{} ", super::STALE_MARK),
        None => String::new(),
    };
    let cell = |column: Column| match (column, flash) {
        (Column::Price, Some(f)) => changed(Some(exact(f.unit_price)), exact(line.unit_price)),
        (Column::PerVideo, Some(f)) => changed(Some(cost(f.per_video)), report::line_cost(line, &money)),
        (Column::Stage, _) => (stage_name(line.stage).to_owned(), false),
        (Column::Label, _) => (format!("{stale}{}", escape(&line.label)), before.is_some()),
        // The old model is in the reason under the table: ids are too long for old → new.
        (Column::Model, _) => (
            escape(&line.model.id).into_owned(),
            before.is_some_and(|b| b.model != line.model.id),
        ),
        (Column::Price, None) => changed(before.map(|b| exact(b.unit_price)), exact(line.unit_price)),
        (Column::Rule, _) => (
            escape(&rule::line(line, &money)).into_owned(),
            before.is_some_and(|b| b.repriced),
        ),
        (Column::Quantity, _) => changed(
            before.map(|b| report::quantity(b.quantity)),
            report::quantity(line.quantity),
        ),
        (Column::PerVideo, None) => changed(before.map(|b| cost(b.per_video)), report::line_cost(line, &money)),
        (Column::Share, _) => (report::percent(app.bill.share(line)), false),
    };
    Some(BreakdownRow {
        cells: COLUMNS.map(cell),
        share: app.bill.share(line).unwrap_or_default(),
        flashed: flash.is_some(),
        selected: app.focus == Focus::Breakdown && app.line == line.step,
    })
}

/// A stage's name, short enough for a narrow column.
fn stage_name(stage: Stage) -> &'static str {
    match stage {
        Stage::Character => "char",
        other => other.name(),
    }
}

/// `old → new` when the value changed, else the value.
fn changed(old: Option<String>, new: String) -> Cell {
    match old {
        Some(old) if old != new => (format!("{old} → {new}"), true),
        _ => (new, false),
    }
}

/// Why each repriced line costs what it does now: the rule (and model) then and now.
fn reasons(app: &App) -> Vec<String> {
    let money = app.money();
    app.order
        .iter()
        .filter_map(|&i| Some((app.bill.lines.get(i)?, app.before.get(i)?.as_ref()?)))
        .filter(|(_, before)| before.repriced)
        .map(|(line, before)| {
            let (was_model, now_model) = if before.model == line.model.id {
                (String::new(), String::new())
            } else {
                (format!("{}: ", before.model), format!("{}: ", line.model.id))
            };
            let reason = format!(
                "↳ {} was {was_model}{}; now {now_model}{}",
                line.label,
                before.rule,
                rule::line(line, &money)
            );
            escape(&reason).into_owned()
        })
        .collect()
}
