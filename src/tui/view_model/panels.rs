//! The smaller panels' text: headline figures, parameters, chart labels, notes, clip models.

use rust_decimal::Decimal;

use super::{Piece, format};
use crate::engine::money;
use crate::tui::Action;
use crate::tui::app::{App, Figure, Mode, SWEEP};
use crate::tui::digits;
use crate::tui::keys::{self, Context};
use crate::tui::param::Param;
use crate::tui::theme::Tone;
use crate::tui::ui::text;

/// A headline figure as text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FigureText {
    /// The value to its places, or `n/a`.
    pub shown: String,
    /// The exact value, for the cell's bottom border, when there is a value.
    pub exact: Option<String>,
    /// The change against the baseline, or what the figure is measured over.
    pub change: Piece,
    /// Columns the value takes in big digits (plain text where the font lacks a glyph).
    pub big_width: usize,
}

impl FigureText {
    /// A figure's text.
    pub fn of(figure: &Figure) -> Self {
        let shown = format::figure(figure.value, figure.places);
        let change = match &figure.delta {
            Some(delta) => {
                let text = format::delta(delta, figure.places);
                let tone = if text == "no change" {
                    Tone::Dim
                } else {
                    Tone::of_change(delta.amount.cmp(&Decimal::ZERO))
                };
                (text, tone)
            }
            None => (figure.note.clone(), Tone::Dim),
        };
        Self {
            big_width: digits::width(&shown, 1).unwrap_or_else(|| text::width(&shown)),
            exact: figure.value.map(|v| format!(" {} ", format::exact(v))),
            change,
            shown,
        }
    }
}

/// A parameter's row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParamRow {
    /// The parameter.
    pub param: Param,
    /// Its value as shown, or the text being typed into it.
    pub value: String,
    /// `was …` when it differs from the baseline, or the resolutions on offer.
    pub extra: String,
    /// Whether it differs from the baseline.
    pub changed: bool,
    /// Whether a value is being typed into it.
    pub editing: bool,
}

/// The parameters panel.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ParamsView {
    /// A row per parameter.
    pub rows: Vec<ParamRow>,
    /// The clip model in use, under the rows.
    pub clip_model: Option<String>,
    /// The clip model row's label, wide and narrow: `Clip model (m)`.
    pub clip_label: (String, String),
    /// The keys that work the panel, for its bottom border.
    pub hint: String,
}

impl ParamsView {
    /// The parameters at their current values.
    pub fn of(app: &App) -> Self {
        let rows = Param::ALL
            .iter()
            .enumerate()
            .map(|(i, &param)| {
                let was = app.was.get(i).and_then(Option::as_ref);
                let editing = match &app.mode {
                    Mode::Editing(input) if input.param == param => Some(format!("{}▏", input.text)),
                    _ => None,
                };
                let extra = match (was, param) {
                    (Some(then), _) => format!("  was {then}"),
                    (None, Param::Resolution) if app.analysis.resolutions.len() > 1 => {
                        let offered: Vec<&str> = app.analysis.resolutions.iter().map(|r| &**r).collect();
                        format!("  of {}", offered.join(" "))
                    }
                    _ => String::new(),
                };
                ParamRow {
                    param,
                    editing: editing.is_some(),
                    value: editing.unwrap_or_else(|| param.shown(&app.params)),
                    extra,
                    changed: was.is_some(),
                }
            })
            .collect();
        let model_key = keys::key_name(Context::Normal, &Action::NextModel);
        Self {
            rows,
            clip_model: app.analysis.clip_model.as_ref().map(|m| m.id.to_string()),
            clip_label: (format!("Clip model ({model_key})"), format!("Clip ({model_key})")),
            hint: format!(" {} ", keys::hints(Context::Normal, &["select", "change", "type"])),
        }
    }
}

/// The amortisation chart's words and axis labels.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ChartText {
    /// The title, when it fits.
    pub title: String,
    /// Where the scenario is now and what it costs there.
    pub now: String,
    /// The x axis: videos per character.
    pub x_labels: Vec<String>,
    /// The y axis: cost, from zero to the top of the curves.
    pub y_labels: Vec<String>,
}

