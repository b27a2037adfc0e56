//! Properties of the engine that must hold for any input, checked with proptest.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::str::FromStr;
use std::sync::Arc;

use proptest::prelude::*;
use reelcost::builtin;
use reelcost::engine::{
    Bill, Catalogs, Params, Scenario, SourceFile, evaluate, load_catalog, load_catalogs, load_scenario,
};
use reelcost::report::{self, Format};
use rust_decimal::Decimal;

fn catalogs() -> Catalogs {
    let files: Vec<Arc<SourceFile>> = builtin::CATALOGS.iter().map(|(n, t)| SourceFile::new(*n, *t)).collect();
    load_catalogs(&files).unwrap()
}

fn scenario(name: &str) -> Scenario {
    let (_, text) = builtin::scenario(name).unwrap();
    load_scenario(&SourceFile::new(name, text)).unwrap()
}

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 96,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// Parameters within atve's valid space (WAN makes at most 100 frames).
fn atve_params() -> impl Strategy<Value = Params> {
    (
        1u32..12,
        1u32..=100,
        0u32..5,
        1u32..40,
        0u32..95,
        1u64..1_000_000,
        prop::bool::ANY,
    )
        .prop_map(|(scenes, frames, characters, videos, reroll, per_month, low_res)| {
            let mut p = scenario("atve").params;
            p.scenes = scenes;
            p.frames = frames;
            p.characters = characters;
            p.videos_per_character = videos;
            p.reroll_rate = Decimal::new(i64::from(reroll), 2);
            p.videos_per_month = per_month;
            if low_res {
                p.resolution = Some("480p".into());
            }
            p
        })
}

