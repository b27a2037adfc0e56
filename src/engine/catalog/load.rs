//! Reading catalog files into validated [`Catalog`]s.

mod chunks;
mod pricing;
mod raw;

use std::sync::Arc;

use rustc_hash::{FxHashMap, FxHashSet};

use toml::Spanned;

use super::{ById, Catalog, Catalogs, Limits, Model, Provenance, Seller};
use crate::engine::asof::AsOf;
use crate::engine::number;
use crate::engine::source::{Diagnostic, Diagnostics, Origin, SourceFile};
use crate::engine::suggest;
use pricing::{convert_limits, convert_pricing};
use raw::{RawBase, RawCatalog, RawLimits, RawModel, RawMultiplier, RawQuote, RawRate};

/// Collects problems so one pass reports all of them, and keeps what a catalog's models share.
struct Problems<'f> {
    file: &'f Arc<SourceFile>,
    found: Vec<Diagnostic>,
    names: Names,
    /// The limits of every model that names none.
    no_limits: Arc<Limits>,
}

/// One copy of each resolution and input name a catalog repeats (`"720p"` on every model), where
/// each would otherwise be an allocation of its own.
#[derive(Default)]
struct Names(rustc_hash::FxHashSet<Arc<str>>);

impl Names {
    fn get(&mut self, name: &str) -> Arc<str> {
        if let Some(kept) = self.0.get(name) {
            return Arc::clone(kept);
        }
        let kept: Arc<str> = name.into();
        self.0.insert(Arc::clone(&kept));
        kept
    }
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
        let batches = std::iter::once(Some(first)).chain(pieces);
        if let Some(loaded) = convert_catalog(file, &header, cuts.len(), batches) {
            return loaded;
        }
    }
    let mut raw: RawCatalog = toml::from_str(text).map_err(|e| suggest::toml_error(file, &e))?;
    let models = std::mem::take(&mut raw.model);
    convert_catalog(file, &raw, models.len(), std::iter::once(Some(models)))
        .unwrap_or_else(|| Err(Diagnostics::default()))
}

