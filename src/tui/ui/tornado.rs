//! The tornado: a row per input, a bar each side of today's cost per video reaching as far as the
//! input's low and high ends move it, largest first.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::text;
use crate::tui::app::App;

/// Draws the tornado in the chart's place.
pub fn render_tornado(frame: &mut Frame, area: Rect, app: &App) {
    let theme = &app.theme;
    let tornado = &app.shown.tornado;
    let title = if text::width(&tornado.title) + 2 <= usize::from(area.width) {
        tornado.title.as_str()
    } else {
        " Sensitivity "
    };
    let block = Block::bordered()
        .border_style(theme.border)
        .title(Span::styled(title, theme.panel_title));
    if tornado.rows.is_empty() {
        let note = Span::styled("No input moves the cost per video.", theme.dim);
        frame.render_widget(Paragraph::new(note).block(block), area);
        return;
    }
    let inner = usize::from(area.width.saturating_sub(2));
    let name_width = (inner / 3).min(30);
    let cost_width = 8;
    let half = inner.saturating_sub(name_width + 2 * cost_width + 5) / 2;
    let bar = |share: f64| {
        // A share of the half-width, in whole cells; the truncation is the drawing's rounding.
        #[allow(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            clippy::cast_precision_loss
        )]
        let cells = (share * half as f64).round() as usize;
        cells.min(half)
    };
    let lines: Vec<Line> = tornado
        .rows
        .iter()
        .take(usize::from(area.height.saturating_sub(2)))
        .map(|row| {
            let (left, right) = (bar(row.reach.0), bar(row.reach.1));
            Line::from(vec![
                Span::styled(
                    format!("{:<name_width$} ", text::fit(&row.name, name_width)),
                    theme.value,
                ),
                Span::styled(format!("{:>cost_width$} ", row.costs.0), theme.cheaper),
                Span::raw(" ".repeat(half - left)),
                Span::styled("█".repeat(left), theme.cheaper),
                Span::styled("│", theme.dim),
                Span::styled("█".repeat(right), theme.dearer),
                Span::raw(" ".repeat(half - right)),
                Span::styled(format!(" {:<cost_width$}", row.costs.1), theme.dearer),
            ])
        })
        .collect();
    frame.render_widget(Paragraph::new(lines).block(block), area);
}
