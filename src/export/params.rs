//! The parameters an export lists, in one place: every exporter walks this list, so the
//! scenario's own parameters, its sale and its steps' models appear in the workbook and the memo
//! without further work.

use rust_decimal::Decimal;

use super::Subject;
use crate::engine::params::{MODEL_SUFFIX, SALE_NAMES};

/// A parameter's value as an export shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    /// A number.
    Number(Decimal),
    /// Text, such as a resolution or a model id.
    Text(String),
    /// On or off.
    Bool(bool),
    /// Not set.
    Blank,
    /// Worked out from other parameters.
    Derived {
        /// The expression over other parameters' names, e.g. `frames / fps`.
        expression: String,
        /// Its value at these parameters.
        value: Decimal,
    },
}

/// One parameter: its name, its value and what a reader should know about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parameter {
    /// The name, as `--set` and the scenario file spell it.
    pub name: String,
    /// Its value.
    pub value: Value,
    /// A note for the reader, e.g. why changing it in a spreadsheet does nothing.
    pub note: String,
}

/// Every parameter of the subject, in the engine's order; the sale's only when it sells.
pub fn parameters(subject: &Subject<'_>) -> Vec<Parameter> {
    let params = subject.params;
    params
        .names()
        .filter(|name| params.sale.is_set() || !SALE_NAMES.contains(&name.as_str()))
        .map(|name| {
            let derived = params.schema.derivation(&name).map(|d| d.expression.text().to_owned());
            let number = params.value(&name).and_then(|v| match v {
                crate::engine::Value::Whole(n) => Some(Decimal::from(n)),
                crate::engine::Value::Number(d) => Some(d),
                _ => None,
            });
            let value = match (name.as_str(), derived) {
                (_, Some(expression)) => derive(expression, number),
                ("seconds", None) => derive("frames / fps".into(), params.seconds()),
                ("price", None) if params.sale.price.is_none() && params.sale.credits.is_some() => {
                    derive("credits * credit_price".into(), params.number(price_ref()))
                }
                ("credit_price", None) => params.credit_price().map_or(Value::Blank, Value::Number),
                _ => match params.value(&name) {
                    Some(crate::engine::Value::Whole(n)) => Value::Number(Decimal::from(n)),
                    Some(crate::engine::Value::Number(d)) => Value::Number(d),
                    Some(crate::engine::Value::Text(t)) => Value::Text(t.to_string()),
                    Some(crate::engine::Value::Bool(b)) => Value::Bool(b),
                    Some(crate::engine::Value::Unset) | None => Value::Blank,
                },
            };
            let note = note(&name, &value, params.sale.pack.as_deref());
            Parameter { name, value, note }
        })
        .collect()
}

fn price_ref() -> crate::engine::params::Ref {
    crate::engine::params::Ref::Builtin(crate::engine::params::Number::Price)
}

fn derive(expression: String, value: Option<Decimal>) -> Value {
    match value {
        Some(value) => Value::Derived { expression, value },
        None => Value::Blank,
    }
}

fn note(name: &str, value: &Value, pack: Option<&str>) -> String {
    if let Value::Derived { expression, .. } = value {
        return format!("= {expression}: change the parameters it is worked out from");
    }
    if name.ends_with(MODEL_SUFFIX) {
        return "this step's model is chosen on export, not by a formula: export again with --set to change it"
            .to_owned();
    }
    let note = match name {
        "scenes" => "scenes per video",
        "frames" => "frames per generated clip",
        "fps" => "frames per second of the clip",
        "resolution" => "the rate is looked up by it",
        "audio" => "TRUE or FALSE",
        "characters" => "characters per video, each set up once",
        "videos_per_character" => "videos made with each character, over which its setup is spread",
        "reroll_rate" => "a share from 0 up to but not including 1",
        "videos_per_month" => "videos made per month, over which monthly costs are spread",
        "finished_seconds_per_scene" => "blank: the whole clip is kept",
        "video_model" => "the model is chosen on export, not by a formula: export again with --set video_model=ID",
        "price" => "what a paying video sells for",
        "credits" => "credits charged per video",
        "credit_price" if pack.is_some() => "the price of one credit in the chosen pack (the pack is chosen on export)",
        "credit_price" => "the price of one credit",
        "pack" => "the credit pack is chosen on export: export again with --set pack=NAME to change it",
        "target_margin" => "the margin aimed for, as a share of revenue",
        "paid_share" => "the share of videos that are paid for",
        _ => "",
    };
    note.to_owned()
}
