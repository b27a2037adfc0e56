//! The catalogs and scenarios shipped with reelcost, embedded so that `reelcost report atve`
//! works from any directory and `reelcost init` can write editable copies.

/// Built-in catalog files: (file name, text). The seed documents' catalogs sit beside those
/// imported from litellm's price list (`litellm-*.toml`, generated: see CONTRIBUTING.md).
pub const CATALOGS: &[(&str, &str)] = &[
    ("anthropic.toml", include_str!("../catalogs/anthropic.toml")),
    ("azure.toml", include_str!("../catalogs/azure.toml")),
    ("cloudflare.toml", include_str!("../catalogs/cloudflare.toml")),
    ("fal.toml", include_str!("../catalogs/fal.toml")),
    ("kling.toml", include_str!("../catalogs/kling.toml")),
    ("litellm-aiml.toml", include_str!("../catalogs/litellm-aiml.toml")),
    (
        "litellm-aws_polly.toml",
        include_str!("../catalogs/litellm-aws_polly.toml"),
    ),
    ("litellm-azure.toml", include_str!("../catalogs/litellm-azure.toml")),
    (
        "litellm-azure_ai.toml",
        include_str!("../catalogs/litellm-azure_ai.toml"),
    ),
    ("litellm-bedrock.toml", include_str!("../catalogs/litellm-bedrock.toml")),
    (
        "litellm-black_forest_labs.toml",
        include_str!("../catalogs/litellm-black_forest_labs.toml"),
    ),
    (
        "litellm-dashscope.toml",
        include_str!("../catalogs/litellm-dashscope.toml"),
    ),
    (
        "litellm-databricks.toml",
        include_str!("../catalogs/litellm-databricks.toml"),
    ),
    (
        "litellm-elevenlabs.toml",
        include_str!("../catalogs/litellm-elevenlabs.toml"),
    ),
    ("litellm-fal_ai.toml", include_str!("../catalogs/litellm-fal_ai.toml")),
    (
        "litellm-fireworks_ai.toml",
        include_str!("../catalogs/litellm-fireworks_ai.toml"),
    ),
    ("litellm-gemini.toml", include_str!("../catalogs/litellm-gemini.toml")),
    ("litellm-groq.toml", include_str!("../catalogs/litellm-groq.toml")),
    ("litellm-meta.toml", include_str!("../catalogs/litellm-meta.toml")),
    ("litellm-minimax.toml", include_str!("../catalogs/litellm-minimax.toml")),
    ("litellm-mistral.toml", include_str!("../catalogs/litellm-mistral.toml")),
    ("litellm-nscale.toml", include_str!("../catalogs/litellm-nscale.toml")),
    ("litellm-openai.toml", include_str!("../catalogs/litellm-openai.toml")),
    (
        "litellm-qwen_ai_platform.toml",
        include_str!("../catalogs/litellm-qwen_ai_platform.toml"),
    ),
    (
        "litellm-qwencloud.toml",
        include_str!("../catalogs/litellm-qwencloud.toml"),
    ),
    ("litellm-recraft.toml", include_str!("../catalogs/litellm-recraft.toml")),
    (
        "litellm-runwayml.toml",
        include_str!("../catalogs/litellm-runwayml.toml"),
    ),
    (
        "litellm-stability.toml",
        include_str!("../catalogs/litellm-stability.toml"),
    ),
    ("litellm-tencent.toml", include_str!("../catalogs/litellm-tencent.toml")),
    (
        "litellm-vertex_ai-language-models.toml",
        include_str!("../catalogs/litellm-vertex_ai-language-models.toml"),
    ),
    (
        "litellm-vertex_ai-video-models.toml",
        include_str!("../catalogs/litellm-vertex_ai-video-models.toml"),
    ),
    (
        "litellm-vertex_ai.toml",
        include_str!("../catalogs/litellm-vertex_ai.toml"),
    ),
    (
        "litellm-volcengine.toml",
        include_str!("../catalogs/litellm-volcengine.toml"),
    ),
    ("litellm-xai.toml", include_str!("../catalogs/litellm-xai.toml")),
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

/// A built-in scenario loaded with the built-in catalogs, for the library's own tests.
#[cfg(test)]
#[allow(clippy::expect_used)]
pub fn loaded(name: &str) -> (crate::engine::Scenario, crate::engine::Catalogs) {
    use crate::engine::{SourceFile, load_catalogs, load_scenario};
    let (file, text) = scenario(name).expect("a built-in scenario");
    let scenario = load_scenario(&SourceFile::new(file, text)).expect("a built-in scenario loads");
    let files: Vec<_> = CATALOGS
        .iter()
        .map(|(name, text)| SourceFile::new(*name, *text))
        .collect();
    (scenario, load_catalogs(&files).expect("the built-in catalogs load"))
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
