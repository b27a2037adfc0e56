//! Feeds arbitrary bytes to the catalog and scenario loaders, and evaluates any scenario that
//! loads against the built-in catalogs: none of it may panic.
#![no_main]

use std::sync::{Arc, OnceLock};

use libfuzzer_sys::fuzz_target;
use reelcost::builtin;
use reelcost::engine::{Catalogs, SourceFile, evaluate, load_catalog, load_catalogs, load_scenario};

fn catalogs() -> &'static Catalogs {
    static CATALOGS: OnceLock<Catalogs> = OnceLock::new();
    CATALOGS.get_or_init(|| {
        let files: Vec<Arc<SourceFile>> = builtin::CATALOGS.iter().map(|(n, t)| SourceFile::new(*n, *t)).collect();
        load_catalogs(&files).unwrap_or_default()
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(file) = SourceFile::from_bytes("fuzz.toml", data.to_vec()) else { return };
    if let Ok(catalog) = load_catalog(&file) {
        let _ = load_catalogs(&[file.clone()]);
        let _ = catalog.models.len();
    }
    if let Ok(scenario) = load_scenario(&file) {
        if let Ok(bill) = evaluate(&scenario, catalogs(), &scenario.params) {
            for warning in &bill.warnings {
                let _ = warning.headline();
            }
        }
    }
});
