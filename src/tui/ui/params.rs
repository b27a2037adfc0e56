//! The parameters panel: one row per parameter, the selected one highlighted, values that differ
//! from the baseline marked with what they were.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::text;
use crate::tui::app::App;
use crate::tui::param::Param;

/// A label for a narrow panel.
fn short_label(param: Param) -> &'static str {
    match param {
        Param::VideosPerCharacter => "Videos/char",
        Param::VideosPerMonth => "Videos/month",
        Param::RerollRate => "Reroll",
        other => other.label(),
    }
}

/// Draws the parameters panel.
pub fn render_params(frame: &mut Frame, area: Rect, app: &App) {
    let theme = &app.theme;
    let view = &app.shown.params;
    let block = Block::bordered()
        .border_style(theme.border)
        .title(Span::styled(" Parameters ", theme.panel_title))
        .title_bottom(Line::from(Span::styled(view.hint.as_str(), theme.dim)).right_aligned());
    let inner = usize::from(area.width.saturating_sub(2));
    let wide = inner >= 42;
    let label_width = if wide { 20 } else { 12 };
    let mut lines: Vec<Line> = view
        .rows
        .iter()
        .map(|row| {
            let marker = if row.changed { "•" } else { " " };
            let label = if wide {
                row.param.label()
            } else {
                short_label(row.param)
            };
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
                let tone = if row.changed { theme.changed } else { theme.value };
                spans.push(Span::styled(value, tone));
                spans.push(Span::styled(extra, theme.dim));
            }
            // Pad to the panel's width so the selection bar spans it.
            let used: usize = spans.iter().map(Span::width).sum();
            spans.push(Span::raw(" ".repeat(inner.saturating_sub(used))));
            let line = Line::from(spans);
            if row.param == app.selected {
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
