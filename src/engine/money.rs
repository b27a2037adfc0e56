//! Exact money arithmetic that reports overflow instead of panicking, and display rounding.
//! Money is put into words by `crate::format::money`, in the bill's currency.
//!
//! `Decimal`'s own `checked_mul` and `checked_add` round a result past 28 decimal places or 96
//! bits of digits without a word; [`mul`], [`add`], [`sum`] and [`div`] give `None` instead, so
//! a figure is either exact or an error that names its line ([`INEXACT`] says why).
#![warn(clippy::arithmetic_side_effects)]

use rust_decimal::{Decimal, RoundingStrategy};

/// Why a figure has no exact value, after what it is: "the cost per video cannot be ...".
pub const INEXACT: &str = "cannot be computed exactly: it is too large, or needs more than 28 decimal places";

/// Why, without the "cannot be computed exactly" a message has already said.
pub const WHY_INEXACT: &str = "it is too large, or needs more than 28 decimal places";

/// `a * b` when it is exact, or `None` when it leaves the range of exact decimals.
pub fn mul(a: Decimal, b: Decimal) -> Option<Decimal> {
    // Most factors in a bill are exactly one (no exchange, no multiplier, no reroll); skipping
    // those multiplications is a large share of an evaluation's time.
    if is_one(b) {
        return Some(a);
    }
    if is_one(a) {
        return Some(b);
    }
    exact_mul(a, b)
}

/// `a + b` when it is exact, or `None`: a sum that needs more than 96 bits of digits at the
/// finer of the two scales would be rounded.
pub fn add(a: Decimal, b: Decimal) -> Option<Decimal> {
    let finest = a.scale().max(b.scale());
    if let Some(sum) = a.checked_add(b)
        && sum.scale() >= finest
    {
        return Some(sum);
    }
    // Trailing zeros may be what was given up: normalized, an operand of a coarser scale ends in
    // a digit the sum keeps, so only equal scales can drop places without loss.
    let (a, b) = (a.normalize(), b.normalize());
    if a.scale() != b.scale() {
        let sum = a.checked_add(b)?;
        return (sum.scale() >= a.scale().max(b.scale())).then_some(sum);
    }
    // Two mantissas below 2^96 add within an i128.
    let mut mantissa = a.mantissa().checked_add(b.mantissa())?;
    let mut scale = a.scale();
    while scale > 0 && mantissa.checked_rem(10) == Some(0) {
        mantissa = mantissa.checked_div(10)?;
        scale = scale.checked_sub(1)?;
    }
    Decimal::try_from_i128_with_scale(mantissa, scale).ok()
}

/// `a - b` when it is exact.
pub fn sub(a: Decimal, b: Decimal) -> Option<Decimal> {
    add(a, negated(b))
}

/// `a / b` when the quotient ends within 28 decimal places, or `None` (also for `b = 0`).
pub fn div(a: Decimal, b: Decimal) -> Option<Decimal> {
    let quotient = a.checked_div(b)?;
    // A rounded quotient never multiplies back to the dividend exactly.
    (exact_mul(quotient, b)? == a).then_some(quotient)
}

/// `a * b` when the product is exact, or `None`: `Decimal` multiplication rounds a product past
/// 28 decimal places or 96 bits of digits, where a count (frames, a fraction's numerator) must
/// not move. The mantissas multiply in 128 bits; the product must fit a `Decimal` as it is.
pub fn exact_mul(a: Decimal, b: Decimal) -> Option<Decimal> {
    // Rounding always gives up decimal places: a product with all of its factors' is exact.
    if let Some(product) = a.checked_mul(b)
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

/// The exact sum of values that may already have overflowed.
pub fn sum(values: impl IntoIterator<Item = Option<Decimal>>) -> Option<Decimal> {
    values.into_iter().try_fold(Decimal::ZERO, |acc, v| add(acc, v?))
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
    fn a_sum_or_quotient_that_would_round_is_none() {
        let big = Decimal::from_i128_with_scale(10i128.pow(27), 0);
        // 1e27 + 1e-10 needs 38 digits; Decimal's own sum is 1e27.
        assert_eq!(big.checked_add(Decimal::new(1, 10)), Some(big));
        assert_eq!(add(big, Decimal::new(1, 10)), None);
        assert_eq!(add(Decimal::new(5, 1), Decimal::new(5, 1)), Some(Decimal::ONE));
        assert_eq!(add(Decimal::new(125, 2), Decimal::new(-25, 2)), Some(Decimal::ONE));
        // Two values at the 28th place whose sum overflows 96 bits there, yet ends in a zero.
        let a = Decimal::from_i128_with_scale(50_000_000_000_000_000_000_000_000_005, 28);
        assert_eq!(
            add(a, a),
            Some(Decimal::from_i128_with_scale(
                10_000_000_000_000_000_000_000_000_001,
                27
            ))
        );
        assert_eq!(sub(Decimal::ONE, Decimal::new(1, 28)).map(|d| d.scale()), Some(28));
        assert_eq!(div(Decimal::from(40), Decimal::from(3)), None);
        assert_eq!(div(Decimal::from(40), Decimal::from(16)), Some(Decimal::new(25, 1)));
        assert_eq!(div(Decimal::ONE, Decimal::ZERO), None);
        assert_eq!(mul(Decimal::new(1, 20), Decimal::new(1, 20)), None);
    }

    #[test]
    fn overflow_is_none() {
        assert_eq!(mul(Decimal::MAX, Decimal::TWO), None);
        assert_eq!(sum([Some(Decimal::MAX), Some(Decimal::ONE)]), None);
    }
}
