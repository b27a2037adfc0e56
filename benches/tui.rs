//! Dashboard benchmarks: a key press applied through `handle` and `update` and the frame drawn
//! into a 160x48 ratatui `TestBackend`, the same split into update and render, and the first
//! frame. Run with `cargo bench --bench tui`; BENCHMARKS.md records the figures.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use divan::{Bencher, black_box};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;
use reelcost::project::{self, Project, ScenarioSource};
use reelcost::tui::{Action, App, Event, Param, Theme, handle, ui};

const WIDTH: u16 = 160;
const HEIGHT: u16 = 48;

fn main() {
    divan::main();
}

/// The built-in atve scenario on the built-in catalogs, as `reelcost atve` opens it.
fn atve() -> Project {
    project::load(&ScenarioSource::Builtin("atve"), None).unwrap()
}

/// The dashboard on atve with the frames row selected, as after one press of ↓.
fn dashboard() -> App {
    let mut app = App::new(atve(), Theme::colour()).unwrap();
    app.update(Action::Select(Param::named("frames")));
    app
}

fn terminal() -> Terminal<TestBackend> {
    Terminal::new(TestBackend::new(WIDTH, HEIGHT)).unwrap()
}

fn key(code: KeyCode) -> Event {
    Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

/// ← then → alternately: frames 100 → 99 → 100 (WAN's limit is 100, so → first would be refused).
fn step_keys() -> impl FnMut() -> Event {
    let mut down = false;
    move || {
        down = !down;
        key(if down { KeyCode::Left } else { KeyCode::Right })
    }
}

/// A key press through the key table and `update`, then the whole frame drawn: what the loop does
/// for one key.
#[divan::bench]
fn keypress_update_render(bencher: Bencher) {
    let mut app = dashboard();
    let mut terminal = terminal();
    let screen = Rect::new(0, 0, WIDTH, HEIGHT);
    let mut next = step_keys();
    bencher.bench_local(|| {
        handle(&mut app, next(), screen);
        terminal.draw(|f| ui::render(f, black_box(&app))).unwrap();
    });
    assert_eq!(
        app.message.as_ref().filter(|m| m.error),
        None,
        "every step was accepted"
    );
}

/// Typed frames 80 and 100 alternately: each change crosses WAN's x1.25 above 81 frames, so the
/// clip line is repriced and the cliff and the "was" column appear and go.
#[divan::bench]
fn set_frames_update_render(bencher: Bencher) {
    let mut app = dashboard();
    let mut terminal = terminal();
    let mut eighty = false;
    bencher.bench_local(|| {
        eighty = !eighty;
        let value = if eighty { "80" } else { "100" };
        app.update(Action::SetParam(Param::named("frames"), value.to_owned()));
        terminal.draw(|f| ui::render(f, black_box(&app))).unwrap();
    });
    assert_eq!(
        app.message.as_ref().filter(|m| m.error),
        None,
        "every value was accepted"
    );
}

/// The key press and `update` alone: the engine's share of a key press (the bill, the amortisation
/// sweep, the cliffs and the video-model alternatives are all recomputed).
#[divan::bench]
fn keypress_update(bencher: Bencher) {
    let mut app = dashboard();
    let screen = Rect::new(0, 0, WIDTH, HEIGHT);
    let mut next = step_keys();
    bencher.bench_local(|| handle(&mut app, next(), screen));
}

/// Drawing the frame alone, of an unchanged state (ratatui still lays out and fills every cell).
#[divan::bench]
fn render(bencher: Bencher) {
    let app = dashboard();
    let mut terminal = terminal();
    bencher.bench_local(|| {
        terminal.draw(|f| ui::render(f, black_box(&app))).unwrap();
    });
}

/// The first frame from a loaded project: `App::new` (the bill, the baseline's and the current
/// amortisation sweeps, the analyses) and one draw into a new terminal.
#[divan::bench]
fn first_frame(bencher: Bencher) {
    let project = atve();
    bencher.with_inputs(|| project.clone()).bench_local_values(|project| {
        let app = App::new(project, Theme::colour()).unwrap();
        let mut terminal = terminal();
        terminal.draw(|f| ui::render(f, &app)).unwrap();
        terminal
    });
}

/// The same, from the built-in TOML text: parsing the scenario and the eight catalogs first.
#[divan::bench]
fn first_frame_from_text(bencher: Bencher) {
    bencher.bench_local(|| {
        let app = App::new(atve(), Theme::colour()).unwrap();
        let mut terminal = terminal();
        terminal.draw(|f| ui::render(f, &app)).unwrap();
        terminal
    });
}
