//! Figures that divide once: run counts and attempts stay exact fractions until the figure
//! shown, so a month's price spread over its videos multiplies back to the month's price.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;
use std::process::Command;
use std::str::FromStr;
use std::sync::Arc;

use proptest::prelude::*;
use reelcost::builtin;
use reelcost::cli::apply_sets;
use reelcost::engine::{Bill, Catalogs, SourceFile, evaluate, load_catalogs, load_scenario};
use reelcost::project::{self, ScenarioSource};
use rust_decimal::Decimal;

fn d(text: &str) -> Decimal {
    Decimal::from_str(text).unwrap()
}

fn repo(path: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(path)
}

fn atve_all_in(sets: &[&str]) -> Bill {
    let project = project::load(&ScenarioSource::File(repo("scenarios/atve-all-in.toml")), None).unwrap();
    let mut params = project.scenario.params.clone();
    let sets: Vec<String> = sets.iter().map(|s| s.to_string()).collect();
    apply_sets(&mut params, &sets).unwrap();
    evaluate(&project.scenario, &project.catalogs, &params).unwrap()
}

fn catalogs() -> Catalogs {
    let files: Vec<Arc<SourceFile>> = builtin::CATALOGS.iter().map(|(n, t)| SourceFile::new(*n, *t)).collect();
    load_catalogs(&files).unwrap()
}

#[test]
fn forty_a_month_at_three_videos_multiplies_back_to_forty() {
    let bill = atve_all_in(&["videos_per_month=3"]);
    let hosting = bill.lines.iter().find(|l| l.label.contains("Container Apps")).unwrap();
    assert_eq!(hosting.per_month, d("40"));
    // The figure shown per video is the one division, rounded in its 28th digit.
    assert_eq!(hosting.per_video, d("13.333333333333333333333333333"));
    assert_eq!(hosting.cost.mul_decimal(d("3")).unwrap().value(), d("40"));
    // The month of the whole bill is its exact sum over 89ths (1 / (1 - 0.11) attempts), divided
    // once: 2218669 / 44500, where summing rounded lines drifts in the last digits.
    assert_eq!(bill.totals.per_month, d("49.857730337078651685393258427"));
    let hosting_share = bill.share(hosting).unwrap();
    assert!(hosting_share > d("0.80") && hosting_share < d("0.81"));
}

