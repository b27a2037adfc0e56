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
