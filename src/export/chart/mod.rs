//! SVG charts for slides, drawn with plotters' SVG backend at 1280x720 on white: the share of the
//! bill, cost against a swept parameter, the tornado and a compare of scenarios. Every figure on
//! them is one the engine computed; the charts only place and label it.

mod bars;
mod curve;

pub use bars::{Bar, Tornado, horizontal_bars, tornado};
pub use curve::{Curve, curve};

use rust_decimal::Decimal;

use super::Subject;
use crate::engine::analysis::amortisation;
use crate::engine::{Stage, Totals};

/// Width of every chart, in pixels.
pub const WIDTH: u32 = 1280;
/// Height of every chart, in pixels.
pub const HEIGHT: u32 = 720;

/// Another scenario to set beside the subject.
#[derive(Debug, Clone)]
pub struct Compared {
    /// Its name.
    pub name: String,
    /// Its totals.
    pub totals: Totals,
    /// Its currency.
    pub currency: String,
}

/// A drawn chart and the file it goes into.
#[derive(Debug, Clone)]
pub struct Chart {
    /// The file name, e.g. `share.svg`.
    pub file: String,
    /// What it shows, for a caption or a link.
    pub title: String,
    /// The SVG text.
    pub svg: String,
}

/// Why a chart could not be drawn.
pub type ChartError = String;

/// Every chart the subject has data for: the share of the bill, the amortisation curve when
/// characters are set up, the tornado, and the compare when other scenarios are given.
pub fn all(subject: &Subject<'_>, compared: &[Compared]) -> Result<Vec<Chart>, ChartError> {
    let mut charts = vec![share(subject)?];
    if let Some(chart) = amortisation_curve(subject)? {
        charts.push(chart);
    }
    charts.push(sensitivity(subject)?);
    if !compared.is_empty() {
        charts.push(compare(subject, compared)?);
    }
    Ok(charts)
}

/// How far each input moves the cost per video, swung 20% either way (or across its declared
/// range): the engine's sensitivity as a tornado of the eight widest swings.
pub fn sensitivity(subject: &Subject<'_>) -> Result<Chart, ChartError> {
    const SWING: Decimal = Decimal::from_parts(2, 0, 0, false, 1);
    let swings =
        crate::engine::whatif::sensitivity::sensitivity(subject.scenario, subject.catalogs, subject.params, SWING)
            .map_err(|e| e.to_string())?;
    let rows = swings
        .into_iter()
        .filter(|s| !s.swing.is_zero())
        .take(8)
        .map(|s| {
            let name = format!("{} {}-{}", s.name, s.low.normalize(), s.high.normalize());
            (name, s.per_video_at_low, s.per_video_at_high)
        })
        .collect();
    let data = Tornado {
        base: subject.bill.totals.per_video,
        measure: "cost per video".into(),
        scenario: subject.scenario.name.to_string(),
        currency: subject.bill.currency.to_string(),
        rows,
    };
    Ok(Chart {
        file: "tornado.svg".into(),
        title: format!("What moves the {}", data.measure),
        svg: tornado(&data)?,
    })
}

/// A money figure for a label, in the bill's currency: `$3.01`, `€0.0142`, `12.50 CHF`.
pub fn money_label(value: Decimal, currency: &str, places: u32) -> String {
    crate::format::Currency::of(currency).fixed(value, places)
}

/// Decimals that keep a figure's significant digits: cents above one, four below.
pub fn places(value: Decimal) -> u32 {
    if value.abs() >= Decimal::ONE { 2 } else { 4 }
}

/// A decimal as a drawing coordinate; a position on a chart, never money.
fn coord(value: Decimal) -> f64 {
    value.to_string().parse().unwrap_or(0.0)
}

/// Text from a file, without control characters and cut to `max` characters with an ellipsis.
fn label(text: &str, max: usize) -> String {
    let clean: String = text.chars().filter(|c| !c.is_control()).collect();
    if clean.chars().count() <= max {
        clean
    } else {
        let cut: String = clean.chars().take(max.saturating_sub(1)).collect();
        format!("{}…", cut.trim_end())
    }
}

