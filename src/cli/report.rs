//! `reelcost report`: the itemised bill, with the uncertainty band when any input has a range
//! and the budgets' pass or fail.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use super::whatif::{budgets, prepare, status};
use crate::engine::whatif::check_budgets;
use crate::engine::whatif::uncertainty::{Distribution, Sampling, uncertainty_with};
use crate::engine::{Diagnostics, evaluate};
use crate::report::{self, Extras, Format};

/// `report`'s options.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// A scenario file, or a built-in name such as `atve`.
    pub scenario: String,
    /// Change a parameter first, e.g. --set frames=80 (repeatable).
    #[arg(long = "set", value_name = "NAME=VALUE")]
    pub sets: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// A limit on a total, e.g. --budget 'per_video<=3.00' (repeatable); exit 3 when one fails.
    #[arg(long = "budget", value_name = "METRIC<=VALUE")]
    pub budgets: Vec<String>,
    /// Monte Carlo samples for the uncertainty band, when any input has a range.
    #[arg(long, default_value_t = crate::engine::whatif::uncertainty::DEFAULT_SAMPLES, value_parser = clap::value_parser!(u32).range(1..=1_000_000))]
    pub samples: u32,
    /// Seed of the samples: the same seed gives the same band.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// How inputs are spread over their ranges in the samples.
    #[arg(long, value_enum, default_value_t = Spread::Uniform)]
    pub distribution: Spread,
}

/// `--distribution`: how an input is spread over its range.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Spread {
    /// Every value in the range equally likely.
    Uniform,
    /// Most likely at the middle, falling off linearly to the ends.
    Triangular,
}

impl From<Spread> for Distribution {
    fn from(spread: Spread) -> Self {
        match spread {
            Spread::Uniform => Self::Uniform,
            Spread::Triangular => Self::Triangular,
        }
    }
}

impl Args {
    /// A plain table report of a scenario, as the dashboard prints when there is no terminal.
    pub fn table(scenario: String) -> Self {
        Self {
            scenario,
            sets: Vec::new(),
            format: Format::Table,
            budgets: Vec::new(),
            samples: crate::engine::whatif::uncertainty::DEFAULT_SAMPLES,
            seed: 1,
            distribution: Spread::Uniform,
        }
    }
}

/// Prints the report; exit 3 when a budget fails.
pub fn run(args: &Args, catalogs: Option<&Path>) -> Result<ExitCode, Diagnostics> {
    let (project, params) = prepare(&args.scenario, catalogs, &args.sets)?;
    let bill = evaluate(&project.scenario, &project.catalogs, &params)?;
    let sampling = Sampling {
        samples: args.samples,
        seed: args.seed,
        distribution: args.distribution.into(),
    };
    let band = uncertainty_with(&project.scenario, &project.catalogs, &params, sampling)
        .map_err(|e| super::whatif::refused("--samples", e))?;
    let limits = budgets(Some(&project.scenario), &args.budgets)?;
    let checks = check_budgets(&limits, &bill.totals).map_err(Diagnostics::from)?;
    let extras = Extras {
        band: band.as_ref(),
        budgets: &checks,
    };
    let text = report::render_with(args.format, &project.scenario, &params, &bill, &extras);
    // A closed pipe (e.g. `| head`) is not an error worth a message.
    let _ = std::io::stdout().write_all(text.as_bytes());
    if args.format == Format::Csv {
        // CSV stays one row per line; the band and budgets go to standard error.
        for line in extras.lines() {
            super::print_err(line);
        }
    }
    Ok(status(&checks))
}
