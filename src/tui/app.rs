//! The dashboard's state: the parameters, the bill the engine made of them, the baseline they are
//! compared with, and the engine's analyses. `update` (in `update.rs`) changes it; rendering reads it.

use std::sync::Arc;

use rust_decimal::Decimal;

use super::curve::Memos;
pub use super::figures::{Delta, Figure};
use super::files::FileState;
use super::param::Param;
pub use super::picker::Picker;
use super::ranking::Ranking;
pub use super::swap::StepChoice;
use super::theme::Theme;
use super::view_model::ViewModel;
use super::{deck, sweep};
use crate::engine::analysis::{self, Alternative, Cliff};
use crate::engine::stale::Freshness;
use crate::engine::whatif;
use crate::engine::{Bill, Diagnostics, Model, ParamInfo, Params, Severity, evaluate};
use crate::format::Currency;
use crate::project::Project;

/// Samples the uncertainty band draws, as `report` does by default.
pub const BAND_SAMPLES: u32 = 10_000;
/// The band's seed: the same figures on every key press and every run.
pub const BAND_SEED: u64 = 1;

/// How keys are read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mode {
    /// Keys select and change parameters.
    Normal,
    /// Keys type an exact value.
    Editing(Input),
    /// The key bindings are shown.
    Help,
    /// A file name is being typed, to save the scenario as.
    Naming(String),
    /// A directory is being typed, to export the figures into.
    Exporting(String),
    /// The scenario changed on disk since it was loaded: overwrite, save as, or cancel?
    Conflict,
    /// Quitting with changes the file does not hold: save, discard, or cancel?
    Quitting,
    /// A goal-seek target being typed for a parameter.
    Seeking(Input),
    /// Words being typed to narrow the model list (`App::picker` holds them).
    Filtering,
    /// The scenario file is read-only (its permissions): save as, or cancel?
    ReadOnly(String),
    /// A scenario to open beside the others is being chosen from a list.
    Picking(super::scenario_picker::ScenarioPicker),
    /// The scenario file has other names: write through them all, replace this name only, save
    /// as, or cancel?
    Linked {
        /// The file's names, this one included.
        names: u64,
        /// Whether the save writes over a change made on disk.
        force: bool,
    },
}

/// Which panel the arrow keys work.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    /// The parameters: select one and step it.
    Params,
    /// The breakdown: select a line and swap its model.
    Breakdown,
}

/// What fills the screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    /// Every panel.
    Dashboard,
    /// Only the headline figures and the share of the bill, large, for a projector.
    Presentation,
    /// Every open scenario side by side, with deltas against the first.
    Compare,
}

/// A value being typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    /// The parameter it is for.
    pub param: Param,
    /// What has been typed.
    pub text: String,
}

/// A line of feedback under the panels.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    /// Whether something was refused.
    pub error: bool,
    /// What to say.
    pub text: String,
}

/// The figures changes are shown against: the scenario as loaded, or a pinned state.
#[derive(Debug, Clone)]
pub struct Baseline {
    /// Its parameters.
    pub params: Params,
    /// Its bill.
    pub bill: Bill,
    /// False for the scenario as loaded, true once `b` pinned another state.
    pub pinned: bool,
    /// The other scenario whose figures these are, when one was pinned.
    pub from: Option<String>,
    /// That scenario's position in the order the scenarios were opened.
    pub other: Option<usize>,
}

/// A bill line as it was in the baseline, kept when the line has changed since.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineBefore {
    /// The model that priced it.
    pub model: Arc<str>,
    /// What one call cost.
    pub unit_price: Decimal,
    /// Calls per video.
    pub quantity: Decimal,
    /// What it added to a video.
    pub per_video: Decimal,
    /// The price rule that fired.
    pub rule: String,
    /// Whether a different rule or model prices it now.
    pub repriced: bool,
}

