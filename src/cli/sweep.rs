//! `reelcost sweep`: the totals at each value of one parameter, with the price cliffs crossed.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use super::whatif::{prepare, refused};
use crate::engine::Diagnostics;
use crate::engine::whatif::{range_values, sweep};
use crate::report::{Format, whatif};

/// `sweep`'s options.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// A scenario file, or a built-in name such as `atve`.
    pub scenario: String,
    /// The parameter and its values: NAME=V1,V2,... or NAME=FROM..TO (with --step).
    #[arg(long, value_name = "NAME=VALUES")]
    pub over: String,
    /// The step of a FROM..TO range.
    #[arg(long, default_value = "1")]
    pub step: String,
    /// Change a parameter first, e.g. --set frames=80 (repeatable).
    #[arg(long = "set", value_name = "NAME=VALUE")]
    pub sets: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

/// Prints the sweep; exit 1 when some value cannot be priced (its row says why).
pub fn run(args: &Args, catalogs: Option<&Path>) -> Result<ExitCode, Diagnostics> {
    let flag = format!("--over {}", args.over);
    let Some((name, spec)) = args.over.split_once('=').map(|(n, s)| (n.trim(), s.trim())) else {
        return Err(crate::engine::Diagnostic::file_error(flag, "expected NAME=VALUES")
            .with_help("e.g. --over videos_per_month=1000,10000,100000 or --over frames=80..100")
            .into());
    };
    let values = match spec.split_once("..") {
        Some((from, to)) => range_values(name, from, to, &args.step).map_err(|e| refused(&flag, e))?,
        None => spec
            .split(',')
            .map(|v| v.trim().to_owned())
            .filter(|v| !v.is_empty())
            .collect(),
    };
    let (project, params) = prepare(&args.scenario, catalogs, &args.sets)?;
    let swept = sweep(&project.scenario, &project.catalogs, &params, name, &values).map_err(|e| refused(&flag, e))?;
    let _ = std::io::stdout().write_all(whatif::sweep::render(args.format, &swept).as_bytes());
    let failed: Vec<String> = swept
        .points
        .iter()
        .filter_map(|p| p.totals.as_ref().err().map(|e| format!("{name}={}: {e}", p.value)))
        .collect();
    for message in &failed {
        super::print_err(message);
    }
    Ok(if failed.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
