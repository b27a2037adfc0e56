//! Presentation mode, for a projector: the whole screen for one page at a time, reached with
//! ←/→ (the headline figures as large as the screen allows, the share of the bill, the chart,
//! and the open scenarios side by side), no key footer, only a hint that fades after entering.
//! Whatever does not fit is cut with a marker: `…` in text, a count of the lines left out.

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::{chart, compare, headline, render_status, text};
use crate::tui::app::{App, Mode};
use crate::tui::digits::{self, Size};
use crate::tui::present::Page;
use crate::tui::view_model::Column;

fn length(n: usize) -> Constraint {
    Constraint::Length(u16::try_from(n).unwrap_or(u16::MAX))
}

/// Draws the presentation view: the page, the status line while there is something to say, and
/// the bottom row with the hint (while it shows) and the page marker.
pub fn render_presentation(frame: &mut Frame, area: Rect, app: &App) {
    let theme = &app.theme;
    frame.render_widget(Block::new().style(theme.present), area);
    // The status line shows only what answers the user (a message, a prompt): in presentation
    // the idle hint about the selected parameter would speak of keys that turn pages here.
    let speaking = app.mode != Mode::Normal || app.message.is_some();
    let status_height = match (speaking, app.shown.status_width > usize::from(area.width)) {
        (false, _) => 0,
        (true, false) => 1,
        (true, true) => 2,
    };
    let [title, stage, status, bottom] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(status_height),
        Constraint::Length(1),
    ])
    .areas(area);
    let name = crate::format::escape(&app.project.scenario.name).into_owned();
    let name = text::fit(&name, usize::from(title.width));
    frame.render_widget(
        Paragraph::new(Line::from(Span::styled(name, theme.present_big)).centered()),
        title,
    );
    match app.presentation.page {
        Page::Headline => render_figures(frame, stage, app),
        Page::Share => render_shares(frame, stage, app),
        Page::Chart => chart::render_chart(frame, stage, app),
        Page::Compare => render_side_by_side(frame, stage, app),
    }
    if speaking {
        render_status(frame, status, app);
    }
    render_bottom(frame, bottom, app);
}

/// The hint while it shows, at the left; the page marker at the right.
fn render_bottom(frame: &mut Frame, area: Rect, app: &App) {
    let theme = &app.theme;
    let shown = &app.shown.presentation;
    let marker_width = text::width(&shown.page);
    let [hint, marker] = Layout::horizontal([Constraint::Fill(1), length(marker_width)]).areas(area);
    if app.presentation.hint_shown() {
        let fitted = text::fit(&shown.hint, usize::from(hint.width));
        frame.render_widget(Paragraph::new(Span::styled(fitted, theme.key)), hint);
    }
    frame.render_widget(
        Paragraph::new(Span::styled(shown.page.as_str(), theme.dim)).right_aligned(),
        marker,
    );
}

/// How the headline page is laid out: the cost per video's size, and the other figures'.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Arrangement {
    hero: Option<Size>,
    others: Option<Size>,
}

/// Rows a figure's cell takes at a size: the digits (one row of plain text without), the change
/// under them and the borders.
fn cell_height(size: Option<Size>) -> usize {
    size.map_or(1, Size::height) + 3
}

/// The largest sizes that fit: the cost per video first, then the other three across one row.
fn arrange(app: &App, area: Rect, reserved: usize) -> Arrangement {
    let figures = &app.shown.figures;
    let fits = |shown: &str, size: Size, width: usize| digits::width_at(shown, size).is_some_and(|w| w + 4 <= width);
    let width = usize::from(area.width);
    let others_width = width / 3;
    let height = usize::from(area.height).saturating_sub(reserved);
    let hero_text = figures.first().map_or("", |f| f.shown.as_str());
    let others = || {
        digits::sizes()
            .rev()
            .filter(|size| figures.iter().skip(1).all(|f| fits(&f.shown, *size, others_width)))
            .map(Some)
            .chain([None])
    };
    let heroes = digits::sizes()
        .rev()
        .filter(|size| fits(hero_text, *size, width))
        .map(Some)
        .chain([None]);
    for hero in heroes {
        // The other figures are never drawn larger than the cost per video.
        let fitting = others()
            .filter(|o| o.map_or(0, Size::height) <= hero.map_or(0, Size::height))
            .find(|o| cell_height(hero) + cell_height(*o) <= height);
        if let Some(others) = fitting {
            return Arrangement { hero, others };
        }
    }
    Arrangement {
        hero: None,
        others: None,
    }
}

