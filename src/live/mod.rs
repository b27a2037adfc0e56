//! Live files: reloading a scenario and its catalogs when they change on disk, keeping the last
//! good state when an edit is invalid, and saying what changed.

mod fingerprint;
mod watch;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use fingerprint::{Fingerprint, read_fingerprint};
pub use watch::{FileWatcher, WatchMode, Watching};

use crate::engine::{Diagnostic, Diagnostics, Params, evaluate};
use crate::project::{self, CatalogSource, Project, ScenarioSource};

/// The contents of every watched file at one moment, as fingerprints: `None` for a file that
/// could not be read. A fingerprint rather than the text, so a large catalog is not held twice.
type Snapshot = BTreeMap<PathBuf, Option<Fingerprint>>;

/// What a reload found.
#[derive(Debug)]
pub enum Reload {
    /// Nothing that is read changed (a duplicate event, a touch, reelcost's own save).
    Unchanged,
    /// Everything is valid and was swapped in.
    Reloaded(Changes),
    /// Something is invalid; the last good state is kept.
    Failed(Diagnostics),
}

/// Which files changed in a reload.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Changes {
    /// Catalog files whose text changed.
    pub catalogs_changed: Vec<PathBuf>,
    /// Catalog files that appeared.
    pub catalogs_added: Vec<PathBuf>,
    /// Catalog files that went away.
    pub catalogs_removed: Vec<PathBuf>,
    /// Whether the scenario file itself changed.
    pub scenario_changed: bool,
    /// How many catalog files are loaded now.
    pub catalog_files: usize,
}

impl Changes {
    /// A short account, e.g. `fal.toml changed, new.toml added`.
    pub fn summary(&self) -> String {
        let name = |p: &PathBuf| {
            p.file_name()
                .map_or_else(|| p.display().to_string(), |n| n.to_string_lossy().into_owned())
        };
        let mut parts: Vec<String> = Vec::new();
        parts.extend(self.catalogs_changed.iter().map(|p| format!("{} changed", name(p))));
        parts.extend(self.catalogs_added.iter().map(|p| format!("{} added", name(p))));
        parts.extend(self.catalogs_removed.iter().map(|p| format!("{} removed", name(p))));
        if self.scenario_changed {
            parts.push("scenario changed".to_owned());
        }
        parts.join(", ")
    }
}

/// A scenario and its catalogs kept in step with the files on disk.
#[derive(Debug)]
pub struct Live {
    source: ScenarioSource,
    catalogs_override: Option<PathBuf>,
    /// The last state that loaded cleanly.
    pub project: Project,
    /// The problem with the files on disk right now, if any.
    pub error: Option<Diagnostics>,
    snapshot: Snapshot,
}

impl Live {
    /// Loads a scenario and its catalogs.
    pub fn open(source: ScenarioSource, catalogs: Option<PathBuf>) -> Result<Self, Diagnostics> {
        let project = project::load(&source, catalogs.as_deref())?;
        let mut live = Self {
            source,
            catalogs_override: catalogs,
            project,
            error: None,
            snapshot: Snapshot::new(),
        };
        live.snapshot = live.read_snapshot().0;
        Ok(live)
    }

    /// The catalogs given in place of the scenario's own, if any.
    pub fn catalogs_override(&self) -> Option<&Path> {
        self.catalogs_override.as_deref()
    }

    /// The scenario file, when it is on disk.
    pub fn scenario_path(&self) -> Option<&Path> {
        match &self.source {
            ScenarioSource::File(path) => Some(path),
            ScenarioSource::Builtin(_) => None,
        }
    }

    fn catalog_dir(&self) -> Option<&Path> {
        match &self.project.catalog_source {
            CatalogSource::Dir(dir) => Some(dir),
            CatalogSource::Builtin => None,
        }
    }

    /// The directories to watch: the scenario's, the catalogs', and the catalogs' parent so that
    /// a catalog directory that disappears and comes back is noticed.
    pub fn watch_dirs(&self) -> Vec<PathBuf> {
        let mut dirs: Vec<PathBuf> = Vec::new();
        let mut add = |dir: &Path| {
            let dir = if dir.as_os_str().is_empty() {
                Path::new(".")
            } else {
                dir
            };
            let dir = fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
            if !dirs.contains(&dir) {
                dirs.push(dir);
            }
        };
        if let Some(parent) = self.scenario_path().and_then(Path::parent) {
            add(parent);
        }
        if let Some(dir) = self.catalog_dir() {
            add(dir);
            if let Some(parent) = dir.parent() {
                add(parent);
            }
        }
        dirs
    }

    /// True when a changed path can affect what is loaded.
    pub fn concerns(&self, path: &Path) -> bool {
        let same = |a: &Path, b: &Path| {
            a == b
                || fs::canonicalize(a)
                    .ok()
                    .zip(fs::canonicalize(b).ok())
                    .is_some_and(|(a, b)| a == b)
        };
        let is_toml = path.extension().is_some_and(|e| e == "toml");
        let in_catalogs = self
            .catalog_dir()
            .is_some_and(|dir| path.parent().is_some_and(|p| same(p, dir)) || same(path, dir));
        let is_scenario = self
            .scenario_path()
            .is_some_and(|s| same(s, path) || s.file_name() == path.file_name());
        (is_toml && in_catalogs)
            || is_scenario
            || self
                .catalog_dir()
                .is_some_and(|dir| dir.file_name() == path.file_name())
    }

