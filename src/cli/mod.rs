//! The command line: `report`, `check`, `init`, `export`, and the dashboard when no command is given.

mod check;
mod export;
mod init;
mod watch;

pub use watch::clock;

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::engine::{Diagnostic, Diagnostics, Params, evaluate};
use crate::project::{self, Project, ScenarioSource};
use crate::report::{self, Format};

/// The unit economics of AI-generated video: what one output really costs.
#[derive(Debug, Parser)]
#[command(name = "reelcost", version, about, args_conflicts_with_subcommands = true)]
pub struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// Scenario for the dashboard: a file, or a built-in name such as `atve`.
    scenario: Option<String>,
    /// Directory of price catalogs, instead of the scenario's own.
    #[arg(long, global = true, value_name = "DIR")]
    catalogs: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Print the itemised bill for one video of a scenario.
    Report {
        /// A scenario file, or a built-in name such as `atve`.
        scenario: String,
        /// Change a parameter first, e.g. --set frames=80 (repeatable).
        #[arg(long = "set", value_name = "NAME=VALUE")]
        sets: Vec<String>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Validate catalogs and scenarios (files or directories); exit 1 on any error.
    Check {
        /// Files or directories to check.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// Reprint the report whenever the scenario or its catalogs change on disk.
    Watch {
        /// A scenario file.
        scenario: String,
        /// Change a parameter first, e.g. --set frames=80 (repeatable).
        #[arg(long = "set", value_name = "NAME=VALUE")]
        sets: Vec<String>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Write the bill as a workbook with live formulas, SVG charts, a Markdown memo or CSV.
    Export(export::ExportArgs),
    /// Write editable copies of the built-in catalogs and scenarios into DIR.
    Init {
        /// Directory to write `catalogs/` and `scenarios/` into.
        dir: PathBuf,
        /// Overwrite files that already exist.
        #[arg(long)]
        force: bool,
    },
}

/// Runs the command line and returns the process's exit status.
pub fn run(cli: Cli) -> ExitCode {
    let result = match cli.command {
        Some(Command::Report { scenario, sets, format }) => {
            report_command(&scenario, cli.catalogs.as_deref(), &sets, format)
        }
        Some(Command::Check { paths }) => return check::run(&paths, cli.catalogs.as_deref()),
        Some(Command::Init { dir, force }) => init::run(&dir, force),
        Some(Command::Export(args)) => export::run(&args, cli.catalogs.as_deref()),
        Some(Command::Watch { scenario, sets, format }) => watch::run(&scenario, cli.catalogs, &sets, format),
        None => {
            let scenario = cli.scenario.unwrap_or_else(|| match project::default_scenario() {
                ScenarioSource::File(path) => path.display().to_string(),
                ScenarioSource::Builtin(name) => name.to_owned(),
            });
            // The dashboard needs a terminal; piped or in CI, print the table instead.
            if std::io::stdout().is_terminal() {
                project::scenario_source(&scenario)
                    .map_err(Diagnostics::from)
                    .and_then(|source| crate::live::Live::open(source, cli.catalogs.clone()))
                    .and_then(crate::tui::run)
            } else {
                report_command(&scenario, cli.catalogs.as_deref(), &[], Format::Table)
            }
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(diagnostics) => {
            print_err(&diagnostics);
            ExitCode::FAILURE
        }
    }
}

/// Prints a line to standard output; a closed pipe (`reelcost check . | head -1`) is not an error.
pub(crate) fn print_out(text: impl std::fmt::Display) {
    let _ = writeln!(std::io::stdout().lock(), "{text}");
}

/// Prints a line to standard error, likewise ignoring a closed pipe.
pub(crate) fn print_err(text: impl std::fmt::Display) {
    let _ = writeln!(std::io::stderr().lock(), "{text}");
}

/// Applies `NAME=VALUE` settings in order.
pub fn apply_sets(params: &mut Params, sets: &[String]) -> Result<(), Diagnostic> {
    for set in sets {
        let shown = format!("--set {set}");
        let Some((name, value)) = set.split_once('=').filter(|(name, _)| !name.trim().is_empty()) else {
            return Err(Diagnostic::file_error(shown, "expected NAME=VALUE").with_help("e.g. --set frames=80"));
        };
        params
            .set(name.trim(), value)
            .map_err(|e| Diagnostic::file_error(&shown, format!("{} {}", e.name, e.message)).with_help(e.help))?;
    }
    Ok(())
}

/// Refuses a `--set video_model` that no catalog prices, naming the setting rather than the file.
pub fn check_video_model(project: &Project, params: &Params) -> Result<(), Diagnostic> {
    let Some(id) = params
        .video_model
        .as_deref()
        .filter(|id| project.scenario.params.video_model.as_deref() != Some(id))
    else {
        return Ok(());
    };
    if project.catalogs.model(id).is_some() {
        return Ok(());
    }
    let error = Diagnostic::file_error(
        format!("--set video_model={id}"),
        format!("no catalog prices the model `{id}`"),
    );
    Err(match project.catalogs.closest_id(id) {
        Some(best) => error.with_help(format!("did you mean `{best}`?")),
        None => error.with_help("name a video model from a catalog"),
    })
}

/// Loads a scenario by file or built-in name, with its catalogs.
pub fn load_project(scenario: &str, catalogs: Option<&std::path::Path>) -> Result<Project, Diagnostics> {
    let source = project::scenario_source(scenario)?;
    project::load(&source, catalogs)
}

fn report_command(
    scenario: &str,
    catalogs: Option<&std::path::Path>,
    sets: &[String],
    format: Format,
) -> Result<(), Diagnostics> {
    let project = load_project(scenario, catalogs)?;
    let mut params = project.scenario.params.clone();
    apply_sets(&mut params, sets)?;
    check_video_model(&project, &params)?;
    let bill = evaluate(&project.scenario, &project.catalogs, &params)?;
    let text = report::render(format, &project.scenario, &params, &bill);
    // A closed pipe (e.g. `| head`) is not an error worth a message.
    let _ = std::io::stdout().write_all(text.as_bytes());
    Ok(())
}
