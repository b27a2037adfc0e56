//! The dashboard's imperative shell: it hands events to `update`, carries out the effects
//! `update` returns (re-reading the files, saving the scenario) and reports what came of them
//! back through `update`. The event loop and the tests both drive the dashboard through
//! [`Shell::process`], so a test runs the path the terminal runs.

use std::cell::RefCell;
use std::path::{Path, PathBuf};
use std::sync::mpsc::Sender;
use std::time::Instant;

use ratatui::layout::Rect;

use super::action::{self, Action, Effect, Loaded};
use super::app::App;
use super::event::Event;
use super::handle;
use super::keys::{self, Context};
use crate::live::{Live, Reload, Watching};
use crate::project::{CatalogSource, ScenarioSource};
use crate::save;

/// Whether the dashboard goes on after a batch of events.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flow {
    /// Draw and wait for the next events.
    Continue,
    /// Restore the terminal and exit.
    Quit,
}

/// The file watcher and where it sends its events.
struct Watch {
    watching: Watching,
    sender: Sender<Event>,
}

/// The files behind the dashboard, and what is done to them on its behalf.
pub struct Shell {
    live: Live,
    watch: Option<Watch>,
    clock: fn() -> String,
}

impl Shell {
    /// A shell over live files, telling the time by the wall clock, watching nothing yet.
    pub fn new(live: Live) -> Self {
        Self {
            live,
            watch: None,
            clock: crate::cli::clock,
        }
    }

    /// The same, telling the time of day shown in messages by `clock`.
    pub fn with_clock(mut self, clock: fn() -> String) -> Self {
        self.clock = clock;
        self
    }

    /// Watches the files, sending their changes as [`Event::FilesChanged`] to `sender`; says so
    /// through `app` if they cannot be watched.
    pub fn watch(&mut self, sender: Sender<Event>, app: &mut App) {
        self.watch = Some(Watch {
            watching: Watching::default(),
            sender,
        });
        self.keep_watching(app);
    }

    /// The files as last loaded.
    pub fn live(&self) -> &Live {
        &self.live
    }

    /// Hands a batch of events to `update` in order and carries out what it asks. A burst of file
    /// changes makes one reload, after the keys that came with it.
    pub fn process(&mut self, app: &mut App, events: impl IntoIterator<Item = Event>, screen: Rect) -> Flow {
        let mut changed: Option<Vec<PathBuf>> = None;
        // Whether the directories to watch may have changed: after file events and saves only,
        // so a key press does no file-system work.
        let mut recheck_watch = false;
        for event in events {
            let mut effect = handle(app, event, screen);
            while let Some(next) = effect {
                effect = match next {
                    Effect::Quit => return Flow::Quit,
                    Effect::Reload(paths) => {
                        changed.get_or_insert_default().extend(paths);
                        recheck_watch = true;
                        None
                    }
                    other => {
                        recheck_watch = true;
                        let action = self.carry_out(other, app);
                        action.and_then(|a| app.update(a))
                    }
                };
            }
        }
        if let Some(action) = changed.and_then(|paths| self.reload(app, &paths)) {
            app.update(action);
        }
        if recheck_watch {
            self.keep_watching(app);
        }
        Flow::Continue
    }

    /// Keeps the watcher on the scenario's and catalogs' directories.
    fn keep_watching(&mut self, app: &mut App) {
        let Some(watch) = &mut self.watch else { return };
        let sender = watch.sender.clone();
        let watched = watch.watching.keep_up(&self.live, move |paths| {
            let _ = sender.send(Event::FilesChanged(paths));
        });
        if !watched {
            app.update(Action::WatchFailed);
        }
    }

    /// Carries out a save and says what `update` should hear of it.
    fn carry_out(&mut self, effect: Effect, app: &App) -> Option<Action> {
        match effect {
            Effect::Quit | Effect::Reload(_) => None,
            Effect::Save { force } => Some(self.save_into_scenario(app, force)),
            Effect::SaveAs(path) => Some(self.save_as(app, &path)),
        }
    }

    /// Re-reads the files if a changed path concerns them. The new state is priced once, at the
    /// parameters the user is looking at; that bill is both the reload's check and what `update`
    /// swaps in.
    fn reload(&mut self, app: &App, paths: &[PathBuf]) -> Option<Action> {
        if !paths.iter().any(|p| self.live.concerns(p)) {
            return None;
        }
        let priced = RefCell::new(None);
        let outcome = self.live.reload(|project| {
            let result = app.price_reload(project)?;
            priced.replace(Some(result));
            Ok(())
        });
        match outcome {
            Reload::Unchanged => None,
            Reload::Reloaded(changes) => {
                let (params, kept, bill) = priced.into_inner()?;
                Some(Action::Reloaded(Box::new(action::Reload {
                    project: Loaded(Box::new(self.live.project.clone())),
                    params,
                    kept,
                    bill,
                    summary: changes.summary(),
                    catalog_files: changes.catalog_files,
                    scenario_changed: changes.scenario_changed,
                    time: (self.clock)(),
                    at: Instant::now(),
                })))
            }
            Reload::Failed(errors) => Some(Action::ReloadFailed {
                errors,
                time: (self.clock)(),
            }),
        }
    }

    fn save_into_scenario(&mut self, app: &App, force: bool) -> Action {
        let Some(path) = self.live.scenario_path().map(Path::to_path_buf) else {
            let save_as = keys::key_name(Context::Normal, &Action::StartSaveAs);
            return Action::SaveFailed(format!(
                "a built-in scenario has no file; save as a new file with {save_as}"
            ));
        };
        let loaded = app.project.scenario.file.text();
        if !force && save::changed_on_disk(&path, loaded) {
            return Action::SaveConflict;
        }
        match save::save_params(&path, loaded, &app.project.scenario.params, &app.params) {
            Ok(text) => {
                self.live.saved(&text);
                Action::Saved {
                    project: Loaded(Box::new(self.live.project.clone())),
                    time: (self.clock)(),
                }
            }
            Err(d) => Action::SaveFailed(d.headline()),
        }
    }

    fn save_as(&mut self, app: &App, path: &Path) -> Action {
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
        let text = match &self.live.project.catalog_source {
            CatalogSource::Dir(dir) => save::with_catalogs(&text, dir).unwrap_or(text),
            CatalogSource::Builtin => text,
        };
        if let Err(e) = save::write_atomic(path, &text) {
            return Action::SaveFailed(format!("cannot write {}: {e}", path.display()));
        }
        match Live::open(ScenarioSource::File(path.to_path_buf()), None) {
            Ok(opened) => {
                self.live = opened;
                Action::Saved {
                    project: Loaded(Box::new(self.live.project.clone())),
                    time: (self.clock)(),
                }
            }
            Err(errors) => Action::SaveFailed(format!("saved {}, but it does not load: {errors}", path.display())),
        }
    }
}
