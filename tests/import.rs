//! Importing litellm's price list: every field kind on the trimmed fixture, what is left out,
//! and a re-import that changes prices and names the scenarios it moves.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::str::FromStr;

use reelcost::engine::{Kind, Unit};
use reelcost::import::{self, Options, Price, Reason};
use rust_decimal::Decimal;

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn fixture_path() -> PathBuf {
    repo().join("tests/fixtures/litellm/model_prices.json")
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

fn d(text: &str) -> Decimal {
    Decimal::from_str(text).unwrap()
}

fn imported() -> import::Import {
    import::import(&fs::read_to_string(fixture_path()).unwrap(), &Options::default()).unwrap()
}

fn model<'a>(imported: &'a import::Import, id: &str) -> &'a import::Model {
    imported
        .models
        .values()
        .flatten()
        .find(|m| m.id == id)
        .unwrap_or_else(|| panic!("{id} was not imported"))
}

fn left_out(model: &import::Model, field: &str) -> Reason {
    model
        .left_out
        .iter()
        .find(|l| l.field == field)
        .unwrap_or_else(|| panic!("{} keeps no note of {field}", model.id))
        .reason
}

#[test]
fn per_second_video_rates_keep_the_plain_rate_as_the_default() {
    let all = imported();
    let seedance = model(&all, "fal_ai/bytedance/seedance-2.0/image-to-video");
    assert_eq!((seedance.kind, seedance.unit), (Kind::Video, Unit::Second));
    assert_eq!(
        seedance.price,
        Price::Rates {
            rates: vec![
                ("480p".into(), d("0.1346")),
                ("720p".into(), d("0.3034")),
                ("1080p".into(), d("0.682")),
                ("4k".into(), d("1.5552")),
            ],
            default: Some(d("0.3034")),
        }
    );
    assert_eq!(seedance.provider, "fal_ai");
    assert!(
        seedance
            .note
            .as_deref()
            .unwrap()
            .starts_with("fal bills $0.014 per 1k tokens")
    );
    assert_eq!(seedance.inputs, ["text", "image"]);
    let minimax = model(&all, "minimax/MiniMax-H3");
    let Price::Rates { rates, .. } = &minimax.price else {
        panic!("rates")
    };
    assert_eq!(rates, &[("768p".into(), d("0.08")), ("2k".into(), d("0.13"))]);
    assert_eq!(left_out(minimax, "input_cost_per_image"), Reason::InputImage);
    assert_eq!(
        model(&all, "vertex_ai/veo-2.0-generate-001").price,
        Price::One(d("0.5"))
    );
}

#[test]
fn a_per_video_second_rate_applies_at_every_resolution() {
    let all = imported();
    let sora = model(&all, "sora-2-pro-high-res");
    assert_eq!((sora.unit, &sora.price), (Unit::Second, &Price::One(d("0.5"))));
}

#[test]
fn images_are_priced_per_image_with_sizes_or_per_megapixel_exactly() {
    let all = imported();
    let banana = model(&all, "fal_ai/fal-ai/nano-banana-2");
    assert_eq!(banana.unit, Unit::Image);
    assert_eq!(
        banana.price,
        Price::Rates {
            rates: vec![
                ("0.5K".into(), d("0.06")),
                ("1K".into(), d("0.08")),
                ("2K".into(), d("0.12")),
                ("4K".into(), d("0.16")),
            ],
            default: Some(d("0.08")),
        }
    );
    assert_eq!(model(&all, "meta/muse-image-1.0").price, Price::One(d("0.01")));
    let edit = model(&all, "us.stability.stable-style-transfer-v1:0");
    assert_eq!((edit.kind, &edit.price), (Kind::Image, &Price::One(d("0.08"))));
    // litellm bills `input_cost_per_image` per generated image when it is the only price.
    let grok = model(&all, "low/1024-x-1024/grok-imagine-image-2.0");
    assert_eq!((grok.unit, &grok.price), (Unit::Image, &Price::One(d("0.04"))));
    // Per pixel x 1,000,000, from the JSON text: 1.59263611e-07 is not exact as a binary float.
    let gpt = model(&all, "azure/high/1024-x-1024/gpt-image-1");
    assert_eq!((gpt.unit, &gpt.price), (Unit::Megapixel, &Price::One(d("0.159263611"))));
    assert_eq!(left_out(gpt, "output_cost_per_pixel"), Reason::Zero);
    let sdxl = model(&all, "nscale/stabilityai/stable-diffusion-xl-base-1.0");
    assert_eq!(sdxl.price, Price::One(d("0.003")));
    let flux = model(&all, "fal_ai/fal-ai/flux/dev");
    assert_eq!(flux.price, Price::One(d("0.025")));
    assert_eq!(left_out(flux, "output_cost_per_pixel"), Reason::Alternative);
}

