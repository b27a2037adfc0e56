//! Snapshots of the dashboard drawn on ratatui's TestBackend after scripted actions, at 120x40
//! and 80x24, and a sweep of small sizes that must draw without panicking.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::Color;
use reelcost::project::{self, ScenarioSource};
use reelcost::tui::keys::{BINDINGS, Context};
use reelcost::tui::{Action, App, Param, Theme, ui};

/// The dashboard on scenarios/atve.toml, as `reelcost` opens it in the repository.
fn atve(theme: Theme) -> App {
    let project = project::load(&ScenarioSource::File("scenarios/atve.toml".into()), None).unwrap();
    App::new(project, theme).unwrap()
}

fn after(actions: impl IntoIterator<Item = Action>) -> App {
    let mut app = atve(Theme::colour());
    for action in actions {
        app.update(action);
    }
    app
}

fn draw(app: &App, width: u16, height: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|frame| ui::render(frame, app)).unwrap();
    terminal
}

/// The screen as plain text, one line per row, trailing spaces trimmed.
fn screen(app: &App, width: u16, height: u16) -> String {
    let terminal = draw(app, width, height);
    let buffer = terminal.backend().buffer();
    let mut text = String::new();
    for y in 0..height {
        let row: String = (0..width).map(|x| buffer[(x, y)].symbol()).collect();
        text.push_str(row.trim_end());
        text.push('\n');
    }
    text
}

/// Snapshots a screen at 120x40 and 80x24. Paths on screen are relative and nothing tells the
/// time; the root is masked in case a path ever shows absolute (insta's own filters need a
/// feature this crate does not enable).
fn snapshot(name: &str, app: &App) {
    let masked = |text: String| text.replace(env!("CARGO_MANIFEST_DIR"), "[ROOT]");
    insta::assert_snapshot!(format!("{name}_120x40"), masked(screen(app, 120, 40)));
    insta::assert_snapshot!(format!("{name}_80x24"), masked(screen(app, 80, 24)));
}

fn frames_80() -> Vec<Action> {
    vec![
        Action::Select(Param::named("frames")),
        Action::StartEditing,
        Action::InputChar('8'),
        Action::InputChar('0'),
        Action::ApplyInput,
    ]
}

#[test]
fn main_view() {
    snapshot("main", &after([]));
}

#[test]
fn frames_80_against_the_baseline() {
    snapshot("frames_80", &after(frames_80()));
}

#[test]
fn help_overlay() {
    let app = after([Action::ToggleHelp]);
    snapshot("help", &app);
    // The help shows every binding of the table it is drawn from; at 80x24 it scrolls, and ↓
    // brings each of them into view, then stops at the last screenful.
    for (width, height) in [(120, 40), (80, 24)] {
        let mut app = after([Action::ToggleHelp]);
        let area = ratatui::layout::Rect::new(0, 0, width, height);
        let mut seen = screen(&app, width, height);
        let mut last = seen.clone();
        let mut presses = 0;
        loop {
            let down = KeyEvent::new(KeyCode::Down, KeyModifiers::NONE);
            reelcost::tui::handle(&mut app, reelcost::tui::Event::Key(down), area);
            let now = screen(&app, width, height);
            if now == last {
                break;
            }
            presses += 1;
            seen.push_str(&now);
            last = now;
        }
        // The scenario picker's keys show in its own border while it is open, below.
        for binding in BINDINGS.iter().filter(|b| b.context != Context::Picking) {
            assert!(seen.contains(binding.help), "{width}x{height} lacks `{}`", binding.help);
        }
        if width == 120 {
            assert_eq!(presses, 0, "all of it fits: nothing scrolls\n{seen}");
        } else {
            assert!(presses > 0, "{seen}");
            assert!(seen.contains("↑/↓ scroll · lines 1-22 of "), "{seen}");
            // Back up to the top: the first line again.
            let up = KeyEvent::new(KeyCode::Up, KeyModifiers::NONE);
            for _ in 0..presses {
                reelcost::tui::handle(&mut app, reelcost::tui::Event::Key(up), area);
            }
            assert!(screen(&app, width, height).contains("lines 1-22 of "));
        }
    }
    let picker = screen(&after([Action::OpenPicker]), 80, 24);
    assert!(picker.contains("↑↓ choose · Enter open · Esc cancel"), "{picker}");
}

#[test]
fn presentation_mode() {
    let mut actions = frames_80();
    actions.push(Action::TogglePresentation);
    snapshot("presentation", &after(actions));
}

#[test]
fn refused_input() {
    snapshot(
        "refused",
        &after([
            Action::Select(Param::named("frames")),
            Action::StartEditing,
            Action::InputChar('1'),
            Action::InputChar('2'),
            Action::InputChar('0'),
            Action::ApplyInput,
        ]),
    );
}

#[test]
fn typing_a_value() {
    snapshot(
        "typing",
        &after([
            Action::Select(Param::named("reroll_rate")),
            Action::StartEditing,
            Action::InputChar('1'),
        ]),
    );
}

#[test]
fn too_small() {
    let app = after([]);
    insta::assert_snapshot!("too_small_79x24", screen(&app, 79, 24));
    insta::assert_snapshot!("too_small_40x10", screen(&app, 40, 10));
}

#[test]
fn every_small_size_draws_without_panicking() {
    let apps = [
        after([]),
        after([Action::ToggleHelp]),
        after([Action::TogglePresentation]),
        after([Action::StartEditing, Action::InputChar('7')]),
    ];
    for app in &apps {
        for width in 1..=40 {
            for height in 1..=15 {
                draw(app, width, height);
            }
        }
    }
}

#[test]
fn every_usual_size_draws_without_panicking() {
    let apps = [
        after(frames_80()),
        after([Action::ToggleHelp]),
        after([Action::TogglePresentation]),
    ];
    for app in &apps {
        for width in (78..=200).step_by(11) {
            for height in (22..=60).step_by(5) {
                draw(app, width, height);
            }
        }
    }
}

#[test]
fn no_color_draws_without_colours() {
    let app = after(frames_80());
    let mut app = app;
    app.theme = Theme::plain();
    for view in [false, true] {
        if view {
            app.update(Action::TogglePresentation);
        }
        let terminal = draw(&app, 120, 40);
        let coloured = terminal
            .backend()
            .buffer()
            .content()
            .iter()
            .filter(|cell| cell.fg != Color::Reset || cell.bg != Color::Reset)
            .count();
        assert_eq!(coloured, 0, "presentation: {view}");
    }
}

/// assets/dashboard-120x40.txt is the main screen at 120x40; `REELCOST_UPDATE_ASSETS=1` rewrites it.
#[test]
fn the_asset_is_the_main_screen() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/dashboard-120x40.txt");
    let now = screen(&after([]), 120, 40);
    if std::env::var_os("REELCOST_UPDATE_ASSETS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &now).unwrap();
    }
    let asset = std::fs::read_to_string(&path).unwrap();
    assert_eq!(
        asset, now,
        "rewrite it with REELCOST_UPDATE_ASSETS=1 cargo test --test tui_snapshots"
    );
}
