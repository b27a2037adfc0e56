//! The models that could take the clip step (or the selected breakdown line's step), grouped by
//! provider, cheapest first, with what a video would cost with each; the one in use is marked,
//! and so is a price past its date. `m` and `M` step through them, `/` narrows them.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::text;
use crate::tui::app::App;
use crate::tui::view_model::{ModelRow, STALE_MARK};

/// The first row shown in a panel of this size: scrolled so the one in use is visible, with its
/// provider's heading over it when both fit.
pub fn first_shown(app: &App, panel: Rect) -> usize {
    let models = &app.shown.models;
    let rows = usize::from(panel.height.saturating_sub(2)).max(1);
    let at = models.current.unwrap_or(0);
    let centred = at.saturating_sub(rows / 2);
    // Only a heading less than a panel above can be shown with it: no further to look.
    let heading = (at.saturating_sub(rows)..=at)
        .rev()
        .find(|&r| models.row(r).is_some_and(|r| r.model().is_none()));
    let start = match heading {
        Some(h) if h < centred && at - h < rows => h,
        _ => centred,
    };
    start.min(models.count.saturating_sub(rows))
}

/// Draws the list of models.
pub fn render_models(frame: &mut Frame, area: Rect, app: &App) {
    let theme = &app.theme;
    let models = &app.shown.models;
    let focused = app.focus == crate::tui::app::Focus::Breakdown;
    let inner = usize::from(area.width.saturating_sub(2));
    // A title or hint longer than the border is cut with a mark, never silently.
    let mut block = Block::bordered()
        .border_style(if focused { theme.focus_border } else { theme.border })
        .title(Span::styled(text::fit(&models.title, inner), theme.panel_title));
    if !models.hint.is_empty() {
        block = block.title_bottom(Line::from(Span::styled(text::fit(&models.hint, inner), theme.dim)).right_aligned());
    }
    if models.rows.is_empty() {
        let note = text::fit(&models.empty, inner);
        frame.render_widget(Paragraph::new(Span::styled(note, theme.dim)).block(block), area);
        return;
    }
    let now = models.current;
    let first = first_shown(app, area);
    let lines: Vec<Line> = (first..models.count)
        // Only the rows that fit: a catalog can offer a hundred thousand models.
        .take(usize::from(area.height.saturating_sub(2)))
        .filter_map(|i| Some((i, models.row(i)?)))
        .map(|(i, row)| match row {
            ModelRow::Provider { name, count } => {
                let heading = text::fit(&format!("{name} · {count}"), inner);
                Line::from(Span::styled(heading, theme.panel_title))
            }
            ModelRow::Model { shown, cost, stale, .. } => {
                let in_use = Some(i) == now;
                let head = if in_use { "▶ " } else { "  " };
                let mark = if *stale { STALE_MARK } else { " " };
                let room = inner.saturating_sub(text::width(head) + text::width(cost) + text::width(mark) + 2);
                let id = text::fit(shown, room);
                let gap = " ".repeat(room.saturating_sub(text::width(&id)) + 1);
                let line = Line::from(vec![
                    Span::raw(head),
                    Span::raw(id),
                    Span::raw(gap),
                    Span::styled(mark, theme.warning),
                    Span::raw(" "),
                    // Costs from before the last change, until the models are priced again.
                    Span::styled(cost.as_str(), if models.behind { theme.dim } else { theme.value }),
                ]);
                if in_use { line.style(theme.selected) } else { line }
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines).block(block), area);
}
