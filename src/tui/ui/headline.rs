//! The four headline figures, in big digits when there is room, each with its change against the
//! baseline: green when cheaper, red when dearer.

use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::text;
use crate::format::Currency;
use crate::tui::app::{App, Figure};
use crate::tui::digits;
use crate::tui::theme::Theme;

/// Columns a cell adds around its figure: borders and a space each side.
const CELL_PADDING: usize = 4;

/// Columns a figure's value takes in big digits, or in plain text when the font lacks it.
fn big_width(figure: &Figure, money: &Currency) -> usize {
    let shown = text::figure(figure.value, figure.places, money);
    digits::width(&shown, 1).unwrap_or_else(|| text::width(&shown))
}

/// Whether the four figures fit across `width` columns in big digits.
pub fn fits_big(app: &App, width: u16) -> bool {
    let money = app.money();
    let needed: usize = app.figures.iter().map(|f| big_width(f, &money) + CELL_PADDING).sum();
    needed <= usize::from(width)
}

/// Draws the headline row.
pub fn render_headline(frame: &mut Frame, area: Rect, big: bool, app: &App) {
    let money = app.money();
    let constraints = app.figures.iter().map(|f| {
        if big {
            // Wide enough for the label too when the figure is short (`n/a`).
            let width = big_width(f, &money).max(text::width(f.label));
            Constraint::Fill(u16::try_from(width + CELL_PADDING).unwrap_or(1))
        } else {
            Constraint::Fill(1)
        }
    });
    let cells = Layout::horizontal(constraints).split(area);
    for (figure, cell) in app.figures.iter().zip(cells.iter()) {
        let style = (&app.theme, app.theme.big);
        render_figure(frame, *cell, figure, usize::from(big), style, &money);
    }
}

/// Draws one figure in a bordered cell: the label on top, what it is measured over and its
/// exact value below; the value in big digits at `scale` (plain text at 0). Shared with the
/// presentation view, which passes its own digit style.
pub fn render_figure(
    frame: &mut Frame,
    area: Rect,
    figure: &Figure,
    scale: usize,
    (theme, digit_style): (&Theme, Style),
    money: &Currency,
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
    if let Some(value) = figure.value {
        let exact = format!(" {} ", text::exact(value, money));
        let note = format!(" {} ", figure.note);
        if !figure.note.is_empty() && text::width(&exact) + text::width(&note) + 2 <= inner_width {
            block = block.title_bottom(Line::from(Span::styled(note, theme.dim)));
        }
        block = block.title_bottom(Line::from(Span::styled(exact, theme.dim)).right_aligned());
    }
    let shown = text::figure(figure.value, figure.places, money);
    let big = if scale > 0 {
        digits::render_scaled(&shown, scale)
    } else {
        None
    };
    let mut lines: Vec<Line> = match big {
        Some(rows) => rows
            .into_iter()
            .map(|row| Line::from(Span::styled(row, digit_style)))
            .collect(),
        None => vec![Line::from(Span::styled(shown, theme.value))],
    };
    lines.push(delta_line(figure, theme, money));
    let paragraph = Paragraph::new(lines).alignment(Alignment::Center).block(block);
    frame.render_widget(paragraph, area);
}

/// The change against the baseline, coloured by which way it goes.
pub fn delta_line(figure: &Figure, theme: &Theme, money: &Currency) -> Line<'static> {
    match &figure.delta {
        Some(delta) => {
            let shown = text::delta(delta, figure.places, money);
            let style = if shown == "no change" {
                theme.dim
            } else {
                theme.change(delta.amount.cmp(&rust_decimal::Decimal::ZERO))
            };
            Line::from(Span::styled(shown, style))
        }
        None => Line::from(Span::styled(figure.note.clone(), theme.dim)),
    }
}
