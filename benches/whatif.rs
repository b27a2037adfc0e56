//! What-if analyses recomputed as the dashboard would on a key press, on the shipped atve
//! scenarios. Run with `cargo bench --bench whatif`; BENCHMARKS.md records the figures.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::Arc;

use divan::{Bencher, black_box};
use reelcost::builtin;
use reelcost::engine::whatif::{self, Side, match_lines};
use reelcost::engine::{Catalogs, Params, Scenario, SourceFile, evaluate, load_catalogs, load_scenario};
use rust_decimal::Decimal;

fn main() {
    divan::main();
}

fn shipped(name: &str) -> (Scenario, Catalogs) {
    let files: Vec<Arc<SourceFile>> = builtin::CATALOGS.iter().map(|(n, t)| SourceFile::new(*n, *t)).collect();
    let (file, text) = builtin::scenario(name).unwrap();
    (
        load_scenario(&SourceFile::new(file, text)).unwrap(),
        load_catalogs(&files).unwrap(),
    )
}

fn values(range: std::ops::RangeInclusive<u32>) -> Vec<String> {
    range.map(|v| v.to_string()).collect()
}

#[divan::bench]
fn sweep_videos_per_character_1_to_20(bencher: Bencher) {
    let (scenario, catalogs) = shipped("atve");
    let values = values(1..=20);
    bencher.bench(|| {
        whatif::sweep(
            black_box(&scenario),
            &catalogs,
            &scenario.params,
            "videos_per_character",
            &values,
        )
    });
}

#[divan::bench]
fn sweep_frames_1_to_100(bencher: Bencher) {
    let (scenario, catalogs) = shipped("atve");
    let values = values(1..=100);
    bencher.bench(|| whatif::sweep(black_box(&scenario), &catalogs, &scenario.params, "frames", &values));
}

#[divan::bench]
fn sensitivity_atve(bencher: Bencher) {
    let (scenario, catalogs) = shipped("atve");
    bencher.bench(|| whatif::sensitivity(black_box(&scenario), &catalogs, &scenario.params, Decimal::new(2, 1)));
}

#[divan::bench]
fn solve_videos_per_character(bencher: Bencher) {
    let (scenario, catalogs) = shipped("atve");
    let target = ("per_finished_second", Decimal::new(15, 2));
    bencher.bench(|| {
        whatif::solve(
            black_box(&scenario),
            &catalogs,
            &scenario.params,
            target,
            "videos_per_character",
            None,
        )
    });
}

/// The ranged inputs of each band bench.
const BANDS: [&str; 3] = ["one_price", "rate_and_price", "rate_and_two_prices"];

/// `one_price`: Kling O3's clip on Veo 3.1 Fast ($0.10-$0.15/s). `rate_and_price`: atve all in,
/// its reroll rate's 10-12% and the Azure baseline's $30-$50. `rate_and_two_prices`: the same
/// with the clip on Veo 3.1 Fast.
fn ranged(band: &str) -> (Scenario, Catalogs, Params) {
    let name = if band == "one_price" { "kling-o3" } else { "atve-all-in" };
    let (scenario, catalogs) = shipped(name);
    let mut params = scenario.params.clone();
    if band == "one_price" {
        params.set("audio", "false").unwrap();
    }
    if band != "rate_and_price" {
        params.set("video_model", "google/veo-3.1-fast").unwrap();
    }
    (scenario, catalogs, params)
}

#[divan::bench(args = BANDS)]
fn uncertainty_10000_samples(bencher: Bencher, band: &str) {
    let (scenario, catalogs, params) = ranged(band);
    bencher.bench(|| whatif::uncertainty(black_box(&scenario), &catalogs, &params, 10_000, 1).unwrap());
}

#[divan::bench]
fn compare_atve_with_all_in(bencher: Bencher) {
    let (a, catalogs) = shipped("atve");
    let (b, _) = shipped("atve-all-in");
    bencher.bench(|| {
        let sides: Vec<Side> = [&a, &b]
            .iter()
            .map(|s| Side::from_bill(&*s.name, s.file.path(), &evaluate(s, &catalogs, &s.params).unwrap()))
            .collect();
        match_lines(black_box(&sides))
    });
}

/// Everything a key press recomputes on atve all in: the bill, the chart's sweep over the
/// selected parameter, the tornado, the band from its two ranges, a goal seek and the budgets.
#[divan::bench]
fn every_analysis_per_key_press(bencher: Bencher) {
    let (scenario, catalogs, params) = ranged("rate_and_price");
    let budgets = [whatif::parse_budget("per_video<=3.50").unwrap()];
    let frames = values(1..=100);
    let target = ("per_finished_second", Decimal::new(20, 2));
    bencher.bench(|| {
        let bill = evaluate(black_box(&scenario), &catalogs, &params).unwrap();
        let chart = whatif::sweep(&scenario, &catalogs, &params, "frames", &frames).unwrap();
        let tornado = whatif::sensitivity(&scenario, &catalogs, &params, Decimal::new(2, 1)).unwrap();
        let band = whatif::uncertainty(&scenario, &catalogs, &params, 10_000, 1).unwrap();
        let seek = whatif::solve(&scenario, &catalogs, &params, target, "videos_per_character", None).unwrap();
        let checks = whatif::check_budgets(&budgets, &bill.totals).unwrap();
        (bill, chart, tornado, band, seek, checks)
    });
}
