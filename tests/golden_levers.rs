//! Golden figures for the levers a founder pulls, computed through the shipped files: the
//! scenario's own parameters, a step's model, and the price, credits and margin of a sale.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;
use std::str::FromStr;

use reelcost::cli::apply_sets;
use reelcost::engine::{Bill, Diagnostics, SaleTotals, Warning, evaluate};
use reelcost::format::{Currency, warning};
use reelcost::project::{self, Project, ScenarioSource};
use rust_decimal::Decimal;

/// A warning in the words the reports use, in the shipped (dollar) files' currency.
trait Said {
    fn message(&self) -> String;
    fn headline(&self) -> String;
}

impl Said for Warning {
    fn message(&self) -> String {
        warning::message(&self.kind, &Currency::of("USD"))
    }

    fn headline(&self) -> String {
        warning::diagnostic(self, &Currency::of("USD")).headline()
    }
}

fn d(text: &str) -> Decimal {
    Decimal::from_str(text).unwrap()
}

fn project(name: &str) -> Project {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(format!("scenarios/{name}.toml"));
    project::load(&ScenarioSource::File(path), None).unwrap()
}

fn try_bill(name: &str, sets: &[&str]) -> Result<Bill, Diagnostics> {
    let project = project(name);
    let mut params = project.scenario.params.clone();
    let sets: Vec<String> = sets.iter().map(|s| s.to_string()).collect();
    apply_sets(&mut params, &sets)?;
    evaluate(&project.scenario, &project.catalogs, &params)
}

fn bill(name: &str, sets: &[&str]) -> Bill {
    try_bill(name, sets).unwrap_or_else(|e| panic!("{name} {sets:?}: {e}"))
}

fn sale(name: &str, sets: &[&str]) -> SaleTotals {
    *bill(name, sets).totals.sale.unwrap()
}

fn per_video(name: &str, sets: &[&str]) -> Decimal {
    bill(name, sets).totals.per_video
}

#[test]
fn atve_cutting_the_augmentations_saves_the_teardowns_dollar_forty_per_character() {
    // "Replacing the 35-image Kontext-Pro augmentation set ... would save ~$1.40 per
    // character": 35 images x $0.04 (FLUX Kontext Pro) = $1.40 for each character set up.
    // Spread over a video's 2 characters, each used for 5 videos, that is 1.40 x 2 / 5 =
    // $0.56 a video: $3.014 -> $2.454.
    let full = per_video("atve", &[]);
    let none = per_video("atve", &["augmentations=0"]);
    assert_eq!(full, d("3.014"));
    assert_eq!(none, d("2.454"));
    assert_eq!(full - none, d("0.56"));
    let per_character = (full - none) * d("5") / d("2");
    assert_eq!(per_character, d("1.40"));
    // The line the parameter feeds is the one that goes.
    let b = bill("atve", &["augmentations=0"]);
    let line = b
        .lines
        .iter()
        .find(|l| l.label.starts_with("Training augmentations"))
        .unwrap();
    assert_eq!(line.quantity, Decimal::ZERO);
    assert_eq!(line.per_video, Decimal::ZERO);
    // The declared bounds hold: 0-100.
    let refused = try_bill("atve", &["augmentations=120"]).unwrap_err();
    assert!(refused.to_string().contains("from 0 to 100"), "{refused}");
}

#[test]
fn atve_one_style_option_instead_of_four() {
    // "Style transfer (4 cartoon options) FLUX Kontext Pro x 4 $0.16": at one option it is
    // $0.04 a character, $0.12 less; over 2 characters x 5 videos, 0.12 x 2 / 5 = $0.048 a
    // video: $3.014 -> $2.966.
    assert_eq!(per_video("atve", &["style_options=1"]), d("2.966"));
    // Both levers at once: 3.014 - 0.56 - 0.048.
    assert_eq!(per_video("atve", &["style_options=1", "augmentations=0"]), d("2.406"));
    // A fractional option is refused where it is set, not priced.
    let refused = try_bill("atve", &["style_options=1.5"]).unwrap_err();
    assert!(refused.to_string().contains("not a whole number"), "{refused}");
}

