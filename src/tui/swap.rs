//! Swapping a breakdown line's model: the models of the same kind that can price its step,
//! cycled with the arrow keys while the breakdown has the focus, in the order the list shows
//! them (`picker`: by provider, cheapest first).

use std::sync::Arc;

use rust_decimal::Decimal;

use super::app::App;
use crate::engine::evaluate;
use crate::engine::params::{Kind as ParamKind, step_model};

/// The position `by` places on from `current` in a list of models as shown, wrapping round, and
/// what to say when it wraps. The list starts with its cheapest model; its groups end where
/// their providers do, so the last is the end of the list, not always the dearest.
pub(super) fn next_in(ids: &[Arc<str>], current: &str, by: i64) -> (usize, Option<&'static str>) {
    let count = i64::try_from(ids.len()).unwrap_or(i64::MAX).max(1);
    let Some(at) = ids
        .iter()
        .position(|id| &**id == current)
        .and_then(|i| i64::try_from(i).ok())
    else {
        return (0, None);
    };
    let next = (at + by).rem_euclid(count);
    let wrapped = if at + by >= count {
        Some(" (wrapped round: back to the cheapest)")
    } else if at + by < 0 {
        Some(" (wrapped round: on to the end of the list)")
    } else {
        None
    };
    (usize::try_from(next).unwrap_or(0), wrapped)
}

/// A model that could price a step, and what a video would cost with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepChoice {
    /// The model's id.
    pub model: Arc<str>,
    /// Cost per video with it on the step.
    pub per_video: Decimal,
    /// Cost per video with it, less the cost now.
    pub change: Decimal,
}

impl App {
    /// Catalog models of the selected line's kind that can price its step, cheapest first,
    /// each priced with the rest of the bill as it is.
    pub(super) fn step_choices(&self) -> Vec<StepChoice> {
        let Some(line) = self.selected_line() else {
            return Vec::new();
        };
        let Some(name) = self.step_param(line.step) else {
            return Vec::new();
        };
        let (scenario, catalogs) = (&self.project.scenario, &self.project.catalogs);
        let kind = line.model.kind;
        let now = self.bill.totals.per_video;
        let mut at = self.params.clone();
        let mut found: Vec<StepChoice> = catalogs
            .models()
            .filter(|m| m.kind == kind)
            .filter_map(|model| {
                at.set(&name, &model.id).ok()?;
                let per_video = evaluate(scenario, catalogs, &at).ok()?.totals.per_video;
                Some(StepChoice {
                    model: Arc::clone(&model.id),
                    per_video,
                    change: per_video.checked_sub(now)?,
                })
            })
            .collect();
        found.sort_by(|a, b| a.per_video.cmp(&b.per_video).then_with(|| a.model.cmp(&b.model)));
        found
    }

    /// The name of a step's model parameter, `keyframe.model`.
    pub fn step_param(&self, step: usize) -> Option<String> {
        self.infos
            .iter()
            .find(|i| i.kind == ParamKind::Model && i.step_index == Some(step))
            .map(|i| i.name.clone())
    }

    /// The model a step is priced with now.
    pub fn step_model_id(&self, step: usize) -> Option<Arc<str>> {
        step_model(&self.project.scenario, &self.project.catalogs, &self.params, step).map(|m| Arc::clone(&m.id))
    }

    /// Puts the next (or previous) model that can price the selected line's step on it.
    pub(super) fn cycle_line_model(&mut self, by: i64) {
        let Some(line) = self.selected_line() else {
            self.say("The bill has no lines to swap");
            return;
        };
        let (step, label) = (line.step, Arc::clone(&line.label));
        if self.step_param(step).is_none() {
            self.say(format!("{label}: this step's model cannot be swapped"));
            return;
        }
        let Some(current) = self.step_model_id(step) else {
            return;
        };
        let ids = self.line_listing().ids();
        if ids.iter().all(|id| *id == current) {
            let what = if self.picker.filter.is_empty() {
                "in the catalogs"
            } else {
                "that matches the filter"
            };
            self.say(format!("No other model {what} can price {label}: {current} stays"));
            return;
        }
        let (next, wrapped) = next_in(&ids, &current, by);
        if let Some(id) = ids.get(next).cloned() {
            self.put_line_model(&id, wrapped);
        }
    }

    /// Puts a model on the selected line's step, saying what it changed; `note` ends the message.
    pub(super) fn put_line_model(&mut self, id: &Arc<str>, note: Option<&str>) {
        let Some(line) = self.selected_line() else {
            return;
        };
        let (step, label) = (line.step, Arc::clone(&line.label));
        let (Some(name), Some(current)) = (self.step_param(step), self.step_model_id(step)) else {
            return;
        };
        let per_video = self.bill.totals.per_video;
        let mut params = self.params.clone();
        if let Err(e) = params.set(&name, id) {
            self.refuse(format!("Refused {name} = {id}: {} ({})", e.message, e.help));
            return;
        }
        match self.apply(params) {
            Ok(()) => self.say(format!(
                "{label} model {current} → {id}: {} → {} per video{}",
                self.money().amount(per_video),
                self.money().amount(self.bill.totals.per_video),
                note.unwrap_or("")
            )),
            Err(why) => self.refuse(format!("Refused {name} = {id}: {why}")),
        }
    }
}
