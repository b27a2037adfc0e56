//! The scenario picker: a list of the scenario files in the front scenario's directory and the
//! built-in scenarios, filtered as the user types; the one chosen opens beside the others, in
//! front. Listing the directory and reading the file are effects the shell carries out off the
//! UI thread; a file that cannot be read or priced is refused with its place, and nothing open
//! is touched.

use std::path::{Path, PathBuf};

use super::action::{Action, Effect, Loaded};
use super::app::{App, Mode};
use crate::engine::{Diagnostics, Severity};
use crate::project::ScenarioSource;

/// The most characters the filter takes.
const MAX_FILTER: usize = 80;

/// A scenario the picker offers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// How the list names it: the file's name, or the built-in's name.
    pub name: String,
    /// Where it is read from.
    pub source: ScenarioSource,
}

/// The picker's state while it is open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScenarioPicker {
    /// The directory whose files it lists, if the front scenario has one.
    pub dir: Option<PathBuf>,
    /// Every scenario it offers: the directory's files, then the built-in ones.
    pub entries: Vec<Entry>,
    /// What has been typed to filter them.
    pub filter: String,
    /// Indices into `entries` of those the filter keeps, in order.
    pub shown: Vec<usize>,
    /// The chosen row of `shown`.
    pub chosen: usize,
    /// Whether the directory is still being listed.
    pub listing: bool,
    /// Why the directory could not be listed, if it could not.
    pub problem: Option<String>,
}

impl ScenarioPicker {
    fn new(dir: Option<PathBuf>) -> Self {
        let mut picker = Self {
            listing: dir.is_some(),
            dir,
            entries: builtins(),
            filter: String::new(),
            shown: Vec::new(),
            chosen: 0,
            problem: None,
        };
        picker.refilter();
        picker
    }

    /// Keeps the entries whose name holds the filter, ignoring case; the choice stays in range.
    fn refilter(&mut self) {
        let filter = self.filter.to_lowercase();
        self.shown = (0..self.entries.len())
            .filter(|&i| self.entries[i].name.to_lowercase().contains(&filter))
            .collect();
        self.chosen = self.chosen.min(self.shown.len().saturating_sub(1));
    }

    /// The entry chosen, if the filter keeps any.
    pub fn chosen_entry(&self) -> Option<&Entry> {
        self.shown.get(self.chosen).and_then(|&i| self.entries.get(i))
    }
}

/// The built-in scenarios, by name.
fn builtins() -> Vec<Entry> {
    crate::builtin::scenario_names()
        .into_iter()
        .map(|name| Entry {
            name: format!("{name} (built-in)"),
            source: ScenarioSource::Builtin(name),
        })
        .collect()
}

/// The first error of a refusal with its place, and its help: `file:line:col: message (help)`.
pub fn located(errors: &Diagnostics) -> String {
    let first = errors
        .0
        .iter()
        .find(|d| d.severity == Severity::Error)
        .or(errors.0.first());
    match first {
        Some(d) => match &d.help {
            Some(help) => format!("{} ({help})", d.headline()),
            None => d.headline(),
        },
        None => errors.to_string(),
    }
}

impl App {
    /// Opens the picker, and asks the shell to list the front scenario's directory.
    pub(super) fn open_picker(&mut self) -> Option<Effect> {
        let path = Path::new(self.project.scenario.file.path());
        let dir = if self.project.scenario.file.path().starts_with("<built-in>") {
            None
        } else {
            let parent = path.parent().unwrap_or(Path::new(""));
            Some(if parent.as_os_str().is_empty() {
                PathBuf::from(".")
            } else {
                parent.to_path_buf()
            })
        };
        self.mode = Mode::Picking(ScenarioPicker::new(dir.clone()));
        dir.map(Effect::ListScenarios)
    }

    /// What an action does while the picker is open; `None` for the actions it leaves to the
    /// rest of `update` (file events, ticks, a reply from the shell).
    pub(super) fn picking(&mut self, action: &Action) -> Option<Option<Effect>> {
        let Mode::Picking(picker) = &mut self.mode else {
            return None;
        };
        match action {
            Action::InputChar(c) if !c.is_control() && picker.filter.chars().count() < MAX_FILTER => {
                picker.filter.push(*c);
                picker.chosen = 0;
                picker.refilter();
            }
            Action::InputBackspace => {
                picker.filter.pop();
                picker.refilter();
            }
            Action::SelectNext | Action::SelectPrevious => {
                let len = picker.shown.len().max(1);
                let by = if *action == Action::SelectNext { 1 } else { len - 1 };
                picker.chosen = (picker.chosen + by) % len;
            }
            Action::CancelInput | Action::Back => self.mode = Mode::Normal,
            Action::ApplyInput => return Some(self.pick()),
            Action::InputChar(_) => {}
            _ => return None,
        }
        Some(None)
    }

    /// Opens the chosen scenario: brings it to the front if it is open already, else asks the
    /// shell to read it.
    fn pick(&mut self) -> Option<Effect> {
        let Mode::Picking(picker) = &self.mode else {
            return None;
        };
        let Some(entry) = picker.chosen_entry().cloned() else {
            self.say(format!("No scenario matches `{}`", picker.filter));
            return None;
        };
        self.mode = Mode::Normal;
        if let Some(position) = self.open_position(&entry.source) {
            self.bring_to_front(position);
            return None;
        }
        self.say(format!("Opening {}…", entry.name));
        Some(Effect::OpenScenario(entry.source))
    }

    /// The position of an open scenario read from `source`, if one is.
    fn open_position(&self, source: &ScenarioSource) -> Option<usize> {
        // Compared as written, `./` aside: `update` does no file-system work.
        let file = |s: &ScenarioSource| match s {
            ScenarioSource::File(path) => path
                .components()
                .filter(|c| *c != std::path::Component::CurDir)
                .collect::<PathBuf>(),
            ScenarioSource::Builtin(name) => PathBuf::from(format!("<built-in>/scenarios/{name}.toml")),
        };
        let wanted = file(source);
        let same = |path: &str| file(&ScenarioSource::File(PathBuf::from(path))) == wanted;
        if same(self.project.scenario.file.path()) {
            return Some(self.position);
        }
        self.others
            .iter()
            .find(|p| same(p.project.scenario.file.path()))
            .map(|p| p.position)
    }

    /// Fills the picker with the files the shell found.
    pub(super) fn scenarios_listed(&mut self, listed: Result<Vec<PathBuf>, String>) {
        let Mode::Picking(picker) = &mut self.mode else {
            return;
        };
        picker.listing = false;
        match listed {
            Ok(mut files) => {
                files.sort();
                let found = files.into_iter().map(|path| Entry {
                    name: path
                        .file_name()
                        .map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned()),
                    source: ScenarioSource::File(path),
                });
                let mut entries: Vec<Entry> = found.collect();
                entries.extend(builtins());
                picker.entries = entries;
            }
            Err(why) => picker.problem = Some(why),
        }
        picker.refilter();
    }

    /// Opens a scenario the shell read, in front of the others.
    pub(super) fn scenario_opened(&mut self, project: Loaded) {
        let before = self.scenario_count();
        let Loaded(project) = project;
        self.open_others(vec![*project]);
        if self.scenario_count() > before {
            // `open_others` parks it last; the previous one in the ring is the last parked.
            self.switch_scenario(-1);
        }
    }

    /// Says why the scenario chosen could not be opened; everything open stays as it was.
    pub(super) fn open_failed(&mut self, errors: &Diagnostics) {
        self.refuse(format!("Not opened: {}", located(errors)));
    }
}
