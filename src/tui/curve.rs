//! The chart's points kept between key presses. Stepping the selected parameter changes nothing
//! else, so the curve over it is the same curve: the points already priced are kept, and only a
//! value not seen yet is evaluated. A change to any other parameter, the scenario or the
//! catalogs starts afresh.

use std::collections::BTreeMap;
use std::sync::Arc;

use rust_decimal::Decimal;

use crate::engine::{Catalogs, Model, Params, Scenario, SourceFile, Totals, evaluate};

/// Which price rule each line of a bill used: the rate and the multipliers that fired. Within one
/// curve every line keeps its model and quote (a numeric parameter chooses neither), so a rule
/// crossed between neighbouring points shows as a difference here.
type Rules = Vec<(usize, u64)>;

/// One point of a curve: the totals there (none where the bill cannot be made) and its rules.
#[derive(Debug, Clone)]
struct Point {
    totals: Option<Totals>,
    rules: Rules,
}

/// Which scenario and catalogs something was worked out from: the scenario's file and every
/// model, by identity. A reload, or a copy with a model changed, makes new ones. The `Arc`s are
/// held, not only compared, so that no later file or model can take the same address; comparing
/// a hundred thousand of them costs far less than pricing one of them.
#[derive(Debug, Clone)]
pub struct Files {
    scenario: Arc<SourceFile>,
    /// Each catalog file's number of models.
    sizes: Vec<usize>,
    models: Vec<Arc<Model>>,
}

impl Files {
    /// The scenario's and the catalogs' identity.
    pub fn of(scenario: &Scenario, catalogs: &Catalogs) -> Self {
        Self {
            scenario: Arc::clone(&scenario.file),
            sizes: catalogs.files.iter().map(|c| c.models.len()).collect(),
            models: catalogs.models().cloned().collect(),
        }
    }

    /// Whether these are the same scenario and catalogs.
    pub fn are(&self, scenario: &Scenario, catalogs: &Catalogs) -> bool {
        Arc::ptr_eq(&self.scenario, &scenario.file)
            && self.sizes.len() == catalogs.files.len()
            && self
                .sizes
                .iter()
                .zip(&catalogs.files)
                .all(|(n, c)| *n == c.models.len())
            && self
                .models
                .iter()
                .zip(catalogs.models())
                .all(|(a, b)| Arc::ptr_eq(a, b))
    }
}

/// What the kept points were priced against.
#[derive(Debug, Clone)]
struct Key {
    files: Files,
    /// The parameter swept, and the parameters with it at `value`.
    name: String,
    value: String,
    params: Params,
}

impl Key {
    fn new(scenario: &Scenario, catalogs: &Catalogs, params: &Params, name: &str) -> Option<Self> {
        Some(Self {
            files: Files::of(scenario, catalogs),
            name: name.to_owned(),
            value: params.get(name)?,
            params: params.clone(),
        })
    }

    /// Whether `params` differ from the key's at most in the swept parameter, on the same files.
    fn holds(&self, scenario: &Scenario, catalogs: &Catalogs, params: &Params, name: &str) -> bool {
        if self.name != name || !self.files.are(scenario, catalogs) {
            return false;
        }
        let mut probe = params.clone();
        probe.set(name, &self.value).is_ok() && probe == self.params
    }
}

/// The points of one curve priced so far.
#[derive(Debug, Clone, Default)]
pub struct Memo {
    key: Option<Key>,
    points: BTreeMap<Decimal, Point>,
}

/// A curve: at each value, the totals (none where the bill cannot be made), and the indices of
/// the values just after a price rule started or stopped applying.
#[derive(Debug, Clone, PartialEq)]
pub struct Curve {
    /// The totals at each value, in order.
    pub totals: Vec<Option<Totals>>,
    /// Indices into the values where a rule changed since the value before.
    pub crossings: Vec<usize>,
}

impl Memo {
    /// The curve of `name` over `values` (as `--set` takes them), every other parameter as in
    /// `params`; `None` when a value cannot be set. Points kept from an earlier call are reused
    /// when only `name` has moved since, and points outside `values` are let go.
    pub fn curve(
        &mut self,
        scenario: &Scenario,
        catalogs: &Catalogs,
        params: &Params,
        name: &str,
        values: &[Decimal],
    ) -> Option<Curve> {
        if !self
            .key
            .as_ref()
            .is_some_and(|k| k.holds(scenario, catalogs, params, name))
        {
            self.key = Key::new(scenario, catalogs, params, name);
            self.points.clear();
        }
        self.points.retain(|v, _| values.contains(v));
        let mut at = params.clone();
        for value in values {
            if self.points.contains_key(value) {
                continue;
            }
            at.set(name, &value.normalize().to_string()).ok()?;
            let bill = evaluate(scenario, catalogs, &at).ok();
            let point = Point {
                rules: bill
                    .as_ref()
                    .map(|b| b.lines.iter().map(|l| (l.priced.rate, l.priced.fired)).collect())
                    .unwrap_or_default(),
                totals: bill.map(|b| b.totals),
            };
            self.points.insert(*value, point);
        }
        let points: Vec<&Point> = values.iter().filter_map(|v| self.points.get(v)).collect();
        let crossings = (1..points.len())
            .filter(|&i| {
                let (a, b) = (points[i - 1], points[i]);
                a.totals.is_some() && b.totals.is_some() && a.rules != b.rules
            })
            .collect();
        Some(Curve {
            totals: points.iter().map(|p| p.totals.clone()).collect(),
            crossings,
        })
    }
}

/// The kept points of the curve at the parameters now and of the baseline's curve.
#[derive(Debug, Clone, Default)]
pub struct Memos {
    /// At the parameters now.
    pub now: Memo,
    /// At the baseline's.
    pub baseline: Memo,
}
