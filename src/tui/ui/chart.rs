//! The amortisation chart: cost per finished second against videos per character, from the
//! engine's sweep, with the current point marked and the baseline's curve behind it.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Axis, Block, Chart, Dataset, GraphType, Paragraph};
use rust_decimal::prelude::ToPrimitive;

use super::text;
use crate::tui::app::{App, Curve, SWEEP};
use crate::tui::theme::Theme;

/// Draws the amortisation chart.
pub fn render_chart(frame: &mut Frame, area: Rect, app: &App) {
    let theme = &app.theme;
    let curve = &app.analysis.curve;
    let labels = &app.shown.chart;
    let (videos, cost) = curve.current;
    let title = if text::width(&labels.title) + 2 <= usize::from(area.width) {
        labels.title.as_str()
    } else {
        " Amortisation "
    };
    let block = Block::bordered()
        .border_style(theme.border)
        .title(Span::styled(title, theme.panel_title))
        .title_bottom(Line::from(Span::styled(labels.now.as_str(), theme.marker)).right_aligned());
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
    let datasets = datasets(curve, &marker, theme);
    let last = *SWEEP.end();
    let top = curve.top;
    let chart = Chart::new(datasets)
        .block(block)
        .x_axis(
            Axis::default()
                .bounds([0.0, f64::from(last)])
                .labels(dim(&labels.x_labels, theme.dim)),
        )
        .y_axis(
            Axis::default()
                .bounds([0.0, top.to_f64().unwrap_or(1.0).max(f64::MIN_POSITIVE)])
                .labels(dim(&labels.y_labels, theme.dim)),
        )
        .hidden_legend_constraints((
            ratatui::layout::Constraint::Ratio(1, 3),
            ratatui::layout::Constraint::Ratio(1, 3),
        ));
    frame.render_widget(chart, area);
}

/// Axis labels in a style, borrowed from the view model.
fn dim(labels: &[String], style: ratatui::style::Style) -> Vec<Span<'_>> {
    labels.iter().map(|l| Span::styled(l.as_str(), style)).collect()
}

/// The baseline's curve when it differs, the curve now, and the point the scenario is at.
fn datasets<'a>(curve: &'a Curve, marker: &'a [(f64, f64)], theme: &Theme) -> Vec<Dataset<'a>> {
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
            .data(marker),
    );
    datasets
}
