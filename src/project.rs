//! Loading a scenario and its catalogs from disk or from the built-ins. This is where reelcost
//! touches files; the engine it feeds only ever sees text.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::builtin;
use crate::engine::catalog::combine_catalogs;
use crate::engine::{
    Catalog, Catalogs, Diagnostic, Diagnostics, Scenario, SourceFile, load_catalog, load_catalogs,
    load_catalogs_needed, load_scenario,
};

/// Where a scenario comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ScenarioSource {
    /// A file on disk.
    File(PathBuf),
    /// A scenario shipped inside the binary, by name.
    Builtin(&'static str),
}

/// Where catalogs come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CatalogSource {
    /// Every `*.toml` file in a directory.
    Dir(PathBuf),
    /// The catalogs shipped inside the binary.
    Builtin,
}

/// A scenario with the catalogs it is priced from.
#[derive(Debug, Clone)]
pub struct Project {
    /// The scenario.
    pub scenario: Scenario,
    /// Its catalogs.
    pub catalogs: Catalogs,
    /// Where the scenario came from.
    pub scenario_source: ScenarioSource,
    /// Where the catalogs came from.
    pub catalog_source: CatalogSource,
    /// The catalog files read, for watching.
    pub catalog_files: Vec<PathBuf>,
}

mod files;

pub use files::{io_problem, read_source, tidy, toml_entries, toml_files};

/// Decides whether an argument names a scenario file or a built-in scenario.
pub fn scenario_source(arg: &str) -> Result<ScenarioSource, Diagnostic> {
    let path = Path::new(arg);
    // Anything by that name is the file meant, even a broken link: reading it says what is wrong.
    if fs::symlink_metadata(path).is_ok() {
        return Ok(ScenarioSource::File(path.to_path_buf()));
    }
    if let Some((name, _)) = builtin::scenario(arg) {
        return Ok(ScenarioSource::Builtin(name));
    }
    Err(
        Diagnostic::file_error(arg, "no such scenario file, and no built-in scenario has that name")
            .with_help(format!("built-in scenarios: {}", builtin::scenario_names().join(", "))),
    )
}

/// The scenario the dashboard opens by default: `scenarios/atve.toml` here, else the built-in.
pub fn default_scenario() -> ScenarioSource {
    let local = Path::new("scenarios").join(format!("{}.toml", builtin::DEFAULT_SCENARIO));
    if local.is_file() {
        ScenarioSource::File(local)
    } else {
        ScenarioSource::Builtin(builtin::DEFAULT_SCENARIO)
    }
}

/// Loads a scenario and its catalogs.
///
/// Catalogs come from `catalogs` when given, else from the scenario's own `catalogs` key
/// (relative to its file), else from `../catalogs` beside the scenario's directory. A built-in
/// scenario uses the built-in catalogs.
pub fn load(source: &ScenarioSource, catalogs: Option<&Path>) -> Result<Project, Diagnostics> {
    load_with(source, catalogs, None)
}

/// Loads a scenario and, of the catalogs `reelcost import` wrote, only those that price a model
/// its steps or `extra_ids` name: a one-off report does not parse hundreds of imported models
/// it never prices. Catalogs written by hand all load, as with [`load`].
pub fn load_for_report(
    source: &ScenarioSource,
    catalogs: Option<&Path>,
    extra_ids: &[&str],
) -> Result<Project, Diagnostics> {
    load_with(source, catalogs, Some(extra_ids))
}

fn load_with(
    source: &ScenarioSource,
    catalogs: Option<&Path>,
    extra_ids: Option<&[&str]>,
) -> Result<Project, Diagnostics> {
    let file = match source {
        ScenarioSource::File(path) => read_source(path)?,
        ScenarioSource::Builtin(name) => {
            let (file_name, text) =
                builtin::scenario(name).ok_or_else(|| Diagnostic::file_error(*name, "no such built-in scenario"))?;
            SourceFile::new(format!("<built-in>/scenarios/{file_name}"), text)
        }
    };
    with_catalogs_wanted(load_scenario(&file)?, source, catalogs, extra_ids, &mut read_catalog)
}

/// Reads and loads one catalog file.
pub fn read_catalog(path: &Path) -> Result<Catalog, Diagnostics> {
    load_catalog(&read_source(path)?)
}

/// A loaded scenario with its catalogs, found as [`load`] finds them, each catalog file loaded by
/// `read` (which may hand back one it loaded before: `check` parses each file once).
pub fn with_catalogs(
    scenario: Scenario,
    source: &ScenarioSource,
    catalogs: Option<&Path>,
    read: &mut dyn FnMut(&Path) -> Result<Catalog, Diagnostics>,
) -> Result<Project, Diagnostics> {
    with_catalogs_wanted(scenario, source, catalogs, None, read)
}

