//! The real binary in tmux for the what-if analyses: the chart follows the selected parameter
//! (a curve against frames with its cliff, bars for the resolutions), the tornado, the band in
//! the headline, and goal seek applied and undone.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "support/tmux.rs"]
mod tmux;

use tmux::{dashboard_on_a_copy, tmux_or_skip, wait_for_exit};

#[test]
fn the_chart_follows_the_selection_and_goal_seek_applies_an_undoable_value() {
    assert!(tmux_or_skip());
    let (_dir, tmux, exit_file) = dashboard_on_a_copy("scenarios/atve.toml");
    tmux.wait_for("$3.0140");
    tmux.send(&["j"]);
    tmux.wait_for("Cost per finished second by frames");
    tmux.wait_for_all(&["now 100: $0.1884 · 1 price cliff", "50"]);
    tmux.send(&["c"]);
    tmux.wait_for("Cost per video by frames");
    tmux.send(&["c", "j", "j"]);
    // The bars with their figures, not only the title: the frame may be drawn mid-way.
    tmux.wait_for_all(&["by resolution", "480p", "$0.1259"]);

    // Videos per character: the amortisation chart; goal seek $0.15 a finished second.
    tmux.send(&["j", "j", "j"]);
    tmux.wait_for("Amortisation: cost per finished second by videos per character");
    tmux.send(&["g"]);
    tmux.wait_for("Goal seek Videos per character:");
    tmux.send(&["-l", "per_finished_second=0.15"]);
    tmux.send(&["Enter"]);
    tmux.wait_for_all(&["videos_per_character = 23 gives per_finished_second", "23  was 5"]);
    tmux.send(&["u"]);
    tmux.wait_for("Undone");

    // The tornado in the chart's place, the scenes first.
    tmux.send(&["t"]);
    tmux.wait_for_all(&["Sensitivity: cost per video", "scenes"]);
    tmux.send(&["t"]);
    tmux.wait_for("Amortisation");
    tmux.send(&["q"]);
    assert_eq!(wait_for_exit(&exit_file), "EXIT:0\n");
}

#[test]
fn ranged_inputs_show_a_band_beside_the_headline() {
    assert!(tmux_or_skip());
    let (_dir, tmux, exit_file) = dashboard_on_a_copy("scenarios/atve-all-in.toml");
    tmux.wait_for_all(&["P10-P90 $3.30-3.35", "P10-P90 $0.2064-0.2093"]);
    tmux.send(&["q"]);
    assert_eq!(wait_for_exit(&exit_file), "EXIT:0\n");
}

#[test]
fn two_scenarios_switch_compare_and_keep_their_own_tweaks() {
    assert!(tmux_or_skip());
    let (_dir, tmux, exit_file) = dashboard_on_a_copy("scenarios/kling-o3.toml scenarios/kling-o1.toml");
    tmux.wait_for_all(&["1 of 2 · changes vs the file's values", "Kling O3"]);
    // Two scenes on O3, then O1 in front, untouched; back to O3, its tweak kept.
    tmux.send(&["l"]);
    tmux.wait_for("Scenes 1 → 2");
    tmux.send(&["n"]);
    let screen = tmux.wait_for("Scenario 2 of 2: Kling O1");
    assert!(!screen.contains("was 1"), "{screen}");
    tmux.send(&["v"]);
    tmux.wait_for_all(&["Scenarios side by side", "$2.50", "▶ Kling O1"]);
    tmux.send(&["v", "B"]);
    tmux.wait_for("changes vs Kling O3");
    tmux.send(&["n"]);
    tmux.wait_for_all(&["Scenario 1 of 2: Kling O3", "2  was 1"]);
    tmux.send(&["q"]);
    tmux.wait_for("Unsaved changes to scenarios/kling-o3.toml");
    tmux.send(&["d"]);
    assert_eq!(wait_for_exit(&exit_file), "EXIT:0\n");
}

#[test]
fn the_picker_opens_a_second_scenario_to_switch_to_and_compare() {
    assert!(tmux_or_skip());
    let (_dir, tmux, exit_file) = dashboard_on_a_copy("scenarios/atve.toml");
    tmux.wait_for("$3.0140");
    tmux.send(&["o"]);
    tmux.wait_for_all(&["Open a scenario · scenarios and built-in", "▶ atve-all-in.toml"]);
    tmux.send(&["-l", "o3"]);
    tmux.wait_for_all(&["filter: o3", "▶ kling-o3.toml", "kling-o3 (built-in)"]);
    tmux.send(&["Enter"]);
    // Read off the UI thread, then in front of atve.
    tmux.wait_for_all(&["Scenario 2 of 2: Kling O3", "2 of 2 · changes vs the file's values"]);
    tmux.send(&["n"]);
    tmux.wait_for_all(&["Scenario 1 of 2: atve cartoon video", "$3.0140"]);
    tmux.send(&["v"]);
    tmux.wait_for_all(&[
        "Scenarios side by side",
        "▶ atve cartoon video",
        "Kling O3, 10 s at 1080p with audio",
        "$1.25 (-$1.76)",
    ]);
    tmux.send(&["q"]);
    assert_eq!(wait_for_exit(&exit_file), "EXIT:0\n");
}
