//! The budgets as the status area shows them: each one pass or fail with its headroom, coloured.

use super::Piece;
use crate::format::total;
use crate::tui::app::App;
use crate::tui::theme::Tone;
use crate::tui::ui::text;

/// The budgets in two lengths: the full one where the screen has room, the short one where not.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BudgetsText {
    /// One piece per budget, `✓ per_video ≤ $3.0000 · headroom $0.3860` in the cheaper tone
    /// or `✗ … over by $0.0259` in the error tone; the reason when they cannot be checked;
    /// nothing when the scenario has none.
    pub full: Vec<Piece>,
    /// The same, the headroom signed in place of the limit: `✓ per_video +$0.3860`.
    pub short: Vec<Piece>,
}

impl BudgetsText {
    /// The budgets of the front scenario, as checked against its bill.
    pub fn of(app: &App) -> Self {
        let money = app.money();
        let checks = match &app.budgets.checks {
            Ok(checks) => checks,
            Err(why) => {
                let piece = vec![(format!(" ✗ budgets cannot be checked: {why} "), Tone::Error)];
                return Self {
                    full: piece.clone(),
                    short: piece,
                };
            }
        };
        let mark = |passed: bool| {
            if passed {
                ("✓", Tone::Cheaper)
            } else {
                ("✗", Tone::Error)
            }
        };
        let full = checks
            .iter()
            .map(|check| {
                let (mark, tone) = mark(check.passed);
                let limits = total::limits(&check.budget, &money);
                (format!(" {mark} {limits} · {} ", total::headroom(check, &money)), tone)
            })
            .collect();
        let short = checks
            .iter()
            .map(|check| {
                let (mark, tone) = mark(check.passed);
                let metric = check.budget.metric;
                (
                    format!(" {mark} {metric} {} ", total::signed(metric, check.headroom, &money)),
                    tone,
                )
            })
            .collect();
        Self { full, short }
    }

    /// Columns the full text takes.
    pub fn full_width(&self) -> usize {
        self.full.iter().map(|(t, _)| text::width(t)).sum()
    }

    /// Columns the short text takes.
    pub fn short_width(&self) -> usize {
        self.short.iter().map(|(t, _)| text::width(t)).sum()
    }

    /// The text for a row of `width` columns beside `taken` of other text: the full one when it
    /// fits, else the short one; and its width.
    pub fn fitting(&self, width: usize, taken: usize) -> (&[Piece], usize) {
        let full = self.full_width();
        if taken + full <= width || full <= width {
            (&self.full, full)
        } else {
            (&self.short, self.short_width())
        }
    }
}