fn bill(scenario: &Scenario, catalogs: &Catalogs, params: &Params) -> Bill {
    evaluate(scenario, catalogs, params).unwrap()
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn loaders_never_panic_on_any_text(text in ".{0,400}") {
        let file = SourceFile::new("fuzz.toml", text);
        let _ = load_catalog(&file);
        let _ = load_scenario(&file);
    }

    #[test]
    fn loaders_never_panic_on_damaged_files(index in 0usize..20, at in 0usize..4000, junk in "[\\[\\]{}=\"'.,#0-9a-z\n -]{1,12}") {
        let all: Vec<&str> = builtin::CATALOGS.iter().chain(builtin::SCENARIOS).map(|(_, t)| *t).collect();
        let text = all[index % all.len()];
        let mut cut = at.min(text.len());
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        let damaged = format!("{}{junk}{}", &text[..cut], &text[cut..]);
        let file = SourceFile::new("damaged.toml", damaged);
        if load_catalog(&file).is_ok() {
            let _ = load_catalogs(std::slice::from_ref(&file));
        }
        if let Ok(s) = load_scenario(&file) {
            let _ = evaluate(&s, &catalogs(), &s.params);
        }
    }

    #[test]
    fn costs_are_never_negative_and_shares_sum_to_one(params in atve_params()) {
        let (s, c) = (scenario("atve"), catalogs());
        let b = bill(&s, &c, &params);
        prop_assert!(b.lines.iter().all(|l| l.per_video >= Decimal::ZERO && l.unit_price >= Decimal::ZERO));
        prop_assert!(b.totals.per_video > Decimal::ZERO);
        let shares: Decimal = b.lines.iter().map(|l| b.share(l).unwrap()).sum();
        prop_assert!((shares - Decimal::ONE).abs() < Decimal::from_str("0.000000000000000000001").unwrap());
    }

    #[test]
    fn more_work_never_costs_less(params in atve_params()) {
        let (s, c) = (scenario("atve"), catalogs());
        let base = bill(&s, &c, &params).totals.per_video;
        let grown = |change: &dyn Fn(&mut Params)| {
            let mut p = params.clone();
            change(&mut p);
            bill(&s, &c, &p).totals.per_video
        };
        prop_assert!(grown(&|p| p.scenes += 1) >= base);
        if params.frames < 100 {
            prop_assert!(grown(&|p| p.frames += 1) >= base);
        }
        if params.reroll_rate < Decimal::new(94, 2) {
            prop_assert!(grown(&|p| p.reroll_rate += Decimal::new(1, 2)) >= base);
        }
        prop_assert!(grown(&|p| p.videos_per_character += 1) <= base);
    }

    #[test]
    fn a_dearer_price_never_makes_a_cheaper_video(cents in 1u32..500, extra in 1u32..500) {
        let catalog = |price: u32| {
            let text = format!("provider = \"P\"\ncurrency = \"USD\"\n[[model]]\nid = \"p/img\"\nkind = \"image\"\nunit = \"image\"\nprice = {}\n", Decimal::new(i64::from(price), 2));
            load_catalogs(&[SourceFile::new("p.toml", text)]).unwrap()
        };
        let s = load_scenario(&SourceFile::new("s.toml", "[parameters]\nscenes = 3\n[[scene]]\nmodel = \"p/img\"\ncount = 2\n")).unwrap();
        let cheap = bill(&s, &catalog(cents), &s.params).totals.per_video;
        let dear = bill(&s, &catalog(cents + extra), &s.params).totals.per_video;
        prop_assert!(dear > cheap);
        prop_assert_eq!(cheap, Decimal::new(i64::from(cents) * 6, 2));
    }

    #[test]
    fn json_reads_back_as_the_same_figures(params in atve_params()) {
        let (s, c) = (scenario("atve"), catalogs());
        let b = bill(&s, &c, &params);
        let json: serde_json::Value = serde_json::from_str(&report::render(Format::Json, &s, &params, &b)).unwrap();
        let figure = |v: &serde_json::Value| Decimal::from_str(v.as_str().unwrap()).unwrap();
        prop_assert_eq!(figure(&json["totals"]["per_video"]), b.totals.per_video);
        prop_assert_eq!(figure(&json["totals"]["per_month"]), b.totals.per_month);
        prop_assert_eq!(figure(&json["totals"]["per_finished_second"]), b.totals.per_finished_second.unwrap());
        for (line, out) in b.lines.iter().zip(json["lines"].as_array().unwrap()) {
            prop_assert_eq!(figure(&out["per_video"]), line.per_video);
            prop_assert_eq!(figure(&out["unit_price"]), line.unit_price);
            prop_assert_eq!(figure(&out["quantity"]), line.quantity);
        }
        prop_assert_eq!(json["parameters"]["frames"].as_u64(), Some(u64::from(params.frames)));
    }

    #[test]
    fn the_analyses_price_as_whole_evaluations_do(generated in atve_params(), videos in 1u32..40) {
        // atve's counts are expressions (its lines are evaluated whole); atve-all-in's are fixed,
        // so only the lines a change touches are priced again.
        for name in ["atve", "atve-all-in"] {
            let s = scenario(name);
            let mut params = s.params.clone();
            params.scenes = generated.scenes;
            params.frames = generated.frames;
            params.characters = generated.characters;
            params.videos_per_character = generated.videos_per_character;
            params.reroll_rate = generated.reroll_rate;
            params.videos_per_month = generated.videos_per_month;
            params.resolution = generated.resolution.clone();
            analyses_agree(&s, &params, videos)?;
        }
    }

    #[test]
    fn each_augmentation_image_costs_four_cents_a_character(params in atve_params(), images in 0u32..=100) {
        // A character's augmentation images are `count = "augmentations"` at $0.04 each, spread
        // over videos_per_character: the bill is linear in them at any other parameters.
        let (s, c) = (scenario("atve"), catalogs());
        let mut none = params.clone();
        none.set("augmentations", "0").unwrap();
        let mut some = params.clone();
        some.set("augmentations", &images.to_string()).unwrap();
        let (base, with) = (bill(&s, &c, &none).totals.per_video, bill(&s, &c, &some).totals.per_video);
        let per_character = Decimal::new(4, 2) * Decimal::from(images);
        // Characters / videos per character (1/6, 1/7) is rounded at the 28th decimal place.
        let gap = (with - base) * Decimal::from(params.videos_per_character) - per_character * Decimal::from(params.characters);
        prop_assert!(gap.abs() < Decimal::new(1, 22), "{}", gap);
    }

    #[test]
    fn expressions_never_panic_on_any_text(text in "[ -~]{0,60}", value in -1000i64..1000) {
        let scenario_text = format!(
            "[parameters]\nx = {value}\ny = 2.5\n\n[[video]]\nmodel = \"fal-ai/kokoro\"\ncount = {}\n",
            toml::Value::String(text)
        );
        if let Ok(s) = load_scenario(&SourceFile::new("e.toml", scenario_text)) {
            let _ = evaluate(&s, &catalogs(), &s.params);
        }
    }

    #[test]
    fn setting_a_parameter_to_its_value_changes_nothing(params in atve_params(), which in 0usize..12) {
        let name = reelcost::engine::PARAMETER_NAMES[which];
        let mut after = params.clone();
        if let Some(value) = params.get(name).filter(|v| !v.is_empty()) {
            after.set(name, &value).unwrap();
        }
        prop_assert_eq!(&after, &params);
        let (s, c) = (scenario("atve"), catalogs());
        prop_assert_eq!(bill(&s, &c, &after).totals, bill(&s, &c, &params).totals);
    }
}

