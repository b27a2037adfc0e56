//! Drawing the dashboard. Every `render_*` reads the [`App`] and its view model and draws one
//! panel; nothing here computes a figure or formats one. [`layout`] places the panels, and is
//! shared with mouse handling.

mod breakdown;
mod chart;
mod compare;
mod headline;
pub mod help;
pub mod models;
mod notes;
pub mod params;
mod present;
mod scenario_picker;
pub(crate) mod text;
mod tornado;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::action::Action;
use super::app::{App, Mode, View};
use super::keys;
use super::theme::Theme;
use super::view_model::Piece;

/// The smallest terminal the dashboard draws in.
pub const MIN_WIDTH: u16 = 80;
/// The smallest terminal the dashboard draws in.
pub const MIN_HEIGHT: u16 = 24;

/// Where each panel of the dashboard goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Panels {
    /// The title bar.
    pub title: Rect,
    /// What is wrong with the files on disk, when something is; empty otherwise.
    pub banner: Rect,
    /// The four headline figures.
    pub headline: Rect,
    /// Whether the headline has room for big digits.
    pub big: bool,
    /// The parameters.
    pub params: Rect,
    /// The bill, line by line.
    pub breakdown: Rect,
    /// Cost against videos per character.
    pub chart: Rect,
    /// Price cliffs and the engine's warnings.
    pub notes: Rect,
    /// The video models that could take the clip step.
    pub models: Rect,
    /// Feedback on the last action, or the input.
    pub status: Rect,
    /// The main keys.
    pub footer: Rect,
}

/// Places the panels on a screen, or `None` when it is smaller than the dashboard needs.
pub fn layout(area: Rect, app: &App) -> Option<Panels> {
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        return None;
    }
    let wide = area.width >= 120 && area.height >= 35;
    let big = headline::fits_big(app, area.width) && area.height >= if wide { 38 } else { 30 };
    let headline_height = if big { 6 } else { 4 };
    // A long message (a refusal and its reason) gets a second row rather than being cut.
    let status_height = if app.shown.status_width > usize::from(area.width) {
        2
    } else {
        1
    } + budget_rows(app, area.width);
    let banner_height = match &app.files.error {
        Some(error) => 2 + u16::from(error.snippet.is_some()),
        None => 0,
    };
    let [title, banner, headline, body, status, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(banner_height),
        Constraint::Length(headline_height),
        Constraint::Fill(1),
        Constraint::Length(status_height),
        Constraint::Length(1),
    ])
    .areas(area);
    let lines = u16::try_from(app.bill.lines.len()).unwrap_or(u16::MAX);
    let why = u16::try_from(app.shown.breakdown.reasons.len()).unwrap_or(0);
    // Header, lines, total, the reasons for changed rules, and borders.
    let breakdown_full = lines.saturating_add(why).saturating_add(4);
    let [params, breakdown, chart, notes, models] = if wide {
        wide_body(body, breakdown_full, app)
    } else {
        narrow_body(body, breakdown_full, app)
    };
    Some(Panels {
        title,
        banner,
        headline,
        big,
        params,
        breakdown,
        chart,
        notes,
        models,
        status,
        footer,
    })
}

/// Rows the parameters panel takes, borders and the clip model row included.
fn params_height(app: &App) -> u16 {
    u16::try_from(app.shown.params.rows.len()).unwrap_or(8).clamp(4, 14) + 3
}

/// The body of a wide screen: parameters and chart side by side, the whole breakdown under
/// them when it fits, then notes and clip models. The list of clip models grows a little; the
/// parameters and the chart take the rest.
fn wide_body(body: Rect, breakdown_full: u16, app: &App) -> [Rect; 5] {
    let bottom_least = 6;
    // The whole bill comes before the parameters, which scroll: at least eight rows of them.
    let middle_least = params_height(app).min(body.height.saturating_sub(bottom_least + breakdown_full).max(8));
    let breakdown_height = breakdown_full.min(body.height.saturating_sub(middle_least + bottom_least));
    let models = u16::try_from(app.shown.models.count).unwrap_or(u16::MAX);
    let bottom_height = models
        .saturating_add(2)
        .clamp(bottom_least, 10)
        .min(body.height.saturating_sub(breakdown_height + middle_least));
    let [middle, breakdown, bottom] = Layout::vertical([
        Constraint::Fill(1),
        Constraint::Length(breakdown_height),
        Constraint::Length(bottom_height),
    ])
    .areas(body);
    let [params, chart] = Layout::horizontal([Constraint::Length(52), Constraint::Fill(1)]).areas(middle);
    let [notes, models] = Layout::horizontal([Constraint::Fill(1), Constraint::Fill(1)]).areas(bottom);
    [params, breakdown, chart, notes, models]
}

