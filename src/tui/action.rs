//! Everything the dashboard can be asked to do, and what it asks of the loop in return.
//!
//! Keys and mouse events become [`Action`]s in [`super::keys`]; [`super::App::update`] carries
//! them out and returns an [`Effect`] when something outside the state has to happen.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

use super::param::Param;
use crate::engine::{Bill, Diagnostics, Params};
use crate::project::Project;
use crate::save::Links;

/// A change to the dashboard's state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Select the parameter above, wrapping round.
    SelectPrevious,
    /// Select the parameter below, wrapping round.
    SelectNext,
    /// Select a parameter (a mouse click).
    Select(Param),
    /// Step the selected parameter by this many units (negative steps down; x10 with Shift).
    Step(i64),
    /// Open the input for an exact value of the selected parameter.
    StartEditing,
    /// Type a character into the input.
    InputChar(char),
    /// Delete the last character of the input.
    InputBackspace,
    /// Apply the typed value, or refuse it with the reason.
    ApplyInput,
    /// Close the input without changing anything.
    CancelInput,
    /// Set a parameter from text, as typed (a share reads `0.1` and `10%` alike).
    SetParam(Param, String),
    /// Move the arrow keys between the parameters and the breakdown.
    ToggleFocus,
    /// Chart the cost per video or per finished second.
    ToggleChartMetric,
    /// Show the tornado of every input in the chart's place, or the chart again.
    ToggleTornado,
    /// Ask for a target on a total and find the selected parameter's value that meets it.
    StartGoalSeek,
    /// Bring the next open scenario to the front (negative: the previous one).
    SwitchScenario(isize),
    /// Show every open scenario side by side, or the dashboard again.
    ToggleCompare,
    /// Make another open scenario's figures the baseline of the one in front: the next in the
    /// order opened after the one pinned now, and after the last the file's own values again.
    PinOtherScenario,
    /// Put the next video model that fits the clips on the clip step.
    NextModel,
    /// Put the previous video model that fits the clips on the clip step.
    PreviousModel,
    /// Type words that narrow the model list to the models whose id or provider hold them.
    StartFilter,
    /// Put this video model on the clip step (a mouse click on the list).
    ChooseModel(Arc<str>),
    /// Make the current figures the baseline that changes are shown against.
    PinBaseline,
    /// Put every parameter back to the scenario file's value.
    Reset,
    /// Ask for a directory and write the figures at the current parameters there: the workbook,
    /// the CSV, the memo and its charts.
    StartExport,
    /// The export was written: these files.
    Exported(Vec<PathBuf>),
    /// The export could not be written, and why.
    ExportFailed(String),
    /// Show or hide the key bindings.
    ToggleHelp,
    /// Scroll the key bindings, where the screen is too small for them all.
    ScrollHelp {
        /// Lines to scroll by: negative scrolls up.
        by: i16,
        /// The furthest the help can be scrolled on the screen now (the first line of its last
        /// screenful), filled in by [`super::handle`] from the layout.
        most: u16,
    },
    /// Switch between the dashboard and the presentation view.
    TogglePresentation,
    /// Turn to the next presentation page (negative: the previous), round and round.
    TurnPage(isize),
    /// Switch between the high-contrast theme, for projectors, and the usual one.
    ToggleContrast,
    /// Close the help, the input or the presentation view; quit when none is open.
    Back,
    /// Leave the dashboard; with unsaved changes, ask first.
    Quit,
    /// Save the changes, then leave.
    SaveAndQuit,
    /// Leave without saving the changes.
    QuitDiscarding,
    /// Go back to the parameters before the last change.
    Undo,
    /// Redo the change the last undo took back.
    Redo,
    /// Write the parameters into the scenario file.
    Save,
    /// Ask for a file name and write the scenario with these parameters there.
    StartSaveAs,
    /// Save over a scenario file that changed on disk since it was loaded.
    Overwrite,
    /// Save into a file with other names by writing into it: every name shows the change.
    WriteThrough,
    /// Save into a file with other names by replacing this name only: the link is split.
    ReplaceName,
    /// Files changed in a watched directory: reload them if they concern the dashboard.
    FilesChanged(Vec<PathBuf>),
    /// The files are being read off the UI thread (`true`), or were read and nothing in them
    /// changed (`false`).
    Reading(bool),
    /// The worker ranked the clip models.
    Ranked(Box<super::ranking::Ranked>),
    /// The files on disk changed and reloaded cleanly.
    Reloaded(Box<Reload>),
    /// The files on disk changed and something in them is invalid.
    ReloadFailed {
        /// What is wrong, with file and line.
        errors: Diagnostics,
        /// The time of day, as shown.
        time: String,
    },
    /// The scenario was written.
    Saved {
        /// The project as saved (the file's values are now the current ones).
        project: Loaded,
        /// The time of day, as shown.
        time: String,
    },
    /// A save could not be made.
    SaveFailed(String),
    /// The scenario file changed on disk since it was loaded, and that change was not reloaded.
    SaveConflict,
    /// The scenario file is read-only: its permissions, e.g. `r--r--r--`.
    SaveReadOnly(String),
    /// The scenario file has other names (hard links): how many in all, and whether the save
    /// was to write over a change on disk.
    SaveLinked {
        /// The file's names, this one included.
        names: u64,
        /// Whether the save writes over a change made on disk.
        force: bool,
    },
    /// The files cannot be watched for changes.
    WatchFailed,
    /// Time passed: highlights that have had their time fade.
    Tick(Instant),
    /// Open the list of scenarios to open beside the others: the files in the front
    /// scenario's directory and the built-in ones.
    OpenPicker,
    /// The scenario files found in the directory the list shows, or why it cannot be read.
    ScenariosListed(Result<Vec<PathBuf>, String>),
    /// A scenario chosen from the list was read: open it beside the others, in front.
    ScenarioOpened(Loaded),
    /// A scenario chosen from the list could not be read: what is wrong, with file and line.
    OpenFailed(Diagnostics),
    /// An action for a scenario waiting behind the one in front: what a read of its files found.
    Behind {
        /// Its position in the order the scenarios were opened.
        position: usize,
        /// What to do to it.
        action: Box<Action>,
    },
}

