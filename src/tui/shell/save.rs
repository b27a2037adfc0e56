//! Saving the scenario, as the shell carries it out: into its own file, or as a new one.

use std::path::Path;

use crate::live::Live;
use crate::project::{CatalogSource, ScenarioSource};
use crate::save::{self, Links, Refusal};
use crate::tui::action::{Action, Loaded};
use crate::tui::app::App;
use crate::tui::keys::{self, Context};

/// Writes the parameters into the scenario file, unless it changed on disk (and `force` is
/// off), is read-only, or has other names the user has not chosen about.
pub(super) fn into_scenario(live: &mut Live, app: &App, force: bool, links: Links, clock: fn() -> String) -> Action {
    let Some(path) = live.scenario_path().map(Path::to_path_buf) else {
        let save_as = keys::key_name(Context::Normal, &Action::StartSaveAs);
        return Action::SaveFailed(format!(
            "a built-in scenario has no file; save as a new file with {save_as}"
        ));
    };
    let loaded = app.project.scenario.file.text();
    if !force && save::changed_on_disk(&path, loaded) {
        return Action::SaveConflict;
    }
    match save::save_params_with_links(&path, loaded, &app.project.scenario.params, &app.params, links) {
        Ok(text) => {
            live.saved(&text);
            Action::Saved {
                project: Loaded(Box::new(live.project.clone())),
                time: clock(),
            }
        }
        Err(Refusal::ReadOnly(mode)) => Action::SaveReadOnly(mode),
        Err(Refusal::HardLinked(names)) => Action::SaveLinked { names, force },
        Err(Refusal::Failed(d)) => Action::SaveFailed(d.headline()),
    }
}

/// Writes the scenario with the current parameters to a new file, pricing from the same
/// catalogs, and makes it the live scenario.
pub(super) fn as_new_file(live: &mut Live, app: &App, path: &Path, clock: fn() -> String) -> Action {
    if path.exists() {
        return Action::SaveFailed(format!("{} already exists: choose another name", path.display()));
    }
    // The copy writes its lines as the scenario file does.
    let loaded = app.project.scenario.file.text();
    let endings = save::endings_on_disk(live.scenario_path(), loaded);
    let text = match save::with_params(&endings.normalise(loaded), &app.project.scenario.params, &app.params) {
        Ok(text) => text,
        Err(why) => return Action::SaveFailed(why),
    };
    // The copy keeps pricing from the same catalogs, wherever it is saved.
    let text = match &live.project.catalog_source {
        CatalogSource::Dir(dir) => save::with_catalogs(&text, dir).unwrap_or(text),
        CatalogSource::Builtin => text,
    };
    if let Err(e) = save::write_atomic(path, &endings.restore(&text)) {
        return Action::SaveFailed(format!("cannot write {}: {e}", path.display()));
    }
    match Live::open(ScenarioSource::File(path.to_path_buf()), None) {
        Ok(opened) => {
            *live = opened;
            Action::Saved {
                project: Loaded(Box::new(live.project.clone())),
                time: clock(),
            }
        }
        Err(errors) => Action::SaveFailed(format!("saved {}, but it does not load: {errors}", path.display())),
    }
}
