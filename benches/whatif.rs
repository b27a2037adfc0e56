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

/// atve all in: the Azure baseline's $30-$50 range; with `veo`, the clip on Veo 3.1 Fast's
/// $0.10-$0.15/s as well.
fn ranged(veo: bool) -> (Scenario, Catalogs, Params) {
    let (scenario, catalogs) = shipped("atve-all-in");
    let mut params = scenario.params.clone();
    if veo {
        params.set("video_model", "google/veo-3.1-fast").unwrap();
    }
    (scenario, catalogs, params)
}

#[divan::bench(args = [1, 2])]
fn uncertainty_10000_samples(bencher: Bencher, ranges: usize) {
    let (scenario, catalogs, params) = ranged(ranges == 2);
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

/// Everything a key press recomputes: the bill, the chart's sweep over the selected parameter,
/// the tornado, the band from two ranges, a goal seek and the budgets.
#[divan::bench]
fn every_analysis_per_key_press(bencher: Bencher) {
    let (scenario, catalogs, params) = ranged(false);
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
