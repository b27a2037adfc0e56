//! Setting parameters from text or numbers: every value validated, a refused one changing
//! nothing, derived values computed afresh.

use std::sync::Arc;

use rust_decimal::Decimal;

use super::{MODEL_SUFFIX, Number, ParamError, Params, Ref, SALE_NAMES, error};
use crate::engine::source::Diagnostic;

impl Params {
    /// Sets a parameter from text, as `--set NAME=VALUE` and the dashboard's input do. A
    /// refused value changes nothing. A share such as `reroll_rate` reads `0.1` and `10%` alike.
    pub fn set(&mut self, name: &str, text: &str) -> Result<(), ParamError> {
        if let Some(derived) = self.schema.derivation(name) {
            return Err(error(
                name,
                format!("is computed from `{}`", derived.expression.text()),
                "change the parameters it is computed from",
            ));
        }
        let mut next = self.clone();
        next.set_any(name, text)?;
        next.check_bounds(name)?;
        if !next.schema.derivations.is_empty() {
            next.resolve()
                .map_err(|d| error(name, d.message, d.help.unwrap_or_default()))?;
        }
        *self = next;
        Ok(())
    }

    /// Sets a numeric parameter from a number.
    pub fn set_decimal(&mut self, name: &str, value: Decimal) -> Result<(), ParamError> {
        self.set(name, &value.normalize().to_string())
    }

    fn set_any(&mut self, name: &str, text: &str) -> Result<(), ParamError> {
        if let Some(slot) = self.schema.slot(name) {
            return self.set_custom(slot, name, text);
        }
        if let Some(id) = name.strip_suffix(MODEL_SUFFIX) {
            return self.set_model(id, name, text);
        }
        if SALE_NAMES.contains(&name) {
            return self.set_sale(name, text);
        }
        self.set_builtin(name, text)
    }

    fn set_custom(&mut self, slot: usize, name: &str, text: &str) -> Result<(), ParamError> {
        let whole = self.schema.custom.get(slot).is_some_and(|c| c.whole);
        let mut help = (if whole { "a whole number" } else { "a number" }).to_owned();
        if let Some(b) = self.schema.custom.get(slot).map(|c| &c.bounds) {
            let show = |d: Option<Decimal>| d.map(|d| d.normalize().to_string());
            match (show(b.min), show(b.max)) {
                (Some(min), Some(max)) => help.push_str(&format!(" from {min} to {max}")),
                (Some(min), None) => help.push_str(&format!(" from {min}")),
                (None, Some(max)) => help.push_str(&format!(" up to {max}")),
                (None, None) => {}
            }
        }
        let value = crate::engine::number::parse_decimal(text)
            .map_err(|_| error(name, format!("`{}` is not a number", text.trim()), help.clone()))?;
        if whole && !value.fract().is_zero() {
            return Err(error(
                name,
                format!("{} is not a whole number", value.normalize()),
                help,
            ));
        }
        if let Some(v) = Arc::make_mut(&mut self.values).get_mut(slot) {
            *v = value;
        }
        Ok(())
    }

    fn set_model(&mut self, id: &str, name: &str, text: &str) -> Result<(), ParamError> {
        let schema = Arc::clone(&self.schema);
        let Some(index) = schema.step(id) else {
            let ids: Vec<&str> = schema.steps.iter().map(|s| &*s.id).collect();
            let help = match crate::engine::suggest::closest(id, ids.iter().copied()) {
                Some(best) => format!("did you mean `{best}{MODEL_SUFFIX}`? steps: {}", ids.join(", ")),
                None => format!("steps: {}", ids.join(", ")),
            };
            return Err(error(name, format!("`{id}` is not a step of this scenario"), help));
        };
        let model = text.trim();
        if model.is_empty() {
            return Err(error(name, "is empty", "a model id from a catalog"));
        }
        let own = schema.steps.get(index).is_some_and(|s| &*s.model == model);
        let models = Arc::make_mut(&mut self.models);
        if models.len() < schema.steps.len() {
            models.resize(schema.steps.len(), None);
        }
        models[index] = (!own).then(|| model.into());
        Ok(())
    }

    /// Reports a value outside the bounds the scenario declares for it.
    fn check_bounds(&self, name: &str) -> Result<(), ParamError> {
        let Some(bounds) = self.schema.bounds(name) else {
            return Ok(());
        };
        let value = match (self.schema.slot(name), Number::named(name)) {
            (Some(slot), _) => self.number(Ref::Slot(slot)),
            (None, Some(n)) => self.number(Ref::Builtin(n)),
            _ => None,
        };
        let Some(value) = value else {
            return Ok(());
        };
        let show = |d: Option<Decimal>| d.map_or_else(|| "any".to_owned(), |d| d.normalize().to_string());
        let outside = bounds.min.is_some_and(|min| value < min) || bounds.max.is_some_and(|max| value > max);
        if outside {
            return Err(error(
                name,
                format!("{} is outside its bounds", value.normalize()),
                format!("from {} to {}", show(bounds.min), show(bounds.max)),
            ));
        }
        Ok(())
    }

    /// Computes every derived parameter from what it reads, in order.
    pub fn resolve(&mut self) -> Result<(), Diagnostic> {
        let schema = Arc::clone(&self.schema);
        for d in &schema.derivations {
            let value = d.expression.eval(self)?;
            match d.target {
                Ref::Slot(slot) => {
                    if let Some(v) = Arc::make_mut(&mut self.values).get_mut(slot) {
                        *v = value;
                    }
                }
                Ref::Builtin(n) => self.set_any(n.name(), &value.normalize().to_string()).map_err(|e| {
                    d.expression
                        .error(format!(
                            "{} = `{}` gives {}{}: {}",
                            d.name,
                            d.expression.text(),
                            value.normalize(),
                            d.expression.values(self),
                            e.message
                        ))
                        .with_help(e.help)
                })?,
            }
        }
        Ok(())
    }
}
