//! The breakdown: every line of the bill, largest first, with the rule that priced it and a bar
//! for its share. Lines that differ from the baseline show old → new. Columns that do not fit
//! are left out, least telling first.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Paragraph, Row, Table};

use super::text;
use crate::engine::{Stage, money};
use crate::format::{escape, rule};
use crate::report;
use crate::tui::app::App;

/// A column of the breakdown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Stage,
    Label,
    Model,
    Price,
    Rule,
    Quantity,
    PerVideo,
    Share,
}

const COLUMNS: [Column; 8] = [
    Column::Stage,
    Column::Label,
    Column::Model,
    Column::Price,
    Column::Rule,
    Column::Quantity,
    Column::PerVideo,
    Column::Share,
];

/// The order columns are left out in when the panel is narrow.
const DROP_ORDER: [Column; 5] = [
    Column::Stage,
    Column::Quantity,
    Column::Model,
    Column::Price,
    Column::Rule,
];

impl Column {
    fn header(self) -> &'static str {
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

    /// Columns that may be cut short to make room, and the least they keep.
    fn shrinks_to(self) -> Option<usize> {
        matches!(self, Self::Label | Self::Model | Self::Rule).then_some(12)
    }
}

/// The total row's label; the label column makes room for it when it can.
const TOTAL: &str = "Total per video";

/// The narrowest share bar worth drawing, and the widest.
const MIN_BAR: usize = 5;
const MAX_BAR: usize = 24;

