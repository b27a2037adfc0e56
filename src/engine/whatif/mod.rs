//! What-if analysis on the one cost model: scenarios side by side, a parameter swept over values,
//! a tornado of every input, the spread that price and parameter ranges give the totals, goal
//! seek and budgets. Every answer is the same `evaluate` run at other inputs; nothing here reads
//! a clock or a file, and the Monte Carlo sampler takes its seed from the caller.
#![warn(clippy::arithmetic_side_effects)]

pub mod budget;
pub mod compare;
mod grid;
pub mod inputs;
pub mod metric;
mod sample;
pub mod sensitivity;
pub mod solve;
pub mod sweep;
pub mod uncertainty;

use std::fmt;

use super::params::ParamError;
use super::source::Diagnostics;

pub use budget::{Budget, BudgetCheck, check_budgets, parse_budget};
pub use compare::{LineCost, Row, Side, check_differences, match_lines};
pub use inputs::{PriceInput, Side as PriceSide};
pub use metric::{METRICS, higher_is_better, metric};
pub use sensitivity::{Swing, sensitivity};
pub use solve::{Solution, solve};
pub use sweep::{Crossing, Point, Sweep, range_values, sweep};
pub use uncertainty::{Band, Spread, uncertainty};

/// Why an analysis could not be made.
#[derive(Debug, Clone)]
pub enum Error {
    /// A parameter, metric or value asked for is not valid.
    Input(ParamError),
    /// The bill cannot be evaluated at the scenario's own values.
    Bill(Diagnostics),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Input(e) => e.fmt(f),
            Self::Bill(d) => d.fmt(f),
        }
    }
}

impl std::error::Error for Error {}

impl From<ParamError> for Error {
    fn from(e: ParamError) -> Self {
        Self::Input(e)
    }
}

impl From<Diagnostics> for Error {
    fn from(d: Diagnostics) -> Self {
        Self::Bill(d)
    }
}

/// A `ParamError` for a name or value an analysis was asked about.
pub(crate) fn input_error(name: &str, message: impl Into<String>, help: impl Into<String>) -> Error {
    Error::Input(ParamError {
        name: name.to_owned(),
        message: message.into(),
        help: help.into(),
    })
}
