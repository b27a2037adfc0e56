//! The formula rules, each against the engine's rule it mirrors.

use super::*;
use crate::export::xlsx::prices::RateRef;

fn wan() -> (std::sync::Arc<Model>, Step) {
    let project = crate::cli::load_project("atve", None).expect("atve");
    let step = project
        .scenario
        .steps
        .iter()
        .find(|s| &*s.model == "fal-ai/wan-i2v")
        .expect("the clip step")
        .clone();
    let model = std::sync::Arc::clone(project.catalogs.model("fal-ai/wan-i2v").expect("WAN"));
    (model, step)
}

fn refs(rates: usize, factors: usize) -> PricingRefs {
    PricingRefs {
        rates: (0..rates)
            .map(|i| RateRef {
                price: format!("R{i}"),
                output: None,
            })
            .collect(),
        factors: (0..factors).map(|i| format!("M{i}")).collect(),
        base: None,
        free: None,
    }
}

#[test]
fn known_conditions_fold_away() {
    assert_eq!(all([Cond::Always, Cond::Always]), Cond::Always);
    assert_eq!(all([Cond::When("a".into()), Cond::Never]), Cond::Never);
    assert_eq!(all([Cond::When("a".into()), Cond::Always]), Cond::When("a".into()));
    assert_eq!(
        all([Cond::When("a".into()), Cond::When("b".into())]),
        Cond::When("AND(a,b)".into())
    );
}

#[test]
fn text_from_files_is_a_safe_literal() {
    assert_eq!(text("720p"), "\"720p\"");
    assert_eq!(text("a\"b\u{1b}[31m"), "\"a\"\"b[31m\"");
}

#[test]
fn wans_rate_is_looked_up_by_resolution_and_its_multiplier_fires_above_81_frames() {
    let (model, step) = wan();
    let options = Options::of(&step, &model, "E5".into(), "F5".into());
    let rate = rate(&model.pricing, model.kind, &step, &options, &refs(2, 1));
    // WAN has no audio price: a clip with audio has no rate.
    assert_eq!(
        rate,
        "=IF(audio,NA(),IF(resolution=\"480p\",R0,IF(resolution=\"720p\",R1,NA())))"
    );
    assert_eq!(factor(&model.pricing, &options, &refs(2, 1)), "=IF(F5>81,M0,1)");
    assert_eq!(
        clip_seconds(&step, &model.limits, "F5", true),
        "=IF(OR(F5>100),NA(),seconds)"
    );
}

#[test]
fn a_step_that_fixes_its_options_needs_no_lookup() {
    let (model, mut step) = wan();
    step.resolution = Some("720p".into());
    step.audio = Some(false);
    let options = Options::of(&step, &model, "E5".into(), "F5".into());
    assert_eq!(rate(&model.pricing, model.kind, &step, &options, &refs(2, 1)), "=R1");
}

#[test]
fn quantities_rerolls_and_runs_are_formulas_over_the_parameters() {
    let (model, mut step) = wan();
    step.count = Quantity::Fixed(rust_decimal::Decimal::new(35, 0));
    step.retry_rate = Quantity::Fixed(rust_decimal::Decimal::new(5, 2));
    assert_eq!(count(&step), "=35");
    assert_eq!(attempts(&step, &model), "=1/(1-reroll_rate)*1/(1-0.05)");
    assert_eq!(
        runs(crate::engine::Stage::Character),
        "=characters/videos_per_character"
    );
    assert_eq!(runs(crate::engine::Stage::Month), "=1/videos_per_month");
}
