//! Scenarios: one pipeline's steps per scene, per character, per video and per month, and the
//! parameters it starts from.

use std::collections::BTreeMap;
use std::sync::Arc;

use rust_decimal::Decimal;
use serde::Deserialize;
use toml::Spanned;

use super::number::{self, RawNumber};
use super::params::Params;
use super::source::{Diagnostic, Diagnostics, Origin, SourceFile};
use super::suggest;

/// How often a step runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// Once per scene.
    Scene,
    /// Once per character, spread over the videos made with it.
    Character,
    /// Once per video.
    Video,
    /// Once per month, spread over the month's videos.
    Month,
}

impl Stage {
    /// The stage's name as written in files and reports.
    pub fn name(self) -> &'static str {
        match self {
            Self::Scene => "scene",
            Self::Character => "character",
            Self::Video => "video",
            Self::Month => "month",
        }
    }
}

/// A share of calls that go to another model when the first fails or is down.
#[derive(Debug, Clone)]
pub struct Fallback {
    /// The model calls fail over to.
    pub model: Arc<str>,
    /// The share of calls that fail over, in [0, 1].
    pub share: Decimal,
    /// Where the fallback is written.
    pub origin: Origin,
}

/// One line of a pipeline: a model called some number of times at a stage.
#[derive(Debug, Clone)]
pub struct Step {
    /// When it runs.
    pub stage: Stage,
    /// What it is for.
    pub label: Arc<str>,
    /// The model's id.
    pub model: Arc<str>,
    /// A named quote to price it by, in place of the catalog's own price.
    pub quote: Option<Arc<str>>,
    /// Where the quote is named.
    pub quote_origin: Option<Origin>,
    /// Calls per run of the stage.
    pub count: Decimal,
    /// Training steps.
    pub steps: Option<u64>,
    /// Output megapixels, from width x height (x scale squared) or given directly.
    pub megapixels: Option<Decimal>,
    /// Prompt tokens per call.
    pub input_tokens: Option<u64>,
    /// Completion tokens per call.
    pub output_tokens: Option<u64>,
    /// Gigabytes stored.
    pub gb: Option<Decimal>,
    /// A clip length of its own, instead of the scenario's frames / fps.
    pub seconds: Option<Decimal>,
    /// Where that clip length is written.
    pub seconds_origin: Option<Origin>,
    /// A resolution of its own.
    pub resolution: Option<Arc<str>>,
    /// Audio on or off of its own.
    pub audio: Option<bool>,
    /// Whether the scenario's reroll rate applies; by default to scene steps making images or video.
    pub rerolls: Option<bool>,
    /// This step's own failure rate, retried until it succeeds.
    pub retry_rate: Decimal,
    /// Whether failed attempts are billed (most providers bill them).
    pub failed_billed: bool,
    /// Calls that fail over to another model.
    pub fallback: Option<Fallback>,
    /// Where the step is written.
    pub origin: Origin,
    /// Where its model id is written.
    pub model_origin: Origin,
}

/// What a video sells for, and the margin aimed for.
#[derive(Debug, Clone)]
pub struct Sale {
    /// The price of one video.
    pub price: Decimal,
    /// Credits charged per video and the price of one credit, when it is sold in credits.
    pub credits: Option<(Decimal, Decimal)>,
    /// The margin aimed for, as a share of the price.
    pub target_margin: Option<Decimal>,
    /// Where the sale is written.
    pub origin: Origin,
}

