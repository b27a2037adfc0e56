//! Snapshots of the dashboard's what-if analyses at 120x40 and 80x24: the chart following the
//! selected parameter (a curve with its cliff, bars for the resolutions), the tornado, the
//! uncertainty band in the headline, and goal seek.
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

#[test]
fn the_chart_against_frames_marks_the_cliff() {
    let app = open("scenarios/atve.toml", [Action::Select(Param::named("frames"))]);
    let (wide, _) = snapshot("chart_frames", &app);
    assert!(wide.contains("Cost per finished second by frames"), "{wide}");
    assert!(wide.contains("now 100: $0.1884 · 1 price cliff"), "{wide}");
}

#[test]
fn the_chart_against_resolution_is_bars() {
    let app = open("scenarios/atve.toml", [Action::Select(Param::named("resolution"))]);
    let (wide, _) = snapshot("chart_resolution", &app);
    assert!(wide.contains("480p") && wide.contains("$0.1259"), "{wide}");
}

#[test]
fn the_tornado_in_the_charts_place() {
    let app = open("scenarios/atve.toml", [Action::ToggleTornado]);
    let (wide, narrow) = snapshot("tornado", &app);
    assert!(wide.contains("Sensitivity: cost per video"), "{wide}");
    assert!(narrow.contains("scenes"), "{narrow}");
}

#[test]
fn the_headline_band() {
    let (wide, _) = snapshot("band", &open("scenarios/atve-all-in.toml", []));
    assert!(wide.contains("P10-P90 $0.2064-0.2093"), "{wide}");
    assert!(wide.contains("P10-P90 $3,303-3,349"), "{wide}");
}

#[test]
fn goal_seek_prompt_and_answer() {
    let mut actions = vec![
        Action::Select(Param::named("videos_per_character")),
        Action::StartGoalSeek,
    ];
    actions.extend("per_finished_second=0.15".chars().map(Action::InputChar));
    let (wide, _) = snapshot("seek_typing", &open("scenarios/atve.toml", actions.clone()));
    assert!(
        wide.contains("Goal seek Videos per character: per_finished_second=0.15"),
        "{wide}"
    );
    actions.push(Action::ApplyInput);
    let (wide, _) = snapshot("seek_applied", &open("scenarios/atve.toml", actions));
    assert!(wide.contains("videos_per_character = 23"), "{wide}");
}
