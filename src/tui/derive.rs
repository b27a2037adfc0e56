//! What `update` derives from the parameters and the bill after each change: the engine's
//! analyses, the headline figures, the lines against the baseline, the parameter rows and the
//! chart. Rendering reads the results; nothing here draws.

use std::sync::Arc;

use rust_decimal::Decimal;

use super::app::{Analysis, App, BAND_SAMPLES, BAND_SEED, Focus, LineBefore};
use super::figures::figures;
use super::param::{self, Param};
use super::sweep;
use crate::engine::ParamInfo;
use crate::engine::analysis;
use crate::engine::params::describe as describe_params;
use crate::engine::whatif;
use crate::engine::whatif::uncertainty::{Distribution, Sampling, uncertainty_given};
use crate::format::{self, Currency};

impl App {
    /// Recomputes everything derived from the parameters and the bill.
    pub(super) fn refresh(&mut self) {
        let (scenario, catalogs, params) = (&self.project.scenario, &self.project.catalogs, &self.params);
        let clip_model = analysis::clip_model(scenario, catalogs, params).cloned();
        let (alternatives, alternatives_behind) = self.ranking.at(scenario, catalogs, params, &self.bill);
        self.analysis = Analysis {
            resolutions: clip_model.as_ref().map(|m| m.pricing.resolutions()).unwrap_or_default(),
            clip_model,
            chart: sweep::Chart::default(),
            tornado: if self.tornado_shown {
                whatif::sensitivity(scenario, catalogs, params, Decimal::new(2, 1)).unwrap_or_default()
            } else {
                Vec::new()
            },
            band: None,
            cliffs: analysis::cliffs(scenario, catalogs, params, &self.bill),
            alternatives,
            alternatives_behind,
        };
        self.figures = figures(&self.bill.totals, &self.baseline.bill.totals, params);
        self.refresh_rows();
        let sampling = Sampling {
            samples: BAND_SAMPLES,
            seed: BAND_SEED,
            distribution: Distribution::Uniform,
        };
        let (scenario, catalogs, params) = (&self.project.scenario, &self.project.catalogs, &self.params);
        self.analysis.band = uncertainty_given(scenario, catalogs, params, (&self.bill, &self.infos), sampling)
            .ok()
            .flatten();
        // Indices sorted as `largest_first` sorts the lines: no search per line on a long bill.
        let lines = &self.bill.lines;
        let mut order: Vec<usize> = (0..lines.len()).collect();
        // Equal costs keep the bill's order: the same order as a stable sort, without its buffer.
        order.sort_unstable_by(|&a, &b| lines[b].per_video.cmp(&lines[a].per_video).then(a.cmp(&b)));
        self.order = order;
        self.before = self.lines_before();
        if !self.bill.lines.iter().any(|l| l.step == self.line) {
            self.line = self
                .order
                .first()
                .and_then(|&i| self.bill.lines.get(i))
                .map_or(0, |l| l.step);
        }
        self.line_models = if self.focus == Focus::Breakdown {
            self.step_choices()
        } else {
            Vec::new()
        };
        self.refresh_chart();
        self.check_budgets();
        self.compare();
    }

    /// Shows the clip models the worker ranked, when they were ranked against the files now.
    pub(super) fn ranked(&mut self, ranked: super::ranking::Ranked) {
        if let Some((list, behind)) = self.ranking.finished(ranked, &self.params) {
            self.analysis.alternatives = list;
            self.analysis.alternatives_behind = behind;
        }
    }

    /// The ranking of the clip models to hand to the worker, once: left by a change whose
    /// ranking is too large to make on the UI thread.
    pub fn take_ranking_job(&mut self) -> Option<super::ranking::Job> {
        self.ranking.take_job()
    }

