//! The chart: cost against the selected parameter across its range, from the engine's sweep, with
//! the current point and the price cliffs marked and the baseline's curve behind it; for a
//! parameter with named options, a bar per option. Amortisation is the case where videos per
//! character is selected.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Axis, Bar, BarChart, BarGroup, Block, Chart, Dataset, GraphType, Paragraph, Wrap};

use super::text;
use crate::tui::app::App;
use crate::tui::sweep::{Plot, Shape};
use crate::tui::theme::Theme;

/// Draws the chart.
pub fn render_chart(frame: &mut Frame, area: Rect, app: &App) {
    let theme = &app.theme;
    let labels = &app.shown.chart;
    let title = if text::width(&labels.title) + 2 <= usize::from(area.width) {
        labels.title.as_str()
    } else {
        labels.short_title.as_str()
    };
    let block = Block::bordered()
        .border_style(theme.border)
        .title(Span::styled(title, theme.panel_title))
        .title_bottom(Line::from(Span::styled(labels.now.as_str(), theme.marker)).right_aligned());
    let line = match &app.analysis.chart.shape {
        Shape::Line(line) if labels.note.is_none() && area.height >= 5 => line,
        Shape::Bars(_) if !labels.bars.is_empty() && area.height >= 5 => {
            render_bars(frame, area, app, block);
            return;
        }
        _ => {
            let note = match &labels.note {
                Some(note) => note.as_str(),
                None => "Enlarge the terminal to see the chart.",
            };
            let paragraph = Paragraph::new(Span::styled(note, theme.dim)).wrap(Wrap { trim: true });
            frame.render_widget(paragraph.block(block), area);
            return;
        }
    };
    let datasets = datasets(&line.plot, theme);
    // The legend is drawn over a cleared area: the high-contrast theme paints it black too.
    let base = if theme.high_contrast {
        theme.present
    } else {
        ratatui::style::Style::new()
    };
    let chart = Chart::new(datasets)
        .style(base)
        .block(block)
        .x_axis(
            Axis::default()
                .bounds([labels.x_bounds.0, labels.x_bounds.1])
                .labels(dim(&labels.x_labels, theme.dim)),
        )
        .y_axis(
            Axis::default()
                .bounds([0.0, labels.y_top])
                .labels(dim(&labels.y_labels, theme.dim)),
        )
        .hidden_legend_constraints((
            ratatui::layout::Constraint::Ratio(1, 3),
            ratatui::layout::Constraint::Ratio(1, 3),
        ));
    frame.render_widget(chart, area);
}

/// The curves of a line chart: the baseline's when pinned, now's, the price cliffs and the
/// current point.
fn datasets<'a>(plot: &'a Plot, theme: &Theme) -> Vec<Dataset<'a>> {
    let mut datasets = Vec::new();
    if !plot.baseline.is_empty() {
        datasets.push(
            Dataset::default()
                .name("baseline")
                .marker(Marker::Braille)
                .graph_type(GraphType::Line)
                .style(theme.baseline_curve)
                .data(&plot.baseline),
        );
    }
    // A legend only when there are two curves to tell apart.
    let now_curve = Dataset::default();
    let now_curve = if plot.baseline.is_empty() {
        now_curve
    } else {
        now_curve.name("now")
    };
    datasets.push(
        now_curve
            .marker(Marker::Braille)
            .graph_type(GraphType::Line)
            .style(theme.curve)
            .data(&plot.points),
    );
    datasets.push(
        Dataset::default()
            .marker(Marker::Dot)
            .graph_type(GraphType::Scatter)
            .style(theme.warning)
            .data(&plot.cliffs),
    );
    datasets.push(
        Dataset::default()
            .marker(Marker::Block)
            .graph_type(GraphType::Scatter)
            .style(theme.marker)
            .data(&plot.current),
    );
    datasets
}

/// A bar per option, the one in use highlighted, its cost above it.
fn render_bars(frame: &mut Frame, area: Rect, app: &App, block: Block) {
    let theme = &app.theme;
    let labels = &app.shown.chart;
    let inner = usize::from(area.width.saturating_sub(2));
    let count = labels.bars.len().max(1);
    let width = (inner / count).saturating_sub(1).clamp(3, 12);
    let bars: Vec<Bar> = labels
        .bars
        .iter()
        .map(|(name, shown, height, current)| {
            let style = if *current { theme.marker } else { theme.curve };
            Bar::default()
                .value(*height)
                .label(Line::from(text::fit(name, width)))
                .text_value(text::fit(shown, width))
                .style(style)
                .value_style(theme.selected)
        })
        .collect();
    let chart = BarChart::default()
        .block(block)
        .bar_width(u16::try_from(width).unwrap_or(3))
        .bar_gap(1)
        .data(BarGroup::default().bars(&bars));
    frame.render_widget(chart, area);
}

/// Axis labels in a style, borrowed from the view model.
fn dim(labels: &[String], style: ratatui::style::Style) -> Vec<Span<'_>> {
    labels.iter().map(|l| Span::styled(l.as_str(), style)).collect()
}
