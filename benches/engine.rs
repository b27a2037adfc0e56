//! Engine benchmarks: evaluating a bill, the amortisation sweep, and how both scale with steps
//! and catalog size. Run with `cargo bench --bench engine`; BENCHMARKS.md records the figures.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::fmt::Write;
use std::sync::Arc;

use divan::{Bencher, black_box};
use reelcost::builtin;
use reelcost::engine::analysis::amortisation;
use reelcost::engine::{Catalogs, Scenario, SourceFile, evaluate, load_catalogs, load_scenario};

fn main() {
    divan::main();
}

fn shipped() -> (Scenario, Catalogs) {
    let files: Vec<Arc<SourceFile>> = builtin::CATALOGS.iter().map(|(n, t)| SourceFile::new(*n, *t)).collect();
    let (_, text) = builtin::scenario("atve").unwrap();
    (
        load_scenario(&SourceFile::new("atve.toml", text)).unwrap(),
        load_catalogs(&files).unwrap(),
    )
}

/// A catalog of `n` image models, one of them `model/0`.
fn catalog_text(n: usize) -> String {
    let mut text = String::from("provider = \"Bench\"\ncurrency = \"USD\"\n");
    for i in 0..n {
        let _ = write!(
            text,
            "\n[[model]]\nid = \"model/{i}\"\nkind = \"image\"\nunit = \"image\"\nprice = 0.0{}\n",
            i % 9 + 1
        );
    }
    text
}

/// A scenario of `steps` image steps spread over the four stages.
fn scenario_text(steps: usize, models: usize) -> String {
    let mut text = String::from("[parameters]\nscenes = 4\ncharacters = 2\nvideos_per_character = 5\n");
    for i in 0..steps {
        let stage = ["scene", "character", "video", "month"][i % 4];
        let _ = write!(
            text,
            "\n[[{stage}]]\nmodel = \"model/{}\"\ncount = 3\n",
            (i * 7919) % models
        );
    }
    text
}

#[divan::bench]
fn evaluate_atve(bencher: Bencher) {
    let (scenario, catalogs) = shipped();
    bencher.bench(|| evaluate(black_box(&scenario), black_box(&catalogs), black_box(&scenario.params)).unwrap());
}

/// A lever of atve's own set from text, as `--set augmentations=N` and the dashboard do, then the
/// bill evaluated: the expressions `count = "augmentations"` and `count = "style_options"` are
/// in every evaluation.
#[divan::bench]
fn set_augmentations_evaluate_atve(bencher: Bencher) {
    let (scenario, catalogs) = shipped();
    let mut params = scenario.params.clone();
    let mut images = 35;
    bencher.bench_local(|| {
        images = if images == 35 { 30 } else { 35 };
        params.set("augmentations", &images.to_string()).unwrap();
        evaluate(black_box(&scenario), black_box(&catalogs), black_box(&params)).unwrap()
    });
}

/// atve with a derived parameter in the bill: the finished length computed from a voice length
/// of the scenario's own, afresh for every evaluation.
#[divan::bench]
fn evaluate_atve_derived(bencher: Bencher) {
    let files: Vec<Arc<SourceFile>> = builtin::CATALOGS.iter().map(|(n, t)| SourceFile::new(*n, *t)).collect();
    let catalogs = load_catalogs(&files).unwrap();
    let (_, text) = builtin::scenario("atve").unwrap();
    let text = text.replace(
        "finished_seconds_per_scene = 4.0 ",
        "voice_seconds = 3.5\nfinished_seconds_per_scene = \"voice_seconds + 0.5\" ",
    );
    let scenario = load_scenario(&SourceFile::new("atve.toml", text)).unwrap();
    let bill = evaluate(&scenario, &catalogs, &scenario.params).unwrap();
    assert_eq!(bill.totals.finished_seconds, 16.into());
    bencher.bench(|| evaluate(black_box(&scenario), black_box(&catalogs), black_box(&scenario.params)).unwrap());
}

#[divan::bench]
fn amortisation_sweep_atve(bencher: Bencher) {
    let (scenario, catalogs) = shipped();
    bencher.bench(|| amortisation(black_box(&scenario), &catalogs, &scenario.params, 1..=20));
}

#[divan::bench(args = [10, 100, 1000])]
fn evaluate_steps(bencher: Bencher, steps: usize) {
    let catalogs = load_catalogs(&[SourceFile::new("c.toml", catalog_text(100))]).unwrap();
    let scenario = load_scenario(&SourceFile::new("s.toml", scenario_text(steps, 100))).unwrap();
    bencher.bench(|| evaluate(&scenario, &catalogs, &scenario.params).unwrap());
}

#[divan::bench(args = [10, 100, 1000, 10_000])]
fn evaluate_against_catalog_size(bencher: Bencher, models: usize) {
    let catalogs = load_catalogs(&[SourceFile::new("c.toml", catalog_text(models))]).unwrap();
    let scenario = load_scenario(&SourceFile::new("s.toml", scenario_text(10, models.min(10)))).unwrap();
    bencher.bench(|| evaluate(&scenario, &catalogs, &scenario.params).unwrap());
}

#[divan::bench(args = [10, 1000, 10_000], sample_count = 20)]
fn load_catalog(bencher: Bencher, models: usize) {
    let text = catalog_text(models);
    bencher.bench(|| load_catalogs(&[SourceFile::new("c.toml", text.as_str())]).unwrap());
}
