//! The dashboard's imperative shell: it hands events to `update`, carries out the effects
//! `update` returns (re-reading the files, saving the scenario) and reports what came of them
//! back through `update`. The event loop and the tests both drive the dashboard through
//! [`Shell::process`], so a test runs the path the terminal runs.
//!
//! Re-reading the files is done by a worker thread ([`reader`]): the live files go to it and come
//! back with the result as an event, so keys are answered while a large catalog is parsed.
//! Saves asked for meanwhile wait for the files to come back.

mod export;
mod open;
mod ranker;
mod reader;
mod save;
mod slots;

use std::path::PathBuf;
use std::sync::mpsc::Sender;
use std::time::Instant;

use ratatui::layout::Rect;

pub use open::Opened;
pub(super) use open::off_the_ui_thread;
pub use reader::{Outcome, Reread};

use super::action::{self, Action, Effect, Loaded};
use super::app::App;
use super::event::Event;
use super::handle;
use crate::live::{Live, Watching};
use ranker::Ranker;
use reader::Reader;

/// Whether the dashboard goes on after a batch of events.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Flow {
    /// Draw and wait for the next events.
    Continue,
    /// Restore the terminal and exit.
    Quit,
    /// Restore the terminal and fail: the file reader stopped, with this message.
    Failed(String),
}

/// The files behind the dashboard, and what is done to them on its behalf.
pub struct Shell {
    /// Every open scenario's live files, each away while the reader has it.
    slots: slots::Slots,
    /// Where the reader and the watcher send what they find: the event loop's channel.
    sender: Sender<Event>,
    reader: Reader,
    /// The worker that ranks the clip models, started the first time a ranking is too large to
    /// make on the UI thread.
    ranker: Option<Ranker>,
    watching: Option<Watching>,
    /// Whether the directories to watch may have changed: after file events and saves only, so
    /// a key press does no file-system work.
    recheck_watch: bool,
    /// Paths changed and not yet re-read: one read for a burst, and one more for changes made
    /// while a read was under way.
    changed: Option<Vec<PathBuf>>,
    /// Saves asked for while the files were being read, carried out once they are back, each
    /// with the position of the scenario that was in front when it was asked for.
    waiting: Vec<(usize, Effect)>,
    clock: fn() -> String,
    /// The catalogs given on the command line, which scenarios opened later price from too.
    catalogs: Option<PathBuf>,
    /// Exports being written, waited for before the dashboard leaves.
    exports: Vec<std::thread::JoinHandle<()>>,
}

impl Shell {
    /// A shell over live files that sends what its reader finds to `sender`, telling the time by
    /// the wall clock, watching nothing yet.
    pub fn new(live: Live, sender: Sender<Event>) -> Self {
        let catalogs = live.catalogs_override().map(std::path::Path::to_path_buf);
        let mut slots = slots::Slots::default();
        slots.add(0, live);
        Self {
            slots,
            sender,
            reader: Reader::start(),
            ranker: None,
            watching: None,
            recheck_watch: false,
            changed: None,
            waiting: Vec::new(),
            clock: crate::cli::clock,
            catalogs,
            exports: Vec::new(),
        }
    }

    /// Waits for the exports being written, so that leaving never cuts a file short.
    pub fn finish(&mut self) {
        for export in self.exports.drain(..) {
            let _ = export.join();
        }
    }

    /// The same, telling the time of day shown in messages by `clock`.
    pub fn with_clock(mut self, clock: fn() -> String) -> Self {
        self.clock = clock;
        self
    }

    /// Watches the files, sending their changes as [`Event::FilesChanged`]; says so through
    /// `app` if they cannot be watched.
    pub fn watch(&mut self, app: &mut App) {
        self.watching = Some(Watching::default());
        self.keep_watching(app);
    }

    /// Keeps the files of another open scenario live: saved into while it is in front, re-read
    /// when they change. `position` is the scenario's in the order opened.
    pub fn add(&mut self, position: usize, live: Live) {
        self.slots.add(position, live);
    }

    /// The first scenario's files as last loaded, unless the reader has them.
    pub fn live(&self) -> Option<&Live> {
        self.slots.get(0)
    }

    /// The files of the scenario at `position` in the order opened, unless the reader has them.
    pub fn live_of(&self, position: usize) -> Option<&Live> {
        self.slots.get(position)
    }

    /// Whether any files are being read.
    pub fn is_reading(&self) -> bool {
        !self.slots.all_back()
    }

    /// Hands a batch of events to `update` in order and carries out what it asks. A burst of file
    /// changes makes one read, after the keys that came with it.
    pub fn process(&mut self, app: &mut App, events: impl IntoIterator<Item = Event>, screen: Rect) -> Flow {
        for event in events {
            let mut effect = match event {
                Event::Reread(done) => self.take_back(*done, app),
                Event::Opened(opened) => self.opened(*opened, app),
                Event::ReaderFailed(why) => return Flow::Failed(format!("the file reader stopped: {why}")),
                other => handle(app, other, screen),
            };
            while let Some(next) = effect {
                effect = match next {
                    Effect::Quit => return Flow::Quit,
                    Effect::Reload(paths) => {
                        self.changed.get_or_insert_default().extend(paths);
                        self.recheck_watch = true;
                        None
                    }
                    // An export reads only the dashboard's state: it need not wait for the files.
                    Effect::Export(dir) => {
                        self.exports.extend(export::start(app, &dir, self.sender.clone()));
                        None
                    }
                    Effect::ListScenarios(dir) => {
                        open::list(dir, self.sender.clone());
                        None
                    }
                    Effect::OpenScenario(source) => {
                        open::open(source, self.catalogs.clone(), self.sender.clone());
                        None
                    }
                    save => self.save(save, app),
                };
            }
        }
        self.catch_up(app);
        self.rank(app);
        Flow::Continue
    }