    /// For each line of the bill, how it was in the baseline if it has changed: the same step,
    /// or, against another scenario, the line of the same stage and label.
    fn lines_before(&self) -> Vec<Option<LineBefore>> {
        self.bill
            .lines
            .iter()
            .map(|line| {
                let other = self.baseline.from.is_some();
                let lines = &self.baseline.bill.lines;
                let then = if other {
                    lines.iter().find(|b| b.stage == line.stage && b.label == line.label)?
                } else {
                    // Line i is step i in every bill of the same scenario; search only if not.
                    lines
                        .get(line.step)
                        .filter(|b| b.step == line.step)
                        .or_else(|| lines.iter().find(|b| b.step == line.step))?
                };
                if unchanged(then, line) && self.baseline.bill.currency == self.bill.currency {
                    // Nothing the rule's words or the cells are made of differs: no need to
                    // write both rules out to compare them, once per line of a long bill.
                    return None;
                }
                let rule = format::rule::line(then, &Currency::of(&self.baseline.bill.currency));
                let now = format::rule::line(line, &self.money());
                let repriced = rule != now || then.model.id != line.model.id;
                let same = !repriced
                    && then.unit_price == line.unit_price
                    && then.quantity == line.quantity
                    && then.per_video == line.per_video;
                (!same).then(|| LineBefore {
                    model: Arc::clone(&then.model.id),
                    unit_price: then.unit_price,
                    quantity: then.quantity,
                    per_video: then.per_video,
                    rule,
                    repriced,
                })
            })
            .collect()
    }

    /// The parameters the panel shows, the selection kept on one of them, and their baseline
    /// values where they differ.
    fn refresh_rows(&mut self) {
        let (scenario, catalogs, params) = (&self.project.scenario, &self.project.catalogs, &self.params);
        self.infos = describe_params(scenario, catalogs, params);
        self.rows = self
            .infos
            .iter()
            .filter(|i| param::shown_in_panel(i))
            .cloned()
            .collect();
        if !self.rows.iter().any(|r| r.name == self.selected.name())
            && let Some(first) = self.rows.first()
        {
            self.selected = Param::named(&first.name);
        }
        self.was = self
            .rows
            .iter()
            .map(|info| {
                if self.baseline.from.is_some() {
                    return None;
                }
                let then = param::brief(info, &self.baseline.params, &Currency::of(&self.baseline.bill.currency));
                (then != param::brief(info, &self.params, &self.money())).then_some(then)
            })
            .collect();
    }

    /// Recomputes the chart of the selected parameter.
    pub(super) fn refresh_chart(&mut self) {
        // Taken out while the rest of the state is read, and put back with the points priced.
        let mut curves = std::mem::take(&mut self.curves);
        let Some(info) = self.selected_info() else {
            self.analysis.chart = sweep::Chart::default();
            return;
        };
        let at = sweep::At {
            scenario: &self.project.scenario,
            catalogs: &self.project.catalogs,
            params: &self.params,
            bill: &self.bill,
            // Another scenario's curve over this one's parameter means nothing: none is drawn.
            baseline: if self.baseline.from.is_some() {
                &self.params
            } else {
                &self.baseline.params
            },
        };
        let choices = if info.name == "resolution" {
            &self.analysis.resolutions
        } else {
            &info.choices
        };
        let chart = sweep::chart(&at, &mut curves, info, self.chart_metric, choices);
        self.curves = curves;
        self.analysis.chart = chart;
    }

    /// The selected parameter as the engine describes it.
    pub fn selected_info(&self) -> Option<&ParamInfo> {
        self.rows.iter().find(|r| r.name == self.selected.name())
    }

    /// The selected breakdown line.
    pub fn selected_line(&self) -> Option<&crate::engine::Line> {
        self.bill.lines.iter().find(|l| l.step == self.line)
    }
}

/// Whether a line is priced as it was, by the same model, rule and figures: then neither its
/// rule's words nor any of its cells can differ.
fn unchanged(then: &crate::engine::Line, now: &crate::engine::Line) -> bool {
    let same_fallback = match (&then.fallback, &now.fallback) {
        (None, None) => true,
        (Some(a), Some(b)) => Arc::ptr_eq(&a.model, &b.model) && a.share == b.share && a.cost == b.cost,
        _ => false,
    };
    Arc::ptr_eq(&then.model, &now.model)
        && then.quote == now.quote
        && then.priced == now.priced
        && then.free_units == now.free_units
        && then.attempts == now.attempts
        && then.unit_price == now.unit_price
        && then.quantity == now.quantity
        && then.per_video == now.per_video
        && same_fallback
}
