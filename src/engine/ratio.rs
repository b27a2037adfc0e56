//! Exact fractions of money: a decimal numerator over a whole denominator.
//!
//! Run counts divide (`characters / videos_per_character`, `1 / videos_per_month`, the attempts
//! `1 / (1 - reroll_rate)`). Dividing each of them first rounds every line to 28 digits, and a
//! $40 monthly line at three videos a month comes back as 13.33...332 per video, which no longer
//! multiplies back to $40. A `Ratio` keeps the division for the end: each figure shown is one
//! division of an exact numerator by an exact denominator.
//!
//! Every operation is checked and exact: when the exact form would leave the range of a
//! `Decimal` (a value too large, a numerator finer than 28 places, a denominator built from many
//! unrelated rates), the result is `None`, which the bill reports as an error at the line
//! responsible. Only [`Ratio::value`], the one division for display and output, rounds.
#![warn(clippy::arithmetic_side_effects)]

use rust_decimal::Decimal;

use super::money::{self, negated};

/// `numerator / denominator`, the denominator whole and positive. Common factors are cancelled
/// when a fraction is made and when a product would not fit otherwise.
#[derive(Debug, Clone, Copy)]
pub struct Ratio {
    numerator: Decimal,
    denominator: Decimal,
}

impl Default for Ratio {
    fn default() -> Self {
        Self::ZERO
    }
}

/// Equal values, however written: 1/2 and 0.5/1 are the same fraction.
impl PartialEq for Ratio {
    fn eq(&self, other: &Self) -> bool {
        if self.denominator == other.denominator {
            return self.numerator == other.numerator;
        }
        let ours = money::exact_mul(self.numerator, other.denominator);
        let theirs = money::exact_mul(other.numerator, self.denominator);
        match (ours, theirs) {
            (Some(a), Some(b)) => a == b,
            _ => self.value() == other.value(),
        }
    }
}

impl Eq for Ratio {}

impl From<Decimal> for Ratio {
    fn from(value: Decimal) -> Self {
        Self::whole(value)
    }
}

impl Ratio {
    /// Nothing.
    pub const ZERO: Self = Self::whole(Decimal::ZERO);
    /// One.
    pub const ONE: Self = Self::whole(Decimal::ONE);

    /// A decimal as a fraction over one.
    pub const fn whole(value: Decimal) -> Self {
        Self {
            numerator: value,
            denominator: Decimal::ONE,
        }
    }

    /// `numerator / denominator`, or `None` when the denominator is zero or the fraction is out
    /// of range.
    pub fn new(numerator: Decimal, denominator: Decimal) -> Option<Self> {
        if denominator.is_zero() {
            return None;
        }
        let (mut numerator, mut denominator) = (numerator, denominator);
        if denominator.is_sign_negative() {
            numerator = negated(numerator);
            denominator = negated(denominator);
        }
        // A fractional denominator becomes whole by scaling both by its power of ten: 1 / 0.89
        // is 100 / 89.
        let denominator = denominator.normalize();
        if denominator.scale() > 0 {
            let whole = Decimal::from_i128_with_scale(denominator.mantissa(), 0);
            let scaled = 10i128
                .checked_pow(denominator.scale())
                .and_then(|power| money::exact_mul(numerator, Decimal::from_i128_with_scale(power, 0)));
            return scaled.map(|n| Self::reduced(n, whole));
        }
        Some(Self::reduced(numerator, denominator))
    }

    /// The numerator.
    pub fn numerator(self) -> Decimal {
        self.numerator
    }

    /// The denominator: whole and positive.
    pub fn denominator(self) -> Decimal {
        self.denominator
    }

    /// True for zero.
    pub fn is_zero(self) -> bool {
        self.numerator.is_zero()
    }

    /// The one division: the fraction as a decimal, rounded to 28 digits when it does not end.
    pub fn value(self) -> Decimal {
        if is_one(self.denominator) {
            return self.numerator;
        }
        // A whole denominator of at least one keeps the quotient within the numerator's range.
        self.numerator.checked_div(self.denominator).unwrap_or(self.numerator)
    }

