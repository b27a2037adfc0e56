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
pub mod files;
pub mod keys;
pub mod param;
pub mod theme;
pub mod ui;
mod update;

use std::io::{self, Stdout};
use std::path::Path;
use std::sync::Once;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::RecvTimeoutError;
use std::time::Instant;

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

use crate::engine::params::merge;
use crate::engine::{Diagnostic, Diagnostics, evaluate};
use crate::live::{Live, Reload, Watching};
use crate::project::{CatalogSource, Project, ScenarioSource};
use crate::save;
use action::Loaded;

/// Opens the dashboard on a scenario kept in step with its files, and runs it until the user
/// quits.
///
/// Fails with the engine's diagnostics if the scenario cannot be priced as loaded, or with the
/// terminal's error if it cannot be driven. The terminal is restored in every case.
pub fn run(live: Live) -> Result<(), Diagnostics> {
    let mut app = App::new(live.project.clone(), Theme::from_env())?;
    drive(&mut app, live).map_err(|e| Diagnostic::file_error("terminal", e.to_string()).into())
}

/// What one event does to the dashboard; `screen` is the terminal's area, for mouse clicks.
/// File events are the loop's to turn into reloads; here they do nothing.
pub fn handle(app: &mut App, event: Event, screen: Rect) -> Option<Effect> {
    let action = match event {
        Event::Key(key) => keys::action_for(app, key),
        Event::Mouse(mouse) => keys::mouse_action(app, mouse, screen),
        // The next draw lays the panels out for the new size.
        Event::Resize | Event::FilesChanged(_) => None,
        Event::InputClosed | Event::Stop => return Some(Effect::Quit),
    };
    action.and_then(|a| app.update(a))
}

fn drive(app: &mut App, mut live: Live) -> io::Result<()> {
    install_panic_hook();
    let _restore = Session::start()?;
    let mut terminal = Terminal::new(CrosstermBackend::new(io::stdout()))?;
    let events = Events::start();
    event_loop(&mut terminal, app, &mut live, &events)
}

/// Keeps the watcher on the scenario's and catalogs' directories, sending their changes into the
/// channel; says so once if it cannot.
fn keep_watching(watching: &mut Watching, live: &Live, events: &Events, app: &mut App) {
    let sender = events.sender.clone();
    let watched = watching.keep_up(live, move |paths| {
        let _ = sender.send(Event::FilesChanged(paths));
    });
    if !watched {
        app.refuse("Cannot watch the files for changes: edits on disk will show after a restart");
    }
}

fn event_loop(
    terminal: &mut Terminal<CrosstermBackend<Stdout>>,
    app: &mut App,
    live: &mut Live,
    channel: &Events,
) -> io::Result<()> {
    let events = &channel.receiver;
    let mut watching = Watching::default();
    keep_watching(&mut watching, live, channel, app);
    terminal.draw(|frame| ui::render(frame, app))?;
    loop {
        // While a highlight is showing, wake up to fade it on time.
        let first = match app.files.flash_until {
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
        let mut files_changed = false;
        // Whether the directories to watch may have changed: after file events and saves only,
        // so a key press does no file-system work.
        let mut recheck_watch = false;
        for event in first.into_iter().chain(events.try_iter()) {
            if let Event::FilesChanged(paths) = &event {
                files_changed |= paths.iter().any(|p| live.concerns(p));
                recheck_watch = true;
                continue;
            }
            let mut effect = handle(app, event, screen);
            while let Some(next) = effect {
                effect = match next {
                    Effect::Quit => return Ok(()),
                    other => {
                        recheck_watch = true;
                        carry_out(other, app, live)
                    }
                };
            }
        }
        // One reload for a burst of changes, after the keys that came with it.
        if files_changed && let Some(action) = reload(app, live) {
            app.update(action);
        }
        if recheck_watch {
            keep_watching(&mut watching, live, channel, app);
        }
        app.update(Action::Tick(Instant::now()));
        terminal.draw(|frame| ui::render(frame, app))?;
    }
}

/// Re-reads the files, checking the new state at the parameters the user is looking at.
fn reload(app: &App, live: &mut Live) -> Option<Action> {
    let file_params = app.project.scenario.params.clone();
    let current = app.params.clone();
    let check = |p: &Project| {
        let (params, _) = merge(&file_params, &p.scenario.params, &current);
        evaluate(&p.scenario, &p.catalogs, &params).map(|_| ())
    };
    match live.reload(check) {
        Reload::Unchanged => None,
        Reload::Reloaded(changes) => Some(Action::Reloaded(action::Reload {
            project: Loaded(Box::new(live.project.clone())),
            summary: changes.summary(),
            catalog_files: changes.catalog_files,
            scenario_changed: changes.scenario_changed,
            time: crate::cli::clock(),
            at: Instant::now(),
        })),
        Reload::Failed(errors) => Some(Action::ReloadFailed {
            errors,
            time: crate::cli::clock(),
        }),
    }
}

/// Carries out a save and returns what `update` should hear of it.
fn carry_out(effect: Effect, app: &mut App, live: &mut Live) -> Option<Effect> {
    let action = match effect {
        Effect::Quit => return Some(Effect::Quit),
        Effect::Save { force } => save_into_scenario(app, live, force),
        Effect::SaveAs(path) => save_as(app, live, &path),
    };
    app.update(action)
}

fn save_into_scenario(app: &App, live: &mut Live, force: bool) -> Action {
    let Some(path) = live.scenario_path().map(Path::to_path_buf) else {
        return Action::SaveFailed("a built-in scenario has no file; save as a new file with S".into());
    };
    let loaded = app.project.scenario.file.text();
    if !force && save::changed_on_disk(&path, loaded) {
        return Action::SaveConflict;
    }
    match save::save_params(&path, loaded, &app.project.scenario.params, &app.params) {
        Ok(text) => {
            live.saved(&text);
            Action::Saved {
                project: Loaded(Box::new(live.project.clone())),
                time: crate::cli::clock(),
            }
        }
        Err(d) => Action::SaveFailed(d.headline()),
    }
}

fn save_as(app: &App, live: &mut Live, path: &Path) -> Action {
    if path.exists() {
        return Action::SaveFailed(format!("{} already exists: choose another name", path.display()));
    }
    let text = match save::with_params(
        app.project.scenario.file.text(),
        &app.project.scenario.params,
        &app.params,
    ) {
        Ok(text) => text,
        Err(why) => return Action::SaveFailed(why),
    };
    // The copy keeps pricing from the same catalogs, wherever it is saved.
    let text = match &live.project.catalog_source {
        CatalogSource::Dir(dir) => save::with_catalogs(&text, dir).unwrap_or(text),
        CatalogSource::Builtin => text,
    };
    if let Err(e) = save::write_atomic(path, &text) {
        return Action::SaveFailed(format!("cannot write {}: {e}", path.display()));
    }
    match Live::open(ScenarioSource::File(path.to_path_buf()), None) {
        Ok(opened) => {
            *live = opened;
            Action::Saved {
                project: Loaded(Box::new(live.project.clone())),
                time: crate::cli::clock(),
            }
        }
        Err(errors) => Action::SaveFailed(format!("saved {}, but it does not load: {errors}", path.display())),
    }
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
