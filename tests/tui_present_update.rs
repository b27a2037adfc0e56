//! Presentation mode and the dashboard's export driven through `update` and the shell, with no
//! terminal: pages turned by ←/→, the hint fading on the loop's ticks, the high-contrast theme,
//! and `e` writing the workbook, CSV, memo and charts at the user's parameters, or saying why not.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "support/screen.rs"]
mod screen;
mod support;

use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use reelcost::engine::evaluate;
use reelcost::format::number::plain;
use reelcost::live::Live;
use reelcost::project::{self, ScenarioSource};
use reelcost::tui::keys::action_for;
use reelcost::tui::present::{HINT_FOR, Page};
use reelcost::tui::{Action, App, Effect, Event, Flow, Mode, Param, Shell, Theme, View};

fn atve() -> App {
    let project = project::load(&ScenarioSource::File("scenarios/atve.toml".into()), None).unwrap();
    App::new(project, Theme::colour()).unwrap()
}

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

#[test]
fn arrows_turn_the_pages_round_and_round() {
    let mut app = atve();
    // On the dashboard → steps the parameter; in presentation it turns the page.
    assert_eq!(action_for(&app, key(KeyCode::Right)), Some(Action::Step(1)));
    app.update(Action::TogglePresentation);
    assert_eq!(app.presentation.page, Page::Headline);
    assert_eq!(action_for(&app, key(KeyCode::Right)), Some(Action::TurnPage(1)));
    assert_eq!(action_for(&app, key(KeyCode::Left)), Some(Action::TurnPage(-1)));
    // The dashboard's other keys still work: Shift+→ steps by ten, `e` exports.
    let shifted = KeyEvent::new(KeyCode::Right, KeyModifiers::SHIFT);
    assert_eq!(action_for(&app, shifted), Some(Action::Step(10)));
    assert_eq!(action_for(&app, key(KeyCode::Char('e'))), Some(Action::StartExport));
    let mut seen = Vec::new();
    for _ in 0..4 {
        app.update(Action::TurnPage(1));
        seen.push(app.presentation.page);
    }
    // One scenario open: no compare page.
    assert_eq!(seen, [Page::Share, Page::Chart, Page::Headline, Page::Share]);
    app.update(Action::TurnPage(-1));
    assert_eq!(app.presentation.page, Page::Headline);
    app.update(Action::TurnPage(-1));
    assert_eq!(app.presentation.page, Page::Chart);
    // Leaving and coming back starts from the headline.
    assert_eq!(action_for(&app, key(KeyCode::Esc)), Some(Action::TogglePresentation));
    app.update(Action::TogglePresentation);
    assert_eq!(app.view, View::Dashboard);
    app.update(Action::TogglePresentation);
    assert_eq!(app.presentation.page, Page::Headline);
}

#[test]
fn the_compare_page_comes_with_a_second_scenario() {
    let mut app = atve();
    let other = project::load(&ScenarioSource::File("scenarios/kling-o3.toml".into()), None).unwrap();
    app.open_others(vec![other]);
    app.update(Action::TogglePresentation);
    app.update(Action::TurnPage(-1));
    assert_eq!(app.presentation.page, Page::Compare);
    assert_eq!(app.pages().len(), 4);
}

#[test]
fn the_hint_fades_on_the_loops_tick() {
    let mut app = atve();
    let hint = app.shown.presentation.hint.clone();
    assert!(hint.contains("page") && hint.contains("contrast"), "{hint}");
    assert!(!app.presentation.hint_shown());
    app.update(Action::TogglePresentation);
    assert!(app.presentation.hint_shown());
    let screen = screen::screen(&app, 120, 35);
    assert!(screen.contains(hint.trim()), "{screen}");
    // Its time starts at the first tick, and the loop is told when to wake up to fade it.
    let start = Instant::now();
    app.update(Action::Tick(start));
    assert_eq!(app.wake_at(), Some(start + HINT_FOR));
    app.update(Action::Tick(start + HINT_FOR - Duration::from_millis(1)));
    assert!(app.presentation.hint_shown());
    app.update(Action::Tick(start + HINT_FOR));
    assert!(!app.presentation.hint_shown());
    assert_eq!(app.wake_at(), None);
    let screen = screen::screen(&app, 120, 35);
    assert!(!screen.contains(hint.trim()), "{screen}");
    // The page marker stays.
    assert!(screen.contains("1/3 Headline"), "{screen}");
}

#[test]
fn the_contrast_key_switches_the_theme_and_back() {
    let mut app = atve();
    app.update(Action::TogglePresentation);
    let c = KeyEvent::new(KeyCode::Char('C'), KeyModifiers::SHIFT);
    assert_eq!(action_for(&app, c), Some(Action::ToggleContrast));
    app.update(Action::ToggleContrast);
    assert_eq!(app.theme, Theme::high_contrast());
    app.update(Action::ToggleContrast);
    assert_eq!(app.theme, Theme::colour());
    // Opened in high contrast (`--theme high-contrast`), the key goes to the usual colours.
    let project = project::load(&ScenarioSource::File("scenarios/atve.toml".into()), None).unwrap();
    let mut app = App::new(project, Theme::high_contrast()).unwrap();
    app.update(Action::ToggleContrast);
    assert_eq!(app.theme, Theme::colour());
}

