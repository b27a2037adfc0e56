//! Saving the scenario's own parameters, step model swaps and sale values back into the file:
//! only what changed, comments and layout kept, and the file reads back as set.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use reelcost::engine::{Params, SourceFile, load_scenario};
use reelcost::save::{same_values, with_params};

const ATVE: &str = include_str!("../scenarios/atve.toml");

fn params_of(text: &str) -> Params {
    load_scenario(&SourceFile::new("s.toml", text)).unwrap().params
}

fn changed_lines<'a>(before: &'a str, after: &'a str) -> Vec<(&'a str, &'a str)> {
    assert_eq!(before.lines().count(), after.lines().count(), "{after}");
    before.lines().zip(after.lines()).filter(|(a, b)| a != b).collect()
}

#[test]
fn a_long_form_parameter_saves_its_value_only() {
    let before = params_of(ATVE);
    let mut after = before.clone();
    after.set("augmentations", "10").unwrap();
    let text = with_params(ATVE, &before, &after).unwrap();
    let changed = changed_lines(ATVE, &text);
    assert_eq!(changed.len(), 1, "{changed:?}");
    assert_eq!(
        changed[0].1,
        "augmentations = { value = 10, min = 0, max = 100, step = 5, label = \"Augmentation images\" }  # \"20 variations ... plus 15\""
    );
    assert!(same_values(&params_of(&text), &after));
}

#[test]
fn a_short_form_parameter_keeps_its_comment() {
    let text = "[parameters]\nvoice_seconds = 4.5   # what Kokoro reads\n\n[[video]]\nmodel = \"m\"\nseconds = \"voice_seconds\"\n";
    let before = params_of(text);
    let mut after = before.clone();
    after.set("voice_seconds", "6").unwrap();
    let saved = with_params(text, &before, &after).unwrap();
    assert_eq!(
        saved,
        "[parameters]\nvoice_seconds = 6     # what Kokoro reads\n\n[[video]]\nmodel = \"m\"\nseconds = \"voice_seconds\"\n"
    );
}

#[test]
fn a_step_model_swap_is_saved_on_its_step() {
    let before = params_of(ATVE);
    let mut after = before.clone();
    after
        .set("keyframe-multi-character.model", "fal-ai/flux-pro/kontext")
        .unwrap();
    let text = with_params(ATVE, &before, &after).unwrap();
    let changed = changed_lines(ATVE, &text);
    assert_eq!(
        changed,
        [(
            "model = \"fal-ai/flux-pro/kontext/multi\"   # $0.05: \"Multi-Kontext keyframes (4 scenes) $0.20\"",
            "model = \"fal-ai/flux-pro/kontext\"         # $0.05: \"Multi-Kontext keyframes (4 scenes) $0.20\""
        )]
    );
    let reloaded = params_of(&text);
    assert!(same_values(&reloaded, &after));
    assert_eq!(
        reloaded.get("keyframe-multi-character.model").as_deref(),
        Some("fal-ai/flux-pro/kontext")
    );
}

#[test]
fn sale_values_are_saved_into_the_sale() {
    let text = "[[video]]\nmodel = \"m\"\n\n[sale]\ncredits = 15          # per video\ncredit_price = 0.05\n\n[[sale.packs]]\nname = \"Pro\"\ncredits = 500\nprice = 20\n";
    let before = params_of(text);
    let mut after = before.clone();
    after.set("pack", "Pro").unwrap();
    after.set("paid_share", "40%").unwrap();
    after.set("credits", "12").unwrap();
    let saved = with_params(text, &before, &after).unwrap();
    assert_eq!(
        saved,
        "[[video]]\nmodel = \"m\"\n\n[sale]\ncredits = 12          # per video\npack = \"Pro\"\npaid_share = 0.4\n\n[[sale.packs]]\nname = \"Pro\"\ncredits = 500\nprice = 20\n"
    );
    assert!(same_values(&params_of(&saved), &after));
}

#[test]
fn derived_parameters_are_never_written() {
    let text = "[parameters]\nvoice_seconds = 4\nfinished_seconds_per_scene = \"voice_seconds + 0.5\"\nframes = 100\nfps = 16\n\n[[scene]]\nmodel = \"m\"\ncount = 1\n";
    let before = params_of(text);
    assert_eq!(before.get("finished_seconds_per_scene").as_deref(), Some("4.5"));
    let mut after = before.clone();
    after.set("voice_seconds", "5").unwrap();
    assert_eq!(after.get("finished_seconds_per_scene").as_deref(), Some("5.5"));
    let saved = with_params(text, &before, &after).unwrap();
    assert_eq!(saved, text.replace("voice_seconds = 4\n", "voice_seconds = 5\n"));
}
