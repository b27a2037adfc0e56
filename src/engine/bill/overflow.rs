//! Where a figure that cannot be computed exactly points: the step whose cost tips a total over, the sale
//! value a sale figure comes from, or the parameter a count comes from.

use super::Evaluation;
use super::totals::SaleFigure;
use crate::engine::money::INEXACT;
use crate::engine::ratio::Ratio;
use crate::engine::source::Diagnostic;

const TOTAL_HELP: &str = "check this step's prices and counts, and the parameters, for a mistyped figure";

impl Evaluation<'_> {
    /// An error for a total that overflows, at the first step whose share of it (`each` of its
    /// cost per video), added to the shares before it, leaves the range of exact decimals.
    pub(super) fn total_overflow(
        &self,
        costs: &[(usize, Ratio)],
        what: &str,
        each: impl Fn(Ratio) -> Option<Ratio>,
    ) -> Diagnostic {
        let mut sum = Ratio::ZERO;
        let tipping = costs
            .iter()
            .find(|(_, cost)| match each(*cost).and_then(|part| sum.checked_add(part)) {
                Some(more) => {
                    sum = more;
                    false
                }
                None => true,
            });
        // Rounded parts can fit where the exact total does not: then the dearest step is to blame.
        let culprit = tipping.or_else(|| costs.iter().max_by_key(|(_, cost)| cost.value().abs()));
        match culprit.and_then(|(i, _)| self.scenario.steps.get(*i)) {
            Some(step) => step
                .origin
                .error(format!("{}: with this step, {what} {INEXACT}", step.label))
                .with_help(TOTAL_HELP),
            None => {
                Diagnostic::file_error(self.scenario.file.path(), format!("{what} {INEXACT}")).with_help(TOTAL_HELP)
            }
        }
    }

    /// An error for a sale figure that overflows, at the sale value it comes from.
    pub(super) fn sale_overflow(&self, figure: SaleFigure) -> Diagnostic {
        let message = format!("{} {INEXACT}", figure.name());
        let help = "check the sale's price, credits and shares for a mistyped figure";
        let written = figure
            .written_at()
            .iter()
            .find_map(|name| self.scenario.param_origin(name));
        match written.or(self.scenario.sale.as_ref().map(|s| &s.origin)) {
            Some(origin) => origin.error(message).with_help(help),
            None => Diagnostic::file_error(self.scenario.file.path(), format!("[sale]: {message}")).with_help(help),
        }
    }

    /// An error for a figure of the parameters that overflows, at the first of `names` the
    /// scenario writes.
    pub(super) fn parameter_overflow(&self, names: &[&str], what: &str) -> Diagnostic {
        let message = format!("{what} {INEXACT}");
        let help = format!("check {} for a mistyped figure", names.join(", "));
        match names.iter().find_map(|name| self.scenario.param_origin(name)) {
            Some(origin) => origin.error(message).with_help(help),
            None => Diagnostic::file_error(self.scenario.file.path(), message).with_help(help),
        }
    }
}
