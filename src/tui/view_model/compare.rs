//! The compare view's text: every open scenario's totals side by side, then their lines matched
//! by stage and label, each scenario's cost with its change against the first.

use rust_decimal::Decimal;

use crate::format::{Currency, escape};
use crate::tui::app::App;

/// The compare view, as rows of cells: the first column names the row.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CompareText {
    /// The heading row: the scenarios' names, the one in front marked.
    pub header: Vec<String>,
    /// The totals: cost per video, per finished second, per month, and margin where sold.
    pub totals: Vec<Vec<String>>,
    /// The lines: stage and label, then each scenario's cost and change (`-` where absent).
    pub lines: Vec<Vec<String>>,
    /// Each scenario's cost per video, for presentation mode's large digits.
    pub heroes: Vec<Hero>,
}

/// A scenario's cost per video, as presentation mode shows it large.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Hero {
    /// The scenario's name, escaped; the one in front marked.
    pub name: String,
    /// The cost per video, in cents, or `n/a`.
    pub shown: String,
    /// Its change against the first scenario's, or what it is compared with.
    pub change: String,
}

impl CompareText {
    /// The comparison of the app's open scenarios.
    pub fn of(app: &App) -> Self {
        let comparison = &app.comparison;
        if comparison.sides.is_empty() {
            return Self::default();
        }
        // Sides are shown in the first one's currency, as the comparison's figures are.
        let currency = Currency::of(comparison.sides.first().map_or("USD", |s| s.currency.as_str()));
        let mut header = vec![String::new()];
        header.extend(comparison.sides.iter().enumerate().map(|(i, s)| {
            let mark = if i == app.position { "▶ " } else { "" };
            format!("{mark}{}", escape(&s.name))
        }));
        let first = |name: &str| comparison.sides.first().and_then(|s| s.total(name));
        let total = |label: &str, name: &str, places: u32| {
            let mut row = vec![label.to_owned()];
            row.extend(
                comparison
                    .sides
                    .iter()
                    .enumerate()
                    .map(|(i, side)| cell(side.total(name), first(name), (i, places), &currency)),
            );
            row
        };
        let mut totals = vec![
            total("Cost per video", "per_video", 2),
            total("Per finished second", "per_finished_second", 4),
            total("Per month", "per_month", 2),
        ];
        if comparison.sides.iter().any(|s| s.total("margin").is_some()) {
            totals.push(total("Margin per video", "margin", 4));
        }
        let lines = comparison
            .rows
            .iter()
            .map(|row| {
                let mut cells = vec![format!("{} · {}", row.stage.name(), escape(&row.label))];
                let first = row.per_video.first().copied().flatten();
                cells.extend(
                    row.per_video
                        .iter()
                        .enumerate()
                        .map(|(i, v)| cell(*v, first, (i, 4), &currency)),
                );
                cells
            })
            .collect();
        let first_cost = first("per_video");
        let heroes = comparison
            .sides
            .iter()
            .zip(header.iter().skip(1))
            .enumerate()
            .map(|(i, (side, name))| {
                let cost = side.total("per_video");
                let change = match (cost, first_cost) {
                    _ if i == 0 => "per video".to_owned(),
                    (Some(v), Some(f)) if v != f => {
                        format!("per video, {} against the first", currency.signed(v - f, 2))
                    }
                    (Some(_), Some(_)) => "per video, as the first".to_owned(),
                    _ => "per video".to_owned(),
                };
                Hero {
                    name: name.clone(),
                    shown: cost.map_or_else(|| "n/a".to_owned(), |v| currency.fixed(v, 2)),
                    change,
                }
            })
            .collect();
        Self {
            header,
            totals,
            lines,
            heroes,
        }
    }
}

/// A value and its change against the first scenario's: `$2.81 (-$0.20)`, or `-` where absent.
fn cell(value: Option<Decimal>, first: Option<Decimal>, (i, places): (usize, u32), currency: &Currency) -> String {
    match (value, first) {
        (None, _) => "-".to_owned(),
        (Some(v), Some(f)) if i > 0 && v != f => {
            format!("{} ({})", currency.fixed(v, places), currency.signed(v - f, places))
        }
        (Some(v), _) => currency.fixed(v, places),
    }
}
