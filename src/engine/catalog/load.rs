//! Reading catalog files into validated [`Catalog`]s.

mod chunks;
mod pricing;
mod raw;

use std::collections::HashMap;
use std::sync::Arc;

use toml::Spanned;

use super::{Catalog, Catalogs, Model, Provenance};
use crate::engine::asof::AsOf;
use crate::engine::number;
use crate::engine::source::{Diagnostic, Diagnostics, Origin, SourceFile};
use crate::engine::suggest;
use pricing::{convert_limits, convert_pricing};
use raw::{RawBase, RawCatalog, RawLimits, RawModel, RawMultiplier, RawQuote, RawRate};

/// Collects problems so one pass reports all of them.
struct Problems<'f> {
    file: &'f Arc<SourceFile>,
    found: Vec<Diagnostic>,
}

impl Problems<'_> {
    fn keep<T>(&mut self, result: Result<T, Diagnostic>) -> Option<T> {
        result.map_err(|d| self.found.push(d)).ok()
    }

    fn at(&self, span: std::ops::Range<usize>) -> Origin {
        Origin::new(self.file, span)
    }
}

/// Loads one catalog file.
pub fn load_catalog(file: &Arc<SourceFile>) -> Result<Catalog, Diagnostics> {
    if file.text().trim().is_empty() {
        return Err(Diagnostic::file_error(file.path(), "the file is empty")
            .with_help("a catalog names its provider and currency, then lists [[model]] tables")
            .into());
    }
    let text = file.text();
    // A large catalog is parsed a model at a time (see `chunks`), a small one whole.
    if let Some(cuts) = chunks::cuts(text)
        && let Some(mut header) = chunks::header(text, cuts[0])
    {
        let first = std::mem::take(&mut header.model);
        let ends = cuts.iter().skip(1).copied().chain([text.len()]);
        let pieces = cuts
            .iter()
            .copied()
            .zip(ends)
            .map(|(start, end)| chunks::models(text, start..end));
        if let Some(loaded) = convert_catalog(file, &header, std::iter::once(Some(first)).chain(pieces)) {
            return loaded;
        }
    }
    let mut raw: RawCatalog = toml::from_str(text).map_err(|e| suggest::toml_error(file, &e))?;
    let models = std::mem::take(&mut raw.model);
    convert_catalog(file, &raw, std::iter::once(Some(models))).unwrap_or_else(|| Err(Diagnostics::default()))
}

/// Validates a parsed catalog whose models come in batches; `None` when a batch is `None` (a
/// piece of the file that did not parse on its own).
fn convert_catalog(
    file: &Arc<SourceFile>,
    raw: &RawCatalog,
    batches: impl Iterator<Item = Option<Vec<Spanned<RawModel>>>>,
) -> Option<Result<Catalog, Diagnostics>> {
    let mut problems = Problems {
        file,
        found: Vec::new(),
    };

    let currency = raw.currency.get_ref().trim().to_owned();
    if currency.len() != 3 || !currency.chars().all(|c| c.is_ascii_uppercase()) {
        problems.found.push(
            problems
                .at(raw.currency.span())
                .error(format!(
                    "currency `{currency}` is not a three-letter currency code in capitals"
                ))
                .with_help("write an ISO 4217 code such as \"USD\" or \"EUR\""),
        );
    }
    let currency: Arc<str> = currency.into();
    let provider: Arc<str> = raw.provider.get_ref().as_str().into();
    let defaults = Provenance {
        source: raw.source.as_deref().map(Into::into),
        as_of: raw.as_of.as_ref().and_then(|d| problems.keep(as_of(file, d))),
        as_of_origin: raw.as_of.as_ref().map(|d| problems.at(d.span())),
    };
    let stale_after_days = raw.stale_after_days.as_ref().and_then(|days| {
        let days = problems.keep(number::whole(file, days, "stale_after_days", 0, u64::from(u32::MAX)))?;
        u32::try_from(days.value).ok()
    });

    let mut models = Vec::new();
    let mut seen: HashMap<String, Origin> = HashMap::new();
    for batch in batches {
        for spanned in &batch? {
            let origin = problems.at(spanned.span());
            let raw_model = spanned.get_ref();
            let id_origin = problems.at(raw_model.id.span());
            if let Some(first) = seen.get(raw_model.id.get_ref()) {
                problems.found.push(
                    id_origin
                        .error(format!(
                            "duplicate model id `{}` (first defined on line {})",
                            raw_model.id.get_ref(),
                            first.line()
                        ))
                        .with_help("each model id appears once; add a [[model.quote]] to record a second price for it"),
                );
                continue;
            }
            seen.insert(raw_model.id.get_ref().clone(), id_origin);
            if let Some(mut model) = convert_model(&mut problems, raw_model, origin, &provider, &currency, &defaults) {
                model.stale_after_days = stale_after_days;
                models.push(Arc::new(model));
            }
        }
    }
    if !problems.found.is_empty() {
        return Some(Err(Diagnostics(problems.found)));
    }
    Some(Ok(Catalog {
        provider,
        currency,
        stale_after_days,
        models,
        path: file.path().to_owned(),
    }))
}

