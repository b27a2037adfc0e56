//! Several scenarios open at once, through `update`: each keeps its own tweaks and undo history
//! as it goes to the back and comes to the front, the comparison puts them side by side, any
//! other scenario can be the baseline, and whichever is in front saves while file changes reload
//! the ones behind where they wait.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::str::FromStr;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use reelcost::project::{self, Project, ScenarioSource};
use reelcost::tui::{Action, App, Effect, Param, Theme, View, ui};
use rust_decimal::Decimal;

fn d(text: &str) -> Decimal {
    Decimal::from_str(text).unwrap()
}

fn load(path: &str) -> Project {
    project::load(&ScenarioSource::File(path.into()), None).unwrap()
}

/// Kling O3 in front, Kling O1 and atve behind it.
fn three() -> App {
    let mut app = App::new(load("scenarios/kling-o3.toml"), Theme::colour()).unwrap();
    app.open_others(vec![load("scenarios/kling-o1.toml"), load("scenarios/atve.toml")]);
    app
}

fn screen(app: &App, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|frame| ui::render(frame, app)).unwrap();
    let buffer = terminal.backend().buffer();
    (0..height)
        .map(|y| {
            let row: String = (0..width).map(|x| buffer[(x, y)].symbol()).collect();
            row.trim_end().to_owned() + "\n"
        })
        .collect()
}

#[test]
fn each_scenario_keeps_its_own_tweaks_and_undo_history() {
    let mut app = three();
    assert_eq!(app.scenario_count(), 3);
    let o3 = app.bill.totals.per_video;
    app.update(Action::SetParam(Param::named("scenes"), "2".into()));
    assert_eq!(app.bill.totals.per_video, o3 * d("2"));

    app.update(Action::SwitchScenario(1));
    assert_eq!(app.project.scenario.file.path(), "scenarios/kling-o1.toml");
    assert_eq!(app.position, 1);
    assert_eq!(app.params.scenes, 1, "O1 has its own parameters");
    app.update(Action::SetParam(Param::named("scenes"), "3".into()));

    app.update(Action::SwitchScenario(-1));
    assert_eq!(app.project.scenario.file.path(), "scenarios/kling-o3.toml");
    assert_eq!(app.params.scenes, 2, "O3's tweak waited for it");
    app.update(Action::Undo);
    assert_eq!(app.params.scenes, 1, "O3's own history");
    assert_eq!(app.bill.totals.per_video, o3);

    app.update(Action::SwitchScenario(1));
    assert_eq!(app.params.scenes, 3, "O1's tweak too");
    app.update(Action::Undo);
    assert_eq!(app.params.scenes, 1);
}

#[test]
fn the_comparison_lines_up_totals_and_lines_with_deltas() {
    let mut app = three();
    let sides = &app.comparison.sides;
    let names: Vec<&str> = sides.iter().map(|s| s.file.as_str()).collect();
    assert_eq!(
        names,
        [
            "scenarios/kling-o3.toml",
            "scenarios/kling-o1.toml",
            "scenarios/atve.toml"
        ]
    );
    assert_eq!(sides[2].total("per_video"), Some(d("3.014")));
    let first = sides[0].total("per_video").unwrap();
    let text = &app.shown.compare;
    assert_eq!(text.totals[0][1], format!("${first:.2}"));
    let delta = d("3.014") - first;
    assert!(
        text.totals[0][3].contains(&format!("(+${delta:.2})")),
        "{:?}",
        text.totals[0]
    );
    assert!(
        text.lines
            .iter()
            .any(|l| l[0] == "character · LoRA fine-tune (1500 steps)" && l[1] == "-")
    );

    // A tweak in front shows in the comparison at once; the order stays the order opened.
    app.update(Action::SwitchScenario(1));
    app.update(Action::SetParam(Param::named("scenes"), "2".into()));
    let o1 = app.bill.totals.per_video;
    assert_eq!(app.comparison.sides[1].total("per_video"), Some(o1));
    app.update(Action::ToggleCompare);
    assert_eq!(app.view, View::Compare);
    let wide = screen(&app, 120, 40);
    assert!(wide.contains("Scenarios side by side"), "{wide}");
    assert!(wide.contains("▶ Kling O1"), "{wide}");
    insta::assert_snapshot!("compare_120x40", wide);
    insta::assert_snapshot!("compare_80x24", screen(&app, 80, 24));
}

#[test]
fn another_scenario_can_be_the_baseline() {
    let mut app = three();
    let o3 = app.bill.totals.per_video;
    let o1 = app.others[0].bill.totals.per_video;
    app.update(Action::PinOtherScenario);
    assert_eq!(
        app.baseline.from.as_deref(),
        Some(&*app.others[0].project.scenario.name)
    );
    assert_eq!(app.figures[0].delta.unwrap().amount, o3 - o1);
    assert!(
        app.shown.title.1.contains("changes vs Kling O1"),
        "{:?}",
        app.shown.title
    );
    assert!(
        app.was.iter().all(Option::is_none),
        "parameters are not compared across scenarios"
    );
}

