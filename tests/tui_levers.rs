//! The dashboard's levers, driven through `update` with no terminal: a scenario's own parameters
//! stepped and typed, a breakdown line's model swapped and undone, the Price & margin tile, the
//! question before quitting with unsaved changes, and one rule for shares.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::fs;
use std::str::FromStr;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use reelcost::project::{self, ScenarioSource};
use reelcost::tui::app::Focus;
use reelcost::tui::keys::action_for;
use reelcost::tui::{Action, App, Effect, Mode, Param, Theme};
use rust_decimal::Decimal;

fn d(text: &str) -> Decimal {
    Decimal::from_str(text).unwrap()
}

fn open(path: &str) -> App {
    let project = project::load(&ScenarioSource::File(path.into()), None).unwrap();
    App::new(project, Theme::plain()).unwrap()
}

fn type_value(app: &mut App, text: &str) {
    app.update(Action::StartEditing);
    for c in text.chars() {
        app.update(Action::InputChar(c));
    }
    app.update(Action::ApplyInput);
}

fn message(app: &App) -> String {
    app.message.as_ref().map(|m| m.text.clone()).unwrap_or_default()
}

fn row_names(app: &App) -> Vec<&str> {
    app.rows.iter().map(|r| r.name.as_str()).collect()
}

#[test]
fn augmentations_step_by_their_declared_five_and_type_to_zero() {
    let mut app = open("scenarios/atve.toml");
    assert!(row_names(&app).contains(&"augmentations"), "{:?}", row_names(&app));
    app.update(Action::Select(Param::named("augmentations")));
    assert_eq!(app.selected_info().unwrap().label, "Augmentation images");

    // 5 images x $0.04 x 2 characters / 5 videos per character = $0.08 a video.
    app.update(Action::Step(-1));
    assert_eq!(app.params.get("augmentations").as_deref(), Some("30"));
    assert_eq!(app.bill.totals.per_video, d("2.934"));
    let at = app.rows.iter().position(|r| r.name == "augmentations").unwrap();
    assert_eq!(app.was[at].as_deref(), Some("35"));
    assert!(app.shown.params.rows[at].changed);

    // 35 x $0.04 = $1.40 per character; over 2 characters x 5 videos, $0.56 a video.
    type_value(&mut app, "0");
    assert_eq!(app.params.get("augmentations").as_deref(), Some("0"));
    assert_eq!(app.bill.totals.per_video, d("2.454"));
    assert!(
        message(&app).contains("Augmentation images 30 → 0"),
        "{}",
        message(&app)
    );

    // Its declared minimum holds: stepping below zero says so and changes nothing.
    app.update(Action::Step(-1));
    assert_eq!(app.params.get("augmentations").as_deref(), Some("0"));
    assert!(message(&app).contains("at its lowest"), "{}", message(&app));

    // A fractional count is refused with the reason, the value kept.
    type_value(&mut app, "2.5");
    assert_eq!(app.params.get("augmentations").as_deref(), Some("0"));
    assert!(app.message.as_ref().unwrap().error);
    assert!(message(&app).contains("not a whole number"), "{}", message(&app));

    // Undo walks back through the typed and the stepped value.
    app.update(Action::Undo);
    assert_eq!(app.params.get("augmentations").as_deref(), Some("30"));
    app.update(Action::Undo);
    assert_eq!(app.bill.totals.per_video, d("3.014"));
}

#[test]
fn a_share_typed_as_0_1_or_10_percent_is_ten_per_cent_and_the_prompt_says_so() {
    let mut app = open("scenarios/atve.toml");
    app.update(Action::Select(Param::named("reroll_rate")));
    app.update(Action::StartEditing);
    let prompt: String = app.shown.status.iter().map(|(t, _)| t.as_str()).collect();
    assert!(prompt.contains("0.1 and 10% both mean ten per cent"), "{prompt}");
    app.update(Action::CancelInput);
    type_value(&mut app, "0.1");
    assert_eq!(app.params.reroll_rate, d("0.1"));
    app.update(Action::Reset);
    type_value(&mut app, "10%");
    assert_eq!(app.params.reroll_rate, d("0.1"));
}

#[test]
fn rows_are_what_matters_to_the_scenario() {
    let atve = open("scenarios/atve.toml");
    let names = row_names(&atve);
    for wanted in ["characters", "videos_per_character", "augmentations", "style_options"] {
        assert!(names.contains(&wanted), "{wanted} missing from {names:?}");
    }
    assert!(!names.contains(&"price"), "atve sells nothing: {names:?}");

    let natak = open("scenarios/natak-premium-video.toml");
    let names = row_names(&natak);
    for absent in ["characters", "videos_per_character"] {
        assert!(!names.contains(&absent), "no character step, yet {absent}: {names:?}");
    }
    for wanted in ["credits", "pack", "target_margin", "paid_share"] {
        assert!(names.contains(&wanted), "{wanted} missing from {names:?}");
    }
}

