//! `reelcost import litellm FILE`: litellm's price list as reelcost catalogs, one per provider,
//! with what changed since the last import said before anything is written.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::catalogs::default_scenarios;
use super::changes::{describe_diff, describe_impacts, plain, read_dir, scenarios_in};
use super::print_out;
use crate::engine::asof::AsOf;
use crate::engine::{Diagnostic, Diagnostics, SourceFile, load_catalogs};
use crate::import::{self, Header, Import, Options, diff, file_name};

/// What `reelcost import litellm` was asked to do.
#[derive(Debug)]
pub struct Request {
    /// litellm's JSON file.
    pub file: PathBuf,
    /// The catalog directory to write into.
    pub out: PathBuf,
    /// Only these providers; all when empty.
    pub providers: Vec<String>,
    /// When the prices were read; the file's modification date when absent.
    pub as_of: Option<String>,
    /// Show what would change, write nothing.
    pub dry_run: bool,
    /// Scenarios to reprice; `scenarios/` beside the output directory when absent.
    pub scenarios: Option<PathBuf>,
}

fn is_imported(file: &SourceFile) -> bool {
    Path::new(file.path())
        .file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with("litellm-"))
}

fn file_date(path: &Path) -> Result<String, Diagnostic> {
    let shown = path.display().to_string();
    let modified = std::fs::metadata(path).and_then(|m| m.modified()).map_err(|e| {
        Diagnostic::file_error(&shown, format!("cannot read the file's date: {e}")).with_help("give --as-of YYYY-MM-DD")
    })?;
    let stamp = jiff::Timestamp::try_from(modified)
        .map_err(|e| Diagnostic::file_error(&shown, format!("the file's date is out of range: {e}")))?;
    Ok(stamp.to_zoned(jiff::tz::TimeZone::system()).date().to_string())
}

/// A JSON syntax error at its line and column.
fn json_error(file: &Arc<SourceFile>, error: &import::JsonError) -> Diagnostic {
    let Some((line, col)) = error.position else {
        return Diagnostic::file_error(file.path(), format!("not litellm's JSON: {}", error.message));
    };
    let offset: usize = file
        .text()
        .split_inclusive('\n')
        .take(line - 1)
        .map(str::len)
        .sum::<usize>()
        + col.saturating_sub(1);
    let offset = offset.min(file.text().len());
    file.diagnostic(offset..offset, format!("not litellm's JSON: {}", error.message))
}

/// Runs the import: reads, converts, compares, and writes unless it is a dry run.
pub fn litellm(request: &Request) -> Result<(), Diagnostics> {
    let source = crate::project::read_source(&request.file)?;
    let as_of = as_of(request)?;
    let existing = read_dir(&request.out)?;
    // Catalogs written by hand win: an imported id they already price is left out, said so.
    let kept: Vec<Arc<SourceFile>> = existing.iter().filter(|f| !is_imported(f)).cloned().collect();
    let reserved = load_catalogs(&kept)?
        .models()
        .map(|m| (m.id.to_string(), m.origin.file().path().to_owned()))
        .collect();
    let options = Options {
        providers: request.providers.clone(),
        reserved,
    };
    let imported = import::import(source.text(), &options).map_err(|e| json_error(&source, &e))?;
    let name = request
        .file
        .file_name()
        .map_or_else(|| source.path().to_owned(), |n| n.to_string_lossy().into_owned());
    let header = Header {
        source: &name,
        as_of: &as_of,
    };
    let written: Vec<Arc<SourceFile>> = imported
        .providers()
        .into_iter()
        .map(|p| {
            let path = request.out.join(file_name(p)).display().to_string();
            SourceFile::new(path, imported.catalog_text(p, &header))
        })
        .collect();
    // Imported catalogs of providers in scope that this import no longer has are removed.
    let in_scope = |file: &SourceFile| {
        request.providers.is_empty() || request.providers.iter().any(|p| file.path().ends_with(&file_name(p)))
    };
    let replaced = |file: &SourceFile| is_imported(file) && in_scope(file);
    let removed: Vec<&Arc<SourceFile>> = existing
        .iter()
        .filter(|f| replaced(f) && !written.iter().any(|w| w.path() == f.path()))
        .collect();
    let mut new_files: Vec<Arc<SourceFile>> = existing.iter().filter(|f| !replaced(f)).cloned().collect();
    new_files.extend(written.iter().cloned());
    let after = load_catalogs(&new_files)?;
    let before = load_catalogs(&existing).unwrap_or_else(|errors| {
        print_out(format_args!(
            "the catalogs now in {} do not load ({} problem{}; `reelcost check` lists them): changes are shown against none",
            plain(&request.out.display().to_string()),
            errors.0.len(),
            if errors.0.len() == 1 { "" } else { "s" }
        ));
        Default::default()
    });

    report(request, &imported, &before, &after);
    if request.dry_run {
        print_out("dry run: nothing written");
        return Ok(());
    }
    write(&request.out, &written, &removed)
}

