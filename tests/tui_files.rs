//! The dashboard's live files, driven through `update` with no terminal: reloads swapped in or
//! refused, repriced lines highlighted then faded, user tweaks kept, undo, and the save prompts.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::fs;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use reelcost::live::{Live, Reload as LiveReload};
use reelcost::project::ScenarioSource;
use reelcost::tui::action::{Loaded, Reload};
use reelcost::tui::files::FLASH;
use reelcost::tui::{Action, App, Effect, Mode, Param, Theme};
use rust_decimal::Decimal;

/// A copy of the shipped catalogs and the atve scenario in a temporary directory.
fn workspace() -> (tempfile::TempDir, Live) {
    let dir = support::copy_of_atve();
    let live = Live::open(ScenarioSource::File(dir.path().join("scenarios/atve.toml")), None).unwrap();
    (dir, live)
}

fn edit(path: PathBuf, from: &str, to: &str) {
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.contains(from));
    fs::write(path, text.replacen(from, to, 1)).unwrap();
}

/// What the event loop does on a file event, with the check it uses.
fn reload(app: &mut App, live: &mut Live, at: Instant) {
    let outcome = live.reload(Live::evaluates(Some(&app.params)));
    let action = match outcome {
        LiveReload::Unchanged => return,
        LiveReload::Reloaded(changes) => Action::Reloaded(Reload {
            project: Loaded(Box::new(live.project.clone())),
            summary: changes.summary(),
            catalog_files: changes.catalog_files,
            scenario_changed: changes.scenario_changed,
            time: "12:00:00".to_owned(),
            at,
        }),
        LiveReload::Failed(errors) => Action::ReloadFailed {
            errors,
            time: "12:00:00".to_owned(),
        },
    };
    app.update(action);
}

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

fn message(app: &App) -> String {
    app.message.as_ref().map(|m| m.text.clone()).unwrap_or_default()
}

#[test]
fn a_catalog_edit_reprices_and_highlights_until_it_fades() {
    let (dir, mut live) = workspace();
    let mut app = App::new(live.project.clone(), Theme::plain()).unwrap();
    let at = Instant::now();
    edit(
        dir.path().join("catalogs/fal.toml"),
        "{ resolution = \"720p\", price = 0.40 }",
        "{ resolution = \"720p\", price = 0.32 }",
    );
    reload(&mut app, &mut live, at);
    assert_eq!(app.bill.totals.per_video, d("2.614"));
    assert_eq!(
        message(&app),
        format!(
            "catalogs reloaded 12:00:00 ({} files: fal.toml changed) · 1 line repriced",
            reelcost::builtin::CATALOGS.len()
        )
    );
    let wan = app
        .bill
        .lines
        .iter()
        .find(|l| &*l.model.id == "fal-ai/wan-i2v")
        .unwrap();
    let flash = app.files.flash_for(wan.step).expect("the repriced line is highlighted");
    assert_eq!((flash.unit_price, wan.unit_price), (d("0.50"), d("0.40")));
    // The headline still compares with the figures as first loaded.
    assert_eq!(app.figures[0].delta.unwrap().amount, d("-0.40"));
    app.update(Action::Tick(at + FLASH - Duration::from_millis(1)));
    assert!(!app.files.flash.is_empty());
    app.update(Action::Tick(at + FLASH));
    assert!(app.files.flash.is_empty(), "the highlight fades");
}

#[test]
fn an_invalid_edit_shows_the_place_and_keeps_the_last_good_figures() {
    let (dir, mut live) = workspace();
    let mut app = App::new(live.project.clone(), Theme::plain()).unwrap();
    edit(dir.path().join("catalogs/fal.toml"), "price = 0.40 }", "price = 0.40 ");
    reload(&mut app, &mut live, Instant::now());
    let error = app.files.error.clone().expect("a banner");
    assert!(error.headline.contains("catalogs/fal.toml:28:1:"), "{}", error.headline);
    assert_eq!(app.bill.totals.per_video, d("3.014"));
    edit(dir.path().join("catalogs/fal.toml"), "price = 0.40 ", "price = 0.40 }");
    reload(&mut app, &mut live, Instant::now());
    assert!(app.files.error.is_none(), "the banner clears when the file is fixed");
}