#[test]
fn a_derived_parameter_is_shown_read_only() {
    let dir = support::copy_of_atve();
    let path = dir.path().join("scenarios/atve.toml");
    let text = fs::read_to_string(&path).unwrap();
    let text = text
        .replacen("count = \"augmentations\"", "count = \"training_images\"", 1)
        .replacen(
            "[parameters]\n",
            "[parameters]\ntraining_images = \"augmentations + style_options\"\n",
            1,
        );
    fs::write(&path, text).unwrap();
    let mut app = open(path.to_str().unwrap());
    app.update(Action::Select(Param::named("training_images")));
    let row = &app.shown.params.rows[app.shown.params.selected];
    assert!(row.derived, "{row:?}");
    assert_eq!(row.value, "39");
    assert_eq!(row.extra, "  = augmentations + style_options");
    let bill = app.bill.totals.per_video;
    app.update(Action::Step(1));
    assert_eq!(app.bill.totals.per_video, bill);
    assert!(message(&app).contains("is computed from"), "{}", message(&app));
    app.update(Action::StartEditing);
    assert_eq!(app.mode, Mode::Normal, "no input opens on a derived parameter");
}

#[test]
fn a_breakdown_lines_model_is_swapped_cheapest_first_and_undone() {
    let mut app = open("scenarios/atve.toml");
    app.update(Action::ToggleFocus);
    assert_eq!(app.focus, Focus::Breakdown);
    // The largest line is selected first: the clip.
    assert_eq!(&*app.selected_line().unwrap().label, "Animated clip");
    while &*app.selected_line().unwrap().label != "Keyframe (multi-character)" {
        app.update(Action::SelectNext);
    }
    let choices = app.line_models.clone();
    assert!(choices.len() > 2, "{choices:?}");
    assert!(
        choices.windows(2).all(|w| w[0].per_video <= w[1].per_video),
        "cheapest first"
    );
    let now = choices
        .iter()
        .position(|c| &*c.model == "fal-ai/flux-pro/kontext/multi")
        .expect("the keyframe model is listed");
    assert!(choices[now].change.is_zero());
    for c in &choices {
        assert_eq!(c.change, c.per_video - app.bill.totals.per_video);
    }

    // One step up the list as shown (by provider, cheapest first within each): the model
    // above, and the bill as the list said.
    let shown = app.line_listing().ids();
    let at = shown
        .iter()
        .position(|id| &**id == "fal-ai/flux-pro/kontext/multi")
        .unwrap();
    let above = (at + shown.len() - 1) % shown.len();
    app.update(Action::Step(-1));
    let swapped = choices.iter().find(|c| c.model == shown[above]).unwrap();
    assert_eq!(
        app.params.get("keyframe-multi-character.model").as_deref(),
        Some(&*swapped.model)
    );
    assert_eq!(app.bill.totals.per_video, swapped.per_video);
    assert!(
        message(&app).contains(&format!("→ {}", swapped.model)),
        "{}",
        message(&app)
    );
    assert_eq!(&*app.selected_line().unwrap().label, "Keyframe (multi-character)");

    app.update(Action::Undo);
    assert_eq!(
        app.params.get("keyframe-multi-character.model").as_deref(),
        Some("fal-ai/flux-pro/kontext/multi")
    );
    assert_eq!(app.bill.totals.per_video, d("3.014"));
}

#[test]
fn cycling_past_the_end_of_the_list_says_it_wrapped() {
    let mut app = open("scenarios/atve.toml");
    app.update(Action::ToggleFocus);
    while &*app.selected_line().unwrap().label != "Keyframe (multi-character)" {
        app.update(Action::SelectNext);
    }
    let last = app.line_listing().ids().last().unwrap().clone();
    app.update(Action::Step(1));
    while app.params.get("keyframe-multi-character.model").as_deref() != Some(&*last) {
        app.update(Action::Step(1));
        assert!(!message(&app).contains("wrapped"), "{}", message(&app));
    }
    app.update(Action::Step(1));
    assert!(
        message(&app).contains("wrapped round: back to the cheapest"),
        "{}",
        message(&app)
    );
    let first = app.line_listing().ids().first().unwrap().clone();
    assert_eq!(
        app.params.get("keyframe-multi-character.model").as_deref(),
        Some(&*first)
    );
    app.update(Action::Step(-1));
    assert!(
        message(&app).contains("wrapped round: on to the end of the list"),
        "{}",
        message(&app)
    );
}

