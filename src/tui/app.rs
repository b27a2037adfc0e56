//! The dashboard's state: the parameters, the bill the engine made of them, the baseline they are
//! compared with, and the engine's analyses. `update` (in `update.rs`) changes it; rendering reads it.

use std::sync::Arc;

use rust_decimal::Decimal;

pub use super::figures::{Curve, Delta, Figure};
use super::figures::{curve, figures};
use super::files::FileState;
use super::param::Param;
use super::theme::Theme;
use super::view_model::ViewModel;
use crate::engine::analysis::{self, Alternative, AmortisationPoint, Cliff};
use crate::engine::{Bill, Diagnostics, Model, Params, Severity, evaluate};
use crate::project::Project;

/// Videos per character the amortisation chart sweeps.
pub const SWEEP: std::ops::RangeInclusive<u32> = 1..=20;

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
    /// The scenario changed on disk since it was loaded: overwrite, save as, or cancel?
    Conflict,
    /// The scenario file is read-only (its permissions): save as, or cancel?
    ReadOnly(String),
    /// The scenario file has other names: write through them all, replace this name only, save
    /// as, or cancel?
    Linked {
        /// The file's names, this one included.
        names: u64,
        /// Whether the save writes over a change made on disk.
        force: bool,
    },
}

/// What fills the screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    /// Every panel.
    Dashboard,
    /// Only the headline figures and the share of the bill, large, for a projector.
    Presentation,
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
    /// Its amortisation sweep.
    pub amortisation: Vec<AmortisationPoint>,
    /// False for the scenario as loaded, true once `b` pinned another state.
    pub pinned: bool,
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
    /// Cost against videos per character.
    pub amortisation: Vec<AmortisationPoint>,
    /// The amortisation sweep, ready to plot.
    pub curve: Curve,
    /// Thresholds the scenario sits just past.
    pub cliffs: Vec<Cliff>,
    /// Video models that could make the clips, cheapest first.
    pub alternatives: Vec<Alternative>,
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
    /// For each parameter row, its baseline value when it differs.
    pub was: [Option<String>; 8],
    /// The selected parameter row.
    pub selected: Param,
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
}

impl App {
    /// Opens a project at its scenario's parameters, which become the baseline.
    pub fn new(project: Project, theme: Theme) -> Result<Self, Diagnostics> {
        let params = project.scenario.params.clone();
        let bill = evaluate(&project.scenario, &project.catalogs, &params)?;
        let baseline = Baseline {
            amortisation: analysis::amortisation(&project.scenario, &project.catalogs, &params, SWEEP),
            params: params.clone(),
            bill: bill.clone(),
            pinned: false,
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
            was: Default::default(),
            selected: Param::Scenes,
            mode: Mode::Normal,
            view: View::Dashboard,
            message: None,
            theme,
            files: FileState::default(),
            shown: ViewModel::default(),
        };
        app.refresh();
        app.shown = ViewModel::of(&app);
        Ok(app)
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
            amortisation: self.analysis.amortisation.clone(),
            pinned: true,
        };
        self.refresh();
    }

    /// Recomputes everything derived from the parameters and the bill.
    pub(super) fn refresh(&mut self) {
        let (scenario, catalogs, params) = (&self.project.scenario, &self.project.catalogs, &self.params);
        let clip_model = analysis::clip_model(scenario, catalogs, params).cloned();
        let amortisation = analysis::amortisation(scenario, catalogs, params, SWEEP);
        self.analysis = Analysis {
            resolutions: clip_model.as_ref().map(|m| m.pricing.resolutions()).unwrap_or_default(),
            clip_model,
            curve: curve(&amortisation, &self.baseline.amortisation, params, &self.bill),
            amortisation,
            cliffs: analysis::cliffs(scenario, catalogs, params, &self.bill),
            alternatives: analysis::video_alternatives(scenario, catalogs, params),
        };
        self.figures = figures(&self.bill.totals, &self.baseline.bill.totals, params);
        self.order = self
            .bill
            .largest_first()
            .into_iter()
            .filter_map(|line| self.bill.lines.iter().position(|l| std::ptr::eq(l, line)))
            .collect();
        self.before = self
            .bill
            .lines
            .iter()
            .map(|line| {
                let then = self.baseline.bill.lines.iter().find(|b| b.step == line.step)?;
                let (rule, now) = (then.rule().to_string(), line.rule().to_string());
                let repriced = rule != now || then.model.id != line.model.id;
                let same = !repriced
                    && then.unit_price == line.unit_price
                    && then.quantity == line.quantity
                    && then.per_video == line.per_video;
                (!same).then(|| LineBefore {
                    model: Arc::clone(&then.model.id),
                    unit_price: then.unit_price,
                    quantity: then.quantity,
                    per_video: then.per_video,
                    rule,
                    repriced,
                })
            })
            .collect();
        self.was = Param::ALL.map(|p| {
            let then = p.brief(&self.baseline.params);
            (then != p.brief(&self.params)).then_some(then)
        });
    }

    /// The clip model the scenario itself names, before any swap.
    pub(super) fn own_clip_model(&self) -> Option<Arc<str>> {
        let own = Params {
            video_model: None,
            ..self.params.clone()
        };
        analysis::clip_model(&self.project.scenario, &self.project.catalogs, &own).map(|m| Arc::clone(&m.id))
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