#[test]
fn a_scenario_edit_keeps_the_users_tweaks() {
    let (dir, mut live) = workspace();
    let mut app = App::new(live.project.clone(), Theme::plain()).unwrap();
    app.update(Action::SetParam(Param::Frames, "80".into()));
    edit(dir.path().join("scenarios/atve.toml"), "scenes = 4 ", "scenes = 6 ");
    edit(dir.path().join("scenarios/atve.toml"), "frames = 100", "frames = 90 ");
    reload(&mut app, &mut live, Instant::now());
    assert_eq!((app.params.scenes, app.params.frames), (6, 80));
    assert!(message(&app).ends_with("kept your frames"), "{}", message(&app));
}

#[test]
fn a_reload_the_current_parameters_cannot_price_is_refused() {
    let (dir, mut live) = workspace();
    let mut app = App::new(live.project.clone(), Theme::plain()).unwrap();
    edit(
        dir.path().join("catalogs/fal.toml"),
        "limits = { max_frames = 100 }",
        "limits = { max_frames = 90 }",
    );
    reload(&mut app, &mut live, Instant::now());
    let error = app.files.error.clone().expect("a banner");
    assert!(error.headline.contains("100 frames is above"), "{}", error.headline);
    assert_eq!(app.params.frames, 100);
}

#[test]
fn undo_and_redo_walk_the_changes() {
    let (_dir, live) = workspace();
    let mut app = App::new(live.project.clone(), Theme::plain()).unwrap();
    app.update(Action::SetParam(Param::Frames, "80".into()));
    app.update(Action::SetParam(Param::Scenes, "5".into()));
    app.update(Action::Undo);
    assert_eq!((app.params.scenes, app.params.frames), (4, 80));
    app.update(Action::Undo);
    assert_eq!(app.params.frames, 100);
    app.update(Action::Undo);
    assert_eq!(message(&app), "Nothing to undo");
    app.update(Action::Redo);
    app.update(Action::Redo);
    assert_eq!((app.params.scenes, app.params.frames), (5, 80));
    app.update(Action::SetParam(Param::Scenes, "7".into()));
    app.update(Action::Redo);
    assert_eq!(message(&app), "Nothing to redo", "a new change ends the redo history");
}

#[test]
fn saving_asks_the_loop_and_prompts_on_a_conflict() {
    let (_dir, live) = workspace();
    let mut app = App::new(live.project.clone(), Theme::plain()).unwrap();
    assert_eq!(app.update(Action::Save), None, "nothing to save yet");
    app.update(Action::SetParam(Param::Frames, "80".into()));
    assert_eq!(app.update(Action::Save), Some(Effect::Save { force: false }));
    app.update(Action::SaveConflict);
    assert_eq!(app.mode, Mode::Conflict);
    assert_eq!(app.update(Action::Overwrite), Some(Effect::Save { force: true }));
    app.update(Action::SaveConflict);
    app.update(Action::CancelInput);
    assert_eq!(app.mode, Mode::Normal);
    app.update(Action::StartSaveAs);
    for c in "tuned".chars() {
        app.update(Action::InputChar(c));
    }
    assert_eq!(
        app.update(Action::ApplyInput),
        Some(Effect::SaveAs(PathBuf::from("tuned.toml")))
    );
}

#[test]
fn a_built_in_scenario_has_no_file_to_save_into() {
    let live = Live::open(ScenarioSource::Builtin("atve"), None).unwrap();
    let mut app = App::new(live.project.clone(), Theme::plain()).unwrap();
    app.update(Action::SetParam(Param::Frames, "80".into()));
    assert_eq!(app.update(Action::Save), None);
    assert!(message(&app).contains("reelcost init"), "{}", message(&app));
}
