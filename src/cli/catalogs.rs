//! `reelcost catalogs diff OLD_DIR NEW_DIR`: what changed between two sets of catalogs, and
//! which scenarios' cost per video moves.

use std::path::{Path, PathBuf};

use super::changes::{catalogs_in, describe_diff, describe_impacts, scenarios_in};
use super::print_out;
use crate::engine::{Diagnostic, Diagnostics};
use crate::import::diff;

/// The scenarios beside a catalog directory: `scenarios/` next to it.
pub fn default_scenarios(catalogs: &Path) -> PathBuf {
    match catalogs.parent().filter(|p| !p.as_os_str().is_empty()) {
        Some(parent) => parent.join("scenarios"),
        None => PathBuf::from("scenarios"),
    }
}

/// Prints the comparison of two catalog directories.
pub fn diff(old: &Path, new: &Path, scenarios: Option<&Path>) -> Result<(), Diagnostics> {
    for dir in [old, new] {
        if !dir.is_dir() {
            return Err(Diagnostic::file_error(dir.display().to_string(), "no such directory")
                .with_help("name two directories of catalogs")
                .into());
        }
    }
    let (before, after) = (catalogs_in(old)?, catalogs_in(new)?);
    let scenarios = scenarios_in(&scenarios.map_or_else(|| default_scenarios(new), Path::to_path_buf));
    let comparison = diff::compare(&before, &after);
    let impacts = diff::impacts(&scenarios, &before, &after);
    print_out(describe_diff(&comparison).trim_end());
    print_out(describe_impacts(&impacts, scenarios.len()).trim_end());
    Ok(())
}
