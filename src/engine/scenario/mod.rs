//! Scenarios: one pipeline's steps per scene, per character, per video and per month, and the
//! parameters it starts from.
#![warn(clippy::arithmetic_side_effects)]

use std::collections::BTreeMap;
use std::sync::Arc;

use rust_decimal::Decimal;
use serde::Deserialize;
use toml::Spanned;

mod build;
mod names;
mod parameters;
mod quantity;
mod sale;
mod step;
mod usage;

use super::number::{self, RawNumber};
use super::params::{Params, Schema};
use super::source::{Diagnostic, Diagnostics, Origin, SourceFile};
use super::suggest;

pub use quantity::{Check, Quantity};
pub use sale::Sale;
pub use step::slug;
pub use usage::{FixedUsage, Size, UsageField};

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
    pub share: Quantity,
    /// Where the fallback is written.
    pub origin: Origin,
}

/// One line of a pipeline: a model called some number of times at a stage.
#[derive(Debug, Clone)]
pub struct Step {
    /// When it runs.
    pub stage: Stage,
    /// How `--set ID.model=...` names it: its `id` key, else its label slugged.
    pub id: Arc<str>,
    /// Where the id is written (the step, when it comes from the label).
    pub id_origin: Origin,
    /// What it is for.
    pub label: Arc<str>,
    /// The model's id.
    pub model: Arc<str>,
    /// A named quote to price it by, in place of the catalog's own price.
    pub quote: Option<Arc<str>>,
    /// Where the quote is named.
    pub quote_origin: Option<Origin>,
    /// Calls per run of the stage.
    pub count: Quantity,
    /// Training steps.
    pub steps: Option<Quantity>,
    /// Output size.
    pub size: Option<Size>,
    /// Prompt tokens per call.
    pub input_tokens: Option<Quantity>,
    /// Completion tokens per call.
    pub output_tokens: Option<Quantity>,
    /// Characters of text per call, for speech priced per character.
    pub characters: Option<Quantity>,
    /// Gigabytes stored.
    pub gb: Option<Quantity>,
    /// A clip length of its own, instead of the scenario's frames / fps.
    pub seconds: Option<Quantity>,
    /// Where that clip length is written.
    pub seconds_origin: Option<Origin>,
    /// A resolution of its own.
    pub resolution: Option<Arc<str>>,
    /// Audio on or off of its own.
    pub audio: Option<bool>,
    /// Whether the scenario's reroll rate applies; by default to scene steps making images or video.
    pub rerolls: Option<bool>,
    /// This step's own failure rate, retried until it succeeds.
    pub retry_rate: Quantity,
    /// Whether failed attempts are billed (most providers bill them).
    pub failed_billed: bool,
    /// Calls that fail over to another model.
    pub fallback: Option<Fallback>,
    /// The usage numbers worked out once, when every one of them is a literal (most steps):
    /// an evaluation then copies them instead of reading each field.
    pub fixed: Option<FixedUsage>,
    /// The usage fields it gives and where.
    pub usage: Vec<(UsageField, Origin)>,
    /// Where the step is written.
    pub origin: Origin,
    /// Where its model id is written.
    pub model_origin: Origin,
}

impl Step {
    /// Every usage number of the step, to see which parameters it reads.
    pub fn quantities(&self) -> impl Iterator<Item = &Quantity> {
        let size: Vec<&Quantity> = match &self.size {
            Some(Size::Megapixels(mp)) => vec![mp],
            Some(Size::Pixels {
                width, height, scale, ..
            }) => [Some(width), Some(height), scale.as_ref()]
                .into_iter()
                .flatten()
                .collect(),
            None => Vec::new(),
        };
        [
            Some(&self.count),
            self.steps.as_ref(),
            self.input_tokens.as_ref(),
            self.output_tokens.as_ref(),
            self.characters.as_ref(),
            self.gb.as_ref(),
            self.seconds.as_ref(),
            Some(&self.retry_rate),
            self.fallback.as_ref().map(|f| &f.share),
        ]
        .into_iter()
        .flatten()
        .chain(size)
    }
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
    /// Where the `catalogs` key is written, so a problem with that directory points at it.
    pub catalogs_origin: Option<Origin>,
    /// The currency totals are in; the first model's when unset.
    pub currency: Option<Arc<str>>,
    /// Exchange rates: units of the scenario's currency per unit of another.
    pub exchange: Vec<(Arc<str>, Decimal)>,
    /// Parameters as the file gives them.
    pub params: Params,
    /// Where each built-in parameter is written.
    pub param_origins: BTreeMap<&'static str, Origin>,
    /// Values given outside the file (on a command line) and where they were typed: an error a
    /// value causes points there, not at the file's line it replaced. See [`Scenario::give`].
    pub given: Vec<(Arc<str>, Origin)>,
    /// The steps in file order within each stage.
    pub steps: Vec<Step>,
    /// Where the sale is written, when the scenario has one.
    pub sale: Option<Sale>,
    /// Limits on its totals, from `[[budget]]`.
    pub budgets: Vec<super::whatif::Budget>,
    /// The file.
    pub file: Arc<SourceFile>,
}

