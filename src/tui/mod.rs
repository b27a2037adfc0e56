//! The terminal dashboard: `reelcost [SCENARIO]`.
//!
//! One [`App`] holds the state; keys and mouse events become [`Action`]s ([`keys`]);
//! [`App::update`] applies them through the engine and recomputes the bill; [`ui::render`] draws
//! the state and computes nothing. Events arrive on one channel ([`event`]); the loop blocks on
//! it, drains what is queued, updates, and draws once.

pub mod action;
pub mod app;
pub mod digits;
pub mod event;
pub mod keys;
pub mod param;
pub mod theme;
pub mod ui;
mod update;

use std::io::{self, Stdout};
use std::sync::Once;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::Receiver;

use crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use crossterm::execute;
use crossterm::terminal::{EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::layout::Rect;

pub use action::{Action, Effect};
pub use app::{App, Mode, View};
pub use event::{Event, Events};
pub use param::Param;
pub use theme::Theme;

use crate::engine::{Diagnostic, Diagnostics};
use crate::project::Project;

/// Opens the dashboard on a project and runs it until the user quits.
///
/// Fails with the engine's diagnostics if the scenario cannot be priced as loaded, or with the
/// terminal's error if it cannot be driven. The terminal is restored in every case.
pub fn run(project: Project) -> Result<(), Diagnostics> {
    let mut app = App::new(project, Theme::from_env())?;
    drive(&mut app).map_err(|e| Diagnostic::file_error("terminal", e.to_string()).into())
}

/// What one event does to the dashboard; `screen` is the terminal's area, for mouse clicks.
pub fn handle(app: &mut App, event: Event, screen: Rect) -> Option<Effect> {
    let action = match event {
        Event::Key(key) => keys::action_for(app, key),
        Event::Mouse(mouse) => keys::mouse_action(app, mouse, screen),
        // The next draw lays the panels out for the new size.
        Event::Resize => None,
        Event::InputClosed => return Some(Effect::Quit),
    };
    action.and_then(|a| app.update(a))
}

fn drive(app: &mut App) -> io::Result<()> {
    install_panic_hook();
    let _restore = Session::start()?;
    let mut terminal = Terminal::new(CrosstermBackend::new(io::stdout()))?;
    let events = Events::start();
    event_loop(&mut terminal, app, &events.receiver)
}

fn event_loop(
    terminal: &mut Terminal<CrosstermBackend<Stdout>>,
    app: &mut App,
    events: &Receiver<Event>,
) -> io::Result<()> {
    terminal.draw(|frame| ui::render(frame, app))?;
    // A closed channel means the input thread is gone: nothing more can happen.
    while let Ok(first) = events.recv() {
        let size = terminal.size()?;
        let screen = Rect::new(0, 0, size.width, size.height);
        for event in std::iter::once(first).chain(events.try_iter()) {
            if handle(app, event, screen) == Some(Effect::Quit) {
                return Ok(());
            }
        }
        terminal.draw(|frame| ui::render(frame, app))?;
    }
    Ok(())
}

/// Set while the terminal is in raw mode on the alternate screen.
static ACTIVE: AtomicBool = AtomicBool::new(false);

/// Raw mode, the alternate screen and mouse capture, undone when dropped.
struct Session;

impl Session {
    fn start() -> io::Result<Self> {
        enable_raw_mode()?;
        ACTIVE.store(true, Ordering::SeqCst);
        // From here on, dropping the session restores the terminal, even if the rest fails.
        let session = Self;
        execute!(io::stdout(), EnterAlternateScreen, EnableMouseCapture)?;
        Ok(session)
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        restore();
    }
}

/// Puts the terminal back as it was, once.
fn restore() {
    if ACTIVE.swap(false, Ordering::SeqCst) {
        let _ = disable_raw_mode();
        let _ = execute!(
            io::stdout(),
            DisableMouseCapture,
            LeaveAlternateScreen,
            crossterm::cursor::Show
        );
    }
}

/// Restores the terminal before a panic's message is printed, so the message is readable.
fn install_panic_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            restore();
            previous(info);
        }));
    });
}
