//! Prices older than their catalog allows: warnings for a bill's lines and for whole catalogs.
//!
//! A price is stale when more than `stale_after_days` (the catalog's, a caller's override, or
//! [`DEFAULT_STALE_AFTER_DAYS`]) have passed since the last day its `as_of` covers. The caller
//! hands in today's date; the engine reads no clock.
#![warn(clippy::arithmetic_side_effects)]

use std::collections::HashSet;
use std::sync::Arc;

use jiff::civil::Date;

use super::asof::DEFAULT_STALE_AFTER_DAYS;
use super::catalog::{Catalogs, Model, Pricing};
use super::warning::{Warning, WarningKind};
use super::{Bill, Origin};

/// When prices count as stale: today's date and an optional override of every catalog's limit.
#[derive(Debug, Clone, Copy)]
pub struct Freshness {
    /// Today, from the caller's clock.
    pub today: Date,
    /// Days a price stays fresh, overriding each catalog's `stale_after_days`.
    pub stale_after_days: Option<u32>,
}

impl Freshness {
    /// The limit for a model: the override, else its catalog's, else the default.
    pub fn limit_for(&self, model: &Model) -> u32 {
        self.stale_after_days
            .or(model.stale_after_days())
            .unwrap_or(DEFAULT_STALE_AFTER_DAYS)
    }

    /// The stale-price warning for one pricing of a model, if its price is stale.
    pub fn check(&self, model: &Arc<Model>, pricing: &Pricing) -> Option<Warning> {
        let as_of = pricing.provenance.as_of.as_ref()?;
        let limit = self.limit_for(model);
        if !as_of.is_stale(self.today, limit) {
            return None;
        }
        let origin: Origin = pricing
            .provenance
            .as_of_origin
            .clone()
            .unwrap_or_else(|| model.origin.clone());
        Some(Warning {
            file: Arc::clone(origin.file()),
            origin: Some(origin),
            kind: WarningKind::StalePrice {
                model: Arc::clone(model),
                as_of: as_of.clone(),
                age_days: as_of.age_days(self.today),
                limit_days: limit,
            },
        })
    }

    /// One warning per stale price a bill uses, in the order of its lines.
    pub fn bill_warnings(&self, bill: &Bill) -> Vec<Warning> {
        let mut seen = HashSet::new();
        bill.lines
            .iter()
            .filter(|line| seen.insert((Arc::clone(&line.model.id), line.quote)))
            .filter_map(|line| self.check(&line.model, line.pricing()))
            .collect()
    }

    /// One warning per place a stale `as_of` is written, with the number of prices it dates.
    pub fn catalog_warnings(&self, catalogs: &Catalogs) -> Vec<(Warning, usize)> {
        // (file, offset) -> (warning, models dated there), in the order first met.
        let mut places: Vec<((String, usize), Warning, usize)> = Vec::new();
        for model in catalogs.models() {
            for pricing in model.all_pricings() {
                let Some(warning) = self.check(model, pricing) else {
                    continue;
                };
                let Some(origin) = &warning.origin else { continue };
                let place = (origin.file().path().to_owned(), origin.span().start);
                match places.iter_mut().find(|(p, _, _)| *p == place) {
                    // At most the number of pricings in the catalogs.
                    Some((_, _, count)) => *count = count.saturating_add(1),
                    None => places.push((place, warning, 1)),
                }
            }
        }
        places.into_iter().map(|(_, warning, count)| (warning, count)).collect()
    }
}