/// The date the imported prices are as of: `--as-of`, else the file's own date.
fn as_of(request: &Request) -> Result<String, Diagnostics> {
    Ok(match &request.as_of {
        Some(text) => AsOf::parse(text)
            .map_err(|why| {
                Diagnostic::file_error(format!("--as-of {text}"), why).with_help("write YYYY, YYYY-MM or YYYY-MM-DD")
            })?
            .text
            .to_string(),
        None => file_date(&request.file)?,
    })
}

/// What the import found and what it changes: the summary, providers asked for but absent, the
/// catalogs' differences and the scenarios whose cost moves.
fn report(
    request: &Request,
    imported: &crate::import::Import,
    before: &crate::engine::Catalogs,
    after: &crate::engine::Catalogs,
) {
    print_out(summary(imported, &request.out).trim_end());
    let found = imported.providers();
    for missing in request.providers.iter().filter(|p| !found.contains(&p.as_str())) {
        print_out(format_args!(
            "no video, image or speech entries for provider `{}` (litellm_provider)",
            plain(missing)
        ));
    }
    let scenarios_dir = request
        .scenarios
        .clone()
        .unwrap_or_else(|| default_scenarios(&request.out));
    let scenarios = scenarios_in(&scenarios_dir);
    print_out(describe_diff(&diff::compare(before, after)).trim_end());
    print_out(describe_impacts(&diff::impacts(&scenarios, before, after), scenarios.len()).trim_end());
}

fn write(out: &Path, written: &[Arc<SourceFile>], removed: &[&Arc<SourceFile>]) -> Result<(), Diagnostics> {
    let failed = |path: &str, e: std::io::Error| Diagnostic::file_error(path, format!("cannot write: {e}"));
    std::fs::create_dir_all(out).map_err(|e| failed(&out.display().to_string(), e))?;
    for file in written {
        std::fs::write(file.path(), file.text()).map_err(|e| failed(file.path(), e))?;
    }
    for file in removed {
        std::fs::remove_file(file.path()).map_err(|e| failed(file.path(), e))?;
    }
    print_out(format_args!(
        "wrote {} catalog{} to {}{}",
        written.len(),
        if written.len() == 1 { "" } else { "s" },
        plain(&out.display().to_string()),
        if removed.is_empty() {
            String::new()
        } else {
            format!(", removed {}", removed.len())
        }
    ));
    Ok(())
}

/// What was imported and what was left out, counted by reason.
fn summary(imported: &Import, out: &Path) -> String {
    let mut text = String::new();
    let skipped: usize = imported.skipped.values().map(Vec::len).sum();
    let _ = writeln!(
        text,
        "imported {} models of {} providers into {} ({skipped} left out; {} of other modes, such as chat, are not media models)",
        imported.model_count(),
        imported.models.len(),
        plain(&out.display().to_string()),
        match imported.other_modes {
            1 => "1 entry".to_owned(),
            n => format!("{n} entries"),
        }
    );
    let reasons = imported.reasons();
    if !reasons.is_empty() {
        let _ = writeln!(text, "left out, by reason (kept as comments in the catalogs):");
    }
    for (reason, entries, fields) in reasons {
        let mut counts = Vec::new();
        if entries > 0 {
            counts.push(format!("{entries} entr{}", if entries == 1 { "y" } else { "ies" }));
        }
        if fields > 0 {
            counts.push(format!("{fields} field{}", if fields == 1 { "" } else { "s" }));
        }
        let _ = writeln!(text, "  {:>22}  {reason}", counts.join(", "));
    }
    text
}
