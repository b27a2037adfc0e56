//! Goal seek's answer: the value found, whether it meets the target, and the totals there.

use serde_json::json;

use super::{Align, Grid, csv_line, exact, figure, pretty, title, totals_json};
use crate::engine::whatif::metric::figures;
use crate::engine::whatif::{Solution, higher_is_better};
use crate::report::Format;

/// The sentence that says what was found.
pub fn headline(s: &Solution) -> String {
    let goal = format!(
        "{} {} {}",
        s.metric,
        if higher_is_better(s.metric) { ">=" } else { "<=" },
        figure(s.metric, s.target)
    );
    let value = s.value.normalize();
    let got = crate::engine::whatif::metric(&s.totals, s.metric)
        .flatten()
        .map_or_else(|| "no value".to_owned(), |v| figure(s.metric, v));
    if s.already {
        format!("{goal} is already met at {} = {value} ({got}).", s.vary)
    } else if s.reached {
        format!("{goal} is met at {} = {value} ({got}).", s.vary)
    } else {
        format!(
            "{goal} cannot be reached by {} within its bounds and the models' limits; the closest is {} = {value} ({got}).",
            s.vary, s.vary
        )
    }
}

/// Renders goal seek's answer.
pub fn render(format: Format, s: &Solution) -> String {
    let totals = figures(&s.totals);
    match format {
        Format::Json => pretty(&json!({
            "vary": s.vary,
            "value": exact(s.value),
            "metric": s.metric,
            "target": exact(s.target),
            "reached": s.reached,
            "already": s.already,
            "totals": totals_json(&totals),
        })),
        Format::Csv => {
            let mut out = csv_line(["vary", "value", "metric", "target", "reached"].map(String::from));
            out.push_str(&csv_line([
                s.vary.clone(),
                s.value.normalize().to_string(),
                s.metric.to_owned(),
                s.target.normalize().to_string(),
                s.reached.to_string(),
            ]));
            out
        }
        Format::Table | Format::Markdown => {
            let mut grid = Grid::new([("Total", Align::Left), ("Value", Align::Right)]);
            for (name, value) in totals {
                if let Some(v) = value.filter(|_| super::in_tables(name)) {
                    grid.push([title(name), figure(name, v)]);
                }
            }
            let body = if format == Format::Markdown {
                grid.markdown()
            } else {
                grid.table()
            };
            format!("{}\n\n{body}", super::clean(&headline(s)))
        }
    }
}
