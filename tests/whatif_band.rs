//! The uncertainty band through the shipped catalogs and scenarios: exact bounds checked against
//! arithmetic done by hand in the comments, percentiles against the distributions' own.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;
use std::str::FromStr;

use reelcost::engine::money;
use reelcost::engine::whatif;
use reelcost::project::{self, Project, ScenarioSource};
use rust_decimal::Decimal;

fn d(text: &str) -> Decimal {
    Decimal::from_str(text).unwrap()
}

fn project(name: &str) -> Project {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(format!("scenarios/{name}.toml"));
    project::load(&ScenarioSource::File(path), None).unwrap()
}

// ------------------------------------------------------------------ uncertainty

#[test]
fn exact_bounds_from_a_ranged_price_and_a_ranged_rate() {
    // atve all in: the reroll rate is "about 10-12%" (0.11, range 0.10-0.12) and Azure's Container
    // Apps baseline "~$30-50/month" ($40 at the midpoint) over 1,000 videos a month.
    // Rerolled scene lines: keyframe $0.05 + clip $0.50 = $0.55 x 4 scenes = $2.20, / (1 - rate).
    // The rest: voice $0.02 + sanitisation $0.0032 + characters $0.79 + brief $0.0008 = $0.814.
    // Low: 2.20 / 0.90 + 0.814 + 30 / 1000 = 2.4444... + 0.844 = $3.288444...
    // High: 2.20 / 0.88 + 0.814 + 50 / 1000 = 2.5 + 0.864 = $3.364 exactly.
    let p = project("atve-all-in");
    let band = whatif::uncertainty(&p.scenario, &p.catalogs, &p.scenario.params, 10_000, 1)
        .unwrap()
        .expect("ranges");
    let names: Vec<&str> = band.inputs.iter().map(|i| i.name.as_str()).collect();
    assert_eq!(names, ["reroll_rate", "azure/container-apps-baseline"]);
    assert_eq!(
        money::round(band.per_video.low, 20),
        money::round(d("2.2") / d("0.9") + d("0.844"), 20)
    );
    // Equal to 20 places: 1 / 0.88 is rounded at the 28th digit.
    let r = |v: Decimal| money::round(v, 20);
    assert_eq!(r(band.per_video.high), d("3.364"));
    // Per month: x 1,000 videos; per finished second: / 16 s.
    assert_eq!(r(band.per_month.high), d("3364"));
    assert_eq!(r(band.per_finished_second.unwrap().high), d("0.21025"));
    assert!(band.not_monotone.is_empty());
    let s = band.per_video;
    assert!(s.low <= s.p10 && s.p10 <= s.p50 && s.p50 <= s.p90 && s.p90 <= s.high);
}

#[test]
fn veo_fast_range_on_a_ten_second_clip() {
    // Veo 3.1 Fast "~$0.10-$0.15/sec" for 10 s: $1.00 to $1.50 a clip, midpoint $1.25.
    let p = project("kling-o3");
    let mut params = p.scenario.params.clone();
    params.set("audio", "false").unwrap();
    params.set("video_model", "google/veo-3.1-fast").unwrap();
    let band = whatif::uncertainty(&p.scenario, &p.catalogs, &params, 2_000, 42)
        .unwrap()
        .unwrap();
    assert_eq!((band.per_video.low, band.per_video.high), (d("1"), d("1.5")));
    assert_eq!((band.per_month.low, band.per_month.high), (d("1000"), d("1500")));
    let again = whatif::uncertainty(&p.scenario, &p.catalogs, &params, 2_000, 42)
        .unwrap()
        .unwrap();
    assert_eq!(band, again, "the same seed draws the same samples");
}

#[test]
fn no_range_no_band() {
    let p = project("atve");
    assert!(
        whatif::uncertainty(&p.scenario, &p.catalogs, &p.scenario.params, 100, 1)
            .unwrap()
            .is_none()
    );
}

