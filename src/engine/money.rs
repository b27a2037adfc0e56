//! Exact money arithmetic that reports overflow instead of panicking, and display rounding.
//! Money is put into words by `crate::format::money`, in the bill's currency.

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overflow_is_none() {
        assert_eq!(mul(Decimal::MAX, Decimal::TWO), None);
        assert_eq!(sum([Some(Decimal::MAX), Some(Decimal::ONE)]), None);
    }
}
