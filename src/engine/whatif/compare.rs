//! Scenarios side by side: their totals, and their lines matched by stage and label.

use std::sync::Arc;

use rust_decimal::Decimal;

use crate::engine::{Bill, Diagnostic, Stage};

/// One line's cost, as a comparison matches it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineCost {
    /// When the step runs.
    pub stage: Stage,
    /// What it is for.
    pub label: Arc<str>,
    /// What it adds to one video.
    pub per_video: Decimal,
}

/// One scenario, or a saved report, in a comparison.
#[derive(Debug, Clone)]
pub struct Side {
    /// The scenario's name.
    pub name: String,
    /// Where it came from: a file, a built-in name.
    pub file: String,
    /// Its totals by name (see [`super::METRICS`]), `None` where it has none.
    pub totals: Vec<(&'static str, Option<Decimal>)>,
    /// Its lines in order.
    pub lines: Vec<LineCost>,
    /// The currency of its figures, an ISO code.
    pub currency: String,
}

impl Side {
    /// A side from an evaluated bill.
    pub fn from_bill(name: impl Into<String>, file: impl Into<String>, bill: &Bill) -> Self {
        Self {
            name: name.into(),
            file: file.into(),
            totals: super::metric::figures(&bill.totals),
            lines: bill
                .lines
                .iter()
                .map(|l| LineCost {
                    stage: l.stage,
                    label: Arc::clone(&l.label),
                    per_video: l.per_video,
                })
                .collect(),
            currency: bill.currency.to_string(),
        }
    }

    /// A total by name.
    pub fn total(&self, name: &str) -> Option<Decimal> {
        self.totals.iter().find(|(n, _)| *n == name).and_then(|(_, v)| *v)
    }

    /// A total less `first`'s; `None` where either has none, or where the difference leaves
    /// the range of decimals, which [`check_differences`] refuses first.
    pub fn delta(&self, first: &Self, name: &str) -> Option<Decimal> {
        self.total(name)?.checked_sub(first.total(name)?)
    }
}

/// Refuses a comparison whose differences leave the range of decimals: two totals or line costs
/// of opposite signs near the limit of a decimal (a saved report can hold any figure). The
/// error names the side and the figure.
pub fn check_differences(sides: &[Side], rows: &[Row]) -> Result<(), Diagnostic> {
    let Some(first) = sides.first() else {
        return Ok(());
    };
    let too_large = |side: &Side, what: &str| {
        Diagnostic::file_error(
            side.file.as_str(),
            format!("{what} less {}'s is too large to compute", first.name),
        )
        .with_help("check both sides' figures for a mistyped one")
    };
    for side in sides.iter().skip(1) {
        for (name, value) in &side.totals {
            if value.zip(first.total(name)).is_some() && side.delta(first, name).is_none() {
                return Err(too_large(side, name));
            }
        }
    }
    for row in rows {
        for (i, side) in sides.iter().enumerate().skip(1) {
            let both = row
                .per_video
                .first()
                .copied()
                .flatten()
                .zip(row.per_video.get(i).copied().flatten());
            if both.is_some() && row.delta(i).is_none() {
                return Err(too_large(side, &format!("the {} line's cost per video", row.label)));
            }
        }
    }
    Ok(())
}

/// A line of the comparison: one stage and label, with each side's cost.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// The stage.
    pub stage: Stage,
    /// The label.
    pub label: Arc<str>,
    /// Each side's cost per video, `None` where the side has no such line.
    pub per_video: Vec<Option<Decimal>>,
}

impl Row {
    /// Side `i`'s cost less the first side's; `None` where either has no such line, or where
    /// the difference leaves the range of decimals, which [`check_differences`] refuses first.
    pub fn delta(&self, i: usize) -> Option<Decimal> {
        let first = (*self.per_video.first()?)?;
        self.per_video
            .get(i)
            .copied()
            .flatten()
            .and_then(|v| v.checked_sub(first))
    }
}

/// Matches lines across sides by stage and label: the first side's lines in order, then lines
/// only later sides have, in the order they first appear. A label repeated within a stage is
/// matched occurrence by occurrence.
pub fn match_lines(sides: &[Side]) -> Vec<Row> {
    let mut rows: Vec<Row> = Vec::new();
    for (i, side) in sides.iter().enumerate() {
        // How many rows with each (stage, label) this side has filled so far.
        let mut used: Vec<(Stage, &str, usize)> = Vec::new();
        for line in &side.lines {
            let seen = match used.iter_mut().find(|(s, l, _)| *s == line.stage && *l == &*line.label) {
                Some(entry) => {
                    let seen = entry.2;
                    // At most the number of this side's lines.
                    entry.2 = seen.saturating_add(1);
                    seen
                }
                None => {
                    used.push((line.stage, &line.label, 1));
                    0
                }
            };
            let slot = rows
                .iter_mut()
                .filter(|r| r.stage == line.stage && r.label == line.label)
                .nth(seen);
            match slot {
                Some(row) => row.per_video[i] = Some(line.per_video),
                None => {
                    let mut per_video = vec![None; sides.len()];
                    per_video[i] = Some(line.per_video);
                    rows.push(Row {
                        stage: line.stage,
                        label: Arc::clone(&line.label),
                        per_video,
                    });
                }
            }
        }
    }
    rows
}

/// The stage with this name, as reports write it.
pub fn stage_named(name: &str) -> Option<Stage> {
    [Stage::Scene, Stage::Character, Stage::Video, Stage::Month]
        .into_iter()
        .find(|s| s.name() == name)
}
