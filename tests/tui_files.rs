//! The dashboard's live files, driven through `update` with no terminal: reloads swapped in or
//! refused, repriced lines highlighted then faded, user tweaks kept, undo, and the save prompts.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::fs;
use std::path::PathBuf;
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use ratatui::layout::Rect;
use reelcost::live::Live;
use reelcost::project::ScenarioSource;
use reelcost::save::Links;
use reelcost::tui::files::FLASH;
use reelcost::tui::{Action, App, Effect, Event, Flow, Mode, Param, Shell, Theme};
use rust_decimal::Decimal;

/// A copy of the shipped catalogs and the atve scenario in a temporary directory, with the
/// dashboard on it and the shell the event loop drives it through, its clock stopped at noon.
fn workspace() -> (tempfile::TempDir, App, Loop) {
    let dir = support::copy_of_atve();
    let live = Live::open(ScenarioSource::File(dir.path().join("scenarios/atve.toml")), None).unwrap();
    let app = App::new(live.project.clone(), Theme::plain()).unwrap();
    (dir, app, Loop::new(live))
}

/// The event loop without a terminal: the shell, and the channel its reader answers on.
struct Loop {
    shell: Shell,
    events: Receiver<Event>,
}

impl Loop {
    fn new(live: Live) -> Self {
        let (sender, events) = channel();
        Self {
            shell: Shell::new(live, sender).with_clock(|| "12:00:00".to_owned()),
            events,
        }
    }

    /// Hands events to the shell as the loop does, then the reader's answers until the files
    /// are back. The timeout only keeps a broken reader from hanging the suite.
    fn process(&mut self, app: &mut App, events: impl IntoIterator<Item = Event>) -> Flow {
        let screen = Rect::new(0, 0, 120, 40);
        let mut flow = self.shell.process(app, events, screen);
        while flow == Flow::Continue && self.shell.is_reading() {
            let answer = self
                .events
                .recv_timeout(Duration::from_secs(120))
                .expect("the reader answers");
            flow = self.shell.process(app, [answer], screen);
        }
        flow
    }

    fn live(&self) -> &Live {
        self.shell.live().expect("the files are back")
    }
}

fn edit(path: PathBuf, from: &str, to: &str) {
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.contains(from));
    fs::write(path, text.replacen(from, to, 1)).unwrap();
}

/// The watcher's report of a changed file, handled as the event loop handles it.
fn changed(app: &mut App, shell: &mut Loop, path: PathBuf) {
    let flow = shell.process(app, [Event::FilesChanged(vec![path])]);
    assert_eq!(flow, Flow::Continue);
}

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

fn message(app: &App) -> String {
    app.message.as_ref().map(|m| m.text.clone()).unwrap_or_default()
}

#[test]
fn a_catalog_edit_reprices_and_highlights_until_it_fades() {
    let (dir, mut app, mut shell) = workspace();
    edit(
        dir.path().join("catalogs/fal.toml"),
        "{ resolution = \"720p\", price = 0.40 }",
        "{ resolution = \"720p\", price = 0.32 }",
    );
    changed(&mut app, &mut shell, dir.path().join("catalogs/fal.toml"));
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
    let until = app.files.flash_until.expect("a fade time");
    let at = until - FLASH;
    app.update(Action::Tick(at + FLASH - Duration::from_millis(1)));
    assert!(!app.files.flash.is_empty());
    app.update(Action::Tick(at + FLASH));
    assert!(app.files.flash.is_empty(), "the highlight fades");
}

#[test]
fn an_invalid_edit_shows_the_place_and_keeps_the_last_good_figures() {
    let (dir, mut app, mut shell) = workspace();
    edit(dir.path().join("catalogs/fal.toml"), "price = 0.40 }", "price = 0.40 ");
    changed(&mut app, &mut shell, dir.path().join("catalogs/fal.toml"));
    let error = app.files.error.clone().expect("a banner");
    assert!(error.headline.contains("catalogs/fal.toml:28:1:"), "{}", error.headline);
    assert_eq!(app.bill.totals.per_video, d("3.014"));
    edit(dir.path().join("catalogs/fal.toml"), "price = 0.40 ", "price = 0.40 }");
    changed(&mut app, &mut shell, dir.path().join("catalogs/fal.toml"));
    assert!(app.files.error.is_none(), "the banner clears when the file is fixed");
}

