//! Reading litellm's JSON with every number kept as the text it was written as.
//!
//! serde_json would hand numbers over as `f64`, in which `2.5e-07` is not exact. Each value is
//! kept as raw JSON text instead, and a price is parsed from that text straight into a `Decimal`.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde_json::value::RawValue;

use crate::engine::number;

/// One entry's fields, by name, as raw JSON text.
pub type Fields<'a> = BTreeMap<String, &'a RawValue>;

/// Why a file could not be read: a message and, when known, the 1-based line and column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonError {
    /// What is wrong.
    pub message: String,
    /// Where, when serde_json knows.
    pub position: Option<(usize, usize)>,
}

/// Reads the top-level object: entry name -> fields. A top-level value that is not an object
/// (none in litellm's file today) is no model and is passed over.
pub fn entries(text: &str) -> Result<Vec<(String, Fields<'_>)>, JsonError> {
    let top: BTreeMap<String, &RawValue> = serde_json::from_str(text).map_err(|e| JsonError {
        message: e.to_string(),
        position: (e.line() > 0).then(|| (e.line(), e.column())),
    })?;
    Ok(top
        .into_iter()
        .filter_map(|(name, raw)| serde_json::from_str::<Fields<'_>>(raw.get()).ok().map(|f| (name, f)))
        .collect())
}

/// A price from its JSON text, exactly: `2.5e-07` is 0.00000025, not the nearest binary float.
/// A number written as a string (`"0.04"`) is read the same way.
pub fn decimal(raw: &RawValue) -> Result<Decimal, String> {
    let text = raw.get().trim();
    let literal = match serde_json::from_str::<String>(text) {
        Ok(quoted) => quoted,
        Err(_) => text.to_owned(),
    };
    number::parse_decimal(&literal)
}

/// A string field's value.
pub fn string(raw: &RawValue) -> Option<String> {
    serde_json::from_str(raw.get()).ok()
}

/// A list of strings, such as `supported_modalities`.
pub fn strings(raw: &RawValue) -> Vec<String> {
    serde_json::from_str(raw.get()).unwrap_or_default()
}

/// `metadata.comment`, when there is one.
pub fn comment(raw: &RawValue) -> Option<String> {
    let metadata: BTreeMap<String, &RawValue> = serde_json::from_str(raw.get()).ok()?;
    metadata.get("comment").and_then(|c| string(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_keep_their_written_digits() {
        let text = r#"{"m": {"a": 2.5e-07, "b": 3.337860107421875e-08, "c": "0.04", "d": 0.1}}"#;
        let found = entries(text).expect("valid JSON");
        let fields = &found[0].1;
        assert_eq!(decimal(fields["a"]).expect("a"), Decimal::new(25, 8));
        assert_eq!(
            decimal(fields["b"]).expect("b").to_string(),
            "0.00000003337860107421875"
        );
        assert_eq!(decimal(fields["c"]).expect("c"), Decimal::new(4, 2));
        assert_eq!(decimal(fields["d"]).expect("d"), Decimal::new(1, 1));
    }

    #[test]
    fn a_broken_file_says_where() {
        let error = entries("{\n  \"m\": {\"a\": 1,}\n}").expect_err("trailing comma");
        assert_eq!(error.position.map(|p| p.0), Some(2));
    }
}
