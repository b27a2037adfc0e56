//! The help overlay: every key binding, from the view model's text of the key table, in as many
//! columns as the screen's height needs and its width allows; on a screen too small for all of
//! them, it scrolls.

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

/// The help laid out on a screen: its columns, whole, and how many of their lines show at once.
struct Laid<'a> {
    columns: Vec<Vec<Line<'a>>>,
    /// Lines shown at once.
    rows: usize,
    /// Lines of the tallest column.
    content: usize,
}

/// Lays the help out in `area`: sections flow into as many columns as the height needs, the blank
/// lines between them going first when that is more than two. When the columns are too wide for
/// the screen, there are fewer and taller ones, and the help scrolls.
fn lay_out<'a>(app: &'a App, area: Rect) -> Laid<'a> {
    let sections = sections(app);
    // Borders take two rows.
    let rows = usize::from(area.height.saturating_sub(2)).max(2);
    let mut columns = pack(&sections, rows, true);
    if columns.len() > 2 {
        columns = pack(&sections, rows, false);
    }
    // Each line starts with a space, which sets columns apart when there is no room for more.
    let fits = |columns: &[Vec<Line>]| {
        columns
            .iter()
            .map(|c| c.iter().map(Line::width).max().unwrap_or(0))
            .sum::<usize>()
            + 2
            <= usize::from(area.width)
    };
    let mut tall = rows;
    while columns.len() > 1 && !fits(&columns) {
        tall += 1;
        columns = pack(&sections, tall, false);
    }
    let content = columns.iter().map(Vec::len).max().unwrap_or(0);
    Laid {
        columns,
        rows: rows.min(content),
        content,
    }
}

/// The furthest the help scrolls on a screen of this size: the first line of its last screenful.
pub fn most_scroll(app: &App, screen: Rect) -> u16 {
    let laid = lay_out(app, screen);
    u16::try_from(laid.content.saturating_sub(laid.rows)).unwrap_or(u16::MAX)
}

/// Draws the help over whatever is on screen.
pub fn render_help(frame: &mut Frame, area: Rect, app: &App) {
    let theme = &app.theme;
    let Laid { columns, rows, content } = lay_out(app, area);
    let first = usize::from(app.help_scroll).min(content.saturating_sub(rows));
    let widths: Vec<usize> = columns
        .iter()
        .map(|c| c.iter().map(Line::width).max().unwrap_or(0))
        .collect();
    let spaced = widths.iter().sum::<usize>() + 2 * widths.len() < usize::from(area.width);
    let gap = if spaced { 2 } else { 0 };
    let width = widths.iter().sum::<usize>() + gap * widths.len() + if spaced { 1 } else { 2 };
    let [popup] = Layout::horizontal([length(width)]).flex(Flex::Center).areas(area);
    let [popup] = Layout::vertical([length(rows + 2)]).flex(Flex::Center).areas(popup);
    let mut block = Block::bordered()
        .style(if theme.high_contrast {
            theme.present
        } else {
            ratatui::style::Style::new()
        })
        .border_style(theme.panel_title)
        .title(Span::styled(" Keys ", theme.panel_title))
        .title_bottom(Line::from(Span::styled(app.shown.help.closes.as_str(), theme.dim)).right_aligned());
    if content > rows {
        let place = format!(
            " {} · lines {}-{} of {content} ",
            app.shown.help.scrolls,
            first + 1,
            first + rows
        );
        block = block.title_bottom(Line::from(Span::styled(
            text::fit(&place, width.saturating_sub(24)),
            theme.dim,
        )));
    }
    frame.render_widget(Clear, popup);
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    let areas = Layout::horizontal(widths.iter().map(|&w| length(w + gap))).split(inner);
    for (lines, column) in columns.into_iter().zip(areas.iter()) {
        let shown: Vec<Line> = lines.into_iter().skip(first).take(rows).collect();
        frame.render_widget(Paragraph::new(shown), *column);
    }
}
