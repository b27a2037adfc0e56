//! Exact numbers from TOML text.
//!
//! The toml crate hands floats over as `f64`, which cannot hold `0.0008` exactly. Money must
//! reach `Decimal` exactly as written, so numeric fields are read as spanned values and the
//! literal's own text is parsed from the source.
#![warn(clippy::arithmetic_side_effects)]

use std::str::FromStr;
use std::sync::Arc;

use rust_decimal::Decimal;
use toml::Spanned;

use super::source::{Diagnostic, Origin, SourceFile};

/// A number as it appears in a file, not yet converted.
pub type RawNumber = Spanned<toml::Value>;

/// A decimal read from a file, with where it came from.
#[derive(Debug, Clone)]
pub struct Located<T> {
    /// The value.
    pub value: T,
    /// Where it was written.
    pub origin: Origin,
}

/// Parses decimal text: plain (`1.50`), with underscores (`1_000`), or scientific (`1e-3`).
pub fn parse_decimal(text: &str) -> Result<Decimal, String> {
    let cleaned: String = text.trim().chars().filter(|&c| c != '_').collect();
    let cleaned = cleaned.strip_prefix('+').unwrap_or(&cleaned);
    if cleaned.is_empty() {
        return Err("is empty".into());
    }
    let lower = cleaned.to_ascii_lowercase();
    if lower.ends_with("nan") || lower.ends_with("inf") {
        return Err(format!("`{cleaned}` is not a finite number"));
    }
    if !has_number_shape(&lower) {
        return Err(format!("`{cleaned}` is not a number"));
    }
    let parsed = if lower.contains('e') {
        Decimal::from_scientific(&lower)
    } else {
        Decimal::from_str_exact(cleaned)
    };
    // The text has a number's shape, so a failure is one of size or precision.
    parsed.map_err(|_| {
        format!("`{cleaned}` is too large or too precise for exact money (at most 28 significant digits, below 7.9e28)")
    })
}

/// True for `-12.5`, `3`, `1e-3`, `2.5e+4`: digits with an optional sign, point and exponent.
fn has_number_shape(text: &str) -> bool {
    let text = text.strip_prefix('-').unwrap_or(text);
    let (mantissa, exponent) = text.split_once('e').unwrap_or((text, "0"));
    let exponent = exponent.strip_prefix(['+', '-']).unwrap_or(exponent);
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
    !(whole.is_empty() && fraction.is_empty())
        && digits(whole)
        && digits(fraction)
        && !exponent.is_empty()
        && digits(exponent)
}

/// Converts a spanned TOML value into an exact decimal, reading the literal's text.
pub fn decimal(file: &Arc<SourceFile>, raw: &RawNumber, what: &str) -> Result<Located<Decimal>, Diagnostic> {
    let span = raw.span();
    let origin = Origin::new(file, span.clone());
    let text = match raw.get_ref() {
        toml::Value::Integer(_) | toml::Value::Float(_) => file.text().get(span).unwrap_or_default().to_owned(),
        toml::Value::String(text) => text.clone(),
        other => {
            return Err(origin
                .error(format!("{what} must be a number, found {}", other.type_str()))
                .with_help(format!("write {what} as a number, e.g. 0.04 or \"0.04\"")));
        }
    };
    let value = parse_decimal(&text).map_err(|why| {
        origin
            .error(format!("{what} {why}"))
            .with_help(format!("write {what} as a decimal number, e.g. 0.04"))
    })?;
    Ok(Located { value, origin })
}

/// A decimal that must not be negative (prices, rates, counts).
pub fn non_negative(file: &Arc<SourceFile>, raw: &RawNumber, what: &str) -> Result<Located<Decimal>, Diagnostic> {
    let located = decimal(file, raw, what)?;
    if located.value.is_sign_negative() && !located.value.is_zero() {
        return Err(located
            .origin
            .error(format!("{what} cannot be negative ({})", located.value))
            .with_help(format!("{what} is zero or more")));
    }
    Ok(located)
}

/// A decimal that must be above zero (factors, sizes).
pub fn positive(file: &Arc<SourceFile>, raw: &RawNumber, what: &str) -> Result<Located<Decimal>, Diagnostic> {
    let located = decimal(file, raw, what)?;
    if located.value <= Decimal::ZERO {
        return Err(located
            .origin
            .error(format!("{what} must be greater than zero (found {})", located.value))
            .with_help(format!("{what} is a number above 0")));
    }
    Ok(located)
}

/// A whole number within `min..=max`.
pub fn whole(
    file: &Arc<SourceFile>,
    raw: &RawNumber,
    what: &str,
    min: u64,
    max: u64,
) -> Result<Located<u64>, Diagnostic> {
    let located = decimal(file, raw, what)?;
    let in_range =
        located.value.fract().is_zero() && located.value >= Decimal::from(min) && located.value <= Decimal::from(max);
    if !in_range {
        return Err(located
            .origin
            .error(format!(
                "{what} must be a whole number from {min} to {max} (found {})",
                located.value
            ))
            .with_help(format!("{what} is a whole number, at least {min}")));
    }
    let value = u64::from_str(&located.value.trunc().to_string()).unwrap_or(min);
    Ok(Located {
        value,
        origin: located.origin,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Result<Decimal, Diagnostic> {
        #[derive(serde::Deserialize)]
        struct Doc {
            price: RawNumber,
        }
        let file = SourceFile::new("t.toml", text);
        let doc: Doc = toml::from_str(file.text()).expect("valid toml");
        decimal(&file, &doc.price, "price").map(|l| l.value)
    }

    #[test]
    fn prices_reach_decimal_exactly_as_written() {
        for (toml, exact) in [
            ("price = \"0.0008\"", "0.0008"),
            ("price = 0.0008", "0.0008"),
            ("price = 1.50", "1.50"),
            ("price = 12345678901234567.89", "12345678901234567.89"),
            ("price = 1_000", "1000"),
            ("price = 5", "5"),
            ("price = 1e-3", "0.001"),
            ("price = +0.25", "0.25"),
        ] {
            let value = read(toml).expect(toml);
            assert_eq!(value.to_string(), exact, "{toml}");
        }
    }

    #[test]
    fn non_finite_and_overflowing_numbers_are_refused() {
        for toml in [
            "price = nan",
            "price = inf",
            "price = -inf",
            "price = 1e30",
            "price = \"abc\"",
            "price = []",
        ] {
            let err = read(toml).expect_err(toml);
            assert_eq!(err.position.map(|p| p.1), Some(9), "{toml}: {err}");
        }
        assert!(read("price = 1e30").unwrap_err().message.contains("too large"));
        assert!(read("price = nan").unwrap_err().message.contains("finite"));
        assert!(
            read("price = \"free\"")
                .unwrap_err()
                .message
                .contains("`free` is not a number")
        );
        assert!(read("price = \"1e\"").unwrap_err().message.contains("is not a number"));
    }
}
