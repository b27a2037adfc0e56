//! The chart's words: its title, the axes' labels at display precision, where the scenario is
//! now, and for a choice each option's cost as a bar.

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use crate::engine::params::Kind;
use crate::engine::{ParamInfo, money};
use crate::format::{Currency, escape};
use crate::report;
use crate::tui::Action;
use crate::tui::app::App;
use crate::tui::keys::{self, Context};
use crate::tui::param;
use crate::tui::sweep::{Chart, Shape};

/// The chart's words, axis labels and bars.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ChartText {
    /// The title, when it fits.
    pub title: String,
    /// The title for a narrow panel.
    pub short_title: String,
    /// Where the scenario is now and what it costs there.
    pub now: String,
    /// The x axis: the parameter's values, low, middle and high.
    pub x_labels: Vec<String>,
    /// The x axis's ends.
    pub x_bounds: (f64, f64),
    /// The y axis: cost, from zero to the top of the curves.
    pub y_labels: Vec<String>,
    /// The y axis's top.
    pub y_top: f64,
    /// Why there is no curve to draw, when there is none worth drawing.
    pub note: Option<String>,
    /// For a choice: each option's name, cost as shown, bar height, and whether it is in use.
    pub bars: Vec<(String, String, u64, bool)>,
}

impl ChartText {
    /// The labels of the app's chart.
    pub fn of(app: &App) -> Self {
        let chart = &app.analysis.chart;
        let amortisation = chart.name == "videos_per_character";
        let (title, short_title) = titles(chart, amortisation);
        // Four decimals below a dollar, as per-second figures are shown; cents up to $100.
        let top = chart.top;
        let places = if top < Decimal::ONE {
            4
        } else if top < Decimal::ONE_HUNDRED {
            2
        } else {
            0
        };
        let info = app.rows.iter().find(|r| r.name == chart.name);
        let currency = app.money();
        let x = |v: Decimal| info.map_or_else(|| v.normalize().to_string(), |i| axis_value(i, v, &currency));
        let mut text = Self {
            title,
            short_title,
            y_labels: [Decimal::ZERO, top / Decimal::TWO, top]
                .into_iter()
                .map(|v| currency.fixed(v, places))
                .collect(),
            y_top: top.to_f64().unwrap_or(1.0).max(f64::MIN_POSITIVE),
            ..Self::default()
        };
        match &chart.shape {
            Shape::Line(line) => {
                let (lo, hi) = match (line.points.first(), line.points.last()) {
                    (Some(a), Some(b)) => (a.0, b.0),
                    _ => (Decimal::ZERO, Decimal::ONE),
                };
                let lo = if amortisation { Decimal::ZERO } else { lo };
                text.x_bounds = (lo.to_f64().unwrap_or(0.0), hi.to_f64().unwrap_or(1.0));
                text.x_labels = if amortisation {
                    // ratatui spaces labels evenly: from 0 they fall on 0, 5, 10, 15, 20.
                    (0..=4)
                        .map(|i| {
                            hi.checked_mul(Decimal::from(i))
                                .map_or_else(String::new, |v| (v / Decimal::from(4)).normalize().to_string())
                        })
                        .collect()
                } else {
                    let middle = lo.checked_add(hi).map_or(hi, |sum| sum / Decimal::TWO);
                    vec![x(lo), x(middle), x(hi)]
                };
                let cliffs = match line.cliffs.len() {
                    0 => String::new(),
                    1 => " · 1 price cliff".to_owned(),
                    n => format!(" · {n} price cliffs"),
                };
                text.now = match line.current {
                    (v, Some(cost)) => format!(" now {}: {}{cliffs} ", x(v), currency.fixed(cost, 4)),
                    _ => cliffs,
                };
            }
            Shape::Bars(bars) => {
                text.bars = bars
                    .iter()
                    .map(|(name, cost, current)| {
                        let shown = cost.map_or_else(|| "n/a".to_owned(), |c| currency.fixed(c, 4));
                        // Bar heights in ten-thousandths of a unit of money: whole numbers to draw.
                        let height = cost
                            .and_then(|c| c.checked_mul(Decimal::from(10_000))?.round().to_u64())
                            .unwrap_or(0);
                        (escape(name).into_owned(), shown, height, *current)
                    })
                    .collect();
            }
            Shape::Note(note) => text.note = Some(note.clone()),
            Shape::Empty => text.note = Some("Select a parameter to chart it.".to_owned()),
        }
        text
    }
}

/// The chart's title, and the one for a narrow panel.
fn titles(chart: &Chart, amortisation: bool) -> (String, String) {
    let metric = chart.metric.words();
    let key = keys::key_name(Context::Normal, &Action::ToggleChartMetric);
    if amortisation {
        (
            format!(" Amortisation: cost {metric} by videos per character · {key} "),
            " Amortisation ".to_owned(),
        )
    } else {
        let parameter = chart.parameter.to_lowercase();
        (
            format!(" Cost {metric} by {parameter} · {key} "),
            format!(" By {parameter} "),
        )
    }
}

/// A value on the x axis, as the parameter is shown: `12%`, `$0.75`, `1,000`.
fn axis_value(info: &ParamInfo, v: Decimal, currency: &Currency) -> String {
    match info.kind {
        Kind::Share => param::percent(money::round(v, 4)),
        Kind::Money => currency.price(money::round(v, 4)),
        _ => match v.normalize().to_u64() {
            Some(n) if v.fract().is_zero() => report::group(n),
            _ => money::round(v, 3).normalize().to_string(),
        },
    }
}