#[test]
fn a_scenario_edit_keeps_the_users_tweaks() {
    let (dir, mut app, mut shell) = workspace();
    app.update(Action::SetParam(Param::named("frames"), "80".into()));
    edit(dir.path().join("scenarios/atve.toml"), "scenes = 4 ", "scenes = 6 ");
    edit(dir.path().join("scenarios/atve.toml"), "frames = 100", "frames = 90 ");
    changed(&mut app, &mut shell, dir.path().join("scenarios/atve.toml"));
    assert_eq!((app.params.scenes, app.params.frames), (6, 80));
    assert!(message(&app).ends_with("kept your frames"), "{}", message(&app));
}

#[test]
fn a_reload_the_current_parameters_cannot_price_is_refused() {
    let (dir, mut app, mut shell) = workspace();
    edit(
        dir.path().join("catalogs/fal.toml"),
        "limits = { max_frames = 100 }",
        "limits = { max_frames = 90 }",
    );
    changed(&mut app, &mut shell, dir.path().join("catalogs/fal.toml"));
    let error = app.files.error.clone().expect("a banner");
    assert!(error.headline.contains("100 frames is above"), "{}", error.headline);
    assert_eq!(app.params.frames, 100);
}

#[test]
fn undo_and_redo_walk_the_changes() {
    let (_dir, mut app, _shell) = workspace();
    app.update(Action::SetParam(Param::named("frames"), "80".into()));
    app.update(Action::SetParam(Param::named("scenes"), "5".into()));
    app.update(Action::Undo);
    assert_eq!((app.params.scenes, app.params.frames), (4, 80));
    app.update(Action::Undo);
    assert_eq!(app.params.frames, 100);
    app.update(Action::Undo);
    assert_eq!(message(&app), "Nothing to undo");
    app.update(Action::Redo);
    app.update(Action::Redo);
    assert_eq!((app.params.scenes, app.params.frames), (5, 80));
    app.update(Action::SetParam(Param::named("scenes"), "7".into()));
    app.update(Action::Redo);
    assert_eq!(message(&app), "Nothing to redo", "a new change ends the redo history");
}

#[test]
fn saving_asks_the_loop_and_prompts_on_a_conflict() {
    let (_dir, mut app, _shell) = workspace();
    assert_eq!(app.update(Action::Save), None, "nothing to save yet");
    app.update(Action::SetParam(Param::named("frames"), "80".into()));
    assert_eq!(
        app.update(Action::Save),
        Some(Effect::Save {
            force: false,
            links: Links::Ask
        })
    );
    app.update(Action::SaveConflict);
    assert_eq!(app.mode, Mode::Conflict);
    assert_eq!(
        app.update(Action::Overwrite),
        Some(Effect::Save {
            force: true,
            links: Links::Ask
        })
    );
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
    app.update(Action::SetParam(Param::named("frames"), "80".into()));
    assert_eq!(app.update(Action::Save), None);
    assert!(message(&app).contains("reelcost init"), "{}", message(&app));
}

fn key(c: char) -> Event {
    Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
}

fn keys(app: &mut App, shell: &mut Loop, events: impl IntoIterator<Item = Event>) -> Flow {
    shell.process(app, events)
}

#[test]
fn keys_in_a_burst_of_file_events_apply_before_the_one_reload() {
    let (dir, mut app, mut shell) = workspace();
    app.update(Action::Select(Param::named("frames")));
    edit(dir.path().join("scenarios/atve.toml"), "scenes = 4 ", "scenes = 6 ");
    let scenario = dir.path().join("scenarios/atve.toml");
    let flow = keys(
        &mut app,
        &mut shell,
        [
            Event::FilesChanged(vec![scenario.clone()]),
            Event::Key(KeyEvent::new(KeyCode::Left, KeyModifiers::NONE)),
            Event::FilesChanged(vec![scenario]),
        ],
    );
    assert_eq!(flow, Flow::Continue);
    assert_eq!((app.params.scenes, app.params.frames), (6, 99));
    assert_eq!(message(&app), "scenario reloaded 12:00:00");
}

