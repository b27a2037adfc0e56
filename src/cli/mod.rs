//! The command line: `report`, `check`, `init`, `export`, the what-if analyses (`compare`, `sweep`,
//! `sensitivity`, `solve`), and the dashboard when no command is given.

mod catalogs;
mod changes;
mod check;
mod compare;
mod export;
mod import;
mod init;
mod report;
mod sensitivity;
mod solve;
mod sweep;
mod watch;
mod whatif;

pub use watch::clock;

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::engine::stale::Freshness;
use crate::engine::{Diagnostic, Diagnostics, Origin, Params, Scenario, SourceFile};
use crate::format::escape::escape_lines;
use crate::project::{self, Project, ScenarioSource};
use crate::report::Format;

/// The unit economics of AI-generated video: what one output really costs.
#[derive(Debug, Parser)]
#[command(name = "reelcost", version, about, args_conflicts_with_subcommands = true)]
pub struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// Scenario for the dashboard: a file, or a built-in name such as `atve`.
    scenario: Option<String>,
    /// More scenarios to open beside it (`n` switches, `v` compares them side by side).
    more: Vec<String>,
    /// Directory of price catalogs, instead of the scenario's own.
    #[arg(long, global = true, value_name = "DIR")]
    catalogs: Option<PathBuf>,
    /// The dashboard's colours: high-contrast for a projector.
    #[arg(long, value_enum, default_value_t = crate::tui::theme::ThemeName::Default)]
    theme: crate::tui::theme::ThemeName,
    /// A budget the dashboard checks every open scenario against, beside the scenario's own,
    /// e.g. --budget 'per_video<=3.00' (repeatable).
    #[arg(long = "budget", value_name = "METRIC<=VALUE")]
    budgets: Vec<String>,
    /// Mark prices older than this many days as stale in the dashboard (default: each
    /// catalog's limit, else 90).
    #[arg(long, value_name = "DAYS")]
    stale_after: Option<u32>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Print the itemised bill for one video of a scenario, with its uncertainty and budgets.
    Report(report::Args),
    /// Put scenarios, or saved JSON reports, side by side.
    Compare(compare::Args),
    /// The totals at each value of one parameter, with the price cliffs crossed.
    Sweep(sweep::Args),
    /// A tornado: every input swung to its low and high, largest effect first.
    Sensitivity(sensitivity::Args),
    /// Goal seek: the value of a parameter at which a total meets a target.
    Solve(solve::Args),
    /// Validate catalogs and scenarios (files or directories); exit 1 on any error.
    Check {
        /// Files or directories to check.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Warn about prices older than this many days (default: each catalog's, else 90).
        #[arg(long, value_name = "DAYS")]
        stale_after: Option<u32>,
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
        /// Warn about prices older than this many days (default: each catalog's, else 90).
        #[arg(long, value_name = "DAYS")]
        stale_after: Option<u32>,
    },
    /// Write the bill as a workbook with live formulas, SVG charts, a Markdown memo or CSV.
    Export(export::ExportArgs),
    /// Import another tool's price list as reelcost catalogs.
    #[command(subcommand)]
    Import(ImportSource),
    /// Work with directories of catalogs.
    #[command(subcommand)]
    Catalogs(CatalogsCommand),
    /// Write editable copies of the built-in catalogs and scenarios into DIR.
    Init {
        /// Directory to write `catalogs/` and `scenarios/` into.
        dir: PathBuf,
        /// Overwrite files that already exist.
        #[arg(long)]
        force: bool,
    },
}

