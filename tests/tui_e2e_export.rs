//! The real binary in tmux: take Frames from 100 to 80, press `e`, accept the directory it
//! offers beside the scenario, and find the workbook, the CSV, the memo and the charts on disk
//! with the figures at frames 80, as the engine prices them. Then presentation mode: its pages,
//! its hint fading, and `--theme high-contrast`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "support/tmux.rs"]
mod tmux;

use reelcost::engine::evaluate;
use reelcost::export::chart::{money_label, places};
use reelcost::format::number::plain;
use reelcost::project::{self, ScenarioSource};
use tmux::{dashboard_on_a_copy, require_tmux, wait_for_exit};

#[test]
fn e_exports_the_tweaked_figures_in_the_real_dashboard() {
    require_tmux();
    let (dir, tmux, exit_file) = dashboard_on_a_copy("");
    tmux.wait_for("$3.0140");
    tmux.send(&["j"]);
    tmux.wait_for("Frames: ←/→");
    tmux.send(&["Enter"]);
    tmux.wait_for("Frames =");
    tmux.send(&["8", "0", "Enter"]);
    tmux.wait_for("$2.61");

    tmux.send(&["e"]);
    tmux.wait_for("Export to: scenarios/atve-export");
    tmux.send(&["Enter"]);
    let screen = tmux.wait_for("Exported to scenarios/atve-export/");
    for name in ["atve.xlsx", "atve.csv", "memo.md", "share.svg"] {
        assert!(screen.contains(name), "{name}:\n{screen}");
    }

    // What is on disk is the dashboard's state: frames 80, priced by the engine.
    let out = dir.path().join("scenarios/atve-export");
    let loaded = project::load(&ScenarioSource::File(dir.path().join("scenarios/atve.toml")), None).unwrap();
    let mut params = loaded.scenario.params.clone();
    params.set("frames", "80").unwrap();
    let bill = evaluate(&loaded.scenario, &loaded.catalogs, &params).unwrap();
    let file = evaluate(&loaded.scenario, &loaded.catalogs, &loaded.scenario.params).unwrap();
    assert_ne!(bill.totals.per_video, file.totals.per_video);
    let csv = std::fs::read_to_string(out.join("atve.csv")).unwrap();
    let per_video = format!("per_video,{},USD", plain(bill.totals.per_video));
    assert!(csv.lines().any(|l| l == per_video), "{per_video} not in\n{csv}");
    let memo = std::fs::read_to_string(out.join("memo.md")).unwrap();
    assert!(memo.contains("| `frames` | 80 |"), "{memo}");
    let shown = money_label(bill.totals.per_video, &bill.currency, places(bill.totals.per_video));
    assert!(memo.contains(&format!("**{shown}**")), "{shown} not in\n{memo}");
    let xlsx = std::fs::read(out.join("atve.xlsx")).unwrap();
    assert!(xlsx.starts_with(b"PK"), "a zip archive, as a workbook is");
    for chart in ["share.svg", "amortisation.svg"] {
        let svg = std::fs::read_to_string(out.join(chart)).unwrap();
        assert!(svg.contains("<svg"), "{chart}");
    }

    // A directory that cannot be made is a message, and the dashboard goes on.
    tmux.send(&["e"]);
    tmux.wait_for("Export to:");
    // Under the CSV just written, a file: no directory can be made there.
    tmux.send(&["-l", "/atve.csv/x"]);
    tmux.send(&["Enter"]);
    tmux.wait_for("Not exported:");
    tmux.send(&["j"]);
    tmux.wait_for("Frame rate: ←/→");

    tmux.send(&["q"]);
    tmux.wait_for("Unsaved changes");
    tmux.send(&["d"]);
    assert_eq!(wait_for_exit(&exit_file), "EXIT:0\n");
}

#[test]
fn presentation_pages_and_the_fading_hint_in_the_real_dashboard() {
    require_tmux();
    let (_dir, tmux, exit_file) = dashboard_on_a_copy("--theme high-contrast");
    tmux.wait_for("$3.0140");
    // The projector's theme from the start: black under the text, and no dark grey.
    let coloured = tmux.run(&["capture-pane", "-e", "-p", "-t", &tmux.name]);
    let coloured = String::from_utf8_lossy(&coloured.stdout);
    assert!(coloured.contains("\u{1b}[48;5;0m"), "{coloured}");
    assert!(!coloured.contains("\u{1b}[38;5;8m"), "{coloured}");
    tmux.send(&["p"]);
    tmux.wait_for_all(&["1/3 Headline", "←→ page · C contrast · p leave"]);
    // The hint fades on its own after a few seconds; the page marker stays.
    tmux.wait_until_gone("C contrast");
    tmux.send(&["Right"]);
    tmux.wait_for_all(&["2/3 Share of the bill", "Animated clip"]);
    tmux.send(&["Right"]);
    tmux.wait_for("3/3 Chart");
    tmux.send(&["Right"]);
    tmux.wait_for("1/3 Headline");
    tmux.send(&["Escape"]);
    tmux.wait_for("Parameters");
    tmux.send(&["q"]);
    assert_eq!(wait_for_exit(&exit_file), "EXIT:0\n");
}

#[test]
fn an_unknown_theme_is_refused_with_the_ones_there_are() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_reelcost"))
        .args(["--theme", "neon", "atve"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("[possible values: default, high-contrast]"), "{stderr}");
}
