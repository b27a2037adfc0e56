//! Live files in the dashboard: reloads swapped in (or refused, keeping the last good state),
//! the lines a reload repriced, saving, and undo. The loop does the reading and writing; these
//! are the state changes it reports back through `update`.

use std::time::{Duration, Instant};

use rust_decimal::Decimal;

use super::action::{Action, Effect, Loaded, Reload};
use super::app::{App, Mode};
use super::keys::{self, Context};
use crate::engine::params::merge;
use crate::engine::{Bill, Diagnostics, Params, Severity, evaluate};
use crate::project::Project;
use crate::save::Links;

/// How long a repriced line stays highlighted after a reload.
pub const FLASH: Duration = Duration::from_secs(4);

/// The most parameter changes undo goes back through.
const HISTORY: usize = 100;

/// A line a reload repriced, as it was before.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Flash {
    /// The step it prices.
    pub step: usize,
    /// What one call cost before the reload.
    pub unit_price: Decimal,
    /// What it added to a video before the reload.
    pub per_video: Decimal,
}

/// A problem in the files on disk, shown until they are fixed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileError {
    /// `file:line:col: message` of the first problem.
    pub headline: String,
    /// The offending line as shown: escaped, and cut to a window around the column when long.
    pub snippet: Option<String>,
    /// How many problems there are in all.
    pub count: usize,
}

/// The dashboard's state about files on disk.
#[derive(Debug, Clone, Default)]
pub struct FileState {
    /// Lines the last reload repriced.
    pub flash: Vec<Flash>,
    /// When the highlights fade.
    pub flash_until: Option<Instant>,
    /// What is wrong with the files on disk, while it is.
    pub error: Option<FileError>,
    /// Whether the files are being read, off the UI thread.
    pub reading: bool,
    /// Parameters before each change, newest last.
    undo: Vec<Params>,
    /// Parameters undo took back, newest last.
    redo: Vec<Params>,
}

impl FileState {
    /// Records the parameters a change replaced.
    pub fn remember(&mut self, before: Params) {
        self.undo.push(before);
        if self.undo.len() > HISTORY {
            self.undo.remove(0);
        }
        self.redo.clear();
    }

    /// The flash for a step, while it shows.
    pub fn flash_for(&self, step: usize) -> Option<&Flash> {
        self.flash.iter().find(|f| f.step == step)
    }
}

/// Prices a reloaded project at the parameters a user is looking at: `current`, their own changes
/// against `old_file` (the scenario file's values as they were) kept, the rest the file's new
/// values. Returns the parameters, the names of the changes kept, and the bill.
pub fn price(
    old_file: &Params,
    current: &Params,
    project: &Project,
) -> Result<(Params, Vec<String>, Bill), Diagnostics> {
    let (params, kept) = merge(old_file, &project.scenario.params, current);
    let bill = evaluate(&project.scenario, &project.catalogs, &params)?;
    Ok((params, kept.iter().map(ToString::to_string).collect(), bill))
}

impl App {
    /// Takes back the last change of parameters.
    pub(super) fn undo(&mut self) {
        self.walk_history(true);
    }

    /// Makes again the change the last undo took back.
    pub(super) fn redo(&mut self) {
        self.walk_history(false);
    }

    /// Moves one step through the history: parameters come off one stack and the current ones
    /// go on the other.
    fn walk_history(&mut self, back: bool) {
        let (word, done) = if back {
            (
                "undo",
                format!("Undone ({} redoes)", keys::key_name(Context::Normal, &Action::Redo)),
            )
        } else {
            ("redo", "Redone".to_owned())
        };
        let taken = if back {
            self.files.undo.pop()
        } else {
            self.files.redo.pop()
        };
        let Some(params) = taken else {
            self.say(format!("Nothing to {word}"));
            return;
        };
        let current = self.params.clone();
        match self.replace(params.clone()) {
            Ok(()) => {
                let other = if back {
                    &mut self.files.redo
                } else {
                    &mut self.files.undo
                };
                other.push(current);
                self.say(done);
            }
            Err(why) => {
                // Kept, so the step can be tried again once the catalogs allow it.
                let own = if back {
                    &mut self.files.undo
                } else {
                    &mut self.files.redo
                };
                own.push(params);
                self.refuse(format!("Cannot {word} with the catalogs as they are now: {why}"));
            }
        }
    }

    /// Prices a project the files reloaded into, at the parameters the user is looking at: their
    /// own changes kept, the parameters they left alone taking the scenario file's new values.
    /// The shell runs this as the reload's check, so the bill is evaluated once per reload.
    pub fn price_reload(&self, project: &Project) -> Result<(Params, Vec<String>, Bill), Diagnostics> {
        price(&self.project.scenario.params, &self.params, project)
    }

