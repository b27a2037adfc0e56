//! `reelcost solve`: goal seek on one parameter.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use super::whatif::{prepare, refused};
use crate::engine::number::parse_decimal;
use crate::engine::whatif::solve;
use crate::engine::{Diagnostic, Diagnostics};
use crate::report::{Format, whatif};

/// `solve`'s options.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Exit status: 0 the target is met, 1 invalid input, 2 usage, 4 no value within the parameter's bounds meets the target (the closest is printed all the same)."
)]
pub struct Args {
    /// A scenario file, or a built-in name such as `atve`.
    pub scenario: String,
    /// The total and its target: METRIC=VALUE, a most for costs and a least for price and margin.
    #[arg(long, value_name = "METRIC=VALUE")]
    pub target: String,
    /// The parameter to vary.
    #[arg(long, value_name = "PARAM")]
    pub vary: String,
    /// The grid a decimal parameter is solved on (whole-number parameters move in ones).
    #[arg(long, value_name = "STEP")]
    pub resolution: Option<String>,
    /// Change a parameter first, e.g. --set frames=80 (repeatable).
    #[arg(long = "set", value_name = "NAME=VALUE")]
    pub sets: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

/// Prints the value found, or says the target cannot be reached and prints the closest, with
/// exit status 4.
pub fn run(args: &Args, catalogs: Option<&Path>) -> Result<ExitCode, Diagnostics> {
    let flag = format!("--target {}", args.target);
    let bad = |why: String| -> Diagnostics {
        Diagnostic::file_error(&flag, why)
            .with_help("METRIC=VALUE, e.g. --target per_finished_second=0.15")
            .into()
    };
    let (metric, value) = args
        .target
        .split_once('=')
        .ok_or_else(|| bad("expected METRIC=VALUE".to_owned()))?;
    let value = parse_decimal(value).map_err(|why| bad(format!("the target {why}")))?;
    let resolution = match &args.resolution {
        Some(text) => Some(parse_decimal(text).map_err(|why| {
            Diagnostics::from(Diagnostic::file_error(format!("--resolution {text}"), why).with_help("e.g. 0.01"))
        })?),
        None => None,
    };
    let (project, params) = prepare(&args.scenario, catalogs, &args.sets)?;
    let found = solve(
        &project.scenario,
        &project.catalogs,
        &params,
        (metric.trim(), value),
        args.vary.trim(),
        resolution,
    )
    .map_err(|e| match &e {
        crate::engine::whatif::Error::Input(p) if p.name == args.vary.trim() => {
            refused(&format!("--vary {}", args.vary), e)
        }
        _ => refused(&flag, e),
    })?;
    let _ = std::io::stdout()
        .write_all(whatif::solve::render(args.format, &found, &super::whatif::currency(&project, &params)).as_bytes());
    Ok(if found.reached {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(super::whatif::TARGET_UNREACHED)
    })
}
