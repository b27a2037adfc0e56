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
use crate::tui::view_model::{FigureText, MarginTile};

/// Columns a cell adds around its figure: borders and a space each side.
const CELL_PADDING: usize = 4;

/// Whether the four figures fit across `width` columns in big digits, beside the margin tile.
pub fn fits_big(app: &App, width: u16) -> bool {
    let needed: usize = app.shown.figures.iter().map(|f| f.big_width + CELL_PADDING).sum();
    needed + margin_width(app) <= usize::from(width)
}

/// Columns the Price & margin tile takes, borders included; 0 without a sale.
fn margin_width(app: &App) -> usize {
    app.shown.margin.as_ref().map_or(0, |m| m.width.min(44) + CELL_PADDING)
}

/// Draws the headline row, and the Price & margin tile at its right when there is a sale.
pub fn render_headline(frame: &mut Frame, area: Rect, big: bool, app: &App) {
    let tile = u16::try_from(margin_width(app)).unwrap_or(0).min(area.width / 3);
    let [area, margin] = Layout::horizontal([Constraint::Fill(1), Constraint::Length(tile)]).areas(area);
    if let Some(tile) = &app.shown.margin {
        render_margin(frame, margin, tile, &app.theme);
    }
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
        render_figure(
            frame,
            *cell,
            figure,
            big.then_some(digits::Size::SMALL),
            &app.theme,
            app.theme.big,
        );
    }
}

/// Draws one figure in a bordered cell: the label on top, what it is measured over and its
/// exact value below; the value in big digits at `size` (plain text at `None`). Shared with the
/// presentation view, which passes its own digit style.
pub fn render_figure(
    frame: &mut Frame,
    area: Rect,
    (figure, shown): (&Figure, &FigureText),
    size: Option<digits::Size>,
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
    // The border holds what the figure is measured over; the screen shows figures at their
    // display precision only (exact values are in JSON and CSV).
    let band_width = shown.band.as_ref().map_or(0, |b| text::width(b) + 2);
    if let Some(band) = &shown.band
        && band_width + 2 <= inner_width
    {
        block = block.title_bottom(Line::from(Span::styled(format!(" {band} "), theme.marker)));
    }
    if !figure.note.is_empty() && text::width(&figure.note) + 4 + band_width <= inner_width {
        block = block.title_bottom(Line::from(Span::styled(format!(" {} ", figure.note), theme.dim)).right_aligned());
    }
    let big = size.and_then(|size| digits::render_at(&shown.shown, size));
    let mut lines: Vec<Line> = match big {
        Some(rows) => rows
            .into_iter()
            .map(|row| Line::from(Span::styled(row, digit_style)))
            .collect(),
        None => vec![Line::from(Span::styled(shown.shown.as_str(), theme.value))],
    };
    let (change, tone) = &shown.change;
    lines.push(Line::from(Span::styled(change.as_str(), theme.style(*tone))));
    // A cell taller than its figure (presentation mode's) holds it in the middle.
    let room = usize::from(area.height.saturating_sub(2));
    let above = room.saturating_sub(lines.len()) / 2;
    lines.splice(0..0, std::iter::repeat_n(Line::raw(""), above));
    let paragraph = Paragraph::new(lines).alignment(Alignment::Center).block(block);
    frame.render_widget(paragraph, area);
}

/// Draws the Price & margin tile: the margin coloured against the target, then what sets it.
pub fn render_margin(frame: &mut Frame, area: Rect, tile: &MarginTile, theme: &Theme) {
    let block = Block::bordered()
        .border_style(theme.border)
        .title(Span::styled(tile.title.as_str(), theme.panel_title));
    let room = usize::from(area.width.saturating_sub(2));
    let lines: Vec<Line> = tile
        .lines
        .iter()
        .map(|pieces| {
            let mut left = room;
            Line::from(
                pieces
                    .iter()
                    .map(|(t, tone)| {
                        let shown = text::fit(t, left);
                        left = left.saturating_sub(text::width(&shown));
                        Span::styled(shown, theme.style(*tone))
                    })
                    .collect::<Vec<_>>(),
            )
        })
        .collect();
    frame.render_widget(Paragraph::new(lines).alignment(Alignment::Center).block(block), area);
}