#[test]
fn atve_a_step_model_swap_via_set() {
    // The keyframe on single-image Kontext Pro ($0.04) instead of Multi-Kontext ($0.05):
    // 4 scenes x $0.01 = $0.04 a video less, $3.014 -> $2.974.
    let b = bill("atve", &["keyframe-multi-character.model=fal-ai/flux-pro/kontext"]);
    assert_eq!(b.totals.per_video, d("2.974"));
    let keyframe = &b.lines[0];
    assert_eq!(&*keyframe.model.id, "fal-ai/flux-pro/kontext");
    assert_eq!(keyframe.per_video, d("0.16"));
    // The voice on another audio model is the same lever: Kokoro $0.005 a call.
    let voice = bill("atve", &["voice-line.model=fal-ai/kokoro"]);
    assert_eq!(voice.totals.per_video, d("3.014"));
    // `video_model` stays the clip step's alias, and the step's own name does the same.
    assert_eq!(
        per_video("atve", &["video_model=fal-ai/kling-video/v2.1/pro"]),
        per_video("atve", &["animated-clip.model=fal-ai/kling-video/v2.1/pro"])
    );
}

#[test]
fn a_swap_to_a_model_that_cannot_take_the_step_says_what_it_lacks() {
    // An image step cannot be priced by a language model.
    let err = try_bill("atve", &["keyframe-multi-character.model=anthropic/claude-3-5-haiku"]).unwrap_err();
    let text = err.to_string();
    assert!(
        text.contains("keyframe-multi-character.model = anthropic/claude-3-5-haiku: anthropic/claude-3-5-haiku makes text, but this step makes images"),
        "{text}"
    );
    // A per-megapixel image model needs an output size the keyframe step does not give.
    let err = try_bill("atve", &["keyframe-multi-character.model=fal-ai/z-image/turbo"]).unwrap_err();
    let text = err.to_string();
    assert!(text.contains("fal-ai/z-image/turbo cannot price this step"), "{text}");
    assert!(
        text.contains("an output size (width and height, or megapixels)"),
        "{text}"
    );
    // A step that does not exist is refused at the setting, with the closest id.
    let err = try_bill("atve", &["keyframe.model=fal-ai/flux-pro/kontext"]).unwrap_err();
    assert!(
        err.to_string()
            .contains("did you mean `keyframe-multi-character.model`?"),
        "{err}"
    );
}

#[test]
fn natak_credit_table_on_every_pack() {
    // Section 9's packs: Starter 100 credits @ $5, Pro 500 @ $20, Agency 2000 @ $60, that is
    // $0.05, $0.04 and $0.03 a credit.
    for (pack, each) in [("Starter", "0.05"), ("Pro", "0.04"), ("Agency", "0.03")] {
        let s = sale("natak-basic-image", &[&format!("pack={pack}")]);
        assert_eq!(s.credits, Some((d("1"), d(each))), "{pack}");
    }
    // Each row's margin on each pack: credits x credit price - cost. The sheet's own figure is
    // the one marked; `-` rows lose money.
    //   row             credits  cost        Starter     Pro           Agency
    let rows = [
        ("natak-basic-image", "0.013", ["0.037", "0.027", "0.017"]), // sheet: $0.027 (Pro)
        (
            "natak-premium-image",
            "0.0642144",
            ["0.0357856", "0.0157856", "-0.0042144"],
        ), // $0.016 (Pro)
        ("natak-nsfw-video", "0.213", ["0.037", "-0.013", "-0.063"]), // $0.04 (Starter)
        ("natak-premium-video", "0.713", ["0.037", "-0.113", "-0.263"]), // $0.08: no pack
        ("natak-character-setup", "2.04075", ["0.45925", "-0.04075", "-0.54075"]), // $2.05: none
    ];
    for (name, cost, margins) in rows {
        assert_eq!(per_video(name, &[]), d(cost), "{name}");
        for (pack, margin) in ["Starter", "Pro", "Agency"].into_iter().zip(margins) {
            let s = sale(name, &[&format!("pack={pack}")]);
            assert_eq!(s.margin_per_video, d(margin), "{name} on {pack}");
        }
    }
    // The packs each scenario names reproduce the sheet's printed margins where they hold.
    assert_eq!(sale("natak-basic-image", &[]).pack.as_deref(), Some("Pro"));
    assert_eq!(sale("natak-nsfw-video", &[]).pack.as_deref(), Some("Starter"));
    // A pack that is not on sale is refused with the nearest name.
    let err = try_bill("natak-basic-image", &["pack=Agncy"]).unwrap_err();
    assert!(err.to_string().contains("did you mean `Agency`?"), "{err}");
}

