//! The four headline figures, in big digits when there is room, each with its change against the
//! baseline: green when cheaper, red when dearer.

use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::text;
use crate::tui::app::{App, Figure};
use crate::tui::digits;
use crate::tui::theme::Theme;
use crate::tui::view_model::FigureText;

/// Columns a cell adds around its figure: borders and a space each side.
const CELL_PADDING: usize = 4;

/// Whether the four figures fit across `width` columns in big digits.
pub fn fits_big(app: &App, width: u16) -> bool {
    let needed: usize = app.shown.figures.iter().map(|f| f.big_width + CELL_PADDING).sum();
    needed <= usize::from(width)
}

/// Draws the headline row.
pub fn render_headline(frame: &mut Frame, area: Rect, big: bool, app: &App) {
    let figures = app.figures.iter().zip(&app.shown.figures);
    let constraints = figures.clone().map(|(figure, shown)| {
        if big {
            // Wide enough for the label too when the figure is short (`n/a`).
            let width = shown.big_width.max(text::width(figure.label));
            Constraint::Fill(u16::try_from(width + CELL_PADDING).unwrap_or(1))
        } else {
            Constraint::Fill(1)
        }
    });
    let cells = Layout::horizontal(constraints).split(area);
    for (figure, cell) in figures.zip(cells.iter()) {
        render_figure(frame, *cell, figure, usize::from(big), &app.theme, app.theme.big);
    }
}

/// Draws one figure in a bordered cell: the label on top, what it is measured over and its
/// exact value below; the value in big digits at `scale` (plain text at 0). Shared with the
/// presentation view, which passes its own digit style.
pub fn render_figure(
    frame: &mut Frame,
    area: Rect,
    (figure, shown): (&Figure, &FigureText),
    scale: usize,
    theme: &Theme,
    digit_style: Style,
) {
    let inner_width = usize::from(area.width.saturating_sub(2));
    let label = if text::width(figure.label) + 2 <= inner_width {
        figure.label
    } else {
        figure.short
    };
    let mut block = Block::bordered()
        .border_style(theme.border)
        .title(Span::styled(format!(" {label} "), theme.panel_title));
    if let Some(exact) = &shown.exact {
        let note_width = text::width(&figure.note) + 2;
        if !figure.note.is_empty() && text::width(exact) + note_width + 2 <= inner_width {
            block = block.title_bottom(Line::from(Span::styled(format!(" {} ", figure.note), theme.dim)));
        }
        block = block.title_bottom(Line::from(Span::styled(exact.as_str(), theme.dim)).right_aligned());
    }
    let big = if scale > 0 {
        digits::render_scaled(&shown.shown, scale)
    } else {
        None
    };
    let mut lines: Vec<Line> = match big {
        Some(rows) => rows
            .into_iter()
            .map(|row| Line::from(Span::styled(row, digit_style)))
            .collect(),
        None => vec![Line::from(Span::styled(shown.shown.as_str(), theme.value))],
    };
    let (change, tone) = &shown.change;
    lines.push(Line::from(Span::styled(change.as_str(), theme.style(*tone))));
    let paragraph = Paragraph::new(lines).alignment(Alignment::Center).block(block);
    frame.render_widget(paragraph, area);
}
