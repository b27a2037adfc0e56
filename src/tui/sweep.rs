//! The chart's data: the cost against the selected parameter across its range, from the engine's
//! sweep, made once per change in `update`. A parameter with named options (resolution, a credit
//! pack, audio) is priced at each option instead, for bars. Amortisation is the case where videos
//! per character is selected.

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use super::curve::{Memo, Memos};
use crate::engine::params::{Kind, ParamInfo};
use crate::engine::{Bill, Catalogs, Params, Scenario, Totals, evaluate};

/// Videos per character the amortisation chart sweeps.
pub const AMORTISATION: std::ops::RangeInclusive<u32> = 1..=20;

/// The most points a curve has; a wide range is stepped more coarsely.
const MAX_POINTS: i64 = 40;

/// What the chart's y axis measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Metric {
    /// Cost per video.
    PerVideo,
    /// Cost per finished second (cost per video where no video is finished).
    #[default]
    PerFinishedSecond,
}

impl Metric {
    /// Its words on the chart.
    pub fn words(self) -> &'static str {
        match self {
            Self::PerVideo => "per video",
            Self::PerFinishedSecond => "per finished second",
        }
    }

    /// The other one.
    pub fn other(self) -> Self {
        match self {
            Self::PerVideo => Self::PerFinishedSecond,
            Self::PerFinishedSecond => Self::PerVideo,
        }
    }

    /// Its value in a bill's totals.
    pub fn of(self, totals: &Totals) -> Option<Decimal> {
        match self {
            Self::PerVideo => Some(totals.per_video),
            Self::PerFinishedSecond => totals.per_finished_second,
        }
    }
}

/// A curve of cost against a number: values, the cost at each (where the bill can be made).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Line {
    /// The parameter's values and the cost there, as exact numbers.
    pub points: Vec<(Decimal, Decimal)>,
    /// The same at the baseline's parameters, when they differ.
    pub baseline: Vec<(Decimal, Decimal)>,
    /// The parameter's value now and the cost there.
    pub current: (Decimal, Option<Decimal>),
    /// Where a price rule starts or stops applying: the first value after it and the cost there.
    pub cliffs: Vec<(Decimal, Decimal)>,
    /// Chart coordinates of `points`, `baseline`, `current` and `cliffs` (ratatui plots f64).
    pub plot: Plot,
}

/// A line's coordinates for drawing.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Plot {
    /// The curve now.
    pub points: Vec<(f64, f64)>,
    /// The baseline's curve.
    pub baseline: Vec<(f64, f64)>,
    /// The current point.
    pub current: Vec<(f64, f64)>,
    /// The cliffs.
    pub cliffs: Vec<(f64, f64)>,
}

/// What the chart shows for the selected parameter.
#[derive(Debug, Clone, Default, PartialEq)]
pub enum Shape {
    /// A curve over the parameter's range.
    Line(Line),
    /// The cost at each option: its name, the cost there (none where it cannot be priced), and
    /// whether it is the one in use.
    Bars(Vec<(String, Option<Decimal>, bool)>),
    /// Nothing to plot, and why.
    Note(String),
    /// Not computed yet.
    #[default]
    Empty,
}

/// The chart: the parameter it is against, what it measures, and its shape.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Chart {
    /// The parameter's label.
    pub parameter: String,
    /// The parameter's name.
    pub name: String,
    /// What the y axis measures.
    pub metric: Metric,
    /// What to draw.
    pub shape: Shape,
    /// The highest cost shown, the top of the y axis.
    pub top: Decimal,
}

/// The scenario and the parameters a chart is made at.
pub struct At<'a> {
    /// The scenario.
    pub scenario: &'a Scenario,
    /// Its catalogs.
    pub catalogs: &'a Catalogs,
    /// The parameters now.
    pub params: &'a Params,
    /// The bill at them.
    pub bill: &'a Bill,
    /// The baseline's parameters.
    pub baseline: &'a Params,
}

