//! The chart keeps the points it has priced while only the swept parameter moves. Whatever it
//! kept, each curve must be the engine's own sweep at those parameters: the same totals at every
//! value and the same rule crossings. Checked on every shipped scenario, for every numeric
//! parameter, after moving the parameter and after moving another one. The model list, kept and
//! priced line by line, must give what whole bills give.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeSet;

use reelcost::builtin;
use reelcost::engine::catalog::{Amount, Charge};
use reelcost::engine::whatif::inputs::param_inputs;
use reelcost::engine::whatif::sweep;
use reelcost::engine::{Catalogs, Model, Params, Scenario, SourceFile, load_catalogs, load_scenario};
use reelcost::tui::curve::{Curve, Memo};
use rust_decimal::Decimal;

fn catalogs() -> Catalogs {
    let files: Vec<_> = builtin::CATALOGS
        .iter()
        .map(|(name, text)| SourceFile::new(*name, *text))
        .collect();
    load_catalogs(&files).expect("the shipped catalogs load")
}

fn scenarios() -> Vec<Scenario> {
    builtin::SCENARIOS
        .iter()
        .map(|(name, text)| load_scenario(&SourceFile::new(*name, *text)).expect("a shipped scenario loads"))
        .collect()
}

/// Up to 21 values the parameter can take around `centre`, one step apart.
fn window(params: &Params, name: &str, centre: Decimal, step: Decimal) -> Vec<Decimal> {
    (-10i64..=10)
        .map(|k| centre + step * Decimal::from(k))
        .filter(|v| params.clone().set(name, &v.normalize().to_string()).is_ok())
        .collect()
}

/// The engine's sweep, in the memo's terms.
fn engine(scenario: &Scenario, catalogs: &Catalogs, params: &Params, name: &str, values: &[Decimal]) -> Curve {
    let text: Vec<String> = values.iter().map(|v| v.normalize().to_string()).collect();
    let swept = sweep(scenario, catalogs, params, name, &text).expect("every value can be set");
    let crossings: BTreeSet<usize> = swept.crossings.iter().map(|c| c.after).collect();
    Curve {
        totals: swept.points.into_iter().map(|p| p.totals.ok()).collect(),
        crossings: crossings.into_iter().collect(),
    }
}

#[test]
fn kept_points_give_the_engines_sweep() {
    let catalogs = catalogs();
    let mut checked = 0;
    for scenario in scenarios() {
        let params = &scenario.params;
        for input in param_inputs(&scenario, &catalogs, params)
            .into_iter()
            .filter(|p| p.matters)
        {
            let name = &input.name;
            let step = input.domain.step.unwrap_or(if input.domain.whole {
                Decimal::ONE
            } else {
                Decimal::new(1, 2)
            });
            let mut memo = Memo::default();
            let values = window(params, name, input.value, step);
            if values.len() < 2 {
                continue;
            }
            let first = memo
                .curve(&scenario, &catalogs, params, name, &values)
                .expect("settable");
            assert_eq!(first, engine(&scenario, &catalogs, params, name, &values), "{name}");

            // The parameter moves three steps: most points are kept, a few are new.
            let moved_to = values[values.len() - 1].min(input.value + step * Decimal::from(3));
            let mut moved = params.clone();
            moved
                .set(name, &moved_to.normalize().to_string())
                .expect("in the window");
            let shifted = window(&moved, name, moved_to, step);
            let kept = memo
                .curve(&scenario, &catalogs, &moved, name, &shifted)
                .expect("settable");
            assert_eq!(
                kept,
                engine(&scenario, &catalogs, &moved, name, &shifted),
                "{name} moved"
            );
            checked += 1;
        }
    }
    assert!(checked > 20, "only {checked} parameters were checked");
}

#[test]
fn another_parameter_moving_prices_every_point_again() {
    let catalogs = catalogs();
    let (_, text) = builtin::scenario("atve").expect("built in");
    let scenario = load_scenario(&SourceFile::new("atve.toml", text)).expect("valid");
    let values: Vec<Decimal> = (60..=110).step_by(2).map(Decimal::from).collect();
    let mut memo = Memo::default();
    memo.curve(&scenario, &catalogs, &scenario.params, "frames", &values)
        .expect("settable");
    let mut rerolls = scenario.params.clone();
    rerolls.set("reroll_rate", "0.25").expect("a valid rate");
    let curve = memo
        .curve(&scenario, &catalogs, &rerolls, "frames", &values)
        .expect("settable");
    let fresh = engine(&scenario, &catalogs, &rerolls, "frames", &values);
    assert_eq!(curve, fresh);
    let before = engine(&scenario, &catalogs, &scenario.params, "frames", &values);
    assert_ne!(curve.totals, before.totals, "the reroll rate changes every clip's cost");
    // The frame cliffs of WAN (x1.25 above 81 frames) are crossed on the way.
    assert!(!curve.crossings.is_empty());
}

