//! The compare view: every open scenario side by side, totals on top, lines under them, each
//! cost with its change against the first scenario.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::Span;
use ratatui::widgets::{Block, Cell, Paragraph, Row, Table};

use super::text;
use crate::tui::app::App;

/// Draws the compare view over the panels' area.
pub fn render_compare(frame: &mut Frame, area: Rect, app: &App) {
    let theme = &app.theme;
    let view = &app.shown.compare;
    let block = Block::bordered().border_style(theme.border).title(Span::styled(
        " Scenarios side by side · changes against the first ",
        theme.panel_title,
    ));
    if view.header.is_empty() {
        let note = "One scenario is open: give more on the command line, e.g. `reelcost a.toml b.toml`.";
        frame.render_widget(Paragraph::new(Span::styled(note, theme.dim)).block(block), area);
        return;
    }
    let columns = view.header.len();
    let inner = usize::from(area.width.saturating_sub(2));
    let first = view
        .totals
        .iter()
        .chain(&view.lines)
        .map(|r| r.first().map_or(0, |c| text::width(c)))
        .max()
        .unwrap_or(0)
        .min(inner / 3);
    let rest = (inner.saturating_sub(first + 1) / columns.saturating_sub(1).max(1)).saturating_sub(1);
    let widths: Vec<Constraint> = std::iter::once(first)
        .chain(std::iter::repeat_n(rest, columns - 1))
        .map(|w| Constraint::Length(u16::try_from(w).unwrap_or(u16::MAX)))
        .collect();
    let fit = |row: &[String], style| {
        let cells: Vec<Cell> = row
            .iter()
            .enumerate()
            .map(|(i, c)| Cell::from(text::fit(c, if i == 0 { first } else { rest })))
            .collect();
        Row::new(cells).style(style)
    };
    let mut rows: Vec<Row> = view.totals.iter().map(|r| fit(r, theme.value)).collect();
    rows.push(Row::new(vec![Cell::from("")]));
    rows.extend(view.lines.iter().map(|r| fit(r, ratatui::style::Style::new())));
    let table = Table::new(rows, widths)
        .header(fit(&view.header, theme.panel_title))
        .column_spacing(1)
        .block(block);
    frame.render_widget(table, area);
}
