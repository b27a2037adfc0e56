//! Imported video models price a clip exactly as litellm does, rate x seconds, with the rate
//! litellm would pick, computed here from the fixture's own JSON text; and where litellm would
//! find no rate and bill $0, reelcost refuses to price.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeMap;
use std::str::FromStr;

use reelcost::engine::{Catalogs, SourceFile, evaluate, load_catalogs, load_scenario};
use reelcost::import::{self, Header, Options};
use rust_decimal::Decimal;
use serde_json::value::RawValue;

const FIXTURE: &str = include_str!("fixtures/litellm/model_prices.json");

fn catalogs_from(json: &str) -> Catalogs {
    let imported = import::import(json, &Options::default()).unwrap();
    let header = Header {
        source: "model_prices.json",
        as_of: "2026-11-22",
    };
    let files: Vec<_> = imported
        .providers()
        .into_iter()
        .map(|p| SourceFile::new(import::file_name(p), imported.catalog_text(p, &header)))
        .collect();
    load_catalogs(&files).unwrap()
}

/// The per-second rate litellm's `video_generation_cost` uses: `output_cost_per_video_per_second`
/// first, else `output_cost_per_second_<resolution>`, else `output_cost_per_second`; read from
/// the JSON text so that no binary float stands between the file and the figure.
fn litellm_rate(id: &str, resolution: &str) -> Option<Decimal> {
    let all: BTreeMap<String, BTreeMap<String, &RawValue>> = serde_json::from_str(FIXTURE).unwrap();
    let entry = &all[id];
    let field = |name: &str| {
        entry.get(name).map(|raw| {
            Decimal::from_scientific(raw.get())
                .or_else(|_| Decimal::from_str(raw.get()))
                .unwrap()
        })
    };
    field("output_cost_per_video_per_second")
        .or_else(|| field(&format!("output_cost_per_second_{}", resolution.to_lowercase())))
        .or_else(|| field("output_cost_per_second"))
}

fn scenario(model: &str, resolution: &str, seconds: &str) -> String {
    format!(
        "name = \"{model}\"\n\n[parameters]\nseconds = {seconds}\nfps = 24\nresolution = \"{resolution}\"\n\n\
         [[scene]]\nlabel = \"clip\"\nmodel = \"{model}\"\n"
    )
}

fn price(catalogs: &Catalogs, model: &str, resolution: &str, seconds: &str) -> Result<Decimal, String> {
    let file = SourceFile::new("clip.toml", scenario(model, resolution, seconds));
    let scenario = load_scenario(&file).unwrap();
    evaluate(&scenario, catalogs, &scenario.params)
        .map(|bill| bill.totals.per_video)
        .map_err(|e| e.0[0].message.clone())
}

#[test]
fn three_imported_video_models_at_two_resolutions_and_two_lengths_cost_rate_times_seconds() {
    let catalogs = catalogs_from(FIXTURE);
    let cases = [
        // Per-resolution rates, each different from the plain one at 1080p.
        ("fal_ai/bytedance/seedance-2.0/image-to-video", ["720p", "1080p"]),
        ("xai/grok-imagine-video", ["480p", "720p"]),
        // No 720p rate: litellm falls back to output_cost_per_second.
        ("gemini/veo-3.1-lite-generate-preview", ["720p", "1080p"]),
    ];
    let mut checked = 0;
    for (model, resolutions) in cases {
        for resolution in resolutions {
            for seconds in ["5", "8.5"] {
                let rate = litellm_rate(model, resolution).unwrap();
                let expected = rate * Decimal::from_str(seconds).unwrap();
                let ours = price(&catalogs, model, resolution, seconds).unwrap();
                assert_eq!(ours, expected, "{model} at {resolution} for {seconds} s");
                checked += 1;
            }
        }
    }
    assert_eq!(checked, 12);
    // Spot figures, so a wrong rate choice on both sides cannot pass unseen.
    assert_eq!(
        price(&catalogs, "fal_ai/bytedance/seedance-2.0/image-to-video", "1080p", "5").unwrap(),
        Decimal::from_str("3.41").unwrap()
    );
    assert_eq!(
        price(&catalogs, "gemini/veo-3.1-lite-generate-preview", "720p", "8.5").unwrap(),
        Decimal::from_str("0.425").unwrap()
    );
}

#[test]
fn a_per_video_second_rate_ignores_the_resolution_as_litellm_does() {
    let catalogs = catalogs_from(FIXTURE);
    for resolution in ["720p", "1080p", "4k"] {
        let expected = litellm_rate("sora-2-pro-high-res", resolution).unwrap() * Decimal::from(12);
        assert_eq!(
            price(&catalogs, "sora-2-pro-high-res", resolution, "12").unwrap(),
            expected
        );
    }
}

#[test]
fn where_litellm_finds_no_rate_and_bills_zero_reelcost_refuses() {
    // A model priced only at 720p: litellm would return $0.00 for a 1080p clip.
    let json = r#"{"only/720p": {"litellm_provider": "p", "mode": "video_generation",
        "output_cost_per_second_720p": 0.2}}"#;
    let catalogs = catalogs_from(json);
    assert_eq!(price(&catalogs, "only/720p", "720p", "5").unwrap(), Decimal::ONE);
    let refused = price(&catalogs, "only/720p", "1080p", "5").unwrap_err();
    assert!(
        refused.contains("resolution 1080p is not offered (offered: 720p)"),
        "{refused}"
    );
}
