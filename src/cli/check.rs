//! `reelcost check PATH...`: validate catalogs and scenarios, every problem with its place.

use super::print_out;
use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use crate::engine::catalog::{combine_catalogs, disagreements};
use crate::engine::stale::Freshness;
use crate::engine::{Catalog, Diagnostic, Diagnostics, Severity, SourceFile, evaluate, load_catalog, load_scenario};
use crate::format::{Currency, warning};
use crate::project::{self, ScenarioSource};

/// Whether a file is a catalog, judged by its top-level keys without parsing it: a `provider` or
/// `model` key before the first table, or a `[[model]]` table. The loader then parses it once.
fn is_catalog(text: &str) -> bool {
    let key = |line: &str, name: &str| {
        line.strip_prefix(name)
            .or_else(|| line.strip_prefix(&format!("\"{name}\"")))
            .is_some_and(|rest| rest.trim_start().starts_with('='))
    };
    let mut top_level = true;
    for line in text.lines().map(str::trim_start) {
        if line.starts_with('[') {
            let header: String = line.chars().filter(|c| !c.is_whitespace()).collect();
            if header.starts_with("[[model]]") {
                return true;
            }
            top_level = false;
        } else if top_level && (key(line, "provider") || key(line, "model")) {
            return true;
        }
    }
    false
}

/// Everything found so far, and each catalog file parsed at most once: a scenario's catalogs are
/// taken from here when `check` was also given them.
#[derive(Default)]
struct Check {
    found: Vec<Diagnostic>,
    /// By canonical path: the catalog, or `None` when its problems are already in `found`.
    catalogs: HashMap<PathBuf, Option<Catalog>>,
}

impl Check {
    fn key(path: &Path) -> PathBuf {
        fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
    }

    /// Loads a catalog file already read, once.
    fn load(&mut self, path: &Path, file: &Arc<SourceFile>) -> Option<Catalog> {
        let key = Self::key(path);
        if let Some(known) = self.catalogs.get(&key) {
            return known.clone();
        }
        let catalog = load_catalog(file).map_err(|e| self.found.extend(e.0)).ok();
        self.catalogs.insert(key, catalog.clone());
        catalog
    }

    /// A scenario's catalog file: the one parsed before, or read and parsed now.
    fn read(&mut self, path: &Path) -> Result<Catalog, Diagnostics> {
        if let Some(known) = self.catalogs.get(&Self::key(path)) {
            return known.clone().ok_or_default();
        }
        match project::read_source(path) {
            Ok(file) => self.load(path, &file).ok_or_default(),
            Err(d) => {
                self.found.push(d);
                self.catalogs.insert(Self::key(path), None);
                Err(Diagnostics::default())
            }
        }
    }
}

/// `Option` to `Result` with nothing more to report: the problems were recorded when found.
trait OkOrDefault<T> {
    fn ok_or_default(self) -> Result<T, Diagnostics>;
}

impl<T> OkOrDefault<T> for Option<T> {
    fn ok_or_default(self) -> Result<T, Diagnostics> {
        self.ok_or_else(Diagnostics::default)
    }
}

/// The files the paths name: each file, and each directory's `*.toml` files.
fn gather(paths: &[PathBuf], found: &mut Vec<Diagnostic>) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for path in paths {
        match fs::metadata(path) {
            Ok(meta) if meta.is_dir() => match project::toml_entries(path) {
                Ok((list, skipped)) => {
                    files.extend(list);
                    found.extend(skipped);
                }
                Err(d) => found.push(d),
            },
            Ok(_) => files.push(path.clone()),
            Err(e) => found.push(Diagnostic::file_error(
                path.display().to_string(),
                project::io_problem(path, &e),
            )),
        }
    }
    files
}

/// Checks every path and prints what it finds; exit 1 when anything is an error.
pub fn run(paths: &[PathBuf], catalogs_override: Option<&Path>, fresh: Freshness) -> ExitCode {
    let mut check = Check::default();
    let files = gather(paths, &mut check.found);

    let mut named: Vec<Catalog> = Vec::new();
    let mut named_paths: Vec<PathBuf> = Vec::new();
    let mut all_loaded = true;
    let mut scenario_files: Vec<(PathBuf, Arc<SourceFile>)> = Vec::new();
    for path in &files {
        let file = match project::read_source(path) {
            Ok(file) => file,
            Err(d) => {
                check.found.push(d);
                continue;
            }
        };
        if !is_catalog(file.text()) {
            scenario_files.push((path.clone(), file));
            continue;
        }
        named_paths.push(file.path().into());
        match check.load(path, &file) {
            Some(catalog) => named.push(catalog),
            None => all_loaded = false,
        }
    }
    match combine_catalogs(named) {
        Ok(catalogs) => {
            if all_loaded {
                check
                    .found
                    .extend(disagreements(&catalogs).iter().filter_map(warning::quote_disagreement));
            }
            check.found.extend(
                fresh
                    .catalog_warnings(&catalogs)
                    .iter()
                    .map(|(w, count)| warning::stale_catalog(w, *count)),
            );
        }
        Err(errors) => check.found.extend(errors.0),
    }
    for (path, file) in &scenario_files {
        let scenario = match load_scenario(file) {
            Ok(s) => s,
            Err(errors) => {
                check.found.extend(errors.0);
                continue;
            }
        };
        // Price the scenario as `report` would, so unknown models and limits show up here too.
        let source = ScenarioSource::File(path.clone());
        let project = project::with_catalogs(scenario, &source, catalogs_override, &mut |p| check.read(p));
        match project {
            Ok(project) => match evaluate(&project.scenario, &project.catalogs, &project.scenario.params) {
                Ok(bill) => {
                    let currency = Currency::of(&bill.currency);
                    check
                        .found
                        .extend(bill.warnings.iter().map(|w| warning::diagnostic(w, &currency)));
                    // Catalogs checked here already have their stale dates reported, once each.
                    let stale = fresh.bill_warnings(&bill);
                    let elsewhere = stale
                        .iter()
                        .filter(|w| !named_paths.iter().any(|p| p.as_path() == Path::new(w.file.path())));
                    check.found.extend(elsewhere.map(|w| warning::diagnostic(w, &currency)));
                }
                Err(errors) => check.found.extend(errors.0),
            },
            Err(errors) => check.found.extend(errors.0),
        }
    }
    summarise(check.found, files.len())
}

/// Prints the findings and the count; exit 1 when any is an error.
fn summarise(mut found: Vec<Diagnostic>, checked: usize) -> ExitCode {
    dedup(&mut found);
    let errors = found.iter().filter(|d| d.severity == Severity::Error).count();
    let warnings = found.len() - errors;
    for d in &found {
        print_out(format_args!("{d}\n"));
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tells_catalogs_from_scenarios_by_their_keys() {
        assert!(is_catalog("provider = \"fal\"\ncurrency = \"USD\"\n"));
        assert!(is_catalog("# no header\n[[ model ]]\nid = \"x\"\n"));
        assert!(!is_catalog(
            "name = \"atve\"\n[parameters]\nprovider = 1\n[[scene]]\nmodel = \"x\"\n"
        ));
        assert!(!is_catalog("name = \"provider\"\n"));
    }
}