/// [`with_catalogs`], parsing only the generated catalogs that price a model the scenario uses
/// or `extra_ids` names, when those are given.
fn with_catalogs_wanted(
    scenario: Scenario,
    source: &ScenarioSource,
    catalogs: Option<&Path>,
    extra_ids: Option<&[&str]>,
    read: &mut dyn FnMut(&Path) -> Result<Catalog, Diagnostics>,
) -> Result<Project, Diagnostics> {
    let catalog_source = match (catalogs, source) {
        (Some(dir), _) => CatalogSource::Dir(dir.to_path_buf()),
        (None, ScenarioSource::File(path)) => {
            let base = path.parent().unwrap_or(Path::new("."));
            match &scenario.catalogs {
                Some(rel) => CatalogSource::Dir(tidy(&base.join(rel))),
                None => CatalogSource::Dir(tidy(&base.join("..").join("catalogs"))),
            }
        }
        (None, ScenarioSource::Builtin(_)) => CatalogSource::Builtin,
    };
    let wanted: Option<Vec<&str>> = extra_ids.map(|extra| {
        let steps = scenario.steps.iter();
        let models = steps.flat_map(|s| std::iter::once(&*s.model).chain(s.fallback.as_ref().map(|f| &*f.model)));
        // Models the file's parameters choose: `video_model` and each step's `ID.model`.
        let chosen = scenario.params.video_model.as_deref();
        let swaps = scenario.params.models.iter().flatten().map(|id| &**id);
        models.chain(chosen).chain(swaps).chain(extra.iter().copied()).collect()
    });
    let from_key = catalogs.is_none();
    let loaded = load_catalog_source_with(&catalog_source, source, wanted.as_deref(), read);
    let (catalogs, catalog_files) = loaded.map_err(|errors| match from_key {
        true => at_catalogs_key(&scenario, &catalog_source, errors),
        false => errors,
    })?;
    Ok(Project {
        scenario,
        catalogs,
        scenario_source: source.clone(),
        catalog_source,
        catalog_files,
    })
}

/// Problems with the catalog directory itself, located at the scenario's `catalogs` key, which
/// is where the directory was named.
fn at_catalogs_key(scenario: &Scenario, source: &CatalogSource, errors: Diagnostics) -> Diagnostics {
    let (Some(origin), Some(rel), CatalogSource::Dir(dir)) = (&scenario.catalogs_origin, &scenario.catalogs, source)
    else {
        return errors;
    };
    let dir = dir.display().to_string();
    let locate = |d: Diagnostic| {
        if d.path != dir || d.position.is_some() {
            return d;
        }
        let mut located = origin.error(format!("catalogs = \"{rel}\" names {dir}, but {}", d.message));
        located.help = d.help;
        located
    };
    Diagnostics(errors.0.into_iter().map(locate).collect())
}

/// Loads the catalogs a source names.
pub fn load_catalog_source(
    source: &CatalogSource,
    scenario: &ScenarioSource,
) -> Result<(Catalogs, Vec<PathBuf>), Diagnostics> {
    load_catalog_source_with(source, scenario, None, &mut read_catalog)
}

/// Loads the catalogs a source names: all of them, each through `read`, or, given the model ids
/// wanted, those [`load_catalogs_needed`] keeps.
fn load_catalog_source_with(
    source: &CatalogSource,
    scenario: &ScenarioSource,
    wanted: Option<&[&str]>,
    read: &mut dyn FnMut(&Path) -> Result<Catalog, Diagnostics>,
) -> Result<(Catalogs, Vec<PathBuf>), Diagnostics> {
    let load = |files: &[Arc<SourceFile>]| match wanted {
        Some(ids) => load_catalogs_needed(files, ids),
        None => load_catalogs(files),
    };
    match source {
        CatalogSource::Builtin => {
            let files: Vec<Arc<SourceFile>> = builtin::CATALOGS
                .iter()
                .map(|(name, text)| SourceFile::new(format!("<built-in>/catalogs/{name}"), *text))
                .collect();
            Ok((load(&files)?, Vec::new()))
        }
        CatalogSource::Dir(dir) => {
            let (paths, skipped) = toml_entries(dir)?;
            if !skipped.is_empty() {
                return Err(Diagnostics(skipped));
            }
            if let ScenarioSource::File(scenario_path) = scenario {
                let own = fs::canonicalize(scenario_path).ok();
                if paths.iter().any(|p| fs::canonicalize(p).ok() == own && own.is_some()) {
                    return Err(Diagnostic::file_error(
                        dir.display().to_string(),
                        "this catalog directory holds the scenario itself",
                    )
                    .with_help(
                        "point `catalogs` (or --catalogs) at the directory of price catalogs, e.g. \"../catalogs\"",
                    )
                    .into());
                }
            }
            if paths.is_empty() {
                return Err(Diagnostic::file_error(
                    dir.display().to_string(),
                    "the catalog directory has no .toml files",
                )
                .with_help("run `reelcost init DIR` for a starting set")
                .into());
            }
            if wanted.is_some() {
                // Only the generated catalogs that price a wanted model are parsed.
                let mut files = Vec::with_capacity(paths.len());
                let mut errors = Vec::new();
                for path in &paths {
                    match read_source(path) {
                        Ok(file) => files.push(file),
                        Err(d) => errors.push(d),
                    }
                }
                if !errors.is_empty() {
                    return Err(Diagnostics(errors));
                }
                return Ok((load(&files)?, paths));
            }
            let mut loaded = Vec::with_capacity(paths.len());
            let mut errors = Vec::new();
            let mut failed = false;
            for path in &paths {
                match read(path) {
                    Ok(catalog) => loaded.push(catalog),
                    Err(mut d) => {
                        // `read` may have reported its file's problems already and return none.
                        failed = true;
                        errors.append(&mut d.0);
                    }
                }
            }
            if failed {
                return Err(Diagnostics(errors));
            }
            Ok((combine_catalogs(loaded)?, paths))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tidies_paths_as_written() {
        assert_eq!(tidy(Path::new("scenarios/../catalogs")), PathBuf::from("catalogs"));
        assert_eq!(tidy(Path::new("./a/./b/../c")), PathBuf::from("a/c"));
        assert_eq!(tidy(Path::new("../catalogs")), PathBuf::from("../catalogs"));
        assert_eq!(
            tidy(Path::new("/x/scenarios/../catalogs")),
            PathBuf::from("/x/catalogs")
        );
        assert_eq!(tidy(Path::new("s/..")), PathBuf::from("."));
    }
}
