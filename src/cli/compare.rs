//! `reelcost compare`: scenarios, built-in names or saved JSON reports side by side.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;

use rust_decimal::Decimal;
use serde_json::Value;

use super::whatif::{budgets, prepare, status};
use crate::engine::number::parse_decimal;
use crate::engine::whatif::budget::check_figures;
use crate::engine::whatif::compare::stage_named;
use crate::engine::whatif::{LineCost, METRICS, Side, check_differences, match_lines};
use crate::engine::{Diagnostic, Diagnostics, SourceFile, evaluate};
use crate::report::{Format, whatif};

/// `compare`'s options.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Scenario files, built-in names, or saved `report --format json` files (baselines).
    #[arg(required = true, num_args = 2.., value_name = "SCENARIO")]
    pub scenarios: Vec<String>,
    /// Change a parameter of every scenario first, e.g. --set frames=80 (repeatable).
    #[arg(long = "set", value_name = "NAME=VALUE")]
    pub sets: Vec<String>,
    /// A limit on a total for every scenario, e.g. --budget 'per_video<=3.00'; exit 3 when one fails.
    #[arg(long = "budget", value_name = "METRIC<=VALUE")]
    pub budgets: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

/// Prints the comparison; exit 3 when a budget fails.
pub fn run(args: &Args, catalogs: Option<&Path>) -> Result<ExitCode, Diagnostics> {
    let mut sides = Vec::new();
    let mut checks = Vec::new();
    for arg in &args.scenarios {
        let (side, own) = if is_saved_report(arg) {
            (baseline(arg)?, None)
        } else {
            let (project, params) = prepare(arg, catalogs, &args.sets)?;
            let bill = evaluate(&project.scenario, &project.catalogs, &params)?;
            let side = Side::from_bill(&*project.scenario.name, project.scenario.file.path(), &bill);
            (side, Some(project.scenario))
        };
        let limits = budgets(own.as_ref(), &args.budgets)?;
        checks.push(check_figures(&limits, &side.totals).map_err(Diagnostics::from)?);
        sides.push(side);
    }
    let rows = match_lines(&sides);
    check_differences(&sides, &rows)?;
    let text = whatif::compare::render(args.format, &sides, &rows, &checks);
    let _ = std::io::stdout().write_all(text.as_bytes());
    if args.format == Format::Csv {
        let currency = crate::format::Currency::of(sides.first().map_or("USD", |s| s.currency.as_str()));
        for check in checks.iter().flatten() {
            super::print_err(whatif::extras::budget_line(check, &currency));
        }
    }
    Ok(status(&checks.concat()))
}

/// True for a file that holds a saved JSON report rather than a scenario.
fn is_saved_report(arg: &str) -> bool {
    let path = Path::new(arg);
    path.is_file()
        && (path.extension().is_some_and(|e| e.eq_ignore_ascii_case("json"))
            || std::fs::read(path).is_ok_and(|b| b.iter().find(|c| !c.is_ascii_whitespace()) == Some(&b'{')))
}

/// A saved `report --format json` as one side of a comparison.
fn baseline(arg: &str) -> Result<Side, Diagnostics> {
    let file = crate::project::read_source(Path::new(arg))?;
    let value: Value = serde_json::from_str(file.text()).map_err(|e| {
        let offset = offset_of(&file, e.line(), e.column());
        Diagnostics::from(
            file.diagnostic(offset..offset, format!("not valid JSON: {e}"))
                .with_help("give a file written by `reelcost report --format json`"),
        )
    })?;
    read_report(&file, &value).map_err(|why| {
        Diagnostics::from(
            Diagnostic::file_error(file.path(), format!("not a saved reelcost report: {why}"))
                .with_help("give a file written by `reelcost report --format json`"),
        )
    })
}

fn offset_of(file: &Arc<SourceFile>, line: usize, column: usize) -> usize {
    let start: usize = file
        .text()
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    (start + column.saturating_sub(1)).min(file.text().len())
}

fn read_report(file: &Arc<SourceFile>, value: &Value) -> Result<Side, String> {
    let money = |v: &Value, what: &str| -> Result<Option<Decimal>, String> {
        match v {
            Value::Null => Ok(None),
            Value::String(s) => parse_decimal(s).map(Some).map_err(|why| format!("{what} {why}")),
            _ => Err(format!("{what} is not a decimal string")),
        }
    };
    let totals_obj = value
        .get("totals")
        .and_then(Value::as_object)
        .ok_or("it has no `totals`")?;
    let mut totals = Vec::new();
    for name in METRICS {
        let figure = totals_obj.get(name).map_or(Ok(None), |v| money(v, name))?;
        totals.push((name, figure));
    }
    if totals.first().and_then(|t| t.1).is_none() {
        return Err("its totals have no `per_video`".into());
    }
    let mut lines = Vec::new();
    for (i, line) in value
        .get("lines")
        .and_then(Value::as_array)
        .ok_or("it has no `lines`")?
        .iter()
        .enumerate()
    {
        let field = |key: &str| {
            line.get(key)
                .and_then(Value::as_str)
                .ok_or(format!("line {} has no `{key}`", i + 1))
        };
        let stage = field("stage")?;
        lines.push(LineCost {
            stage: stage_named(stage).ok_or(format!("line {}: `{stage}` is not a stage", i + 1))?,
            label: field("label")?.into(),
            per_video: line
                .get("per_video")
                .map_or(Ok(None), |v| money(v, "per_video"))?
                .ok_or(format!("line {} has no `per_video`", i + 1))?,
        });
    }
    let name = value.get("scenario").and_then(Value::as_str).unwrap_or(file.path());
    Ok(Side {
        name: name.to_owned(),
        file: file.path().to_owned(),
        totals,
        lines,
        currency: value
            .get("currency")
            .and_then(Value::as_str)
            .unwrap_or("USD")
            .to_owned(),
    })
}
