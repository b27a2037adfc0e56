//! The real binary in tmux, opening on a catalog that takes seconds to read: the terminal answers
//! at once, says what is being read, and `q` quits before the read is done.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "support/large.rs"]
mod large;
#[path = "support/tmux.rs"]
mod tmux;

use std::process::Command;

use tmux::{Tmux, require_tmux, wait_for_exit};

#[test]
fn a_large_catalog_shows_what_is_read_and_q_quits_before_it_is_done() {
    require_tmux();
    let dir = tempfile::tempdir().unwrap();
    let init = Command::new(env!("CARGO_BIN_EXE_reelcost"))
        .args(["init", "."])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(init.status.success());
    // Tens of megabytes take this build seconds to read.
    let large = large::large_catalog(24 << 20);
    std::fs::write(dir.path().join("catalogs/generated.toml"), large).unwrap();
    let exit_file = dir.path().join("exit");
    let command = format!(
        "cd '{}' && '{}' --catalogs catalogs; echo EXIT:$? > '{}'",
        dir.path().display(),
        env!("CARGO_BIN_EXE_reelcost"),
        exit_file.display()
    );
    let tmux = Tmux::start(140, 45, &command);
    let screen = tmux.wait_for_all(&["Reading", "with the catalogs in catalogs…", "q quit"]);
    assert!(!screen.contains("Cost per video"), "{screen}");
    tmux.send(&["q"]);
    assert_eq!(
        wait_for_exit(&exit_file),
        "EXIT:0\n",
        "quit while the catalogs were read"
    );
}
