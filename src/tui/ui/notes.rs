//! Price cliffs the scenario sits just past, from the engine's analysis, and its warnings.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use super::{line, text};
use crate::tui::app::App;

/// Draws the price cliffs and warnings.
pub fn render_notes(frame: &mut Frame, area: Rect, app: &App) {
    let theme = &app.theme;
    let notes = &app.shown.notes;
    let block = Block::bordered().border_style(theme.border).title(Span::styled(
        text::fit(&notes.title, usize::from(area.width.saturating_sub(2))),
        theme.panel_title,
    ));
    let lines: Vec<Line> = notes.lines.iter().map(|pieces| line(pieces, theme)).collect();
    let paragraph = Paragraph::new(lines).wrap(Wrap { trim: true }).block(block);
    frame.render_widget(paragraph, area);
}
