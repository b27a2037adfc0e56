//! Writing tuned parameters back into a scenario file: only the changed values, every comment,
//! the order and the formatting kept (toml_edit), the line endings and byte-order mark kept
//! ([`Endings`]), and the write atomic, keeping the file's owner and permissions ([`write_file`]).

mod endings;
mod write;

use std::fs;
use std::path::Path;

pub use endings::Endings;
pub use write::{Links, WriteError, write_atomic, write_file};

use toml_edit::{DocumentMut, Item, Table, Value};

use crate::engine::params::{MODEL_SUFFIX, SALE_NAMES};
use crate::engine::{Diagnostic, PARAMETER_NAMES, Params, SourceFile, load_scenario};

/// The scenario's text with `params` written over it where they differ from `file_params`
/// (what the text itself says): built-in and the scenario's own parameters into `[parameters]`
/// (the `value` of a long-form one), sale values into `[sale]`, a step's model swap as `model`
/// on that step. Comments and untouched lines stay byte for byte; derived parameters, being
/// computed, are never written.
pub fn with_params(text: &str, file_params: &Params, params: &Params) -> Result<String, String> {
    let mut doc: DocumentMut = text.parse().map_err(|e: toml_edit::TomlError| e.message().to_owned())?;
    write_builtins(&mut doc, file_params, params)?;
    write_own(&mut doc, file_params, params)?;
    write_sale(&mut doc, file_params, params)?;
    write_models(&mut doc, file_params, params)?;
    Ok(doc.to_string())
}

/// The `[parameters]` table, made when the file has none.
fn parameters_table(doc: &mut DocumentMut) -> Result<&mut dyn toml_edit::TableLike, String> {
    if !doc.contains_key("parameters") {
        let mut table = Table::new();
        table.set_implicit(false);
        doc.insert("parameters", Item::Table(table));
    }
    doc.get_mut("parameters")
        .and_then(Item::as_table_like_mut)
        .ok_or_else(|| "`parameters` is not a table".to_owned())
}

fn write_builtins(doc: &mut DocumentMut, file_params: &Params, params: &Params) -> Result<(), String> {
    let changed: Vec<&str> = PARAMETER_NAMES
        .into_iter()
        .filter(|name| *name != "seconds" && params.get(name) != file_params.get(name))
        .filter(|name| params.schema.derivation(name).is_none())
        .collect();
    if changed.is_empty() {
        return Ok(());
    }
    let table = parameters_table(doc)?;
    let clip_changed = params.frames != file_params.frames || params.fps != file_params.fps;
    for name in changed {
        // A file that gives the clip length in seconds keeps doing so when that is exact.
        if name == "frames" && table.contains_key("seconds") && !table.contains_key("frames") {
            if let Some(seconds) = params.seconds().filter(|s| s.scale() <= 6) {
                replace_value(table, "seconds", literal(&seconds.normalize().to_string()));
                continue;
            }
            table.remove("seconds");
        }
        let text = params.get(name).unwrap_or_default();
        let value = match name {
            "resolution" | "video_model" if text.is_empty() => {
                table.remove(name);
                continue;
            }
            "resolution" | "video_model" => Value::from(text),
            "audio" => Value::from(params.audio),
            _ => literal(&text),
        };
        replace_value(table, name, value);
    }
    if clip_changed && table.contains_key("seconds") && table.contains_key("frames") {
        table.remove("seconds");
    }
    Ok(())
}

fn write_own(doc: &mut DocumentMut, file_params: &Params, params: &Params) -> Result<(), String> {
    for custom in params.schema.custom.iter().filter(|c| c.derived.is_none()) {
        let (now, then) = (params.get(&custom.name), file_params.get(&custom.name));
        let Some(now) = now.filter(|n| Some(n) != then.as_ref()) else {
            continue;
        };
        replace_value(parameters_table(doc)?, &custom.name, literal(&now));
    }
    Ok(())
}

fn write_sale(doc: &mut DocumentMut, file_params: &Params, params: &Params) -> Result<(), String> {
    let changed = SALE_NAMES
        .into_iter()
        .any(|name| params.get(name) != file_params.get(name));
    if !changed || !params.sale.is_set() {
        return Ok(());
    }
    if !doc.contains_key("sale") {
        doc.insert("sale", Item::Table(Table::new()));
    }
    let table = doc
        .get_mut("sale")
        .and_then(Item::as_table_like_mut)
        .ok_or_else(|| "`sale` is not a table".to_owned())?;
    for name in SALE_NAMES.into_iter().filter(|n| params.get(n) != file_params.get(n)) {
        let text = params.get(name).unwrap_or_default();
        match name {
            _ if text.is_empty() => {
                table.remove(name);
            }
            "pack" => replace(table, name, Value::from(text)),
            _ => replace(table, name, literal(&text)),
        }
    }
    Ok(())
}