#[test]
fn e_asks_for_a_directory_beside_the_scenario() {
    let mut app = atve();
    assert_eq!(action_for(&app, key(KeyCode::Char('e'))), Some(Action::StartExport));
    app.update(Action::StartExport);
    assert_eq!(app.mode, Mode::Exporting("scenarios/atve-export".to_owned()));
    let status: String = app.shown.status.iter().map(|(t, _)| t.as_str()).collect();
    assert!(status.contains("Export to: scenarios/atve-export"), "{status}");
    // Typed keys edit it; Enter asks the shell to write there.
    app.update(Action::InputBackspace);
    app.update(Action::InputChar('2'));
    assert_eq!(
        app.update(Action::ApplyInput),
        Some(Effect::Export("scenarios/atve-expor2".into()))
    );
    assert_eq!(app.mode, Mode::Normal);
    // Nothing typed: nothing written.
    app.update(Action::StartExport);
    app.mode = Mode::Exporting("  ".to_owned());
    assert_eq!(app.update(Action::ApplyInput), None);
}

/// The dashboard on a copy of atve, the shell the loop drives it through, and the loop's end of
/// the channel the export's thread answers on.
fn on_a_copy() -> (tempfile::TempDir, App, Shell, Receiver<Event>) {
    let dir = support::copy_of_atve();
    let live = Live::open(ScenarioSource::File(dir.path().join("scenarios/atve.toml")), None).unwrap();
    let app = App::new(live.project.clone(), Theme::plain()).unwrap();
    let (sender, events) = channel();
    (dir, app, Shell::new(live, sender), events)
}

fn press(shell: &mut Shell, app: &mut App, keys: &[KeyCode]) -> Flow {
    let events = keys.iter().map(|&code| Event::Key(key(code)));
    shell.process(app, events.collect::<Vec<_>>(), Rect::new(0, 0, 120, 40))
}

/// Hands the export's answer to the shell, as the loop does. The timeout only keeps a broken
/// export from hanging the suite.
fn answered(shell: &mut Shell, app: &mut App, events: &Receiver<Event>) {
    let answer = events
        .recv_timeout(std::time::Duration::from_secs(120))
        .expect("the export answers");
    assert!(matches!(answer, Event::Exported(_)), "{answer:?}");
    assert_eq!(shell.process(app, [answer], Rect::new(0, 0, 120, 40)), Flow::Continue);
}

#[test]
fn e_writes_every_export_at_the_users_parameters() {
    let (dir, mut app, mut shell, events) = on_a_copy();
    app.update(Action::SetParam(Param::named("frames"), "80".to_owned()));
    let flow = press(&mut shell, &mut app, &[KeyCode::Char('e'), KeyCode::Enter]);
    assert_eq!(flow, Flow::Continue);
    // The files are written off the UI thread: the key is answered at once.
    let asked = app.message.clone().expect("a message").text;
    assert!(
        asked.starts_with("Exporting to ") && asked.ends_with("atve-export/…"),
        "{asked}"
    );
    // The parameters move on while it writes; the export has the ones it was asked at.
    app.update(Action::SetParam(Param::named("frames"), "90".to_owned()));
    answered(&mut shell, &mut app, &events);
    let out = dir.path().join("scenarios/atve-export");
    let message = app.message.clone().expect("a message").text;
    assert!(message.starts_with("Exported to "), "{message}");
    for name in ["memo.md", "share.svg", "atve.xlsx", "atve.csv"] {
        assert!(out.join(name).is_file(), "{name} missing: {message}");
        assert!(message.contains(name), "{message}");
    }
    // The figures are the tweaked ones, as the engine prices frames 80, not the file's.
    let mut params = app.project.scenario.params.clone();
    params.set("frames", "80").unwrap();
    let bill = evaluate(&app.project.scenario, &app.project.catalogs, &params).unwrap();
    let file = evaluate(
        &app.project.scenario,
        &app.project.catalogs,
        &app.project.scenario.params,
    )
    .unwrap();
    assert_ne!(bill.totals.per_video, file.totals.per_video);
    let csv = std::fs::read_to_string(out.join("atve.csv")).unwrap();
    let line = format!("per_video,{},USD", plain(bill.totals.per_video));
    assert!(csv.lines().any(|l| l == line), "{line} not in\n{csv}");
    assert!(csv.contains("frames,80"), "{csv}");
}

#[test]
fn an_export_that_cannot_be_written_is_a_message_not_a_panic() {
    let (dir, mut app, mut shell, events) = on_a_copy();
    // A directory under a file cannot be made.
    let blocked = dir.path().join("scenarios/atve.toml/out");
    app.update(Action::StartExport);
    app.mode = Mode::Exporting(blocked.display().to_string());
    let flow = press(&mut shell, &mut app, &[KeyCode::Enter]);
    assert_eq!(flow, Flow::Continue);
    answered(&mut shell, &mut app, &events);
    let message = app.message.clone().expect("a message");
    assert!(message.error, "{}", message.text);
    assert!(message.text.starts_with("Not exported:"), "{}", message.text);
    assert!(message.text.contains("atve.toml/out"), "{}", message.text);
    assert_eq!(app.mode, Mode::Normal);
}

#[test]
fn the_footer_names_e_where_there_is_room_and_the_help_always() {
    let app = atve();
    let wide = screen::screen(&app, 160, 40);
    let footer = wide.lines().last().unwrap_or("");
    assert!(footer.contains("e export"), "{footer}");
    let mut app = atve();
    app.update(Action::ToggleHelp);
    let help = screen::screen(&app, 120, 40);
    assert!(help.contains("export xlsx, csv, memo"), "{help}");
    assert!(help.contains("high-contrast theme"), "{help}");
}