/// The share of the bill: one bar per line, largest first.
pub fn share(subject: &Subject<'_>) -> Result<Chart, ChartError> {
    let bill = subject.bill;
    let currency = &bill.currency;
    let bars: Vec<Bar> = bill
        .largest_first()
        .into_iter()
        .map(|line| Bar {
            label: line.label.to_string(),
            value: coord(line.per_video),
            text: format!(
                "{}  ·  {}",
                money_label(line.per_video, currency, 4),
                crate::report::percent(bill.share(line))
            ),
            highlight: false,
        })
        .collect();
    let title = format!(
        "Where the {} per video goes",
        money_label(bill.totals.per_video, currency, 2)
    );
    let subtitle = label(&subject.scenario.name, 90);
    Ok(Chart {
        file: "share.svg".into(),
        svg: horizontal_bars(&title, &subtitle, &bars)?,
        title,
    })
}

/// Cost per finished second (per video when nothing is finished) by videos per character: how
/// the character setup amortises. `None` when the scenario sets up no characters.
pub fn amortisation_curve(subject: &Subject<'_>) -> Result<Option<Chart>, ChartError> {
    let has_characters = subject.scenario.steps.iter().any(|s| s.stage == Stage::Character);
    if !has_characters || subject.params.characters == 0 {
        return Ok(None);
    }
    let now = subject.params.videos_per_character;
    let top = now.saturating_mul(3).clamp(20, 100);
    let points = amortisation(subject.scenario, subject.catalogs, subject.params, 1..=top);
    let per_second = points.iter().all(|p| p.per_finished_second.is_some());
    let values: Vec<(u32, Decimal)> = points
        .iter()
        .filter_map(|p| {
            let y = if per_second {
                p.per_finished_second
            } else {
                Some(p.per_video)
            };
            y.map(|y| (p.videos_per_character, y))
        })
        .collect();
    let measure = if per_second { "finished second" } else { "video" };
    let title = format!("Cost per {measure} by videos per character");
    let data = Curve {
        title: title.clone(),
        subtitle: label(&subject.scenario.name, 90),
        x_name: "videos per character".into(),
        y_name: format!("cost per {measure}"),
        points: values,
        current: now,
        currency: subject.bill.currency.to_string(),
    };
    Ok(Some(Chart {
        file: "amortisation.svg".into(),
        svg: curve(&data)?,
        title,
    }))
}

/// The subject beside other scenarios: cost per video, with cost per finished second noted.
pub fn compare(subject: &Subject<'_>, others: &[Compared]) -> Result<Chart, ChartError> {
    let own = Compared {
        name: subject.scenario.name.to_string(),
        totals: subject.bill.totals.clone(),
        currency: subject.bill.currency.to_string(),
    };
    let bars: Vec<Bar> = std::iter::once(&own)
        .chain(others)
        .enumerate()
        .map(|(i, c)| {
            let mut text = money_label(c.totals.per_video, &c.currency, places(c.totals.per_video));
            if let Some(s) = c.totals.per_finished_second {
                text.push_str(&format!("  ·  {}/finished s", money_label(s, &c.currency, 4)));
            }
            Bar {
                label: c.name.clone(),
                value: coord(c.totals.per_video),
                text,
                highlight: i == 0,
            }
        })
        .collect();
    let title = "Cost per video, scenario by scenario".to_owned();
    let subtitle = if others.iter().any(|c| c.currency != own.currency) {
        "Scenarios in different currencies: compare the labels, not the bar lengths".to_owned()
    } else {
        format!("Each at its own parameters; highlighted: {}", label(&own.name, 60))
    };
    Ok(Chart {
        file: "compare.svg".into(),
        svg: horizontal_bars(&title, &subtitle, &bars)?,
        title,
    })
}