/// The body of a narrow screen: parameters beside the breakdown, the chart beside the notes
/// over the clip models.
fn narrow_body(body: Rect, breakdown_full: u16, app: &App) -> [Rect; 5] {
    let [middle, bottom] = Layout::vertical([
        Constraint::Length(breakdown_full.max(params_height(app))),
        Constraint::Min(6),
    ])
    .areas(body);
    let [params, breakdown] = Layout::horizontal([Constraint::Length(37), Constraint::Fill(1)]).areas(middle);
    let [chart, right] = Layout::horizontal([Constraint::Percentage(45), Constraint::Fill(1)]).areas(bottom);
    // While a filter is typed, the list it narrows takes the notes' rows.
    let notes_height = if app.mode == Mode::Filtering {
        0
    } else {
        u16::try_from(app.shown.notes.rows(right.width))
            .unwrap_or(0)
            .saturating_add(2)
    };
    let [notes, models] = Layout::vertical([
        Constraint::Length(notes_height.min(right.height / 2)),
        Constraint::Fill(1),
    ])
    .areas(right);
    [params, breakdown, chart, notes, models]
}

/// The row inside a bordered panel that a position falls on, counting from 0.
pub fn row_at(panel: Rect, at: Position) -> Option<usize> {
    let inner = Rect::new(
        panel.x.saturating_add(1),
        panel.y.saturating_add(1),
        panel.width.saturating_sub(2),
        panel.height.saturating_sub(2),
    );
    inner.contains(at).then(|| usize::from(at.y - inner.y))
}

/// Draws the whole screen.
pub fn render(frame: &mut Frame, app: &App) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        render_too_small(frame, area, app);
        return;
    }
    // The high-contrast theme paints the whole screen, not only what is drawn on it.
    if app.theme.high_contrast {
        frame.render_widget(ratatui::widgets::Block::new().style(app.theme.present), area);
    }
    if app.view == View::Presentation {
        present::render_presentation(frame, area, app);
    } else if let Some(panels) = layout(area, app) {
        render_title(frame, panels.title, app);
        render_banner(frame, panels.banner, app);
        headline::render_headline(frame, panels.headline, panels.big, app);
        if app.view == View::Compare {
            let body = panels
                .params
                .union(panels.breakdown)
                .union(panels.chart)
                .union(panels.notes)
                .union(panels.models);
            compare::render_compare(frame, body, app);
            render_status(frame, panels.status, app);
            render_footer(frame, panels.footer, app);
            if app.mode == Mode::Help {
                help::render_help(frame, area, app);
            }
            scenario_picker::render_picker(frame, area, app);
            return;
        }
        params::render_params(frame, panels.params, app);
        breakdown::render_breakdown(frame, panels.breakdown, app);
        if app.tornado_shown {
            tornado::render_tornado(frame, panels.chart, app);
        } else {
            chart::render_chart(frame, panels.chart, app);
        }
        notes::render_notes(frame, panels.notes, app);
        models::render_models(frame, panels.models, app);
        render_status(frame, panels.status, app);
        render_footer(frame, panels.footer, app);
    }
    if app.mode == Mode::Help {
        help::render_help(frame, area, app);
    }
    scenario_picker::render_picker(frame, area, app);
}

fn render_too_small(frame: &mut Frame, area: Rect, app: &App) {
    let text = format!(
        "reelcost needs a terminal of at least {MIN_WIDTH}x{MIN_HEIGHT}; this one is {}x{}. Enlarge it, or press {} to quit.",
        area.width,
        area.height,
        keys::key_name(keys::Context::Normal, &Action::Quit)
    );
    let paragraph = Paragraph::new(text).style(app.theme.value).wrap(Wrap { trim: true });
    frame.render_widget(paragraph, area);
}

