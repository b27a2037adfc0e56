//! The budgets in the dashboard: the front scenario's `[[budget]]` entries and those given with
//! `--budget`, checked against its bill after every change, so the status area says at once
//! whether a tweak went over.

use super::app::App;
use crate::engine::whatif::{Budget, BudgetCheck, check_budgets};

/// The budgets and how the bill stands against them.
#[derive(Debug, Clone)]
pub struct Budgets {
    /// Budgets given on the command line; they hold for every open scenario.
    pub given: Vec<Budget>,
    /// Each budget of the front scenario checked against its bill, or, when one is on a total
    /// the bill has no value for, the located reason it cannot be checked.
    pub checks: Result<Vec<BudgetCheck>, String>,
}

impl Default for Budgets {
    fn default() -> Self {
        Self {
            given: Vec::new(),
            checks: Ok(Vec::new()),
        }
    }
}

impl App {
    /// Sets budgets that hold for every open scenario (`--budget` on the command line).
    pub fn give_budgets(&mut self, budgets: Vec<Budget>) {
        self.budgets.given = budgets;
        self.check_budgets();
        self.reshow();
    }

    /// Checks the front scenario's budgets, its own first, against its bill.
    pub(super) fn check_budgets(&mut self) {
        let all: Vec<Budget> = self
            .project
            .scenario
            .budgets
            .iter()
            .chain(&self.budgets.given)
            .cloned()
            .collect();
        self.budgets.checks = check_budgets(&all, &self.bill.totals).map_err(|d| d.headline());
    }
}
