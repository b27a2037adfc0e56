//! A cost curve against a swept parameter, with the scenario's own value marked.

use plotters::prelude::*;
use rust_decimal::Decimal;

use super::bars::{ACCENT, BAR, INK, MUTED, RULE, page};
use super::{ChartError, coord, money_label};

/// A swept parameter and the cost the engine gives at each of its values.
#[derive(Debug, Clone)]
pub struct Curve {
    /// The chart's title.
    pub title: String,
    /// Its subtitle, e.g. the scenario's name.
    pub subtitle: String,
    /// The swept parameter, for the x axis.
    pub x_name: String,
    /// The cost measured, for the y axis.
    pub y_name: String,
    /// The parameter's values and the cost at each, in order.
    pub points: Vec<(u32, Decimal)>,
    /// The scenario's own value of the parameter.
    pub current: u32,
    /// The currency of the costs.
    pub currency: String,
}

fn err(e: impl std::fmt::Display) -> ChartError {
    e.to_string()
}

/// Draws the curve, the scenario's own point marked and labelled.
pub fn curve(data: &Curve) -> Result<String, ChartError> {
    let (Some(first), Some(last)) = (data.points.first(), data.points.last()) else {
        return Err("no points to draw".into());
    };
    let top = data.points.iter().map(|(_, y)| *y).max().unwrap_or_default();
    let y_max = coord(top) * 1.15;
    let places = super::places(top);
    let currency = data.currency.clone();
    page(&data.title, &data.subtitle, |root| {
        let area = root.margin(130, 30, 30, 60);
        let mut chart = ChartBuilder::on(&area)
            .x_label_area_size(80)
            .y_label_area_size(170)
            .build_cartesian_2d(first.0..last.0, 0f64..y_max.max(f64::EPSILON))
            .map_err(err)?;
        let y_label = |y: &f64| {
            let value = Decimal::try_from(*y).unwrap_or_default();
            money_label(value, &currency, places)
        };
        chart
            .configure_mesh()
            .light_line_style(WHITE)
            .bold_line_style(RULE)
            .axis_style(MUTED.stroke_width(2))
            .x_desc(data.x_name.as_str())
            .y_desc(data.y_name.as_str())
            .x_labels(10)
            .y_labels(6)
            .y_label_formatter(&y_label)
            .label_style(("sans-serif", 28).into_font().color(&INK))
            .axis_desc_style(("sans-serif", 30).into_font().color(&MUTED))
            .draw()
            .map_err(err)?;
        chart
            .draw_series(LineSeries::new(
                data.points.iter().map(|(x, y)| (*x, coord(*y))),
                BAR.stroke_width(5),
            ))
            .map_err(err)?;
        if let Some((x, y)) = data.points.iter().find(|(x, _)| *x == data.current) {
            let at = (*x, coord(*y));
            chart
                .draw_series(std::iter::once(Circle::new(at, 11, ACCENT.filled())))
                .map_err(err)?;
            let text = format!("{x}: {}", money_label(*y, &data.currency, places.max(3)));
            chart
                .draw_series(std::iter::once(Text::new(
                    text,
                    at,
                    ("sans-serif", 32)
                        .into_font()
                        .style(FontStyle::Bold)
                        .color(&ACCENT)
                        .pos(plotters::style::text_anchor::Pos::new(
                            plotters::style::text_anchor::HPos::Left,
                            plotters::style::text_anchor::VPos::Bottom,
                        )),
                )))
                .map_err(err)?;
        }
        Ok(())
    })
}