#[test]
fn natak_premium_video_break_even_and_profit_per_month() {
    // 15 credits at the Starter pack's $0.05 = $0.75 a video; cost $0.713.
    let s = sale("natak-premium-video", &[]);
    assert_eq!(s.price, d("0.75"));
    assert_eq!(s.revenue_per_video, d("0.75"));
    // Margin 0.75 - 0.713 = $0.037, 0.037 / 0.75 = 4.93% of revenue.
    assert_eq!(s.margin_per_video, d("0.037"));
    assert_eq!(s.margin_share.map(|m| m.round_dp(4)), Some(d("0.0493")));
    // 1,000 videos a month: revenue $750, profit 1,000 x 0.037 = $37.
    assert_eq!(s.revenue_per_month, d("750"));
    assert_eq!(s.profit_per_month, d("37"));
    // A 50% margin needs revenue of cost / (1 - 0.5) = 0.713 / 0.5 = $1.426 a video.
    assert_eq!(s.break_even_price, Some(d("1.426")));
    // With a free tier where 40% of videos pay, each paying video must carry 1 / 0.4 of the
    // cost: 0.713 / (0.5 x 0.4) = $3.565. Revenue per video made 0.75 x 0.4 = $0.30, margin
    // 0.30 - 0.713 = -$0.413, profit per month 1,000 x -0.413 = -$413.
    let free = sale("natak-premium-video", &["paid_share=40%"]);
    assert_eq!(free.break_even_price, Some(d("3.565")));
    assert_eq!(free.revenue_per_video, d("0.30"));
    assert_eq!(free.margin_per_video, d("-0.413"));
    assert_eq!(free.profit_per_month, d("-413"));
    // Without a target, break-even is zero margin: 0.713 / 0.4 = $1.7825.
    let none = sale("natak-premium-video", &["paid_share=0.4", "target_margin="]);
    assert_eq!(none.break_even_price, Some(d("1.7825")));
    // A price per video in place of credits: $1.426 meets the 50% target exactly.
    let priced = sale("natak-premium-video", &["price=1.426"]);
    assert_eq!(priced.margin_share, Some(d("0.5")));
    assert_eq!(priced.credits, None);
}

fn scenario_with(text: &str) -> Result<Bill, Diagnostics> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.toml");
    std::fs::write(&path, text).unwrap();
    let catalogs = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("catalogs");
    let p = project::load(&ScenarioSource::File(path), Some(&catalogs))?;
    evaluate(&p.scenario, &p.catalogs, &p.scenario.params)
}

#[test]
fn sources_disagree_only_where_the_step_uses_the_quote() {
    let clip = "[parameters]\nseconds = 5\nfps = 24\nresolution = \"1080p\"\n\n[[scene]]\nmodel = \"kling/v3/text-to-video\"\n";
    // On the catalog's own price the step has chosen no other source: nothing to say.
    let own = scenario_with(clip).unwrap();
    assert!(
        own.warnings.is_empty(),
        "{:?}",
        own.warnings.iter().map(|w| w.headline()).collect::<Vec<_>>()
    );
    // Priced by the roundup's quote, it is told the catalog disagrees.
    let quoted = scenario_with(&format!("{clip}quote = \"teardown-roundup\"\n")).unwrap();
    assert!(
        quoted
            .warnings
            .iter()
            .any(|w| w.message().contains("sources disagree on kling/v3/text-to-video"))
    );
}

#[test]
fn a_usage_field_the_model_does_not_use_is_a_warning_at_its_line() {
    // Kokoro is priced per call: a voice line's length changes nothing.
    let b = scenario_with("[[video]]\nlabel = \"Voice line\"\nmodel = \"fal-ai/kokoro\"\nseconds = 4\n").unwrap();
    let warning = b
        .warnings
        .iter()
        .map(|w| w.headline())
        .find(|w| w.contains("ignored"))
        .unwrap();
    assert!(
        warning.ends_with(
            "s.toml:4:11: warning: seconds is ignored: fal-ai/kokoro (Kokoro TTS, priced per call) does not use it"
        ),
        "{warning}"
    );
    // A field the model does read says nothing.
    let lora = scenario_with("[[video]]\nmodel = \"fal-ai/flux-lora-fast-training\"\nsteps = 1000\n").unwrap();
    assert!(lora.warnings.is_empty());
}

