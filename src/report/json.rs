//! The bill as JSON: money as exact decimal strings, keys as documented in the README.

use serde_json::{Value, json};

use crate::engine::{Bill, PARAMETER_NAMES, Params, Scenario};

fn text(value: rust_decimal::Decimal) -> Value {
    Value::String(value.normalize().to_string())
}

fn optional(value: Option<rust_decimal::Decimal>) -> Value {
    value.map_or(Value::Null, text)
}

/// The parameters as a JSON object, numbers as numbers and decimals as strings.
pub fn parameters(params: &Params) -> Value {
    let mut map = serde_json::Map::new();
    for name in PARAMETER_NAMES {
        let value = match name {
            "scenes" => json!(params.scenes),
            "frames" => json!(params.frames),
            "fps" => json!(params.fps),
            "audio" => json!(params.audio),
            "characters" => json!(params.characters),
            "videos_per_character" => json!(params.videos_per_character),
            "videos_per_month" => json!(params.videos_per_month),
            "seconds" => optional(params.seconds()),
            "reroll_rate" => text(params.reroll_rate),
            "finished_seconds_per_scene" => optional(params.finished_seconds_per_scene),
            "resolution" => params.resolution.as_deref().map_or(Value::Null, |r| json!(r)),
            "video_model" => params.video_model.as_deref().map_or(Value::Null, |m| json!(m)),
            _ => continue,
        };
        map.insert(name.to_owned(), value);
    }
    Value::Object(map)
}

/// Renders the bill as pretty-printed JSON.
pub fn render(scenario: &Scenario, params: &Params, bill: &Bill, extras: &super::Extras<'_>) -> String {
    let t = &bill.totals;
    let lines: Vec<Value> = bill
        .lines
        .iter()
        .map(|l| {
            json!({
                "stage": l.stage.name(),
                "label": &*l.label,
                "model": &*l.model.id,
                "unit_price": text(l.unit_price),
                "rule": l.rule().to_string(),
                "quantity": text(l.quantity),
                "per_video": text(l.per_video),
                "share": optional(l.share),
            })
        })
        .collect();
    let mut report = json!({
        "scenario": &*scenario.name,
        "currency": &*bill.currency,
        "parameters": parameters(params),
        "totals": {
            "per_video": text(t.per_video),
            "generated_seconds": text(t.generated_seconds),
            "finished_seconds": text(t.finished_seconds),
            "per_generated_second": optional(t.per_generated_second),
            "per_finished_second": optional(t.per_finished_second),
            "per_month": text(t.per_month),
            "price": optional(t.price),
            "margin": optional(t.margin),
            "margin_share": optional(t.margin_share),
        },
        "lines": lines,
        "warnings": bill.warnings.iter().map(|w| w.headline()).collect::<Vec<_>>(),
    });
    if let Some(map) = report.as_object_mut() {
        if let Some(band) = extras.band {
            map.insert("uncertainty".into(), super::whatif::extras::band_json(band));
        }
        if !extras.budgets.is_empty() {
            map.insert("budgets".into(), super::whatif::extras::budgets_json(extras.budgets));
        }
    }
    serde_json::to_string_pretty(&report).unwrap_or_default() + "\n"
}
