//! The scenario picker: `o` lists the scenario files beside the one in front and the built-in
//! scenarios, typing filters them, Enter opens the chosen one in front of the others. Through
//! `update` with the shell's replies fed by hand, and through the shell itself, whose threads
//! list the directory and read the file; a bad file is refused with its place and nothing open
//! is lost.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;
#[path = "support/screen.rs"]
mod support_screen;

use std::fs;
use std::path::PathBuf;
use std::sync::mpsc::channel;
use std::time::Duration;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use reelcost::live::Live;
use reelcost::project::{self, ScenarioSource};
use reelcost::tui::action::Loaded;
use reelcost::tui::{Action, App, Effect, Event, Flow, Mode, Param, Shell, Theme, View};
use support_screen::{open, screen};

fn typed(app: &mut App, text: &str) {
    for c in text.chars() {
        app.update(Action::InputChar(c));
    }
}

fn shown_rows(app: &App) -> Vec<String> {
    app.shown
        .picker
        .as_ref()
        .expect("the picker is open")
        .rows
        .iter()
        .map(|(name, _)| name.clone())
        .collect()
}

fn listing() -> Vec<PathBuf> {
    [
        "scenarios/atve.toml",
        "scenarios/kling-o1.toml",
        "scenarios/kling-o3.toml",
    ]
    .map(PathBuf::from)
    .to_vec()
}

#[test]
fn the_picker_lists_filters_and_opens_the_chosen_scenario_in_front() {
    let mut app = open(
        "scenarios/atve.toml",
        [Action::SetParam(Param::named("scenes"), "6".into())],
    );
    assert_eq!(
        app.update(Action::OpenPicker),
        Some(Effect::ListScenarios(PathBuf::from("scenarios")))
    );
    assert!(matches!(app.mode, Mode::Picking(_)));
    // The built-in scenarios are offered at once; the directory's files once listed.
    assert!(shown_rows(&app).contains(&"atve (built-in)".to_owned()));
    assert_eq!(
        app.shown.picker.as_ref().unwrap().note.as_deref(),
        Some("listing the directory…")
    );
    app.update(Action::ScenariosListed(Ok(listing())));
    typed(&mut app, "KLING-o");
    assert_eq!(
        shown_rows(&app),
        [
            "kling-o1.toml",
            "kling-o3.toml",
            "kling-o1 (built-in)",
            "kling-o3 (built-in)"
        ]
    );
    app.update(Action::SelectNext);
    insta::assert_snapshot!("picker_120x40", screen(&app, 120, 40));
    insta::assert_snapshot!("picker_80x24", screen(&app, 80, 24));
    assert_eq!(
        app.update(Action::ApplyInput),
        Some(Effect::OpenScenario(ScenarioSource::File(
            "scenarios/kling-o3.toml".into()
        )))
    );
    assert_eq!(app.mode, Mode::Normal);

    let o3 = project::load(&ScenarioSource::File("scenarios/kling-o3.toml".into()), None).unwrap();
    app.update(Action::ScenarioOpened(Loaded(Box::new(o3))));
    assert_eq!(app.scenario_count(), 2);
    assert_eq!(app.project.scenario.file.path(), "scenarios/kling-o3.toml");
    assert_eq!(app.position, 1);
    // atve waits behind it with its tweak.
    assert_eq!(app.others[0].params.scenes, 6);
    app.update(Action::ToggleCompare);
    assert_eq!(app.view, View::Compare);
    assert_eq!(app.comparison.sides.len(), 2);
}

#[test]
fn picking_an_open_scenario_brings_it_to_the_front_and_esc_cancels() {
    let mut app = open("scenarios/atve.toml", []);
    app.open_others(vec![
        project::load(&ScenarioSource::File("scenarios/kling-o1.toml".into()), None).unwrap(),
    ]);
    app.update(Action::OpenPicker);
    app.update(Action::ScenariosListed(Ok(listing())));
    typed(&mut app, "o1.toml");
    assert_eq!(app.update(Action::ApplyInput), None, "nothing to read");
    assert_eq!(app.project.scenario.file.path(), "scenarios/kling-o1.toml");
    assert_eq!(app.scenario_count(), 2);

    app.update(Action::OpenPicker);
    app.update(Action::ScenariosListed(Ok(listing())));
    typed(&mut app, "zzz");
    assert_eq!(
        app.shown.picker.as_ref().unwrap().note.as_deref(),
        Some("no scenario matches `zzz`")
    );
    assert_eq!(app.update(Action::ApplyInput), None);
    app.update(Action::OpenPicker);
    app.update(Action::CancelInput);
    assert_eq!(app.mode, Mode::Normal);
    assert_eq!(app.project.scenario.file.path(), "scenarios/kling-o1.toml");
}

/// The shell's loop without a terminal: events handed in, then its threads' answers until
/// `done` holds. The timeout only keeps a broken thread from hanging the suite.
fn run_until(
    shell: &mut Shell,
    app: &mut App,
    events: &std::sync::mpsc::Receiver<Event>,
    keys: &str,
    done: impl Fn(&App) -> bool,
) {
    let screen = Rect::new(0, 0, 120, 40);
    let keys = keys.chars().map(|c| {
        let code = match c {
            '\n' => KeyCode::Enter,
            c => KeyCode::Char(c),
        };
        Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
    });
    assert_eq!(shell.process(app, keys, screen), Flow::Continue);
    while !done(app) {
        let answer = events
            .recv_timeout(Duration::from_secs(120))
            .expect("the shell's thread answers");
        assert_eq!(shell.process(app, [answer], screen), Flow::Continue);
    }
}

#[test]
fn the_shell_lists_and_reads_off_the_ui_thread_and_a_bad_file_loses_nothing() {
    let dir = support::copy_of_atve();
    let scenarios = dir.path().join("scenarios");
    fs::copy("scenarios/kling-o3.toml", scenarios.join("kling-o3.toml")).unwrap();
    fs::write(
        scenarios.join("broken.toml"),
        "name = \"broken\"\n[parameters]\nscenes = \"many\"\n",
    )
    .unwrap();
    let live = Live::open(ScenarioSource::File(scenarios.join("atve.toml")), None).unwrap();
    let mut app = App::new(live.project.clone(), Theme::plain()).unwrap();
    let (sender, events) = channel();
    let mut shell = Shell::new(live, sender);
    app.update(Action::SetParam(Param::named("scenes"), "6".into()));

    let listed = |app: &App| matches!(&app.mode, Mode::Picking(p) if !p.listing);
    run_until(&mut shell, &mut app, &events, "o", listed);
    typed(&mut app, "broken");
    run_until(&mut shell, &mut app, &events, "\n", |app| {
        app.message.as_ref().is_some_and(|m| m.error)
    });
    let refusal = app.message.clone().unwrap().text;
    assert!(refusal.starts_with("Not opened: "), "{refusal}");
    assert!(refusal.contains("broken.toml:3:"), "located: {refusal}");
    assert_eq!(app.scenario_count(), 1, "nothing opened");
    assert_eq!(app.params.scenes, 6, "the tweak is kept");

    run_until(&mut shell, &mut app, &events, "o", listed);
    run_until(&mut shell, &mut app, &events, "o3\n", |app| app.scenario_count() == 2);
    assert_eq!(app.project.scenario.name.as_ref(), "Kling O3, 10 s at 1080p with audio");
    assert!(app.project.scenario.file.path().ends_with("scenarios/kling-o3.toml"));
    assert_eq!(app.others[0].params.scenes, 6);
}
