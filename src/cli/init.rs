//! `reelcost init DIR`: editable copies of the built-in catalogs and scenarios.

use super::print_out;
use std::fs;
use std::path::Path;

use crate::builtin;
use crate::engine::{Diagnostic, Diagnostics};

/// Writes `DIR/catalogs/*.toml` and `DIR/scenarios/*.toml`, refusing to overwrite unless forced.
pub fn run(dir: &Path, force: bool) -> Result<(), Diagnostics> {
    let groups = [("catalogs", builtin::CATALOGS), ("scenarios", builtin::SCENARIOS)];
    let mut existing = Vec::new();
    for (sub, files) in groups {
        for (name, _) in files {
            let path = dir.join(sub).join(name);
            if path.exists() && !force {
                existing.push(
                    Diagnostic::file_error(path.display().to_string(), "already exists")
                        .with_help("pass --force to overwrite, or choose another directory"),
                );
            }
        }
    }
    if !existing.is_empty() {
        return Err(Diagnostics(existing));
    }
    let mut written = 0;
    for (sub, files) in groups {
        let folder = dir.join(sub);
        fs::create_dir_all(&folder).map_err(|e| {
            Diagnostic::file_error(
                folder.display().to_string(),
                format!("cannot create the directory: {e}"),
            )
        })?;
        for (name, text) in files {
            let path = folder.join(name);
            fs::write(&path, text)
                .map_err(|e| Diagnostic::file_error(path.display().to_string(), format!("cannot write: {e}")))?;
            written += 1;
        }
    }
    print_out(format_args!("wrote {written} files to {}", dir.display()));
    print_out(format_args!(
        "try: reelcost report {}",
        dir.join("scenarios").join("atve.toml").display()
    ));
    Ok(())
}