fn write_models(doc: &mut DocumentMut, file_params: &Params, params: &Params) -> Result<(), String> {
    let steps = &params.schema.steps;
    for (index, step) in steps.iter().enumerate() {
        let name = format!("{}{MODEL_SUFFIX}", step.id);
        let Some(model) = params.get(&name).filter(|m| Some(m) != file_params.get(&name).as_ref()) else {
            continue;
        };
        let nth = steps[..index].iter().filter(|s| s.stage == step.stage).count();
        let table = doc
            .get_mut(step.stage.name())
            .and_then(Item::as_array_of_tables_mut)
            .and_then(|tables| tables.get_mut(nth))
            .ok_or_else(|| format!("the {} step `{}` is not in the file", step.stage.name(), step.id))?;
        replace_value(table, "model", Value::from(model));
    }
    Ok(())
}

/// The scenario's text with its `catalogs` key naming `dir` (absolute), so that a copy saved
/// elsewhere still prices from the same catalogs.
pub fn with_catalogs(text: &str, dir: &Path) -> Result<String, String> {
    let mut doc: DocumentMut = text.parse().map_err(|e: toml_edit::TomlError| e.message().to_owned())?;
    let dir = fs::canonicalize(dir).map_err(|e| e.to_string())?;
    let value = Value::from(dir.display().to_string());
    match doc.get_mut("catalogs").and_then(Item::as_value_mut) {
        Some(old) => {
            let decor = old.decor().clone();
            *old = value;
            *old.decor_mut() = decor;
        }
        None => {
            doc.insert("catalogs", Item::Value(value));
        }
    }
    Ok(doc.to_string())
}

/// A TOML value from decimal or integer text, keeping the text exactly as written.
fn literal(text: &str) -> Value {
    text.parse::<Value>().unwrap_or_else(|_| Value::from(text))
}

/// A value's text without its surrounding spaces and comments.
fn bare(value: &Value) -> String {
    let mut value = value.clone();
    value.decor_mut().clear();
    value.to_string()
}

/// Sets a parameter's value: the `value` inside a long-form inline table, else the key itself.
fn replace_value(table: &mut dyn toml_edit::TableLike, key: &str, value: Value) {
    if let Some(inline) = table
        .get_mut(key)
        .and_then(Item::as_value_mut)
        .and_then(Value::as_inline_table_mut)
        && inline.contains_key("value")
    {
        replace(inline, "value", value);
        return;
    }
    replace(table, key, value);
}

/// Sets a key, keeping the old value's surrounding spaces and trailing comment, and the
/// comment's column when the new value is shorter or longer.
fn replace(table: &mut dyn toml_edit::TableLike, key: &str, mut value: Value) {
    if let Some(old) = table.get(key).and_then(Item::as_value) {
        *value.decor_mut() = old.decor().clone();
        let suffix = old.decor().suffix().and_then(|s| s.as_str()).unwrap_or_default();
        let spaces = suffix.len() - suffix.trim_start_matches(' ').len();
        if spaces > 0 && suffix[spaces..].starts_with('#') {
            let (old_len, new_len) = (bare(old).chars().count(), bare(&value).chars().count());
            let wanted = (spaces + old_len).saturating_sub(new_len).max(1);
            value
                .decor_mut()
                .set_suffix(format!("{}{}", " ".repeat(wanted), &suffix[spaces..]));
        }
    } else {
        value.decor_mut().set_prefix(" ");
    }
    table.insert(key, Item::Value(value));
}

/// Why a save into the scenario file was not made.
#[derive(Debug)]
pub enum Refusal {
    /// The file is read-only; its permissions, e.g. `r--r--r--`.
    ReadOnly(String),
    /// The file has this many names (hard links), and the user chooses how to write it.
    HardLinked(u64),
    /// The new text is invalid or could not be written.
    Failed(Diagnostic),
}

impl From<Diagnostic> for Refusal {
    fn from(diagnostic: Diagnostic) -> Self {
        Self::Failed(diagnostic)
    }
}

/// How the file at `path` writes its lines, or `loaded_text` does when it cannot be read.
pub fn endings_on_disk(path: Option<&Path>, loaded_text: &str) -> Endings {
    match path.map(fs::read_to_string) {
        Some(Ok(text)) => Endings::of(&text),
        _ => Endings::of(loaded_text),
    }
}

/// Saves parameters into a scenario file: only changed values are rewritten, and the new text is
/// parsed and validated before it replaces the old, so a save never leaves a broken file. The
/// file keeps its line endings and byte-order mark. A file with other names is refused, so the
/// user can choose ([`save_params_with_links`]). Returns the text written.
pub fn save_params(path: &Path, loaded_text: &str, file_params: &Params, params: &Params) -> Result<String, Refusal> {
    save_params_with_links(path, loaded_text, file_params, params, Links::Ask)
}