/// The chart of `metric` against the parameter `info` describes. `memos` keeps the curves'
/// points from one call to the next: see [`Memo`].
pub fn chart(at: &At, memos: &mut Memos, info: &ParamInfo, metric: Metric, choices: &[std::sync::Arc<str>]) -> Chart {
    // Without finished video, "per finished second" has no value: plot per video instead.
    let finishes = at.bill.totals.per_finished_second.is_some();
    let metric = if finishes { metric } else { Metric::PerVideo };
    let mut chart = Chart {
        parameter: info.label.clone(),
        name: info.name.clone(),
        metric,
        shape: Shape::Empty,
        top: Decimal::ZERO,
    };
    chart.shape = match info.kind {
        Kind::Derived => Shape::Note(format!(
            "{} is computed from {}: select what it reads to chart it.",
            info.label,
            info.expression.as_deref().unwrap_or("other parameters")
        )),
        Kind::Model => Shape::Note("A model is swapped in the breakdown.".to_owned()),
        Kind::Choice | Kind::Bool => bars(at, info, metric, choices),
        _ if !info.matters => Shape::Note(format!("{} changes nothing in this scenario.", info.label)),
        _ => line(at, memos, info, metric),
    };
    chart.top = match &chart.shape {
        Shape::Line(l) => l
            .points
            .iter()
            .chain(&l.baseline)
            .map(|p| p.1)
            .max()
            .unwrap_or_default(),
        Shape::Bars(b) => b.iter().filter_map(|b| b.1).max().unwrap_or_default(),
        _ => Decimal::ZERO,
    };
    chart
}

/// The cost at each option of a choice or a switch.
fn bars(at: &At, info: &ParamInfo, metric: Metric, choices: &[std::sync::Arc<str>]) -> Shape {
    let options: Vec<String> = if info.kind == Kind::Bool {
        vec!["off".to_owned(), "on".to_owned()]
    } else {
        choices.iter().map(ToString::to_string).collect()
    };
    if options.len() < 2 {
        return Shape::Note(format!("{} has one option only: nothing to compare.", info.label));
    }
    let now = at.params.get(&info.name).unwrap_or_default();
    let now = if info.kind == Kind::Bool {
        (if now == "true" { "on" } else { "off" }).to_owned()
    } else {
        now
    };
    Shape::Bars(
        options
            .into_iter()
            .map(|option| {
                let mut p = at.params.clone();
                let cost = p
                    .set(&info.name, &option)
                    .ok()
                    .and_then(|()| evaluate(at.scenario, at.catalogs, &p).ok())
                    .and_then(|b| metric.of(&b.totals));
                let current = option == now;
                (option, cost, current)
            })
            .collect(),
    )
}

/// The lowest and highest value a numeric parameter is swept over, and the step between: its
/// whole declared range when that is short, else a window around `now`, never past its bounds;
/// `None` where the window would leave the range of numbers.
fn window(info: &ParamInfo, now: Decimal, step: Decimal) -> Option<(Decimal, Decimal, Decimal)> {
    let points = Decimal::from(MAX_POINTS);
    let (lo, hi, step) = match (info.min, info.max) {
        (Some(min), Some(max)) if max.checked_sub(min)?.checked_div(step)? <= points * Decimal::TWO => (min, max, step),
        // Far from zero in steps (frames at 100), a window of half to one and a half times the
        // value, in coarser steps, shows the cliffs a few steps would miss.
        _ if now.checked_div(step)? > points => {
            let coarse = now.checked_div(points)?.checked_div(step)?.floor().max(Decimal::ONE);
            let step = step.checked_mul(coarse)?;
            // On whole multiples of the step the values stay put as the value moves, so the
            // points already priced serve again; and a whole number is never asked for a half.
            let lo = (now / Decimal::TWO).checked_div(step)?.ceil().checked_mul(step)?;
            (lo, now.checked_mul(Decimal::new(15, 1))?, step)
        }
        _ => {
            let reach = step.checked_mul(points / Decimal::TWO)?;
            (now.checked_sub(reach)?, now.checked_add(reach)?, step)
        }
    };
    let lo = info.min.map_or(lo, |m| lo.max(m)).max(Decimal::ZERO);
    let hi = info.max.map_or(hi, |m| hi.min(m));
    Some((lo, hi, step))
}

