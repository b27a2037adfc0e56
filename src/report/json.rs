//! The bill as JSON: money as exact decimal strings, keys as documented in the README.

use std::fmt::Write;

use serde_json::{Value, json};

use crate::engine::params::SALE_NAMES;
use crate::engine::{Bill, Params, Scenario, Value as ParamValue};
use crate::format::escape::is_unsafe;
use crate::format::{Currency, rule, warning};

fn text(value: rust_decimal::Decimal) -> Value {
    Value::String(value.normalize().to_string())
}

fn optional(value: Option<rust_decimal::Decimal>) -> Value {
    value.map_or(Value::Null, text)
}

/// The parameters as a JSON object, whole numbers as numbers and decimals as strings: the
/// built-in ones, the sale's when the scenario sells, the scenario's own, and each step's model.
pub fn parameters(params: &Params) -> Value {
    let mut map = serde_json::Map::new();
    for name in params.names() {
        if SALE_NAMES.contains(&name.as_str()) && !params.sale.is_set() {
            continue;
        }
        let value = match params.value(&name) {
            Some(ParamValue::Whole(n)) => json!(n),
            Some(ParamValue::Number(d)) => text(d),
            Some(ParamValue::Text(t)) => json!(&*t),
            Some(ParamValue::Bool(b)) => json!(b),
            Some(ParamValue::Unset) | None => Value::Null,
        };
        map.insert(name, value);
    }
    Value::Object(map)
}

/// Renders the bill as pretty-printed JSON.
pub fn render(scenario: &Scenario, params: &Params, bill: &Bill, extras: &super::Extras<'_>) -> String {
    let t = &bill.totals;
    let money = Currency::of(&bill.currency);
    let sale = t.sale.as_deref();
    let lines: Vec<Value> = bill
        .lines
        .iter()
        .map(|l| {
            json!({
                "stage": l.stage.name(),
                "label": &*l.label,
                "model": &*l.model.id,
                "unit_price": text(l.unit_price),
                "rule": rule::line(l, &money),
                "quantity": text(l.quantity),
                "per_video": text(l.per_video),
                "per_month": text(l.per_month),
                "share": optional(bill.share(l)),
                "as_of": l.pricing().provenance.as_of.as_ref().map(|d| d.to_string()),
                "source": l.pricing().provenance.source.as_deref(),
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
            "price": optional(sale.map(|s| s.price)),
            "margin": optional(sale.map(|s| s.margin_per_video)),
            "margin_share": optional(sale.and_then(|s| s.margin_share)),
            "revenue_per_video": optional(sale.map(|s| s.revenue_per_video)),
            "margin_per_video": optional(sale.map(|s| s.margin_per_video)),
            "revenue_per_month": optional(sale.map(|s| s.revenue_per_month)),
            "profit_per_month": optional(sale.map(|s| s.profit_per_month)),
            "break_even_price": optional(sale.and_then(|s| s.break_even_price)),
        },
        "lines": lines,
        "warnings": bill
            .warnings
            .iter()
            .map(|w| warning::diagnostic(w, &money).plain_headline())
            .collect::<Vec<_>>(),
    });
    if let Some(map) = report.as_object_mut() {
        if let Some(band) = extras.band {
            map.insert("uncertainty".into(), super::whatif::extras::band_json(band));
        }
        if !extras.budgets.is_empty() {
            map.insert("budgets".into(), super::whatif::extras::budgets_json(extras.budgets));
        }
    }
    escape_raw(&(serde_json::to_string_pretty(&report).unwrap_or_default() + "\n"))
}

/// JSON escapes the C0 controls but leaves DEL, the C1 controls (U+009B is a CSI to some
/// terminals) and the bidirectional overrides raw. Outside its strings, pretty JSON is plain
/// ASCII with line breaks, so any such character is inside a string, where `\uXXXX` is valid.
pub(crate) fn escape_raw(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        if c != '\n' && is_unsafe(c) {
            let _ = write!(out, "\\u{:04x}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    out
}
