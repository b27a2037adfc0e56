//! The dashboard at scale: a key press (through the key table, `update` and a full draw) on a
//! scenario of 10,000 steps, and on a catalog of 100,000 models, and the clip models' ranking that
//! follows it off the UI thread. Run with
//! `cargo bench --bench scale`; BENCHMARKS.md records the figures.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::fmt::Write;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use divan::{Bencher, black_box};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;
use reelcost::engine::{SourceFile, load_catalogs, load_scenario};
use reelcost::project::{CatalogSource, Project, ScenarioSource};
use reelcost::tui::{Action, App, Event, Param, Theme, handle, ui};

const WIDTH: u16 = 160;
const HEIGHT: u16 = 48;

fn main() {
    divan::main();
}

/// `videos` video models priced per 720p clip, each dearer above its own frame count (81 to 90),
/// and ten image models.
fn catalog_text(videos: usize) -> String {
    let mut text = String::from("provider = \"Bench\"\ncurrency = \"USD\"\n");
    for i in 0..videos {
        let _ = write!(
            text,
            "\n[[model]]\nid = \"video/{i}\"\nkind = \"video\"\nunit = \"clip\"\n\
             rates = [{{ resolution = \"720p\", price = 0.{:02} }}]\n\
             multipliers = [{{ frames_above = {}, factor = 1.25 }}]\n",
            i % 90 + 10,
            81 + i % 10
        );
    }
    for i in 0..10 {
        let _ = write!(
            text,
            "\n[[model]]\nid = \"image/{i}\"\nkind = \"image\"\nunit = \"image\"\nprice = 0.0{}\n",
            i % 9 + 1
        );
    }
    text
}

/// `steps` steps: every other one a 100-frame clip from one of the first ten video models (so a
/// price cliff fires on each), the rest image steps spread over the four stages.
fn scenario_text(steps: usize) -> String {
    let mut text = String::from(
        "[parameters]\nscenes = 4\nframes = 100\nfps = 16\nresolution = \"720p\"\ncharacters = 2\n\
         videos_per_character = 5\nvideos_per_month = 1000\n",
    );
    for i in 0..steps {
        if i % 2 == 0 {
            let _ = write!(text, "\n[[scene]]\nmodel = \"video/{}\"\n", (i / 2) % 10);
        } else {
            let stage = ["scene", "character", "video", "month"][(i / 2) % 4];
            let _ = write!(text, "\n[[{stage}]]\nmodel = \"image/{}\"\ncount = 3\n", i % 10);
        }
    }
    text
}

fn project(steps: usize, videos: usize) -> Project {
    let catalogs = load_catalogs(&[SourceFile::new("bench.toml", catalog_text(videos))]).unwrap();
    let scenario = load_scenario(&SourceFile::new("bench-scenario.toml", scenario_text(steps))).unwrap();
    Project {
        scenario,
        catalogs,
        scenario_source: ScenarioSource::Builtin("atve"),
        catalog_source: CatalogSource::Builtin,
        catalog_files: Vec::new(),
    }
}

/// ← then → on the frames row, each through `handle` and `update`, then the frame drawn.
fn keypresses(bencher: Bencher, project: Project) {
    let mut app = App::new(project, Theme::colour()).unwrap();
    app.update(Action::Select(Param::named("frames")));
    let mut terminal = Terminal::new(TestBackend::new(WIDTH, HEIGHT)).unwrap();
    let screen = Rect::new(0, 0, WIDTH, HEIGHT);
    let mut down = false;
    bencher.bench_local(|| {
        down = !down;
        let code = if down { KeyCode::Left } else { KeyCode::Right };
        handle(&mut app, Event::Key(KeyEvent::new(code, KeyModifiers::NONE)), screen);
        terminal.draw(|f| ui::render(f, black_box(&app))).unwrap();
    });
    assert_eq!(app.message.as_ref().filter(|m| m.error), None, "every key was accepted");
}

