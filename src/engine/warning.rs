//! Warnings on a bill, kept as data while the bill is computed and put into words only when shown:
//! a bill is re-evaluated on every keypress, and most of its warnings are never read twice.

use std::fmt;
use std::sync::Arc;

use rust_decimal::Decimal;

use super::catalog::{Model, Pricing, sources};
use super::money;
use super::pricing::Priced;
use super::scenario::{Stage, UsageField};
use super::source::{Diagnostic, Origin, SourceFile};

/// What a warning is about.
#[derive(Debug, Clone)]
pub enum WarningKind {
    /// Two sources price the same call differently.
    Disagreement {
        /// The model.
        model: Arc<Model>,
        /// The pricing the bill used: `None` for the catalog's own, else a quote's index.
        used: Option<usize>,
        /// The other pricing.
        other: Option<usize>,
        /// What one call costs in the bill.
        ours: Decimal,
        /// What the other pricing makes of the same call.
        theirs: Priced,
    },
    /// A free tier was not applied because the step is not a monthly one.
    FreeTierOffMonth {
        /// The storage model.
        model: Arc<Model>,
        /// The step's stage.
        stage: Stage,
    },
    /// What a video sells for leaves less margin than the scenario aims for.
    MarginBelowTarget {
        /// The margin, as a share of the price.
        share: Decimal,
        /// The margin aimed for.
        target: Decimal,
        /// The price of a video.
        price: Decimal,
        /// Credits and the price of one, when sold in credits.
        credits: Option<(Decimal, Decimal)>,
    },
    /// A step gives a usage field that no price of its model reads.
    UnusedField {
        /// The field.
        field: UsageField,
        /// The model that has no use for it.
        model: Arc<Model>,
    },
    /// A parameter the scenario declares that no step or sale figure reads.
    UnreadParameter {
        /// Its name.
        name: Arc<str>,
    },
    /// The trimmed scene is longer than the clip it is cut from.
    TrimLongerThanClip {
        /// The finished length asked for.
        finished: Decimal,
        /// The clip's length, used instead.
        clip: Decimal,
    },
}

/// A warning with its place: a line of a file, or the file as a whole.
#[derive(Debug, Clone)]
pub struct Warning {
    /// The line it is about, when it has one.
    pub origin: Option<Origin>,
    /// The file it is about.
    pub file: Arc<SourceFile>,
    /// What it says.
    pub kind: WarningKind,
}

fn pricing(model: &Model, index: Option<usize>) -> &Pricing {
    index.and_then(|i| model.quotes.get(i)).unwrap_or(&model.pricing)
}

fn label(pricing: &Pricing) -> String {
    pricing
        .name
        .as_deref()
        .map_or_else(|| "catalog price".to_owned(), |n| format!("quote `{n}`"))
}

impl fmt::Display for WarningKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Disagreement {
                model,
                used,
                other,
                ours,
                theirs,
            } => {
                let (used, other) = (pricing(model, *used), pricing(model, *other));
                write!(
                    f,
                    "sources disagree on {}: this bill uses {} per call ({}); {} gives {} ({})",
                    model.id,
                    money::price(*ours),
                    label(used),
                    label(other),
                    money::price(theirs.cost),
                    other.explain(theirs)
                )
            }
            Self::FreeTierOffMonth { model, stage } => write!(
                f,
                "{}: its free tier is counted only on [[month]] steps; this {} step is priced at the rate beyond it",
                model.id,
                stage.name()
            ),
            Self::MarginBelowTarget {
                share,
                target,
                price,
                credits,
            } => {
                let percent = |d: Decimal| money::round(d * Decimal::ONE_HUNDRED, 1).normalize();
                write!(f, "a {}% margin at {} a video", percent(*share), money::price(*price))?;
                if let Some((count, each)) = credits {
                    write!(f, " ({} credits at {})", count.normalize(), money::price(*each))?;
                }
                write!(f, " is below the {}% target", percent(*target))
            }
            Self::UnusedField { field, model } => write!(
                f,
                "{} is ignored: {} ({}, priced per {}) does not use it",
                field.name(),
                model.id,
                model.name,
                model.pricing.unit.noun()
            ),
            Self::UnreadParameter { name } => {
                write!(f, "parameter `{name}` is read by no step: changing it changes nothing")
            }
            Self::TrimLongerThanClip { finished, clip } => {
                let clip = money::round(*clip, 3).normalize();
                write!(
                    f,
                    "finished_seconds_per_scene {} is longer than the {clip} s clip: a scene can't finish longer than it was generated, so {clip} s is used",
                    finished.normalize()
                )
            }
        }
    }
}

impl Warning {
    /// What it says.
    pub fn message(&self) -> String {
        self.kind.to_string()
    }

    /// As a located diagnostic, with the sources named where prices disagree.
    pub fn diagnostic(&self) -> Diagnostic {
        let message = self.message();
        let mut diagnostic = match &self.origin {
            Some(origin) => origin.warning(message),
            None => {
                let mut d = Diagnostic::file_error(self.file.path(), message);
                d.severity = super::source::Severity::Warning;
                d
            }
        };
        if let WarningKind::Disagreement { model, used, other, .. } = &self.kind {
            diagnostic = diagnostic.with_help(sources(pricing(model, *used), pricing(model, *other)));
        }
        diagnostic
    }

    /// `file:line:col: warning: message`.
    pub fn headline(&self) -> String {
        self.diagnostic().headline()
    }
}