    /// `self * other`.
    pub fn checked_mul(self, other: Self) -> Option<Self> {
        if other == Self::ONE {
            return Some(self);
        }
        if self == Self::ONE {
            return Some(other);
        }
        // Most products fit as they are; cancelling common factors (a GCD each) is the way
        // to keep one exact that does not.
        if let (Some(n), Some(den)) = (
            money::exact_mul(self.numerator, other.numerator),
            self.denominator.checked_mul(other.denominator),
        ) {
            return Some(Self {
                numerator: n,
                denominator: den,
            });
        }
        let (a, d) = cancel(self.numerator, other.denominator);
        let (c, b) = cancel(other.numerator, self.denominator);
        Some(Self::reduced(money::exact_mul(a, c)?, b.checked_mul(d)?))
    }

    /// `self * value`.
    pub fn mul_decimal(self, value: Decimal) -> Option<Self> {
        self.checked_mul(Self::whole(value))
    }

    /// `self / value`, or `None` when the value is zero or the quotient is out of range.
    pub fn div_decimal(self, value: Decimal) -> Option<Self> {
        self.checked_mul(Self::new(Decimal::ONE, value)?)
    }

    /// `self / other`, or `None` when the other is zero or the quotient is out of range.
    pub fn checked_div(self, other: Self) -> Option<Self> {
        self.checked_mul(Self::new(other.denominator, other.numerator)?)
    }

    /// `self + other`.
    pub fn checked_add(self, other: Self) -> Option<Self> {
        if other.is_zero() {
            return Some(self);
        }
        if self.is_zero() {
            return Some(other);
        }
        // Sums are not reduced: a bill's denominators are few and small (videos per character,
        // per month, attempts), and a GCD per line would cost more than the sum.
        if self.denominator == other.denominator {
            let n = money::add(self.numerator, other.numerator)?;
            return Some(Self {
                numerator: n,
                denominator: self.denominator,
            });
        }
        if is_one(other.denominator) {
            let b = money::exact_mul(other.numerator, self.denominator)?;
            return Some(Self {
                numerator: money::add(self.numerator, b)?,
                denominator: self.denominator,
            });
        }
        if is_one(self.denominator) {
            let a = money::exact_mul(self.numerator, other.denominator)?;
            return Some(Self {
                numerator: money::add(a, other.numerator)?,
                denominator: other.denominator,
            });
        }
        let common = gcd_decimal(self.denominator, other.denominator)?;
        let ours = self.denominator.checked_div(common)?;
        let theirs = other.denominator.checked_div(common)?;
        let denominator = ours.checked_mul(other.denominator)?;
        let a = money::exact_mul(self.numerator, theirs)?;
        let b = money::exact_mul(other.numerator, ours)?;
        Some(Self {
            numerator: money::add(a, b)?,
            denominator,
        })
    }

    /// `self - other`.
    pub fn checked_sub(self, other: Self) -> Option<Self> {
        self.checked_add(Self {
            numerator: negated(other.numerator),
            denominator: other.denominator,
        })
    }

    /// A fraction with the whole factors its numerator's digits share with the denominator
    /// taken out.
    fn reduced(numerator: Decimal, denominator: Decimal) -> Self {
        let (numerator, denominator) = cancel(numerator, denominator);
        Self { numerator, denominator }
    }
}

/// True for a one written without decimals.
fn is_one(value: Decimal) -> bool {
    value.scale() == 0 && value.mantissa() == 1
}

/// Divides a decimal's digits and a whole number by the whole factor they share.
fn cancel(numerator: Decimal, denominator: Decimal) -> (Decimal, Decimal) {
    if numerator.is_zero() {
        return (numerator, Decimal::ONE);
    }
    if is_one(denominator) {
        return (numerator, denominator);
    }
    let Some(den) = whole_u128(denominator) else {
        return (numerator, denominator);
    };
    let digits = numerator.mantissa().unsigned_abs();
    let common = gcd(digits, den);
    // Both quotients are at most their dividends (96 bits at most), so they fit an i128.
    let (Some(digits), Some(den)) = (digits.checked_div(common), den.checked_div(common)) else {
        return (numerator, denominator);
    };
    let (Ok(digits), Ok(den)) = (i128::try_from(digits), i128::try_from(den)) else {
        return (numerator, denominator);
    };
    let mantissa = if numerator.is_sign_negative() {
        digits.saturating_neg()
    } else {
        digits
    };
    (
        Decimal::from_i128_with_scale(mantissa, numerator.scale()),
        Decimal::from_i128_with_scale(den, 0),
    )
}