impl ChartText {
    /// The labels of the app's curve.
    pub fn of(app: &App) -> Self {
        let curve = &app.analysis.curve;
        let (videos, cost) = curve.current;
        let now = match cost {
            Some(cost) => {
                let plural = if videos == 1 { "" } else { "s" };
                format!(" now {videos} video{plural}/char: {} ", money::fixed(cost, 4))
            }
            None => String::new(),
        };
        // ratatui spaces axis labels evenly, so the axis runs from 0 to put them on 0, 5, 10, 15, 20.
        let last = *SWEEP.end();
        let top = curve.top;
        // Four decimals below a dollar, as per-second figures are shown; cents up to $100.
        let places = if top < Decimal::ONE {
            4
        } else if top < Decimal::ONE_HUNDRED {
            2
        } else {
            0
        };
        Self {
            title: format!(" Amortisation: cost {} by videos per character ", curve.metric),
            now,
            x_labels: (0..=4).map(|i| (last * i / 4).to_string()).collect(),
            y_labels: [Decimal::ZERO, top / Decimal::TWO, top]
                .into_iter()
                .map(|v| money::fixed(v, places))
                .collect(),
        }
    }
}

/// Price cliffs the scenario sits just past, and the engine's warnings.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Notes {
    /// The panel's title, with the number of warnings.
    pub title: String,
    /// Each cliff with what it saves and why, then each warning.
    pub lines: Vec<Vec<Piece>>,
    /// Columns each line takes, unwrapped.
    pub widths: Vec<usize>,
}

impl Notes {
    /// The cliffs and warnings at the current parameters.
    pub fn of(app: &App) -> Self {
        let mut lines: Vec<Vec<Piece>> = app
            .analysis
            .cliffs
            .iter()
            .map(|cliff| {
                vec![
                    (
                        format!("{}: -{} per video", cliff.change, money::amount(cliff.saving)),
                        Tone::Cheaper,
                    ),
                    (format!("  ({})", cliff.reason), Tone::Dim),
                ]
            })
            .collect();
        if lines.is_empty() {
            lines.push(vec![("No price cliff to step back under.".to_owned(), Tone::Dim)]);
        }
        for warning in &app.bill.warnings {
            lines.push(vec![(format!("⚠ {}", warning.message()), Tone::Warning)]);
        }
        let title = match app.bill.warnings.len() {
            0 => " Price cliffs ".to_owned(),
            1 => " Price cliffs · 1 warning ".to_owned(),
            n => format!(" Price cliffs · {n} warnings "),
        };
        Self {
            title,
            widths: lines
                .iter()
                .map(|l| l.iter().map(|(t, _)| text::width(t)).sum())
                .collect(),
            lines,
        }
    }

    /// Rows the text takes when wrapped to `width` columns, borders aside.
    pub fn rows(&self, width: u16) -> usize {
        let inner = usize::from(width.saturating_sub(2)).max(1);
        self.widths.iter().map(|w| w.div_ceil(inner).max(1)).sum()
    }
}

/// The video models that could make the clips, cheapest first.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Models {
    /// The panel's title, with how many fit and the keys that swap them.
    pub title: String,
    /// Each model's id and what a video would cost with it.
    pub rows: Vec<(String, String)>,
}

impl Models {
    /// The alternatives at the current parameters.
    pub fn of(app: &App) -> Self {
        let alternatives = &app.analysis.alternatives;
        let title = if alternatives.is_empty() {
            " Clip model ".to_owned()
        } else {
            let key = |action: Action| keys::key_name(Context::Normal, &action);
            format!(
                " Clip model · {} fit · {}/{} swap ",
                alternatives.len(),
                key(Action::NextModel),
                key(Action::PreviousModel)
            )
        };
        Self {
            title,
            rows: alternatives
                .iter()
                .map(|a| (a.model.id.to_string(), money::fixed(a.totals.per_video, 2)))
                .collect(),
        }
    }
}
