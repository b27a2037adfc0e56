//! Exact money arithmetic that reports overflow instead of panicking, and display rounding.
//! Money is put into words by `crate::format::money`, in the bill's currency.
#![warn(clippy::arithmetic_side_effects)]

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

/// `a * b` when the product is exact, or `None`: `Decimal` multiplication rounds a product past
/// 28 decimal places or 96 bits of digits, where a count (frames, a fraction's numerator) must
/// not move. The mantissas multiply in 128 bits; the product must fit a `Decimal` as it is.
pub fn exact_mul(a: Decimal, b: Decimal) -> Option<Decimal> {
    // Rounding always gives up decimal places: a product with all of its factors' is exact.
    if let Some(product) = mul(a, b)
        && u32::checked_add(a.scale(), b.scale()) == Some(product.scale())
    {
        return Some(product);
    }
    let (a, b) = (a.normalize(), b.normalize());
    let mut mantissa = a.mantissa().checked_mul(b.mantissa())?;
    let mut scale = a.scale().checked_add(b.scale())?;
    // Trailing zeros past the 28th place are no loss.
    while scale > 28 && mantissa.checked_rem(10) == Some(0) {
        mantissa = mantissa.checked_div(10)?;
        scale = scale.checked_sub(1)?;
    }
    Decimal::try_from_i128_with_scale(mantissa, scale).ok()
}

/// `-value`: a sign flip, which the symmetric range of a `Decimal` always holds.
pub fn negated(mut value: Decimal) -> Decimal {
    value.set_sign_negative(!value.is_sign_negative());
    value
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_inexact_product_is_none() {
        // 94 / 15 is 6.2666...67 to 28 places; times 15 it needs a 29th digit, which rounds away.
        let length = Decimal::from(94) / Decimal::from(15);
        assert_eq!(length.checked_mul(Decimal::from(15)), Some(Decimal::from(94)));
        assert_eq!(exact_mul(length, Decimal::from(15)), None);
        assert_eq!(
            exact_mul(Decimal::new(625, 2), Decimal::from(16)),
            Some(Decimal::from(100))
        );
        assert_eq!(exact_mul(Decimal::new(1, 20), Decimal::new(1, 20)), None);
        assert_eq!(
            exact_mul(Decimal::new(10, 15), Decimal::new(10, 14)),
            Some(Decimal::new(1, 27))
        );
        assert_eq!(exact_mul(Decimal::MAX, Decimal::TWO), None);
    }

    #[test]
    fn overflow_is_none() {
        assert_eq!(mul(Decimal::MAX, Decimal::TWO), None);
        assert_eq!(sum([Some(Decimal::MAX), Some(Decimal::ONE)]), None);
    }
}
