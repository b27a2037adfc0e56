//! Price cliffs the scenario sits just past, from the engine's analysis, and its warnings.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use super::text;
use crate::format::{escape, warning};
use crate::tui::app::App;

/// The panel's lines: each cliff with what it saves and why, then each warning.
fn lines(app: &App) -> Vec<Line<'static>> {
    let theme = &app.theme;
    let money = app.money();
    let mut lines: Vec<Line> = app
        .analysis
        .cliffs
        .iter()
        .map(|cliff| {
            let (change, reason) = warning::cliff(cliff, &money);
            Line::from(vec![
                Span::styled(change, theme.cheaper),
                Span::styled(format!("  ({})", escape(&reason)), theme.dim),
            ])
        })
        .collect();
    if lines.is_empty() {
        lines.push(Line::from(Span::styled(
            "No price cliff to step back under.",
            theme.dim,
        )));
    }
    for warning in &app.bill.warnings {
        lines.push(Line::from(Span::styled(
            format!("⚠ {}", escape(&warning::message(&warning.kind, &money))),
            theme.warning,
        )));
    }
    lines
}

/// Rows the panel's text takes when wrapped to `width` columns, borders aside.
pub fn line_count(app: &App, width: u16) -> usize {
    let inner = usize::from(width.saturating_sub(2)).max(1);
    lines(app).iter().map(|l| l.width().div_ceil(inner).max(1)).sum()
}

/// Draws the price cliffs and warnings.
pub fn render_notes(frame: &mut Frame, area: Rect, app: &App) {
    let theme = &app.theme;
    let title = match app.bill.warnings.len() {
        0 => " Price cliffs ".to_owned(),
        1 => " Price cliffs · 1 warning ".to_owned(),
        n => format!(" Price cliffs · {n} warnings "),
    };
    let block = Block::bordered().border_style(theme.border).title(Span::styled(
        text::fit(&title, usize::from(area.width.saturating_sub(2))),
        theme.panel_title,
    ));
    let paragraph = Paragraph::new(lines(app)).wrap(Wrap { trim: true }).block(block);
    frame.render_widget(paragraph, area);
}
