//! The dashboard drawn on a `TestBackend`, as plain text, for snapshot tests.
#![allow(dead_code)]

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use reelcost::project::{self, ScenarioSource};
use reelcost::tui::{Action, App, Theme, ui};

/// The dashboard on a scenario file, after some actions.
pub fn open(path: &str, actions: impl IntoIterator<Item = Action>) -> App {
    let project = project::load(&ScenarioSource::File(path.into()), None).unwrap();
    let mut app = App::new(project, Theme::colour()).unwrap();
    for action in actions {
        app.update(action);
    }
    app
}

/// The screen as plain text, one line per row, trailing spaces trimmed.
pub fn screen(app: &App, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|frame| ui::render(frame, app)).unwrap();
    let buffer = terminal.backend().buffer();
    let mut text = String::new();
    for y in 0..height {
        let row: String = (0..width).map(|x| buffer[(x, y)].symbol()).collect();
        text.push_str(row.trim_end());
        text.push('\n');
    }
    text
}
