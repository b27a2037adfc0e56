//! The headline figures and the amortisation curve, derived from the bill and the baseline's.

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use crate::engine::analysis::AmortisationPoint;
use crate::engine::{Bill, Params, Totals};

/// A change against the baseline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Delta {
    /// Now minus then.
    pub amount: Decimal,
    /// The change as a percentage of then; `None` when then was zero.
    pub percent: Option<Decimal>,
}

impl Delta {
    /// The change from `before` to `after`.
    pub fn between(before: Decimal, after: Decimal) -> Self {
        let amount = after - before;
        let percent = (!before.is_zero()).then(|| amount / before * Decimal::ONE_HUNDRED);
        Self { amount, percent }
    }
}

/// A headline figure.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Figure {
    /// What it is.
    pub label: &'static str,
    /// The same, for a narrow space.
    pub short: &'static str,
    /// Its value; `None` when it cannot be computed (no seconds of video).
    pub value: Option<Decimal>,
    /// Decimals it is shown to: cents for totals, four for per-second figures.
    pub places: u32,
    /// Its change against the baseline.
    pub delta: Option<Delta>,
    /// What it is measured over, e.g. `25 s generated`; empty when that goes without saying.
    pub note: String,
}

/// The amortisation sweep as chart coordinates. ratatui charts take f64; labels stay Decimal.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Curve {
    /// What the y axis measures.
    pub metric: &'static str,
    /// (videos per character, cost) now.
    pub points: Vec<(f64, f64)>,
    /// The same for the baseline, when it differs.
    pub baseline: Vec<(f64, f64)>,
    /// Videos per character now and the cost there.
    pub current: (u32, Option<Decimal>),
    /// The highest cost on either curve, the top of the y axis.
    pub top: Decimal,
}

/// The headline figures and their changes against the baseline.
pub(super) fn figures(now: &Totals, then: &Totals, params: &Params) -> [Figure; 4] {
    let delta = |a: Option<Decimal>, b: Option<Decimal>| Some(Delta::between(b?, a?));
    let seconds = |s: Decimal, what: &str| {
        if s.is_zero() {
            "no video".to_owned()
        } else {
            format!("{} s {what}", crate::engine::money::round(s, 3).normalize())
        }
    };
    [
        Figure {
            label: "Cost per video",
            short: "Per video",
            value: Some(now.per_video),
            places: 2,
            delta: delta(Some(now.per_video), Some(then.per_video)),
            note: String::new(),
        },
        Figure {
            label: "Per generated second",
            short: "Per gen. second",
            value: now.per_generated_second,
            places: 4,
            delta: delta(now.per_generated_second, then.per_generated_second),
            note: seconds(now.generated_seconds, "generated"),
        },
        Figure {
            label: "Per finished second",
            short: "Per fin. second",
            value: now.per_finished_second,
            places: 4,
            delta: delta(now.per_finished_second, then.per_finished_second),
            note: seconds(now.finished_seconds, "finished"),
        },
        Figure {
            label: "Per month",
            short: "Per month",
            value: Some(now.per_month),
            places: 2,
            delta: delta(Some(now.per_month), Some(then.per_month)),
            note: format!("{} videos", crate::report::group(params.videos_per_month)),
        },
    ]
}

/// The amortisation sweep as coordinates: cost per finished second when the scenario finishes
/// any video, else cost per video.
pub(super) fn curve(now: &[AmortisationPoint], then: &[AmortisationPoint], params: &Params, bill: &Bill) -> Curve {
    let per_second = bill.totals.per_finished_second.is_some();
    let cost = |p: &AmortisationPoint| {
        if per_second {
            p.per_finished_second
        } else {
            Some(p.per_video)
        }
    };
    let plot = |points: &[AmortisationPoint]| -> Vec<(f64, f64)> {
        points
            .iter()
            .filter_map(|p| Some((f64::from(p.videos_per_character), cost(p)?.to_f64()?)))
            .collect()
    };
    let points = plot(now);
    let baseline = plot(then);
    let top = now.iter().chain(then).filter_map(cost).max().unwrap_or_default();
    let current = if per_second {
        bill.totals.per_finished_second
    } else {
        Some(bill.totals.per_video)
    };
    Curve {
        metric: if per_second { "per finished second" } else { "per video" },
        baseline: if baseline == points { Vec::new() } else { baseline },
        points,
        current: (params.videos_per_character, current),
        top,
    }
}
