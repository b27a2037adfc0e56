//! Live files on a temporary directory: edits, renames over, truncation, deletion and recreation
//! of catalog files, with the reloaded bill or the kept last-good state and its error.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::fs;
use std::path::PathBuf;
use std::sync::mpsc;
use std::time::Duration;

use reelcost::engine::{Params, evaluate};
use reelcost::live::{FileWatcher, Live, Reload};
use reelcost::project::ScenarioSource;
use reelcost::save;
use rust_decimal::Decimal;

struct Workspace {
    dir: tempfile::TempDir,
}

impl Workspace {
    fn new() -> Self {
        Self {
            dir: support::copy_of_atve(),
        }
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    fn open(&self) -> Live {
        Live::open(ScenarioSource::File(self.path("scenarios/atve.toml")), None).unwrap()
    }

    /// Saves the way vim and most editors do: a new file renamed over the old one.
    fn save_by_rename(&self, rel: &str, text: &str) {
        let temp = self.path(&format!("{rel}.swp"));
        fs::write(&temp, text).unwrap();
        fs::rename(temp, self.path(rel)).unwrap();
    }

    fn edit(&self, rel: &str, from: &str, to: &str) {
        let text = fs::read_to_string(self.path(rel)).unwrap();
        assert!(text.contains(from), "{rel} has no {from}");
        self.save_by_rename(rel, &text.replacen(from, to, 1));
    }
}

fn per_video(live: &Live) -> Decimal {
    let p = &live.project;
    evaluate(&p.scenario, &p.catalogs, &p.scenario.params)
        .unwrap()
        .totals
        .per_video
}

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

const WAN_720P: &str = "{ resolution = \"720p\", price = 0.40 }";

#[test]
fn a_price_edit_renamed_over_the_catalog_reloads() {
    let ws = Workspace::new();
    let mut live = ws.open();
    assert_eq!(per_video(&live), d("3.014"));
    ws.edit("catalogs/fal.toml", WAN_720P, "{ resolution = \"720p\", price = 0.32 }");
    let Reload::Reloaded(changes) = live.reload(Live::evaluates(None)) else {
        panic!("expected a reload")
    };
    assert_eq!(changes.summary(), "fal.toml changed");
    assert_eq!(changes.catalog_files, reelcost::builtin::CATALOGS.len());
    // 4 clips x $0.32 x 1.25 = $1.60, down from $2.00.
    assert_eq!(per_video(&live), d("2.614"));
    assert!(
        matches!(live.reload(Live::evaluates(None)), Reload::Unchanged),
        "a duplicate event reloads nothing"
    );
}

#[test]
fn an_invalid_edit_keeps_the_last_good_state_until_it_is_fixed() {
    let ws = Workspace::new();
    let mut live = ws.open();
    ws.edit("catalogs/fal.toml", WAN_720P, "{ resolution = \"720p\", price = 0.40 ");
    let Reload::Failed(errors) = live.reload(Live::evaluates(None)) else {
        panic!("expected an error")
    };
    let first = &errors.0[0];
    assert!(first.path.ends_with("catalogs/fal.toml"), "{first}");
    // The parser notices the unclosed table at the array's closing bracket.
    assert_eq!(first.position, Some((28, 1)), "{first}");
    assert!(first.message.contains("invalid inline table"), "{first}");
    assert_eq!(
        per_video(&live),
        d("3.014"),
        "still computing with the last good catalogs"
    );
    assert!(live.error.is_some());

    ws.edit("catalogs/fal.toml", "price = 0.40 ,", "price = 0.40 },");
    assert!(matches!(live.reload(Live::evaluates(None)), Reload::Reloaded(_)));
    assert!(live.error.is_none(), "the error clears itself when the file is fixed");
}

#[test]
fn an_empty_file_mid_save_is_named_as_such() {
    let ws = Workspace::new();
    let mut live = ws.open();
    fs::write(ws.path("catalogs/kling.toml"), "").unwrap();
    let Reload::Failed(errors) = live.reload(Live::evaluates(None)) else {
        panic!("expected an error")
    };
    assert!(
        errors.to_string().contains("kling.toml: is empty (caught mid-save?)"),
        "{errors}"
    );
    assert_eq!(per_video(&live), d("3.014"));
}

#[test]
fn a_deleted_catalog_the_scenario_needs_is_reported_and_its_return_recovers() {
    let ws = Workspace::new();
    let mut live = ws.open();
    let text = fs::read_to_string(ws.path("catalogs/fal.toml")).unwrap();
    fs::remove_file(ws.path("catalogs/fal.toml")).unwrap();
    let outcome = live.reload(Live::evaluates(None));
    let Reload::Failed(errors) = outcome else {
        panic!("expected an error, got {outcome:?}")
    };
    let message = errors.to_string();
    assert!(
        message.contains("no catalog prices the model `fal-ai/flux-pro/kontext/multi`"),
        "{message}"
    );
    assert!(message.contains("fal.toml: was removed or renamed"), "{message}");
    assert_eq!(per_video(&live), d("3.014"));
    fs::write(ws.path("catalogs/fal.toml"), text).unwrap();
    assert!(matches!(live.reload(Live::evaluates(None)), Reload::Reloaded(_)));
}

#[test]
fn a_replaced_catalog_says_which_model_it_no_longer_defines() {
    let ws = Workspace::new();
    let mut live = ws.open();
    let other = "provider = \"fal\"\ncurrency = \"USD\"\n\n[[model]]\nid = \"fal-ai/other\"\nkind = \"image\"\nunit = \"image\"\nprice = 0.01\n";
    ws.save_by_rename("catalogs/fal.toml", other);
    let Reload::Failed(errors) = live.reload(Live::evaluates(None)) else {
        panic!("expected an error")
    };
    let first = errors.0[0].to_string();
    assert!(
        first.contains("fal.toml: was changed or replaced and no longer defines `fal-ai/flux-lora-fast-training`, `fal-ai/flux-pro/kontext`"),
        "{errors}"
    );
    assert!(first.contains("(it now defines 1 model)"), "{errors}");
    assert_eq!(per_video(&live), d("3.014"));
}

#[test]
fn a_new_catalog_file_is_picked_up() {
    let ws = Workspace::new();
    let mut live = ws.open();
    fs::write(ws.path("catalogs/new.toml"), "provider = \"New\"\ncurrency = \"USD\"\n\n[[model]]\nid = \"new/video\"\nkind = \"video\"\nunit = \"second\"\nprice = 0.01\n").unwrap();
    let Reload::Reloaded(changes) = live.reload(Live::evaluates(None)) else {
        panic!("expected a reload")
    };
    assert_eq!(changes.summary(), "new.toml added");
    assert!(live.project.catalogs.model("new/video").is_some());
}

#[test]
fn a_catalog_directory_that_disappears_and_comes_back() {
    let ws = Workspace::new();
    let mut live = ws.open();
    fs::rename(ws.path("catalogs"), ws.path("catalogs.away")).unwrap();
    let Reload::Failed(errors) = live.reload(Live::evaluates(None)) else {
        panic!("expected an error")
    };
    assert!(
        errors.to_string().contains("cannot read the catalog directory"),
        "{errors}"
    );
    fs::rename(ws.path("catalogs.away"), ws.path("catalogs")).unwrap();
    assert!(matches!(live.reload(Live::evaluates(None)), Reload::Reloaded(_)));
    assert_eq!(per_video(&live), d("3.014"));
}

#[test]
fn a_saved_scenario_changes_one_line_and_causes_no_reload() {
    let ws = Workspace::new();
    let mut live = ws.open();
    let path = ws.path("scenarios/atve.toml");
    let before = fs::read_to_string(&path).unwrap();
    let file_params = live.project.scenario.params.clone();
    let mut params: Params = file_params.clone();
    params.set("frames", "80").unwrap();
    let text = save::save_params(&path, &before, &file_params, &params).unwrap();
    live.saved(&text);
    let after = fs::read_to_string(&path).unwrap();
    let changed: Vec<_> = before.lines().zip(after.lines()).filter(|(a, b)| a != b).collect();
    assert_eq!(changed.len(), 1);
    assert!(changed[0].1.starts_with("frames = 80 "));
    assert_eq!(before.lines().count(), after.lines().count());
    assert!(
        matches!(live.reload(Live::evaluates(None)), Reload::Unchanged),
        "reelcost's own write causes no reload"
    );
}

#[test]
fn the_watcher_reports_a_rename_over_in_the_catalog_directory() {
    let ws = Workspace::new();
    let live = ws.open();
    let (tx, rx) = mpsc::channel();
    let _watcher = FileWatcher::start(&live.watch_dirs(), move |paths| {
        let _ = tx.send(paths);
    })
    .unwrap();
    ws.edit("catalogs/fal.toml", WAN_720P, "{ resolution = \"720p\", price = 0.30 }");
    wait_for_event(&rx, |p| live.concerns(p) && p.ends_with("fal.toml"));
}

#[test]
fn a_permission_change_alone_is_noticed_and_ends_an_unreadable_file_error() {
    use std::os::unix::fs::PermissionsExt;
    let ws = Workspace::new();
    let mut live = ws.open();
    let (tx, rx) = mpsc::channel();
    let _watcher = FileWatcher::start(&live.watch_dirs(), move |paths| {
        let _ = tx.send(paths);
    })
    .unwrap();
    let fal = ws.path("catalogs/fal.toml");
    fs::set_permissions(&fal, fs::Permissions::from_mode(0o000)).unwrap();
    // Where permissions bind (not for root), the file cannot be read now.
    let enforced = fs::File::open(&fal).is_err();
    if enforced {
        let Reload::Failed(errors) = live.reload(Live::evaluates(None)) else {
            panic!("expected an error for an unreadable catalog")
        };
        assert!(errors.to_string().contains("fal.toml: permission denied"), "{errors}");
    }
    while rx.try_recv().is_ok() {}
    // Readable again: no byte of it changed, only its mode, and that must reach the reload.
    fs::set_permissions(&fal, fs::Permissions::from_mode(0o644)).unwrap();
    wait_for_event(&rx, |p| live.concerns(p) && p.ends_with("fal.toml"));
    let outcome = live.reload(Live::evaluates(None));
    assert!(
        matches!(outcome, Reload::Reloaded(_) | Reload::Unchanged) && live.error.is_none(),
        "{outcome:?}"
    );
    assert_eq!(enforced, matches!(outcome, Reload::Reloaded(_)), "{outcome:?}");
}

/// Waits for a change event naming a path that `wanted` accepts. The deadline only bounds a
/// hang: the wait ends as soon as the event comes, however busy the machine is.
fn wait_for_event(rx: &mpsc::Receiver<Vec<PathBuf>>, wanted: impl Fn(&std::path::Path) -> bool) {
    let deadline = std::time::Instant::now() + Duration::from_secs(180);
    loop {
        let left = deadline.saturating_duration_since(std::time::Instant::now());
        let paths = rx.recv_timeout(left).expect("the change event");
        if paths.iter().any(|p| wanted(p)) {
            return;
        }
    }
}

#[test]
fn watching_follows_a_catalog_directory_deleted_and_made_again() {
    let ws = Workspace::new();
    let live = ws.open();
    let (tx, rx) = mpsc::channel();
    let notify = move |paths| {
        let _ = tx.send(paths);
    };
    let mut watching = reelcost::live::Watching::default();
    assert!(watching.keep_up(&live, notify.clone()));
    let saved: Vec<(PathBuf, Vec<u8>)> = fs::read_dir(ws.path("catalogs"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| (p.clone(), fs::read(&p).unwrap()))
        .collect();
    fs::remove_dir_all(ws.path("catalogs")).unwrap();
    assert!(watching.keep_up(&live, notify.clone()));
    fs::create_dir(ws.path("catalogs")).unwrap();
    for (path, bytes) in &saved {
        fs::write(path, bytes).unwrap();
    }
    // The new directory is a new inode: only a fresh watch sees files made inside it. A name
    // never used before tells its event from any late event about the files written above.
    assert!(watching.keep_up(&live, notify));
    fs::write(
        ws.path("catalogs/probe.toml"),
        "provider = \"Probe\"\ncurrency = \"USD\"\n",
    )
    .unwrap();
    wait_for_event(&rx, |p| p.ends_with("probe.toml"));
}
