//! Every parameter of a scenario with what a client needs to show and step it: the one list the
//! dashboard's panel, reports and analyses read.

use std::sync::Arc;

use rust_decimal::Decimal;

use super::{MODEL_SUFFIX, NAMES, Params, SALE_NAMES};
use crate::engine::catalog::{Catalogs, Kind as ModelKind, Model};
use crate::engine::scenario::{Scenario, Stage};

/// What sort of value a parameter holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A whole number: scenes, frames, a count of images.
    Whole,
    /// A decimal number: seconds, a scenario's own decimal parameter.
    Decimal,
    /// An amount of money in the bill's currency: a price.
    Money,
    /// A share in [0, 1], read as `0.1` or `10%`.
    Share,
    /// One of a few named values: a resolution, a credit pack.
    Choice,
    /// On or off.
    Bool,
    /// A catalog model id.
    Model,
    /// Computed from an expression over other parameters; read-only.
    Derived,
}

/// A parameter as a client shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParamInfo {
    /// The name `--set`, files and JSON use.
    pub name: String,
    /// A readable name.
    pub label: String,
    /// What it holds.
    pub kind: Kind,
    /// The lowest value it may take, when it has one.
    pub min: Option<Decimal>,
    /// The highest value it may take, when it has one.
    pub max: Option<Decimal>,
    /// How far one step moves it.
    pub step: Option<Decimal>,
    /// The declared range it is believed to lie in: (low, high).
    pub range: Option<(Decimal, Decimal)>,
    /// The values a choice may take (resolutions of the clip model, pack names).
    pub choices: Vec<Arc<str>>,
    /// The expression a derived parameter is computed from.
    pub expression: Option<String>,
    /// The step a model parameter belongs to, as an index of the scenario's steps.
    pub step_index: Option<usize>,
    /// Whether changing it can change this scenario's bill or figures.
    pub matters: bool,
}

fn d(n: i64) -> Option<Decimal> {
    Some(Decimal::from(n))
}

/// The model a step is priced with at these parameters: its own swap, else the clip model
/// swap for a scene step that makes video, else the file's.
pub fn step_model<'c>(
    scenario: &Scenario,
    catalogs: &'c Catalogs,
    params: &Params,
    index: usize,
) -> Option<&'c Arc<Model>> {
    let step = scenario.steps.get(index)?;
    if let Some(id) = params.models.get(index).and_then(Option::as_deref) {
        return catalogs.model(id);
    }
    let own = catalogs.model(&step.model)?;
    match &params.video_model {
        Some(id) if step.stage == Stage::Scene && own.kind == ModelKind::Video => catalogs.model(id),
        _ => Some(own),
    }
}

/// What the scenario does at these parameters, as far as which parameters matter.
struct Context<'c> {
    scene_steps: bool,
    character_steps: bool,
    makes_video: bool,
    clip: Option<&'c Arc<Model>>,
    rerolls: bool,
}

impl<'c> Context<'c> {
    fn new(scenario: &Scenario, catalogs: &'c Catalogs, params: &Params) -> Self {
        let models: Vec<Option<&Arc<Model>>> = (0..scenario.steps.len())
            .map(|i| step_model(scenario, catalogs, params, i))
            .collect();
        let has_stage = |stage| scenario.steps.iter().any(|s| s.stage == stage);
        let steps = || scenario.steps.iter().zip(&models);
        let is = |m: &Option<&Arc<Model>>, kinds: &[ModelKind]| m.is_some_and(|m| kinds.contains(&m.kind));
        Self {
            scene_steps: has_stage(Stage::Scene),
            character_steps: has_stage(Stage::Character),
            makes_video: models.iter().any(|m| is(m, &[ModelKind::Video])),
            clip: steps()
                .find(|(s, m)| s.stage == Stage::Scene && is(m, &[ModelKind::Video]))
                .and_then(|(_, m)| *m),
            rerolls: steps().any(|(s, m)| {
                s.rerolls
                    .unwrap_or(s.stage == Stage::Scene && is(m, &[ModelKind::Video, ModelKind::Image]))
            }),
        }
    }
}

/// Every parameter of the scenario, in display order: built-in, sale, its own, step models.
pub fn describe(scenario: &Scenario, catalogs: &Catalogs, params: &Params) -> Vec<ParamInfo> {
    let context = Context::new(scenario, catalogs, params);
    let mut out: Vec<ParamInfo> = NAMES
        .iter()
        .chain(SALE_NAMES.iter())
        .map(|name| declared(params, builtin(name, &context, params)))
        .collect();
    for custom in &params.schema.custom {
        let info = ParamInfo {
            kind: match (&custom.derived, custom.whole) {
                (Some(_), _) => Kind::Derived,
                (None, true) => Kind::Whole,
                (None, false) => Kind::Decimal,
            },
            step: custom.whole.then_some(Decimal::ONE),
            expression: custom.derived.as_ref().map(|e| e.text().to_owned()),
            matters: custom.used,
            ..ParamInfo::new(&custom.name, readable(&custom.name), Kind::Decimal)
        };
        out.push(declared(params, info));
    }
    for (index, step) in params.schema.steps.iter().enumerate() {
        out.push(ParamInfo {
            step_index: Some(index),
            ..ParamInfo::new(
                &format!("{}{MODEL_SUFFIX}", step.id),
                format!("{} model", step.label),
                Kind::Model,
            )
        });
    }
    out
}

