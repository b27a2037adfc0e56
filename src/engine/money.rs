//! Exact money arithmetic that reports overflow instead of panicking, and display rounding.

use rust_decimal::{Decimal, RoundingStrategy};

/// `a * b`, or `None` when it leaves the range of exact decimals.
pub fn mul(a: Decimal, b: Decimal) -> Option<Decimal> {
    // Most factors in a bill are exactly one (no exchange, no multiplier, no reroll); skipping
    // those multiplications is a large share of an evaluation's time.
    if is_one(b) {
        return Some(a);
    }
    if is_one(a) {
        return Some(b);
    }
    a.checked_mul(b)
}

/// True for a one written without decimals, the form the engine's own factors take.
fn is_one(value: Decimal) -> bool {
    value.scale() == 0 && value.mantissa() == 1
}

/// The sum of values that may already have overflowed.
pub fn sum(values: impl IntoIterator<Item = Option<Decimal>>) -> Option<Decimal> {
    values.into_iter().try_fold(Decimal::ZERO, |acc, v| acc.checked_add(v?))
}

/// Rounds for display, halves away from zero (the way invoices round).
pub fn round(value: Decimal, places: u32) -> Decimal {
    value.round_dp_with_strategy(places, RoundingStrategy::MidpointAwayFromZero)
}

/// A unit price as written: `$0.0008`, `$0.40`, trailing zeros beyond cents dropped.
pub fn price(value: Decimal) -> String {
    let mut shown = value.normalize();
    if shown.scale() < 2 {
        shown.rescale(2);
    }
    dollars(shown)
}

/// Money rounded to `places` decimals with a thousands separator: `$1,250.00`.
pub fn fixed(value: Decimal, places: u32) -> String {
    let mut shown = round(value, places);
    shown.rescale(places);
    dollars(shown)
}

fn dollars(value: Decimal) -> String {
    let text = value.abs().to_string();
    let (whole, frac) = text
        .split_once('.')
        .map_or((text.as_str(), None), |(w, f)| (w, Some(f)));
    let mut grouped = String::new();
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    let sign = if value.is_sign_negative() && !value.is_zero() {
        "-"
    } else {
        ""
    };
    match frac {
        Some(frac) => format!("{sign}${grouped}.{frac}"),
        None => format!("{sign}${grouped}"),
    }
}

/// Money for a total: cents, or more places when cents would hide it (`$0.0138`).
pub fn amount(value: Decimal) -> String {
    if value.is_zero() || value.abs() >= Decimal::new(1, 1) {
        fixed(value, 2)
    } else {
        fixed(value, 4)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).expect("decimal")
    }

    #[test]
    fn formats_money() {
        assert_eq!(fixed(d("1250"), 2), "$1,250.00");
        assert_eq!(fixed(d("1234567.895"), 2), "$1,234,567.90");
        assert_eq!(price(d("0.0008")), "$0.0008");
        assert_eq!(price(d("0.4")), "$0.40");
        assert_eq!(price(d("1.111")), "$1.111");
        assert_eq!(amount(d("0.0138")), "$0.0138");
        assert_eq!(amount(d("3.014")), "$3.01");
        assert_eq!(fixed(d("-0.4"), 2), "-$0.40");
        assert_eq!(fixed(d("0.2"), 4), "$0.2000");
        assert_eq!(price(d("0.5")), "$0.50");
    }

    #[test]
    fn overflow_is_none() {
        assert_eq!(mul(Decimal::MAX, Decimal::TWO), None);
        assert_eq!(sum([Some(Decimal::MAX), Some(Decimal::ONE)]), None);
    }
}
