//! Opening the dashboard. The terminal is taken at once and the scenarios are read with their
//! catalogs on a thread of their own. When that takes longer than a glance (a catalog of tens of
//! megabytes takes seconds) a screen says what is being read and for how long, and the quit keys
//! work. Files that cannot be read give the terminal back as it was, and their diagnostics are
//! printed as before.

use std::io;
use std::path::PathBuf;
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use ratatui::Frame;
use ratatui::Terminal;
use ratatui::backend::Backend;
use ratatui::layout::{Constraint, Flex, Layout};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

use super::action::Action;
use super::event::Event;
use super::keys::{self, Context};
use super::theme::Theme;
use crate::engine::{Diagnostic, Diagnostics};
use crate::format::escape::escape;
use crate::live::Live;
use crate::project::ScenarioSource;

/// What the dashboard opens: a scenario, more behind it, and catalogs in place of their own.
#[derive(Debug, Clone)]
pub struct Opening {
    /// The scenario in front.
    pub scenario: ScenarioSource,
    /// Scenarios opened behind it.
    pub more: Vec<ScenarioSource>,
    /// A catalog directory to use in place of each scenario's own.
    pub catalogs: Option<PathBuf>,
}

/// The scenarios read and kept live, in the order given; or what is wrong with the first that
/// cannot be read.
pub type Started = Result<(Live, Vec<Live>), Diagnostics>;

impl Opening {
    /// Reads every scenario with its catalogs.
    pub fn read(self) -> Started {
        let live = Live::open(self.scenario, self.catalogs.clone())?;
        let more = self
            .more
            .into_iter()
            .map(|source| Live::open(source, self.catalogs.clone()))
            .collect::<Result<Vec<_>, _>>()?;
        Ok((live, more))
    }

    /// What the waiting screen says is being read, safe to show.
    pub fn what(&self) -> String {
        let scenario = match &self.scenario {
            ScenarioSource::File(path) => path.display().to_string(),
            ScenarioSource::Builtin(name) => format!("the built-in {name} scenario"),
        };
        let more = match self.more.len() {
            0 => String::new(),
            1 => " and one more scenario".to_owned(),
            n => format!(" and {n} more scenarios"),
        };
        let catalogs = match &self.catalogs {
            Some(dir) => format!(" with the catalogs in {}", dir.display()),
            None if self.more.is_empty() => " with its catalogs".to_owned(),
            None => " with their catalogs".to_owned(),
        };
        escape(&format!("{scenario}{more}{catalogs}")).into_owned()
    }
}

/// How long the files may take before the waiting screen is drawn: the shipped files are read in
/// a few milliseconds, and a screen shown that briefly would only flicker.
pub const GLANCE: Duration = Duration::from_millis(50);

/// How often the waiting screen counts the seconds.
const TICK: Duration = Duration::from_secs(1);

/// What waiting for the files came to.
#[derive(Debug)]
pub enum Waited {
    /// The files were read, or could not be.
    Read(Box<Started>),
    /// The user quit, or the terminal went away.
    Quit,
}

/// What one event, or the clock (`None`), does while the files are read.
#[derive(Debug)]
pub enum Next {
    /// Nothing: keys other than quit wait for the dashboard.
    Keep,
    /// Draw the waiting screen, if it is due.
    Draw,
    /// Stop waiting.
    Done(Waited),
}

/// What an event does while the files are read.
pub fn next(event: Option<Event>) -> Next {
    match event {
        None | Some(Event::Resize) => Next::Draw,
        Some(Event::Started(started)) => Next::Done(Waited::Read(started)),
        // The read panicked: there is nothing to open, and the panic's message says why.
        Some(Event::ReaderFailed(why)) => {
            let stopped = Diagnostic::file_error("files", format!("reading the files stopped: {why}"));
            Next::Done(Waited::Read(Box::new(Err(stopped.into()))))
        }
        Some(Event::Key(key)) if keys::action_in(Context::Starting, key) == Some(Action::Quit) => {
            Next::Done(Waited::Quit)
        }
        Some(Event::InputClosed | Event::Stop) => Next::Done(Waited::Quit),
        Some(_) => Next::Keep,
    }
}

/// Waits on `events` for the files, drawing the waiting screen once they take longer than
/// `glance`, and again each second and on a resize.
pub fn wait<B: Backend>(
    terminal: &mut Terminal<B>,
    events: &Receiver<Event>,
    what: &str,
    theme: &Theme,
    glance: Duration,
) -> io::Result<Waited>
where
    B::Error: Send + Sync + 'static,
{
    let start = Instant::now();
    loop {
        let waited = start.elapsed();
        let timeout = match waited.checked_sub(glance) {
            // Wake on the next whole second, so the count moves in step.
            Some(_) => TICK.saturating_sub(Duration::from_nanos(waited.subsec_nanos().into())),
            None => glance.saturating_sub(waited),
        };
        let event = match events.recv_timeout(timeout) {
            Ok(event) => Some(event),
            Err(RecvTimeoutError::Timeout) => None,
            Err(RecvTimeoutError::Disconnected) => return Ok(Waited::Quit),
        };
        match next(event) {
            Next::Keep => {}
            Next::Draw if start.elapsed() >= glance => {
                terminal
                    .draw(|frame| render(frame, what, start.elapsed(), theme))
                    .map_err(io::Error::other)?;
            }
            Next::Draw => {}
            Next::Done(waited) => return Ok(waited),
        }
    }
}