    /// The fingerprints of the watched files, and the files found empty or blank.
    fn read_snapshot(&self) -> (Snapshot, Vec<PathBuf>) {
        let mut snapshot = Snapshot::new();
        let mut blank = Vec::new();
        if let Some(path) = self.scenario_path() {
            snapshot.insert(path.to_path_buf(), read_fingerprint(path, &mut blank));
        }
        if let Some(dir) = self.catalog_dir() {
            for path in project::toml_files(dir).unwrap_or_default() {
                let print = read_fingerprint(&path, &mut blank);
                snapshot.insert(path, print);
            }
        }
        (snapshot, blank)
    }

    /// Re-reads the files; swaps in the new state only when all of it loads and `check` accepts
    /// it (a client evaluates the bill at the parameters it shows).
    pub fn reload(&mut self, check: impl Fn(&Project) -> Result<(), Diagnostics>) -> Reload {
        let (snapshot, blank) = self.read_snapshot();
        if snapshot == self.snapshot && self.error.is_none() {
            return Reload::Unchanged;
        }
        let changes = self.changes(&snapshot);
        // A file caught empty is usually an editor mid-save; say so rather than report a parse error.
        let empty: Vec<Diagnostic> = blank
            .iter()
            .map(|path| {
                Diagnostic::file_error(
                    path.display().to_string(),
                    "is empty (caught mid-save?): keeping the last good state until it is saved again",
                )
            })
            .collect();
        let result = if empty.is_empty() {
            project::load(&self.source, self.catalogs_override.as_deref()).and_then(|p| {
                check(&p)
                    .map_err(|errors| self.lost_models(&p, &changes, errors))
                    .map(|()| p)
            })
        } else {
            Err(Diagnostics(empty))
        };
        match result {
            Ok(project) => {
                self.project = project;
                self.error = None;
                self.snapshot = snapshot;
                Reload::Reloaded(changes)
            }
            Err(mut errors) => {
                if let Some(removed) = changes
                    .catalogs_removed
                    .first()
                    .filter(|_| !changes.catalogs_removed.is_empty())
                {
                    errors.0.push(Diagnostic::file_error(
                        removed.display().to_string(),
                        "was removed or renamed",
                    ));
                }
                self.error = Some(errors.clone());
                self.snapshot = snapshot;
                Reload::Failed(errors)
            }
        }
    }

    /// Says which changed catalog no longer defines a model the scenario uses, ahead of the
    /// engine's "no catalog prices the model": the file was edited or replaced, and this is what
    /// it now lacks.
    fn lost_models(&self, now: &Project, changes: &Changes, errors: Diagnostics) -> Diagnostics {
        let scenario = &now.scenario;
        let mut used: Vec<&str> = scenario.steps.iter().map(|s| &*s.model).collect();
        used.extend(
            scenario
                .steps
                .iter()
                .filter_map(|s| s.fallback.as_ref())
                .map(|f| &*f.model),
        );
        used.extend(scenario.params.video_model.as_deref());
        used.sort_unstable();
        used.dedup();
        // Each changed file, with the ids it used to define and no longer does.
        let mut lost: BTreeMap<&PathBuf, Vec<String>> = BTreeMap::new();
        for id in used.into_iter().filter(|id| now.catalogs.model(id).is_none()) {
            let Some(was) = self.project.catalogs.model(id) else {
                continue;
            };
            let path = was.origin.file().path();
            if let Some(changed) = changes
                .catalogs_changed
                .iter()
                .find(|p| p.display().to_string() == path)
            {
                lost.entry(changed).or_default().push(format!("`{id}`"));
            }
        }
        let mut found = Vec::new();
        for (path, ids) in lost {
            let shown = path.display().to_string();
            let models = now
                .catalogs
                .files
                .iter()
                .find(|c| c.path == shown)
                .map_or(0, |c| c.models.len());
            found.push(
                Diagnostic::file_error(
                    shown,
                    format!(
                        "was changed or replaced and no longer defines {}, which the scenario uses \
                         (it now defines {models} model{})",
                        ids.join(", "),
                        if models == 1 { "" } else { "s" }
                    ),
                )
                .with_help("put them back in it, or choose other models in the scenario"),
            );
        }
        found.extend(errors.0);
        Diagnostics(found)
    }

    fn changes(&self, now: &Snapshot) -> Changes {
        let scenario = self.scenario_path();
        let is_catalog = |p: &PathBuf| Some(p.as_path()) != scenario;
        let mut changes = Changes {
            catalog_files: now.keys().filter(|p| is_catalog(p)).count(),
            ..Changes::default()
        };
        for (path, text) in now {
            match self.snapshot.get(path) {
                None if is_catalog(path) => changes.catalogs_added.push(path.clone()),
                Some(old) if old != text && is_catalog(path) => changes.catalogs_changed.push(path.clone()),
                Some(old) if old != text => changes.scenario_changed = true,
                _ => {}
            }
        }
        changes.catalogs_removed = self
            .snapshot
            .keys()
            .filter(|p| is_catalog(p) && !now.contains_key(*p))
            .cloned()
            .collect();
        changes
    }

    /// The check most clients want: the bill evaluates at the scenario's own parameters, or at
    /// `params` when given.
    pub fn evaluates(params: Option<&Params>) -> impl Fn(&Project) -> Result<(), Diagnostics> + '_ {
        move |p: &Project| evaluate(&p.scenario, &p.catalogs, params.unwrap_or(&p.scenario.params)).map(|_| ())
    }

    /// Records the scenario's text after reelcost saved it, so the save causes no reload.
    pub fn saved(&mut self, text: &str) {
        if let Some(path) = self.scenario_path().map(Path::to_path_buf) {
            self.snapshot.insert(path, Some(Fingerprint::of(text)));
            if let Ok(project) = project::load(&self.source, self.catalogs_override.as_deref()) {
                self.project = project;
            }
        }
    }
}
