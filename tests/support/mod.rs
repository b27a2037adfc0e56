//! Shared by the integration tests: a scratch copy of the shipped files.

use std::fs;
use std::path::Path;

/// A temporary directory holding a copy of the shipped catalogs and the atve scenario, laid out
/// as `catalogs/` and `scenarios/atve.toml`.
pub fn copy_of_atve() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    for sub in ["catalogs", "scenarios"] {
        fs::create_dir(dir.path().join(sub)).expect("a directory");
    }
    for entry in fs::read_dir(repo.join("catalogs")).expect("the catalogs") {
        let path = entry.expect("an entry").path();
        let name = path.file_name().expect("a file name");
        fs::copy(&path, dir.path().join("catalogs").join(name)).expect("a copy");
    }
    fs::copy(repo.join("scenarios/atve.toml"), dir.path().join("scenarios/atve.toml")).expect("a copy");
    dir
}
