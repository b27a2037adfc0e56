//! The help overlay: every key binding, from the view model's text of the key table, in one
//! column when the screen is tall enough and two when it is not.

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use super::text;
use crate::tui::app::App;

/// The help's sections as lines: a heading and one line per binding, borrowed from the view model.
fn sections(app: &App) -> Vec<Vec<Line<'_>>> {
    let theme = &app.theme;
    app.shown
        .help
        .sections
        .iter()
        .map(|(heading, rows)| {
            let mut lines = vec![Line::from(Span::styled(*heading, theme.panel_title))];
            lines.extend(
                rows.iter()
                    .map(|(keys, what)| Line::from(vec![Span::styled(keys.as_str(), theme.key), Span::raw(*what)])),
            );
            lines
        })
        .collect()
}

/// Flows sections into columns of at most `rows` lines: a blank line between sections when
/// `spaced`, a section split over columns only when it is taller than a column.
fn pack<'a>(sections: &[Vec<Line<'a>>], rows: usize, spaced: bool) -> Vec<Vec<Line<'a>>> {
    let rows = rows.max(2);
    let mut columns: Vec<Vec<Line<'a>>> = vec![Vec::new()];
    for section in sections {
        let gap = usize::from(spaced && columns.last().is_some_and(|c| !c.is_empty()));
        let fits = columns.last().is_some_and(|c| c.len() + gap + section.len() <= rows);
        if !fits && columns.last().is_some_and(|c| !c.is_empty()) {
            columns.push(Vec::new());
        } else if gap == 1 {
            columns.last_mut().into_iter().for_each(|c| c.push(Line::raw("")));
        }
        for line in section {
            if columns.last().is_some_and(|c| c.len() >= rows) {
                columns.push(Vec::new());
            }
            columns.last_mut().into_iter().for_each(|c| c.push(line.clone()));
        }
    }
    columns
}

fn length(n: usize) -> Constraint {
    Constraint::Length(u16::try_from(n).unwrap_or(u16::MAX))
}

/// Draws the help over whatever is on screen.
pub fn render_help(frame: &mut Frame, area: Rect, app: &App) {
    let theme = &app.theme;
    let sections = sections(app);
    // Borders take two rows. Sections flow into as many columns as the height needs; when
    // that is more than two, the blank lines between sections go first.
    let rows = usize::from(area.height.saturating_sub(2));
    let mut columns = pack(&sections, rows, true);
    if columns.len() > 2 {
        columns = pack(&sections, rows, false);
    }
    // On a small screen the mouse's section (last) gives way before the keys need a third column.
    if columns.len() > 2 && sections.len() > 1 {
        columns = pack(&sections[..sections.len() - 1], rows, false);
    }
    // Columns that do not fit the width give way, and the bottom border names what they hold.
    // Each line starts with a space, which sets columns apart when there is no room for more.
    let fits = |columns: &[Vec<Line>]| {
        columns
            .iter()
            .map(|c| c.iter().map(Line::width).max().unwrap_or(0))
            .sum::<usize>()
            + 2
            <= usize::from(area.width)
    };
    let mut hidden: Vec<String> = Vec::new();
    while columns.len() > 1 && !fits(&columns) {
        if let Some(column) = columns.pop() {
            let lines: Vec<String> = column.iter().map(ToString::to_string).collect();
            for (heading, _) in &app.shown.help.sections {
                if lines.iter().any(|l| l == heading) {
                    hidden.insert(0, (*heading).to_owned());
                }
            }
        }
    }
    let widths: Vec<usize> = columns
        .iter()
        .map(|c| c.iter().map(Line::width).max().unwrap_or(0))
        .collect();
    let spaced = widths.iter().sum::<usize>() + 2 * widths.len() < usize::from(area.width);
    let gap = if spaced { 2 } else { 0 };
    let width = widths.iter().sum::<usize>() + gap * widths.len() + if spaced { 1 } else { 2 };
    let height = columns.iter().map(Vec::len).max().unwrap_or(0) + 2;
    let [popup] = Layout::horizontal([length(width)]).flex(Flex::Center).areas(area);
    let [popup] = Layout::vertical([length(height)]).flex(Flex::Center).areas(popup);
    let mut block = Block::bordered()
        .style(if theme.high_contrast {
            theme.present
        } else {
            ratatui::style::Style::new()
        })
        .border_style(theme.panel_title)
        .title(Span::styled(" Keys ", theme.panel_title))
        .title_bottom(Line::from(Span::styled(app.shown.help.closes.as_str(), theme.dim)).right_aligned());
    if !hidden.is_empty() {
        let more = format!(" +{}: a larger terminal shows them ", hidden.join(", "));
        block = block.title_bottom(Line::from(Span::styled(
            text::fit(&more, width.saturating_sub(24)),
            theme.dim,
        )));
    }
    frame.render_widget(Clear, popup);
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    let areas = Layout::horizontal(widths.iter().map(|&w| length(w + gap))).split(inner);
    for (lines, column) in columns.into_iter().zip(areas.iter()) {
        frame.render_widget(Paragraph::new(lines), *column);
    }
}
