//! The catalogs and scenarios shipped with reelcost, embedded so that `reelcost report atve`
//! works from any directory and `reelcost init` can write editable copies.

/// Built-in catalog files: (file name, text).
pub const CATALOGS: &[(&str, &str)] = &[
    ("anthropic.toml", include_str!("../catalogs/anthropic.toml")),
    ("azure.toml", include_str!("../catalogs/azure.toml")),
    ("cloudflare.toml", include_str!("../catalogs/cloudflare.toml")),
    ("fal.toml", include_str!("../catalogs/fal.toml")),
    ("kling.toml", include_str!("../catalogs/kling.toml")),
    ("roundup.toml", include_str!("../catalogs/roundup.toml")),
    ("wavespeed.toml", include_str!("../catalogs/wavespeed.toml")),
    ("xai.toml", include_str!("../catalogs/xai.toml")),
];

/// Built-in scenario files: (file name, text).
pub const SCENARIOS: &[(&str, &str)] = &[
    ("atve-all-in.toml", include_str!("../scenarios/atve-all-in.toml")),
    ("atve.toml", include_str!("../scenarios/atve.toml")),
    ("kling-3.toml", include_str!("../scenarios/kling-3.toml")),
    (
        "kling-motion-control.toml",
        include_str!("../scenarios/kling-motion-control.toml"),
    ),
    ("kling-o1.toml", include_str!("../scenarios/kling-o1.toml")),
    ("kling-o3.toml", include_str!("../scenarios/kling-o3.toml")),
    (
        "natak-basic-image.toml",
        include_str!("../scenarios/natak-basic-image.toml"),
    ),
    (
        "natak-character-setup.toml",
        include_str!("../scenarios/natak-character-setup.toml"),
    ),
    (
        "natak-nsfw-video.toml",
        include_str!("../scenarios/natak-nsfw-video.toml"),
    ),
    (
        "natak-premium-image.toml",
        include_str!("../scenarios/natak-premium-image.toml"),
    ),
    (
        "natak-premium-video.toml",
        include_str!("../scenarios/natak-premium-video.toml"),
    ),
    (
        "natak-sfw-video.toml",
        include_str!("../scenarios/natak-sfw-video.toml"),
    ),
];

/// The scenario the dashboard opens when none is named.
pub const DEFAULT_SCENARIO: &str = "atve";

/// A built-in scenario's text by name, with or without `.toml`.
pub fn scenario(name: &str) -> Option<(&'static str, &'static str)> {
    let stem = name.strip_suffix(".toml").unwrap_or(name);
    SCENARIOS
        .iter()
        .copied()
        .find(|(file, _)| file.strip_suffix(".toml") == Some(stem))
}

/// The names of the built-in scenarios, without `.toml`.
pub fn scenario_names() -> Vec<&'static str> {
    SCENARIOS
        .iter()
        .filter_map(|(file, _)| file.strip_suffix(".toml"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files_in(dir: &str) -> Vec<String> {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
        let mut names: Vec<String> = std::fs::read_dir(path)
            .expect("directory exists")
            .filter_map(|e| e.ok()?.file_name().into_string().ok())
            .filter(|n| n.ends_with(".toml"))
            .collect();
        names.sort();
        names
    }

    #[test]
    fn every_shipped_file_is_embedded() {
        let embedded: Vec<&str> = CATALOGS.iter().map(|(n, _)| *n).collect();
        assert_eq!(files_in("catalogs"), embedded);
        let embedded: Vec<&str> = SCENARIOS.iter().map(|(n, _)| *n).collect();
        assert_eq!(files_in("scenarios"), embedded);
    }

    #[test]
    fn finds_scenarios_by_name() {
        assert!(scenario("atve").is_some());
        assert!(scenario("atve.toml").is_some());
        assert!(scenario("nope").is_none());
    }
}