/// [`save_params`], writing a file with other names as `links` says.
pub fn save_params_with_links(
    path: &Path,
    loaded_text: &str,
    file_params: &Params,
    params: &Params,
    links: Links,
) -> Result<String, Refusal> {
    let shown = path.display().to_string();
    let endings = endings_on_disk(Some(path), loaded_text);
    let text = with_params(&endings.normalise(loaded_text), file_params, params)
        .map_err(|why| Diagnostic::file_error(&shown, format!("cannot update the scenario: {why}")))?;
    let check = SourceFile::new(&shown, text.clone());
    let reloaded = load_scenario(&check).map_err(|e| {
        e.0.into_iter()
            .next()
            .unwrap_or_else(|| Diagnostic::file_error(&shown, "invalid"))
    })?;
    if !same_values(&reloaded.params, params) {
        return Err(Diagnostic::file_error(
            &shown,
            "the saved parameters would not read back as set; nothing was written",
        )
        .into());
    }
    let text = endings.restore(&text);
    write_file(path, &text, links).map_err(|e| match e {
        WriteError::ReadOnly(mode) => Refusal::ReadOnly(mode),
        WriteError::HardLinked(names) => Refusal::HardLinked(names),
        WriteError::Io(e) => Diagnostic::file_error(&shown, format!("cannot save: {e}")).into(),
    })?;
    Ok(text)
}

/// True when two sets of parameters name the same parameters with the same values; a step's
/// model counts by the model it prices with, whether the file names it or a swap does.
pub fn same_values(a: &Params, b: &Params) -> bool {
    a.names().eq(b.names()) && a.names().all(|name| a.get(&name) == b.get(&name))
}

/// True when the file on disk no longer holds the text that was loaded from it.
pub fn changed_on_disk(path: &Path, loaded_text: &str) -> bool {
    fs::read_to_string(path).map_or(true, |now| now.trim_start_matches('\u{feff}') != loaded_text)
}

#[cfg(test)]
mod tests {
    use super::*;

    const ATVE: &str = include_str!("../scenarios/atve.toml");

    fn params_of(text: &str) -> Params {
        load_scenario(&SourceFile::new("s.toml", text)).expect("valid").params
    }

    #[test]
    fn only_the_changed_value_changes() {
        let before = params_of(ATVE);
        let mut after = before.clone();
        after.frames = 80;
        let text = with_params(ATVE, &before, &after).expect("saved");
        let changed: Vec<(&str, &str)> = ATVE.lines().zip(text.lines()).filter(|(a, b)| a != b).collect();
        assert_eq!(changed.len(), 1, "{changed:?}");
        assert_eq!(
            changed[0].1,
            "frames = 80                       # \"My pipeline requests 100 frames per scene\""
        );
        assert_eq!(ATVE.lines().count(), text.lines().count());
        assert_eq!(params_of(&text), after);
    }

    #[test]
    fn decimals_strings_and_booleans_round_trip() {
        let before = params_of(ATVE);
        let mut after = before.clone();
        after.set("reroll_rate", "0.11").expect("valid");
        after.set("resolution", "480p").expect("valid");
        after.set("audio", "true").expect("valid");
        after.set("video_model", "kling/o3/text-to-video").expect("valid");
        let text = with_params(ATVE, &before, &after).expect("saved");
        assert!(text.contains("reroll_rate = 0.11 "));
        assert!(text.contains("video_model = \"kling/o3/text-to-video\""));
        assert_eq!(params_of(&text), after);
    }

    #[test]
    fn a_clip_given_in_seconds_stays_in_seconds() {
        let text = "[parameters]\nseconds = 10 # ten\nfps = 24\n\n[[scene]]\nmodel = \"m\"\n";
        let before = params_of(text);
        let mut after = before.clone();
        after.set("seconds", "5").expect("valid");
        let saved = with_params(text, &before, &after).expect("saved");
        assert_eq!(
            saved,
            "[parameters]\nseconds = 5  # ten\nfps = 24\n\n[[scene]]\nmodel = \"m\"\n"
        );
    }

    #[test]
    fn atomic_write_keeps_permissions_and_writes_through_symlinks() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("tempdir");
        let real = dir.path().join("real.toml");
        fs::write(&real, "old").expect("write");
        fs::set_permissions(&real, fs::Permissions::from_mode(0o640)).expect("chmod");
        let link = dir.path().join("link.toml");
        std::os::unix::fs::symlink(&real, &link).expect("symlink");
        write_atomic(&link, "new").expect("saved");
        assert!(fs::symlink_metadata(&link).expect("meta").file_type().is_symlink());
        assert_eq!(fs::read_to_string(&real).expect("read"), "new");
        assert_eq!(fs::metadata(&real).expect("meta").permissions().mode() & 0o777, 0o640);
        let leftovers: Vec<_> = fs::read_dir(dir.path())
            .expect("dir")
            .filter_map(Result::ok)
            .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
            .collect();
        assert!(leftovers.is_empty());
    }

    #[test]
    fn a_failed_rename_leaves_the_original() {
        let dir = tempfile::tempdir().expect("tempdir");
        // A directory in the file's place makes the rename fail.
        let target = dir.path().join("scenario.toml");
        fs::create_dir(&target).expect("dir");
        fs::write(target.join("keep"), "kept").expect("write");
        assert!(write_atomic(&target, "new").is_err());
        assert_eq!(fs::read_to_string(target.join("keep")).expect("read"), "kept");
        let leftovers = fs::read_dir(dir.path()).expect("dir").count();
        assert_eq!(leftovers, 1, "the temporary file is removed");
    }
}
