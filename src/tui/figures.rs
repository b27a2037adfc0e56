//! The headline figures and the amortisation curve, derived from the bill and the baseline's.

use rust_decimal::Decimal;

use crate::engine::{Params, Totals};

/// A change against the baseline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Delta {
    /// Now minus then.
    pub amount: Decimal,
    /// The change as a percentage of then; `None` when then was zero.
    pub percent: Option<Decimal>,
}

impl Delta {
    /// The change from `before` to `after`; `None` when the change itself overflows. A
    /// percentage too large to hold (a change against a tiny figure) is left out.
    pub fn between(before: Decimal, after: Decimal) -> Option<Self> {
        let amount = after.checked_sub(before)?;
        let percent = if before.is_zero() {
            None
        } else {
            amount
                .checked_mul(Decimal::ONE_HUNDRED)
                .and_then(|a| a.checked_div(before))
        };
        Some(Self { amount, percent })
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

/// The headline figures and their changes against the baseline.
pub(super) fn figures(now: &Totals, then: &Totals, params: &Params) -> [Figure; 4] {
    let delta = |a: Option<Decimal>, b: Option<Decimal>| Delta::between(b?, a?);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_change_too_large_to_hold_is_no_delta_not_a_panic() {
        assert_eq!(Delta::between(Decimal::MIN, Decimal::MAX), None);
        let tiny = Decimal::new(1, 28);
        let delta = Delta::between(tiny, Decimal::MAX - Decimal::ONE).unwrap();
        assert_eq!(delta.percent, None);
        let d = Delta::between(Decimal::new(3014, 3), Decimal::new(2614, 3)).unwrap();
        assert_eq!(d.amount, Decimal::new(-400, 3));
    }
}
