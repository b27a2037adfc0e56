//! The breakdown: every line of the bill, largest first, with the rule that priced it and a bar
//! for its share. Lines that differ from the baseline show old → new. Columns that do not fit
//! are left out, least telling first. The cells come formatted from the view model; this only
//! fits them to the panel.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Paragraph, Row, Table};

use super::text;
use crate::tui::app::App;
use crate::tui::theme::Theme;
use crate::tui::view_model::{Breakdown, BreakdownRow, COLUMNS, Column, TOTAL};

/// The order columns are left out in when the panel is narrow.
const DROP_ORDER: [Column; 5] = [
    Column::Stage,
    Column::Quantity,
    Column::Model,
    Column::Price,
    Column::Rule,
];

/// Columns that may be cut short to make room keep at least this much.
const LEAST_CUT: usize = 12;

/// The narrowest share bar worth drawing, and the widest.
const MIN_BAR: usize = 5;
const MAX_BAR: usize = 24;

/// Columns cut short, in turn, to no less than a width each, until a bar fits: the model's id
/// first and the rule that fired last.
const CUT_PLAN: [(Column, usize); 6] = [
    (Column::Model, 16),
    (Column::Label, 18),
    (Column::Rule, 24),
    (Column::Model, 12),
    (Column::Label, 12),
    (Column::Rule, 12),
];

/// The least a column can take: text columns may be cut short.
fn least(column: Column, natural: usize) -> usize {
    if matches!(column, Column::Label | Column::Model | Column::Rule) {
        LEAST_CUT.min(natural)
    } else {
        natural
    }
}

/// Which columns to show and how wide, for a panel `available` columns wide: columns that do
/// not fit even cut short are left out in `DROP_ORDER`; then long text is cut by `CUT_PLAN`.
fn fit_columns(natural: &[usize; 8], available: usize) -> Vec<(Column, usize)> {
    let mut shown: Vec<Column> = COLUMNS.to_vec();
    for drop in DROP_ORDER {
        let needed: usize = shown.iter().map(|&c| least(c, natural[c.index()]) + 1).sum::<usize>() + MIN_BAR;
        if needed <= available {
            break;
        }
        shown.retain(|&c| c != drop);
    }
    let mut widths: Vec<(Column, usize)> = shown.iter().map(|&c| (c, natural[c.index()])).collect();
    for (column, floor) in CUT_PLAN {
        let used: usize = widths.iter().map(|(_, w)| w + 1).sum();
        let over = (used + MIN_BAR).saturating_sub(available);
        if over == 0 {
            break;
        }
        if let Some((_, w)) = widths.iter_mut().find(|(c, _)| *c == column) {
            *w -= over.min(w.saturating_sub(floor));
        }
    }
    widths
}

/// How the panel's rows are shared out: the largest lines, the reasons for what changed, the
/// other lines, the total, the header. In a small panel the least costly lines give way to
/// the reasons.
struct Budget {
    lines: usize,
    reasons: usize,
    total: bool,
    header: bool,
}

impl Budget {
    fn of(lines: usize, reasons: usize, height: usize) -> Self {
        let mut left = height;
        let mut take = |wanted: usize| {
            let n = wanted.min(left);
            left -= n;
            n
        };
        let first = take(lines.min(5));
        let reasons = take(reasons);
        let lines = first + take(lines - first);
        Self {
            lines,
            reasons,
            total: take(1) == 1,
            header: take(1) == 1,
        }
    }

    fn table_height(&self) -> usize {
        self.lines + usize::from(self.header) + usize::from(self.total)
    }
}

fn length(n: usize) -> Constraint {
    Constraint::Length(u16::try_from(n).unwrap_or(u16::MAX))
}

/// A line of the bill as a table row: its shown cells, fitted, and its share bar.
fn table_row<'a>(row: &'a BreakdownRow, widths: &[(Column, usize)], bar: usize, theme: &Theme) -> Row<'a> {
    let cells = widths.iter().map(|&(column, width)| {
        let (value, changed) = &row.cells[column.index()];
        let style = if row.flashed {
            theme.flash
        } else if *changed {
            theme.changed
        } else {
            Style::new()
        };
        Cell::from(Span::styled(text::fit(value, width), style))
    });
    let row_ = Row::new(cells.chain([Cell::from(Span::styled(text::bar(row.share, bar), theme.bar))]));
    if row.selected { row_.style(theme.selected) } else { row_ }
}

/// The total per video, under the per-video column.
fn total_row<'a>(breakdown: &'a Breakdown, widths: &[(Column, usize)], theme: &Theme) -> Row<'a> {
    let (total, changed) = &breakdown.total;
    Row::new(widths.iter().map(|&(column, width)| match column {
        Column::Label => Cell::from(Span::styled(text::fit(TOTAL, width), theme.value)),
        Column::PerVideo => Cell::from(Span::styled(
            text::fit(total, width),
            if *changed { theme.changed } else { theme.value },
        )),
        Column::Share => Cell::from("100.0%"),
        _ => Cell::from(""),
    }))
}

/// Draws the breakdown panel.
pub fn render_breakdown(frame: &mut Frame, area: Rect, app: &App) {
    let theme = &app.theme;
    let breakdown = &app.shown.breakdown;
    let inner = Block::bordered().inner(area);
    let widths = fit_columns(&breakdown.natural, usize::from(inner.width));
    let bar = usize::from(inner.width)
        .saturating_sub(widths.iter().map(|(_, w)| w + 1).sum::<usize>())
        .min(MAX_BAR);
    let why: Vec<String> = breakdown
        .reasons
        .iter()
        .flat_map(|r| text::wrap(r, usize::from(inner.width)))
        .collect();
    let lines = breakdown.lines;
    let budget = Budget::of(breakdown.rows.len(), why.len(), usize::from(inner.height));

    let title = if budget.lines < lines {
        format!("{}· {} of {lines} lines ", breakdown.title, budget.lines)
    } else {
        breakdown.title.clone()
    };
    let focused = app.focus == crate::tui::app::Focus::Breakdown;
    let block = Block::bordered()
        .border_style(if focused { theme.focus_border } else { theme.border })
        .title(Span::styled(title, theme.panel_title));
    frame.render_widget(block, area);

    let [table_area, why_area] = Layout::vertical([length(budget.table_height()), length(budget.reasons)]).areas(inner);
    let mut rows: Vec<Row> = breakdown
        .rows
        .iter()
        .take(budget.lines)
        .map(|row| table_row(row, &widths, bar, theme))
        .collect();
    if budget.total {
        rows.push(total_row(breakdown, &widths, theme));
    }
    let constraints = widths.iter().map(|&(_, w)| length(w)).chain([length(bar)]);
    let mut table = Table::new(rows, constraints).column_spacing(1);
    if budget.header {
        let header = widths
            .iter()
            .map(|(c, _)| Cell::from(c.header()))
            .chain([Cell::from("")]);
        table = table.header(Row::new(header).style(theme.dim));
    }
    frame.render_widget(table, table_area);
    let why: Vec<Line> = why
        .into_iter()
        .take(budget.reasons)
        .map(|row| Line::from(Span::styled(row, theme.changed)))
        .collect();
    frame.render_widget(Paragraph::new(why), why_area);
}