#[test]
fn the_clip_model_says_when_it_wraps() {
    let mut app = open("scenarios/atve.toml");
    let count = app.analysis.alternatives.len();
    let mut wrapped = false;
    for _ in 0..count {
        app.update(Action::NextModel);
        wrapped |= message(&app).contains("wrapped round: back to the cheapest");
    }
    assert!(wrapped, "a full cycle wraps once and says so");
}

#[test]
fn the_margin_tile_shows_natak_premiums_4_9_percent_against_a_50_percent_target() {
    let mut app = open("scenarios/natak-premium-video.toml");
    let tile = app.shown.margin.clone().expect("a tile whenever a sale is set");
    let text: Vec<String> = tile
        .lines
        .iter()
        .map(|l| l.iter().map(|(t, _)| t.as_str()).collect())
        .collect();
    // 15 credits at the Starter pack's $0.05 = $0.75; cost $0.713; margin $0.037 = 4.9%.
    assert_eq!(text[0], "Margin $0.0370 · 4.9%");
    assert_eq!(tile.lines[0][1].1, reelcost::tui::theme::Tone::Warning, "below target");
    // The price that leaves 50%: $0.713 / 0.5 = $1.426.
    assert_eq!(text[1], "target 50% · needs $1.43");
    assert_eq!(text[2], "Price $0.75 = 15 cr × $0.05 (Starter)");

    // The Pro pack's $0.04 a credit: $0.60, a loss.
    app.update(Action::Select(Param::named("pack")));
    app.update(Action::Step(1));
    assert_eq!(app.params.sale.pack.as_deref(), Some("Pro"));
    let tile = app.shown.margin.clone().unwrap();
    assert_eq!(tile.lines[0][1].0, "-$0.11 · -18.8%");
    assert_eq!(tile.lines[0][1].1, reelcost::tui::theme::Tone::Dearer);

    // 30 credits at $0.05: $1.50, above target.
    app.update(Action::Undo);
    app.update(Action::Select(Param::named("credits")));
    type_value(&mut app, "30");
    let tile = app.shown.margin.clone().unwrap();
    assert_eq!(tile.lines[0][1].1, reelcost::tui::theme::Tone::Cheaper);

    assert!(open("scenarios/atve.toml").shown.margin.is_none(), "no sale, no tile");
}

#[test]
fn quitting_with_unsaved_changes_asks_first() {
    let mut app = open("scenarios/atve.toml");
    assert_eq!(app.update(Action::Quit), Some(Effect::Quit), "nothing to lose");

    let mut app = open("scenarios/atve.toml");
    app.update(Action::SetParam(Param::named("frames"), "80".into()));
    assert_eq!(app.update(Action::Quit), None);
    assert_eq!(app.mode, Mode::Quitting);
    let status: String = app.shown.status.iter().map(|(t, _)| t.as_str()).collect();
    assert!(status.contains("s save · d discard · c cancel"), "{status}");
    assert_eq!(app.update(Action::CancelInput), None);
    assert_eq!(app.mode, Mode::Normal);
    assert_eq!(app.params.frames, 80, "cancel keeps the changes");

    // Esc asks too, and a second quit while asking leaves.
    assert_eq!(app.update(Action::Back), None);
    assert_eq!(app.mode, Mode::Quitting);
    assert_eq!(app.update(Action::Quit), Some(Effect::Quit));

    let mut app = open("scenarios/atve.toml");
    app.update(Action::SetParam(Param::named("frames"), "80".into()));
    app.update(Action::Quit);
    assert_eq!(app.update(Action::QuitDiscarding), Some(Effect::Quit));

    let mut app = open("scenarios/atve.toml");
    app.update(Action::SetParam(Param::named("frames"), "80".into()));
    app.update(Action::Quit);
    assert!(matches!(
        app.update(Action::SaveAndQuit),
        Some(Effect::Save { force: false, .. })
    ));
    assert!(app.quit_after_save);
    app.update(Action::SaveFailed("disk full".into()));
    assert!(!app.quit_after_save, "a failed save does not quit");
}

#[test]
fn an_esc_that_closes_a_prompt_never_quits() {
    let mut app = open("scenarios/atve.toml");
    for open_prompt in [Action::StartEditing, Action::StartSaveAs, Action::ToggleHelp] {
        app.update(open_prompt);
        assert_ne!(app.mode, Mode::Normal);
        let esc = KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE);
        let action = action_for(&app, esc).expect("Esc does something in every prompt");
        assert_ne!(action, Action::Quit);
        assert_eq!(app.update(action), None);
        assert_eq!(app.mode, Mode::Normal);
    }
    app.update(Action::ToggleFocus);
    assert_eq!(app.update(Action::Back), None, "Esc leaves the breakdown first");
    assert_eq!(app.focus, Focus::Params);
}