#[test]
fn a_change_to_another_file_reloads_nothing() {
    let (dir, mut app, mut shell) = workspace();
    let other = dir.path().join("scenarios/notes.txt");
    fs::write(&other, "hello").unwrap();
    changed(&mut app, &mut shell, other);
    assert_eq!(app.message, None);
}

#[test]
fn s_saves_through_the_shell_and_the_save_causes_no_reload() {
    let (dir, mut app, mut shell) = workspace();
    app.update(Action::SetParam(Param::named("frames"), "80".into()));
    assert_eq!(keys(&mut app, &mut shell, [key('s')]), Flow::Continue);
    let path = dir.path().join("scenarios/atve.toml");
    assert!(
        message(&app).starts_with("Saved ") && message(&app).ends_with(" at 12:00:00"),
        "{}",
        message(&app)
    );
    assert!(fs::read_to_string(&path).unwrap().contains("frames = 80 "));
    assert_eq!(
        app.project.scenario.params.frames, 80,
        "the file's values are the saved ones"
    );
    changed(&mut app, &mut shell, path);
    assert!(
        message(&app).starts_with("Saved "),
        "its own save is not a change: {}",
        message(&app)
    );
}

#[test]
fn a_scenario_changed_on_disk_asks_before_it_is_overwritten() {
    let (dir, mut app, mut shell) = workspace();
    let path = dir.path().join("scenarios/atve.toml");
    app.update(Action::SetParam(Param::named("frames"), "80".into()));
    edit(path.clone(), "scenes = 4 ", "scenes = 5 ");
    keys(&mut app, &mut shell, [key('s')]);
    assert_eq!(app.mode, Mode::Conflict);
    assert!(
        fs::read_to_string(&path).unwrap().contains("scenes = 5 "),
        "nothing written yet"
    );
    keys(&mut app, &mut shell, [key('o')]);
    assert_eq!(app.mode, Mode::Normal);
    assert!(fs::read_to_string(&path).unwrap().contains("frames = 80 "));
}

#[test]
fn save_as_writes_a_new_file_that_prices_from_the_same_catalogs() {
    let (dir, mut app, mut shell) = workspace();
    app.update(Action::SetParam(Param::named("frames"), "80".into()));
    let name = dir.path().join("elsewhere/tuned");
    fs::create_dir(dir.path().join("elsewhere")).unwrap();
    let mut events = vec![key('S')];
    events.extend(name.display().to_string().chars().map(key));
    events.push(Event::Key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)));
    keys(&mut app, &mut shell, events);
    let saved = name.with_extension("toml");
    assert!(
        message(&app).starts_with(&format!("Saved {}", saved.display())),
        "{}",
        message(&app)
    );
    let reopened = Live::open(ScenarioSource::File(saved), None).unwrap();
    assert_eq!(reopened.project.scenario.params.frames, 80);
    assert_eq!(shell.live().project.scenario.params.frames, 80);
}

#[test]
fn q_quits_through_the_shell() {
    let (_dir, mut app, mut shell) = workspace();
    assert_eq!(keys(&mut app, &mut shell, [key('q')]), Flow::Quit);
    assert_eq!(keys(&mut app, &mut shell, [Event::Stop]), Flow::Quit);
}

fn status(app: &App) -> String {
    app.shown.status.iter().map(|(t, _)| t.as_str()).collect()
}

#[test]
fn a_read_only_scenario_is_refused_with_the_reason_and_save_as_is_offered() {
    use std::os::unix::fs::PermissionsExt;
    let (dir, mut app, mut shell) = workspace();
    let path = dir.path().join("scenarios/atve.toml");
    let before = fs::read_to_string(&path).unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o444)).unwrap();
    app.update(Action::SetParam(Param::named("frames"), "80".into()));
    keys(&mut app, &mut shell, [key('s')]);
    assert_eq!(app.mode, Mode::ReadOnly("r--r--r--".into()));
    assert_eq!(fs::read_to_string(&path).unwrap(), before, "nothing written");
    assert!(
        status(&app).contains("atve.toml is read-only (r--r--r--): not saved. a save as · c cancel"),
        "{}",
        status(&app)
    );
    keys(&mut app, &mut shell, [key('a')]);
    assert_eq!(app.mode, Mode::Naming(String::new()));
}