    /// Swaps in a project the files reloaded into, with the bill `price_reload` made of it.
    pub(super) fn reloaded(&mut self, reload: Box<Reload>) {
        let Reload {
            project: Loaded(project),
            params,
            bill,
            ..
        } = *reload;
        let old_lines: Vec<(usize, Decimal, Decimal)> = self
            .bill
            .lines
            .iter()
            .map(|l| (l.step, l.unit_price, l.per_video))
            .collect();
        self.project = *project;
        self.install(params, bill);
        // A scenario edit moves what "the file's values" are; a price edit alone keeps the
        // baseline, so the headline shows what the new prices did.
        if reload.scenario_changed {
            self.follow_file();
        }
        self.files.error = None;
        self.files.reading = false;
        self.files.flash = self
            .bill
            .lines
            .iter()
            .filter_map(|line| {
                let &(step, unit_price, per_video) = old_lines.iter().find(|(s, ..)| *s == line.step)?;
                (unit_price != line.unit_price).then_some(Flash {
                    step,
                    unit_price,
                    per_video,
                })
            })
            .collect();
        self.files.flash_until = (!self.files.flash.is_empty()).then(|| reload.at + FLASH);
        let what = if reload.scenario_changed && reload.summary == "scenario changed" {
            format!("scenario reloaded {}", reload.time)
        } else {
            format!(
                "catalogs reloaded {} ({} files: {})",
                reload.time, reload.catalog_files, reload.summary
            )
        };
        let repriced = match self.files.flash.len() {
            0 => String::new(),
            1 => " · 1 line repriced".to_owned(),
            n => format!(" · {n} lines repriced"),
        };
        let kept = if reload.kept.is_empty() {
            String::new()
        } else {
            format!(" · kept your {}", reload.kept.join(", "))
        };
        self.say(format!("{what}{repriced}{kept}"));
    }

    /// Shows what is wrong with the files, keeping the last good state.
    pub(super) fn reload_failed(&mut self, errors: &Diagnostics, time: &str) {
        self.files.reading = false;
        let first = errors
            .0
            .iter()
            .find(|d| d.severity == Severity::Error)
            .or(errors.0.first());
        self.files.error = first.map(|d| FileError {
            headline: d.headline(),
            snippet: d.snippet.as_ref().map(|s| crate::format::diagnostic::snippet(s).0),
            count: errors.0.iter().filter(|d| d.severity == Severity::Error).count(),
        });
        self.refuse(format!(
            "{time}: the files on disk are invalid; the figures are the last good ones"
        ));
    }

    /// Fades the highlights whose time is up.
    pub(super) fn tick(&mut self, now: std::time::Instant) {
        if self.files.flash_until.is_some_and(|until| now >= until) {
            self.files.flash.clear();
            self.files.flash_until = None;
        }
    }

    /// Asks the loop to save, or says why there is nothing to save into.
    pub(super) fn save(&mut self) -> Option<Effect> {
        if self.project.scenario.file.path().starts_with("<built-in>") {
            self.refuse(format!(
                "A built-in scenario has no file: run `reelcost init DIR` for editable copies, or {} to save as",
                keys::key_name(Context::Normal, &Action::StartSaveAs)
            ));
            return None;
        }
        if self.params == self.project.scenario.params {
            self.say(format!("Nothing to save: {} already holds these values", self.source()));
            return None;
        }
        Some(Effect::Save {
            force: false,
            links: Links::Ask,
        })
    }

    /// Saves into a file with other names as the user chose.
    pub(super) fn save_linked(&mut self, links: Links) -> Option<Effect> {
        let Mode::Linked { force, .. } = self.mode else {
            return None;
        };
        self.mode = Mode::Normal;
        Some(Effect::Save { force, links })
    }

    /// The save was made: the file's values are now the current ones.
    pub(super) fn saved(&mut self, project: Loaded, time: &str) {
        let Loaded(project) = project;
        let path = project.scenario.file.path().to_owned();
        self.project = *project;
        self.mode = Mode::Normal;
        self.follow_file();
        self.say(format!("Saved {path} at {time}"));
    }

    /// The file changed on disk and was not reloaded: ask before writing over it.
    pub(super) fn save_conflict(&mut self) {
        self.mode = Mode::Conflict;
    }

    /// The name typed for save-as, as a path.
    pub(super) fn save_as(&mut self, name: &str) -> Option<Effect> {
        let name = name.trim();
        if name.is_empty() {
            self.mode = Mode::Normal;
            self.say("Save as cancelled: no name typed");
            return None;
        }
        let mut path = std::path::PathBuf::from(name);
        if path.extension().is_none() {
            path.set_extension("toml");
        }
        self.mode = Mode::Normal;
        Some(Effect::SaveAs(path))
    }
}
