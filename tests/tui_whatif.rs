//! The dashboard's what-if analyses through `update`, with no terminal: the chart follows the
//! selected parameter, the tornado, the uncertainty band, and goal seek applied as an undoable
//! change.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::str::FromStr;

use reelcost::engine::evaluate;
use reelcost::project::{self, ScenarioSource};
use reelcost::tui::sweep::{Metric, Shape};
use reelcost::tui::{Action, App, Param, Theme};
use rust_decimal::Decimal;

fn d(text: &str) -> Decimal {
    Decimal::from_str(text).unwrap()
}

fn open(path: &str) -> App {
    let project = project::load(&ScenarioSource::File(path.into()), None).unwrap();
    App::new(project, Theme::plain()).unwrap()
}

fn message(app: &App) -> String {
    app.message.as_ref().map(|m| m.text.clone()).unwrap_or_default()
}

fn seek(app: &mut App, param: &str, target: &str) {
    app.update(Action::Select(Param::named(param)));
    app.update(Action::StartGoalSeek);
    for c in target.chars() {
        app.update(Action::InputChar(c));
    }
    app.update(Action::ApplyInput);
}

#[test]
fn the_chart_follows_the_selected_parameter() {
    let mut app = open("scenarios/atve.toml");
    app.update(Action::Select(Param::named("frames")));
    let chart = &app.analysis.chart;
    assert_eq!(
        (chart.name.as_str(), chart.metric),
        ("frames", Metric::PerFinishedSecond)
    );
    let Shape::Line(line) = &chart.shape else {
        panic!("{chart:?}")
    };
    // 100 frames now: $3.014 / 16 finished seconds = $0.188375.
    assert_eq!(line.current, (d("100"), Some(d("0.188375"))));
    // WAN's x1.25 above 81 frames is a cliff between 80 and 82 on the sweep's grid of two.
    assert!(line.cliffs.iter().any(|c| c.0 == d("82")), "{:?}", line.cliffs);
    assert!(app.shown.chart.title.contains("by frames"), "{}", app.shown.chart.title);

    app.update(Action::Select(Param::named("resolution")));
    let Shape::Bars(bars) = &app.analysis.chart.shape else {
        panic!()
    };
    let names: Vec<&str> = bars.iter().map(|b| b.0.as_str()).collect();
    assert_eq!(names, ["480p", "720p"]);
    assert_eq!(bars[1], ("720p".to_owned(), Some(d("0.188375")), true));

    app.update(Action::Select(Param::named("videos_per_character")));
    assert!(
        app.shown.chart.title.contains("Amortisation"),
        "{}",
        app.shown.chart.title
    );
    app.update(Action::ToggleChartMetric);
    let Shape::Line(line) = &app.analysis.chart.shape else {
        panic!()
    };
    assert_eq!(line.current, (d("5"), Some(d("3.014"))), "per video after the toggle");

    // The chart moves with the parameters: augmentations 35 -> 0 lowers the whole curve.
    let before = line.points.clone();
    app.update(Action::SetParam(Param::named("augmentations"), "0".into()));
    app.update(Action::Select(Param::named("videos_per_character")));
    let Shape::Line(line) = &app.analysis.chart.shape else {
        panic!()
    };
    assert!(line.points.iter().zip(&before).all(|(now, then)| now.1 < then.1));
    assert!(!line.baseline.is_empty(), "the file's curve stays behind it");
}

#[test]
fn the_tornado_ranks_every_input_by_its_swing() {
    let mut app = open("scenarios/atve.toml");
    assert!(app.analysis.tornado.is_empty(), "made only while shown");
    app.update(Action::ToggleTornado);
    let tornado = &app.analysis.tornado;
    assert!(tornado.len() > 3, "{tornado:?}");
    assert!(tornado.windows(2).all(|w| w[0].swing >= w[1].swing));
    assert_eq!(tornado[0].name, "scenes");
    assert!(
        tornado.iter().any(|s| s.name.starts_with("fal-ai/wan-i2v")),
        "prices too"
    );
    assert_eq!(app.shown.tornado.rows[0].name, "scenes");
    assert_eq!(
        app.shown.tornado.rows[0].reach.0.max(app.shown.tornado.rows[0].reach.1),
        1.0
    );
    app.update(Action::ToggleTornado);
    assert!(app.analysis.tornado.is_empty());
}

#[test]
fn ranges_give_the_headline_its_p10_p90_band() {
    let app = open("scenarios/atve-all-in.toml");
    let band = app.analysis.band.as_ref().expect("atve all in has ranged inputs");
    assert!(band.per_video.low <= band.per_video.p10 && band.per_video.p90 <= band.per_video.high);
    let shown = app.shown.figures[0].band.clone().expect("the cost per video shows it");
    assert!(shown.starts_with("P10-P90 $"), "{shown}");
    assert!(app.shown.figures[1].band.is_none(), "per generated second has none");
    assert!(open("scenarios/atve.toml").analysis.band.is_none(), "no range, no band");
}

#[test]
fn goal_seek_on_videos_per_character_meets_the_per_second_target_and_undoes() {
    let mut app = open("scenarios/atve.toml");
    seek(&mut app, "videos_per_character", "per_finished_second=0.15");
    let found = app.params.videos_per_character;
    let at = |n: u32, app: &App| {
        let mut p = app.params.clone();
        p.set("videos_per_character", &n.to_string()).unwrap();
        let bill = evaluate(&app.project.scenario, &app.project.catalogs, &p).unwrap();
        bill.totals.per_finished_second.unwrap()
    };
    // The first whole number that meets it: it does, and one fewer does not.
    assert!(at(found, &app) <= d("0.15"), "{found}");
    assert!(at(found - 1, &app) > d("0.15"), "{found}");
    assert!(
        message(&app).contains(&format!("videos_per_character = {found}")),
        "{}",
        message(&app)
    );
    app.update(Action::Undo);
    assert_eq!(app.params.videos_per_character, 5);
}

#[test]
fn goal_seek_says_when_a_target_is_out_of_reach_or_not_a_total() {
    let mut app = open("scenarios/atve.toml");
    seek(&mut app, "scenes", "per_video=0.01");
    assert!(app.message.as_ref().unwrap().error);
    assert!(
        message(&app).contains("no value of scenes reaches"),
        "{}",
        message(&app)
    );
    // The closest value is applied, and undo takes it back.
    assert_eq!(app.params.scenes, 1);
    app.update(Action::Undo);
    assert_eq!(app.params.scenes, 4);

    seek(&mut app, "scenes", "cost=3");
    assert!(message(&app).starts_with("Goal seek: "), "{}", message(&app));
    assert!(app.message.as_ref().unwrap().error);
    assert_eq!(app.params.scenes, 4);

    app.update(Action::Select(Param::named("resolution")));
    app.update(Action::StartGoalSeek);
    assert_eq!(app.mode, reelcost::tui::Mode::Normal, "a choice is not sought");
}

#[test]
fn goal_seek_on_credits_meets_a_50_percent_margin() {
    let mut app = open("scenarios/natak-premium-video.toml");
    seek(&mut app, "credits", "margin_share=50%");
    // $0.713 a video at the Starter pack's $0.05 a credit, half of it margin:
    // 0.713 / 0.5 / 0.05 = 28.52 credits.
    assert_eq!(app.params.sale.credits, Some(d("28.52")));
    let sale = app.bill.totals.sale.as_ref().unwrap();
    assert!(sale.margin_share.unwrap() >= d("0.5"), "{sale:?}");
    app.update(Action::Undo);
    assert_eq!(app.params.sale.credits, Some(d("15")));
}
