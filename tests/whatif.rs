//! What-if analysis through the shipped catalogs and scenarios: each figure checked against the
//! source documents and against arithmetic done by hand in the comments.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;
use std::str::FromStr;

use reelcost::engine::whatif::sweep::Change;
use reelcost::engine::whatif::{self, Side, match_lines};
use reelcost::engine::{Stage, evaluate, money};
use reelcost::project::{self, Project, ScenarioSource};
use rust_decimal::Decimal;

fn d(text: &str) -> Decimal {
    Decimal::from_str(text).unwrap()
}

fn project(name: &str) -> Project {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(format!("scenarios/{name}.toml"));
    project::load(&ScenarioSource::File(path), None).unwrap()
}

fn sweep(name: &str, parameter: &str, values: &[&str]) -> whatif::Sweep {
    let p = project(name);
    let values: Vec<String> = values.iter().map(|v| v.to_string()).collect();
    whatif::sweep(&p.scenario, &p.catalogs, &p.scenario.params, parameter, &values).unwrap()
}

fn totals(point: &whatif::Point) -> &reelcost::engine::Totals {
    point.totals.as_ref().unwrap()
}

// ------------------------------------------------------------------ sweep

#[test]
fn the_price_sheets_volume_table_through_sweep() {
    let volumes = ["1000", "10000", "50000", "100000"];
    // "Basic Images ($0.013 ea)": Grok prompt $0.003 + FLUX image $0.01 = $0.013;
    // $13 / $130 / $650 / $1,300.
    let basic = sweep("natak-basic-image", "videos_per_month", &volumes);
    let months: Vec<Decimal> = basic.points.iter().map(|p| totals(p).per_month).collect();
    assert_eq!(months, [d("13"), d("130"), d("650"), d("1300")]);
    // "Premium Images ($0.064 ea)": exactly $0.0642144 (the upscale is 26.214400 MP at $0.001),
    // so $64.2144 per 1,000; the sheet's $64 / $640 / $3,200 / $6,400 multiply the rounded $0.064.
    let premium = sweep("natak-premium-image", "videos_per_month", &volumes);
    for (point, volume) in premium.points.iter().zip(volumes) {
        let t = totals(point);
        assert_eq!(t.per_video, d("0.0642144"));
        assert_eq!(t.per_month, d("0.0642144") * d(volume));
        assert_eq!(money::round(t.per_video, 3) * d(volume), d("0.064") * d(volume));
    }
    // "Videos ($0.25 ea)": $250 / $2,500 / $12,500 / $25,000 is the WAN 2.5 clip alone (5 s x
    // $0.05/s); example 5 all in is $0.003 + $0.01 + $0.25 = $0.263 a video.
    let videos = sweep("natak-sfw-video", "videos_per_month", &volumes);
    let months: Vec<Decimal> = videos.points.iter().map(|p| totals(p).per_month).collect();
    assert_eq!(months, [d("263"), d("2630"), d("13150"), d("26300")]);
    let p = project("natak-sfw-video");
    let bill = evaluate(&p.scenario, &p.catalogs, &p.scenario.params).unwrap();
    let clip = bill.lines.iter().find(|l| l.label.contains("WAN")).unwrap();
    assert_eq!(clip.per_video * d("1000"), d("250"));
    assert!(videos.crossings.is_empty(), "no price depends on volume");
}

