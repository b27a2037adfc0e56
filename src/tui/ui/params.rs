//! The parameters panel: one row per parameter, the selected one highlighted, values that differ
//! from the baseline marked with what they were.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::text;
use crate::format::escape;
use crate::tui::app::{App, Mode};
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
    let block = Block::bordered()
        .border_style(theme.border)
        .title(Span::styled(" Parameters ", theme.panel_title))
        .title_bottom(Line::from(Span::styled(" ↑↓ select · ←→ change · Enter type ", theme.dim)).right_aligned());
    let inner = usize::from(area.width.saturating_sub(2));
    let wide = inner >= 42;
    let label_width = if wide { 20 } else { 12 };
    let mut lines: Vec<Line> = Param::ALL
        .iter()
        .enumerate()
        .map(|(i, &param)| {
            let selected = param == app.selected;
            let was = app.was.get(i).and_then(Option::as_ref);
            let marker = if was.is_some() { "•" } else { " " };
            let label = if wide { param.label() } else { short_label(param) };
            let head = format!("{marker}{label:<label_width$} ");
            let room = inner.saturating_sub(text::width(&head));
            let value_style = if was.is_some() { theme.changed } else { theme.value };
            let mut spans = vec![Span::raw(head)];
            match &app.mode {
                Mode::Editing(input) if input.param == param => {
                    spans.push(Span::styled(text::fit(&format!("{}▏", input.text), room), theme.input));
                }
                _ => {
                    let value = param.shown(&app.params);
                    let extra = match (was, param) {
                        (Some(then), _) => format!("  was {then}"),
                        (None, Param::Resolution) if app.analysis.resolutions.len() > 1 => {
                            let offered: Vec<&str> = app.analysis.resolutions.iter().map(|r| &**r).collect();
                            format!("  of {}", offered.join(" "))
                        }
                        _ => String::new(),
                    };
                    let (value, extra) = (escape(&value), escape(&extra).into_owned());
                    let value = text::fit(&value, room);
                    // The extra goes whole or not at all.
                    let extra = if text::width(&value) + text::width(&extra) <= room {
                        extra
                    } else {
                        String::new()
                    };
                    spans.push(Span::styled(value, value_style));
                    spans.push(Span::styled(extra, theme.dim));
                }
            }
            // Pad to the panel's width so the selection bar spans it.
            let used: usize = spans.iter().map(Span::width).sum();
            spans.push(Span::raw(" ".repeat(inner.saturating_sub(used))));
            let line = Line::from(spans);
            if selected { line.style(theme.selected) } else { line }
        })
        .collect();
    if let Some(model) = &app.analysis.clip_model {
        let head = format!(" {:<label_width$} ", if wide { "Clip model (m)" } else { "Clip (m)" });
        let room = inner.saturating_sub(text::width(&head));
        lines.push(Line::from(vec![
            Span::styled(head, theme.dim),
            Span::styled(text::fit(&escape(&model.id), room), theme.value),
        ]));
    }
    frame.render_widget(Paragraph::new(lines).block(block), area);
}