/// The scenario with a second name, `other.toml`, for the same file.
fn hard_linked() -> (tempfile::TempDir, App, Loop, PathBuf, PathBuf) {
    let (dir, mut app, shell) = workspace();
    let path = dir.path().join("scenarios/atve.toml");
    let other = dir.path().join("scenarios/other.toml");
    fs::hard_link(&path, &other).unwrap();
    app.update(Action::SetParam(Param::named("frames"), "80".into()));
    (dir, app, shell, path, other)
}

#[test]
fn a_hard_linked_scenario_asks_before_it_is_saved() {
    use std::os::unix::fs::MetadataExt;
    let (_dir, mut app, mut shell, path, other) = hard_linked();
    let before = fs::read_to_string(&path).unwrap();
    keys(&mut app, &mut shell, [key('s')]);
    assert_eq!(app.mode, Mode::Linked { names: 2, force: false });
    assert!(
        status(&app).contains("has 2 names (hard links): w write all · r this name only"),
        "{}",
        status(&app)
    );
    assert_eq!(fs::read_to_string(&path).unwrap(), before, "nothing written yet");
    keys(&mut app, &mut shell, [key('c')]);
    assert_eq!(app.mode, Mode::Normal);
    assert_eq!(fs::metadata(&other).unwrap().nlink(), 2, "cancel keeps the link");
}

#[test]
fn writing_through_a_hard_link_changes_every_name() {
    use std::os::unix::fs::MetadataExt;
    let (_dir, mut app, mut shell, path, other) = hard_linked();
    keys(&mut app, &mut shell, [key('s'), key('w')]);
    assert!(message(&app).starts_with("Saved "), "{}", message(&app));
    assert!(fs::read_to_string(&other).unwrap().contains("frames = 80 "));
    assert_eq!(fs::metadata(&path).unwrap().ino(), fs::metadata(&other).unwrap().ino());
}

#[test]
fn replacing_one_name_of_a_hard_link_leaves_the_other_as_it_was() {
    use std::os::unix::fs::MetadataExt;
    let (_dir, mut app, mut shell, path, other) = hard_linked();
    let before = fs::read_to_string(&other).unwrap();
    keys(&mut app, &mut shell, [key('s'), key('r')]);
    assert!(message(&app).starts_with("Saved "), "{}", message(&app));
    assert!(fs::read_to_string(&path).unwrap().contains("frames = 80 "));
    assert_eq!(fs::read_to_string(&other).unwrap(), before);
    assert_eq!(fs::metadata(&other).unwrap().nlink(), 1);
}

#[test]
fn a_crlf_scenario_with_a_bom_keeps_both_and_changes_one_line() {
    let dir = support::copy_of_atve();
    let path = dir.path().join("scenarios/atve.toml");
    let lf = fs::read_to_string(&path).unwrap();
    let crlf = format!("\u{feff}{}", lf.replace('\n', "\r\n"));
    fs::write(&path, &crlf).unwrap();
    let live = Live::open(ScenarioSource::File(path.clone()), None).unwrap();
    let mut app = App::new(live.project.clone(), Theme::plain()).unwrap();
    let mut shell = Loop::new(live);
    app.update(Action::SetParam(Param::named("frames"), "80".into()));
    // A key the file does not have yet is a new line, written the file's way too.
    app.update(Action::ChooseModel("kling/o3/text-to-video".into()));
    keys(&mut app, &mut shell, [key('s')]);
    assert!(message(&app).starts_with("Saved "), "{}", message(&app));
    let saved = fs::read_to_string(&path).unwrap();
    assert!(saved.starts_with('\u{feff}'), "the byte-order mark is kept");
    let (old, new): (Vec<&str>, Vec<&str>) = (
        crlf.split_inclusive('\n').collect(),
        saved.split_inclusive('\n').collect(),
    );
    assert!(new.iter().all(|l| l.ends_with("\r\n")), "every line ends in CRLF");
    let gone: Vec<&&str> = old.iter().filter(|l| !new.contains(l)).collect();
    let added: Vec<&&str> = new.iter().filter(|l| !old.contains(l)).collect();
    assert_eq!(gone.len(), 1, "{gone:?}");
    assert!(gone[0].starts_with("frames = 100 "));
    assert_eq!(added.len(), 2, "{added:?}");
    assert!(added[0].starts_with("frames = 80 "));
    assert_eq!(*added[1], "video_model = \"kling/o3/text-to-video\"\r\n");
    // Its own save is not a change on disk: no reload, no conflict on the next save.
    changed(&mut app, &mut shell, path);
    assert!(message(&app).starts_with("Saved "), "{}", message(&app));
    app.update(Action::SetParam(Param::named("frames"), "70".into()));
    keys(&mut app, &mut shell, [key('s')]);
    assert_eq!(app.mode, Mode::Normal, "no conflict: {}", message(&app));
}