#[test]
fn the_amortisation_table_through_sweep() {
    // Per video = 4 scenes x $0.5558 + $0.0008 brief + 2 characters x $1.975 / n
    //           = $2.224 + $3.95 / n; per finished second over 16 s, per generated over 24 s (the post's).
    // n = 1: 6.174 / 16 = 0.3859 ~ $0.39, / 24 = 0.2573 ~ $0.26
    // n = 3: 3.5407 / 16 = 0.2213 ~ $0.22, / 24 = 0.1475 ~ $0.15
    // n = 5: 3.014 / 16 = 0.1884 ~ $0.19, / 24 = 0.1256 ~ $0.13
    // n = 10: 2.619 / 16 = 0.1637 ~ $0.16, / 24 = 0.1091 ~ $0.11
    // n = 20: 2.4215 / 16 = 0.1513 ~ $0.15, / 24 = 0.1009 ~ $0.10
    let table = [
        ("1", "0.39", "0.26"),
        ("3", "0.22", "0.15"),
        ("5", "0.19", "0.13"),
        ("10", "0.16", "0.11"),
        ("20", "0.15", "0.10"),
    ];
    let values: Vec<&str> = table.iter().map(|r| r.0).collect();
    let swept = sweep("atve", "videos_per_character", &values);
    for (point, (n, finished, generated)) in swept.points.iter().zip(table) {
        let t = totals(point);
        // Equal to 20 places: a third is rounded at the 28th digit either way.
        assert_eq!(
            money::round(t.per_video, 20),
            money::round(d("2.224") + d("3.95") / d(n), 20),
            "n = {n}"
        );
        assert_eq!(money::round(t.per_finished_second.unwrap(), 2), d(finished), "n = {n}");
        assert_eq!(money::round(t.per_video / d("24"), 2), d(generated), "n = {n}");
    }
}

#[test]
fn sweep_finds_the_100_to_80_frames_cliff() {
    let values: Vec<String> = (80..=100).map(|f| f.to_string()).collect();
    let values: Vec<&str> = values.iter().map(String::as_str).collect();
    let swept = sweep("atve", "frames", &values);
    // WAN 2.1 at 720p: $0.40 a clip, x1.25 above 81 frames: one cliff, between 81 and 82.
    assert_eq!(swept.crossings.len(), 1, "{:?}", swept.crossings);
    let cliff = &swept.crossings[0];
    assert_eq!(swept.points[cliff.after - 1].value, "81");
    assert_eq!(swept.points[cliff.after].value, "82");
    assert_eq!(&*cliff.model.id, "fal-ai/wan-i2v");
    assert!(matches!(cliff.change, Change::Multiplier { fires: true, .. }));
    // 4 clips x $0.40 = $1.60 below it, 4 x $0.50 = $2.00 above: $0.40 a video, $0.025 per
    // finished second ($0.40 / 16 s).
    assert_eq!(cliff.per_video, (d("1.6"), d("2")));
    let at = |frames: &str| totals(swept.points.iter().find(|p| p.value == frames).unwrap()).clone();
    assert_eq!(at("100").per_video - at("80").per_video, d("0.40"));
    assert_eq!(
        at("100").per_finished_second.unwrap() - at("80").per_finished_second.unwrap(),
        d("0.025")
    );
}

#[test]
fn a_range_with_a_step_lists_its_values() {
    let values = whatif::range_values("frames", "80", "100", "5").unwrap();
    assert_eq!(values, ["80", "85", "90", "95", "100"]);
    let down = whatif::range_values("reroll_rate", "0.12", "0.1", "0.01").unwrap();
    assert_eq!(down, ["0.12", "0.11", "0.1"]);
    assert!(whatif::range_values("frames", "1", "1000000", "1").is_err(), "too many");
    assert!(whatif::range_values("frames", "1", "10", "0").is_err(), "never ends");
}

// ------------------------------------------------------------------ compare

#[test]
fn kling_o3_against_3_0_through_compare() {
    // "Cost at Scale: 1080p with Audio", 10-second clips: O3 $0.125/s x 10 s = $1.25 a video,
    // 3.0 $0.150/s x 10 s = $1.50; at 100 / 500 / 1,000 videos, $125 / $625 / $1,250 against
    // $150 / $750 / $1,500, deltas $25 / $125 / $250.
    let (o3, v3) = (project("kling-o3"), project("kling-3"));
    for (volume, a, b) in [("100", "125", "150"), ("500", "625", "750"), ("1000", "1250", "1500")] {
        let side = |p: &Project| {
            let mut params = p.scenario.params.clone();
            params.set("videos_per_month", volume).unwrap();
            let bill = evaluate(&p.scenario, &p.catalogs, &params).unwrap();
            Side::from_bill(&*p.scenario.name, p.scenario.file.path(), &bill)
        };
        let sides = [side(&o3), side(&v3)];
        assert_eq!(sides[0].total("per_month"), Some(d(a)));
        assert_eq!(sides[1].total("per_month"), Some(d(b)));
        assert_eq!(
            sides[1].total("per_month").unwrap() - sides[0].total("per_month").unwrap(),
            d(b) - d(a)
        );
        let rows = match_lines(&sides);
        assert_eq!(rows.len(), 1, "one clip line, matched by stage and label");
        assert_eq!(rows[0].stage, Stage::Scene);
        assert_eq!(rows[0].per_video, [Some(d("1.25")), Some(d("1.5"))]);
        assert_eq!(rows[0].delta(1), Some(d("0.25")));
    }
}

