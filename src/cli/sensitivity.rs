//! `reelcost sensitivity`: a tornado of every input the bill depends on.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use super::whatif::{prepare, refused, share};
use crate::engine::whatif::sensitivity;
use crate::engine::{Diagnostics, evaluate};
use crate::report::{Format, whatif};

/// `sensitivity`'s options.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// A scenario file, or a built-in name such as `atve`.
    pub scenario: String,
    /// How far to move an input without a declared range: 20% or 0.2.
    #[arg(long, default_value = "20%")]
    pub swing: String,
    /// Change a parameter first, e.g. --set frames=80 (repeatable).
    #[arg(long = "set", value_name = "NAME=VALUE")]
    pub sets: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

/// Prints the tornado.
pub fn run(args: &Args, catalogs: Option<&Path>) -> Result<ExitCode, Diagnostics> {
    let swing = share("--swing", &args.swing)?;
    let (project, params) = prepare(&args.scenario, catalogs, &args.sets)?;
    let here = evaluate(&project.scenario, &project.catalogs, &params)?
        .totals
        .per_video;
    let inputs =
        sensitivity(&project.scenario, &project.catalogs, &params, swing).map_err(|e| refused("--swing", e))?;
    let text = whatif::sensitivity::render(args.format, &inputs, swing, here);
    let _ = std::io::stdout().write_all(text.as_bytes());
    Ok(ExitCode::SUCCESS)
}
