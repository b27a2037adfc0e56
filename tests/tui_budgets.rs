//! Budgets in the dashboard's status area: each of the scenario's `[[budget]]` entries, and
//! those given with `--budget`, pass or fail with its headroom, following every change.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "support/screen.rs"]
mod support_screen;

use reelcost::engine::whatif::parse_budget;
use reelcost::tui::theme::Tone;
use reelcost::tui::{Action, App, Param};
use support_screen::{open, screen};

const BUDGETS: &str = "tests/fixtures/budgets/atve-budgets.toml";

fn budgets(app: &App) -> Vec<(String, Tone)> {
    app.shown
        .budgets
        .full
        .iter()
        .map(|(t, tone)| (t.trim().to_owned(), *tone))
        .collect()
}

#[test]
fn each_budget_shows_pass_or_fail_with_its_headroom() {
    let app = open(BUDGETS, []);
    // $3.05 - $3.014 = $0.036 to spare; $0.1884 - $0.18 = $0.0084 over (3.014 / 16 s = 0.188375).
    assert_eq!(
        budgets(&app),
        [
            ("✓ per_video ≤ $3.0500 · headroom $0.0360".to_owned(), Tone::Cheaper),
            (
                "✗ per_finished_second ≤ $0.1800 · over by $0.0084".to_owned(),
                Tone::Error
            ),
        ]
    );
    let wide = screen(&app, 120, 40);
    assert!(
        wide.contains("✗ per_finished_second ≤ $0.1800 · over by $0.0084"),
        "{wide}"
    );
    insta::assert_snapshot!("budgets_120x40", wide);
    // A narrow screen signs the headroom in place of the limit.
    let narrow = screen(&app, 80, 24);
    assert!(
        narrow.contains("✓ per_video +$0.0360  ✗ per_finished_second -$0.0084"),
        "{narrow}"
    );
    insta::assert_snapshot!("budgets_80x24", narrow);
}

#[test]
fn budgets_follow_the_parameters() {
    // 10 videos per character in place of 5: two characters' $1.975 setup costs
    // 2 x $1.975 x (1/5 - 1/10) = $0.395 less a video, $2.619; per finished second $2.619 / 16 s
    // = $0.1636875, $0.0163 under $0.18.
    let mut app = open(
        BUDGETS,
        [Action::SetParam(Param::named("videos_per_character"), "10".into())],
    );
    assert_eq!(
        budgets(&app),
        [
            ("✓ per_video ≤ $3.0500 · headroom $0.4310".to_owned(), Tone::Cheaper),
            (
                "✓ per_finished_second ≤ $0.1800 · headroom $0.0163".to_owned(),
                Tone::Cheaper
            ),
        ]
    );
    // Two more scenes: 2 x $0.5558 more per video, over $3.05.
    app.update(Action::SetParam(Param::named("scenes"), "6".into()));
    let shown = budgets(&app);
    assert_eq!(shown[0].1, Tone::Error, "{shown:?}");
    assert!(
        shown[0].0.starts_with("✗ per_video ≤ $3.0500 · over by $0.6806"),
        "{shown:?}"
    );
    app.update(Action::Undo);
    assert_eq!(budgets(&app)[0].1, Tone::Cheaper);
}

#[test]
fn budgets_given_on_the_command_line_hold_beside_the_scenarios_own() {
    let mut app = open("scenarios/atve.toml", []);
    assert!(app.shown.budgets.full.is_empty(), "atve has no budgets");
    app.give_budgets(vec![parse_budget("per_video<=3.00").unwrap()]);
    assert_eq!(
        budgets(&app),
        [("✗ per_video ≤ $3.0000 · over by $0.0140".to_owned(), Tone::Error)]
    );
    // A margin with nothing sold cannot be checked: the status says where the budget is.
    app.give_budgets(vec![parse_budget("margin_share>=0.5").unwrap()]);
    let shown = budgets(&app);
    assert_eq!(shown.len(), 1);
    assert_eq!(shown[0].1, Tone::Error);
    assert!(
        shown[0].0.contains("--budget margin_share >= 0.5") && shown[0].0.contains("margin_share has no value"),
        "{shown:?}"
    );
}
