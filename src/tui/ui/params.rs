//! The parameters panel: one row per parameter that matters to the scenario, the selected one
//! highlighted, values that differ from the baseline marked with what they were. When the rows
//! outnumber the panel's height, it scrolls to keep the selection in view.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::text;
use crate::tui::app::{App, Focus};

/// Rows of parameters the panel has room for, borders and the clip model row aside.
fn room(app: &App, area: Rect) -> usize {
    let clip = usize::from(app.shown.params.clip_model.is_some());
    usize::from(area.height.saturating_sub(2)).saturating_sub(clip).max(1)
}

/// The first parameter row shown in a panel of this size: the selection stays in view.
pub fn first_shown(app: &App, area: Rect) -> usize {
    let view = &app.shown.params;
    let room = room(app, area);
    let last_start = view.rows.len().saturating_sub(room);
    view.selected.saturating_sub(room.saturating_sub(1) / 2).min(last_start)
}

/// Draws the parameters panel.
pub fn render_params(frame: &mut Frame, area: Rect, app: &App) {
    let theme = &app.theme;
    let view = &app.shown.params;
    let focused = app.focus == Focus::Params;
    let first = first_shown(app, area);
    let room = room(app, area);
    let more = if view.rows.len() > room {
        format!(
            " Parameters {}-{} of {} ",
            first + 1,
            (first + room).min(view.rows.len()),
            view.rows.len()
        )
    } else {
        " Parameters ".to_owned()
    };
    let block = Block::bordered()
        .border_style(if focused { theme.focus_border } else { theme.border })
        .title(Span::styled(more, theme.panel_title))
        .title_bottom(Line::from(Span::styled(view.hint.as_str(), theme.dim)).right_aligned());
    let inner = usize::from(area.width.saturating_sub(2));
    let wide = inner >= 42;
    let label_width = if wide { 20 } else { 12 };
    let mut lines: Vec<Line> = view
        .rows
        .iter()
        .enumerate()
        .skip(first)
        .take(room)
        .map(|(i, row)| {
            let marker = if row.changed { "•" } else { " " };
            let label = text::fit(if wide { &row.label.0 } else { &row.label.1 }, label_width);
            let head = format!("{marker}{label:<label_width$} ");
            let room = inner.saturating_sub(text::width(&head));
            let mut spans = vec![Span::raw(head)];
            if row.editing {
                spans.push(Span::styled(text::fit(&row.value, room), theme.input));
            } else {
                let value = text::fit(&row.value, room);
                // The extra goes whole or not at all.
                let extra = if text::width(&value) + text::width(&row.extra) <= room {
                    row.extra.as_str()
                } else {
                    ""
                };
                let tone = if row.changed {
                    theme.changed
                } else if row.derived {
                    theme.dim
                } else {
                    theme.value
                };
                spans.push(Span::styled(value, tone));
                spans.push(Span::styled(extra, theme.dim));
            }
            // Pad to the panel's width so the selection bar spans it.
            let used: usize = spans.iter().map(Span::width).sum();
            spans.push(Span::raw(" ".repeat(inner.saturating_sub(used))));
            let line = Line::from(spans);
            if i == view.selected && focused {
                line.style(theme.selected)
            } else {
                line
            }
        })
        .collect();
    if let Some(model) = &view.clip_model {
        let (wide_label, narrow_label) = &view.clip_label;
        let head = format!(" {:<label_width$} ", if wide { wide_label } else { narrow_label });
        let room = inner.saturating_sub(text::width(&head));
        lines.push(Line::from(vec![
            Span::styled(head, theme.dim),
            Span::styled(text::fit(model, room), theme.value),
        ]));
    }
    frame.render_widget(Paragraph::new(lines).block(block), area);
}
