//! Watching directories for changes with notify: non-recursive, debounced, native where it can
//! start and polling where it cannot.

use std::path::{Path, PathBuf};
use std::time::Duration;

use notify::event::EventKind;
use notify::{PollWatcher, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{
    DebounceEventResult, Debouncer, NoCache, RecommendedCache, new_debouncer, new_debouncer_opt,
};

/// A quiet period long enough to fold an editor's write-and-rename into one change.
const DEBOUNCE: Duration = Duration::from_millis(40);

/// How the watcher learns of changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WatchMode {
    /// The operating system's file events.
    Native,
    /// Polling, where native events could not start.
    Polling,
}

/// A running watcher; dropping it stops watching.
pub enum FileWatcher {
    /// Native events.
    Native(Debouncer<RecommendedWatcher, RecommendedCache>),
    /// Polling.
    Polling(Debouncer<PollWatcher, NoCache>),
}

impl FileWatcher {
    /// How it watches.
    pub fn mode(&self) -> WatchMode {
        match self {
            Self::Native(_) => WatchMode::Native,
            Self::Polling(_) => WatchMode::Polling,
        }
    }

    /// Watches the directories (not the files: editors replace files by renaming a new one over
    /// them, which silently ends a watch on the file itself). `notify` receives the paths that
    /// changed in each debounced burst, reads left out. Metadata events are kept: a `chmod` that
    /// makes an unreadable file readable again changes no content, yet must end its error.
    pub fn start(dirs: &[PathBuf], notify: impl Fn(Vec<PathBuf>) + Send + Clone + 'static) -> Result<Self, String> {
        let handler = move |result: DebounceEventResult| {
            let Ok(events) = result else { return };
            let mut paths: Vec<PathBuf> = events
                .iter()
                .filter(|e| !matches!(e.kind, EventKind::Access(_)))
                .flat_map(|e| e.paths.iter().cloned())
                .collect();
            paths.sort();
            paths.dedup();
            if !paths.is_empty() {
                notify(paths);
            }
        };
        if let Ok(mut debouncer) = new_debouncer(DEBOUNCE, None, handler.clone())
            && watch_all(dirs, |d| debouncer.watch(d, RecursiveMode::NonRecursive))
        {
            return Ok(Self::Native(debouncer));
        }
        let config = notify::Config::default().with_poll_interval(Duration::from_millis(250));
        let mut debouncer = new_debouncer_opt::<_, PollWatcher, NoCache>(DEBOUNCE, None, handler, NoCache, config)
            .map_err(|e| e.to_string())?;
        watch_all(dirs, |d| debouncer.watch(d, RecursiveMode::NonRecursive));
        Ok(Self::Polling(debouncer))
    }
}

/// Watches every directory that exists; a missing one is found again through its parent.
fn watch_all(dirs: &[PathBuf], mut watch: impl FnMut(&Path) -> notify::Result<()>) -> bool {
    let mut any = false;
    for dir in dirs.iter().filter(|d| d.is_dir()) {
        any |= watch(dir).is_ok();
    }
    any
}

/// A watcher kept on the directories a [`super::Live`] needs. A watch on a directory ends when
/// the directory goes; so when the directories to watch, or whether each exists, change (a
/// catalog directory removed and made again, a save-as elsewhere), the watcher is started anew.
#[derive(Default)]
pub struct Watching {
    dirs: Vec<(PathBuf, bool)>,
    watcher: Option<FileWatcher>,
}

impl Watching {
    /// Starts or restarts the watcher if what should be watched changed. False when no watcher
    /// could be started for directories that need one.
    pub fn keep_up(&mut self, live: &super::Live, notify: impl Fn(Vec<PathBuf>) + Send + Clone + 'static) -> bool {
        self.keep_up_all(&[live], notify)
    }

    /// The same for the files of several scenarios: the directories any of them needs.
    pub fn keep_up_all(
        &mut self,
        lives: &[&super::Live],
        notify: impl Fn(Vec<PathBuf>) + Send + Clone + 'static,
    ) -> bool {
        let mut wanted: Vec<PathBuf> = Vec::new();
        for dir in lives.iter().flat_map(|live| live.watch_dirs()) {
            if !wanted.contains(&dir) {
                wanted.push(dir);
            }
        }
        let dirs: Vec<(PathBuf, bool)> = wanted.into_iter().map(|d| (d.clone(), d.is_dir())).collect();
        if dirs == self.dirs && (self.watcher.is_some() || dirs.is_empty()) {
            return true;
        }
        self.watcher = None;
        let existing: Vec<PathBuf> = dirs
            .iter()
            .filter(|(_, exists)| *exists)
            .map(|(d, _)| d.clone())
            .collect();
        self.dirs = dirs;
        if existing.is_empty() {
            return self.dirs.is_empty();
        }
        self.watcher = FileWatcher::start(&existing, notify).ok();
        self.watcher.is_some()
    }

    /// How the watcher learns of changes, while there is one.
    pub fn mode(&self) -> Option<WatchMode> {
        self.watcher.as_ref().map(FileWatcher::mode)
    }
}
