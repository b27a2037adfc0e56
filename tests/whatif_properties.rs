//! Properties of the uncertainty band: reproducible for a seed, percentiles in order and within
//! the exact bounds, whatever the pipeline and the ranges.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use proptest::prelude::*;
use reelcost::builtin;
use reelcost::engine::catalog::Amount;
use reelcost::engine::whatif::inputs::{prices_in_use, with_prices};
use reelcost::engine::whatif::uncertainty;
use reelcost::engine::whatif::uncertainty::Spread;
use reelcost::engine::{Catalogs, SourceFile, evaluate, load_catalogs, load_scenario};

fn catalogs() -> Catalogs {
    let files: Vec<_> = builtin::CATALOGS.iter().map(|(n, t)| SourceFile::new(*n, *t)).collect();
    load_catalogs(&files).unwrap()
}

/// A scenario mixing ranged prices (Veo 3.1 Fast, Sora 2 Pro, the Azure baseline) with exact ones.
fn scenario(scenes: u32, seconds: u32, veo: u32, sora: u32, images: u32, reroll: u32, month: bool) -> String {
    let mut text = format!(
        "[parameters]\nscenes = {scenes}\nseconds = {seconds}\nfps = 24\nreroll_rate = 0.{reroll:02}\nvideos_per_month = 500\n"
    );
    text += &format!("\n[[scene]]\nlabel = \"Veo\"\nmodel = \"google/veo-3.1-fast\"\ncount = {veo}\n");
    text += &format!("\n[[scene]]\nlabel = \"Sora\"\nmodel = \"openai/sora-2-pro\"\ncount = {sora}\n");
    text += &format!("\n[[video]]\nlabel = \"Images\"\nmodel = \"fal-ai/flux-pro/kontext\"\ncount = {images}\n");
    if month {
        text += "\n[[month]]\nlabel = \"Hosting\"\nmodel = \"azure/container-apps-baseline\"\n";
    }
    text
}

fn ordered(s: &Spread) -> bool {
    s.low <= s.p10 && s.p10 <= s.p50 && s.p50 <= s.p90 && s.p90 <= s.high
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn monte_carlo_is_reproducible_and_inside_the_exact_bounds(
        scenes in 1u32..6,
        seconds in 4u32..12,
        veo in 0u32..3,
        sora in 0u32..3,
        images in 0u32..5,
        reroll in 0u32..30,
        month in any::<bool>(),
        seed in any::<u64>(),
        samples in 1u32..400,
    ) {
        let catalogs = catalogs();
        let text = scenario(scenes, seconds, veo, sora, images, reroll, month);
        let scenario = load_scenario(&SourceFile::new("p.toml", text)).unwrap();
        let params = &scenario.params;
        let band = uncertainty(&scenario, &catalogs, params, samples, seed).unwrap();
        let again = uncertainty(&scenario, &catalogs, params, samples, seed).unwrap();
        prop_assert_eq!(&band, &again);
        let ranged = veo > 0 || sora > 0 || month;
        prop_assert_eq!(band.is_some(), ranged);
        if let Some(band) = band {
            prop_assert!(ordered(&band.per_video), "{:?}", band.per_video);
            prop_assert!(ordered(&band.per_month), "{:?}", band.per_month);
            if let Some(fs) = &band.per_finished_second {
                prop_assert!(ordered(fs), "{:?}", fs);
            }
            // The bounds are the bill with every range at its low end, and at its high end.
            let bill = evaluate(&scenario, &catalogs, params).unwrap();
            prop_assert!(band.per_video.low <= bill.totals.per_video);
            prop_assert!(bill.totals.per_video <= band.per_video.high);
            let ranges: Vec<_> = prices_in_use(&bill)
                .into_iter()
                .filter_map(|p| match p.amount() {
                    Some(Amount::Range { low, high }) => Some((p, low, high)),
                    _ => None,
                })
                .collect();
            let at = |high: bool| {
                let changes: Vec<_> = ranges.iter().map(|(p, l, h)| (p, if high { *h } else { *l })).collect();
                evaluate(&scenario, &with_prices(&catalogs, &changes), params).unwrap().totals
            };
            prop_assert_eq!(band.per_video.low, at(false).per_video);
            prop_assert_eq!(band.per_video.high, at(true).per_video);
            prop_assert_eq!(band.per_month.high, at(true).per_month);
        }
    }
}