/// The engine's analyses at the current parameters.
#[derive(Debug, Clone, Default)]
pub struct Analysis {
    /// The model on the clip step.
    pub clip_model: Option<Arc<Model>>,
    /// The resolutions it offers.
    pub resolutions: Vec<Arc<str>>,
    /// The cost against the selected parameter, ready to plot.
    pub chart: sweep::Chart,
    /// Thresholds the scenario sits just past.
    pub cliffs: Vec<Cliff>,
    /// Video models that could make the clips, cheapest first; shared with the copy kept for
    /// the next change.
    pub alternatives: Arc<Vec<Alternative>>,
    /// Whether `alternatives` were ranked at other parameters or files, and a new ranking is
    /// under way off the UI thread.
    pub alternatives_behind: bool,
    /// Every input swung to its ends, largest swing first; made while the tornado is shown.
    pub tornado: Vec<whatif::Swing>,
    /// The spread of the totals when any input has a range.
    pub band: Option<whatif::Band>,
}

/// The dashboard.
#[derive(Debug, Clone)]
pub struct App {
    /// The scenario and its catalogs.
    pub project: Project,
    /// The parameters now.
    pub params: Params,
    /// The bill at those parameters.
    pub bill: Bill,
    /// What changes are shown against.
    pub baseline: Baseline,
    /// The engine's analyses at the current parameters.
    pub analysis: Analysis,
    /// Per video, per generated second, per finished second, per month.
    pub figures: [Figure; 4],
    /// Indices into `bill.lines`, largest first.
    pub order: Vec<usize>,
    /// For each line of `bill.lines`, how it was in the baseline if it has changed.
    pub before: Vec<Option<LineBefore>>,
    /// Every parameter of the scenario as the engine describes it, in display order.
    pub infos: Vec<ParamInfo>,
    /// The parameters the panel shows: those that matter to this scenario.
    pub rows: Vec<ParamInfo>,
    /// For each parameter row, its baseline value when it differs.
    pub was: Vec<Option<String>>,
    /// The selected parameter row.
    pub selected: Param,
    /// Which panel the arrow keys work.
    pub focus: Focus,
    /// The step of the selected breakdown line.
    pub line: usize,
    /// Models of the same kind that can price the selected line's step, cheapest first; filled
    /// while the breakdown has the focus.
    pub line_models: Vec<StepChoice>,
    /// How keys are read.
    pub mode: Mode,
    /// What fills the screen.
    pub view: View,
    /// Feedback on the last action.
    pub message: Option<Message>,
    /// Colours and styles.
    pub theme: Theme,
    /// Live files: the last reload's highlights, a file error, undo history.
    pub files: FileState,
    /// What the panels show, formatted once per change.
    pub shown: ViewModel,
    /// How many lines the help is scrolled, where the screen is too small for all of it.
    pub help_scroll: u16,
    /// Whether to leave once the save under way is made.
    pub quit_after_save: bool,
    /// What the chart's y axis measures.
    pub chart_metric: sweep::Metric,
    /// The chart's points kept from one key press to the next.
    pub curves: Memos,
    /// The clip-model list as last ranked, and the ranking asked of the worker.
    pub ranking: Ranking,
    /// Whether the tornado takes the chart's place.
    pub tornado_shown: bool,
    /// The other open scenarios, next first.
    pub others: Vec<deck::Parked>,
    /// The front scenario's position in the order the scenarios were opened.
    pub position: usize,
    /// Every open scenario side by side.
    pub comparison: deck::Comparison,
    /// Presentation mode's page, hint and themes.
    pub presentation: super::present::Presentation,
    /// The budgets and how the bill stands against them.
    pub budgets: super::budgets::Budgets,
    /// What narrows the model lists.
    pub picker: Picker,
    /// The models panel's list, kept while what it is made of stays.
    pub listed: super::picker::Listed,
    /// Today and the limit past which a price is stale, from the caller's clock; without it no
    /// price is marked stale.
    pub freshness: Option<Freshness>,
}

