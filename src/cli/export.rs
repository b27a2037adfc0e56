//! `reelcost export`: the bill as a workbook with live formulas, SVG charts, a Markdown memo or CSV.

use std::path::{Path, PathBuf};

use crate::engine::{Diagnostic, Diagnostics, evaluate};
use crate::export::{self, Format, Subject};

/// The arguments of `export`.
#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// A scenario file, or a built-in name such as `atve`.
    pub scenario: String,
    /// Change a parameter first, e.g. --set frames=80 (repeatable).
    #[arg(long = "set", value_name = "NAME=VALUE")]
    pub sets: Vec<String>,
    /// What to write; a file named `.xlsx` or `.csv` says so itself.
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// The file to write; for svg and md, the directory the files go into.
    #[arg(short = 'o', long = "output", value_name = "PATH")]
    pub output: PathBuf,
    /// Other scenarios to chart beside this one (svg and md), repeatable.
    #[arg(long = "compare", value_name = "SCENARIO")]
    pub compare: Vec<String>,
}

/// Runs `export` and prints the files it wrote.
pub fn run(args: &ExportArgs, catalogs: Option<&Path>) -> Result<(), Diagnostics> {
    let format = format(args)?;
    if !args.compare.is_empty() && !format.is_directory() {
        return Err(Diagnostic::file_error(
            "--compare",
            "compares are charts: use --compare with --format svg or md",
        )
        .with_help("e.g. reelcost export atve --format svg -o charts --compare kling-o3")
        .into());
    }
    let mut project = super::load_project(&args.scenario, catalogs)?;
    let mut params = project.scenario.params.clone();
    super::apply_sets(&mut params, &args.sets)?;
    super::locate_sets(&mut project.scenario, &args.sets);
    super::check_video_model(&project, &params)?;
    let bill = evaluate(&project.scenario, &project.catalogs, &params)?;
    let subject = Subject {
        scenario: &project.scenario,
        catalogs: &project.catalogs,
        params: &params,
        bill: &bill,
    };
    let compared = compared(&args.compare, catalogs)?;
    for path in export::write(&subject, format, &args.output, &compared)? {
        super::print_out(format!("wrote {}", path.display()));
    }
    Ok(())
}

/// The format given, or the one the output's name asks for.
fn format(args: &ExportArgs) -> Result<Format, Diagnostics> {
    args.format.or_else(|| Format::of_path(&args.output)).ok_or_else(|| {
        Diagnostic::file_error(
            "--format",
            format!(
                "say what to write into {}",
                crate::format::escape::escape(&args.output.display().to_string())
            ),
        )
        .with_help("--format xlsx, svg, md or csv; a file named .xlsx or .csv needs none")
        .into()
    })
}

/// The scenarios named by `--compare`, each at its own file's parameters, with its bill.
fn compared(names: &[String], catalogs: Option<&Path>) -> Result<Vec<export::chart::Compared>, Diagnostics> {
    names
        .iter()
        .map(|name| {
            let project = super::load_project(name, catalogs)?;
            let bill = evaluate(&project.scenario, &project.catalogs, &project.scenario.params)?;
            Ok(export::chart::Compared {
                name: project.scenario.name.to_string(),
                totals: bill.totals,
                currency: bill.currency.to_string(),
            })
        })
        .collect()
}
