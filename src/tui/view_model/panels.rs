//! The smaller panels' text: headline figures, parameters, chart labels, notes.

use rust_decimal::Decimal;

use super::{Piece, format};
use crate::engine::params::Kind;
use crate::format::{Currency, escape, warning};
use crate::tui::Action;
use crate::tui::app::{App, Figure, Mode};
use crate::tui::digits;
use crate::tui::keys::{self, Context};
use crate::tui::param::{self, Param};
use crate::tui::theme::Tone;
use crate::tui::ui::text;

/// A headline figure as text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FigureText {
    /// The value to its places, or `n/a`.
    pub shown: String,
    /// The change against the baseline, or what the figure is measured over.
    pub change: Piece,
    /// Columns the value takes in big digits (plain text where the font lacks a glyph).
    pub big_width: usize,
    /// The P10-P90 band, when inputs have ranges: `P10-P90 $2.95-$3.10`.
    pub band: Option<String>,
}

impl FigureText {
    /// A figure's text.
    pub fn of(figure: &Figure, money: &Currency) -> Self {
        let shown = format::figure(figure.value, figure.places, money);
        let change = match &figure.delta {
            Some(delta) => {
                let text = format::delta(delta, figure.places, money);
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
            band: None,
            change,
            shown,
        }
    }
}

/// The P10-P90 band of each headline figure, in the order of `App::figures`, where it has one.
pub fn bands(app: &App) -> [Option<String>; 4] {
    let Some(band) = &app.analysis.band else {
        return Default::default();
    };
    let money = app.money();
    let show = |spread: Option<&crate::engine::whatif::Spread>, places: u32| {
        spread.map(|s| {
            let (low, high) = (money.fixed(s.p10, places), money.fixed(s.p90, places));
            // The symbol once: `$2.95-3.10`.
            let symbol: String = low.chars().take_while(|c| !c.is_ascii_digit() && *c != '-').collect();
            let high = high.strip_prefix(symbol.as_str()).unwrap_or(&high);
            format!("P10-P90 {low}-{high}")
        })
    };
    [
        show(Some(&band.per_video), 2),
        None,
        show(band.per_finished_second.as_ref(), 4),
        show(Some(&band.per_month), 0),
    ]
}

/// A parameter's row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParamRow {
    /// The parameter.
    pub param: Param,
    /// Its label, wide and narrow.
    pub label: (String, String),
    /// Its value as shown, or the text being typed into it.
    pub value: String,
    /// `was …` when it differs from the baseline, the choices on offer, or what it is computed from.
    pub extra: String,
    /// Whether it differs from the baseline.
    pub changed: bool,
    /// Whether a value is being typed into it.
    pub editing: bool,
    /// Whether it is computed from others, and so read-only.
    pub derived: bool,
}

/// The parameters panel.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ParamsView {
    /// A row per parameter.
    pub rows: Vec<ParamRow>,
    /// The position of the selected row.
    pub selected: usize,
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
        let rows = app
            .rows
            .iter()
            .enumerate()
            .map(|(i, info)| {
                let was = app.was.get(i).and_then(Option::as_ref);
                let editing = match &app.mode {
                    Mode::Editing(input) if input.param.name() == info.name => Some(format!("{}▏", input.text)),
                    _ => None,
                };
                let derived = info.kind == Kind::Derived;
                let extra = match was {
                    Some(then) => format!("  was {then}"),
                    None if info.name == "resolution" && app.analysis.resolutions.len() > 1 => {
                        let offered: Vec<&str> = app.analysis.resolutions.iter().map(|r| &**r).collect();
                        format!("  of {}", offered.join(" "))
                    }
                    None if info.kind == Kind::Choice && info.choices.len() > 1 => {
                        format!("  of {}", info.choices.join(" "))
                    }
                    None => match &info.expression {
                        Some(e) if derived => format!("  = {e}"),
                        _ => String::new(),
                    },
                };
                ParamRow {
                    param: Param::named(&info.name),
                    label: (info.label.clone(), param::short_label(info).to_owned()),
                    editing: editing.is_some(),
                    value: editing
                        .unwrap_or_else(|| escape(&param::shown(info, &app.params, &app.money())).into_owned()),
                    extra: escape(&extra).into_owned(),
                    changed: was.is_some(),
                    derived,
                }
            })
            .collect();
        let model_key = keys::key_name(Context::Normal, &Action::NextModel);
        Self {
            rows,
            selected: app.rows.iter().position(|r| r.name == app.selected.name()).unwrap_or(0),
            clip_model: app.analysis.clip_model.as_ref().map(|m| escape(&m.id).into_owned()),
            clip_label: (format!("Clip model ({model_key})"), format!("Clip ({model_key})")),
            hint: format!(" {} ", keys::hints(Context::Normal, &["select", "change", "type"])),
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
        let money = app.money();
        let mut lines: Vec<Vec<Piece>> = app
            .analysis
            .cliffs
            .iter()
            .map(|cliff| {
                let (change, reason) = warning::cliff(cliff, &money);
                vec![(change, Tone::Cheaper), (format!("  ({})", escape(&reason)), Tone::Dim)]
            })
            .collect();
        if lines.is_empty() {
            lines.push(vec![("No price cliff to step back under.".to_owned(), Tone::Dim)]);
        }
        // Stale prices are the dashboard's to find, by the clock it was handed, as `report` does.
        let stale = app.freshness.map(|f| f.bill_warnings(&app.bill)).unwrap_or_default();
        for w in app.bill.warnings.iter().chain(&stale) {
            let message = warning::message(&w.kind, &money);
            lines.push(vec![(format!("⚠ {}", escape(&message)), Tone::Warning)]);
        }
        let title = match app.bill.warnings.len() + stale.len() {
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
