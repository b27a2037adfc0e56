//! What changed between two sets of catalogs: models added and removed, prices changed, and the
//! scenarios whose cost per video moves. Data only; the command puts it into words.

use std::collections::BTreeSet;
use std::sync::Arc;

use rust_decimal::Decimal;

use crate::engine::catalog::{Charge, Pricing};
use crate::engine::{Catalogs, Model, Scenario, evaluate};

/// One price that differs: a rate present in both sets at different prices, or in one only.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PriceChange {
    /// The model's id.
    pub model: Arc<str>,
    /// Which rate: its unit and options, e.g. `per second at 720p`.
    pub rate: String,
    /// The old price; `None` when the rate is new.
    pub old: Option<Decimal>,
    /// The new price; `None` when the rate is gone.
    pub new: Option<Decimal>,
    /// The currency of both prices: the model's.
    pub currency: Arc<str>,
}

impl PriceChange {
    /// The change as a share of the old price, when both exist and the old is not zero.
    pub fn share(&self) -> Option<Decimal> {
        let (old, new) = (self.old?, self.new?);
        if old.is_zero() {
            return None;
        }
        new.checked_sub(old)?.checked_div(old)
    }
}

/// How models and prices differ between two catalog sets.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CatalogDiff {
    /// Ids only in the new set, sorted.
    pub added: Vec<Arc<str>>,
    /// Ids only in the old set, sorted.
    pub removed: Vec<Arc<str>>,
    /// Prices that differ, by model id then rate.
    pub changed: Vec<PriceChange>,
}

impl CatalogDiff {
    /// True when nothing differs.
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty() && self.changed.is_empty()
    }
}

/// A scenario's cost per video under the old and the new prices.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Impact {
    /// The scenario's file.
    pub path: String,
    /// Its name.
    pub name: Arc<str>,
    /// Cost per video with the old catalogs, or why it cannot be priced.
    pub old: Result<Decimal, String>,
    /// Cost per video with the new catalogs, or why it cannot be priced.
    pub new: Result<Decimal, String>,
    /// The currency of the costs: the new bill's, else the old one's.
    pub currency: Arc<str>,
}

impl Impact {
    /// The move in cost per video, when both price.
    pub fn delta(&self) -> Option<Decimal> {
        self.new.as_ref().ok()?.checked_sub(*self.old.as_ref().ok()?)
    }
}

/// Every priced option of a pricing: (rate label, price).
fn rates(pricing: &Pricing) -> Vec<(String, Decimal)> {
    let mut found = Vec::new();
    for rate in &pricing.rates {
        let mut options = Vec::new();
        if let Some(r) = &rate.resolution {
            options.push(format!("at {r}"));
        }
        match rate.audio {
            Some(true) => options.push("with audio".to_owned()),
            Some(false) => options.push("silent".to_owned()),
            None => {}
        }
        if let Some(s) = rate.seconds() {
            options.push(format!("for {} s", s.normalize()));
        }
        if let Some(n) = rate.steps() {
            options.push(format!("for {n} steps"));
        }
        let options = if options.is_empty() {
            String::new()
        } else {
            format!(" {}", options.join(" "))
        };
        match &rate.charge {
            Charge::PerUnit(amount) => {
                found.push((format!("per {}{options}", pricing.unit.noun()), amount.point()));
            }
            Charge::Tokens(prices) => {
                found.push((format!("per 1M input tokens{options}"), prices.input.point()));
                found.push((format!("per 1M output tokens{options}"), prices.output.point()));
            }
        }
    }
    found
}

fn compare_model(old: &Model, new: &Model, changed: &mut Vec<PriceChange>) {
    let (before, after) = (rates(&old.pricing), rates(&new.pricing));
    for (label, price) in &before {
        let now = after.iter().find(|(l, _)| l == label).map(|(_, p)| *p);
        if now != Some(*price) {
            changed.push(PriceChange {
                model: Arc::clone(&new.id),
                rate: label.clone(),
                old: Some(*price),
                new: now,
                currency: Arc::clone(new.currency()),
            });
        }
    }
    for (label, price) in &after {
        if !before.iter().any(|(l, _)| l == label) {
            changed.push(PriceChange {
                model: Arc::clone(&new.id),
                rate: label.clone(),
                old: None,
                new: Some(*price),
                currency: Arc::clone(new.currency()),
            });
        }
    }
}

/// Compares two catalog sets by model id.
pub fn compare(old: &Catalogs, new: &Catalogs) -> CatalogDiff {
    let ids = |set: &Catalogs| -> BTreeSet<Arc<str>> { set.models().map(|m| Arc::clone(&m.id)).collect() };
    let (before, after) = (ids(old), ids(new));
    let mut diff = CatalogDiff {
        added: after.difference(&before).cloned().collect(),
        removed: before.difference(&after).cloned().collect(),
        changed: Vec::new(),
    };
    for id in before.intersection(&after) {
        if let (Some(o), Some(n)) = (old.model(id), new.model(id)) {
            compare_model(o, n, &mut diff.changed);
        }
    }
    diff
}

fn cost(scenario: &Scenario, catalogs: &Catalogs) -> Result<(Decimal, Arc<str>), String> {
    evaluate(scenario, catalogs, &scenario.params)
        .map(|bill| (bill.totals.per_video, bill.currency))
        .map_err(|errors| errors.0.first().map_or_else(String::new, |d| d.message.clone()))
}

/// The scenarios whose cost per video differs between the two sets, or that price in one only.
pub fn impacts(scenarios: &[(String, Scenario)], old: &Catalogs, new: &Catalogs) -> Vec<Impact> {
    scenarios
        .iter()
        .map(|(path, scenario)| {
            let (before, after) = (cost(scenario, old), cost(scenario, new));
            let currency = after
                .as_ref()
                .or(before.as_ref())
                .map_or_else(|_| "USD".into(), |(_, c)| Arc::clone(c));
            Impact {
                path: path.clone(),
                name: Arc::clone(&scenario.name),
                old: before.map(|(v, _)| v),
                new: after.map(|(v, _)| v),
                currency,
            }
        })
        .filter(|impact| match (&impact.old, &impact.new) {
            (Ok(o), Ok(n)) => o != n,
            (Err(_), Err(_)) => false,
            _ => true,
        })
        .collect()
}
