//! The dashboard's view model: `update` formats what the panels show once per change, render
//! only draws it, and every key hint on screen comes from the one key table.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::time::{Duration, Instant};

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use reelcost::project::{self, ScenarioSource};
use reelcost::tui::theme::Tone;
use reelcost::tui::view_model::{Column, ModelRow, ViewModel};
use reelcost::tui::{Action, App, Param, Theme, ui};

fn atve() -> App {
    let project = project::load(&ScenarioSource::File("scenarios/atve.toml".into()), None).unwrap();
    App::new(project, Theme::plain()).unwrap()
}

fn screen(app: &App) -> String {
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    terminal.draw(|frame| ui::render(frame, app)).unwrap();
    let buffer = terminal.backend().buffer();
    (0..40)
        .map(|y| (0..120).map(|x| buffer[(x, y)].symbol()).collect::<String>() + "\n")
        .collect()
}

#[test]
fn render_draws_the_view_model_and_computes_no_text_of_its_own() {
    let mut app = atve();
    app.shown.status = vec![(" STATUS-FROM-THE-MODEL".to_owned(), Tone::Info)];
    app.shown.breakdown.rows[0].cells[Column::Label.index()].0 = "ROW-FROM-THE-MODEL".to_owned();
    app.shown.notes.lines = vec![vec![("NOTE-FROM-THE-MODEL".to_owned(), Tone::Dim)]];
    app.shown.figures[0].change.0 = "CHANGE-VM".to_owned();
    app.shown.params.rows[0].value = "PARAM-FROM-THE-MODEL".to_owned();
    for row in &mut app.shown.models.rows {
        if let ModelRow::Model { cost, .. } = row {
            *cost = "$7.77".to_owned();
        }
    }
    let text = screen(&app);
    for wanted in [
        "STATUS-FROM-THE-MODEL",
        "ROW-FROM-THE-MODEL",
        "NOTE-FROM-THE-MODEL",
        "PARAM-FROM-THE-MODEL",
        "CHANGE-VM",
        "$7.77",
    ] {
        assert!(text.contains(wanted), "`{wanted}` is not on screen:\n{text}");
    }
}

#[test]
fn update_rebuilds_the_view_model_once_per_change_and_not_on_an_idle_tick() {
    let mut app = atve();
    let marker = vec![("MARKER".to_owned(), Tone::Dim)];
    app.shown.status.clone_from(&marker);
    app.update(Action::Tick(Instant::now()));
    assert_eq!(
        app.shown.status, marker,
        "a tick with nothing to fade reformats nothing"
    );
    app.update(Action::SetParam(Param::named("frames"), "80".into()));
    assert_ne!(app.shown.status, marker);
    let fresh = ViewModel::of(&app);
    assert_eq!(app.shown.breakdown, fresh.breakdown);
    assert_eq!(app.shown.status, fresh.status);
    assert_eq!(app.shown.notes, fresh.notes);
    assert!(
        app.shown.breakdown.rows[0].cells[Column::Rule.index()].1,
        "the clip line's rule changed"
    );
    // A highlight that fades is a change on screen.
    app.files.flash_until = Some(Instant::now());
    app.shown.status.clone_from(&marker);
    app.update(Action::Tick(Instant::now() + Duration::from_secs(1)));
    assert_ne!(app.shown.status, marker);
}

/// Key names as the screen writes them; they belong in src/tui/keys.rs's table only.
const KEY_WORDS: [&str; 8] = ["Ctrl+", "Shift+", "Esc", "Enter", "←/→", "↑↓", "←→", "↑/↓"];

/// String literals of a Rust source file, outside comments.
fn literals(source: &str) -> Vec<String> {
    let mut found = Vec::new();
    for line in source.lines() {
        let code = line.trim_start();
        if code.starts_with("//") {
            continue;
        }
        let mut parts = code.split('"');
        parts.next();
        while let Some(literal) = parts.next() {
            found.push(literal.to_owned());
            parts.next();
        }
    }
    found
}

