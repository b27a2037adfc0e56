//! Every open scenario's files live, through the shell with real files and its reader thread:
//! a catalog edit reloads the scenario in front and the one behind, an edit to the scenario
//! behind reloads it where it waits with its tweaks kept, and `s` saves whichever scenario is in
//! front into its own file.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

use ratatui::layout::Rect;
use reelcost::live::Live;
use reelcost::project::ScenarioSource;
use reelcost::tui::{Action, App, Event, Flow, Param, Shell, Theme};
use rust_decimal::Decimal;

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

/// atve in front and Kling O3 behind it, both from a scratch copy, each with its files live.
fn two(dir: &Path) -> (App, Shell, Receiver<Event>) {
    let scenarios = dir.join("scenarios");
    fs::copy("scenarios/kling-o3.toml", scenarios.join("kling-o3.toml")).unwrap();
    let atve = Live::open(ScenarioSource::File(scenarios.join("atve.toml")), None).unwrap();
    let o3 = Live::open(ScenarioSource::File(scenarios.join("kling-o3.toml")), None).unwrap();
    let mut app = App::new(atve.project.clone(), Theme::plain()).unwrap();
    let positions = app.open_others(vec![o3.project.clone()]);
    assert_eq!(positions, [Some(1)]);
    let (sender, events) = channel();
    let mut shell = Shell::new(atve, sender).with_clock(|| "12:00:00".to_owned());
    shell.add(1, o3);
    (app, shell, events)
}

/// Hands events to the shell, then the reader's answers until every file is back. The timeout
/// only keeps a broken reader from hanging the suite.
fn process(shell: &mut Shell, app: &mut App, events: &Receiver<Event>, batch: Vec<Event>) {
    let screen = Rect::new(0, 0, 120, 40);
    assert_eq!(shell.process(app, batch, screen), Flow::Continue);
    while shell.is_reading() {
        let answer = events
            .recv_timeout(Duration::from_secs(120))
            .expect("the reader answers");
        assert_eq!(shell.process(app, [answer], screen), Flow::Continue);
    }
}

fn edit(path: PathBuf, from: &str, to: &str) {
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{from}");
    fs::write(path, text.replacen(from, to, 1)).unwrap();
}

fn o3_behind(app: &App) -> &reelcost::tui::deck::Parked {
    app.others
        .iter()
        .find(|p| p.position == 1)
        .expect("Kling O3 waits behind")
}

#[test]
fn a_catalog_edit_reloads_the_scenario_behind_and_its_own_edit_keeps_its_tweaks() {
    let dir = support::copy_of_atve();
    let (mut app, mut shell, events) = two(dir.path());
    assert_eq!(o3_behind(&app).bill.totals.per_video, d("1.25"));

    // Kling O3 at 1080p with audio: $0.125/s -> $0.15/s, 10 s: $1.25 -> $1.50 a video.
    let kling = dir.path().join("catalogs/kling.toml");
    edit(
        kling.clone(),
        "{ resolution = \"1080p\", audio = true, price = 0.125 }",
        "{ resolution = \"1080p\", audio = true, price = 0.15 }",
    );
    process(&mut shell, &mut app, &events, vec![Event::FilesChanged(vec![kling])]);
    assert_eq!(o3_behind(&app).bill.totals.per_video, d("1.50"));
    assert_eq!(
        app.bill.totals.per_video,
        d("3.014"),
        "atve in front prices no Kling model"
    );
    assert_eq!(app.comparison.sides[1].total("per_video"), Some(d("1.50")));

    // A tweak on O3, then its own file changes behind the front: the tweak is kept.
    app.update(Action::SwitchScenario(1));
    app.update(Action::SetParam(Param::named("scenes"), "2".into()));
    app.update(Action::SwitchScenario(1));
    let o3_file = dir.path().join("scenarios/kling-o3.toml");
    edit(o3_file.clone(), "seconds = 10", "seconds = 12");
    process(&mut shell, &mut app, &events, vec![Event::FilesChanged(vec![o3_file])]);
    let o3 = o3_behind(&app);
    assert_eq!(o3.params.scenes, 2, "its tweak");
    // Two scenes of 12 s at $0.15/s.
    assert_eq!(o3.bill.totals.per_video, d("3.60"));
    let said = app.message.as_ref().unwrap().text.clone();
    assert!(
        said.starts_with("Kling O3, 10 s at 1080p with audio: scenario reloaded 12:00:00"),
        "{said}"
    );
    assert_eq!(
        app.project.scenario.name.as_ref(),
        "atve cartoon video (4 scenes, 2 characters)"
    );
}

#[test]
fn the_scenario_in_front_saves_into_its_own_file() {
    let dir = support::copy_of_atve();
    let (mut app, mut shell, events) = two(dir.path());
    app.update(Action::SwitchScenario(1));
    app.update(Action::SetParam(Param::named("scenes"), "3".into()));
    let key = crossterm::event::KeyEvent::new(
        crossterm::event::KeyCode::Char('s'),
        crossterm::event::KeyModifiers::NONE,
    );
    process(&mut shell, &mut app, &events, vec![Event::Key(key)]);
    let said = app.message.as_ref().unwrap().text.clone();
    assert!(
        said.starts_with("Saved ") && said.ends_with("kling-o3.toml at 12:00:00"),
        "{said}"
    );
    let saved = fs::read_to_string(dir.path().join("scenarios/kling-o3.toml")).unwrap();
    assert!(saved.contains("scenes = 3"), "{saved}");
    let atve = fs::read_to_string(dir.path().join("scenarios/atve.toml")).unwrap();
    assert_eq!(
        atve,
        fs::read_to_string("scenarios/atve.toml").unwrap(),
        "atve untouched"
    );
    assert_eq!(shell.live_of(1).unwrap().project.scenario.params.scenes, 3);
}

#[test]
fn a_save_asked_for_during_a_read_never_writes_the_scenario_switched_to_meanwhile() {
    let dir = support::copy_of_atve();
    let (mut app, mut shell, events) = two(dir.path());
    let screen = Rect::new(0, 0, 120, 40);
    let o3_file = dir.path().join("scenarios/kling-o3.toml");
    let o3_before = fs::read_to_string(&o3_file).unwrap();
    app.update(Action::SetParam(Param::named("scenes"), "3".into()));
    // atve's file changes: its files go to the reader.
    let atve_file = dir.path().join("scenarios/atve.toml");
    edit(atve_file.clone(), "fps = 16", "fps = 16 ");
    assert_eq!(
        shell.process(&mut app, vec![Event::FilesChanged(vec![atve_file])], screen),
        Flow::Continue
    );
    assert!(shell.is_reading());
    // `s` while they are away waits for them; then Kling O3 comes to the front.
    let key = crossterm::event::KeyEvent::new(
        crossterm::event::KeyCode::Char('s'),
        crossterm::event::KeyModifiers::NONE,
    );
    assert_eq!(shell.process(&mut app, vec![Event::Key(key)], screen), Flow::Continue);
    app.update(Action::SwitchScenario(1));
    process(&mut shell, &mut app, &events, Vec::new());
    assert_eq!(fs::read_to_string(&o3_file).unwrap(), o3_before, "Kling O3 untouched");
    let message = app.message.clone().expect("a message");
    assert!(message.error, "{}", message.text);
    assert!(
        message
            .text
            .starts_with("Not saved: another scenario came to the front"),
        "{}",
        message.text
    );
}