/// A whole, positive decimal as a `u128`.
fn whole_u128(value: Decimal) -> Option<u128> {
    let value = if value.scale() == 0 { value } else { value.normalize() };
    (value.scale() == 0 && value.is_sign_positive())
        .then(|| u128::try_from(value.mantissa()).ok())
        .flatten()
}

/// The greatest common divisor of two whole decimals.
fn gcd_decimal(a: Decimal, b: Decimal) -> Option<Decimal> {
    let common = gcd(whole_u128(a)?, whole_u128(b)?);
    Some(Decimal::from_i128_with_scale(i128::try_from(common).ok()?, 0))
}

/// Stein's binary GCD: shifts and subtractions only, no division.
fn gcd(mut a: u128, mut b: u128) -> u128 {
    if a == 0 {
        return b;
    }
    if b == 0 {
        return a;
    }
    let shift = (a | b).trailing_zeros();
    a >>= a.trailing_zeros();
    loop {
        b >>= b.trailing_zeros();
        if a > b {
            std::mem::swap(&mut a, &mut b);
        }
        b = b.wrapping_sub(a);
        if b == 0 {
            return a << shift;
        }
    }
}

#[cfg(test)]
mod tests {
    use std::str::FromStr;

    use super::*;

    fn d(text: &str) -> Decimal {
        Decimal::from_str(text).unwrap_or_default()
    }

    #[test]
    fn a_monthly_price_over_three_videos_multiplies_back() {
        let per_video = Ratio::new(d("40"), d("3")).unwrap_or_default();
        assert_eq!(per_video.value(), d("13.333333333333333333333333333"));
        assert_eq!(per_video.mul_decimal(d("3")).map(Ratio::value), Some(d("40")));
    }

    #[test]
    fn a_rate_becomes_a_whole_denominator() {
        let attempts = Ratio::new(Decimal::ONE, d("0.89")).unwrap_or_default();
        assert_eq!((attempts.numerator(), attempts.denominator()), (d("100"), d("89")));
        let halves = Ratio::new(Decimal::ONE, d("0.5")).unwrap_or_default();
        assert_eq!(halves, Ratio::whole(d("2")));
        assert_eq!(Ratio::new(Decimal::ONE, d("2")), Some(Ratio::whole(d("0.5"))));
    }

    #[test]
    fn sums_keep_a_common_denominator() {
        let third = Ratio::new(Decimal::ONE, d("3")).unwrap_or_default();
        let sixth = Ratio::new(Decimal::ONE, d("6")).unwrap_or_default();
        let half = third.checked_add(sixth).unwrap_or_default();
        assert_eq!(half.value(), d("0.5"));
        assert_eq!(
            third.checked_add(third).and_then(|r| r.checked_add(third)),
            Some(Ratio::ONE)
        );
        assert_eq!(half.checked_sub(half), Some(Ratio::ZERO));
    }

    #[test]
    fn out_of_range_or_inexact_is_none() {
        assert_eq!(Ratio::whole(Decimal::MAX).mul_decimal(Decimal::TWO), None);
        assert_eq!(Ratio::whole(Decimal::MAX).checked_add(Ratio::ONE), None);
        assert_eq!(Ratio::new(Decimal::ONE, Decimal::ZERO), None);
        // Two large coprime denominators: the exact sum's denominator leaves the range, and a
        // sum divided out to 28 digits would no longer be exact.
        let a = Ratio::new(d("1000000"), d("79228162514264337593543950319")).unwrap_or_default();
        let b = Ratio::new(d("1000000"), d("79228162514264337593543950307")).unwrap_or_default();
        assert_eq!(a.checked_add(b), None);
        // A numerator that would need a 29th decimal place.
        let tiny = Ratio::whole(Decimal::new(1, 28));
        assert_eq!(tiny.checked_add(Ratio::whole(Decimal::TEN)), None);
        assert_eq!(tiny.div_decimal(d("0.5")).map(Ratio::value), Some(Decimal::new(2, 28)));
        assert_eq!(tiny.mul_decimal(d("0.5")), None);
        assert_eq!(
            tiny.div_decimal(d("0.3")).map(|r| (r.numerator(), r.denominator())),
            Some((d("0.000000000000000000000000001"), d("3")))
        );
    }

    #[test]
    fn gcd_of_whole_numbers() {
        assert_eq!(gcd(12, 18), 6);
        assert_eq!(gcd(0, 7), 7);
        assert_eq!(gcd(89, 100), 1);
    }
}