/// Price lists `reelcost import` reads.
#[derive(Debug, Subcommand)]
enum ImportSource {
    /// litellm's model_prices_and_context_window.json: one catalog per provider.
    Litellm {
        /// The JSON file.
        file: PathBuf,
        /// Directory to write the catalogs into.
        #[arg(long, value_name = "DIR", default_value = "catalogs")]
        out: PathBuf,
        /// Only these providers (litellm_provider), comma-separated.
        #[arg(long, value_delimiter = ',', value_name = "A,B")]
        providers: Vec<String>,
        /// When the prices were read: YYYY, YYYY-MM or YYYY-MM-DD (default: the file's date).
        #[arg(long, value_name = "DATE")]
        as_of: Option<String>,
        /// Show what would change; write nothing.
        #[arg(long)]
        dry_run: bool,
        /// Scenarios to reprice with the new catalogs (default: scenarios/ beside DIR).
        #[arg(long, value_name = "DIR")]
        scenarios: Option<PathBuf>,
    },
}

/// Commands on directories of catalogs.
#[derive(Debug, Subcommand)]
enum CatalogsCommand {
    /// Models added and removed, prices changed, and scenarios whose cost moves.
    Diff {
        /// The old catalogs.
        old: PathBuf,
        /// The new catalogs.
        new: PathBuf,
        /// Scenarios to reprice (default: scenarios/ beside NEW).
        #[arg(long, value_name = "DIR")]
        scenarios: Option<PathBuf>,
    },
}

