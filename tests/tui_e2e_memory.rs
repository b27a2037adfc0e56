//! The real binary in tmux: a dashboard whose catalog directory holds a large catalog gives the
//! memory back to the system once that catalog is removed and the reload has run.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "support/large.rs"]
mod large;
#[path = "support/tmux.rs"]
mod tmux;

use std::thread::sleep;
use std::time::{Duration, Instant};

use tmux::{DEADLINE, Tmux, initialised_copy, require_tmux};

/// A figure in KB from `/proc/PID/status`, such as `VmRSS` or `VmHWM`.
fn status_kb(pid: u32, field: &str) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    let line = status
        .lines()
        .find(|l| l.starts_with(&format!("{field}:")))
        .unwrap_or_else(|| panic!("no {field} in /proc/{pid}/status"));
    line.split_whitespace().nth(1).unwrap().parse().unwrap()
}

/// The dashboard's process: the pane's own, as its shell `exec`s the dashboard.
fn dashboard_pid(tmux: &Tmux) -> u32 {
    let out = tmux.run(&["display-message", "-p", "-t", &tmux.name, "#{pane_pid}"]);
    let pid = String::from_utf8_lossy(&out.stdout).trim().parse().unwrap();
    let name = std::fs::read_to_string(format!("/proc/{pid}/comm")).unwrap();
    assert_eq!(name.trim(), "reelcost", "the pane runs the dashboard itself");
    pid
}

#[test]
fn memory_goes_back_to_the_system_after_a_large_catalog_is_removed() {
    require_tmux();
    let dir = initialised_copy();
    let large = dir.path().join("catalogs/generated.toml");
    std::fs::write(&large, large::large_catalog(8 << 20)).unwrap();
    let command = format!(
        "cd '{}' && exec '{}'",
        dir.path().display(),
        env!("CARGO_BIN_EXE_reelcost")
    );
    let tmux = Tmux::start(140, 45, &command);
    tmux.wait_for_all(&["$3.0140", "Cost per video"]);
    let pid = dashboard_pid(&tmux);
    let peak = status_kb(pid, "VmHWM");

    std::fs::remove_file(&large).unwrap();
    tmux.wait_for("generated.toml removed");
    // The allocator hands pages back on its own schedule (seconds): poll, bounded only against
    // a hang. The system allocator kept about two thirds of the peak for good.
    let start = Instant::now();
    loop {
        let resident = status_kb(pid, "VmRSS");
        if resident < peak / 2 {
            break;
        }
        assert!(
            start.elapsed() < DEADLINE,
            "{resident} KB still resident {DEADLINE:?} after the catalog went, against a peak of {peak} KB"
        );
        sleep(Duration::from_millis(200));
    }
}