/// Pieces of text drawn in their tones, borrowed from the view model.
pub(super) fn line<'a>(pieces: &'a [Piece], theme: &Theme) -> Line<'a> {
    Line::from(
        pieces
            .iter()
            .map(|(text, tone)| Span::styled(text.as_str(), theme.style(*tone)))
            .collect::<Vec<_>>(),
    )
}

fn render_title(frame: &mut Frame, area: Rect, app: &App) {
    let (left, right) = &app.shown.title;
    let gap = usize::from(area.width).saturating_sub(text::width(left) + text::width(right));
    let line = if gap > 0 {
        Line::from(vec![
            Span::raw(left.as_str()),
            Span::raw(" ".repeat(gap)),
            Span::raw(right.as_str()),
        ])
    } else {
        Line::from(text::fit(left, usize::from(area.width)))
    };
    frame.render_widget(Paragraph::new(line).style(app.theme.title), area);
}

/// What is wrong with the files on disk: the first problem's place and message, and its line.
fn render_banner(frame: &mut Frame, area: Rect, app: &App) {
    let lines: Vec<Line> = app
        .shown
        .banner
        .iter()
        .map(|piece| line(std::slice::from_ref(piece), &app.theme))
        .collect();
    frame.render_widget(Paragraph::new(lines), area);
}

/// Rows the budgets take under the status line: none when they fit at its right, or there are
/// none.
fn budget_rows(app: &App, width: u16) -> u16 {
    let status = app.shown.status_width;
    let width = usize::from(width).max(1);
    let (_, budgets) = app.shown.budgets.fitting(width, status);
    if budgets == 0 || status + budgets <= width {
        0
    } else {
        u16::try_from(budgets.div_ceil(width)).unwrap_or(1).min(2)
    }
}

/// The status line: the input being typed, a message, or what the selected row's keys do; and
/// the budgets, pass or fail, at its right or on rows of their own.
pub(super) fn render_status(frame: &mut Frame, area: Rect, app: &App) {
    let status = line(&app.shown.status, &app.theme);
    let below = budget_rows(app, area.width);
    let (pieces, width) = app
        .shown
        .budgets
        .fitting(usize::from(area.width), app.shown.status_width);
    let budgets = Paragraph::new(line(pieces, &app.theme))
        .alignment(ratatui::layout::Alignment::Right)
        .wrap(Wrap { trim: true });
    let (status_area, budgets_area) = if below > 0 {
        let [top, bottom] = Layout::vertical([Constraint::Fill(1), Constraint::Length(below)]).areas(area);
        (top, bottom)
    } else {
        let width = u16::try_from(width).unwrap_or(area.width);
        let [left, right] = Layout::horizontal([Constraint::Fill(1), Constraint::Length(width)]).areas(area);
        (left, right)
    };
    frame.render_widget(Paragraph::new(status).wrap(Wrap { trim: false }), status_area);
    frame.render_widget(budgets, budgets_area);
}

/// Footer hints in the order they give way on a narrow screen; the help lists them all.
const FOOTER_DROPPED_FIRST: [&str; 17] = [
    "open", "filter", "scenario", "compare", "seek", "export", "tornado", "chart", "focus", "present", "reset", "pin",
    "undo", "model", "type", "save", "change",
];

/// The footer's key hints for the current mode, from the binding table, spaced out when they fit.
pub(super) fn render_footer(frame: &mut Frame, area: Rect, app: &App) {
    let mut entries: Vec<&(String, &str)> = app.shown.footer.iter().collect();
    let room = usize::from(area.width).saturating_sub(1);
    let needed = |entries: &[&(String, &str)]| {
        entries
            .iter()
            .map(|(k, w)| text::width(k) + text::width(w) + 2)
            .sum::<usize>()
    };
    // Where there is no room for every hint, the least needed go first; help and quit stay.
    for word in FOOTER_DROPPED_FIRST {
        if needed(&entries) <= room {
            break;
        }
        entries.retain(|(_, w)| *w != word);
    }
    let wide: usize = entries.iter().map(|(k, w)| text::width(k) + text::width(w) + 3).sum();
    let gap = if wide < usize::from(area.width) { "  " } else { " " };
    let mut spans = vec![Span::raw(" ")];
    for (keys, word) in entries {
        spans.push(Span::styled(keys.as_str(), app.theme.key));
        spans.push(Span::styled(format!(" {word}{gap}"), app.theme.dim));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}