/// ← thirty times, then → thirty times, and so on, on the frames row: each press a value the
/// chart has not always priced yet (frames 100 down to 70 and back).
fn walk(bencher: Bencher, project: Project) {
    let mut app = App::new(project, Theme::colour()).unwrap();
    app.update(Action::Select(Param::named("frames")));
    let mut terminal = Terminal::new(TestBackend::new(WIDTH, HEIGHT)).unwrap();
    let screen = Rect::new(0, 0, WIDTH, HEIGHT);
    let mut presses = 0u32;
    bencher.bench_local(|| {
        presses += 1;
        let code = if (presses / 30).is_multiple_of(2) {
            KeyCode::Left
        } else {
            KeyCode::Right
        };
        handle(&mut app, Event::Key(KeyEvent::new(code, KeyModifiers::NONE)), screen);
        terminal.draw(|f| ui::render(f, black_box(&app))).unwrap();
    });
    assert_eq!(app.message.as_ref().filter(|m| m.error), None, "every key was accepted");
}

/// ↓ then ↑ through the parameter rows: the selection moves, no parameter changes.
fn select(bencher: Bencher, project: Project) {
    let mut app = App::new(project, Theme::colour()).unwrap();
    app.update(Action::Select(Param::named("frames")));
    let mut terminal = Terminal::new(TestBackend::new(WIDTH, HEIGHT)).unwrap();
    let screen = Rect::new(0, 0, WIDTH, HEIGHT);
    let mut down = false;
    bencher.bench_local(|| {
        down = !down;
        let code = if down { KeyCode::Down } else { KeyCode::Up };
        handle(&mut app, Event::Key(KeyEvent::new(code, KeyModifiers::NONE)), screen);
        terminal.draw(|f| ui::render(f, black_box(&app))).unwrap();
    });
}

/// The clip models ranked by the worker after a key press: how long the models panel shows the
/// list from before the change. Each iteration ranks at the frames the last key press set.
fn ranking(bencher: Bencher, project: Project) {
    let mut app = App::new(project, Theme::colour()).unwrap();
    app.update(Action::Select(Param::named("frames")));
    handle(
        &mut app,
        Event::Key(KeyEvent::new(KeyCode::Left, KeyModifiers::NONE)),
        Rect::new(0, 0, WIDTH, HEIGHT),
    );
    let job = app.take_ranking_job().expect("too large to rank on the key press");
    bencher.bench_local(|| black_box(job.clone().run(&|| true)).expect("ranked"));
}

/// The worker's ranking of 100,000 video models.
#[divan::bench(sample_count = 10)]
fn rank_100000_models(bencher: Bencher) {
    ranking(bencher, project(8, 100_000));
}

/// The worker's ranking of ten video models over the 5,000 clips of 10,000 steps.
#[divan::bench(sample_count = 10)]
fn rank_10000_steps(bencher: Bencher) {
    ranking(bencher, project(10_000, 10));
}

/// A key press on a scenario of 10,000 steps (5,000 clips, each past a price cliff).
#[divan::bench(sample_count = 20)]
fn keypress_10000_steps(bencher: Bencher) {
    keypresses(bencher, project(10_000, 10));
}

/// A key press on a scenario of a few steps against a catalog of 100,000 video models, every one
/// of which could take the clip step.
#[divan::bench(sample_count = 20)]
fn keypress_100000_models(bencher: Bencher) {
    keypresses(bencher, project(8, 100_000));
}

/// Frames walked down and up on the scenario of 10,000 steps, a new value on every press.
#[divan::bench(sample_count = 20)]
fn walk_frames_10000_steps(bencher: Bencher) {
    walk(bencher, project(10_000, 10));
}

/// The selection moved on the catalog of 100,000 models: nothing to price again.
#[divan::bench(sample_count = 20)]
fn select_row_100000_models(bencher: Bencher) {
    select(bencher, project(8, 100_000));
}