#[test]
fn json_gives_each_line_its_month() {
    let out = Command::new(env!("CARGO_BIN_EXE_reelcost"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args([
            "report",
            "scenarios/atve-all-in.toml",
            "--set",
            "videos_per_month=3",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let hosting = json["lines"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["label"] == "Container Apps baseline")
        .unwrap();
    assert_eq!(hosting["per_month"], "40");
    assert_eq!(json["totals"]["per_month"], "49.857730337078651685393258427");
}

#[test]
fn a_credit_from_a_pack_of_three_multiplies_back_to_the_pack() {
    // One credit of a $10 pack of 3 is $3.33... a video; three videos a month bring in $10
    // exactly, not 9.9999999999999999999999999999.
    let text = "[parameters]\nscenes = 1\nvideos_per_month = 3\n\n\
                [[video]]\nmodel = \"anthropic/claude-3-5-haiku\"\nquote = \"per-call-mean\"\n\n\
                [sale]\ncredits = 1\npack = \"Trio\"\n\n\
                [[sale.packs]]\nname = \"Trio\"\nprice = 10\ncredits = 3\n";
    let scenario = load_scenario(&SourceFile::new("s.toml", text)).unwrap();
    let bill = evaluate(&scenario, &catalogs(), &scenario.params).unwrap();
    let sale = bill.totals.sale.unwrap();
    assert_eq!(sale.price, d("3.3333333333333333333333333333"));
    assert_eq!(sale.revenue_per_month, d("10"));
    // $10 less three videos' $0.0008 each.
    assert_eq!(sale.profit_per_month, d("9.9976"));
}

#[test]
fn a_price_per_second_of_a_clip_whose_seconds_do_not_end_is_refused() {
    // $1 a second: 175 frames at 24 fps would be billed as 7.2916666666666666666666666667,
    // a figure that fits a decimal but is not 175/24.
    let catalog = "provider = \"P\"\ncurrency = \"USD\"\n\n[[model]]\nid = \"p/clip\"\nkind = \"video\"\nunit = \"second\"\nprice = 1\n";
    let catalogs = load_catalogs(&[SourceFile::new("p.toml", catalog)]).unwrap();
    let scenario = |frames: u32| {
        let text = format!("[parameters]\nframes = {frames}\nfps = 24\n\n[[scene]]\nmodel = \"p/clip\"\n");
        load_scenario(&SourceFile::new("s.toml", text)).unwrap()
    };
    let refused = scenario(175);
    let errors = evaluate(&refused, &catalogs, &refused.params).unwrap_err();
    let error = &errors.0[0];
    assert_eq!(error.location(), "s.toml:6:9", "{error}");
    assert!(
        error.message.contains("cannot be computed exactly")
            && error.message.contains("175 frames at 24 fps")
            && error.message.contains("set frames to a multiple of 3"),
        "{error}"
    );
    // 174 frames at 24 fps is 7.25 s exactly.
    let exact = scenario(174);
    let bill = evaluate(&exact, &catalogs, &exact.params).unwrap();
    assert_eq!(bill.totals.per_video, d("7.25"));
}

/// A scenario with a step in every stage and no rates, priced from the built-in catalogs: each
/// line's month is exact whenever the videos of a month are a multiple of those per character.
fn every_stage(characters: u32, per_character: u32, per_month: u64, count: u32) -> String {
    format!(
        "[parameters]\nscenes = 3\ncharacters = {characters}\nvideos_per_character = {per_character}\n\
         videos_per_month = {per_month}\nreroll_rate = 0\n\n\
         [[scene]]\nmodel = \"fal-ai/flux-pro/kontext\"\ncount = {count}\n\n\
         [[character]]\nmodel = \"fal-ai/flux-pro/kontext\"\ncount = 35\n\n\
         [[character]]\nmodel = \"fal-ai/flux-lora-fast-training\"\nsteps = 1500\nquote = \"atve-invoices\"\n\n\
         [[video]]\nmodel = \"anthropic/claude-3-5-haiku\"\nquote = \"per-call-mean\"\n\n\
         [[month]]\nmodel = \"azure/container-apps-baseline\"\n\n\
         [[month]]\nmodel = \"azure/container-apps-baseline\"\ncount = {count}\n"
    )
}

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 64,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn the_month_is_the_sum_of_the_lines_months(
        characters in 0u32..7,
        per_character in 1u32..13,
        multiple in 1u64..100_000,
        count in 1u32..9,
    ) {
        let per_month = u64::from(per_character) * multiple;
        let text = every_stage(characters, per_character, per_month, count);
        let scenario = load_scenario(&SourceFile::new("stages.toml", text)).unwrap();
        let bill = evaluate(&scenario, &catalogs(), &scenario.params).unwrap();
        let sum: Decimal = bill.lines.iter().map(|l| l.per_month).sum();
        prop_assert_eq!(bill.totals.per_month, sum);
        // A month step's month is its price, whatever the month's videos.
        let month: Vec<Decimal> = bill.lines.iter().skip(4).map(|l| l.per_month).collect();
        prop_assert_eq!(month, vec![d("40"), d("40") * Decimal::from(count)]);
    }

    #[test]
    fn any_month_divides_once(
        characters in 0u32..7,
        per_character in 1u32..13,
        per_month in 1u64..1_000_000_000_000,
        count in 1u32..9,
    ) {
        let text = every_stage(characters, per_character, per_month, count);
        let scenario = load_scenario(&SourceFile::new("stages.toml", text)).unwrap();
        let bill = evaluate(&scenario, &catalogs(), &scenario.params).unwrap();
        let month = Decimal::from(per_month);
        prop_assert_eq!(bill.totals.per_month, bill.totals.cost.mul_decimal(month).unwrap().value());
        prop_assert_eq!(bill.lines[4].per_month, d("40"));
        // Each line's month is its own exact figure divided once; their rounded sum is within
        // a rounding per line of the total.
        let sum: Decimal = bill.lines.iter().map(|l| l.per_month).sum();
        let total = bill.totals.per_month;
        let close = total * Decimal::new(1, 24) + Decimal::new(1, 24);
        prop_assert!((total - sum).abs() <= close, "{total} vs {sum}");
        for line in &bill.lines {
            prop_assert_eq!(line.per_month, line.cost.mul_decimal(month).unwrap().value());
        }
    }
}