#[test]
fn compare_keeps_lines_only_some_scenarios_have() {
    let (atve, all_in) = (project("atve"), project("atve-all-in"));
    let side = |p: &Project| {
        let bill = evaluate(&p.scenario, &p.catalogs, &p.scenario.params).unwrap();
        Side::from_bill(&*p.scenario.name, p.scenario.file.path(), &bill)
    };
    let rows = match_lines(&[side(&atve), side(&all_in)]);
    let baseline = rows.iter().find(|r| r.label.contains("Container Apps")).unwrap();
    // $30-$50 a month, midpoint $40, over 1,000 videos: $0.04 a video, only in the all-in scenario.
    assert_eq!(baseline.per_video, [None, Some(d("0.04"))]);
    assert_eq!(baseline.delta(1), None);
    // The clip with 11% rerolls: $2.00 x 1 / 0.89 = $2.2472 against $2.00.
    let clip = rows.iter().find(|r| &*r.label == "Animated clip").unwrap();
    assert_eq!(money::round(clip.delta(1).unwrap(), 4), d("0.2472"));
}

// ------------------------------------------------------------------ goal seek

#[test]
fn goal_seek_on_videos_per_character() {
    // $2.224 + $3.95 / n over 16 s at most $0.15: n >= 3.95 / (2.4 - 2.224) = 22.44, so 23:
    // (2.224 + 3.95 / 23) / 16 = $0.14973; at 22 it is $0.15022.
    let p = project("atve");
    let found = whatif::solve(
        &p.scenario,
        &p.catalogs,
        &p.scenario.params,
        ("per_finished_second", d("0.15")),
        "videos_per_character",
        None,
    )
    .unwrap();
    assert!(found.reached && !found.already);
    assert_eq!(found.value, d("23"));
    assert_eq!(
        money::round(found.totals.per_video, 20),
        money::round(d("2.224") + d("3.95") / d("23"), 20)
    );
    // $0.10 needs $1.60 a video, below the $2.224 of the scenes alone: unreachable, and the
    // closest is the most videos per character allowed, 100,000.
    let never = whatif::solve(
        &p.scenario,
        &p.catalogs,
        &p.scenario.params,
        ("per_finished_second", d("0.10")),
        "videos_per_character",
        None,
    )
    .unwrap();
    assert!(!never.reached);
    assert_eq!(never.value, d("100000"));
}

#[test]
fn goal_seek_steps_down_to_the_frame_cliff() {
    // $2.70 a video on atve: only below the x1.25 band, at 81 frames ($2.614); 82 costs $3.014.
    let p = project("atve");
    let found = whatif::solve(
        &p.scenario,
        &p.catalogs,
        &p.scenario.params,
        ("per_video", d("2.70")),
        "frames",
        None,
    )
    .unwrap();
    assert_eq!(found.value, d("81"));
    assert_eq!(found.totals.per_video, d("2.614"));
}

// ------------------------------------------------------------------ sensitivity

