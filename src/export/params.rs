//! The parameters an export lists, in one place: every exporter walks this list, so a parameter
//! the engine gains shows up in the workbook and the memo without further work.

use rust_decimal::Decimal;

use super::Subject;
use crate::engine::PARAMETER_NAMES;

/// A parameter's value as an export shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    /// A number.
    Number(Decimal),
    /// Text, such as a resolution.
    Text(String),
    /// On or off.
    Bool(bool),
    /// Not set.
    Blank,
    /// Worked out from other parameters: a spreadsheet formula over their names, and its value.
    Derived {
        /// The formula, e.g. `=frames/fps`.
        formula: &'static str,
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
    pub note: &'static str,
}

/// Every parameter of the subject, in the engine's order.
pub fn parameters(subject: &Subject<'_>) -> Vec<Parameter> {
    let params = subject.params;
    PARAMETER_NAMES
        .iter()
        .map(|&name| {
            let text = params.get(name).unwrap_or_default();
            let value = match name {
                "seconds" => params.seconds().map_or(Value::Blank, |value| Value::Derived {
                    formula: "=frames/fps",
                    value,
                }),
                _ if text.is_empty() => Value::Blank,
                _ => match text.as_str() {
                    "true" => Value::Bool(true),
                    "false" => Value::Bool(false),
                    _ => text.parse::<Decimal>().map_or(Value::Text(text), Value::Number),
                },
            };
            Parameter {
                name: name.to_owned(),
                value,
                note: note(name),
            }
        })
        .collect()
}

fn note(name: &str) -> &'static str {
    match name {
        "scenes" => "scenes per video",
        "frames" => "frames per generated clip",
        "fps" => "frames per second of the clip",
        "seconds" => "frames / fps: change frames or fps",
        "characters" => "characters per video, each set up once",
        "videos_per_character" => "videos made with each character, over which its setup is spread",
        "videos_per_month" => "videos made per month, over which monthly costs are spread",
        "resolution" => "the rate is looked up by it",
        "audio" => "TRUE or FALSE",
        "reroll_rate" => "a share from 0 up to but not including 1",
        "finished_seconds_per_scene" => "blank: the whole clip is kept",
        "video_model" => "the model is chosen on export, not by a formula: export again with --set video_model=ID",
        _ => "",
    }
}
