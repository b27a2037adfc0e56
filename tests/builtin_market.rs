//! The built-in market: the imported catalogs shipped beside the seed documents' are what the
//! importer makes of the checked-in copy of litellm's list, they check, and they price.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

use reelcost::engine::Kind;
use reelcost::import::{self, Options};

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn reelcost(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_reelcost"))
        .args(args)
        .current_dir(dir)
        .env("REELCOST_TODAY", "2026-11-22")
        .output()
        .unwrap()
}

fn text(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned() + &String::from_utf8_lossy(&output.stderr)
}

#[test]
fn the_built_in_imported_catalogs_are_what_the_importer_makes_of_the_checked_in_copy() {
    use reelcost::builtin::CATALOGS;
    use reelcost::engine::{SourceFile, load_catalogs};
    let seeds: Vec<_> = CATALOGS
        .iter()
        .filter(|(name, _)| !name.starts_with("litellm-"))
        .map(|(name, text)| SourceFile::new(format!("catalogs/{name}"), *text))
        .collect();
    let reserved = load_catalogs(&seeds)
        .unwrap()
        .models()
        .map(|m| (m.id.to_string(), m.origin.file().path().to_owned()))
        .collect();
    let json = fs::read_to_string(repo().join("data/litellm/model_prices_and_context_window.json")).unwrap();
    let imported = import::import(
        &json,
        &Options {
            providers: Vec::new(),
            reserved,
        },
    )
    .unwrap();
    let header = import::Header {
        source: "model_prices_and_context_window.json",
        as_of: "2026-11-22",
    };
    let shipped: Vec<(&str, &str)> = CATALOGS
        .iter()
        .copied()
        .filter(|(name, _)| name.starts_with("litellm-"))
        .collect();
    let mut made: Vec<(String, String)> = imported
        .providers()
        .into_iter()
        .map(|p| (import::file_name(p), imported.catalog_text(p, &header)))
        .collect();
    made.sort();
    assert_eq!(
        shipped.len(),
        made.len(),
        "regenerate the built-in catalogs: see CONTRIBUTING.md"
    );
    for ((name, text), (made_name, made_text)) in shipped.iter().zip(&made) {
        assert_eq!(name, made_name);
        assert!(
            text == made_text,
            "{name} differs from what the importer makes: see CONTRIBUTING.md"
        );
    }
    // The market: video, image and speech models beside the seed documents' own.
    let kinds = |kind| imported.models.values().flatten().filter(|m| m.kind == kind).count();
    assert!(kinds(Kind::Video) >= 80 && kinds(Kind::Image) >= 400 && kinds(Kind::Audio) >= 40);
}

#[test]
fn the_built_in_catalogs_check_and_an_imported_model_prices_the_atve_clip() {
    let dir = tempfile::tempdir().unwrap();
    assert!(reelcost(&["init", "copy"], dir.path()).status.success());
    let check = reelcost(&["check", "copy/catalogs"], dir.path());
    assert!(check.status.success(), "{}", text(&check));
    assert!(text(&check).contains(": 0 errors,"), "{}", text(&check));

    let seedance = "video_model=fal_ai/bytedance/seedance-2.0/image-to-video";
    let out = reelcost(&["report", "atve", "--set", seedance, "--format", "json"], dir.path());
    assert!(out.status.success(), "{}", text(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    // WAN's $2.00 of clips become 4 x 6.25 s x $0.3034 = $7.585.
    assert_eq!(json["totals"]["per_video"], "8.599");
    let clip = json["lines"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["label"] == "Animated clip")
        .unwrap();
    assert_eq!(clip["rule"], "720p $0.3034/s x 6.25 s");
    assert_eq!(clip["as_of"], "2026-11-22");
    assert_eq!(
        clip["source"],
        "https://fal.ai/models/bytedance/seedance-2.0/image-to-video"
    );
}

#[test]
fn speech_priced_per_character_takes_the_characters_a_step_gives() {
    let dir = tempfile::tempdir().unwrap();
    assert!(reelcost(&["init", "copy"], dir.path()).status.success());
    let voice = "name = \"narration\"\n\n[parameters]\nvideos_per_month = 100\n\n\
        [[video]]\nlabel = \"Narration\"\nmodel = \"mistral/voxtral-mini-tts-2603\"\ncharacters = 1200\n";
    fs::write(dir.path().join("copy/scenarios/voice.toml"), voice).unwrap();
    let out = reelcost(&["report", "copy/scenarios/voice.toml", "--format", "json"], dir.path());
    assert!(out.status.success(), "{}", text(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["totals"]["per_video"], "0.0192");
    assert_eq!(json["lines"][0]["rule"], "$0.000016/character x 1200 characters");

    let silent = voice.replace("characters = 1200\n", "");
    fs::write(dir.path().join("copy/scenarios/voice.toml"), silent).unwrap();
    let refused = reelcost(&["report", "copy/scenarios/voice.toml"], dir.path());
    assert!(!refused.status.success());
    assert!(
        text(&refused).contains("a number of characters (characters = ...)"),
        "{}",
        text(&refused)
    );
}

#[test]
fn a_step_swapped_to_an_imported_model_finds_its_catalog() {
    // report parses only the imported catalogs it prices; a swap named by --set is one of them.
    let dir = tempfile::tempdir().unwrap();
    let out = reelcost(
        &[
            "report",
            "atve",
            "--set",
            "voice-line.model=gemini/veo-3.1-lite-generate-preview",
            "--format",
            "json",
        ],
        dir.path(),
    );
    let said = text(&out);
    assert!(!said.contains("no catalog prices"), "{said}");
    let swapped = reelcost(
        &[
            "report",
            "atve",
            "--set",
            "animated-clip.model=xai/grok-imagine-video",
            "--format",
            "json",
        ],
        dir.path(),
    );
    assert!(swapped.status.success(), "{}", text(&swapped));
    let json: serde_json::Value = serde_json::from_slice(&swapped.stdout).unwrap();
    let clip = json["lines"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["label"] == "Animated clip")
        .unwrap();
    assert_eq!(clip["model"], "xai/grok-imagine-video");
    assert_eq!(clip["rule"], "720p $0.07/s x 6.25 s");
}
