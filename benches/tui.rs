//! Dashboard benchmarks: a key press applied through `handle` and `update` and the frame drawn
//! into a 160x48 ratatui `TestBackend`, the same split into update and render, the first
//! frame, and keys while a large catalog is read. Run with `cargo bench --bench tui`;
//! BENCHMARKS.md records the figures.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::cell::RefCell;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use divan::{Bencher, black_box};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;
use reelcost::live::Live;
use reelcost::project::{self, Project, ScenarioSource};
use reelcost::tui::{Action, App, Event, Flow, Param, Shell, Theme, handle, ui};

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

/// The same with only the catalogs written by hand (and none of the imported market): the
/// catalog set the dashboard had before the litellm import, for the ratio BENCHMARKS.md records.
#[divan::bench]
fn first_frame_from_text_seed_catalogs(bencher: Bencher) {
    bencher.bench_local(|| {
        let project = project::load_for_report(&ScenarioSource::Builtin("atve"), None, &[]).unwrap();
        let app = App::new(project, Theme::colour()).unwrap();
        let mut terminal = terminal();
        terminal.draw(|f| ui::render(f, &app)).unwrap();
        terminal
    });
}

/// Parsing the scenario and every built-in catalog, imported ones included, with no dashboard.
#[divan::bench]
fn load_all_catalogs(bencher: Bencher) {
    bencher.bench_local(atve);
}

/// `App::new` alone on a loaded project with every built-in catalog: the bill, the analyses
/// (every fitting video model priced for the list) and the view model.
#[divan::bench]
fn app_new(bencher: Bencher) {
    let project = atve();
    bencher
        .with_inputs(|| project.clone())
        .bench_local_values(|project| App::new(project, Theme::colour()).unwrap());
}

/// A catalog of `n` image models at `price`, one of them `model/0`.
fn large_catalog(n: usize, price: &str) -> String {
    let mut text = String::from("provider = \"Bench\"\ncurrency = \"USD\"\n");
    for i in 0..n {
        let _ = write!(
            text,
            "\n[[model]]\nid = \"model/{i}\"\nkind = \"image\"\nunit = \"image\"\nprice = {price}\n"
        );
    }
    text
}

/// `reelcost init` in a temporary directory, with a catalog of `models` more models beside the
/// shipped ones: the project, and the large catalog's path.
fn large_project(models: usize) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_reelcost"))
        .arg("init")
        .arg(dir.path().join("p"))
        .stdout(std::process::Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    let large = dir.path().join("p/catalogs/large.toml");
    std::fs::write(&large, large_catalog(models, "0.01")).unwrap();
    (dir, large)
}

fn open(project: &Path) -> Live {
    Live::open(ScenarioSource::File(project.join("scenarios/atve.toml")), None).unwrap()
}

/// The dashboard, the shell and the channel its reader answers on.
struct Dashboard {
    app: App,
    shell: Shell,
    answers: Receiver<Event>,
}

impl Dashboard {
    fn on(project: &Path) -> Self {
        let live = open(project);
        let mut app = App::new(live.project.clone(), Theme::colour()).unwrap();
        app.update(Action::Select(Param::named("frames")));
        let (sender, answers) = channel();
        Self {
            app,
            shell: Shell::new(live, sender),
            answers,
        }
    }

    /// Takes the files back from the reader, as the loop does when its answer arrives.
    fn settle(&mut self) {
        let screen = Rect::new(0, 0, WIDTH, HEIGHT);
        while self.shell.is_reading() {
            let answer = self.answers.recv_timeout(Duration::from_secs(600)).unwrap();
            assert_eq!(self.shell.process(&mut self.app, [answer], screen), Flow::Continue);
        }
    }
}

/// What a file event costs the UI thread with a large catalog among the files: the read itself
/// goes to the reader thread. Each sample changes the large catalog's prices, and before it the
/// previous read is taken back (untimed).
#[divan::bench(args = [10_000, 100_000], sample_count = 10, sample_size = 1)]
fn file_event_ui_thread(bencher: Bencher, models: usize) {
    let (_dir, large) = large_project(models);
    let project = large.parent().unwrap().parent().unwrap().to_path_buf();
    let dashboard = RefCell::new(Dashboard::on(&project));
    let price = RefCell::new(0u32);
    let screen = Rect::new(0, 0, WIDTH, HEIGHT);
    bencher
        .with_inputs(|| {
            dashboard.borrow_mut().settle();
            let mut price = price.borrow_mut();
            *price += 1;
            std::fs::write(&large, large_catalog(models, &format!("0.0{}", *price % 9 + 1))).unwrap();
            Event::FilesChanged(vec![large.clone()])
        })
        .bench_local_values(|event| {
            let mut dashboard = dashboard.borrow_mut();
            let Dashboard { app, shell, .. } = &mut *dashboard;
            shell.process(app, [event], screen)
        });
    dashboard.borrow_mut().settle();
    assert!(dashboard.borrow().app.files.error.is_none());
}

/// A key press through the shell, `update` and a frame, while another thread parses a large
/// catalog over and over, as the reader does after a change: the UI thread's key latency under
/// that load, on this machine's cores.
#[divan::bench(args = [100_000])]
fn keypress_during_a_read(bencher: Bencher, models: usize) {
    let (_dir, large) = large_project(models);
    let project = large.parent().unwrap().parent().unwrap().to_path_buf();
    let mut dashboard = Dashboard::on(&project);
    let stop = Arc::new(AtomicBool::new(false));
    let reader = {
        let (stop, project) = (Arc::clone(&stop), project.clone());
        std::thread::spawn(move || {
            let mut reads = 0u32;
            while !stop.load(Ordering::Relaxed) {
                black_box(open(&project));
                reads += 1;
            }
            reads
        })
    };
    let mut terminal = terminal();
    let screen = Rect::new(0, 0, WIDTH, HEIGHT);
    let mut next = step_keys();
    bencher.bench_local(|| {
        let Dashboard { app, shell, .. } = &mut dashboard;
        shell.process(app, [next()], screen);
        terminal.draw(|f| ui::render(f, black_box(app))).unwrap();
    });
    stop.store(true, Ordering::Relaxed);
    assert!(reader.join().unwrap() > 0, "the catalog was read during the bench");
}

/// Reading and parsing the project with a large catalog (`Live::open`): what a file event cost
/// the UI thread when the read was done there, and what the reader thread now does.
#[divan::bench(args = [10_000, 100_000], sample_count = 5, sample_size = 1)]
fn read_large_project(bencher: Bencher, models: usize) {
    let (_dir, large) = large_project(models);
    let project = large.parent().unwrap().parent().unwrap().to_path_buf();
    bencher.bench_local(|| open(&project));
}
