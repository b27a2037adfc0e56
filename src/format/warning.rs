//! Warnings and price cliffs in words. The engine keeps them as data (models, figures, the
//! pricings involved); they are written here, with money in the currency it is counted in.

use rust_decimal::Decimal;

use super::money::Currency;
use super::rule::explain;
use crate::engine::analysis::{Cliff, Threshold};
use crate::engine::catalog::{Pricing, QuoteDisagreement};
use crate::engine::money::round;
use crate::engine::{Diagnostic, Severity, Warning, WarningKind};

/// A share as a percentage to one decimal, without trailing zeros: `12.5`.
fn percent(share: Decimal) -> Decimal {
    share
        .checked_mul(Decimal::ONE_HUNDRED)
        .map_or(share, |p| round(p, 1).normalize())
}

/// `catalog price` or `quote `name``.
fn label(pricing: &Pricing) -> String {
    pricing
        .name
        .as_deref()
        .map_or_else(|| "catalog price".to_owned(), |n| format!("quote `{n}`"))
}

/// What a warning says; money in `currency`, the bill's, or the model's where it is the model's.
pub fn message(kind: &WarningKind, currency: &Currency) -> String {
    match kind {
        WarningKind::Disagreement {
            model, ours, theirs, ..
        } => {
            let Some((used, other)) = kind.pricings() else {
                return String::new();
            };
            let own = Currency::of(model.currency());
            format!(
                "sources disagree on {}: this bill uses {} per call ({}); {} gives {} ({})",
                model.id,
                own.price(*ours),
                label(used),
                label(other),
                own.price(theirs.cost),
                explain(other, theirs, &own)
            )
        }
        WarningKind::FreeTierOffMonth { model, stage } => format!(
            "{}: its free tier is counted only on [[month]] steps; this {} step is priced at the rate beyond it",
            model.id,
            stage.name()
        ),
        WarningKind::MarginBelowTarget {
            share,
            target,
            price,
            credits,
        } => {
            let credits = credits.map_or_else(String::new, |(count, each)| {
                format!(" ({} credits at {})", count.normalize(), currency.price(each))
            });
            format!(
                "a {}% margin at {} a video{credits} is below the {}% target",
                percent(*share),
                currency.price(*price),
                percent(*target)
            )
        }
        WarningKind::StalePrice {
            model,
            as_of,
            age_days,
            limit_days,
        } => format!(
            "{}: price as of {as_of} is {age_days} days old, past the {limit_days} days a price stays fresh",
            model.id
        ),
        WarningKind::UnusedField { field, model } => format!(
            "{} is ignored: {} ({}, priced per {}) does not use it",
            field.name(),
            model.id,
            model.name,
            model.pricing.unit.noun()
        ),
        WarningKind::UnreadParameter { name } => {
            format!("parameter `{name}` is read by no step: changing it changes nothing")
        }
        WarningKind::TrimLongerThanClip { finished, clip } => {
            let clip = round(*clip, 3).normalize();
            format!(
                "finished_seconds_per_scene {} is longer than the {clip} s clip: a scene can't finish longer than it was generated, so {clip} s is used",
                finished.normalize()
            )
        }
    }
}

/// Names the sources of two disagreeing prices, for a diagnostic's help.
pub fn sources(first: &Pricing, second: &Pricing) -> String {
    let describe = |p: &Pricing| {
        let source = p.provenance.source.as_deref().unwrap_or("no source given");
        format!("{}: {source}", label(p))
    };
    format!("{}; {}", describe(first), describe(second))
}

/// A bill's warning as a located diagnostic, with the sources named where prices disagree.
pub fn diagnostic(warning: &Warning, currency: &Currency) -> Diagnostic {
    let message = message(&warning.kind, currency);
    let mut diagnostic = match &warning.origin {
        Some(origin) => origin.warning(message),
        None => {
            let mut d = Diagnostic::file_error(warning.file.path(), message);
            d.severity = Severity::Warning;
            d
        }
    };
    if let Some((used, other)) = warning.kind.pricings() {
        diagnostic = diagnostic.with_help(sources(used, other));
    } else if matches!(warning.kind, WarningKind::StalePrice { .. }) {
        diagnostic =
            diagnostic.with_help("check the source, then update the price and its as_of (or set stale_after_days)");
    }
    diagnostic
}

/// A stale `as_of` in a catalog, as a warning at the place it is written, counting the prices
/// it dates.
pub fn stale_catalog(warning: &Warning, count: usize) -> Diagnostic {
    let currency = Currency::of("USD");
    let mut diagnostic = diagnostic(warning, &currency);
    if let WarningKind::StalePrice {
        as_of,
        age_days,
        limit_days,
        ..
    } = &warning.kind
    {
        let prices = if count == 1 {
            "1 price".to_owned()
        } else {
            format!("{count} prices")
        };
        diagnostic.message =
            format!("{prices} as of {as_of}: {age_days} days old, past the {limit_days} days a price stays fresh");
    }
    diagnostic
}

/// A catalog quote that disagrees with the catalog price, as a warning at the quote's rate.
pub fn quote_disagreement(found: &QuoteDisagreement) -> Option<Diagnostic> {
    let (model, quote, rate) = (&found.model, found.quote(), found.rate()?);
    let currency = Currency::of(model.currency());
    let at = match (rate.steps(), rate.seconds()) {
        (Some(steps), _) => format!("{steps} steps"),
        (_, Some(seconds)) => format!("{} s", seconds.normalize()),
        _ => "one call".to_owned(),
    };
    let message = format!(
        "sources disagree on {}: {at} cost {} by quote `{}` but {} by the catalog price ({})",
        model.id,
        currency.price(found.theirs.cost),
        quote.name.as_deref().unwrap_or(""),
        currency.price(found.ours.cost),
        explain(&model.pricing, &found.ours, &currency),
    );
    Some(rate.origin.warning(message).with_help(sources(quote, &model.pricing)))
}

/// A price cliff as what to change with what it saves, and why:
/// (`80 frames (5 s): -$0.40 per video`, `fal-ai/wan-i2v: >81 frames x1.25`).
pub fn cliff(cliff: &Cliff, currency: &Currency) -> (String, String) {
    let seconds = cliff
        .seconds
        .map_or_else(String::new, |s| format!(" ({} s)", round(s, 2).normalize()));
    let condition = match cliff.threshold {
        Threshold::Frames(n) => format!(">{n} frames"),
        Threshold::Seconds(s) => format!(">{} s", s.normalize()),
    };
    (
        format!(
            "{} frames{seconds}: -{} per video",
            cliff.frames,
            currency.amount(cliff.saving)
        ),
        format!("{}: {condition} x{}", cliff.model, cliff.factor.normalize()),
    )
}