/// Each model's id and cost per video, in order.
fn listed(list: &[reelcost::engine::analysis::Alternative]) -> Vec<(String, Decimal)> {
    list.iter().map(|a| (a.model.id.to_string(), a.per_video)).collect()
}

#[test]
fn the_kept_model_list_is_the_engines_at_the_parameters_and_files_now() {
    use reelcost::engine::analysis::video_alternatives;
    use reelcost::engine::evaluate;
    use reelcost::tui::ranking::Ranking;

    let catalogs = catalogs();
    let (_, text) = builtin::scenario("atve").expect("built in");
    let scenario = load_scenario(&SourceFile::new("atve.toml", text)).expect("valid");
    let mut kept = Ranking::default();
    let mut at = |params: &Params, catalogs: &Catalogs| {
        let bill = evaluate(&scenario, catalogs, params).expect("a bill");
        let (list, behind) = kept.at(&scenario, catalogs, params, &bill);
        assert!(!behind, "atve's list is ranked as the bill changes");
        assert_eq!(listed(&list), listed(&video_alternatives(&scenario, catalogs, params)));
        listed(&list)
    };
    let first = at(&scenario.params, &catalogs);
    assert_eq!(
        first,
        at(&scenario.params, &catalogs),
        "the same parameters, the same list"
    );
    let mut shorter = scenario.params.clone();
    shorter.set("frames", "80").expect("valid");
    assert_ne!(first, at(&shorter, &catalogs), "WAN's cliff moves its cost");
    // WAN at half its price, in a copy of the catalogs: the list is made again from them.
    let wan = catalogs.model("fal-ai/wan-i2v").expect("shipped");
    let half = |a: &mut Amount| {
        if let Amount::Exact(p) = a {
            *p /= Decimal::TWO;
        }
    };
    let mut cheaper = Model::clone(wan);
    for rate in &mut cheaper.pricing.rates {
        if let Charge::PerUnit(a) = &mut rate.charge {
            half(a);
        }
    }
    let cheaper = catalogs.with_models([std::sync::Arc::new(cheaper)]);
    assert_ne!(first, at(&scenario.params, &cheaper));
}

#[test]
fn every_listed_model_costs_what_a_whole_bill_with_it_costs() {
    use reelcost::engine::analysis::video_alternatives;
    use reelcost::engine::evaluate;

    let catalogs = catalogs();
    let mut checked = 0;
    // atve's quantities are expressions: the swap is still priced line by line.
    for scenario in scenarios() {
        for alternative in video_alternatives(&scenario, &catalogs, &scenario.params) {
            let mut with = scenario.params.clone();
            with.video_model = Some(std::sync::Arc::clone(&alternative.model.id));
            let whole = evaluate(&scenario, &catalogs, &with).expect("a listed model prices the bill");
            assert_eq!(
                alternative.per_video, whole.totals.per_video,
                "{}",
                alternative.model.id
            );
            checked += 1;
        }
    }
    assert!(checked > 100, "only {checked} alternatives were checked");
}

#[test]
fn the_frames_chart_has_a_curve_at_an_odd_frame_count_too() {
    use reelcost::project::{self, ScenarioSource};
    use reelcost::tui::sweep::Shape;
    use reelcost::tui::{Action, App, Param, Theme};

    let project = project::load(&ScenarioSource::File("scenarios/atve.toml".into()), None).unwrap();
    let mut app = App::new(project, Theme::plain()).unwrap();
    app.update(Action::Select(Param::named("frames")));
    for frames in ["99", "97", "100"] {
        app.update(Action::SetParam(Param::named("frames"), frames.to_owned()));
        let Shape::Line(line) = &app.analysis.chart.shape else {
            panic!("frames {frames}: {:?}", app.analysis.chart.shape);
        };
        // Whole frame counts only, on multiples of the window's step, the value now among them.
        assert!(line.points.len() > 20, "frames {frames}: {} points", line.points.len());
        assert!(line.points.iter().all(|p| p.0.fract().is_zero()));
        assert_eq!(line.current.0, frames.parse::<Decimal>().unwrap());
    }
}
