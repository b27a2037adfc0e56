//! Horizontal bar charts laid out for a slide: a label column on the left, bars, and each bar's
//! figure beside it. The tornado is the same layout with bars spanning low to high around a base.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use rust_decimal::Decimal;

use super::{ChartError, HEIGHT, WIDTH, coord, label, money_label};

/// One bar: its label, its length and the figure written beside it.
#[derive(Debug, Clone)]
pub struct Bar {
    /// What the bar is, e.g. a line of the bill.
    pub label: String,
    /// Its length in the chart's units.
    pub value: f64,
    /// The figure shown beside it.
    pub text: String,
    /// Drawn in the accent colour.
    pub highlight: bool,
}

/// What moving one input across its range does to the cost: the tornado's rows.
#[derive(Debug, Clone)]
pub struct Tornado {
    /// The cost at the scenario's own values.
    pub base: Decimal,
    /// What is measured, e.g. `cost per video`.
    pub measure: String,
    /// The scenario's name.
    pub scenario: String,
    /// The currency of the figures.
    pub currency: String,
    /// One row per input: its name, the cost at its low value and at its high value.
    pub rows: Vec<(String, Decimal, Decimal)>,
}

pub(super) const INK: RGBColor = RGBColor(31, 41, 55);
pub(super) const MUTED: RGBColor = RGBColor(75, 85, 99);
pub(super) const BAR: RGBColor = RGBColor(37, 99, 235);
pub(super) const ACCENT: RGBColor = RGBColor(234, 88, 12);
pub(super) const RULE: RGBColor = RGBColor(209, 213, 219);
const FONT: &str = "sans-serif";
/// Bars past this many are summed into one, so every label stays legible.
const MOST_BARS: usize = 10;

fn err(e: impl std::fmt::Display) -> ChartError {
    e.to_string()
}

/// Draws into an SVG string on a white 1280x720 page with a title and a subtitle.
pub(super) fn page(
    title: &str,
    subtitle: &str,
    draw: impl FnOnce(&DrawingArea<SVGBackend<'_>, plotters::coord::Shift>) -> Result<(), ChartError>,
) -> Result<String, ChartError> {
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, HEIGHT)).into_drawing_area();
        root.fill(&WHITE).map_err(err)?;
        root.draw(&Text::new(
            title.to_owned(),
            (48, 36),
            (FONT, 46).into_font().style(FontStyle::Bold).color(&INK),
        ))
        .map_err(err)?;
        root.draw(&Text::new(
            subtitle.to_owned(),
            (48, 92),
            (FONT, 30).into_font().color(&MUTED),
        ))
        .map_err(err)?;
        draw(&root)?;
        root.present().map_err(err)?;
    }
    Ok(svg)
}

fn text_at(h: HPos, size: u32, color: &RGBColor, bold: bool) -> TextStyle<'static> {
    let font = (FONT, f64::from(size)).into_font();
    let font = if bold { font.style(FontStyle::Bold) } else { font };
    font.color(color).pos(Pos::new(h, VPos::Center))
}

/// Pixels per unit of value: the longest bar fills the plot, and no bar's figure runs off the
/// page (each figure's width estimated from its length in a bold 22 px face).
fn scale(bars: &[Bar], left: i32) -> f64 {
    const PAGE_RIGHT: f64 = 1240.0;
    const LONGEST: f64 = 560.0;
    let max = bars.iter().map(|b| b.value).fold(0.0f64, f64::max);
    if max <= 0.0 {
        return 0.0;
    }
    bars.iter()
        .filter(|b| b.value > 0.0)
        .map(|b| {
            let text = 14.0 + 14.0 * b.text.chars().count() as f64;
            ((PAGE_RIGHT - f64::from(left) - text) / b.value).max(0.0)
        })
        .fold(LONGEST / max, f64::min)
}

/// Bars sorted as given, longest scaled to the plot's width, at most ten (the rest summed).
pub fn horizontal_bars(title: &str, subtitle: &str, bars: &[Bar]) -> Result<String, ChartError> {
    let mut shown: Vec<Bar> = bars.iter().take(MOST_BARS).cloned().collect();
    if bars.len() > MOST_BARS {
        let rest = &bars[MOST_BARS - 1..];
        shown.truncate(MOST_BARS - 1);
        shown.push(Bar {
            label: format!("{} more lines", rest.len()),
            value: rest.iter().map(|b| b.value).sum(),
            text: "(see the memo)".into(),
            highlight: false,
        });
    }
    page(title, subtitle, |root| {
        let (left, top, bottom) = (470i32, 150i32, 690i32);
        let scale = scale(&shown, left);
        // Pixels on a page of a fixed size, at most MOST_BARS rows: saturating forms never
        // saturate here, and a bar's length is clamped by the cast.
        let (slot, thick) = slots(top, bottom, shown.len());
        root.draw(&PathElement::new(
            vec![(left, top.saturating_sub(10)), (left, bottom)],
            RULE.stroke_width(2),
        ))
        .map_err(err)?;
        for (i, bar) in (0i32..).zip(&shown) {
            let mid = middle(top, slot, i);
            let length = (bar.value * scale).round();
            let end = left.saturating_add((length as i32).max(2));
            let colour = if bar.highlight { ACCENT } else { BAR };
            root.draw(&Rectangle::new(
                [
                    (left, mid.saturating_sub(thick / 2)),
                    (end, mid.saturating_add(thick / 2)),
                ],
                colour.filled(),
            ))
            .map_err(err)?;
            let name = label(&bar.label, 32);
            root.draw(&Text::new(
                name,
                (left.saturating_sub(16), mid),
                text_at(HPos::Right, 30, &INK, bar.highlight),
            ))
            .map_err(err)?;
            root.draw(&Text::new(
                bar.text.clone(),
                (end.saturating_add(14), mid),
                text_at(HPos::Left, 28, &INK, true),
            ))
            .map_err(err)?;
        }
        Ok(())
    })
}

