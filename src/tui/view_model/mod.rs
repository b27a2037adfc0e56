//! What the dashboard shows, formatted once per change. [`App::update`] rebuilds the view model
//! after every action that changes the state; the `render_*` functions only lay it out and draw
//! it, so a frame formats no figure and a redraw of an unchanged state costs only the drawing.

mod breakdown;
mod budgets;
mod chart;
mod compare;
pub mod format;
mod help;
mod margin;
mod models;
mod panels;
mod present;
mod scenario_picker;
mod tornado;

pub use breakdown::{Breakdown, BreakdownRow, COLUMNS, Cell, Column, TOTAL};
pub use budgets::BudgetsText;
pub use chart::ChartText;
pub use compare::{CompareText, Hero};
pub use help::HelpText;
pub use margin::MarginTile;
pub use models::{ModelRow, Models, STALE_MARK, WINDOW};
pub use panels::{FigureText, Notes, ParamRow, ParamsView};
pub use present::PresentText;
pub use scenario_picker::PickerText;
pub use tornado::{Tornado, TornadoRow};

use super::app::{App, Focus, Mode};
use super::keys::{self, Context};
use super::param;
use super::theme::Tone;
use super::ui::text;
use crate::tui::Action;

/// A run of text and its tone.
pub type Piece = (String, Tone);

