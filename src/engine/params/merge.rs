//! Parameters after the scenario file changed on disk.

use super::Params;

/// The file's new values where the user had left the file's old value, the user's own where
/// they had changed it. Returns the merged parameters (with the new file's own names, steps
/// and packs) and the names where the user's value was kept over a new one from the file.
pub fn merge(old_file: &Params, new_file: &Params, current: &Params) -> (Params, Vec<String>) {
    let mut merged = new_file.clone();
    let mut kept = Vec::new();
    // Frames carry the clip length; `seconds` would set them twice. Derived values follow.
    let names: Vec<String> = new_file
        .names()
        .filter(|n| n != "seconds" && new_file.schema.derivation(n).is_none())
        .collect();
    // fps goes before frames so that frames are read at the new rate.
    for name in names {
        let (old, new, mine) = (old_file.get(&name), new_file.get(&name), current.get(&name));
        if mine.is_none() || mine == old {
            continue;
        }
        if let Some(value) = mine.filter(|v| !v.is_empty()) {
            if merged.set(&name, &value).is_ok() && new != old {
                kept.push(name);
            }
        } else if clear(&mut merged, &name) && new != old {
            kept.push(name);
        }
    }
    (merged, kept)
}

/// Unsets a parameter that can be unset; false for one that always has a value.
fn clear(params: &mut Params, name: &str) -> bool {
    match name {
        "resolution" => params.resolution = None,
        "video_model" => params.video_model = None,
        "finished_seconds_per_scene" => params.finished_seconds_per_scene = None,
        "price" => params.sale.price = None,
        "credits" => params.sale.credits = None,
        "credit_price" => params.sale.credit_price = None,
        "pack" => params.sale.pack = None,
        "target_margin" => params.sale.target_margin = None,
        _ => return false,
    }
    true
}
