//! The picker, drawn over the dashboard: the filter, then the scenarios it keeps, the chosen one
//! highlighted and kept in view.

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use crate::tui::app::App;

/// Draws the picker in the middle of `area`.
pub fn render_picker(frame: &mut Frame, area: Rect, app: &App) {
    let Some(picker) = &app.shown.picker else {
        return;
    };
    let theme = &app.theme;
    let width = area.width.saturating_sub(8).min(72);
    let height = area.height.saturating_sub(6).min(22);
    let [column] = Layout::horizontal([Constraint::Length(width)])
        .flex(Flex::Center)
        .areas(area);
    let [popup] = Layout::vertical([Constraint::Length(height)])
        .flex(Flex::Center)
        .areas(column);
    let block = Block::bordered()
        .title(Span::styled(picker.title.as_str(), theme.panel_title))
        .title_bottom(Line::from(Span::styled(picker.keys.as_str(), theme.dim)))
        .border_style(theme.border);
    let inner = block.inner(popup);
    frame.render_widget(Clear, popup);
    frame.render_widget(block, popup);
    // The filter and a note take a row each; the rest lists, scrolled to keep the choice in view.
    let room = usize::from(inner.height).saturating_sub(1 + usize::from(picker.note.is_some()));
    let first = (picker.chosen + 1).saturating_sub(room.max(1));
    let mut lines = vec![Line::from(Span::styled(picker.filter.as_str(), theme.input))];
    lines.extend(picker.rows.iter().skip(first).take(room).map(|(name, chosen)| {
        if *chosen {
            Line::from(Span::styled(format!("▶ {name}"), theme.selected))
        } else {
            Line::from(Span::styled(format!("  {name}"), theme.value))
        }
    }));
    if let Some(note) = &picker.note {
        lines.push(Line::from(Span::styled(note.as_str(), theme.dim)));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}
