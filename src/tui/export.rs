//! Exporting from the dashboard: `e` asks for a directory, beside the scenario by default, and
//! the shell writes the figures at the current parameters there through the same exporters as
//! `reelcost export`.

use std::path::{Path, PathBuf};

use super::action::Effect;
use super::app::{App, Mode};

/// What a scenario's files are named after: its file's stem, or the built-in scenario's name.
pub fn stem(app: &App) -> String {
    Path::new(app.source())
        .file_stem()
        .map_or_else(|| "scenario".to_owned(), |s| s.to_string_lossy().into_owned())
}

/// The directory an export goes into unless another is typed: `<stem>-export` beside the
/// scenario file, or in the working directory for a built-in scenario.
pub fn default_dir(app: &App) -> PathBuf {
    let name = format!("{}-export", stem(app));
    let source = Path::new(app.source());
    if app.source().starts_with("<built-in>") {
        return PathBuf::from(name);
    }
    source.with_file_name(name)
}

impl App {
    /// Opens the prompt for the export's directory, the default typed in.
    pub(super) fn start_export(&mut self) {
        self.mode = Mode::Exporting(default_dir(self).display().to_string());
    }

    /// The directory typed for the export, as an effect for the shell.
    pub(super) fn export_to(&mut self, dir: &str) -> Option<Effect> {
        self.mode = Mode::Normal;
        let dir = dir.trim();
        if dir.is_empty() {
            self.say("Export cancelled: no directory typed");
            return None;
        }
        self.say(format!("Exporting to {dir}/…"));
        Some(Effect::Export(PathBuf::from(dir)))
    }

    /// Says where the export went and which files it wrote.
    pub(super) fn exported(&mut self, paths: &[PathBuf]) {
        let dir = paths
            .first()
            .and_then(|p| p.parent())
            .map_or_else(String::new, |d| d.display().to_string());
        let names: Vec<String> = paths
            .iter()
            .filter_map(|p| p.file_name())
            .map(|n| n.to_string_lossy().into_owned())
            .collect();
        self.say(format!("Exported to {dir}/: {}", names.join(", ")));
    }
}
