//! Loading a scenario and its catalogs from disk or from the built-ins. This is where reelcost
//! touches files; the engine it feeds only ever sees text.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::builtin;
use crate::engine::{
    Catalogs, Diagnostic, Diagnostics, Scenario, SourceFile, load_catalogs, load_catalogs_needed, load_scenario,
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

/// The largest catalog or scenario read: far above any real one (10,000 models is about 2 MB).
const MAX_FILE_BYTES: u64 = 64 << 20;

/// Reads a file as source text, with a clear message for what can go wrong on disk.
pub fn read_source(path: &Path) -> Result<Arc<SourceFile>, Diagnostic> {
    let shown = path.display().to_string();
    let meta = fs::metadata(path).map_err(|e| Diagnostic::file_error(&shown, io_message(&e)))?;
    if meta.is_dir() {
        return Err(Diagnostic::file_error(&shown, "is a directory, not a file").with_help("name a .toml file"));
    }
    if !meta.is_file() {
        return Err(Diagnostic::file_error(&shown, "is not a regular file").with_help("name a .toml file"));
    }
    // Read one byte past the limit to tell a file at the limit from a larger one.
    let mut bytes = Vec::new();
    fs::File::open(path)
        .and_then(|f| std::io::Read::read_to_end(&mut std::io::Read::take(f, MAX_FILE_BYTES + 1), &mut bytes))
        .map_err(|e| Diagnostic::file_error(&shown, io_message(&e)))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(
            Diagnostic::file_error(&shown, format!("is larger than {} MB", MAX_FILE_BYTES >> 20))
                .with_help("catalogs and scenarios are small text files; split a very large catalog in several"),
        );
    }
    SourceFile::from_bytes(shown, bytes)
}

fn io_message(err: &std::io::Error) -> String {
    match err.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".to_owned(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        _ => err.to_string(),
    }
}

/// A path with `.` and `dir/..` taken out, as a person would write it: `scenarios/../catalogs`
/// is `catalogs`. Only the text changes; a `..` that climbs above the start is kept.
pub fn tidy(path: &Path) -> PathBuf {
    use std::path::Component;
    let mut parts: Vec<Component> = Vec::new();
    for part in path.components() {
        match part {
            Component::CurDir => {}
            Component::ParentDir if matches!(parts.last(), Some(Component::Normal(_))) => {
                parts.pop();
            }
            other => parts.push(other),
        }
    }
    if parts.is_empty() {
        PathBuf::from(".")
    } else {
        parts.iter().collect()
    }
}

/// Decides whether an argument names a scenario file or a built-in scenario.
pub fn scenario_source(arg: &str) -> Result<ScenarioSource, Diagnostic> {
    let path = Path::new(arg);
    if path.exists() {
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

/// The `*.toml` files of a directory, sorted by name.
pub fn toml_files(dir: &Path) -> Result<Vec<PathBuf>, Diagnostic> {
    let shown = dir.display().to_string();
    let entries = fs::read_dir(dir).map_err(|e| {
        Diagnostic::file_error(&shown, format!("cannot read the catalog directory: {}", io_message(&e)))
    })?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml") && p.is_file())
        .collect();
    files.sort();
    Ok(files)
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
    let scenario = load_scenario(&file)?;
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
    let (catalogs, catalog_files) = load_catalog_source_with(&catalog_source, source, wanted.as_deref())?;
    Ok(Project {
        scenario,
        catalogs,
        scenario_source: source.clone(),
        catalog_source,
        catalog_files,
    })
}

/// Loads the catalogs a source names.
pub fn load_catalog_source(
    source: &CatalogSource,
    scenario: &ScenarioSource,
) -> Result<(Catalogs, Vec<PathBuf>), Diagnostics> {
    load_catalog_source_with(source, scenario, None)
}

/// Loads the catalogs a source names: all of them, or those [`load_catalogs_needed`] keeps.
fn load_catalog_source_with(
    source: &CatalogSource,
    scenario: &ScenarioSource,
    wanted: Option<&[&str]>,
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
            let paths = toml_files(dir)?;
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
            let mut files = Vec::new();
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
            Ok((load(&files)?, paths))
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
