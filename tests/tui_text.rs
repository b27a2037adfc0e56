//! Text on the dashboard: a bill in its own currency, and file text with control characters shown
//! escaped (ratatui would otherwise drop them without a trace), drawn on ratatui's TestBackend.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "support/screen.rs"]
mod screen;

use reelcost::engine::{Diagnostics, SourceFile, load_scenario};
use reelcost::tui::{Action, App, Param, View};
use screen::screen;

fn open(path: &str) -> App {
    screen::open(path, [])
}

#[test]
fn a_euro_bill_shows_euros_on_the_dashboard() {
    let mut app = open("tests/fixtures/euro/scenario.toml");
    let main = screen(&app, 120, 40);
    assert!(main.contains('€'), "{main}");
    assert!(!main.contains('$'), "no dollar on a euro bill:\n{main}");
    insta::assert_snapshot!("euro_120x40", main);

    // Messages, the cliff panel and presentation mode speak euros too.
    app.update(Action::Select(Param::named("frames")));
    app.update(Action::StartEditing);
    for c in "80".chars() {
        app.update(Action::InputChar(c));
    }
    app.update(Action::ApplyInput);
    let changed = screen(&app, 120, 40);
    assert!(changed.contains("€1.05 → €0.85 per video"), "{changed}");
    assert!(!changed.contains('$'), "{changed}");
    app.update(Action::Undo);
    let cliffs = screen(&app, 120, 40);
    assert!(cliffs.contains("80 frames (5 s): -€0.20 per video"), "{cliffs}");
    app.view = View::Presentation;
    let present = screen(&app, 120, 40);
    assert!(present.contains('€') && !present.contains('$'), "{present}");
}

#[test]
fn file_text_shows_its_control_characters_escaped() {
    let app = open("tests/fixtures/hostile/scenario.toml");
    let shown = screen(&app, 200, 45);
    for visible in [
        "Hostile \\u{1b}]0;pwned\\u{7} scenario\\r",
        "Clip \\u{1b}]52;c;cm0gLXJmIH4=\\u{7}|=cmd",
        "evil/clip\\u{1b}[2J",
        "720p\\u{7} $0.40/clip",
        "quote\\u{9b}31m",
        // The parameters panel: the resolution and the clip model.
        "Resolution           720p\\u{7}",
        "Clip model (m)       evil/clip\\u{1b}[2J",
    ] {
        assert!(shown.contains(visible), "the dashboard lacks {visible}:\n{shown}");
    }
}

#[test]
fn a_broken_file_shows_its_line_escaped_and_cut() {
    let mut app = open("tests/fixtures/euro/scenario.toml");
    let line = format!("name = \"\u{1b}]0;pwned\u{7}{}\" oops", "a".repeat(70_000));
    let file = SourceFile::new("broken.toml", line);
    let errors: Diagnostics = load_scenario(&file).expect_err("a broken scenario");
    app.update(Action::ReloadFailed {
        errors,
        time: "12:00".into(),
    });
    let shown = screen(&app, 120, 40);
    let banner: Vec<&str> = shown
        .lines()
        .filter(|l| l.contains("broken.toml") || l.contains("| "))
        .collect();
    assert!(shown.contains("broken.toml:1:70021:"), "{shown}");
    assert!(
        banner.iter().any(|l| l.contains("   | …aaaa") && l.contains("\" oops")),
        "a window around the column, marked as cut:\n{shown}"
    );

    let mut app = open("tests/fixtures/euro/scenario.toml");
    let file = SourceFile::new("raw.toml", "name = \"\u{1b}]0;pwned\u{7}\"\n");
    let errors: Diagnostics = load_scenario(&file).expect_err("raw control characters");
    app.update(Action::ReloadFailed {
        errors,
        time: "12:00".into(),
    });
    let shown = screen(&app, 120, 40);
    assert!(shown.contains("   | name = \"\\u{1b}]0;pwned\\u{7}\""), "{shown}");
}