/// Which columns to show and how wide, for a panel `available` columns wide: columns that do
/// not fit even cut short are left out in `DROP_ORDER`; then long text is cut, the model's id
/// first and the rule that fired last, until a bar fits.
fn fit_columns(rows: &[Vec<(String, bool)>], total: &str, available: usize) -> Vec<(usize, usize)> {
    let natural: Vec<usize> = COLUMNS
        .iter()
        .enumerate()
        .map(|(c, column)| {
            let extra = match column {
                Column::Label => text::width(TOTAL),
                Column::PerVideo => text::width(total),
                Column::Share => text::width("100.0%"),
                _ => 0,
            };
            rows.iter()
                .map(|r| text::width(&r[c].0))
                .chain([text::width(column.header()), extra])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let least = |c: usize| COLUMNS[c].shrinks_to().map_or(natural[c], |m| m.min(natural[c]));
    let mut shown: Vec<usize> = (0..COLUMNS.len()).collect();
    for drop in DROP_ORDER {
        let needed: usize = shown.iter().map(|&c| least(c) + 1).sum::<usize>() + MIN_BAR;
        if needed <= available {
            break;
        }
        shown.retain(|&c| COLUMNS[c] != drop);
    }
    let mut widths: Vec<(usize, usize)> = shown.iter().map(|&c| (c, natural[c])).collect();
    let plan = [
        (Column::Model, 16),
        (Column::Label, 18),
        (Column::Rule, 24),
        (Column::Model, 12),
        (Column::Label, 12),
        (Column::Rule, 12),
    ];
    for (column, floor) in plan {
        let used: usize = widths.iter().map(|(_, w)| w + 1).sum();
        let over = (used + MIN_BAR).saturating_sub(available);
        if over == 0 {
            break;
        }
        if let Some((_, w)) = widths.iter_mut().find(|(c, _)| COLUMNS[*c] == column) {
            *w -= over.min(w.saturating_sub(floor));
        }
    }
    widths
}

/// Reasons shown under the table: one per line priced by another rule or model than in the baseline.
pub fn why_count(app: &App) -> usize {
    app.before.iter().flatten().filter(|b| b.repriced).count()
}

/// A stage's name, short enough for a narrow column.
fn stage_name(stage: Stage) -> &'static str {
    match stage {
        Stage::Character => "char",
        other => other.name(),
    }
}

/// `old → new` when the value changed, else the value.
fn changed(old: Option<String>, new: String) -> (String, bool) {
    match old {
        Some(old) if old != new => (format!("{old} → {new}"), true),
        _ => (new, false),
    }
}

/// Draws the breakdown panel.
pub fn render_breakdown(frame: &mut Frame, area: Rect, app: &App) {
    let theme = &app.theme;
    let inner = Block::bordered().inner(area);

    // The cells of each line, and which of them changed since the baseline.
    let money = app.money();
    let price = |d| money.price(money::round(d, 6));
    let rows: Vec<Vec<(String, bool)>> = app
        .order
        .iter()
        .filter_map(|&i| Some((app.bill.lines.get(i)?, app.before.get(i)?.as_ref())))
        .map(|(line, before)| {
            // A line the last reload repriced shows its price then and now, whatever the baseline.
            let flash = app.files.flash_for(line.step);
            COLUMNS
                .iter()
                .map(|column| match (column, flash) {
                    (Column::Price, Some(f)) => changed(Some(price(f.unit_price)), price(line.unit_price)),
                    (Column::PerVideo, Some(f)) => {
                        changed(Some(money.fixed(f.per_video, 4)), report::line_cost(line, &money))
                    }
                    _ => match column {
                        Column::Stage => (stage_name(line.stage).to_owned(), false),
                        Column::Label => (escape(&line.label).into_owned(), before.is_some()),
                        // The old model is in the reason under the table: ids are too long for old → new.
                        Column::Model => (
                            escape(&line.model.id).into_owned(),
                            before.is_some_and(|b| b.model != line.model.id),
                        ),
                        Column::Price => changed(before.map(|b| price(b.unit_price)), price(line.unit_price)),
                        Column::Rule => (
                            escape(&rule::line(line, &money)).into_owned(),
                            before.is_some_and(|b| b.repriced),
                        ),
                        Column::Quantity => changed(
                            before.map(|b| report::quantity(b.quantity)),
                            report::quantity(line.quantity),
                        ),
                        Column::PerVideo => changed(
                            before.map(|b| money.fixed(b.per_video, 4)),
                            report::line_cost(line, &money),
                        ),
                        Column::Share => (report::percent(line.share), false),
                    },
                })
                .collect()
        })
        .collect();
    let total = changed(
        Some(money.fixed(app.baseline.bill.totals.per_video, 4)),
        money.fixed(app.bill.totals.per_video, 4),
    );

    let widths = fit_columns(&rows, &total.0, usize::from(inner.width));
    let shown: Vec<usize> = widths.iter().map(|(c, _)| *c).collect();
    let widths: Vec<usize> = widths.iter().map(|(_, w)| *w).collect();
    let bar_width = usize::from(inner.width)
        .saturating_sub(widths.iter().sum::<usize>() + widths.len())
        .min(MAX_BAR);

    let header_row = Row::new(
        shown
            .iter()
            .map(|&c| Cell::from(COLUMNS[c].header()))
            .chain([Cell::from("")]),
    )
    .style(theme.dim);
    let table_rows = rows.iter().zip(&app.order).map(|(cells, &i)| {
        let share = app.bill.lines.get(i).and_then(|l| l.share).unwrap_or_default();
        let flashed = app
            .bill
            .lines
            .get(i)
            .is_some_and(|l| app.files.flash_for(l.step).is_some());
        Row::new(
            shown
                .iter()
                .zip(&widths)
                .map(|(&c, &w)| {
                    let (value, changed) = &cells[c];
                    let style = if flashed {
                        theme.flash
                    } else if *changed {
                        theme.changed
                    } else {
                        ratatui::style::Style::new()
                    };
                    Cell::from(Span::styled(text::fit(value, w), style))
                })
                .chain([Cell::from(Span::styled(text::bar(share, bar_width), theme.bar))]),
        )
    });
    let total_row = Row::new(shown.iter().zip(&widths).map(|(&c, &w)| match COLUMNS[c] {
        Column::Label => Cell::from(Span::styled(text::fit(TOTAL, w), theme.value)),
        Column::PerVideo => Cell::from(Span::styled(
            text::fit(&total.0, w),
            if total.1 { theme.changed } else { theme.value },
        )),
        Column::Share => Cell::from("100.0%"),
        _ => Cell::from(""),
    }));

    // Rows by priority: the largest lines, the reasons for what changed, the other lines, the
    // total, the header. In a small panel the least costly lines give way to the reasons.
    let why: Vec<String> = reasons(app)
        .iter()
        .flat_map(|r| text::wrap(r, usize::from(inner.width)))
        .collect();
    let lines = rows.len();
    let mut left = usize::from(inner.height);
    let mut take = |wanted: usize| {
        let n = wanted.min(left);
        left -= n;
        n
    };
    let first = take(lines.min(5));
    let why_rows = take(why.len());
    let shown_lines = first + take(lines - first);
    let with_total = take(1) == 1;
    let with_header = take(1) == 1;

    let title = if shown_lines < lines {
        format!(" Breakdown, largest first · {shown_lines} of {lines} lines ")
    } else {
        " Breakdown, largest first ".to_owned()
    };
    let block = Block::bordered()
        .border_style(theme.border)
        .title(Span::styled(title, theme.panel_title));
    frame.render_widget(block, area);

    let table_height = shown_lines + usize::from(with_header) + usize::from(with_total);
    let [table_area, why_area] = Layout::vertical([
        Constraint::Length(u16::try_from(table_height).unwrap_or(u16::MAX)),
        Constraint::Length(u16::try_from(why_rows).unwrap_or(u16::MAX)),
    ])
    .areas(inner);
    let constraints = widths
        .iter()
        .map(|&w| Constraint::Length(u16::try_from(w).unwrap_or(u16::MAX)))
        .chain([Constraint::Length(u16::try_from(bar_width).unwrap_or(0))]);
    let mut all_rows: Vec<Row> = table_rows.take(shown_lines).collect();
    if with_total {
        all_rows.push(total_row);
    }
    let mut table = Table::new(all_rows, constraints).column_spacing(1);
    if with_header {
        table = table.header(header_row);
    }
    frame.render_widget(table, table_area);
    let why: Vec<Line> = why
        .into_iter()
        .take(why_rows)
        .map(|row| Line::from(Span::styled(row, theme.changed)))
        .collect();
    frame.render_widget(Paragraph::new(why), why_area);
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
