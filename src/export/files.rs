//! Writing exports to disk: one entry point for the command line and the dashboard alike.

use std::fs;
use std::path::{Path, PathBuf};

use super::{Subject, chart, memo, xlsx};
use crate::engine::Diagnostic;
use crate::report;

/// What an export writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// A workbook whose figures are formulas over its parameters and prices.
    Xlsx,
    /// Charts for slides, into a directory.
    Svg,
    /// A one-page memo, with its charts beside it, into a directory.
    Md,
    /// The report's CSV.
    Csv,
}

impl Format {
    /// True for the formats that write a directory of files rather than one file.
    pub fn is_directory(self) -> bool {
        matches!(self, Self::Svg | Self::Md)
    }

    /// The format a file's name asks for: `.xlsx` or `.csv`. A directory could take charts or
    /// a memo, so it names none.
    pub fn of_path(path: &Path) -> Option<Self> {
        let extension = path.extension()?.to_str()?.to_ascii_lowercase();
        match extension.as_str() {
            "xlsx" => Some(Self::Xlsx),
            "csv" => Some(Self::Csv),
            _ => None,
        }
    }
}

/// Writes the subject in a format to `out` (a file, or for svg and md a directory, made if
/// missing) and returns the paths written, the main one first.
pub fn write(
    subject: &Subject<'_>,
    format: Format,
    out: &Path,
    compared: &[chart::Compared],
) -> Result<Vec<PathBuf>, Diagnostic> {
    let failed = |what: &str, e: &dyn std::fmt::Display| {
        Diagnostic::file_error(out.display().to_string(), format!("{what}: {e}"))
    };
    match format {
        Format::Xlsx => {
            let bytes = xlsx::workbook(subject).map_err(|e| failed("cannot build the workbook", &e))?;
            write_file(out, &bytes)?;
            Ok(vec![out.to_path_buf()])
        }
        Format::Csv => {
            let text = report::render(report::Format::Csv, subject.scenario, subject.params, subject.bill);
            write_file(out, text.as_bytes())?;
            Ok(vec![out.to_path_buf()])
        }
        Format::Svg | Format::Md => {
            let charts = chart::all(subject, compared).map_err(|e| failed("cannot draw a chart", &e))?;
            make_dir(out)?;
            let mut written = Vec::new();
            if format == Format::Md {
                let path = out.join(memo::FILE);
                write_file(&path, memo::render(subject, &charts).as_bytes())?;
                written.push(path);
            }
            for chart in &charts {
                let path = out.join(&chart.file);
                write_file(&path, chart.svg.as_bytes())?;
                written.push(path);
            }
            Ok(written)
        }
    }
}

fn make_dir(path: &Path) -> Result<(), Diagnostic> {
    fs::create_dir_all(path).map_err(|e| {
        Diagnostic::file_error(path.display().to_string(), format!("cannot make the directory: {e}"))
            .with_help("-o names a directory for svg and md")
    })
}

fn write_file(path: &Path, bytes: &[u8]) -> Result<(), Diagnostic> {
    fs::write(path, bytes)
        .map_err(|e| Diagnostic::file_error(path.display().to_string(), format!("cannot write the file: {e}")))
}
