//! The real binary in tmux, opening on a catalog that takes seconds to read: the terminal answers
//! at once, says what is being read, and `q` quits before the read is done.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "support/large.rs"]
mod large;
#[path = "support/tmux.rs"]
mod tmux;

use tmux::{dashboard_in, initialised_copy, require_tmux, wait_for_exit};

#[test]
fn a_large_catalog_shows_what_is_read_and_q_quits_before_it_is_done() {
    require_tmux();
    let dir = initialised_copy();
    // Tens of megabytes take this build seconds to read.
    let large = large::large_catalog(24 << 20);
    std::fs::write(dir.path().join("catalogs/generated.toml"), large).unwrap();
    let (tmux, exit_file) = dashboard_in(dir.path(), "--catalogs catalogs");
    let screen = tmux.wait_for_all(&["Reading", "with the catalogs in catalogs…", "q quit"]);
    assert!(!screen.contains("Cost per video"), "{screen}");
    tmux.send(&["q"]);
    assert_eq!(
        wait_for_exit(&exit_file),
        "EXIT:0\n",
        "quit while the catalogs were read"
    );
}
