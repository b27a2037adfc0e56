//! A tornado: the cost per video with each input at its low and its high, largest swing first.

use std::fmt::Write;

use rust_decimal::Decimal;
use serde_json::{Value, json};

use super::{Align, Grid, csv_line, exact, figure, pretty};
use crate::engine::whatif::Swing;
use crate::format::Currency;
use crate::report::Format;

/// An input's value for display: money to four places for a price, as written for a parameter.
fn input_value(swing: &Swing, value: Decimal, currency: &Currency) -> String {
    if swing.name.contains('/') {
        currency.price(value)
    } else {
        crate::engine::money::round(value, 4).normalize().to_string()
    }
}

/// A bar of up to `width` cells for a swing, against the largest.
fn bar(swing: Decimal, largest: Decimal, width: u32) -> String {
    if largest.is_zero() {
        return String::new();
    }
    // The share of the largest is at most one, so `width` of it fits.
    let cells = swing
        .checked_div(largest)
        .and_then(|share| share.checked_mul(Decimal::from(width)))
        .map_or(Decimal::ZERO, |c| c.round());
    "#".repeat(usize::try_from(u64::try_from(cells).unwrap_or(0)).unwrap_or(0))
}

/// Renders a tornado; `swing` is the share inputs without a range were moved by.
pub fn render(format: Format, inputs: &[Swing], swing: Decimal, per_video: Decimal, currency: &Currency) -> String {
    match format {
        Format::Json => json(inputs, swing, per_video),
        Format::Csv => csv(inputs),
        Format::Table | Format::Markdown => table(format, inputs, (swing, per_video), currency),
    }
}

fn json(inputs: &[Swing], swing: Decimal, per_video: Decimal) -> String {
    let list: Vec<Value> = inputs
        .iter()
        .map(|s| {
            json!({
                "name": s.name,
                "value": exact(s.value),
                "low": exact(s.low),
                "high": exact(s.high),
                "declared": s.declared,
                "per_video_at_low": exact(s.per_video_at_low),
                "per_video_at_high": exact(s.per_video_at_high),
                "swing": exact(s.swing),
            })
        })
        .collect();
    pretty(&json!({ "per_video": exact(per_video), "swing": exact(swing), "inputs": list }))
}

fn csv(inputs: &[Swing]) -> String {
    let mut out = csv_line(
        [
            "name",
            "value",
            "low",
            "high",
            "declared",
            "per_video_at_low",
            "per_video_at_high",
            "swing",
        ]
        .map(String::from),
    );
    for s in inputs {
        out.push_str(&csv_line([
            s.name.clone(),
            s.value.normalize().to_string(),
            s.low.normalize().to_string(),
            s.high.normalize().to_string(),
            s.declared.to_string(),
            s.per_video_at_low.normalize().to_string(),
            s.per_video_at_high.normalize().to_string(),
            s.swing.normalize().to_string(),
        ]));
    }
    out
}

fn table(format: Format, inputs: &[Swing], (swing, per_video): (Decimal, Decimal), currency: &Currency) -> String {
    let largest = inputs.iter().map(|s| s.swing).max().unwrap_or_default();
    let mut grid = Grid::new([
        ("Input", Align::Left),
        ("Value", Align::Right),
        ("Low", Align::Right),
        ("High", Align::Right),
        ("At low", Align::Right),
        ("At high", Align::Right),
        ("Swing", Align::Right),
        ("", Align::Left),
    ]);
    for s in inputs {
        grid.push([
            s.name.clone(),
            input_value(s, s.value, currency),
            input_value(s, s.low, currency),
            input_value(s, s.high, currency),
            figure("per_video", s.per_video_at_low, currency),
            figure("per_video", s.per_video_at_high, currency),
            figure("per_video", s.swing, currency),
            bar(s.swing, largest, 20),
        ]);
    }
    let mut out = format!(
        "Cost per video {}; each input moved alone to its range, or by ±{}% without one.\n\n",
        figure("per_video", per_video, currency),
        // A swing is a share of at most one.
        swing.saturating_mul(Decimal::ONE_HUNDRED).normalize()
    );
    out.push_str(&if format == Format::Markdown {
        grid.markdown()
    } else {
        grid.table()
    });
    let declared: Vec<&str> = inputs.iter().filter(|s| s.declared).map(|s| s.name.as_str()).collect();
    if !declared.is_empty() {
        let _ = writeln!(out, "\nFrom declared ranges: {}.", super::clean(&declared.join(", ")));
    }
    out
}