#[test]
fn the_baseline_cycles_through_every_other_scenario_then_the_files_values() {
    let mut app = three();
    let o3 = app.bill.totals.per_video;
    let atve = d("3.014");
    app.update(Action::PinOtherScenario);
    assert_eq!(app.baseline.other, Some(1), "Kling O1 first, as opened");
    app.update(Action::PinOtherScenario);
    assert_eq!(app.baseline.other, Some(2));
    assert_eq!(
        app.baseline.from.as_deref(),
        Some("atve cartoon video (4 scenes, 2 characters)")
    );
    assert_eq!(app.figures[0].delta.unwrap().amount, o3 - atve);
    assert!(
        app.message.as_ref().unwrap().text.contains("scenario 3 of 3"),
        "{:?}",
        app.message
    );
    assert!(
        app.shown.title.1.contains("1 of 3 · changes vs atve cartoon video"),
        "{:?}",
        app.shown.title
    );
    let wide = screen(&app, 120, 40);
    insta::assert_snapshot!("baseline_from_atve_120x40", wide);

    // Past the last, the scenario's own file values again: no change to show.
    app.update(Action::PinOtherScenario);
    assert_eq!(app.baseline.other, None);
    assert!(!app.baseline.pinned);
    assert!(
        app.figures[0].delta.is_none_or(|d| d.amount.is_zero()),
        "{:?}",
        app.figures[0]
    );
    assert!(
        app.shown.title.1.contains("changes vs the file's values"),
        "{:?}",
        app.shown.title
    );

    // From another scenario in front, the cycle skips it: O1 pins O3, then atve.
    app.update(Action::SwitchScenario(1));
    app.update(Action::PinOtherScenario);
    assert_eq!(app.baseline.other, Some(0));
    assert_eq!(app.figures[0].delta.unwrap().amount, app.bill.totals.per_video - o3);
    app.update(Action::PinOtherScenario);
    assert_eq!(app.baseline.other, Some(2));
}

#[test]
fn the_scenario_in_front_saves_and_file_changes_reload_any_scenario() {
    let mut app = three();
    app.update(Action::SwitchScenario(1));
    app.update(Action::SetParam(Param::named("scenes"), "2".into()));
    assert_eq!(
        app.update(Action::Save),
        Some(Effect::Save {
            force: false,
            links: reelcost::save::Links::Ask
        }),
        "Kling O1 in front saves into its own file"
    );
    let path = std::path::PathBuf::from("scenarios/kling-o3.toml");
    assert_eq!(
        app.update(Action::FilesChanged(vec![path.clone()])),
        Some(Effect::Reload(vec![path])),
        "a change to a scenario behind is read at once"
    );

    // What the read found for O3, behind, reloads it where it waits, its tweak kept.
    app.update(Action::SwitchScenario(-1));
    app.update(Action::SetParam(Param::named("scenes"), "3".into()));
    app.update(Action::SwitchScenario(1));
    let mut project = load("scenarios/kling-o3.toml");
    project.scenario.params.frames = 120;
    let (params, kept, bill) = app.price_reload_at(0, &project).unwrap();
    assert_eq!(
        (params.scenes, params.frames),
        (3, 120),
        "O3's tweak, the file's new frames"
    );
    app.update(Action::Behind {
        position: 0,
        action: Box::new(Action::Reloaded(Box::new(reelcost::tui::action::Reload {
            project: reelcost::tui::action::Loaded(Box::new(project)),
            params,
            kept,
            bill,
            summary: "scenario changed".into(),
            catalog_files: 1,
            scenario_changed: true,
            time: "12:00:00".into(),
            at: std::time::Instant::now(),
        }))),
    });
    assert_eq!(
        app.project.scenario.file.path(),
        "scenarios/kling-o1.toml",
        "O1 stays in front"
    );
    assert_eq!(app.params.scenes, 2);
    let o3 = app.others.iter().find(|p| p.position == 0).unwrap();
    assert_eq!((o3.params.scenes, o3.params.frames), (3, 120));
    assert_eq!(o3.project.scenario.params.frames, 120);
    let said = app.message.as_ref().unwrap().text.clone();
    assert!(
        said.starts_with("Kling O3, 10 s at 1080p with audio: scenario reloaded"),
        "{said}"
    );
    assert_eq!(
        app.comparison.sides[0].total("per_video"),
        Some(o3.bill.totals.per_video)
    );
}