impl Scenario {
    /// Records that `name`'s value was given at `origin`, outside the file, so that a figure it
    /// makes too large to compute points where it was typed.
    pub fn give(&mut self, name: &str, origin: Origin) {
        self.given.push((name.into(), origin));
    }

    /// The scenario's own parameters, derived ones, bounds, step ids and packs.
    pub fn schema(&self) -> &Schema {
        &self.params.schema
    }

    /// Where a parameter's value comes from: where it was given outside the file, else where the
    /// file writes it (a built-in, a sale value or the scenario's own).
    pub fn param_origin(&self, name: &str) -> Option<&Origin> {
        // The last value given wins, as it does when the values are applied.
        if let Some((_, origin)) = self.given.iter().rev().find(|(n, _)| &**n == name) {
            return Some(origin);
        }
        if let Some(origin) = self.param_origins.get(name) {
            return Some(origin);
        }
        if let Some(origin) = self.sale.as_ref().and_then(|s| s.origins.get(name)) {
            return Some(origin);
        }
        let schema = self.schema();
        schema
            .slot(name)
            .and_then(|slot| schema.custom.get(slot))
            .map(|c| &c.origin)
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawScenario {
    name: Option<String>,
    description: Option<String>,
    catalogs: Option<Spanned<String>>,
    currency: Option<Spanned<String>>,
    #[serde(default)]
    exchange: BTreeMap<String, RawNumber>,
    #[serde(default)]
    parameters: BTreeMap<String, Spanned<parameters::RawParam>>,
    #[serde(default)]
    scene: Vec<Spanned<step::RawStep>>,
    #[serde(default)]
    character: Vec<Spanned<step::RawStep>>,
    #[serde(default)]
    video: Vec<Spanned<step::RawStep>>,
    #[serde(default)]
    month: Vec<Spanned<step::RawStep>>,
    sale: Option<Spanned<sale::RawSale>>,
    #[serde(default)]
    budget: Vec<Spanned<super::whatif::budget::RawBudget>>,
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
    let read = parameters::read(file, raw.parameters, &mut found);

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
    let steps = read_steps(file, &stages, &read.names, &mut found);
    let sale = raw
        .sale
        .as_ref()
        .and_then(|s| sale::read(file, s).map_err(|d| found.push(d)).ok());
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
    let params = if found.is_empty() {
        build::params(read, &steps, sale.as_ref().map(|(_, p, packs)| (p, packs)), &mut found)
    } else {
        None
    };
    let (Some((params, param_origins)), true) = (params, found.is_empty()) else {
        return Err(Diagnostics(found));
    };
    Ok(Scenario {
        name: raw.name.as_deref().unwrap_or(file.path()).into(),
        description: raw.description.as_deref().map(Into::into),
        catalogs_origin: raw.catalogs.as_ref().map(|c| Origin::new(file, c.span())),
        catalogs: raw.catalogs.map(Spanned::into_inner),
        currency: raw.currency.map(|c| c.into_inner().trim().into()),
        exchange,
        params,
        param_origins,
        given: Vec::new(),
        steps,
        sale: sale.map(|(s, ..)| s),
        budgets,
        file: Arc::clone(file),
    })
}

/// Every step, in stage order. A step whose `id` key repeats an earlier id is an error at it;
/// a label that slugs to an id already taken gets `-2`, `-3`, ... so that both stay addressable.
fn read_steps(
    file: &Arc<SourceFile>,
    stages: &[(Stage, &Vec<Spanned<step::RawStep>>)],
    names: &names::Names,
    found: &mut Vec<Diagnostic>,
) -> Vec<Step> {
    let mut steps: Vec<Step> = Vec::new();
    // Ids taken so far, by index into `steps`, and the next suffix to try for each base id:
    // a scenario of thousands of like-named steps stays linear to read.
    let mut taken: rustc_hash::FxHashMap<Arc<str>, usize> = rustc_hash::FxHashMap::default();
    let mut next_suffix: rustc_hash::FxHashMap<Arc<str>, u64> = rustc_hash::FxHashMap::default();
    for (stage, list) in stages {
        for raw_step in *list {
            let mut step = match step::read(file, *stage, raw_step, names) {
                Ok(step) => step,
                Err(d) => {
                    found.push(d);
                    continue;
                }
            };
            let given = step.id_origin.span() != step.origin.span();
            match taken.get(&step.id).map(|&i| &steps[i]) {
                Some(first) if given => found.push(
                    step.id_origin
                        .error(format!("a second step with the id `{}`", step.id))
                        .with_help(format!(
                            "the first is at line {}; give this one its own `id = \"...\"`",
                            first.origin.line()
                        )),
                ),
                Some(_) => {
                    let base = Arc::clone(&step.id);
                    let n = next_suffix.entry(Arc::clone(&base)).or_insert(2);
                    loop {
                        let id: Arc<str> = format!("{base}-{n}").into();
                        *n = n.saturating_add(1);
                        if !taken.contains_key(&id) {
                            step.id = id;
                            break;
                        }
                    }
                }
                None => {}
            }
            taken.entry(Arc::clone(&step.id)).or_insert(steps.len());
            steps.push(step);
        }
    }
    steps
}