/// Reads an `as_of` date: a string, a bare TOML date or a bare year, as YYYY, YYYY-MM or YYYY-MM-DD.
fn as_of(file: &Arc<SourceFile>, raw: &Spanned<toml::Value>) -> Result<AsOf, Diagnostic> {
    let text = match raw.get_ref() {
        toml::Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    AsOf::parse(&text).map_err(|why| {
        Origin::new(file, raw.span())
            .error(format!("as_of {why}"))
            .with_help("write when the price was read as \"2026\", \"2026-04\" or \"2026-04-09\"")
    })
}

fn convert_model(
    problems: &mut Problems<'_>,
    raw: &RawModel,
    origin: Origin,
    provider: &Arc<str>,
    currency: &Arc<str>,
    defaults: &Provenance,
) -> Option<Model> {
    let id = raw.id.get_ref().trim();
    if id.is_empty() {
        problems.found.push(
            problems
                .at(raw.id.span())
                .error("model id is empty")
                .with_help("ids look like `fal-ai/wan-i2v`"),
        );
        return None;
    }
    let kind = *raw.kind.get_ref();
    let before = problems.found.len();
    let pricing = convert_pricing(problems, kind, None, raw.pricing_fields(), origin.clone(), defaults);
    let mut quotes = Vec::new();
    for quote in &raw.quote {
        let name = quote.get_ref().name.get_ref().as_str();
        let quote_origin = problems.at(quote.span());
        if let Some(p) = convert_pricing(
            problems,
            kind,
            Some(name),
            quote.get_ref().pricing_fields(),
            quote_origin,
            defaults,
        ) {
            quotes.push(p);
        }
    }
    let limits = raw
        .limits
        .as_ref()
        .map(|l| convert_limits(problems, l))
        .unwrap_or_default();
    let inputs = raw.inputs.iter().flatten().filter_map(|input| {
        let name = input.get_ref().trim();
        if INPUTS.contains(&name) {
            return Some(Arc::from(name));
        }
        problems.found.push(
            problems
                .at(input.span())
                .error(format!("`{name}` is not an input a model takes"))
                .with_help(format!("inputs are {}", INPUTS.join(", "))),
        );
        None
    });
    let inputs: Vec<Arc<str>> = inputs.collect();
    if problems.found.len() > before {
        return None;
    }
    Some(Model {
        id: id.into(),
        name: raw.name.as_deref().unwrap_or(id).into(),
        kind,
        provider: Arc::clone(provider),
        currency: Arc::clone(currency),
        pricing: pricing?,
        quotes,
        limits,
        note: raw.note.as_deref().map(Into::into),
        stale_after_days: None,
        inputs,
        origin,
        id_origin: problems.at(raw.id.span()),
    })
}

/// What a model may take in, for `inputs = [...]`.
const INPUTS: [&str; 4] = ["text", "image", "video", "audio"];

/// Loads several catalog files into one set, refusing model ids defined twice.
pub fn load_catalogs(files: &[Arc<SourceFile>]) -> Result<Catalogs, Diagnostics> {
    let mut found = Vec::new();
    let mut loaded = Vec::with_capacity(files.len());
    for result in super::parallel::load_each(files) {
        match result {
            Ok(catalog) => loaded.push(catalog),
            Err(mut errors) => found.append(&mut errors.0),
        }
    }
    match combine_catalogs(loaded) {
        Ok(catalogs) if found.is_empty() => Ok(catalogs),
        Ok(_) => Err(Diagnostics(found)),
        Err(mut errors) => {
            found.append(&mut errors.0);
            Err(Diagnostics(found))
        }
    }
}

/// Puts catalogs loaded one by one into one set, refusing model ids defined twice.
pub fn combine_catalogs(loaded: Vec<Catalog>) -> Result<Catalogs, Diagnostics> {
    let mut found = Vec::new();
    let mut catalogs = Catalogs {
        files: loaded,
        ..Catalogs::default()
    };
    for catalog in &catalogs.files {
        for model in &catalog.models {
            if let Some(first) = catalogs.by_id.get(&model.id) {
                found.push(
                    model
                        .id_origin
                        .error(format!("duplicate model id `{}`: {} already defines it", model.id, first.origin.file().path()))
                        .with_help("each model id appears in one catalog; add a [[model.quote]] to record a second price for it"),
                );
                continue;
            }
            catalogs.by_id.insert(Arc::clone(&model.id), Arc::clone(model));
        }
    }
    if found.is_empty() {
        Ok(catalogs)
    } else {
        Err(Diagnostics(found))
    }
}