/// The headline page: the cost per video across the screen, the other figures under it, and
/// the Price & margin tile when the scenario sells its videos.
fn render_figures(frame: &mut Frame, area: Rect, app: &App) {
    let theme = &app.theme;
    let tile_height = app.shown.margin.as_ref().map_or(0, |m| m.lines.len() + 2);
    let arrangement = arrange(app, area, tile_height + 1);
    let (hero_height, others_height) = (cell_height(arrangement.hero), cell_height(arrangement.others));
    // The cells share out the rows the figures leave, two to the cost per video for one to the
    // others, so the page is filled rather than padded.
    let left = usize::from(area.height).saturating_sub(hero_height + others_height + tile_height + 1);
    let to_hero = left * 2 / 3;
    let [hero, _, others, tile] = Layout::vertical([
        length(hero_height + to_hero),
        length(1),
        length(others_height + left - to_hero),
        length(tile_height),
    ])
    .areas(area);
    let mut figures = app.figures.iter().zip(&app.shown.figures);
    if let Some(first) = figures.next() {
        headline::render_figure(frame, hero, first, arrangement.hero, theme, theme.present_big);
    }
    let cells = Layout::horizontal([Constraint::Fill(1); 3]).split(others);
    for (figure, cell) in figures.zip(cells.iter()) {
        headline::render_figure(frame, *cell, figure, arrangement.others, theme, theme.present_big);
    }
    if let Some(margin) = &app.shown.margin {
        let [tile] = Layout::horizontal([length(margin.width + 4)])
            .flex(Flex::Center)
            .areas(tile);
        headline::render_margin(frame, tile, margin, theme);
    }
}

/// The share of the bill, one bar per line, largest first, as tall as the screen allows; the
/// lines that do not fit are counted on the last row.
fn render_shares(frame: &mut Frame, area: Rect, app: &App) {
    let theme = &app.theme;
    let block = Block::new()
        .borders(Borders::TOP)
        .border_style(theme.present)
        .title(Span::styled(" Share of the bill ", theme.present_big));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let rows = &app.shown.breakdown.rows;
    let height = usize::from(inner.height);
    let (shown, left_out) = if rows.len() <= height {
        (rows.len(), 0)
    } else {
        let shown = height.saturating_sub(1);
        (shown, rows.len() - shown)
    };
    // Each line gets the same rows: a bar up to four rows thick and a blank row under it.
    let each = (height / shown.max(1)).clamp(1, 5);
    let thick = if each == 1 { 1 } else { each - 1 };
    let width = usize::from(inner.width);
    let (label, share, cost) = (Column::Label.index(), Column::Share.index(), Column::PerVideo.index());
    let label_width = rows
        .iter()
        .map(|r| text::width(&r.cells[label].0))
        .max()
        .unwrap_or(0)
        .min(width / 3);
    let cost_width = rows.iter().map(|r| text::width(&r.cells[cost].0)).max().unwrap_or(0);
    let bar_width = width.saturating_sub(label_width + cost_width + 11);
    // A short bill sits in the middle of the page.
    let used = shown * each + usize::from(left_out > 0);
    let mut lines: Vec<Line> = vec![Line::raw(""); height.saturating_sub(used) / 2];
    for row in rows.iter().take(shown) {
        let bar = format!("{:<bar_width$}", text::bar(row.share, bar_width));
        for i in 0..thick {
            let (name, figures) = if i == 0 {
                (
                    text::fit(&row.cells[label].0, label_width),
                    format!(" {:>6} {:>cost_width$}", row.cells[share].0, row.cells[cost].0),
                )
            } else {
                (String::new(), String::new())
            };
            lines.push(Line::from(vec![
                Span::styled(format!(" {name:<label_width$} "), theme.present_big),
                Span::styled(bar.clone(), theme.present.patch(theme.bar)),
                Span::styled(figures, theme.present_big),
            ]));
        }
        lines.extend((thick..each).map(|_| Line::raw("")));
    }
    if left_out > 0 {
        let more = if left_out == 1 { "line" } else { "lines" };
        lines.push(Line::from(Span::styled(
            format!(" … {left_out} more {more}: a taller screen shows them"),
            theme.dim,
        )));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

/// The open scenarios side by side: each one's cost per video as large as the width allows,
/// leaving at least half the page to the comparison's table under them.
fn render_side_by_side(frame: &mut Frame, area: Rect, app: &App) {
    let theme = &app.theme;
    let heroes = &app.shown.compare.heroes;
    if heroes.is_empty() {
        compare::render_compare(frame, area, app);
        return;
    }
    let width = usize::from(area.width) / heroes.len();
    let size = digits::sizes().rev().find(|size| {
        cell_height(Some(*size)) <= usize::from(area.height) / 2
            && heroes
                .iter()
                .all(|h| digits::width_at(&h.shown, *size).is_some_and(|w| w + 4 <= width))
    });
    let [top, table] = Layout::vertical([length(cell_height(size)), Constraint::Fill(1)]).areas(area);
    let cells = Layout::horizontal(heroes.iter().map(|_| Constraint::Fill(1))).split(top);
    for (hero, cell) in heroes.iter().zip(cells.iter()) {
        let inner = usize::from(cell.width.saturating_sub(4));
        let block = Block::bordered().border_style(theme.border).title(Span::styled(
            format!(" {} ", text::fit(&hero.name, inner)),
            theme.panel_title,
        ));
        let mut lines: Vec<Line> = match size.and_then(|size| digits::render_at(&hero.shown, size)) {
            Some(rows) => rows
                .into_iter()
                .map(|row| Line::from(Span::styled(row, theme.present_big)))
                .collect(),
            None => vec![Line::from(Span::styled(hero.shown.as_str(), theme.present_big))],
        };
        lines.push(Line::from(Span::styled(text::fit(&hero.change, inner), theme.dim)));
        frame.render_widget(Paragraph::new(lines).centered().block(block), *cell);
    }
    compare::render_compare(frame, table, app);
}