/// Everything the panels show, as text.
#[derive(Debug, Clone, Default)]
pub struct ViewModel {
    /// The title bar: the scenario and its file, and what changes are shown against.
    pub title: (String, String),
    /// What is wrong with the files on disk, a line each, while something is.
    pub banner: Vec<Piece>,
    /// The headline figures, in the order of `App::figures`.
    pub figures: Vec<FigureText>,
    /// The Price & margin tile, when the scenario sells its videos.
    pub margin: Option<MarginTile>,
    /// The parameters panel.
    pub params: ParamsView,
    /// The breakdown panel.
    pub breakdown: Breakdown,
    /// The amortisation chart's labels.
    pub chart: ChartText,
    /// Every open scenario side by side.
    pub compare: CompareText,
    /// The tornado, while it is shown.
    pub tornado: Tornado,
    /// Price cliffs and warnings.
    pub notes: Notes,
    /// The clip models that could take the clip step.
    pub models: Models,
    /// The status line: the input, a message, or what the selected row's keys do.
    pub status: Vec<Piece>,
    /// Columns the status line takes.
    pub status_width: usize,
    /// The budgets, pass or fail with their headroom, beside the status line.
    pub budgets: BudgetsText,
    /// The footer's key hints for the mode: (keys, word).
    pub footer: Vec<(String, &'static str)>,
    /// The help's text, while the help is open.
    pub help: HelpText,
    /// Presentation mode's hint and page marker.
    pub presentation: PresentText,
    /// The scenario picker, while it is open.
    pub picker: Option<PickerText>,
}

impl ViewModel {
    /// What the app's state looks like on screen.
    pub fn of(app: &App) -> Self {
        let status = status(app);
        Self {
            title: title(app),
            banner: banner(app),
            figures: app
                .figures
                .iter()
                .zip(panels::bands(app))
                .map(|(f, band)| FigureText {
                    band,
                    ..FigureText::of(f, &app.money())
                })
                .collect(),
            margin: app.bill.totals.sale.as_deref().map(|s| MarginTile::of(s, &app.money())),
            params: ParamsView::of(app),
            breakdown: Breakdown::of(app),
            chart: ChartText::of(app),
            notes: Notes::of(app),
            compare: CompareText::of(app),
            tornado: Tornado::of(
                &app.analysis.tornado,
                (app.bill.totals.per_video, &app.money()),
                &keys::key_name(Context::Normal, &Action::ToggleTornado),
            ),
            models: Models::of(app),
            status_width: status.iter().map(|(t, _)| text::width(t)).sum(),
            budgets: BudgetsText::of(app),
            status,
            footer: keys::footer_for(app),
            presentation: PresentText::of(app),
            picker: PickerText::of(app),
            help: if app.mode == Mode::Help {
                HelpText::of_table()
            } else {
                HelpText::default()
            },
        }
    }
}

fn title(app: &App) -> (String, String) {
    let against = match (&app.baseline.from, app.baseline.pinned) {
        (Some(other), _) => format!("changes vs {other}"),
        (None, true) => "changes vs pinned baseline".to_owned(),
        (None, false) => "changes vs the file's values".to_owned(),
    };
    let against = if app.scenario_count() > 1 {
        format!("{} of {} · {against}", app.position + 1, app.scenario_count())
    } else {
        against
    };
    let reading = if app.files.reading {
        "reading the files… · "
    } else {
        ""
    };
    (
        // A scenario without a `name` is named by its file: said once.
        crate::format::escape(&if *app.project.scenario.name == *app.source() {
            format!(" reelcost · {}", app.source())
        } else {
            format!(" reelcost · {} · {}", app.project.scenario.name, app.source())
        })
        .into_owned(),
        format!("{reading}{against} "),
    )
}

/// The first problem's place and message, its line, and what the figures are meanwhile.
fn banner(app: &App) -> Vec<Piece> {
    let Some(error) = &app.files.error else {
        return Vec::new();
    };
    let more = match error.count {
        0 | 1 => String::new(),
        n => format!(" (+{} more)", n - 1),
    };
    let mut lines = vec![(format!(" ✗ {}{more}", error.headline), Tone::Error)];
    if let Some(snippet) = &error.snippet {
        lines.push((format!("   | {snippet}"), Tone::Warning));
    }
    lines.push((
        "   Still showing the last good figures; this clears when the file is fixed.".to_owned(),
        Tone::Dim,
    ));
    lines
}

/// The input being typed, a message, or what the selected parameter's keys do.
fn status(app: &App) -> Vec<Piece> {
    match &app.mode {
        Mode::Conflict => vec![(
            format!(
                " {} changed on disk since it was loaded: {} ",
                app.source(),
                keys::hints(Context::Conflict, &["overwrite", "save as", "cancel"])
            ),
            Tone::Error,
        )],
        Mode::ReadOnly(mode) => vec![(
            format!(
                " {} is read-only ({mode}): not saved. {} ",
                app.source(),
                keys::hints(Context::ReadOnly, &["save as", "cancel"])
            ),
            Tone::Error,
        )],
        Mode::Linked { names, .. } => vec![(
            format!(
                " {} has {names} names (hard links): {} ",
                app.source(),
                keys::hints(Context::Linked, &["write all", "this name only", "save as", "cancel"])
            ),
            Tone::Error,
        )],
        Mode::Quitting => vec![(
            format!(
                " Unsaved changes to {}: {} ",
                app.source(),
                keys::hints(Context::Quitting, &["save", "discard", "cancel"])
            ),
            Tone::Error,
        )],
        Mode::Naming(_) | Mode::Exporting(_) | Mode::Editing(_) | Mode::Seeking(_) | Mode::Filtering => prompt(app),
        Mode::Normal | Mode::Help | Mode::Picking(_) => match &app.message {
            Some(m) if m.error => vec![(format!(" ✗ {} ", m.text), Tone::Error)],
            Some(m) => vec![(format!(" ✓ {}", m.text), Tone::Info)],
            None => vec![(idle_hint(app), Tone::Dim)],
        },
    }
}

/// The status line while something is typed: what for, the text with its cursor, and the keys.
fn prompt(app: &App) -> Vec<Piece> {
    let typing = |action: Action| keys::key_name(Context::Typing, &action);
    let (enter, esc) = (typing(Action::ApplyInput), typing(Action::CancelInput));
    match &app.mode {
        Mode::Naming(name) => vec![
            (" Save as: ".to_owned(), Tone::Value),
            (format!("{name}▏"), Tone::Input),
            (format!("  a new .toml file · {enter} saves · {esc} cancels"), Tone::Dim),
        ],
        Mode::Exporting(dir) => vec![
            (" Export to: ".to_owned(), Tone::Value),
            (format!("{}▏", crate::format::escape(dir)), Tone::Input),
            (
                format!("  a directory for the workbook, CSV, memo and charts · {enter} exports · {esc} cancels"),
                Tone::Dim,
            ),
        ],
        Mode::Editing(input) => {
            let info = app.rows.iter().find(|r| r.name == input.param.name());
            vec![
                (
                    format!(" {} = ", info.map_or(input.param.name(), |i| i.label.as_str())),
                    Tone::Value,
                ),
                (format!("{}▏", input.text), Tone::Input),
                (
                    format!(
                        "  now {} · {} · {enter} applies · {esc} cancels",
                        info.map(|i| param::brief(i, &app.params, &app.money()))
                            .unwrap_or_default(),
                        info.map(param::hint).unwrap_or_default()
                    ),
                    Tone::Dim,
                ),
            ]
        }
        Mode::Seeking(input) => {
            let label = app.selected_info().map_or(input.param.name(), |i| i.label.as_str());
            vec![
                (format!(" Goal seek {label}: "), Tone::Value),
                (format!("{}▏", input.text), Tone::Input),
                (
                    format!(
                        "  a target, e.g. per_video=2.50, per_finished_second=0.15, margin_share=50% · {enter} solves · {esc} cancels"
                    ),
                    Tone::Dim,
                ),
            ]
        }
        Mode::Filtering => vec![
            (" Filter models: ".to_owned(), Tone::Value),
            (format!("{}▏", app.picker.filter), Tone::Input),
            (format!("  id or provider · {enter} keeps · {esc} clears"), Tone::Dim),
        ],
        _ => Vec::new(),
    }
}

/// What the keys do to the selected parameter or breakdown line.
fn idle_hint(app: &App) -> String {
    let normal = |action: Action| keys::key_name(Context::Normal, &action);
    let arrows = format!("{}/{}", normal(Action::Step(-1)), normal(Action::Step(1)));
    if app.focus == Focus::Breakdown {
        let label = app.selected_line().map(|l| l.label.to_string()).unwrap_or_default();
        return format!(
            " {label}: {arrows} swap its model · {} filter · {} back to the parameters",
            normal(Action::StartFilter),
            normal(Action::ToggleFocus)
        );
    }
    match app.selected_info() {
        Some(info) if info.kind == crate::engine::params::Kind::Derived => {
            format!(" {}: {}", info.label, param::step_hint(info, &app.money()))
        }
        Some(info) => format!(
            " {}: {arrows} {} · {} types a value · {} the breakdown",
            info.label,
            param::step_hint(info, &app.money()),
            normal(Action::StartEditing),
            normal(Action::ToggleFocus),
        ),
        None => String::new(),
    }
}