#[test]
fn the_tornado_puts_the_clip_model_and_scenes_on_top() {
    let p = project("atve");
    let inputs = whatif::sensitivity(&p.scenario, &p.catalogs, &p.scenario.params, d("0.2")).unwrap();
    // Scenes 4 -> 3 and 5: the scene lines are $0.5558 each, so $3.014 -/+ $0.5558.
    let scenes = inputs.iter().find(|s| s.name == "scenes").unwrap();
    assert_eq!(
        (scenes.per_video_at_low, scenes.per_video_at_high),
        (d("2.4582"), d("3.5698"))
    );
    assert_eq!(inputs[0].name, "scenes");
    // WAN's $0.40 +-20%: $0.32-$0.48, x1.25 x 4 clips: $0.80 apart.
    let wan = inputs.iter().find(|s| s.name == "fal-ai/wan-i2v (720p)").unwrap();
    assert_eq!((wan.low, wan.high, wan.swing), (d("0.32"), d("0.48"), d("0.8")));
    // Frames 100 +20% is 120, above WAN's 100-frame maximum: the high end stays at 100.
    let frames = inputs.iter().find(|s| s.name == "frames").unwrap();
    assert_eq!((frames.low, frames.high), (d("80"), d("100")));
    assert!(inputs.windows(2).all(|w| w[0].swing >= w[1].swing), "largest first");
    // A range is the price's own: the Azure baseline's $30-$50 in the all-in scenario.
    let all_in = project("atve-all-in");
    let inputs = whatif::sensitivity(&all_in.scenario, &all_in.catalogs, &all_in.scenario.params, d("0.2")).unwrap();
    let azure = inputs
        .iter()
        .find(|s| s.name == "azure/container-apps-baseline")
        .unwrap();
    assert!(azure.declared);
    assert_eq!((azure.low, azure.high, azure.swing), (d("30"), d("50"), d("0.02")));
}

#[test]
fn margin_goal_seek_on_price() {
    // natak's premium video costs $0.713. A 50% margin needs price - 0.713 >= 0.5 x price, i.e.
    // price >= 2 x 0.713 = $1.426: on the 0.0001 grid from $0.75, exactly $1.426.
    let p = project("natak-premium-video");
    let mut params = p.scenario.params.clone();
    params.set("price", "0.75").unwrap();
    let found = whatif::solve(
        &p.scenario,
        &p.catalogs,
        &params,
        ("margin_share", d("0.5")),
        "price",
        None,
    )
    .unwrap();
    assert!(found.reached);
    assert_eq!(found.value, d("1.426"));
    assert_eq!(whatif::metric(&found.totals, "margin_share").flatten(), Some(d("0.5")));
    // In credits at the Starter pack's $0.05: $1.426 / $0.05 = 28.52 credits.
    let credits = whatif::solve(
        &p.scenario,
        &p.catalogs,
        &p.scenario.params,
        ("margin_share", d("0.5")),
        "credits",
        None,
    )
    .unwrap();
    assert_eq!(credits.value, d("28.52"));
    // Profit of $500 a month at 1,000 videos: margin $0.50 a video, price $1.213.
    let profit = whatif::solve(
        &p.scenario,
        &p.catalogs,
        &params,
        ("profit_per_month", d("500")),
        "price",
        None,
    )
    .unwrap();
    assert_eq!(profit.value, d("1.213"));
}

#[test]
fn the_scenarios_own_parameters_are_inputs() {
    // atve declares augmentations = 35: each is a $0.04 Kontext image per character, 2 characters
    // over 5 videos: $0.016 a video each; 35 +-20% is 28-42, $0.112 either side.
    let p = project("atve");
    let inputs = whatif::sensitivity(&p.scenario, &p.catalogs, &p.scenario.params, d("0.2")).unwrap();
    let aug = inputs.iter().find(|s| s.name == "augmentations").unwrap();
    assert_eq!((aug.low, aug.high), (d("28"), d("42")));
    assert_eq!(aug.swing, d("0.224"));
    let swept = sweep("atve", "augmentations", &["0", "35"]);
    // "~$1.40 per character": 35 x $0.04, x 2 / 5 = $0.56 a video.
    assert_eq!(
        totals(&swept.points[1]).per_video - totals(&swept.points[0]).per_video,
        d("0.56")
    );
}