/// A pipeline and the parameters it starts from.
#[derive(Debug, Clone)]
pub struct Scenario {
    /// A readable name.
    pub name: Arc<str>,
    /// What it models.
    pub description: Option<Arc<str>>,
    /// Where its catalogs are, relative to the scenario file.
    pub catalogs: Option<String>,
    /// The currency totals are in; the first model's when unset.
    pub currency: Option<Arc<str>>,
    /// Exchange rates: units of the scenario's currency per unit of another.
    pub exchange: Vec<(Arc<str>, Decimal)>,
    /// Parameters as the file gives them.
    pub params: Params,
    /// Where each parameter is written.
    pub param_origins: BTreeMap<&'static str, Origin>,
    /// The steps in file order within each stage.
    pub steps: Vec<Step>,
    /// What a video sells for, when the scenario says.
    pub sale: Option<Sale>,
    /// Limits on its totals, from `[[budget]]`.
    pub budgets: Vec<super::whatif::Budget>,
    /// The file.
    pub file: Arc<SourceFile>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawScenario {
    name: Option<String>,
    description: Option<String>,
    catalogs: Option<String>,
    currency: Option<Spanned<String>>,
    #[serde(default)]
    exchange: BTreeMap<String, RawNumber>,
    parameters: Option<RawParams>,
    #[serde(default)]
    scene: Vec<Spanned<RawStep>>,
    #[serde(default)]
    character: Vec<Spanned<RawStep>>,
    #[serde(default)]
    video: Vec<Spanned<RawStep>>,
    #[serde(default)]
    month: Vec<Spanned<RawStep>>,
    sale: Option<Spanned<RawSale>>,
    #[serde(default)]
    budget: Vec<Spanned<super::whatif::budget::RawBudget>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSale {
    price: Option<RawNumber>,
    credits: Option<RawNumber>,
    credit_price: Option<RawNumber>,
    target_margin: Option<RawNumber>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawParams {
    scenes: Option<RawNumber>,
    frames: Option<RawNumber>,
    fps: Option<RawNumber>,
    seconds: Option<RawNumber>,
    resolution: Option<RawNumber>,
    audio: Option<RawNumber>,
    characters: Option<RawNumber>,
    videos_per_character: Option<RawNumber>,
    reroll_rate: Option<RawNumber>,
    videos_per_month: Option<RawNumber>,
    finished_seconds_per_scene: Option<RawNumber>,
    video_model: Option<RawNumber>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawStep {
    label: Option<String>,
    model: Spanned<String>,
    quote: Option<Spanned<String>>,
    count: Option<RawNumber>,
    steps: Option<RawNumber>,
    width: Option<RawNumber>,
    height: Option<RawNumber>,
    scale: Option<RawNumber>,
    megapixels: Option<RawNumber>,
    input_tokens: Option<RawNumber>,
    output_tokens: Option<RawNumber>,
    gb: Option<RawNumber>,
    seconds: Option<RawNumber>,
    resolution: Option<String>,
    audio: Option<bool>,
    rerolls: Option<bool>,
    retry_rate: Option<RawNumber>,
    failed_billed: Option<bool>,
    fallback: Option<Spanned<RawFallback>>,
    #[allow(dead_code)]
    note: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFallback {
    model: Spanned<String>,
    share: RawNumber,
}

/// Loads a scenario file. Models are resolved against catalogs when it is evaluated.
pub fn load_scenario(file: &Arc<SourceFile>) -> Result<Scenario, Diagnostics> {
    if file.text().trim().is_empty() {
        return Err(Diagnostic::file_error(file.path(), "the file is empty")
            .with_help(
                "a scenario has [parameters] and at least one [[scene]], [[character]], [[video]] or [[month]] step",
            )
            .into());
    }
    let raw: RawScenario = toml::from_str(file.text()).map_err(|e| suggest::toml_error(file, &e))?;
    let mut found = Vec::new();
    let (params, param_origins) = read_params(file, raw.parameters.unwrap_or_default(), &mut found);

    if let Some(code) = &raw.currency {
        let text = code.get_ref().trim();
        if text.len() != 3 || !text.chars().all(|c| c.is_ascii_uppercase()) {
            found.push(
                Origin::new(file, code.span())
                    .error(format!(
                        "currency `{text}` is not a three-letter currency code in capitals"
                    ))
                    .with_help("write an ISO 4217 code such as \"USD\" or \"EUR\""),
            );
        }
    }
    let mut exchange = Vec::new();
    for (code, rate) in &raw.exchange {
        match number::positive(file, rate, &format!("exchange rate for {code}")) {
            Ok(rate) => exchange.push((Arc::from(code.as_str()), rate.value)),
            Err(d) => found.push(d),
        }
    }
    let stages = [
        (Stage::Scene, &raw.scene),
        (Stage::Character, &raw.character),
        (Stage::Video, &raw.video),
        (Stage::Month, &raw.month),
    ];
    let mut steps = Vec::new();
    for (stage, list) in stages {
        for raw_step in list {
            match read_step(file, stage, raw_step) {
                Ok(step) => steps.push(step),
                Err(d) => found.push(d),
            }
        }
    }
    let sale = raw
        .sale
        .as_ref()
        .and_then(|s| read_sale(file, s).map_err(|d| found.push(d)).ok());
    let budgets = raw
        .budget
        .iter()
        .filter_map(|b| super::whatif::budget::read(file, b).map_err(|d| found.push(d)).ok())
        .collect();
    if steps.is_empty() && found.is_empty() {
        found.push(
            Diagnostic::file_error(file.path(), "the scenario has no steps")
                .with_help("add a [[scene]], [[character]], [[video]] or [[month]] step with a model"),
        );
    }
    if !found.is_empty() {
        return Err(Diagnostics(found));
    }
    Ok(Scenario {
        name: raw.name.as_deref().unwrap_or(file.path()).into(),
        description: raw.description.as_deref().map(Into::into),
        catalogs: raw.catalogs,
        currency: raw.currency.map(|c| c.into_inner().trim().into()),
        exchange,
        params,
        param_origins,
        steps,
        sale,
        budgets,
        file: Arc::clone(file),
    })
}

fn read_sale(file: &Arc<SourceFile>, raw: &Spanned<RawSale>) -> Result<Sale, Diagnostic> {
    let origin = Origin::new(file, raw.span());
    let s = raw.get_ref();
    let help = "give `price` (per video), or `credits` and `credit_price`";
    let (price, credits) = match (&s.price, &s.credits, &s.credit_price) {
        (Some(price), None, None) => (number::non_negative(file, price, "price")?.value, None),
        (None, Some(credits), Some(credit_price)) => {
            let credits = number::non_negative(file, credits, "credits")?.value;
            let credit_price = number::non_negative(file, credit_price, "credit_price")?.value;
            let price = credits
                .checked_mul(credit_price)
                .ok_or_else(|| origin.error("credits x credit_price is too large to compute exactly"))?;
            (price, Some((credits, credit_price)))
        }
        _ => {
            return Err(origin
                .error("a sale needs a price per video, or credits with a credit price")
                .with_help(help));
        }
    };
    let target_margin = match &s.target_margin {
        Some(t) => {
            let target = number::non_negative(file, t, "target_margin")?;
            if target.value >= Decimal::ONE {
                return Err(target
                    .origin
                    .error(format!("target_margin {} is not below 1", target.value))
                    .with_help("a margin is a share of the price, e.g. 0.5 for 50%"));
            }
            Some(target.value)
        }
        None => None,
    };
    Ok(Sale {
        price,
        credits,
        target_margin,
        origin,
    })
}

fn read_params(
    file: &Arc<SourceFile>,
    raw: RawParams,
    found: &mut Vec<Diagnostic>,
) -> (Params, BTreeMap<&'static str, Origin>) {
    let mut params = Params::default();
    let mut origins = BTreeMap::new();
    // fps comes before seconds so that a clip length converts at the file's frame rate.
    let fields = [
        ("scenes", raw.scenes),
        ("fps", raw.fps),
        ("frames", raw.frames),
        ("seconds", raw.seconds),
        ("resolution", raw.resolution),
        ("audio", raw.audio),
        ("characters", raw.characters),
        ("videos_per_character", raw.videos_per_character),
        ("reroll_rate", raw.reroll_rate),
        ("videos_per_month", raw.videos_per_month),
        ("finished_seconds_per_scene", raw.finished_seconds_per_scene),
        ("video_model", raw.video_model),
    ];
    let frames_given = fields[2].1.is_some();
    for (name, value) in fields {
        let Some(value) = value else { continue };
        let origin = Origin::new(file, value.span());
        let text = match value.get_ref() {
            toml::Value::String(s) => s.clone(),
            toml::Value::Boolean(b) => b.to_string(),
            toml::Value::Integer(_) | toml::Value::Float(_) => {
                file.text().get(value.span()).unwrap_or_default().to_owned()
            }
            other => {
                found.push(origin.error(format!("{name} must be a number or text, found {}", other.type_str())));
                continue;
            }
        };
        let before = params.frames;
        match params.set(name, &text) {
            Ok(()) if name == "seconds" && frames_given && params.frames != before => {
                found.push(
                    origin
                        .error(format!(
                            "seconds = {} disagrees with frames = {before} at {} fps",
                            text.trim(),
                            params.fps
                        ))
                        .with_help("give frames or seconds, not both"),
                );
            }
            Ok(()) => {}
            Err(e) => found.push(origin.error(format!("{} {}", e.name, e.message)).with_help(e.help)),
        }
        origins.insert(name, origin);
    }
    (params, origins)
}

fn read_step(file: &Arc<SourceFile>, stage: Stage, raw: &Spanned<RawStep>) -> Result<Step, Diagnostic> {
    let origin = Origin::new(file, raw.span());
    let s = raw.get_ref();
    let model_origin = Origin::new(file, s.model.span());
    let model = s.model.get_ref().trim();
    if model.is_empty() {
        return Err(model_origin
            .error("model is empty")
            .with_help("name a model id from a catalog, e.g. \"fal-ai/wan-i2v\""));
    }
    let opt_whole = |raw: &Option<RawNumber>, what: &str, min: u64| {
        raw.as_ref()
            .map(|r| number::whole(file, r, what, min, u64::from(u32::MAX)).map(|l| l.value))
            .transpose()
    };
    let opt_positive = |raw: &Option<RawNumber>, what: &str| {
        raw.as_ref()
            .map(|r| number::positive(file, r, what).map(|l| l.value))
            .transpose()
    };
    let share = |raw: &RawNumber, what: &str, max_inclusive: bool| -> Result<Decimal, Diagnostic> {
        let located = number::non_negative(file, raw, what)?;
        let too_big = if max_inclusive {
            located.value > Decimal::ONE
        } else {
            located.value >= Decimal::ONE
        };
        if too_big {
            let range = if max_inclusive { "[0, 1]" } else { "[0, 1)" };
            return Err(located
                .origin
                .error(format!("{what} {} is not in {range}", located.value))
                .with_help(format!("{what} is a share, e.g. 0.1 for 10%")));
        }
        Ok(located.value)
    };

    let count = match &s.count {
        Some(c) => number::non_negative(file, c, "count")?.value,
        None => Decimal::ONE,
    };
    let (width, height) = (opt_whole(&s.width, "width", 1)?, opt_whole(&s.height, "height", 1)?);
    let scale = opt_positive(&s.scale, "scale")?;
    let megapixels = match (width, height, opt_positive(&s.megapixels, "megapixels")?) {
        (Some(_), Some(_), Some(_)) => return Err(origin.error("give width and height, or megapixels, not both")),
        (Some(w), Some(h), None) => {
            let scale = scale.unwrap_or(Decimal::ONE);
            let pixels = Decimal::from(w)
                .checked_mul(Decimal::from(h))
                .and_then(|p| p.checked_mul(scale))
                .and_then(|p| p.checked_mul(scale))
                .ok_or_else(|| {
                    let at = s
                        .scale
                        .as_ref()
                        .map_or_else(|| origin.clone(), |r| Origin::new(file, r.span()));
                    at.error("the output size is too large to compute exactly")
                        .with_help("check width, height and scale")
                })?;
            Some(pixels / Decimal::from(1_000_000u32))
        }
        (None, None, mp) => mp,
        _ => {
            return Err(origin
                .error("an output size needs both width and height")
                .with_help("e.g. width = 1024, height = 1024"));
        }
    };
    let retry_rate = s
        .retry_rate
        .as_ref()
        .map(|r| share(r, "retry_rate", false))
        .transpose()?
        .unwrap_or_default();
    let fallback = match &s.fallback {
        Some(f) => Some(Fallback {
            model: f.get_ref().model.get_ref().trim().into(),
            share: share(&f.get_ref().share, "fallback share", true)?,
            origin: Origin::new(file, f.get_ref().model.span()),
        }),
        None => None,
    };
    Ok(Step {
        stage,
        label: s.label.as_deref().unwrap_or(model).into(),
        model: model.into(),
        quote: s.quote.as_ref().map(|q| q.get_ref().trim().into()),
        quote_origin: s.quote.as_ref().map(|q| Origin::new(file, q.span())),
        count,
        steps: opt_whole(&s.steps, "steps", 1)?,
        megapixels,
        input_tokens: opt_whole(&s.input_tokens, "input_tokens", 0)?,
        output_tokens: opt_whole(&s.output_tokens, "output_tokens", 0)?,
        gb: s
            .gb
            .as_ref()
            .map(|g| number::non_negative(file, g, "gb").map(|l| l.value))
            .transpose()?,
        seconds: opt_positive(&s.seconds, "seconds")?,
        seconds_origin: s.seconds.as_ref().map(|r| Origin::new(file, r.span())),
        resolution: s.resolution.as_deref().map(Into::into),
        audio: s.audio,
        rerolls: s.rerolls,
        retry_rate,
        failed_billed: s.failed_billed.unwrap_or(true),
        fallback,
        origin,
        model_origin,
    })
}
