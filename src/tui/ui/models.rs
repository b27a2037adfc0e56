//! The video models that could take the scenario's clip step, cheapest first, with what a video
//! would cost with each; the one in use is marked. `m` and `M` step through them.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::text;
use crate::tui::app::App;

/// The first alternative shown in a panel of this size: scrolled so the one in use is visible.
pub fn first_shown(app: &App, panel: Rect) -> usize {
    let rows = usize::from(panel.height.saturating_sub(2)).max(1);
    let at = app.shown.models.current.unwrap_or(0);
    let last_start = app.shown.models.rows.len().saturating_sub(rows);
    at.saturating_sub(rows / 2).min(last_start)
}

/// Draws the list of clip models.
pub fn render_models(frame: &mut Frame, area: Rect, app: &App) {
    let theme = &app.theme;
    let models = &app.shown.models;
    let focused = app.focus == crate::tui::app::Focus::Breakdown;
    let block = Block::bordered()
        .border_style(if focused { theme.focus_border } else { theme.border })
        .title(Span::styled(models.title.as_str(), theme.panel_title));
    if models.rows.is_empty() {
        let note = models.empty;
        frame.render_widget(Paragraph::new(Span::styled(note, theme.dim)).block(block), area);
        return;
    }
    let inner = usize::from(area.width.saturating_sub(2));
    let now = models.current;
    let lines: Vec<Line> = models
        .rows
        .iter()
        .enumerate()
        .skip(first_shown(app, area))
        // Only the rows that fit: a catalog can offer a hundred thousand models.
        .take(usize::from(area.height.saturating_sub(2)))
        .map(|(i, (id, cost))| {
            let in_use = Some(i) == now;
            let head = if in_use { "▶ " } else { "  " };
            let room = inner.saturating_sub(text::width(head) + text::width(cost) + 1);
            let id = text::fit(id, room);
            let gap = " ".repeat(room.saturating_sub(text::width(&id)) + 1);
            let line = Line::from(vec![
                Span::raw(head),
                Span::raw(id),
                Span::raw(gap),
                Span::styled(cost.as_str(), theme.value),
            ]);
            if in_use { line.style(theme.selected) } else { line }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines).block(block), area);
}
