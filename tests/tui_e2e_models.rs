//! The real binary in tmux: type a filter into the clip model list and watch it narrow, keep it,
//! and see a stale price marked on the date the test sets.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "support/tmux.rs"]
mod tmux;

use tmux::{Tmux, require_tmux, wait_for_exit};

/// The number before `word` in the clip model panel's title: ` · 61 fit` or ` · 4 of 61 match`.
fn count_before(screen: &str, word: &str) -> usize {
    let title = screen
        .lines()
        .find_map(|l| l.split("Clip model · ").nth(1))
        .unwrap_or_else(|| panic!("no clip model panel:\n{screen}"));
    let head = title.split(word).next().unwrap();
    head.split_whitespace().next().unwrap().parse().unwrap()
}

#[test]
fn typing_a_filter_narrows_the_clip_model_list() {
    require_tmux();
    let dir = tempfile::tempdir().unwrap();
    let exit_file = dir.path().join("exit");
    let command = format!(
        "cd '{}' && REELCOST_TODAY=2026-11-22 '{}'; echo EXIT:$? > '{}'",
        env!("CARGO_MANIFEST_DIR"),
        env!("CARGO_BIN_EXE_reelcost"),
        exit_file.display()
    );
    let tmux = Tmux::start(140, 45, &command);
    let screen = tmux.wait_for_all(&["$3.0140", " fit · m/M swap", "/ filter"]);
    let all = count_before(&screen, " fit");

    tmux.send(&["/"]);
    tmux.wait_for("Filter models:");
    tmux.send(&["-l", "wavespeed"]);
    let screen = tmux.wait_for_all(&["Filter models: wavespeed", " match · m/M swap", "⚠ stale"]);
    let matched = count_before(&screen, " of ");
    assert!(matched > 0 && matched < all, "{matched} of {all}:\n{screen}");
    assert!(screen.contains("Wavespeed AI · "), "a provider heading:\n{screen}");

    // Enter keeps the filter and puts its top match on the clip step.
    tmux.send(&["Enter"]);
    let screen = tmux.wait_for("Clip model fal-ai/wan-i2v → wavespeed-ai/");
    assert!(screen.contains("/wavespeed"), "{screen}");

    // Esc clears the filter; the whole list is back.
    tmux.send(&["Escape"]);
    let screen = tmux.wait_for(" fit · m/M swap");
    assert_eq!(count_before(&screen, " fit"), all, "{screen}");

    tmux.send(&["q"]);
    tmux.wait_for("Unsaved changes");
    tmux.send(&["d"]);
    assert_eq!(wait_for_exit(&exit_file), "EXIT:0\n");
}