#[test]
fn keys_are_answered_while_the_files_are_read_off_the_ui_thread() {
    let (dir, mut app, mut shell) = workspace();
    let screen = Rect::new(0, 0, 120, 40);
    edit(
        dir.path().join("catalogs/fal.toml"),
        "{ resolution = \"720p\", price = 0.40 }",
        "{ resolution = \"720p\", price = 0.32 }",
    );
    let fal = dir.path().join("catalogs/fal.toml");
    // The file event hands the files to the reader and returns at once.
    let flow = shell.shell.process(&mut app, [Event::FilesChanged(vec![fal])], screen);
    assert_eq!(flow, Flow::Continue);
    assert!(shell.shell.is_reading());
    assert!(
        app.shown.title.1.starts_with("reading the files…"),
        "{:?}",
        app.shown.title
    );
    // A key and a save while the reader has the files: the key applies now, the save waits.
    app.update(Action::Select(Param::named("frames")));
    let left = Event::Key(KeyEvent::new(KeyCode::Left, KeyModifiers::NONE));
    shell.shell.process(&mut app, [left, key('s')], screen);
    assert_eq!(app.params.frames, 99);
    assert!(
        shell.shell.is_reading(),
        "nothing is taken back until the reader answers"
    );
    let scenario = dir.path().join("scenarios/atve.toml");
    assert!(
        fs::read_to_string(&scenario).unwrap().contains("frames = 100 "),
        "the save waits"
    );
    // The answer: priced again at 99 frames, which the key chose after the read began.
    shell.process(&mut app, []);
    assert!(!shell.shell.is_reading());
    assert!(!app.shown.title.1.starts_with("reading"), "{:?}", app.shown.title);
    let wan = app
        .bill
        .lines
        .iter()
        .find(|l| &*l.model.id == "fal-ai/wan-i2v")
        .unwrap();
    assert_eq!(
        (app.params.frames, wan.unit_price),
        (99, d("0.40")),
        "0.32 x1.25 above 81 frames"
    );
    assert!(
        fs::read_to_string(&scenario).unwrap().contains("frames = 99 "),
        "then the save is made"
    );
    assert!(message(&app).starts_with("Saved "), "{}", message(&app));
}

/// The reader prices a reload once, and that bill is the one shown: `update` swaps it in
/// without evaluating the project again. (A bill priced at other parameters makes that visible.)
#[test]
fn update_shows_the_bill_the_reader_priced_without_evaluating_again() {
    use reelcost::engine::evaluate;
    use reelcost::tui::action::{Loaded, Reload};
    let (_dir, mut app, shell) = workspace();
    let project = shell.live().project.clone();
    let mut eighty = app.params.clone();
    eighty.frames = 80;
    let bill = evaluate(&project.scenario, &project.catalogs, &eighty).unwrap();
    app.update(Action::Reloaded(Box::new(Reload {
        project: Loaded(Box::new(project)),
        params: app.params.clone(),
        kept: Vec::new(),
        bill,
        summary: "fal.toml changed".into(),
        catalog_files: 8,
        scenario_changed: false,
        time: "12:00:00".into(),
        at: std::time::Instant::now(),
    })));
    assert_eq!(
        app.bill.totals.per_video,
        d("2.614"),
        "the handed bill, not a new evaluation at 100 frames"
    );
}
