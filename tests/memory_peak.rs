//! The heap the dashboard takes on a large catalog, counted by an allocator that keeps the peak:
//! at most five times the catalog's size, from reading it to showing its models ranked. While a
//! changed catalog is read again, the last good state is kept until the new one is known to be
//! valid: then both versions are the input, and the bound is five times the two together.
//! BENCHMARKS.md section 8c measures the resident size on a 63 MB catalog with the real binary;
//! this counts what the program asks for, which no allocator's rounding or timing moves.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "support/large.rs"]
mod large;
mod support;

use std::io::Write;
use std::sync::mpsc::channel;
use std::time::Duration;

use peak_alloc::PeakAlloc;
use reelcost::live::Live;
use reelcost::project::ScenarioSource;
use reelcost::tui::shell::{Flow, Shell};
use reelcost::tui::{App, Event, Theme};

#[global_allocator]
static HEAP: PeakAlloc = PeakAlloc;

#[test]
fn the_dashboard_s_heap_stays_under_five_times_a_large_catalog() {
    let dir = support::copy_of_atve();
    let path = dir.path().join("catalogs/generated.toml");
    let size = {
        let text = large::large_catalog(8 << 20);
        std::fs::write(&path, &text).unwrap();
        text.len()
    };
    let before = HEAP.current_usage();
    HEAP.reset_peak_usage();

    let source = ScenarioSource::File(dir.path().join("scenarios/atve.toml"));
    let live = Live::open(source, None).unwrap();
    let mut app = App::new(live.project.clone(), Theme::plain()).unwrap();
    let (sender, events) = channel();
    let mut shell = Shell::new(live, sender);
    let mut settle = |app: &mut App, batch: Vec<Event>| {
        let screen = ratatui::layout::Rect::new(0, 0, 140, 45);
        assert_eq!(shell.process(app, batch, screen), Flow::Continue);
        while shell.is_reading() || app.analysis.alternatives_behind {
            // Bounded only so that a broken reader or worker cannot hang the suite.
            let answer = events.recv_timeout(Duration::from_secs(300)).expect("an answer");
            assert_eq!(shell.process(app, [answer], screen), Flow::Continue);
        }
    };
    settle(&mut app, Vec::new());
    let ranked = app.analysis.alternatives.len();
    assert!(ranked > 30_000, "the generated models are ranked: {ranked}");
    let peak = HEAP.peak_usage().saturating_sub(before);
    eprintln!("catalog {size} bytes; heap peak {peak} ({:.2}x)", ratio(peak, size));
    assert!(
        peak <= 5 * size,
        "heap peak {peak} bytes is over 5x the catalog's {size}"
    );

    // One more model: the catalog is read again beside the one in use, then replaces it.
    let extra = "\n[[model]]\nid = \"generated/extra\"\nkind = \"video\"\nunit = \"clip\"\nprice = 0.1\n";
    std::fs::OpenOptions::new()
        .append(true)
        .open(&path)
        .unwrap()
        .write_all(extra.as_bytes())
        .unwrap();
    let both = size + size + extra.len();
    HEAP.reset_peak_usage();
    settle(&mut app, vec![Event::FilesChanged(vec![path])]);
    assert_eq!(app.analysis.alternatives.len(), ranked + 1, "the new model is ranked");
    let peak = HEAP.peak_usage().saturating_sub(before);
    let held = HEAP.current_usage().saturating_sub(before);
    eprintln!(
        "reload: heap peak {peak} ({:.2}x both versions), then held {held}",
        ratio(peak, both)
    );
    assert!(
        peak <= 5 * both,
        "heap peak {peak} bytes is over 5x the two versions' {both}"
    );
    assert!(held <= 5 * size, "the old catalog is let go: {held} bytes held");
}

fn ratio(part: usize, whole: usize) -> f64 {
    part as f64 / whole as f64
}