impl ParamInfo {
    /// A parameter that matters, with no bounds, step, range or choices yet.
    fn new(name: &str, label: String, kind: Kind) -> Self {
        Self {
            name: name.to_owned(),
            label,
            kind,
            min: None,
            max: None,
            step: None,
            range: None,
            choices: Vec::new(),
            expression: None,
            step_index: None,
            matters: true,
        }
    }
}

/// A built-in or sale parameter: its label, kind, usual bounds and whether it matters here.
fn builtin(name: &str, c: &Context<'_>, params: &Params) -> ParamInfo {
    let sale = &params.sale;
    let in_credits = sale.credits.is_some();
    let cents = |n| Some(Decimal::new(n, 2));
    let (label, kind, min, max, step, matters) = match name {
        "scenes" => ("Scenes", Kind::Whole, d(1), d(100_000), d(1), c.scene_steps),
        "frames" => ("Frames", Kind::Whole, d(1), d(100_000), d(1), c.makes_video),
        "fps" => ("Frame rate", Kind::Whole, d(1), d(100_000), d(1), c.makes_video),
        "seconds" => ("Clip length", Kind::Decimal, None, None, None, c.makes_video),
        "resolution" => ("Resolution", Kind::Choice, None, None, None, c.makes_video),
        "audio" => ("Audio", Kind::Bool, None, None, None, c.makes_video),
        "characters" => ("Characters", Kind::Whole, d(0), d(100_000), d(1), c.character_steps),
        "videos_per_character" => (
            "Videos per character",
            Kind::Whole,
            d(1),
            d(100_000),
            d(1),
            c.character_steps,
        ),
        "reroll_rate" => ("Reroll rate", Kind::Share, d(0), None, cents(1), c.rerolls),
        "videos_per_month" => ("Videos per month", Kind::Whole, d(1), None, d(100), true),
        "finished_seconds_per_scene" => (
            "Finished seconds per scene",
            Kind::Decimal,
            None,
            None,
            None,
            c.clip.is_some(),
        ),
        "video_model" => ("Clip model", Kind::Model, None, None, None, c.clip.is_some()),
        "price" => (
            "Price per video",
            Kind::Money,
            d(0),
            None,
            cents(5),
            sale.is_set() && !in_credits,
        ),
        "credits" => ("Credits per video", Kind::Decimal, d(0), None, d(1), in_credits),
        "credit_price" => (
            "Credit price",
            Kind::Money,
            d(0),
            None,
            cents(1),
            in_credits && sale.pack.is_none(),
        ),
        "pack" => (
            "Credit pack",
            Kind::Choice,
            None,
            None,
            None,
            in_credits && !params.schema.packs.is_empty(),
        ),
        "target_margin" => ("Target margin", Kind::Share, d(0), None, cents(5), sale.is_set()),
        _ => ("Paid share", Kind::Share, d(0), d(1), cents(5), sale.is_set()),
    };
    let choices = match name {
        "resolution" => c.clip.map(|m| m.pricing.resolutions()).unwrap_or_default(),
        "pack" => params.schema.packs.iter().map(|p| Arc::clone(&p.name)).collect(),
        _ => Vec::new(),
    };
    ParamInfo {
        min,
        max,
        step,
        choices,
        matters,
        ..ParamInfo::new(name, label.to_owned(), kind)
    }
}

/// Applies what the scenario declares (bounds, step, range, label, derivation) over defaults.
fn declared(params: &Params, mut info: ParamInfo) -> ParamInfo {
    if let Some(b) = params.schema.bounds(&info.name) {
        info.min = b.min.or(info.min);
        info.max = b.max.or(info.max);
        info.step = b.step.or(info.step);
        info.range = b.low.zip(b.high);
        if let Some(label) = &b.label {
            info.label = label.to_string();
        }
    }
    if let Some(d) = params.schema.derivation(&info.name) {
        info.kind = Kind::Derived;
        info.expression = Some(d.expression.text().to_owned());
    }
    info
}

/// `voice_seconds` as `Voice seconds`.
fn readable(name: &str) -> String {
    let spaced = name.replace('_', " ");
    let mut chars = spaced.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}
