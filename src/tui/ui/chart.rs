//! The amortisation chart: cost per finished second against videos per character, from the
//! engine's sweep, with the current point marked and the baseline's curve behind it.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Axis, Block, Chart, Dataset, GraphType, Paragraph};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use super::text;
use crate::tui::app::{App, SWEEP};

/// Draws the amortisation chart.
pub fn render_chart(frame: &mut Frame, area: Rect, app: &App) {
    let theme = &app.theme;
    let curve = &app.analysis.curve;
    let (videos, cost) = curve.current;
    let now = match cost {
        Some(cost) => {
            let plural = if videos == 1 { "" } else { "s" };
            format!(" now {videos} video{plural}/char: {} ", app.money().fixed(cost, 4))
        }
        None => String::new(),
    };
    let title = format!(" Amortisation: cost {} by videos per character ", curve.metric);
    let title = if text::width(&title) + 2 <= usize::from(area.width) {
        title
    } else {
        " Amortisation ".to_owned()
    };
    let block = Block::bordered()
        .border_style(theme.border)
        .title(Span::styled(title, theme.panel_title))
        .title_bottom(Line::from(Span::styled(now, theme.marker)).right_aligned());
    if curve.points.is_empty() || area.height < 5 {
        let note = if curve.points.is_empty() {
            "No amortisation to show: the engine could not price the sweep."
        } else {
            "Enlarge the terminal to see the chart."
        };
        frame.render_widget(Paragraph::new(Span::styled(note, theme.dim)).block(block), area);
        return;
    }
    let marker: Vec<(f64, f64)> = match cost.and_then(|c| c.to_f64()) {
        Some(y) if SWEEP.contains(&videos) => vec![(f64::from(videos), y)],
        _ => Vec::new(),
    };
    let mut datasets = Vec::new();
    if !curve.baseline.is_empty() {
        datasets.push(
            Dataset::default()
                .name("baseline")
                .marker(Marker::Braille)
                .graph_type(GraphType::Line)
                .style(theme.baseline_curve)
                .data(&curve.baseline),
        );
    }
    // A legend only when there are two curves to tell apart.
    let now_curve = Dataset::default();
    let now_curve = if curve.baseline.is_empty() {
        now_curve
    } else {
        now_curve.name("now")
    };
    datasets.push(
        now_curve
            .marker(Marker::Braille)
            .graph_type(GraphType::Line)
            .style(theme.curve)
            .data(&curve.points),
    );
    datasets.push(
        Dataset::default()
            .marker(Marker::Block)
            .graph_type(GraphType::Scatter)
            .style(theme.marker)
            .data(&marker),
    );
    // ratatui spaces axis labels evenly, so the axis runs from 0 to put them on 0, 5, 10, 15, 20.
    let last = *SWEEP.end();
    let x_labels: Vec<Span> = (0..=4)
        .map(|i| Span::styled((last * i / 4).to_string(), theme.dim))
        .collect();
    let top = curve.top;
    // Four decimals below a dollar, as per-second figures are shown; cents up to $100.
    let places = if top < Decimal::ONE {
        4
    } else if top < Decimal::ONE_HUNDRED {
        2
    } else {
        0
    };
    let y_labels: Vec<Span> = [Decimal::ZERO, top / Decimal::TWO, top]
        .into_iter()
        .map(|v| Span::styled(app.money().fixed(v, places), theme.dim))
        .collect();
    let chart = Chart::new(datasets)
        .block(block)
        .x_axis(Axis::default().bounds([0.0, f64::from(last)]).labels(x_labels))
        .y_axis(
            Axis::default()
                .bounds([0.0, top.to_f64().unwrap_or(1.0).max(f64::MIN_POSITIVE)])
                .labels(y_labels),
        )
        .hidden_legend_constraints((
            ratatui::layout::Constraint::Ratio(1, 3),
            ratatui::layout::Constraint::Ratio(1, 3),
        ));
    frame.render_widget(chart, area);
}