#[test]
fn speech_per_character_per_second_and_tokens_per_million() {
    let all = imported();
    let voxtral = model(&all, "mistral/voxtral-mini-tts-2603");
    assert_eq!((voxtral.kind, voxtral.unit), (Kind::Audio, Unit::Character));
    assert_eq!(voxtral.price, Price::One(d("0.000016")));
    let mini = model(&all, "gpt-4o-mini-tts-2025-12-15");
    assert_eq!((mini.unit, &mini.price), (Unit::Second, &Price::One(d("0.00025"))));
    assert_eq!(left_out(mini, "output_cost_per_audio_token"), Reason::TokensBeside);
    let tts = model(&all, "vertex_ai/gemini-3.8-flash-lite-tts");
    assert_eq!(
        (tts.unit, &tts.price),
        (
            Unit::Token,
            &Price::Tokens {
                input: d("0.5"),
                output: d("6")
            }
        )
    );
    let image_tokens = model(&all, "azure_ai/MAI-Image-2.6-Flash");
    assert_eq!(
        image_tokens.price,
        Price::Tokens {
            input: d("1.75"),
            output: d("19")
        }
    );
    assert_eq!(left_out(image_tokens, "input_cost_per_image_token"), Reason::InputImage);
    let gemini = model(&all, "gemini/gemini-2.5-flash-image");
    assert_eq!(left_out(gemini, "cache_read_input_token_cost"), Reason::Cache);
    assert_eq!(left_out(gemini, "input_cost_per_token_batches"), Reason::Tier);
}

#[test]
fn entries_without_a_price_are_left_out_with_their_reason_never_as_zero() {
    let all = imported();
    let skipped: Vec<(&str, Reason)> = all
        .skipped
        .values()
        .flatten()
        .map(|s| (s.id.as_str(), s.reason))
        .collect();
    assert!(
        skipped.contains(&("azure/standard/1024-x-1024/dall-e-2", Reason::AllZero)),
        "{skipped:?}"
    );
    assert!(
        skipped.contains(&("dashscope/qwen-image-3.0-pro", Reason::NoPrice)),
        "{skipped:?}"
    );
    assert!(
        skipped.contains(&("vertex_ai/lyria-002", Reason::NoPrice)),
        "{skipped:?}"
    );
    assert_eq!(skipped.len(), 3);
    assert_eq!(all.other_modes, 1, "the chat entry");
    assert_eq!(all.model_count(), 20);
    for m in all.models.values().flatten() {
        let prices: Vec<Decimal> = match &m.price {
            Price::One(p) => vec![*p],
            Price::Rates { rates, default } => rates.iter().map(|r| r.1).chain(*default).collect(),
            Price::Tokens { input, output } => vec![*input, *output],
        };
        assert!(prices.iter().all(|p| !p.is_zero()), "{} has a $0 price", m.id);
    }
}