/// The values a numeric parameter is swept over: its whole declared range when that is short,
/// else a window of steps around its value, never past its bounds.
fn values(info: &ParamInfo, params: &Params, now: Decimal) -> Vec<Decimal> {
    if info.name == "videos_per_character" {
        // 1 to 20, or on past the value now so that its point is on the curve.
        let last = now.to_u32().unwrap_or(0).saturating_add(5).max(*AMORTISATION.end());
        let last = if last > *AMORTISATION.end() {
            last.div_ceil(4) * 4
        } else {
            last
        };
        return (*AMORTISATION.start()..=last).map(Decimal::from).collect();
    }
    let step = info.step.unwrap_or(match info.kind {
        Kind::Share | Kind::Money => Decimal::new(1, 2),
        _ => Decimal::ONE,
    });
    // A value too near the largest number to sweep around is charted at itself alone.
    let mut out = window(info, now, step)
        .and_then(|(lo, hi, step)| {
            let count = hi
                .checked_sub(lo)?
                .checked_div(step)?
                .floor()
                .to_i64()
                .unwrap_or(0)
                .clamp(0, 2 * MAX_POINTS);
            (0..=count)
                .map(|k| step.checked_mul(Decimal::from(k))?.checked_add(lo))
                .collect::<Option<Vec<Decimal>>>()
        })
        .unwrap_or_default();
    if !out.contains(&now) {
        out.push(now);
        out.sort();
    }
    // Only values the parameter can take: a share of 1 or a count of zero scenes is refused.
    out.retain(|v| params.clone().set(&info.name, &v.normalize().to_string()).is_ok());
    out
}

/// The curve of a numeric parameter, the baseline's beside it, with the cliffs crossed.
fn line(at: &At, memos: &mut Memos, info: &ParamInfo, metric: Metric) -> Shape {
    let number = |p: &Params| p.get(&info.name).and_then(|t| t.parse::<Decimal>().ok());
    let now = number(at.params).unwrap_or_default();
    let values = values(info, at.params, now);
    if values.len() < 2 {
        return Shape::Note(format!("{} cannot move from here.", info.label));
    }
    let curve = |memo: &mut Memo, params: &Params| memo.curve(at.scenario, at.catalogs, params, &info.name, &values);
    let Some(swept) = curve(&mut memos.now, at.params) else {
        return Shape::Note(format!("{} cannot be swept here.", info.label));
    };
    let costs = |totals: &[Option<Totals>]| -> Vec<(Decimal, Decimal)> {
        values
            .iter()
            .zip(totals)
            .filter_map(|(v, t)| Some((*v, metric.of(t.as_ref()?)?)))
            .collect()
    };
    let points = costs(&swept.totals);
    if points.is_empty() {
        return Shape::Note(format!("No bill can be made across {}'s range.", info.label));
    }
    let mut baseline_now = at.baseline.clone();
    let same_curve = baseline_now.set(&info.name, &now.normalize().to_string()).is_ok() && baseline_now == *at.params;
    let baseline = if same_curve {
        // The baseline differs at most in the parameter swept: its curve is this one.
        Vec::new()
    } else {
        curve(&mut memos.baseline, at.baseline)
            .map(|c| costs(&c.totals))
            .unwrap_or_default()
    };
    let mut cliffs: Vec<(Decimal, Decimal)> = swept
        .crossings
        .iter()
        .filter_map(|&after| points.iter().find(|p| Some(&p.0) == values.get(after)).copied())
        .collect();
    cliffs.dedup();
    let current = points.iter().find(|p| p.0 == now).map(|p| p.1);
    let f = |pts: &[(Decimal, Decimal)]| -> Vec<(f64, f64)> {
        pts.iter()
            .filter_map(|(x, y)| Some((x.to_f64()?, y.to_f64()?)))
            .collect()
    };
    let plot = Plot {
        points: f(&points),
        baseline: if baseline == points { Vec::new() } else { f(&baseline) },
        current: current.map(|c| f(&[(now, c)])).unwrap_or_default(),
        cliffs: f(&cliffs),
    };
    Shape::Line(Line {
        baseline: if baseline == points { Vec::new() } else { baseline },
        points,
        current: (now, current),
        cliffs,
        plot,
    })
}
