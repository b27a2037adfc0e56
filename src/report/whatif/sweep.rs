//! A sweep: the totals at each value of one parameter, and the price cliffs crossed.

use std::fmt::Write;

use serde_json::{Value, json};

use super::{Align, Grid, clean, csv_line, exact, figure, pretty, title, totals_json};
use crate::engine::Totals;
use crate::engine::catalog::Pricing;
use crate::engine::whatif::metric::figures;
use crate::engine::whatif::sweep::Change;
use crate::engine::whatif::{Crossing, METRICS, Sweep};
use crate::format::Currency;
use crate::report::Format;

/// The totals a sweep shows: those some point has a value for, seconds left out unless they move.
fn shown(sweep: &Sweep) -> Vec<&'static str> {
    let ok: Vec<&Totals> = sweep.points.iter().filter_map(|p| p.totals.as_ref().ok()).collect();
    METRICS
        .into_iter()
        .filter(|m| super::in_tables(m))
        .filter(|m| {
            let values: Vec<_> = ok
                .iter()
                .map(|t| figures(t).into_iter().find(|f| f.0 == *m).and_then(|f| f.1))
                .collect();
            let any = values.iter().any(Option::is_some);
            let seconds = m.ends_with("_seconds");
            any && (!seconds || values.windows(2).any(|w| w[0] != w[1]))
        })
        .collect()
}

fn value_of(totals: &Totals, metric: &str) -> Option<rust_decimal::Decimal> {
    crate::engine::whatif::metric(totals, metric).flatten()
}

/// What changed at a crossing, e.g. `fal-ai/wan-i2v: >81 frames x1.25 applies` with the line's cost.
pub fn describe(crossing: &Crossing, currency: &Currency) -> String {
    let pricing: &Pricing = crossing
        .quote
        .and_then(|q| crossing.model.quotes.get(q))
        .unwrap_or(&crossing.model.pricing);
    let what = match crossing.change {
        Change::Multiplier { index, fires } => {
            let condition = pricing.multipliers.get(index).map_or_else(String::new, |m| {
                let mut parts = Vec::new();
                if let Some(n) = m.frames_above {
                    parts.push(format!(">{n} frames"));
                }
                if let Some(s) = m.seconds_above {
                    parts.push(format!(">{} s", s.normalize()));
                }
                if let Some(r) = &m.resolution {
                    parts.push(r.to_string());
                }
                if let Some(a) = m.audio {
                    parts.push(if a { "audio" } else { "silent" }.to_owned());
                }
                format!("{} x{}", parts.join(" "), m.factor.normalize())
            });
            format!("{condition} {}", if fires { "applies" } else { "no longer applies" })
        }
        Change::Rate { from, to } => {
            let options = |i: usize| {
                pricing.rates.get(i).map_or_else(String::new, |r| {
                    let mut parts: Vec<String> = r.resolution.iter().map(ToString::to_string).collect();
                    if let Some(a) = r.audio {
                        parts.push(if a { "audio" } else { "silent" }.to_owned());
                    }
                    if let Some(s) = r.seconds() {
                        parts.push(format!("{} s", s.normalize()));
                    }
                    if parts.is_empty() {
                        // An index into a list, far below `usize::MAX`.
                        format!("rate {}", i.saturating_add(1))
                    } else {
                        parts.join(" ")
                    }
                })
            };
            format!("price row {} -> {}", options(from), options(to))
        }
    };
    clean(&format!(
        "{}: {what}; {} {} -> {} per video",
        crossing.model.id,
        crossing.label,
        currency.fixed(crossing.per_video.0, 4),
        currency.fixed(crossing.per_video.1, 4)
    ))
}

/// Renders a sweep.
pub fn render(format: Format, sweep: &Sweep, currency: &Currency) -> String {
    let metrics = shown(sweep);
    match format {
        Format::Json => json(sweep, currency),
        Format::Csv => {
            let mut header = vec![sweep.parameter.clone()];
            header.extend(metrics.iter().map(|m| (*m).to_owned()));
            header.push("error".to_owned());
            let mut out = csv_line(header);
            for point in &sweep.points {
                let mut fields = vec![point.value.clone()];
                match &point.totals {
                    Ok(t) => {
                        fields.extend(
                            metrics
                                .iter()
                                .map(|m| value_of(t, m).map(|v| v.normalize().to_string()).unwrap_or_default()),
                        );
                        fields.push(String::new());
                    }
                    Err(e) => {
                        fields.extend(metrics.iter().map(|_| String::new()));
                        fields.push(e.0.first().map(|d| d.message.clone()).unwrap_or_default());
                    }
                }
                out.push_str(&csv_line(fields));
            }
            out
        }
        Format::Table | Format::Markdown => {
            let mut columns = vec![(sweep.parameter.clone(), Align::Right)];
            columns.extend(metrics.iter().map(|m| (title(m), Align::Right)));
            let mut grid = Grid::new(columns);
            for point in &sweep.points {
                let mut cells = vec![point.value.clone()];
                match &point.totals {
                    Ok(t) => cells.extend(
                        metrics
                            .iter()
                            .map(|m| value_of(t, m).map_or_else(|| "-".to_owned(), |v| figure(m, v, currency))),
                    ),
                    Err(e) => {
                        let why = e.0.first().map(|d| d.message.clone()).unwrap_or_default();
                        cells.push(format!("cannot be priced: {why}"));
                        cells.extend(metrics.iter().skip(1).map(|_| String::new()));
                    }
                }
                grid.push(cells);
            }
            let markdown = format == Format::Markdown;
            let mut out = if markdown { grid.markdown() } else { grid.table() };
            if !sweep.crossings.is_empty() {
                let _ = writeln!(out, "\nPrice cliffs crossed:");
                for c in &sweep.crossings {
                    let before = sweep
                        .points
                        .get(c.after.wrapping_sub(1))
                        .map_or("", |p| p.value.as_str());
                    let after = sweep.points.get(c.after).map_or("", |p| p.value.as_str());
                    let bullet = if markdown { "- " } else { "  " };
                    let _ = writeln!(
                        out,
                        "{bullet}{} {before} -> {after}: {}",
                        sweep.parameter,
                        describe(c, currency)
                    );
                }
            }
            out
        }
    }
}

fn json(sweep: &Sweep, currency: &Currency) -> String {
    let points: Vec<Value> = sweep
        .points
        .iter()
        .map(|p| match &p.totals {
            Ok(t) => json!({ "value": p.value, "totals": totals_json(&figures(t)) }),
            Err(e) => json!({ "value": p.value, "totals": null, "error": e.to_string() }),
        })
        .collect();
    let crossings: Vec<Value> = sweep
        .crossings
        .iter()
        .map(|c| {
            json!({
                "from": sweep.points.get(c.after.wrapping_sub(1)).map(|p| p.value.clone()),
                "to": sweep.points.get(c.after).map(|p| p.value.clone()),
                "model": &*c.model.id,
                "label": &*c.label,
                "change": describe(c, currency),
                "per_video_before": exact(c.per_video.0),
                "per_video_after": exact(c.per_video.1),
            })
        })
        .collect();
    pretty(&json!({ "parameter": sweep.parameter, "points": points, "crossings": crossings }))
}