/// Validates a parsed catalog whose models, about `count` of them, come in batches; `None` when
/// a batch is `None` (a piece of the file that did not parse on its own).
fn convert_catalog(
    file: &Arc<SourceFile>,
    raw: &RawCatalog,
    count: usize,
    batches: impl Iterator<Item = Option<Vec<Spanned<RawModel>>>>,
) -> Option<Result<Catalog, Diagnostics>> {
    let mut problems = Problems {
        file,
        found: Vec::new(),
        names: Names::default(),
        no_limits: Arc::default(),
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
    let defaults = Arc::new(Provenance {
        source: raw.source.as_deref().map(Into::into),
        as_of: raw.as_of.as_ref().and_then(|d| problems.keep(as_of(file, d))),
        as_of_origin: raw.as_of.as_ref().map(|d| problems.at(d.span())),
    });
    let stale_after_days = raw.stale_after_days.as_ref().and_then(|days| {
        let days = problems.keep(number::whole(file, days, "stale_after_days", 0, u64::from(u32::MAX)))?;
        u32::try_from(days.value).ok()
    });
    let seller = Arc::new(Seller {
        provider: Arc::clone(&provider),
        currency: Arc::clone(&currency),
        stale_after_days,
    });

    let mut models = Vec::with_capacity(count);
    let mut seen = Seen::default();
    for batch in batches {
        for spanned in &batch? {
            let origin = problems.at(spanned.span());
            let raw_model = spanned.get_ref();
            let id_span = raw_model.id.span();
            if let Some(first) = seen.first(raw_model.id.get_ref()) {
                problems.found.push(
                    problems
                        .at(id_span)
                        .error(format!(
                            "duplicate model id `{}` (first defined on line {})",
                            raw_model.id.get_ref(),
                            file.line_col(first).0
                        ))
                        .with_help("each model id appears once; add a [[model.quote]] to record a second price for it"),
                );
                continue;
            }
            let id: Arc<str> = raw_model.id.get_ref().as_str().into();
            let model = convert_model(&mut problems, raw_model, Arc::clone(&id), origin, &seller, &defaults);
            let model = model.map(Arc::new);
            seen.add(id, id_span.start, model.as_ref());
            models.extend(model);
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

/// The model ids of a catalog seen so far, as written, and where each first starts. A model that
/// loaded under the id as written is found through itself (a large catalog holds no second copy
/// of its ids); the rest (ids with spaces around them, models with errors) are kept aside.
#[derive(Default)]
struct Seen {
    models: FxHashSet<ById>,
    others: FxHashMap<Arc<str>, usize>,
}

impl Seen {
    /// Where the id `written` first starts, if it was seen.
    fn first(&self, written: &str) -> Option<usize> {
        match self.models.get(written) {
            Some(model) => Some(model.0.id_origin.span().start),
            None => self.others.get(written).copied(),
        }
    }

    /// Notes the id `written`, starting at `start`, and the model loaded under it, if any.
    fn add(&mut self, written: Arc<str>, start: usize, model: Option<&Arc<Model>>) {
        match model {
            Some(model) if model.id == written => {
                self.models.insert(ById(Arc::clone(model)));
            }
            _ => {
                self.others.insert(written, start);
            }
        }
    }
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

/// A model, checked; `written` is its id as written.
fn convert_model(
    problems: &mut Problems<'_>,
    raw: &RawModel,
    written: Arc<str>,
    origin: Origin,
    seller: &Arc<Seller>,
    defaults: &Arc<Provenance>,
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
    let limits = match &raw.limits {
        Some(l) => Arc::new(convert_limits(problems, l)),
        None => Arc::clone(&problems.no_limits),
    };
    let inputs = raw.inputs.iter().flatten().filter_map(|input| {
        let name = input.get_ref().trim();
        if INPUTS.contains(&name) {
            return Some(problems.names.get(name));
        }
        problems.found.push(
            problems
                .at(input.span())
                .error(format!("`{name}` is not an input a model takes"))
                .with_help(format!("inputs are {}", INPUTS.join(", "))),
        );
        None
    });
    let inputs: Box<[Arc<str>]> = inputs.collect();
    if problems.found.len() > before {
        return None;
    }
    let id: Arc<str> = if *written == *id { written } else { id.into() };
    Some(Model {
        name: raw.name.as_deref().map_or_else(|| Arc::clone(&id), Into::into),
        id,
        kind,
        seller: Arc::clone(seller),
        pricing: pricing?,
        quotes: quotes.into(),
        limits,
        note: raw.note.as_deref().map(Into::into),
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
    let mut by_id = rustc_hash::FxHashSet::default();
    for catalog in &loaded {
        for model in &catalog.models {
            if let Some(ById(first)) = by_id.get(&*model.id) {
                found.push(
                    model
                        .id_origin
                        .error(format!("duplicate model id `{}`: {} already defines it", model.id, first.origin.file().path()))
                        .with_help("each model id appears in one catalog; add a [[model.quote]] to record a second price for it"),
                );
                continue;
            }
            by_id.insert(ById(Arc::clone(model)));
        }
    }
    if found.is_empty() {
        Ok(Catalogs {
            files: loaded,
            by_id: Arc::new(by_id),
        })
    } else {
        Err(Diagnostics(found))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Duplicates of a model that loaded, of one with an error and of an id with spaces around
    /// it each name the first's line, in a small file and in one parsed a model at a time.
    #[test]
    fn a_duplicate_id_names_the_line_of_the_first_whatever_became_of_it() {
        let model = |id: &str, price: &str| {
            format!("\n[[model]]\nid = \"{id}\"\nkind = \"image\"\nunit = \"image\"\nprice = {price}\n")
        };
        let head = ["a", "b", " c "].map(|id| model(id, if id == "b" { "-1" } else { "0.01" }));
        let again = ["a", "b", " c ", "c"].map(|id| model(id, "0.01"));
        for padding in [0, 5_000] {
            let filler: String = (0..padding).map(|i| model(&format!("filler/{i}"), "0.01")).collect();
            let text = format!(
                "provider = \"P\"\ncurrency = \"USD\"\n{}{filler}{}",
                head.concat(),
                again.concat()
            );
            let file = SourceFile::new("c.toml", text);
            let errors = load_catalog(&file).expect_err("duplicates");
            let messages: Vec<&str> = errors.0.iter().map(|d| d.message.as_str()).collect();
            assert_eq!(
                messages[1..],
                [
                    "duplicate model id `a` (first defined on line 5)",
                    "duplicate model id `b` (first defined on line 11)",
                    "duplicate model id ` c ` (first defined on line 17)",
                ],
                "{padding} models between"
            );
            assert!(messages[0].contains("cannot be negative"), "{messages:?}");
        }
    }
}