#[test]
fn a_derived_parameter_follows_what_it_reads() {
    // The example: each scene finishes half a second after its voice line.
    let text = "[parameters]\nframes = 100\nfps = 16\nvoice_seconds = 3.5\nfinished_seconds_per_scene = \"voice_seconds + 0.5\"\n\n[[scene]]\nmodel = \"fal-ai/wan-i2v\"\nresolution = \"720p\"\n";
    let b = scenario_with(text).unwrap();
    // One 6.25 s clip at $0.50, 4 s finished: $0.125 a finished second.
    assert_eq!(b.totals.finished_seconds, d("4"));
    assert_eq!(b.totals.per_finished_second, Some(d("0.125")));
    // It cannot be set: it is computed.
    let p = {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.toml");
        std::fs::write(&path, text).unwrap();
        project::load(
            &ScenarioSource::File(path),
            Some(&PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("catalogs")),
        )
        .unwrap()
    };
    let mut params = p.scenario.params.clone();
    let err = params.set("finished_seconds_per_scene", "3").unwrap_err();
    assert_eq!(err.message, "is computed from `voice_seconds + 0.5`");
    params.set("voice_seconds", "2.5").unwrap();
    let b = evaluate(&p.scenario, &p.catalogs, &params).unwrap();
    assert_eq!(b.totals.finished_seconds, d("3"));
    // A value that makes it invalid is refused at the setting, naming what produced it.
    let err = params.set("voice_seconds", "-1").unwrap_err();
    assert!(
        err.message
            .contains("finished_seconds_per_scene = `voice_seconds + 0.5` gives -0.5 (voice_seconds = -1)"),
        "{}",
        err.message
    );
}

#[test]
fn every_step_has_an_id_to_swap_its_model_by() {
    assert_eq!(
        reelcost::engine::scenario::slug("Keyframe (multi-character)"),
        "keyframe-multi-character"
    );
    assert_eq!(
        reelcost::engine::scenario::slug("  LoRA fine-tune (1500 steps) "),
        "lora-fine-tune-1500-steps"
    );
    let ids: Vec<String> = project("atve")
        .scenario
        .steps
        .iter()
        .map(|s| s.id.to_string())
        .collect();
    assert_eq!(
        ids,
        [
            "keyframe-multi-character",
            "animated-clip",
            "voice-line",
            "prompt-sanitisation",
            "visual-description-vision",
            "style-transfer-cartoon-options",
            "training-augmentations",
            "lora-fine-tune-1500-steps",
            "scene-brief"
        ]
    );
    // Two unlabelled steps on one model stay addressable: the second id gets `-2`.
    let b = scenario_with("[[video]]\nmodel = \"fal-ai/kokoro\"\n\n[[video]]\nmodel = \"fal-ai/kokoro\"\n").unwrap();
    assert_eq!(b.lines.len(), 2);
}

#[test]
fn a_parameter_nothing_reads_is_a_warning() {
    let b = scenario_with("[parameters]\nvoice_seconds = 4\n\n[[video]]\nmodel = \"fal-ai/kokoro\"\n").unwrap();
    let warning = b
        .warnings
        .iter()
        .map(|w| w.headline())
        .find(|w| w.contains("voice_seconds"))
        .unwrap();
    assert!(
        warning.ends_with(
            "s.toml:2:17: warning: parameter `voice_seconds` is read by no step: changing it changes nothing"
        ),
        "{warning}"
    );
}

#[test]
fn every_parameter_reads_back_what_was_set() {
    for name in ["atve", "natak-premium-video"] {
        let params = project(name).scenario.params;
        for parameter in params.names() {
            let Some(value) = params.get(&parameter).filter(|v| !v.is_empty()) else {
                continue;
            };
            let mut after = params.clone();
            after
                .set(&parameter, &value)
                .unwrap_or_else(|e| panic!("{name} {parameter}={value}: {e}"));
            assert_eq!(
                after, params,
                "{name}: setting {parameter} to its own value changes nothing"
            );
        }
    }
}

/// A label that states a count a parameter sets goes stale when the parameter moves: atve's
/// augmentations at 0 read "Training augmentations (35 images)" beside a quantity of 0. The
/// quantity column says how many; the labels of counts that follow a parameter carry no number.
#[test]
fn no_shipped_label_states_a_count_that_a_parameter_sets() {
    use reelcost::engine::scenario::Quantity;
    let mut checked = 0;
    for entry in std::fs::read_dir(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("scenarios")).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        for step in project(&name).scenario.steps.iter() {
            if matches!(step.count, Quantity::Expr { .. }) {
                assert!(
                    !step.label.chars().any(|c| c.is_ascii_digit()),
                    "{name}: `{}` follows a parameter but its label states a number",
                    step.label
                );
                checked += 1;
            }
        }
    }
    assert!(checked >= 2, "atve's counts follow its parameters: {checked} checked");
}