/// Runs the command line and returns the process's exit status.
pub fn run(cli: Cli) -> ExitCode {
    let catalogs = cli.catalogs.as_deref();
    let analysis = match &cli.command {
        Some(Command::Report(args)) => Some(report::run(args, catalogs)),
        Some(Command::Compare(args)) => Some(compare::run(args, catalogs)),
        Some(Command::Sweep(args)) => Some(sweep::run(args, catalogs)),
        Some(Command::Sensitivity(args)) => Some(sensitivity::run(args, catalogs)),
        Some(Command::Solve(args)) => Some(solve::run(args, catalogs)),
        _ => None,
    };
    if let Some(outcome) = analysis {
        return outcome.unwrap_or_else(|diagnostics| {
            print_err(&diagnostics);
            ExitCode::FAILURE
        });
    }
    let result = match cli.command {
        Some(
            Command::Report(_) | Command::Compare(_) | Command::Sweep(_) | Command::Sensitivity(_) | Command::Solve(_),
        ) => Ok(()),
        Some(Command::Check { paths, stale_after }) => match freshness(stale_after) {
            Ok(fresh) => return check::run(&paths, cli.catalogs.as_deref(), fresh),
            Err(errors) => Err(errors),
        },
        Some(Command::Init { dir, force }) => init::run(&dir, force),
        Some(Command::Export(args)) => export::run(&args, cli.catalogs.as_deref()),
        Some(Command::Import(ImportSource::Litellm {
            file,
            out,
            providers,
            as_of,
            dry_run,
            scenarios,
        })) => import::litellm(&import::Request {
            file,
            out,
            providers,
            as_of,
            dry_run,
            scenarios,
        }),
        Some(Command::Catalogs(CatalogsCommand::Diff { old, new, scenarios })) => {
            catalogs::diff(&old, &new, scenarios.as_deref())
        }
        Some(Command::Watch {
            scenario,
            sets,
            format,
            stale_after,
        }) => watch::run(
            &scenario,
            cli.catalogs,
            watch::Printing {
                sets: &sets,
                format,
                stale_after,
            },
        ),
        None => {
            let scenario = cli
                .scenario
                .clone()
                .unwrap_or_else(|| match project::default_scenario() {
                    ScenarioSource::File(path) => path.display().to_string(),
                    ScenarioSource::Builtin(name) => name.to_owned(),
                });
            // The dashboard needs a terminal; piped or in CI, print the table instead.
            if std::io::stdout().is_terminal() {
                dashboard(&cli, &scenario)
            } else {
                // The budgets given for the dashboard hold for the table too, with its exit status.
                let args = report::Args {
                    budgets: cli.budgets.clone(),
                    stale_after: cli.stale_after,
                    ..report::Args::table(scenario)
                };
                return report::run(&args, cli.catalogs.as_deref()).unwrap_or_else(|diagnostics| {
                    print_err(&diagnostics);
                    ExitCode::FAILURE
                });
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

/// The dashboard on `scenario` and the scenarios named after it. What the command line gets
/// wrong (a budget, the date) is said before the terminal is taken; the files are read after.
fn dashboard(cli: &Cli, scenario: &str) -> Result<(), Diagnostics> {
    let source = |name: &str| project::scenario_source(name).map_err(Diagnostics::from);
    let opening = crate::tui::start::Opening {
        scenario: source(scenario)?,
        more: cli.more.iter().map(|s| source(s)).collect::<Result<_, _>>()?,
        catalogs: cli.catalogs.clone(),
    };
    crate::tui::run(
        opening,
        whatif::budgets(None, &cli.budgets)?,
        freshness(cli.stale_after)?,
        crate::tui::Theme::named(cli.theme),
    )
}

/// Prints a line to standard output; a closed pipe (`reelcost check . | head -1`) is not an error.
/// Diagnostics escape their file text themselves; the escape here is for anything else that
/// quotes a file, such as a changed file's name.
pub(crate) fn print_out(text: impl std::fmt::Display) {
    let _ = writeln!(std::io::stdout().lock(), "{}", escape_lines(&text.to_string()));
}

/// Prints a line to standard error, likewise ignoring a closed pipe and escaping.
pub(crate) fn print_err(text: impl std::fmt::Display) {
    let _ = writeln!(std::io::stderr().lock(), "{}", escape_lines(&text.to_string()));
}

/// The variable that sets today's date (YYYY-MM-DD) for reproducible output; the system's clock
/// gives it otherwise.
pub const TODAY_VARIABLE: &str = "REELCOST_TODAY";

/// Today's date, for telling stale prices: `REELCOST_TODAY` when set, else the system clock's
/// date in UTC.
pub fn today() -> Result<jiff::civil::Date, Diagnostic> {
    match std::env::var(TODAY_VARIABLE) {
        Ok(text) => text.trim().parse().map_err(|_| {
            Diagnostic::file_error(TODAY_VARIABLE, format!("`{text}` is not a date")).with_help("write YYYY-MM-DD")
        }),
        // The UTC date: a price's age is counted in days against a limit of weeks, and finding
        // the system's time zone costs more than the rest of a report.
        Err(_) => Ok(jiff::Timestamp::now().to_zoned(jiff::tz::TimeZone::UTC).date()),
    }
}

/// When prices count as stale today, with an optional `--stale-after`.
pub fn freshness(stale_after_days: Option<u32>) -> Result<Freshness, Diagnostics> {
    Ok(Freshness {
        today: today()?,
        stale_after_days,
    })
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

/// Records where each `--set` value was typed, as one line of text (`--set price=0.99 --set
/// scenes=100`), so that a figure a value makes too large to compute points at the flag that
/// gave it rather than at the file's line it replaced.
pub fn locate_sets(scenario: &mut Scenario, sets: &[String]) {
    let mut text = String::new();
    let mut values = Vec::new();
    for set in sets {
        if !text.is_empty() {
            text.push(' ');
        }
        text.push_str("--set ");
        if let Some((name, value)) = set.split_once('=') {
            let blank = value.len() - value.trim_start().len();
            let start = text.len() + name.len() + 1 + blank;
            values.push((name.trim(), start..start + value.trim().len()));
        }
        text.push_str(set);
    }
    let file = SourceFile::new("command line", text);
    for (name, span) in values {
        scenario.give(name, Origin::new(&file, span));
    }
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

/// The model ids a list of `--set` names beyond the scenario's own: `video_model` and each
/// `STEP.model`. Only the imported catalogs that price these (and the scenario's models) load.
pub fn models_named_by(sets: &[String]) -> Vec<&str> {
    sets.iter()
        .filter_map(|s| s.split_once('='))
        .filter(|(name, _)| {
            let name = name.trim();
            name == "video_model" || name.ends_with(crate::engine::params::MODEL_SUFFIX)
        })
        .map(|(_, id)| id.trim())
        .collect()
}
