//! What the analysis commands share: loading a scenario with `--set` applied, and turning an
//! analysis's refusal into a message that names the flag.

use std::path::Path;
use std::process::ExitCode;

use crate::engine::whatif::{self, Budget, BudgetCheck};
use crate::engine::{Diagnostic, Diagnostics, Params, Scenario};
use crate::format::Currency;
use crate::project::Project;

/// The exit status when a budget fails: 1 stays invalid input and 2 usage.
pub const BUDGET_FAILED: u8 = 3;

/// The exit status when `solve` finds no value that meets the target: the closest is still
/// printed, so a script can tell "met" from "best effort" without reading the text.
pub const TARGET_UNREACHED: u8 = 4;

/// A scenario loaded by file or built-in name, with `--set` applied and checked.
pub fn prepare(scenario: &str, catalogs: Option<&Path>, sets: &[String]) -> Result<(Project, Params), Diagnostics> {
    // Only the imported catalogs that price the scenario's models, or those `--set` names, parse.
    let source = crate::project::scenario_source(scenario)?;
    let mut project = crate::project::load_for_report(&source, catalogs, &super::models_named_by(sets))?;
    let mut params = project.scenario.params.clone();
    super::apply_sets(&mut params, sets)?;
    super::locate_sets(&mut project.scenario, sets);
    super::check_video_model(&project, &params)?;
    Ok((project, params))
}

/// An analysis's error, naming the flag whose value it refused.
pub fn refused(flag: &str, error: whatif::Error) -> Diagnostics {
    match error {
        whatif::Error::Input(e) => Diagnostic::file_error(flag, format!("{} {}", e.name, e.message))
            .with_help(e.help)
            .into(),
        whatif::Error::Bill(d) => d,
    }
}

/// The scenario's own budgets followed by those given with `--budget`.
pub fn budgets(scenario: Option<&Scenario>, flags: &[String]) -> Result<Vec<Budget>, Diagnostics> {
    let mut all: Vec<Budget> = scenario.map(|s| s.budgets.clone()).unwrap_or_default();
    for text in flags {
        all.push(whatif::parse_budget(text).map_err(|e| refused(&format!("--budget {text}"), e))?);
    }
    Ok(all)
}

/// Success, or status 3 when any budget failed.
pub fn status(checks: &[BudgetCheck]) -> ExitCode {
    if checks.iter().any(|c| !c.passed) {
        ExitCode::from(BUDGET_FAILED)
    } else {
        ExitCode::SUCCESS
    }
}

/// A share from `20%` or `0.2`.
pub fn share(flag: &str, text: &str) -> Result<rust_decimal::Decimal, Diagnostics> {
    let trimmed = text.trim();
    let (number, scale) = match trimmed.strip_suffix('%') {
        Some(pct) => (pct, rust_decimal::Decimal::ONE_HUNDRED),
        None => (trimmed, rust_decimal::Decimal::ONE),
    };
    crate::engine::number::parse_decimal(number)
        .ok()
        .map(|v| v / scale)
        .filter(|v| *v > rust_decimal::Decimal::ZERO && *v <= rust_decimal::Decimal::ONE)
        .ok_or_else(|| {
            Diagnostic::file_error(format!("{flag} {trimmed}"), "is not a share above 0 and at most 100%")
                .with_help("e.g. 20% or 0.2")
                .into()
        })
}

/// The currency a scenario's bill is counted in, for writing an analysis's money: the bill's at
/// the given parameters, else the scenario's own, else dollars.
pub fn currency(project: &Project, params: &Params) -> Currency {
    let code = crate::engine::evaluate(&project.scenario, &project.catalogs, params).map_or_else(
        |_| project.scenario.currency.as_deref().unwrap_or("USD").to_owned(),
        |bill| bill.currency.to_string(),
    );
    Currency::of(&code)
}
