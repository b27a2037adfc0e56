//! The terminal dashboard: `reelcost [SCENARIO]`.
//!
//! One [`App`] holds the state; keys, mouse and file events become [`Action`]s ([`keys`]);
//! [`App::update`] applies them through the engine, recomputes the bill, and returns an
//! [`Effect`] when the files must be read or written; the [`Shell`] carries effects out and
//! reports back through `update`; [`ui::render`] draws the state and computes nothing. Events
//! arrive on one channel ([`event`]); the loop blocks on it, hands what is queued to the shell,
//! and draws once.

pub mod action;
pub mod app;
pub mod budgets;
pub mod curve;
pub mod deck;
mod derive;
pub mod digits;
pub mod event;
mod export;
mod figures;
pub mod files;
mod input;
pub mod keys;
pub mod param;
pub mod picker;
pub mod present;
pub mod ranking;
pub mod scenario_picker;
mod seek;
pub mod shell;
pub mod start;
mod swap;
pub mod sweep;
mod terminal;
pub mod theme;
pub mod ui;
mod update;
pub mod view_model;

use std::io::{self, Stdout};
use std::sync::mpsc::RecvTimeoutError;
use std::time::Instant;

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::layout::Rect;

pub use action::{Action, Effect};
pub use app::{App, Mode, View};
pub use event::{Event, Events};
pub use param::Param;
pub use shell::{Flow, Shell};
pub use theme::Theme;

use crate::engine::{Diagnostic, Diagnostics};
use crate::live::Live;

/// Opens the dashboard on a scenario kept in step with its files, with more scenarios behind it
/// and budgets for all of them, in a theme, and runs it until the user quits. Prices older than
/// `freshness` allows are marked stale. The files are read while the terminal already answers
/// ([`start`]): a large catalog shows what is being read, and the quit keys work.
///
/// Fails with the engine's diagnostics if a scenario cannot be read or priced as loaded, or with
/// the terminal's error if it cannot be driven. The terminal is restored in every case, before
/// the caller prints what went wrong.
pub fn run(
    opening: start::Opening,
    budgets: Vec<crate::engine::whatif::Budget>,
    freshness: crate::engine::stale::Freshness,
    theme: Theme,
) -> Result<(), Diagnostics> {
    let _restore = terminal::Session::start().map_err(terminal_error)?;
    let mut terminal = Terminal::new(CrosstermBackend::new(io::stdout())).map_err(terminal_error)?;
    let events = Events::start();
    let what = opening.what();
    shell::off_the_ui_thread("reelcost-start", events.sender.clone(), move || {
        Event::Started(Box::new(opening.read()))
    });
    let waited = start::wait(&mut terminal, &events.receiver, &what, &theme, start::GLANCE);
    let (live, more) = match waited.map_err(terminal_error)? {
        start::Waited::Quit => return Ok(()),
        start::Waited::Read(started) => (*started)?,
    };
    let mut app = App::new(live.project.clone(), theme)?.with_freshness(freshness);
    let positions = app.open_others(more.iter().map(|l| l.project.clone()).collect());
    app.give_budgets(budgets);
    // Each scenario that opened keeps its files live at its position.
    let more = more
        .into_iter()
        .zip(positions)
        .filter_map(|(live, position)| position.map(|p| (p, live)))
        .collect();
    drive(&mut terminal, &events, &mut app, (live, more)).map_err(terminal_error)
}

fn terminal_error(error: io::Error) -> Diagnostics {
    Diagnostic::file_error("terminal", error.to_string()).into()
}

/// What one event does to the dashboard; `screen` is the terminal's area, for mouse clicks.
pub fn handle(app: &mut App, event: Event, screen: Rect) -> Option<Effect> {
    let action = match event {
        Event::Key(key) => keys::action_for(app, key).map(|action| match action {
            // How far the help scrolls depends on the screen it is drawn on.
            Action::ScrollHelp { by, .. } => Action::ScrollHelp {
                by,
                most: ui::help::most_scroll(app, screen),
            },
            other => other,
        }),
        Event::Mouse(mouse) => keys::mouse_action(app, mouse, screen),
        Event::FilesChanged(paths) => Some(Action::FilesChanged(paths)),
        Event::Listed(listed) => Some(Action::ScenariosListed(listed)),
        Event::Ranked(ranked) => Some(Action::Ranked(ranked)),
        Event::Exported(Ok(paths)) => Some(Action::Exported(paths)),
        Event::Exported(Err(why)) => Some(Action::ExportFailed(why)),
        // The next draw lays the panels out for the new size; a finished read is the shell's to
        // take back before events reach here.
        Event::Resize | Event::Reread(_) | Event::ReaderFailed(_) | Event::Opened(_) | Event::Started(_) => None,
        Event::InputClosed | Event::Stop => return Some(Effect::Quit),
    };
    action.and_then(|a| app.update(a))
}

fn drive(
    terminal: &mut Terminal<CrosstermBackend<Stdout>>,
    events: &Events,
    app: &mut App,
    (live, more): (Live, Vec<(usize, Live)>),
) -> io::Result<()> {
    let mut shell = Shell::new(live, events.sender.clone());
    for (position, live) in more {
        shell.add(position, live);
    }
    shell.watch(app);
    // The first ranking of a large catalog's clip models starts before the first frame.
    let size = terminal.size()?;
    shell.process(app, std::iter::empty(), Rect::new(0, 0, size.width, size.height));
    let outcome = event_loop(terminal, app, &mut shell, events);
    shell.finish();
    outcome
}

/// Waits for events, hands each batch to the shell, and draws once per batch.
fn event_loop(
    terminal: &mut Terminal<CrosstermBackend<Stdout>>,
    app: &mut App,
    shell: &mut Shell,
    channel: &Events,
) -> io::Result<()> {
    let events = &channel.receiver;
    terminal.draw(|frame| ui::render(frame, app))?;
    loop {
        // While a highlight or the presentation hint is showing, wake up to fade it on time.
        let first = match app.wake_at() {
            Some(until) => match events.recv_timeout(until.saturating_duration_since(Instant::now())) {
                Ok(event) => Some(event),
                Err(RecvTimeoutError::Timeout) => None,
                Err(RecvTimeoutError::Disconnected) => return Ok(()),
            },
            None => match events.recv() {
                Ok(event) => Some(event),
                Err(_) => return Ok(()),
            },
        };
        let size = terminal.size()?;
        let screen = Rect::new(0, 0, size.width, size.height);
        match shell.process(app, first.into_iter().chain(events.try_iter()), screen) {
            Flow::Continue => {}
            Flow::Quit => return Ok(()),
            Flow::Failed(why) => return Err(io::Error::other(why)),
        }
        app.update(Action::Tick(Instant::now()));
        terminal.draw(|frame| ui::render(frame, app))?;
    }
}
