//! What a scenario adds to the built-in parameters: its own named numbers, the ones derived
//! from others, the declared bounds and ranges of any parameter, its steps (whose models are
//! parameters too) and the credit packs it sells. Built once when the scenario loads and shared
//! by every copy of its parameters.

use std::sync::Arc;

use rust_decimal::Decimal;

use super::Ref;
use crate::engine::expr::Expression;
use crate::engine::scenario::Stage;
use crate::engine::source::Origin;

/// What a long-form parameter declares beside its value.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Bounds {
    /// The lowest value it may take.
    pub min: Option<Decimal>,
    /// The highest value it may take.
    pub max: Option<Decimal>,
    /// How far one arrow key moves it.
    pub step: Option<Decimal>,
    /// The low end of the range it is believed to lie in.
    pub low: Option<Decimal>,
    /// The high end of that range.
    pub high: Option<Decimal>,
    /// A readable name for it.
    pub label: Option<Arc<str>>,
}

/// A parameter the scenario declares for itself.
#[derive(Debug, Clone)]
pub struct Custom {
    /// Its name, as expressions, `--set` and JSON use it.
    pub name: Arc<str>,
    /// Whether it takes whole numbers only (it is written without a decimal point).
    pub whole: bool,
    /// Its bounds, label and range.
    pub bounds: Bounds,
    /// The expression it is computed from, when it is derived (and so read-only).
    pub derived: Option<Arc<Expression>>,
    /// Whether a step, a sale figure or a used derived parameter reads it.
    pub used: bool,
    /// Where it is written.
    pub origin: Origin,
}

/// A step as far as parameters are concerned: its id and the model the file gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepName {
    /// Its id: the `id` key, else its label slugged.
    pub id: Arc<str>,
    /// Its label.
    pub label: Arc<str>,
    /// When it runs.
    pub stage: Stage,
    /// The model the file names.
    pub model: Arc<str>,
}

/// A named pack of credits on sale.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pack {
    /// Its name, e.g. `Pro`.
    pub name: Arc<str>,
    /// Credits in the pack.
    pub credits: Decimal,
    /// What the pack costs.
    pub price: Decimal,
}

impl Pack {
    /// What one credit costs in this pack; `None` for a pack of no credits.
    pub fn credit_price(&self) -> Option<Decimal> {
        self.price.checked_div(self.credits)
    }
}

/// A value computed from an expression: a scenario's own parameter or a built-in one.
#[derive(Debug, Clone)]
pub struct Derivation {
    /// What it sets.
    pub target: Ref,
    /// The parameter's name.
    pub name: Arc<str>,
    /// What it is computed from.
    pub expression: Arc<Expression>,
}

/// Everything about a scenario's parameters beyond the built-in names.
#[derive(Clone, Default)]
pub struct Schema {
    /// The scenario's own parameters in file order; a parameter's index is its slot in
    /// [`Params::values`](super::Params::values).
    pub custom: Vec<Custom>,
    /// Long-form bounds given to built-in parameters.
    pub builtin_bounds: Vec<(&'static str, Bounds)>,
    /// Derived values in the order they must be computed (each after what it reads).
    pub derivations: Vec<Derivation>,
    /// The scenario's steps, in the order of the scenario's step list.
    pub steps: Vec<StepName>,
    /// The credit packs the scenario sells.
    pub packs: Vec<Pack>,
}

impl PartialEq for Schema {
    /// Two schemas are the same when they name the same parameters and steps: where they are
    /// written (which moves when a value is saved) does not matter.
    fn eq(&self, other: &Self) -> bool {
        self.custom.len() == other.custom.len()
            && self
                .custom
                .iter()
                .zip(&other.custom)
                .all(|(a, b)| a.name == b.name && a.whole == b.whole && a.derived.is_some() == b.derived.is_some())
            && self.steps == other.steps
            && self.packs == other.packs
            && self.builtin_bounds == other.builtin_bounds
            && self.derivations.len() == other.derivations.len()
    }
}

impl Eq for Schema {}

impl std::fmt::Debug for Schema {
    /// The names alone: the expressions' files would fill a test failure with their text.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Schema")
            .field("custom", &self.custom.iter().map(|c| &*c.name).collect::<Vec<_>>())
            .field(
                "derived",
                &self.derivations.iter().map(|d| &*d.name).collect::<Vec<_>>(),
            )
            .field("steps", &self.steps.iter().map(|s| &*s.id).collect::<Vec<_>>())
            .field("packs", &self.packs.iter().map(|p| &*p.name).collect::<Vec<_>>())
            .finish()
    }
}

impl Schema {
    /// The slot of a custom parameter.
    pub fn slot(&self, name: &str) -> Option<usize> {
        self.custom.iter().position(|c| &*c.name == name)
    }

    /// The index of the step with this id.
    pub fn step(&self, id: &str) -> Option<usize> {
        self.steps.iter().position(|s| &*s.id == id)
    }

    /// A named pack.
    pub fn pack(&self, name: &str) -> Option<&Pack> {
        self.packs.iter().find(|p| &*p.name == name)
    }

    /// The bounds declared for a parameter, built-in or not.
    pub fn bounds(&self, name: &str) -> Option<&Bounds> {
        match self.slot(name) {
            Some(slot) => self.custom.get(slot).map(|c| &c.bounds),
            None => self.builtin_bounds.iter().find(|(n, _)| *n == name).map(|(_, b)| b),
        }
    }

    /// The derivation that computes a parameter, when it is derived.
    pub fn derivation(&self, name: &str) -> Option<&Derivation> {
        self.derivations.iter().find(|d| &*d.name == name)
    }
}
