//! `reelcost export`: the bill as a workbook with live formulas, SVG charts, a Markdown memo or CSV.

use std::fs;
use std::path::{Path, PathBuf};

use crate::engine::{Diagnostic, Diagnostics, evaluate};
use crate::export::{self, Subject};
use crate::report;

/// What `export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    /// A workbook whose figures are formulas over its parameters and prices.
    Xlsx,
    /// Charts for slides, into a directory.
    Svg,
    /// A one-page memo, with its charts beside it, into a directory.
    Md,
    /// The report's CSV.
    Csv,
}

/// The arguments of `export`.
#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// A scenario file, or a built-in name such as `atve`.
    pub scenario: String,
    /// Change a parameter first, e.g. --set frames=80 (repeatable).
    #[arg(long = "set", value_name = "NAME=VALUE")]
    pub sets: Vec<String>,
    /// What to write.
    #[arg(long, value_enum)]
    pub format: ExportFormat,
    /// The file to write; for svg and md, the directory the files go into.
    #[arg(short = 'o', long = "output", value_name = "PATH")]
    pub output: PathBuf,
    /// Other scenarios to chart beside this one (svg and md), repeatable.
    #[arg(long = "compare", value_name = "SCENARIO")]
    pub compare: Vec<String>,
}

/// Runs `export` and prints the files it wrote.
pub fn run(args: &ExportArgs, catalogs: Option<&Path>) -> Result<(), Diagnostics> {
    if !args.compare.is_empty() && matches!(args.format, ExportFormat::Xlsx | ExportFormat::Csv) {
        return Err(Diagnostic::file_error(
            "--compare",
            "compares are charts: use --compare with --format svg or md",
        )
        .with_help("e.g. reelcost export atve --format svg -o charts --compare kling-o3")
        .into());
    }
    let project = super::load_project(&args.scenario, catalogs)?;
    let mut params = project.scenario.params.clone();
    super::apply_sets(&mut params, &args.sets)?;
    super::check_video_model(&project, &params)?;
    let bill = evaluate(&project.scenario, &project.catalogs, &params)?;
    let subject = Subject {
        scenario: &project.scenario,
        catalogs: &project.catalogs,
        params: &params,
        bill: &bill,
    };
    let out = &args.output;
    let written = match args.format {
        ExportFormat::Xlsx => {
            let bytes = export::xlsx::workbook(&subject).map_err(|e| {
                Diagnostic::file_error(out.display().to_string(), format!("cannot build the workbook: {e}"))
            })?;
            write(out, &bytes)?;
            vec![out.clone()]
        }
        ExportFormat::Csv => {
            let text = report::render(report::Format::Csv, &project.scenario, &params, &bill);
            write(out, text.as_bytes())?;
            vec![out.clone()]
        }
        ExportFormat::Svg | ExportFormat::Md => {
            let compared = compared(args, catalogs)?;
            let charts = export::chart::all(&subject, &compared)
                .map_err(|e| Diagnostic::file_error(out.display().to_string(), format!("cannot draw a chart: {e}")))?;
            make_dir(out)?;
            let mut written = Vec::new();
            for chart in &charts {
                let path = out.join(&chart.file);
                write(&path, chart.svg.as_bytes())?;
                written.push(path);
            }
            if args.format == ExportFormat::Md {
                let path = out.join(export::memo::FILE);
                write(&path, export::memo::render(&subject, &charts).as_bytes())?;
                written.insert(0, path);
            }
            written
        }
    };
    for path in written {
        super::print_out(format!("wrote {}", path.display()));
    }
    Ok(())
}

/// The scenarios named by `--compare`, each at its own file's parameters, with its bill.
fn compared(args: &ExportArgs, catalogs: Option<&Path>) -> Result<Vec<export::chart::Compared>, Diagnostics> {
    args.compare
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

fn make_dir(path: &Path) -> Result<(), Diagnostic> {
    fs::create_dir_all(path).map_err(|e| {
        Diagnostic::file_error(path.display().to_string(), format!("cannot make the directory: {e}"))
            .with_help("-o names a directory for svg and md")
    })
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), Diagnostic> {
    fs::write(path, bytes)
        .map_err(|e| Diagnostic::file_error(path.display().to_string(), format!("cannot write the file: {e}")))
}