#[test]
fn the_command_writes_catalogs_that_check_and_summarises_what_it_left_out() {
    let dir = tempfile::tempdir().unwrap();
    let fixture = fixture_path().display().to_string();
    let out = reelcost(
        &["import", "litellm", &fixture, "--out", "catalogs", "--as-of", "2026-11"],
        dir.path(),
    );
    assert!(out.status.success(), "{}", text(&out));
    let said = text(&out);
    assert!(said.contains("imported 20 models of 14 providers"), "{said}");
    assert!(said.contains("2 entries  no price reelcost can express"), "{said}");
    assert!(said.contains("1 entry  every price is zero"), "{said}");
    assert!(said.contains("models: 20 added, 0 removed, 0 prices changed"), "{said}");
    let fal = fs::read_to_string(dir.path().join("catalogs/litellm-fal_ai.toml")).unwrap();
    assert!(
        fal.contains("id = \"fal_ai/bytedance/seedance-2.0/image-to-video\""),
        "{fal}"
    );
    assert!(fal.contains("as_of = \"2026-11\""), "{fal}");
    assert!(fal.contains("{ price = 0.3034 },   # any other resolution"), "{fal}");
    assert!(
        fal.contains("# not imported: output_cost_per_pixel = 2.384185791015625e-08 (a second price"),
        "{fal}"
    );
    let azure = fs::read_to_string(dir.path().join("catalogs/litellm-azure.toml")).unwrap();
    assert!(
        azure.contains("# azure/standard/1024-x-1024/dall-e-2: every price is zero"),
        "{azure}"
    );
    let check = reelcost(&["check", "catalogs"], dir.path());
    assert!(check.status.success(), "{}", text(&check));
    assert!(text(&check).contains("0 errors, 0 warnings"), "{}", text(&check));
}

#[test]
fn an_id_a_hand_written_catalog_prices_stays_with_that_catalog() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("catalogs")).unwrap();
    fs::copy(
        repo().join("catalogs/roundup.toml"),
        dir.path().join("catalogs/roundup.toml"),
    )
    .unwrap();
    let fixture = fixture_path().display().to_string();
    let out = reelcost(&["import", "litellm", &fixture, "--as-of", "2026-11-01"], dir.path());
    assert!(out.status.success(), "{}", text(&out));
    assert!(
        text(&out).contains("1 entry  the id is already priced by another catalog"),
        "{}",
        text(&out)
    );
    let openai = fs::read_to_string(dir.path().join("catalogs/litellm-openai.toml")).unwrap();
    assert!(openai.contains("# openai/sora-2: the id is already priced by another catalog, which is kept"));
    assert!(!openai.contains("id = \"openai/sora-2\""));
    assert!(reelcost(&["check", "catalogs"], dir.path()).status.success());
}

/// The fixture with xai/grok-imagine-video's 720p rate raised from 0.07 to 0.084 and Veo 2 gone.
fn changed_fixture(dir: &Path) -> String {
    let original = fs::read_to_string(fixture_path()).unwrap();
    let raised = original.replacen(
        "\"output_cost_per_second_720p\": 0.07,",
        "\"output_cost_per_second_720p\": 0.084,",
        1,
    );
    assert_ne!(raised, original);
    let start = raised.find("    \"vertex_ai/veo-2.0-generate-001\"").unwrap();
    let end = start + raised[start..].find("\n    },\n").unwrap() + "\n    },\n".len();
    let changed = format!("{}{}", &raised[..start], &raised[end..]);
    let path = dir.join("changed.json");
    fs::write(&path, changed).unwrap();
    path.display().to_string()
}

const GROK_SCENARIO: &str = "name = \"grok 720p\"\n\n[parameters]\nseconds = 5\nfps = 24\nresolution = \"720p\"\n\n\
    [[scene]]\nlabel = \"clip\"\nmodel = \"xai/grok-imagine-video\"\n";

