//! The names an expression may use: the numeric built-in parameters and the scenario's own.

use std::sync::Arc;

use crate::engine::expr::Expression;
use crate::engine::params::{Number, Ref};
use crate::engine::source::Diagnostic;
use crate::engine::suggest;

/// The names a scenario's expressions are bound against.
#[derive(Debug, Clone, Default)]
pub struct Names {
    /// The scenario's own parameters, by slot.
    pub custom: Vec<Arc<str>>,
}

impl Names {
    /// What a name means.
    pub fn lookup(&self, name: &str) -> Option<Ref> {
        match self.custom.iter().position(|c| &**c == name) {
            Some(slot) => Some(Ref::Slot(slot)),
            None => Number::named(name).map(Ref::Builtin),
        }
    }

    /// The known name closest to a mistyped one.
    pub fn closest(&self, name: &str) -> Option<String> {
        let mut all: Vec<&str> = self.custom.iter().map(|c| -> &str { c }).collect();
        all.extend(Number::ALL.map(Number::name));
        suggest::closest(name, all.into_iter()).map(str::to_owned)
    }

    /// Binds every name of an expression, or says which one is unknown.
    pub fn bind(&self, expression: &mut Expression) -> Result<(), Diagnostic> {
        expression.bind(|n| self.lookup(n), |n| self.closest(n))
    }
}
