//! The help overlay: every key binding, read from the same table the key handler uses, in one
//! column when the screen is tall enough and two when it is not.

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use crate::tui::Action;
use crate::tui::app::App;
use crate::tui::keys::{BINDINGS, Context, Key, MOUSE, keys_of};

/// The keys of a binding as `↑ / k`.
fn keys_text(keys: &[Key]) -> String {
    keys.iter().map(Key::name).collect::<Vec<_>>().join(" / ")
}

/// The help's sections: a heading and one line per binding.
fn sections(app: &App) -> Vec<Vec<Line<'static>>> {
    let theme = &app.theme;
    let key_width = BINDINGS
        .iter()
        .map(|b| keys_text(b.keys).chars().count())
        .max()
        .unwrap_or(0);
    let row = |keys: String, what: &'static str| {
        Line::from(vec![
            Span::styled(format!(" {keys:<key_width$}  "), theme.key),
            Span::raw(what),
        ])
    };
    // Contexts that share a heading share a section, each (keys, help) pair listed once: the
    // prompts a save can raise differ in a key or two.
    let mut sections: Vec<(&str, Vec<(String, &'static str)>)> = Vec::new();
    for context in [
        Context::Normal,
        Context::Typing,
        Context::Conflict,
        Context::ReadOnly,
        Context::Linked,
        Context::Quitting,
        Context::Help,
        Context::Anywhere,
    ] {
        if sections.last().is_none_or(|(heading, _)| *heading != context.heading()) {
            sections.push((context.heading(), Vec::new()));
        }
        let Some((_, rows)) = sections.last_mut() else { continue };
        for binding in BINDINGS.iter().filter(|b| b.context == context) {
            let entry = (keys_text(binding.keys), binding.help);
            if !rows.contains(&entry) {
                rows.push(entry);
            }
        }
        if context == Context::Typing {
            rows.push(("other keys".to_owned(), "type a value or file name"));
        }
    }
    let mut sections: Vec<Vec<Line>> = sections
        .into_iter()
        .map(|(heading, rows)| {
            let mut lines = vec![Line::from(Span::styled(heading, theme.panel_title))];
            lines.extend(rows.into_iter().map(|(keys, what)| row(keys, what)));
            lines
        })
        .collect();
    let mut mouse = vec![Line::from(Span::styled("Mouse", theme.panel_title))];
    mouse.extend(MOUSE.iter().map(|m| row(m.name.to_owned(), m.help)));
    sections.push(mouse);
    sections
}

/// Flows sections into columns of at most `rows` lines: a blank line between sections when
/// `spaced`, a section split over columns only when it is taller than a column.
fn pack(sections: &[Vec<Line<'static>>], rows: usize, spaced: bool) -> Vec<Vec<Line<'static>>> {
    let rows = rows.max(2);
    let mut columns: Vec<Vec<Line<'static>>> = vec![Vec::new()];
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

/// The keys that close the help, as its bottom border names them: ` ? or Esc or q closes `.
fn closes() -> String {
    let keys: Vec<String> = keys_of(Context::Help, &Action::ToggleHelp)
        .iter()
        .map(Key::name)
        .collect();
    format!(" {} closes ", keys.join(" or "))
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
    let widths: Vec<usize> = columns
        .iter()
        .map(|c| c.iter().map(Line::width).max().unwrap_or(0))
        .collect();
    let width = widths.iter().sum::<usize>() + 2 * widths.len() + 1;
    let height = columns.iter().map(Vec::len).max().unwrap_or(0) + 2;
    let [popup] = Layout::horizontal([length(width)]).flex(Flex::Center).areas(area);
    let [popup] = Layout::vertical([length(height)]).flex(Flex::Center).areas(popup);
    let block = Block::bordered()
        .border_style(theme.panel_title)
        .title(Span::styled(" Keys ", theme.panel_title))
        .title_bottom(Line::from(Span::styled(closes(), theme.dim)).right_aligned());
    frame.render_widget(Clear, popup);
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    let areas = Layout::horizontal(widths.iter().map(|&w| length(w + 2))).split(inner);
    for (lines, column) in columns.into_iter().zip(areas.iter()) {
        frame.render_widget(Paragraph::new(lines), *column);
    }
}