    /// Hands the worker the clip-model ranking the last change left, if it was too large to make
    /// on the UI thread.
    fn rank(&mut self, app: &mut App) {
        if let Some(job) = app.take_ranking_job() {
            let sender = &self.sender;
            self.ranker
                .get_or_insert_with(|| Ranker::start(sender.clone()))
                .rank(job, sender);
        }
    }

    /// With the files at hand: the saves that waited, then a read of what changed, else the
    /// watcher brought up to date.
    fn catch_up(&mut self, app: &mut App) {
        if !self.slots.all_back() {
            return;
        }
        for (position, effect) in std::mem::take(&mut self.waiting) {
            // A save writes the scenario in front: if another came to the front meanwhile, it
            // would write the wrong one.
            if position != app.position {
                app.update(Action::SaveFailed(
                    "another scenario came to the front while its files were read; bring it back and save again"
                        .to_owned(),
                ));
                continue;
            }
            let mut effect = self.save(effect, app);
            // A save's outcome asks for nothing but another save (a prompt answered later).
            while let Some(next @ (Effect::Save { .. } | Effect::SaveAs(_))) = effect {
                effect = self.save(next, app);
            }
        }
        if let Some(paths) = self.changed.take() {
            self.read(app, &paths);
        }
        if self.slots.all_back() && std::mem::take(&mut self.recheck_watch) {
            self.keep_watching(app);
        }
    }

    /// Sends to the reader the files of every scenario a changed path concerns, each priced at
    /// what the user has made of that scenario.
    fn read(&mut self, app: &mut App, paths: &[PathBuf]) {
        for (position, live) in self.slots.take_concerned(paths) {
            if position == app.position {
                app.update(Action::Reading(true));
            }
            let basis = match app.basis_of(position) {
                Some((file, current)) => (file.clone(), current.clone()),
                None => (
                    live.project.scenario.params.clone(),
                    live.project.scenario.params.clone(),
                ),
            };
            self.reader.read(live, basis, self.sender.clone());
        }
    }

    /// Takes the files back from the reader and tells `update` what it found.
    fn take_back(&mut self, done: Reread, app: &mut App) -> Option<Effect> {
        let Reread { live, outcome, basis } = done;
        let position = self.slots.put_back(live);
        let action = match outcome {
            Outcome::Unchanged => Action::Reading(false),
            Outcome::Reloaded {
                changes,
                project,
                priced,
            } => {
                // Keys were answered during the read: if what the bill was priced at has
                // changed since, it is priced again at the parameters now.
                let priced = if app.basis_of(position) == Some((&basis.0, &basis.1)) {
                    Ok(*priced)
                } else {
                    app.price_reload_at(position, &project)
                };
                match priced {
                    Ok((params, kept, bill)) => Action::Reloaded(Box::new(action::Reload {
                        project: Loaded(project),
                        params,
                        kept,
                        bill,
                        summary: changes.summary(),
                        catalog_files: changes.catalog_files,
                        scenario_changed: changes.scenario_changed,
                        time: (self.clock)(),
                        at: Instant::now(),
                    })),
                    Err(errors) => Action::ReloadFailed {
                        errors,
                        time: (self.clock)(),
                    },
                }
            }
            Outcome::Failed(errors) => Action::ReloadFailed {
                errors,
                time: (self.clock)(),
            },
        };
        // Files read for a scenario behind the one in front reload it where it waits.
        if position == app.position {
            app.update(action)
        } else {
            app.update(Action::Behind {
                position,
                action: Box::new(action),
            })
        }
    }

    /// Hands a scenario the picker opened to `update`, keeping its files.
    fn opened(&mut self, opened: Opened, app: &mut App) -> Option<Effect> {
        match opened {
            Ok(live) => {
                let project = Loaded(Box::new(live.project.clone()));
                let before = app.scenario_count();
                let effect = app.update(Action::ScenarioOpened(project));
                // Kept only if it opened: one that cannot be priced is refused.
                if app.scenario_count() > before {
                    self.slots.add(app.position, live);
                    self.recheck_watch = true;
                }
                effect
            }
            Err(errors) => app.update(Action::OpenFailed(errors)),
        }
    }

    /// Keeps the watcher on every open scenario's and its catalogs' directories.
    fn keep_watching(&mut self, app: &mut App) {
        let Some(watching) = &mut self.watching else {
            return;
        };
        let sender = self.sender.clone();
        let watched = watching.keep_up_all(&self.slots.lives(), move |paths| {
            let _ = sender.send(Event::FilesChanged(paths));
        });
        if !watched {
            app.update(Action::WatchFailed);
        }
    }

    /// Carries out a save, or keeps it until the reader gives the files back. Returns what
    /// `update` asks next.
    fn save(&mut self, effect: Effect, app: &mut App) -> Option<Effect> {
        if !self.slots.holds(app.position) {
            return app.update(Action::SaveFailed(
                "this scenario's files were not opened live; save it as a new file".to_owned(),
            ));
        }
        let Some(live) = self.slots.get_mut(app.position) else {
            self.waiting.push((app.position, effect));
            return None;
        };
        self.recheck_watch = true;
        let clock = self.clock;
        let action = match effect {
            Effect::Save { force, links } => save::into_scenario(live, app, force, links, clock),
            Effect::SaveAs(path) => save::as_new_file(live, app, &path, clock),
            Effect::Quit
            | Effect::Reload(_)
            | Effect::Export(_)
            | Effect::ListScenarios(_)
            | Effect::OpenScenario(_) => {
                return Some(effect);
            }
        };
        app.update(action)
    }
}
