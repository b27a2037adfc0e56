//! Presentation mode drawn on a TestBackend: each page at 80x24, 120x35 and 200x60, the figures
//! growing with the screen, the Price & margin tile of a scenario that sells, the high-contrast
//! theme, and nothing cut without a marker at 80x24.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "support/screen.rs"]
mod support;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::Color;
use reelcost::tui::{Action, App, Param, ui};
use support::{open, screen};

const SIZES: [(u16, u16); 3] = [(80, 24), (120, 35), (200, 60)];

fn frames_80_presented() -> Vec<Action> {
    vec![
        Action::Select(Param::named("frames")),
        Action::SetParam(Param::named("frames"), "80".to_owned()),
        Action::TogglePresentation,
    ]
}

/// Snapshots a screen at the three sizes, and returns them.
fn snapshot(name: &str, app: &App) -> Vec<String> {
    SIZES
        .iter()
        .map(|&(width, height)| {
            let text = screen(app, width, height);
            insta::assert_snapshot!(format!("{name}_{width}x{height}"), text);
            text
        })
        .collect()
}

/// Rows with any block of a big digit or a bar in them.
fn inked_rows(text: &str) -> usize {
    text.lines().filter(|l| l.contains(['█', '▀', '▄'])).count()
}

#[test]
fn the_headline_page_at_three_sizes() {
    let app = open("scenarios/atve.toml", frames_80_presented());
    let screens = snapshot("present_headline", &app);
    for text in &screens {
        for label in [
            "Cost per video",
            "Per generated second",
            "Per finished second",
            "Per month",
        ] {
            assert!(text.contains(label) || text.contains("Per gen"), "{label}:\n{text}");
        }
        assert!(text.contains("-$0.40 (-13.3%)"), "{text}");
        // No key footer: the footer's words are gone, and so is the idle hint on parameters.
        assert!(!text.contains("q quit"), "{text}");
        assert!(!text.contains("Frames: ←/→"), "{text}");
        assert!(text.contains("1/3 Headline"), "{text}");
    }
}

#[test]
fn the_figures_grow_with_the_screen_and_fill_it() {
    let app = open("scenarios/atve.toml", frames_80_presented());
    let mut inked = Vec::new();
    for (width, height) in [(120, 35), (160, 48), (200, 60)] {
        let text = screen(&app, width, height);
        let blank = text.lines().filter(|l| l.trim().is_empty()).count();
        // The old view left a third of the screen empty.
        assert!(
            blank * 4 < usize::from(height),
            "{blank} blank rows at {width}x{height}:\n{text}"
        );
        inked.push(inked_rows(&text));
    }
    assert!(inked.windows(2).all(|w| w[0] < w[1]), "{inked:?}");
    // The cost per video is drawn larger than the 3-row dashboard digits at every size.
    assert!(inked[0] > 4 * 3, "{inked:?}");
}

#[test]
fn a_scenario_that_sells_shows_the_price_and_margin_tile() {
    let app = open("scenarios/natak-premium-video.toml", [Action::TogglePresentation]);
    for text in snapshot("present_margin", &app) {
        assert!(text.contains("Price & margin"), "{text}");
        assert!(text.contains("Margin $0.0370 · 4.9%"), "{text}");
        assert!(text.contains("target 50% · needs $1.43"), "{text}");
    }
}

#[test]
fn the_share_page() {
    let mut actions = frames_80_presented();
    actions.push(Action::TurnPage(1));
    let app = open("scenarios/atve.toml", actions);
    let screens = snapshot("present_share", &app);
    for text in &screens {
        assert!(text.contains("Share of the bill"), "{text}");
        assert!(text.contains("2/3 Share of the bill"), "{text}");
        assert!(text.contains("Animated clip"), "{text}");
    }
    // 80x24 holds 9 lines of bill only with the last counted: nothing is cut without a marker.
    let small = &screens[0];
    assert!(small.contains("Scene brief") || small.contains("more line"), "{small}");
    // The large screen gives every line a thicker bar.
    assert!(inked_rows(&screens[2]) > inked_rows(&screens[1]), "{}", screens[2]);
}

#[test]
fn the_chart_page() {
    let mut actions = frames_80_presented();
    actions.extend([Action::TurnPage(1), Action::TurnPage(1)]);
    let app = open("scenarios/atve.toml", actions);
    for text in snapshot("present_chart", &app) {
        assert!(text.contains("by frames") || text.contains("By frames"), "{text}");
        assert!(text.contains("3/3 Chart"), "{text}");
    }
}

#[test]
fn the_compare_page_with_two_scenarios_open() {
    let mut app = open("scenarios/atve.toml", []);
    let other = reelcost::project::load(
        &reelcost::project::ScenarioSource::File("scenarios/kling-o3.toml".into()),
        None,
    )
    .unwrap();
    app.open_others(vec![other]);
    for action in [Action::TogglePresentation, Action::TurnPage(-1)] {
        app.update(action);
    }
    let text = screen(&app, 120, 35);
    insta::assert_snapshot!("present_compare_120x35", text);
    assert!(text.contains("4/4 Compare"), "{text}");
    assert!(text.contains("Scenarios side by side"), "{text}");
    // Each scenario's cost per video in large digits over the table, its change against the first
    // under it; on a small screen, in plain figures.
    assert!(text.contains("per video, -$1.76 against the first"), "{text}");
    assert!(text.contains("████████"), "{text}");
    let small = screen(&app, 80, 24);
    assert!(small.contains("$3.01") && small.contains("$1.25"), "{small}");
    assert!(small.contains("Scenarios side by side"), "{small}");
}

#[test]
fn the_high_contrast_theme_paints_every_cell() {
    let mut actions = frames_80_presented();
    actions.push(Action::ToggleContrast);
    let app = open("scenarios/atve.toml", actions.clone());
    assert!(app.theme.high_contrast);
    // The dashboard and its help in the same theme.
    actions.extend([Action::TogglePresentation, Action::ToggleHelp]);
    let help = open("scenarios/atve.toml", actions);
    for ((width, height), app) in SIZES.into_iter().flat_map(|s| [(s, &app), (s, &help)]) {
        let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
        terminal.draw(|frame| ui::render(frame, app)).unwrap();
        let buffer = terminal.backend().buffer();
        // Black under everything but the keys' and the title's reversed cells; no dark grey.
        let grey = buffer.content().iter().filter(|c| c.fg == Color::DarkGray).count();
        let unpainted = buffer.content().iter().filter(|c| c.bg == Color::Reset).count();
        assert_eq!((grey, unpainted), (0, 0), "{width}x{height}");
    }
}
