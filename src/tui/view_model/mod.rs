//! What the dashboard shows, formatted once per change. [`App::update`] rebuilds the view model
//! after every action that changes the state; the `render_*` functions only lay it out and draw
//! it, so a frame formats no figure and a redraw of an unchanged state costs only the drawing.

mod breakdown;
pub mod format;
mod help;
mod panels;

pub use breakdown::{Breakdown, BreakdownRow, COLUMNS, Cell, Column};
pub use help::HelpText;
pub use panels::{ChartText, FigureText, Models, Notes, ParamRow, ParamsView};

use super::app::{App, Mode};
use super::keys::{self, Context};
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
    /// The parameters panel.
    pub params: ParamsView,
    /// The breakdown panel.
    pub breakdown: Breakdown,
    /// The amortisation chart's labels.
    pub chart: ChartText,
    /// Price cliffs and warnings.
    pub notes: Notes,
    /// The clip models that could take the clip step.
    pub models: Models,
    /// The status line: the input, a message, or what the selected row's keys do.
    pub status: Vec<Piece>,
    /// Columns the status line takes.
    pub status_width: usize,
    /// The footer's key hints for the mode: (keys, word).
    pub footer: Vec<(String, &'static str)>,
    /// The help's text, while the help is open.
    pub help: HelpText,
}

impl ViewModel {
    /// What the app's state looks like on screen.
    pub fn of(app: &App) -> Self {
        let status = status(app);
        Self {
            title: title(app),
            banner: banner(app),
            figures: app.figures.iter().map(FigureText::of).collect(),
            params: ParamsView::of(app),
            breakdown: Breakdown::of(app),
            chart: ChartText::of(app),
            notes: Notes::of(app),
            models: Models::of(app),
            status_width: status.iter().map(|(t, _)| text::width(t)).sum(),
            status,
            footer: keys::footer_for(app),
            help: if app.mode == Mode::Help {
                HelpText::of_table()
            } else {
                HelpText::default()
            },
        }
    }
}

fn title(app: &App) -> (String, String) {
    let against = if app.baseline.pinned {
        "changes vs pinned baseline"
    } else {
        "changes vs the file's values"
    };
    let reading = if app.files.reading {
        "reading the files… · "
    } else {
        ""
    };
    (
        format!(" reelcost · {} · {}", app.project.scenario.name, app.source()),
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
    let typing = |action: Action| keys::key_name(Context::Typing, &action);
    let (enter, esc) = (typing(Action::ApplyInput), typing(Action::CancelInput));
    match &app.mode {
        Mode::Naming(name) => vec![
            (" Save as: ".to_owned(), Tone::Value),
            (format!("{name}▏"), Tone::Input),
            (format!("  a new .toml file · {enter} saves · {esc} cancels"), Tone::Dim),
        ],
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
        Mode::Editing(input) => vec![
            (format!(" {} = ", input.param.label()), Tone::Value),
            (format!("{}▏", input.text), Tone::Input),
            (
                format!(
                    "  now {} · {} · {enter} applies · {esc} cancels",
                    input.param.brief(&app.params),
                    input.param.hint()
                ),
                Tone::Dim,
            ),
        ],
        Mode::Normal | Mode::Help => match &app.message {
            Some(m) if m.error => vec![(format!(" ✗ {} ", m.text), Tone::Error)],
            Some(m) => vec![(format!(" ✓ {}", m.text), Tone::Info)],
            None => {
                let normal = |action: Action| keys::key_name(Context::Normal, &action);
                vec![(
                    format!(
                        " {}: {}/{} {} · {} types a value",
                        app.selected.label(),
                        normal(Action::Step(-1)),
                        normal(Action::Step(1)),
                        app.selected.step_hint(),
                        normal(Action::StartEditing),
                    ),
                    Tone::Dim,
                )]
            }
        },
    }
}
