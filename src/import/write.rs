//! Imported models as reelcost catalog text, one file per provider. Entries and fields left out
//! are kept as comments, so the file itself says what it does not price.

use std::fmt::Write as _;

use rust_decimal::Decimal;

use super::{Model, Price, Skipped};

/// What every imported catalog records of where it came from.
#[derive(Debug, Clone, Copy)]
pub struct Header<'a> {
    /// The file imported, by name: each model's source when its entry names none.
    pub source: &'a str,
    /// When the prices were read: YYYY, YYYY-MM or YYYY-MM-DD.
    pub as_of: &'a str,
}

/// The catalog file's name for a provider: `litellm-fal_ai.toml`.
pub fn file_name(provider: &str) -> String {
    let safe: String = provider
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' || c == '-' || c == '.' {
                c
            } else {
                '_'
            }
        })
        .collect();
    format!("litellm-{safe}.toml")
}

/// A TOML string literal, escaped.
fn quoted(text: &str) -> String {
    toml::Value::String(text.to_owned()).to_string()
}

/// Text for a comment: one line, control characters shown as escapes.
fn comment(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_control() {
                c.escape_default().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

fn number(value: Decimal) -> String {
    value.normalize().to_string()
}

/// The whole catalog for one provider.
pub fn catalog(provider: &str, models: &[Model], skipped: &[Skipped], header: &Header<'_>) -> String {
    let mut out = String::new();
    // The mark tells loaders this catalog may be skipped when a report names none of its models.
    let _ = writeln!(
        out,
        "{}{} by `reelcost import litellm`; a re-import replaces this file.",
        crate::engine::catalog::GENERATED_MARK,
        comment(header.source)
    );
    let _ = writeln!(
        out,
        "# {} model{} imported, {} entr{} left out (listed at the end).",
        models.len(),
        if models.len() == 1 { "" } else { "s" },
        skipped.len(),
        if skipped.len() == 1 { "y" } else { "ies" }
    );
    let _ = writeln!(out, "provider = {}", quoted(provider));
    let _ = writeln!(out, "currency = \"USD\"");
    let _ = writeln!(out, "source = {}", quoted(header.source));
    let _ = writeln!(out, "as_of = {}", quoted(header.as_of));
    for model in models {
        out.push('\n');
        write_model(&mut out, model);
    }
    if !skipped.is_empty() {
        let _ = writeln!(
            out,
            "\n# Left out: entries reelcost cannot price as litellm gives them."
        );
        for s in skipped {
            let by = s
                .taken_by
                .as_deref()
                .map_or_else(String::new, |p| format!(" ({})", comment(p)));
            let _ = writeln!(out, "# {}: {}{by}", comment(&s.id), s.reason);
        }
    }
    out
}

fn write_model(out: &mut String, model: &Model) {
    let _ = writeln!(out, "[[model]]");
    let _ = writeln!(out, "id = {}", quoted(&model.id));
    let _ = writeln!(out, "kind = \"{}\"", model.kind);
    let _ = writeln!(out, "unit = \"{}\"", unit_name(model.unit));
    if !model.inputs.is_empty() {
        let inputs: Vec<String> = model.inputs.iter().map(|i| quoted(i)).collect();
        let _ = writeln!(out, "inputs = [{}]", inputs.join(", "));
    }
    if let Some(source) = &model.source {
        let _ = writeln!(out, "source = {}", quoted(source));
    }
    if let Some(note) = &model.note {
        let _ = writeln!(out, "note = {}", quoted(note));
    }
    match &model.price {
        Price::One(price) => {
            let _ = writeln!(out, "price = {}", number(*price));
        }
        Price::Tokens { input, output } => {
            let _ = writeln!(out, "input = {}   # per million tokens", number(*input));
            let _ = writeln!(out, "output = {}", number(*output));
        }
        Price::Rates { rates, default } => {
            let _ = writeln!(out, "rates = [");
            for (resolution, price) in rates {
                let _ = writeln!(
                    out,
                    "  {{ resolution = {}, price = {} }},",
                    quoted(resolution),
                    number(*price)
                );
            }
            if let Some(price) = default {
                let _ = writeln!(out, "  {{ price = {} }},   # any other resolution", number(*price));
            }
            let _ = writeln!(out, "]");
        }
    }
    for left in &model.left_out {
        let _ = writeln!(
            out,
            "# not imported: {} = {} ({})",
            comment(&left.field),
            comment(&left.value),
            left.reason
        );
    }
}

fn unit_name(unit: crate::engine::Unit) -> &'static str {
    use crate::engine::Unit;
    match unit {
        Unit::Second => "second",
        Unit::Image => "image",
        Unit::Megapixel => "megapixel",
        Unit::Character => "character",
        Unit::Token => "token",
        Unit::Clip => "clip",
        Unit::Call => "call",
        Unit::Run => "run",
        Unit::Step => "step",
        Unit::GbMonth => "gb_month",
        Unit::Month => "month",
    }
}