#[test]
fn a_triangular_band_is_narrower_than_a_uniform_one() {
    // Veo 3.1 Fast's $0.10-$0.15/s on a 10 s clip: $1.00-$1.50, peaked at $1.25. P10 solves
    // (x - 1)^2 / (0.5 x 0.25) = 0.1: x = 1 + sqrt(0.0125) = $1.1118 (uniform: $1.05).
    use reelcost::engine::whatif::uncertainty::{Distribution, Sampling, uncertainty_with};
    let p = project("kling-o3");
    let mut params = p.scenario.params.clone();
    params.set("audio", "false").unwrap();
    params.set("video_model", "google/veo-3.1-fast").unwrap();
    let sampling = Sampling {
        samples: 10_000,
        seed: 5,
        distribution: Distribution::Triangular,
    };
    let band = uncertainty_with(&p.scenario, &p.catalogs, &params, sampling)
        .unwrap()
        .unwrap();
    assert_eq!(band.distribution, Distribution::Triangular);
    assert!(
        (band.per_video.p10 - d("1.1118")).abs() < d("0.01"),
        "{:?}",
        band.per_video
    );
    assert!(
        (band.per_video.p90 - d("1.3882")).abs() < d("0.01"),
        "{:?}",
        band.per_video
    );
    // The bounds do not depend on how the samples are spread.
    assert_eq!((band.per_video.low, band.per_video.high), (d("1"), d("1.5")));
}

fn shipped_catalogs() -> reelcost::engine::Catalogs {
    project("atve").catalogs
}

#[test]
fn a_ranged_volume_spreads_each_total_from_its_own_point() {
    // $45 a month of hosting over 500-2,000 videos: $0.0225-$0.09 a video, plus a $0.04 image.
    // Per video falls with volume while per month rises: 500 x $0.13 = $65, 2,000 x $0.0625 = $125.
    let text = "[parameters]\nvideos_per_month = { value = 1000, low = 500, high = 2000 }\n\n\
                [[video]]\nmodel = \"fal-ai/flux-pro/kontext\"\n\n\
                [[month]]\nmodel = \"azure/container-apps-baseline\"\n";
    let scenario = reelcost::engine::load_scenario(&reelcost::engine::SourceFile::new("v.toml", text)).unwrap();
    let catalogs = shipped_catalogs();
    let band = whatif::uncertainty(&scenario, &catalogs, &scenario.params, 5_000, 9)
        .unwrap()
        .unwrap();
    // Low: $30 over 2,000 videos + $0.04 = $0.055; high: $50 over 500 + $0.04 = $0.14.
    assert_eq!((band.per_video.low, band.per_video.high), (d("0.055"), d("0.14")));
    // Per month: 500 x (30 / 500 + 0.04) = $50; 2,000 x (50 / 2,000 + 0.04) = $130.
    assert_eq!((band.per_month.low, band.per_month.high), (d("50"), d("130")));
    let m = band.per_month;
    assert!(
        m.low <= m.p10 && m.p10 <= m.p50 && m.p50 <= m.p90 && m.p90 <= m.high,
        "{m:?}"
    );
    assert!(band.per_finished_second.is_none(), "no video, no per-second band");
}

#[test]
fn a_total_that_is_not_monotone_is_named() {
    // WAN per clip, finished seconds the clip length: per finished second falls as frames grow
    // from 60 to 81, jumps at 82 (x1.25), then falls again: not monotone in frames.
    let text = "[parameters]\nscenes = 4\nfps = 16\nresolution = \"720p\"\n\
                frames = { value = 100, low = 60, high = 100 }\n\n\
                [[scene]]\nmodel = \"fal-ai/wan-i2v\"\n";
    let scenario = reelcost::engine::load_scenario(&reelcost::engine::SourceFile::new("f.toml", text)).unwrap();
    let band = whatif::uncertainty(&scenario, &shipped_catalogs(), &scenario.params, 2_000, 3)
        .unwrap()
        .unwrap();
    assert_eq!(band.not_monotone, ["frames"]);
    // Per video is monotone: 4 x $0.40 up to 81 frames, 4 x $0.50 above.
    assert_eq!((band.per_video.low, band.per_video.high), (d("1.6"), d("2")));
}