impl App {
    /// Opens a project at its scenario's parameters, which become the baseline.
    pub fn new(project: Project, theme: Theme) -> Result<Self, Diagnostics> {
        let params = project.scenario.params.clone();
        let bill = evaluate(&project.scenario, &project.catalogs, &params)?;
        let baseline = Baseline {
            params: params.clone(),
            bill: bill.clone(),
            pinned: false,
            from: None,
            other: None,
        };
        let mut app = Self {
            figures: Default::default(),
            project,
            params,
            bill,
            baseline,
            analysis: Analysis::default(),
            order: Vec::new(),
            before: Vec::new(),
            infos: Vec::new(),
            rows: Vec::new(),
            was: Vec::new(),
            selected: Param::named("scenes"),
            focus: Focus::Params,
            line: 0,
            line_models: Vec::new(),
            mode: Mode::Normal,
            view: View::Dashboard,
            message: None,
            theme,
            files: FileState::default(),
            shown: ViewModel::default(),
            help_scroll: 0,
            quit_after_save: false,
            chart_metric: sweep::Metric::default(),
            curves: Memos::default(),
            ranking: Ranking::default(),
            tornado_shown: false,
            others: Vec::new(),
            position: 0,
            comparison: deck::Comparison::default(),
            presentation: super::present::Presentation::new(theme),
            budgets: super::budgets::Budgets::default(),
            picker: Picker::default(),
            listed: super::picker::Listed::default(),
            freshness: None,
        };
        app.refresh();
        app.reshow();
        Ok(app)
    }

    /// Marks stale prices as of `freshness.today`, the clock the caller injects.
    pub fn with_freshness(mut self, freshness: Freshness) -> Self {
        self.freshness = Some(freshness);
        self.reshow();
        self
    }

    /// Makes again what the panels show from the state now.
    pub(super) fn reshow(&mut self) {
        self.relist();
        self.shown = ViewModel::of(self);
    }

    /// Evaluates `next` and makes it current, or says why the engine refused it. The
    /// parameters it replaces can be had back with undo.
    pub(super) fn apply(&mut self, next: Params) -> Result<(), String> {
        let before = self.params.clone();
        self.replace(next)?;
        if before != self.params {
            self.files.remember(before);
        }
        Ok(())
    }

    /// Evaluates `next` and makes it current, leaving the undo history alone.
    pub(super) fn replace(&mut self, next: Params) -> Result<(), String> {
        let bill = evaluate(&self.project.scenario, &self.project.catalogs, &next).map_err(|d| describe(&d))?;
        self.install(next, bill);
        Ok(())
    }

    /// Makes parameters and the bill the engine made of them current.
    pub(super) fn install(&mut self, params: Params, bill: Bill) {
        self.params = params;
        self.bill = bill;
        self.refresh();
    }

    /// Makes the current state the baseline.
    pub(super) fn pin_baseline(&mut self) {
        self.baseline = Baseline {
            params: self.params.clone(),
            bill: self.bill.clone(),
            pinned: true,
            from: None,
            other: None,
        };
        self.refresh();
    }

    /// Shows changes against the scenario file's values as they are now, after a save or a
    /// reload: a baseline pinned by the user stays.
    pub(super) fn follow_file(&mut self) {
        if self.baseline.pinned {
            return;
        }
        let (scenario, catalogs) = (&self.project.scenario, &self.project.catalogs);
        let params = scenario.params.clone();
        // A file that cannot be priced keeps the last baseline; the banner says what is wrong.
        if let Ok(bill) = evaluate(scenario, catalogs, &params) {
            self.baseline = Baseline {
                params,
                bill,
                pinned: false,
                from: None,
                other: None,
            };
        }
        self.refresh();
    }

    /// The clip model the scenario itself names, before any swap.
    pub(super) fn own_clip_model(&self) -> Option<Arc<str>> {
        let own = Params {
            video_model: None,
            ..self.params.clone()
        };
        analysis::clip_model(&self.project.scenario, &self.project.catalogs, &own).map(|m| Arc::clone(&m.id))
    }

    /// How the bill's money is written, in its currency.
    pub fn money(&self) -> Currency {
        Currency::of(&self.bill.currency)
    }

    /// Where the scenario was read from, for the title bar.
    pub fn source(&self) -> &str {
        self.project.scenario.file.path()
    }
}

/// The errors of a refusal in one line: each message with its help.
pub fn describe(diagnostics: &Diagnostics) -> String {
    let errors: Vec<String> = diagnostics
        .0
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| match &d.help {
            Some(help) => format!("{} ({help})", d.message),
            None => d.message.clone(),
        })
        .collect();
    if errors.is_empty() {
        diagnostics.to_string()
    } else {
        errors.join("; ")
    }
}
