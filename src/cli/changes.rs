//! Loading catalog and scenario directories for a comparison, and putting the comparison into
//! words: shared by `import` (before it writes) and `catalogs diff`.

use std::fmt::Write as _;
use std::path::Path;
use std::sync::Arc;

use rust_decimal::Decimal;

use crate::engine::{Catalogs, Diagnostics, Scenario, SourceFile, load_catalogs, load_scenario, money};
use crate::format::Currency;
use crate::import::diff::{CatalogDiff, Impact};
use crate::project;

/// Text from a file, with control characters shown as escapes so they never reach the terminal.
pub fn plain(text: &str) -> String {
    crate::format::escape(text).into_owned()
}

/// The `*.toml` files of a directory, read; a missing directory is an empty set.
pub fn read_dir(dir: &Path) -> Result<Vec<Arc<SourceFile>>, Diagnostics> {
    if !dir.exists() {
        return Ok(Vec::new());
    }
    let mut files = Vec::new();
    for path in project::toml_files(dir)? {
        files.push(project::read_source(&path)?);
    }
    Ok(files)
}

/// Loads a directory of catalogs.
pub fn catalogs_in(dir: &Path) -> Result<Catalogs, Diagnostics> {
    load_catalogs(&read_dir(dir)?)
}

/// The scenarios of a directory that load, with their paths; files that do not load are left
/// out (`check` reports them), as are catalogs that share the directory.
pub fn scenarios_in(dir: &Path) -> Vec<(String, Scenario)> {
    let Ok(files) = read_dir(dir) else {
        return Vec::new();
    };
    files
        .iter()
        .filter_map(|file| load_scenario(file).ok().map(|s| (file.path().to_owned(), s)))
        .collect()
}

fn percent(share: Decimal) -> String {
    let value = money::round(share * Decimal::ONE_HUNDRED, 1).normalize();
    if value.is_sign_positive() && !value.is_zero() {
        format!("+{value}%")
    } else {
        format!("{value}%")
    }
}

fn signed(value: Decimal, currency: &Currency) -> String {
    let shown = currency.price(value.abs());
    if value.is_sign_negative() && !value.is_zero() {
        format!("-{shown}")
    } else {
        format!("+{shown}")
    }
}

/// The comparison in words: a count line, then one line per model added, removed or repriced.
pub fn describe_diff(diff: &CatalogDiff) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "models: {} added, {} removed, {} price{} changed",
        diff.added.len(),
        diff.removed.len(),
        diff.changed.len(),
        if diff.changed.len() == 1 { "" } else { "s" }
    );
    for id in &diff.added {
        let _ = writeln!(out, "  + {}", plain(id));
    }
    for id in &diff.removed {
        let _ = writeln!(out, "  - {}", plain(id));
    }
    for change in &diff.changed {
        let currency = Currency::of(&change.currency);
        let price = |p: Option<Decimal>| p.map_or_else(|| "none".to_owned(), |p| currency.price(p));
        let share = change
            .share()
            .map_or_else(String::new, |s| format!(" ({})", percent(s)));
        let _ = writeln!(
            out,
            "  ~ {} {}: {} -> {}{share}",
            plain(&change.model),
            change.rate,
            price(change.old),
            price(change.new)
        );
    }
    out
}

/// The scenarios whose cost per video moves, in words.
pub fn describe_impacts(impacts: &[Impact], scenarios: usize) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "scenarios: {} of {scenarios} change cost per video", impacts.len());
    for impact in impacts {
        let currency = Currency::of(&impact.currency);
        let cost = |c: &Result<Decimal, String>| match c {
            Ok(value) => currency.price(*value),
            Err(why) => format!("cannot be priced ({})", plain(why)),
        };
        let mut line = format!(
            "  {} ({}): {} -> {}",
            plain(&impact.path),
            plain(&impact.name),
            cost(&impact.old),
            cost(&impact.new)
        );
        if let (Some(delta), Ok(old)) = (impact.delta(), &impact.old) {
            let _ = write!(line, " ({}", signed(delta, &currency));
            if !old.is_zero() {
                let _ = write!(line, ", {}", percent(delta / *old));
            }
            line.push(')');
        }
        let _ = writeln!(out, "{line}");
    }
    out
}
