//! `reelcost check PATH...`: validate catalogs and scenarios, every problem with its place.

use super::print_out;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use crate::engine::catalog::disagreements;
use crate::engine::stale::Freshness;
use crate::engine::{Diagnostic, Severity, SourceFile, evaluate, load_catalogs, load_scenario, suggest};
use crate::project::{self, ScenarioSource};

/// What a file holds, judged by its top-level keys.
fn is_catalog(file: &SourceFile) -> Result<bool, toml::de::Error> {
    let table: toml::Table = toml::from_str(file.text())?;
    Ok(table.contains_key("model") || table.contains_key("provider"))
}

/// Checks every path and prints what it finds; exit 1 when anything is an error.
pub fn run(paths: &[PathBuf], catalogs_override: Option<&Path>, fresh: Freshness) -> ExitCode {
    let mut found: Vec<Diagnostic> = Vec::new();
    let mut files: Vec<PathBuf> = Vec::new();
    for path in paths {
        if path.is_dir() {
            match project::toml_files(path) {
                Ok(list) => files.extend(list),
                Err(d) => found.push(d),
            }
        } else if path.exists() {
            files.push(path.clone());
        } else {
            found.push(Diagnostic::file_error(
                path.display().to_string(),
                "no such file or directory",
            ));
        }
    }

    let mut catalog_files: Vec<Arc<SourceFile>> = Vec::new();
    let mut scenario_files: Vec<(PathBuf, Arc<SourceFile>)> = Vec::new();
    for path in &files {
        let file = match project::read_source(path) {
            Ok(file) => file,
            Err(d) => {
                found.push(d);
                continue;
            }
        };
        match is_catalog(&file) {
            Ok(true) => catalog_files.push(file),
            Ok(false) => scenario_files.push((path.clone(), file)),
            Err(e) => found.push(suggest::toml_error(&file, &e)),
        }
    }
    match load_catalogs(&catalog_files) {
        Ok(catalogs) => {
            found.extend(disagreements(&catalogs));
            found.extend(fresh.catalog_warnings(&catalogs));
        }
        Err(errors) => found.extend(errors.0),
    }
    for (path, file) in &scenario_files {
        let scenario = match load_scenario(file) {
            Ok(s) => s,
            Err(errors) => {
                found.extend(errors.0);
                continue;
            }
        };
        // Price the scenario as `report` would, so unknown models and limits show up here too.
        match project::load(&ScenarioSource::File(path.clone()), catalogs_override) {
            Ok(project) => match evaluate(&scenario, &project.catalogs, &scenario.params) {
                Ok(bill) => {
                    found.extend(bill.warnings.iter().map(|w| w.diagnostic()));
                    // Catalogs checked here already have their stale dates reported, once each.
                    let stale = fresh.bill_warnings(&bill);
                    let elsewhere = stale
                        .iter()
                        .filter(|w| !catalog_files.iter().any(|c| c.path() == w.file.path()));
                    found.extend(elsewhere.map(|w| w.diagnostic()));
                }
                Err(errors) => found.extend(errors.0),
            },
            Err(errors) => found.extend(
                errors
                    .0
                    .into_iter()
                    .filter(|d| !catalog_files.iter().any(|c| c.path() == d.path)),
            ),
        }
    }

    dedup(&mut found);
    let errors = found.iter().filter(|d| d.severity == Severity::Error).count();
    let warnings = found.len() - errors;
    for d in &found {
        print_out(format_args!("{d}\n"));
    }
    let checked = files.len();
    print_out(format_args!(
        "checked {checked} file{}: {errors} error{}, {warnings} warning{}",
        if checked == 1 { "" } else { "s" },
        if errors == 1 { "" } else { "s" },
        if warnings == 1 { "" } else { "s" }
    ));
    if errors > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn dedup(found: &mut Vec<Diagnostic>) {
    let mut seen = std::collections::HashSet::new();
    found.retain(|d| seen.insert(d.headline()));
}