#[test]
fn a_re_import_reports_changed_prices_and_the_scenarios_they_move_before_writing() {
    let dir = tempfile::tempdir().unwrap();
    let fixture = fixture_path().display().to_string();
    let first = reelcost(&["import", "litellm", &fixture, "--as-of", "2026-10-01"], dir.path());
    assert!(first.status.success(), "{}", text(&first));
    fs::create_dir(dir.path().join("scenarios")).unwrap();
    fs::write(dir.path().join("scenarios/grok.toml"), GROK_SCENARIO).unwrap();
    fs::write(
        dir.path().join("scenarios/untouched.toml"),
        GROK_SCENARIO.replace("xai/grok-imagine-video", "meta/muse-image-1.0"),
    )
    .unwrap();
    let before = fs::read_to_string(dir.path().join("catalogs/litellm-xai.toml")).unwrap();
    fs::create_dir(dir.path().join("old")).unwrap();
    for entry in fs::read_dir(dir.path().join("catalogs")).unwrap() {
        let path = entry.unwrap().path();
        fs::copy(&path, dir.path().join("old").join(path.file_name().unwrap())).unwrap();
    }

    let changed = changed_fixture(dir.path());
    let dry = reelcost(
        &["import", "litellm", &changed, "--as-of", "2026-11-01", "--dry-run"],
        dir.path(),
    );
    assert!(dry.status.success(), "{}", text(&dry));
    let said = text(&dry);
    let expected = [
        "models: 0 added, 1 removed, 1 price changed",
        "  - vertex_ai/veo-2.0-generate-001",
        "  ~ xai/grok-imagine-video per second at 720p: $0.07 -> $0.084 (+20%)",
        "scenarios: 1 of 2 change cost per video",
        "  scenarios/grok.toml (grok 720p): $0.35 -> $0.42 (+$0.07, +20%)",
        "dry run: nothing written",
    ];
    for line in expected {
        assert!(said.contains(line), "missing {line:?} in\n{said}");
    }
    assert_eq!(
        fs::read_to_string(dir.path().join("catalogs/litellm-xai.toml")).unwrap(),
        before
    );

    let written = reelcost(&["import", "litellm", &changed, "--as-of", "2026-11-01"], dir.path());
    assert!(written.status.success(), "{}", text(&written));
    assert!(
        text(&written).contains("$0.35 -> $0.42 (+$0.07, +20%)"),
        "{}",
        text(&written)
    );
    let after = fs::read_to_string(dir.path().join("catalogs/litellm-xai.toml")).unwrap();
    assert!(after.contains("{ resolution = \"720p\", price = 0.084 }"), "{after}");
    let vertex = fs::read_to_string(dir.path().join("catalogs/litellm-vertex_ai-video-models.toml"));
    assert!(vertex.is_err(), "a provider with nothing left loses its catalog");

    // The same comparison between any two directories.
    let diff = reelcost(&["catalogs", "diff", "old", "catalogs"], dir.path());
    assert!(diff.status.success(), "{}", text(&diff));
    for line in &expected[..expected.len() - 1] {
        assert!(text(&diff).contains(line), "missing {line:?} in\n{}", text(&diff));
    }
}

#[test]
fn a_date_that_is_not_one_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let fixture = fixture_path().display().to_string();
    let out = reelcost(&["import", "litellm", &fixture, "--as-of", "2026-13-45"], dir.path());
    assert!(!out.status.success());
    assert!(
        text(&out).contains("--as-of 2026-13-45: `2026-13-45` has no month 13"),
        "{}",
        text(&out)
    );
    assert!(!dir.path().join("catalogs").exists(), "nothing is written");
}

#[test]
fn broken_json_is_refused_at_its_line() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("broken.json"),
        "{\n  \"a\": {\"mode\": \"video_generation\",}\n}\n",
    )
    .unwrap();
    let out = reelcost(&["import", "litellm", "broken.json"], dir.path());
    assert!(!out.status.success());
    assert!(text(&out).contains("broken.json:2:"), "{}", text(&out));
}

#[test]
fn providers_narrow_the_import_and_an_unknown_one_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let fixture = fixture_path().display().to_string();
    let out = reelcost(
        &[
            "import",
            "litellm",
            &fixture,
            "--providers",
            "xai,fal_ai,nobody",
            "--as-of",
            "2026",
        ],
        dir.path(),
    );
    assert!(out.status.success(), "{}", text(&out));
    assert!(
        text(&out).contains("imported 5 models of 2 providers"),
        "{}",
        text(&out)
    );
    assert!(
        text(&out).contains("no video, image or speech entries for provider `nobody`"),
        "{}",
        text(&out)
    );
    let mut written: Vec<String> = fs::read_dir(dir.path().join("catalogs"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    written.sort();
    assert_eq!(written, ["litellm-fal_ai.toml", "litellm-xai.toml"]);
}