/// The waiting screen: what is read, for how long, and the key that quits.
pub fn render(frame: &mut Frame<'_>, what: &str, waited: Duration, theme: &Theme) {
    let quit = keys::hints(Context::Starting, &["quit"]);
    let lines = vec![
        Line::styled("reelcost", theme.title),
        Line::raw(""),
        Line::styled(format!("Reading {what}…"), theme.value),
        Line::styled(format!("{} s", waited.as_secs()), theme.dim),
        Line::raw(""),
        Line::styled(quit, theme.key),
    ];
    let screen = frame.area();
    let width = screen.width.clamp(1, 80);
    // Centred on the rows the text takes at least; word wrapping may take more, which the rest of
    // the screen below has room for, so a long path does not push the quit key off.
    let rows: usize = lines
        .iter()
        .map(|l| l.width().div_ceil(usize::from(width)).max(1))
        .sum();
    let top = screen.height.saturating_sub(u16::try_from(rows).unwrap_or(u16::MAX)) / 2;
    let [_, area] = Layout::vertical([Constraint::Length(top), Constraint::Fill(1)]).areas(screen);
    let [area] = Layout::horizontal([Constraint::Length(width)])
        .flex(Flex::Center)
        .areas(area);
    frame.render_widget(Paragraph::new(lines).centered().wrap(Wrap { trim: true }), area);
}

#[cfg(test)]
mod tests {
    use std::sync::mpsc::channel;

    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    use ratatui::backend::TestBackend;

    use super::*;

    fn key(code: KeyCode, modifiers: KeyModifiers) -> Option<Event> {
        Some(Event::Key(KeyEvent::new(code, modifiers)))
    }

    fn quits(event: Option<Event>) -> bool {
        matches!(next(event), Next::Done(Waited::Quit))
    }

    #[test]
    fn the_quit_keys_work_while_the_files_are_read_and_others_wait() {
        assert!(quits(key(KeyCode::Char('q'), KeyModifiers::NONE)));
        assert!(quits(key(KeyCode::Esc, KeyModifiers::NONE)));
        assert!(quits(key(KeyCode::Char('c'), KeyModifiers::CONTROL)));
        assert!(quits(Some(Event::Stop)));
        assert!(quits(Some(Event::InputClosed)));
        assert!(matches!(next(key(KeyCode::Char('s'), KeyModifiers::NONE)), Next::Keep));
        assert!(matches!(next(key(KeyCode::Right, KeyModifiers::NONE)), Next::Keep));
        assert!(matches!(next(Some(Event::Resize)), Next::Draw));
        assert!(matches!(next(None), Next::Draw));
    }

    #[test]
    fn a_read_that_panics_ends_the_wait_with_why() {
        let (sender, events) = channel();
        crate::tui::shell::off_the_ui_thread("reelcost-test", sender, || panic!("parser fell over at byte 7"));
        let event = events
            .recv_timeout(Duration::from_secs(60))
            .expect("the panic is reported");
        let Next::Done(Waited::Read(started)) = next(Some(event)) else {
            panic!("the wait goes on after the read panicked");
        };
        let errors = started.expect_err("nothing was read");
        assert!(
            errors
                .0
                .iter()
                .any(|d| d.message == "reading the files stopped: parser fell over at byte 7"),
            "{errors:?}"
        );
    }

    fn opening(more: usize) -> Opening {
        Opening {
            scenario: ScenarioSource::File("scenarios/at\u{1b}]0;x\u{7}ve.toml".into()),
            more: vec![ScenarioSource::Builtin("atve"); more],
            catalogs: None,
        }
    }

    #[test]
    fn files_read_within_a_glance_open_with_no_waiting_screen() {
        let (sender, events) = channel();
        sender
            .send(Event::Started(Box::new(Err(Diagnostics(Vec::new())))))
            .unwrap();
        let mut terminal = Terminal::new(TestBackend::new(60, 12)).unwrap();
        let waited = wait(&mut terminal, &events, "atve.toml", &Theme::plain(), GLANCE).unwrap();
        assert!(matches!(waited, Waited::Read(started) if started.is_err()));
        let blank = ratatui::buffer::Buffer::empty(ratatui::layout::Rect::new(0, 0, 60, 12));
        assert_eq!(terminal.backend().buffer(), &blank, "nothing was drawn");
    }

    #[test]
    fn a_long_read_shows_what_is_read_for_how_long_and_how_to_quit() {
        let mut terminal = Terminal::new(TestBackend::new(60, 12)).unwrap();
        let what = opening(2).what();
        assert_eq!(
            what, "scenarios/at\\u{1b}]0;x\\u{7}ve.toml and 2 more scenarios with their catalogs",
            "control characters in a path are shown escaped"
        );
        terminal
            .draw(|frame| render(frame, &what, Duration::from_millis(3_400), &Theme::plain()))
            .unwrap();
        let screen: String = terminal
            .backend()
            .buffer()
            .content()
            .iter()
            .map(ratatui::buffer::Cell::symbol)
            .collect();
        for shown in [
            "reelcost",
            "Reading scenarios/at\\u{1b}]0;x\\u{7}ve.toml",
            "3 s",
            "q quit",
        ] {
            assert!(screen.contains(shown), "{shown:?} in {screen:?}");
        }
        assert_eq!(
            opening(0).what().rsplit_once(" with ").map(|(_, c)| c),
            Some("its catalogs")
        );
    }
}