#[test]
fn no_key_hint_is_written_outside_the_key_table() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/tui");
    let mut files = vec![root.clone()];
    let mut offending = Vec::new();
    while let Some(path) = files.pop() {
        if path.is_dir() {
            files.extend(std::fs::read_dir(&path).unwrap().map(|e| e.unwrap().path()));
            continue;
        }
        if path.ends_with("keys.rs") || path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let source = std::fs::read_to_string(&path).unwrap();
        for literal in literals(&source) {
            if KEY_WORDS.iter().any(|k| literal.contains(k)) {
                offending.push(format!("{}: \"{literal}\"", path.display()));
            }
        }
    }
    assert!(offending.is_empty(), "key hints outside the key table: {offending:#?}");
}

#[test]
fn the_hints_follow_the_table() {
    let app = atve();
    assert_eq!(app.shown.params.hint, " ↑↓ select · ←→ change · Enter type ");
    assert_eq!(app.shown.models.title, " Clip model · 61 fit · m/M swap ");
    assert!(app.shown.models.hint.contains("/ filter"), "{}", app.shown.models.hint);
    assert!(
        app.shown.status[0]
            .0
            .contains("Scenes: ←/→ ±1, Shift ±10 · Enter types a value"),
        "{:?}",
        app.shown.status
    );
}

#[test]
fn a_chart_of_costs_near_the_largest_decimal_is_written_out_without_overflowing() {
    use reelcost::tui::sweep::Shape;
    use reelcost::tui::view_model::ChartText;
    use rust_decimal::Decimal;

    let mut app = atve();
    app.analysis.chart.shape = Shape::Bars(vec![
        ("480p".to_owned(), Some(Decimal::MAX), false),
        ("720p".to_owned(), Some(Decimal::ONE), true),
    ]);
    let text = ChartText::of(&app);
    assert_eq!(text.bars.len(), 2);
    assert_eq!(text.bars[0].2, 0, "a bar too tall to count is drawn empty, not a panic");
    assert_eq!(text.bars[1].2, 10_000);
}

#[test]
fn a_parameter_near_the_largest_decimal_is_charted_without_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string("scenarios/atve.toml").unwrap();
    let text = text
        .replacen(
            "[parameters]\n",
            "[parameters]\nhuge = \"79000000000000000000000000000\"\n",
            1,
        )
        .replacen(
            "count = \"style_options\"",
            "count = \"style_options + huge - huge\"",
            1,
        );
    let path = dir.path().join("atve.toml");
    std::fs::write(&path, text).unwrap();
    let catalogs = Path::new(env!("CARGO_MANIFEST_DIR")).join("catalogs");
    let project = project::load(&ScenarioSource::File(path), Some(&catalogs)).unwrap();
    let mut app = App::new(project, Theme::plain()).unwrap();
    app.update(Action::Select(Param::named("huge")));
    assert_eq!(app.selected, Param::named("huge"));
    let shown = screen(&app);
    assert!(shown.contains("Huge cannot move from here."), "{shown}");
    // Stepping it past the largest number is refused with a reason, not a panic.
    for _ in 0..3 {
        app.update(Action::Step(10));
    }
    screen(&app);
}

#[test]
fn a_scenario_without_a_name_is_named_by_its_file_once_in_the_title() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bare.toml");
    std::fs::write(
        &path,
        "[parameters]\nscenes = 2\n\n[[scene]]\nmodel = \"fal-ai/flux-pro/kontext\"\n",
    )
    .unwrap();
    let catalogs = Path::new(env!("CARGO_MANIFEST_DIR")).join("catalogs");
    let project = project::load(&ScenarioSource::File(path.clone()), Some(&catalogs)).unwrap();
    let app = App::new(project, Theme::plain()).unwrap();
    let shown = screen(&app);
    let first = shown.lines().next().unwrap();
    assert_eq!(first.matches("bare.toml").count(), 1, "{first}");
}