/// A project handed to `update`; compared by identity, since projects hold whole files.
#[derive(Debug, Clone)]
pub struct Loaded(pub Box<Project>);

impl PartialEq for Loaded {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(&*self.0, &*other.0)
    }
}

impl Eq for Loaded {}

/// What a clean reload brought, priced once at the parameters the user is looking at.
#[derive(Debug, Clone)]
pub struct Reload {
    /// The new scenario and catalogs.
    pub project: Loaded,
    /// The parameters: the user's own changes kept, the rest the scenario file's new values.
    pub params: Params,
    /// The names of the parameters whose changes were kept over the file's new values.
    pub kept: Vec<String>,
    /// The bill of the new project at those parameters.
    pub bill: Bill,
    /// What changed, e.g. `fal.toml changed`.
    pub summary: String,
    /// How many catalog files are loaded.
    pub catalog_files: usize,
    /// Whether the scenario file itself changed.
    pub scenario_changed: bool,
    /// The time of day, as shown.
    pub time: String,
    /// When it happened, for fading the highlights.
    pub at: Instant,
}

// The bill comes with the project it was priced from, so the project's identity stands for both.
impl PartialEq for Reload {
    fn eq(&self, other: &Self) -> bool {
        self.project == other.project && self.at == other.at
    }
}

impl Eq for Reload {}

/// Something `update` asks the event loop to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Restore the terminal and exit.
    Quit,
    /// Write the parameters into the scenario file; unless `force`, first make sure the file
    /// has not changed on disk since it was loaded.
    Save {
        /// Save over a changed file.
        force: bool,
        /// What to do if the file has other names (hard links).
        links: Links,
    },
    /// Write the scenario with the current parameters to a new file.
    SaveAs(PathBuf),
    /// Re-read the files, if any of these paths concerns them, and report what was found.
    Reload(Vec<PathBuf>),
    /// List the scenario files in this directory, off the UI thread.
    ListScenarios(PathBuf),
    /// Read this scenario and its catalogs off the UI thread, to open it beside the others.
    OpenScenario(crate::project::ScenarioSource),
    /// Write the figures at the current parameters into this directory, made if missing.
    Export(PathBuf),
}