#[test]
fn overflow_is_an_error_at_the_line_not_a_panic() {
    let catalog = "provider = \"P\"\ncurrency = \"USD\"\n[[model]]\nid = \"p/img\"\nkind = \"image\"\nunit = \"image\"\nprice = \"79228162514264337593543950335\"\n";
    let c = load_catalogs(&[SourceFile::new("p.toml", catalog)]).unwrap();
    let s = load_scenario(&SourceFile::new(
        "s.toml",
        "[parameters]\nscenes = 3\n[[scene]]\nmodel = \"p/img\"\ncount = 2\n",
    ))
    .unwrap();
    let err = evaluate(&s, &c, &s.params).unwrap_err();
    assert!(err.0[0].message.contains("too large"), "{err}");
    assert_eq!(err.0[0].location(), "s.toml:4:9");
}

/// The amortisation sweep, the model alternatives and the price cliffs give what whole
/// evaluations at their parameters give.
fn analyses_agree(s: &Scenario, params: &Params, videos: u32) -> Result<(), TestCaseError> {
    use reelcost::engine::Kind;
    use reelcost::engine::analysis::{amortisation, cliffs, clip_steps, video_alternatives};
    use reelcost::engine::bill::reprice_swapped;
    let c = catalogs();
    let Ok(b) = evaluate(s, &c, params) else {
        return Ok(());
    };
    let at = |change: &dyn Fn(&mut Params)| {
        let mut p = params.clone();
        change(&mut p);
        evaluate(s, &c, &p).map(|b| b.totals)
    };
    for point in amortisation(s, &c, params, videos..=videos) {
        let whole = at(&|p| p.videos_per_character = videos).unwrap();
        prop_assert_eq!(point.per_video, whole.per_video);
        prop_assert_eq!(point.per_finished_second, whole.per_finished_second);
    }
    let alternatives = video_alternatives(s, &c, params);
    let fitting = c
        .models()
        .filter(|m| m.kind == Kind::Video && at(&|p| p.video_model = Some(Arc::clone(&m.id))).is_ok())
        .count();
    if !alternatives.is_empty() {
        prop_assert_eq!(alternatives.len(), fitting);
    }
    for alternative in &alternatives {
        let whole = at(&|p| p.video_model = Some(Arc::clone(&alternative.model.id))).unwrap();
        prop_assert_eq!(alternative.per_video, whole.per_video);
    }
    // The list keeps only the cost per video; the swap it is priced by gives whole totals, which
    // are those of a whole evaluation.
    let clips = clip_steps(s, &c);
    for model in c.models().filter(|m| m.kind == Kind::Video) {
        let mut with = params.clone();
        with.video_model = Some(Arc::clone(&model.id));
        if let Ok(swapped) = reprice_swapped(s, &c, &with, &b, &clips) {
            prop_assert_eq!(&swapped, &evaluate(s, &c, &with).map(|b| b.totals).unwrap());
        }
    }
    for cliff in cliffs(s, &c, params, &b) {
        let frames = cliff.frames;
        let whole = at(&|p| p.frames = frames).unwrap();
        prop_assert_eq!(cliff.saving, b.totals.per_video - whole.per_video);
    }
    Ok(())
}
