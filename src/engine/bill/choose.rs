//! Which model prices a step, and the warnings about what a step gives or a scenario declares
//! that nothing uses.

use std::sync::Arc;

use super::{Evaluation, usage};
use crate::engine::catalog::{Kind, Model};
use crate::engine::params::MODEL_SUFFIX;
use crate::engine::scenario::{Stage, Step};
use crate::engine::source::Diagnostic;
use crate::engine::warning::{Warning, WarningKind};

impl Evaluation<'_> {
    /// The model that prices a step, and whether it is a swap: the step's own `STEP.model`,
    /// else `video_model` for a scene step that makes video, else the file's. A swap must be
    /// a model of the same kind as the file's.
    pub(super) fn step_model(&self, index: usize, step: &Step) -> Result<(Arc<Model>, bool), Diagnostic> {
        let own = self.model(&step.model, &step.model_origin)?;
        if let Some(id) = self.params.models.get(index).and_then(Option::as_deref) {
            let shown = format!("{}{MODEL_SUFFIX} = {id}", step.id);
            let swap = self.catalogs.model(id).ok_or_else(|| {
                let error = step
                    .model_origin
                    .error(format!("{shown}: no catalog prices the model `{id}`"));
                match self.catalogs.closest_id(id) {
                    Some(best) => error.with_help(format!("did you mean `{best}`?")),
                    None => error.with_help(format!("name a model of {} from a catalog", kind_name(own.kind))),
                }
            })?;
            if swap.kind != own.kind {
                return Err(step
                    .model_origin
                    .error(format!(
                        "{shown}: {id} makes {}, but this step makes {} (its model is {})",
                        kind_name(swap.kind),
                        kind_name(own.kind),
                        own.id
                    ))
                    .with_help(format!("choose a model that makes {}", kind_name(own.kind))));
            }
            return Ok((Arc::clone(swap), swap.id != own.id));
        }
        match (&self.params.video_model, step.stage, own.kind) {
            (Some(id), Stage::Scene, Kind::Video) if **id != *own.id => Ok((Arc::clone(self.video_model(id)?), true)),
            _ => Ok((Arc::clone(own), false)),
        }
    }

    /// Warns of usage fields the step gives that no price of its model reads.
    pub(super) fn unused_fields(&mut self, step: &Step, model: &Arc<Model>) {
        for (field, origin) in &step.usage {
            if !usage::uses(model, *field) {
                self.warnings.push(Warning {
                    origin: Some(origin.clone()),
                    file: Arc::clone(&self.scenario.file),
                    kind: WarningKind::UnusedField {
                        field: *field,
                        model: Arc::clone(model),
                    },
                });
            }
        }
    }

    /// Warns of the scenario's own parameters that nothing reads.
    pub(super) fn unread_parameters(&mut self) {
        for custom in self.params.schema.custom.iter().filter(|c| !c.used) {
            self.warnings.push(Warning {
                origin: Some(custom.origin.clone()),
                file: Arc::clone(&self.scenario.file),
                kind: WarningKind::UnreadParameter {
                    name: Arc::clone(&custom.name),
                },
            });
        }
    }
}

/// A model kind as a noun: `images`, `video`.
pub(super) fn kind_name(kind: Kind) -> &'static str {
    match kind {
        Kind::Video => "video",
        Kind::Image => "images",
        Kind::Audio => "audio",
        Kind::Text => "text",
        Kind::Training => "training runs",
        Kind::Storage => "storage",
        Kind::Fixed => "fixed costs",
    }
}