/// The tornado: for each input, a bar from the cost at its low value to the cost at its high
/// value, around a line at the base cost; the widest swing on top.
pub fn tornado(data: &Tornado) -> Result<String, ChartError> {
    let mut rows = data.rows.clone();
    // Costs are never negative, so their differences never saturate.
    rows.sort_by_key(|(_, lo, hi)| std::cmp::Reverse(hi.saturating_sub(*lo).abs()));
    rows.truncate(MOST_BARS);
    let lowest = rows
        .iter()
        .map(|(_, lo, hi)| (*lo).min(*hi))
        .fold(data.base, Decimal::min);
    let highest = rows
        .iter()
        .map(|(_, lo, hi)| (*lo).max(*hi))
        .fold(data.base, Decimal::max);
    let span = coord(highest.saturating_sub(lowest)).max(f64::EPSILON);
    let title = format!("What moves the {}", data.measure);
    let subtitle = format!(
        "{}: {} at its own values; each input from low to high",
        label(&data.scenario, 50),
        money_label(data.base, &data.currency, super::places(data.base))
    );
    page(&title, &subtitle, |root| {
        let (left, right, top, bottom) = (530i32, 1060i32, 170i32, 690i32);
        // Pixels on a page of a fixed size, as in `bars`; each value is at least `lowest`.
        let width = f64::from(right.saturating_sub(left));
        let x = |v: Decimal| left.saturating_add(((coord(v.saturating_sub(lowest)) / span) * width).round() as i32);
        let (slot, thick) = slots(top, bottom, rows.len());
        let base = x(data.base);
        for (i, (name, lo, hi)) in (0i32..).zip(&rows) {
            let mid = middle(top, slot, i);
            let (a, b) = (x(*lo), x(*hi));
            // Below the base in blue, above it in orange: which way each end moves the cost,
            // whichever end of the input does it.
            let (from_x, to_x) = (a.min(b), a.max(b));
            for (from, to, colour) in [(from_x, base.min(to_x), BAR), (base.max(from_x), to_x, ACCENT)] {
                if to > from {
                    root.draw(&Rectangle::new(
                        [
                            (from, mid.saturating_sub(thick / 2)),
                            (to, mid.saturating_add(thick / 2)),
                        ],
                        colour.filled(),
                    ))
                    .map_err(err)?;
                }
            }
            root.draw(&Text::new(
                label(name, 32),
                (400, mid),
                text_at(HPos::Right, 26, &INK, false),
            ))
            .map_err(err)?;
            let low = money_label(*lo.min(hi), &data.currency, super::places(*lo));
            let high = money_label(*lo.max(hi), &data.currency, super::places(*hi));
            root.draw(&Text::new(
                low,
                (a.min(b).saturating_sub(10), mid),
                text_at(HPos::Right, 24, &INK, true),
            ))
            .map_err(err)?;
            root.draw(&Text::new(
                high,
                (a.max(b).saturating_add(10), mid),
                text_at(HPos::Left, 24, &INK, true),
            ))
            .map_err(err)?;
        }
        root.draw(&PathElement::new(
            vec![(base, top.saturating_sub(20)), (base, bottom)],
            INK.stroke_width(3),
        ))
        .map_err(err)?;
        Ok(())
    })
}

/// The height of a row for `rows` rows (at least four) between `top` and `bottom`, and of the
/// bar drawn in it.
fn slots(top: i32, bottom: i32, rows: usize) -> (i32, i32) {
    let rows = i32::try_from(rows.max(4)).unwrap_or(4);
    let slot = bottom.saturating_sub(top).checked_div(rows).unwrap_or(0);
    (slot, (slot.saturating_mul(7) / 10).min(56))
}

/// The middle of row `i`.
fn middle(top: i32, slot: i32, i: i32) -> i32 {
    top.saturating_add(slot.saturating_mul(i)).saturating_add(slot / 2)
}
