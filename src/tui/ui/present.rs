//! Presentation mode, for a projector: the headline figures as large as the screen allows and the
//! share of the bill as bars, high contrast, nothing else.

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::{headline, render_footer, render_status, text};
use crate::tui::app::App;
use crate::tui::digits;
use crate::tui::view_model::Column;

/// How the figures are laid out: the digit scale (0 for plain text) and figures per row.
fn arrangement(app: &App, area: Rect) -> (usize, usize) {
    let widest = |scale: usize| {
        app.shown
            .figures
            .iter()
            .map(|f| digits::width(&f.shown, scale).unwrap_or_else(|| text::width(&f.shown)))
            .max()
            .unwrap_or(0)
    };
    // The share bars want at least a few rows under the figures.
    let share_rows = app.bill.lines.len().min(4) + 1 + app.shown.margin.as_ref().map_or(0, |m| m.lines.len() + 2);
    for scale in [3, 2, 1] {
        for across in [4, 2] {
            let rows = 4 / across;
            let cell_width = usize::from(area.width) / across;
            let cell_height = digits::HEIGHT * scale + 3;
            let fits_across = widest(scale) + 4 <= cell_width;
            let fits_down = rows * cell_height + share_rows + 3 <= usize::from(area.height);
            if fits_across && fits_down {
                return (scale, across);
            }
        }
    }
    (0, 4)
}

fn length(n: usize) -> Constraint {
    Constraint::Length(u16::try_from(n).unwrap_or(u16::MAX))
}

/// Draws the presentation view.
pub fn render_presentation(frame: &mut Frame, area: Rect, app: &App) {
    let theme = &app.theme;
    frame.render_widget(Block::new().style(theme.present), area);
    let (scale, across) = arrangement(app, area);
    let cell_height = if scale == 0 { 4 } else { digits::HEIGHT * scale + 3 };
    let rows = 4 / across;
    let status_height = if app.shown.status_width > usize::from(area.width) {
        2
    } else {
        1
    };
    let [stage, status, footer] = Layout::vertical([
        Constraint::Fill(1),
        Constraint::Length(status_height),
        Constraint::Length(1),
    ])
    .areas(area);
    // Title, figures and bars sit together in the middle of the screen, a blank row apart when
    // there is room; the bars give way first.
    let tile_height = app.shown.margin.as_ref().map_or(0, |m| m.lines.len() + 2);
    let available = usize::from(stage.height).saturating_sub(tile_height);
    let fixed = 1 + rows * cell_height;
    let bars = app.bill.lines.len() + 1;
    let gap = usize::from(fixed + bars + 2 <= available);
    let bars = bars.min(available.saturating_sub(fixed + 2 * gap));
    let [title, _, figures, tile, _, shares] = Layout::vertical([
        Constraint::Length(1),
        length(gap),
        length(rows * cell_height),
        length(tile_height),
        length(gap),
        length(bars),
    ])
    .flex(Flex::Center)
    .areas(stage);
    frame.render_widget(
        Paragraph::new(
            Line::from(Span::styled(
                crate::format::escape(&app.project.scenario.name).into_owned(),
                theme.present_big,
            ))
            .centered(),
        ),
        title,
    );
    let row_areas = Layout::vertical(vec![length(cell_height); rows]).split(figures);
    let mut cells = row_areas.iter().flat_map(|row| {
        Layout::horizontal(vec![Constraint::Fill(1); across])
            .split(*row)
            .to_vec()
    });
    for (figure, shown) in app.figures.iter().zip(&app.shown.figures) {
        if let Some(cell) = cells.next() {
            headline::render_figure(frame, cell, (figure, shown), scale, theme, theme.present_big);
        }
    }
    if let Some(margin) = &app.shown.margin {
        let [tile] = Layout::horizontal([length(margin.width + 4)])
            .flex(Flex::Center)
            .areas(tile);
        headline::render_margin(frame, tile, margin, theme);
    }
    render_shares(frame, shares, app);
    render_status(frame, status, app);
    render_footer(frame, footer, app);
}

/// The share of the bill, one bar per line, largest first.
fn render_shares(frame: &mut Frame, area: Rect, app: &App) {
    let theme = &app.theme;
    let block = Block::new()
        .borders(Borders::TOP)
        .border_style(theme.present)
        .title(Span::styled(" Share of the bill ", theme.present_big));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = usize::from(inner.width);
    let rows = &app.shown.breakdown.rows;
    let (label, share) = (Column::Label.index(), Column::Share.index());
    let label_width = rows
        .iter()
        .map(|r| text::width(&r.cells[label].0))
        .max()
        .unwrap_or(0)
        .min(width / 3);
    let bar_width = width.saturating_sub(label_width + 10);
    let lines: Vec<Line> = rows
        .iter()
        .map(|row| {
            Line::from(vec![
                Span::styled(
                    format!(" {:<label_width$} ", text::fit(&row.cells[label].0, label_width)),
                    theme.present_big,
                ),
                Span::styled(
                    format!("{:<bar_width$}", text::bar(row.share, bar_width)),
                    theme.present.patch(theme.bar),
                ),
                Span::styled(format!(" {:>6}", row.cells[share].0), theme.present_big),
            ])
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}
