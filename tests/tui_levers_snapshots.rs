//! Snapshots of the dashboard's levers at 120x40 and 80x24: a scenario's own parameter stepped
//! and typed, a breakdown line's model swapped and undone, the Price & margin tile on the
//! dashboard and in presentation mode, and the question before quitting with unsaved changes.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "support/screen.rs"]
mod support_screen;

use reelcost::tui::{Action, App, Param};
use support_screen::{open, screen};

fn snapshot(name: &str, app: &App) -> (String, String) {
    let (wide, narrow) = (screen(app, 120, 40), screen(app, 80, 24));
    insta::assert_snapshot!(format!("{name}_120x40"), wide);
    insta::assert_snapshot!(format!("{name}_80x24"), narrow);
    (wide, narrow)
}

fn typed(text: &str) -> Vec<Action> {
    let mut actions = vec![Action::StartEditing];
    actions.extend(text.chars().map(Action::InputChar));
    actions.push(Action::ApplyInput);
    actions
}

#[test]
fn augmentations_stepped_then_typed_to_zero() {
    let mut actions = vec![Action::Select(Param::named("augmentations")), Action::Step(-1)];
    let (wide, narrow) = snapshot("augmentations_30", &open("scenarios/atve.toml", actions.clone()));
    assert!(wide.contains("•Augmentation images  30  was 35"), "{wide}");
    assert!(narrow.contains("Augmentation images 35 → 30"), "{narrow}");
    actions.extend(typed("0"));
    let (wide, _) = snapshot("augmentations_0", &open("scenarios/atve.toml", actions));
    assert!(wide.contains("$2.45"), "{wide}");
}

#[test]
fn typing_a_scenarios_own_parameter() {
    let mut actions = vec![Action::Select(Param::named("augmentations")), Action::StartEditing];
    actions.push(Action::InputChar('1'));
    let (wide, _) = snapshot("augmentations_typing", &open("scenarios/atve.toml", actions));
    assert!(wide.contains("Augmentation images = 1▏"), "{wide}");
    assert!(wide.contains("a whole number from 0 to 100"), "{wide}");
}

fn keyframe_swap() -> Vec<Action> {
    // The breakdown lists the clip, the augmentations, then the keyframe.
    vec![
        Action::ToggleFocus,
        Action::SelectNext,
        Action::SelectNext,
        Action::Step(-1),
    ]
}

#[test]
fn a_breakdown_lines_model_swapped() {
    let (wide, _) = snapshot("keyframe_swapped", &open("scenarios/atve.toml", keyframe_swap()));
    assert!(wide.contains("Keyframe (multi-character) model"), "{wide}");
    assert!(wide.contains("now"), "{wide}");
}

#[test]
fn a_breakdown_lines_model_swap_undone() {
    let mut actions = keyframe_swap();
    actions.push(Action::Undo);
    let (wide, _) = snapshot("keyframe_undone", &open("scenarios/atve.toml", actions));
    assert!(wide.contains("fal-ai/flux-pro/kontext/multi"), "{wide}");
    assert!(wide.contains("$3.01"), "{wide}");
}

#[test]
fn the_price_and_margin_tile() {
    let (wide, narrow) = snapshot("margin", &open("scenarios/natak-premium-video.toml", []));
    for text in [&wide, &narrow] {
        assert!(text.contains("Price & margin"), "{text}");
        assert!(text.contains("Margin $0.0370 · 4.9%"), "{text}");
    }
}

#[test]
fn the_price_and_margin_tile_in_presentation_mode() {
    let app = open("scenarios/natak-premium-video.toml", [Action::TogglePresentation]);
    let (wide, narrow) = snapshot("margin_presentation", &app);
    for text in [&wide, &narrow] {
        assert!(text.contains("Margin $0.0370 · 4.9%"), "{text}");
        assert!(text.contains("target 50% · needs $1.43"), "{text}");
    }
}

#[test]
fn the_unsaved_changes_question() {
    let mut actions = vec![Action::Select(Param::named("frames"))];
    actions.extend(typed("80"));
    actions.push(Action::Quit);
    let (wide, narrow) = snapshot("quitting", &open("scenarios/atve.toml", actions));
    for text in [&wide, &narrow] {
        assert!(text.contains("Unsaved changes to scenarios/atve.toml"), "{text}");
    }
}
