//! Numbers that are not money: counts, shares, lengths, and the plain decimals of CSV.

use rust_decimal::Decimal;

use super::money::grouped;
use crate::engine::money::round;

/// A count for display: up to four decimals, no trailing zeros.
pub fn quantity(value: Decimal) -> String {
    round(value, 4).normalize().to_string()
}

/// A share of the bill as a percentage with one decimal, or `-` when there is none.
pub fn percent(share: Option<Decimal>) -> String {
    share
        .and_then(|s| s.checked_mul(Decimal::ONE_HUNDRED))
        .map_or_else(|| "-".to_owned(), |p| format!("{}%", round(p, 1)))
}

/// A whole number with thousands separators.
pub fn group(n: u64) -> String {
    grouped(Decimal::from(n))
}

/// Seconds to three decimals at most: `6.25`.
pub fn seconds(value: Decimal) -> String {
    round(value, 3).normalize().to_string()
}

/// Significant digits kept of a quotient that does not terminate: as many as a spreadsheet's
/// number holds.
const QUOTIENT_DIGITS: u32 = 15;

/// Significant digits from which a value is taken to be a cut-off quotient: an exact decimal can
/// hold 28 to 29, and only a division that does not terminate fills them all.
const FULL: u32 = 28;

/// The most decimal places a value can have; a quotient below one that does not terminate runs
/// to it.
const MAX_SCALE: u32 = 28;

/// A figure as a plain decimal that a spreadsheet reads as a number: exact and without trailing
/// zeros (`0.163375`, `40`), except where it is a quotient that does not terminate (40 / 3, a
/// line's share of the bill): there the engine's 28 digits are rounded to 15 significant digits
/// (`13.3333333333333`), all that a spreadsheet keeps.
pub fn plain(value: Decimal) -> String {
    // Judged before trailing zeros go: a quotient's last digit can round to a zero.
    let cut_off = value.scale() >= MAX_SCALE || significant_digits(value) >= FULL;
    let exact = value.normalize();
    match exact.round_sf(QUOTIENT_DIGITS).filter(|_| cut_off) {
        Some(rounded) => rounded.normalize().to_string(),
        None => exact.to_string(),
    }
}

fn significant_digits(value: Decimal) -> u32 {
    let mantissa = value.mantissa().unsigned_abs();
    mantissa.checked_ilog10().map_or(0, |digits| digits.saturating_add(1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).expect("decimal")
    }

    #[test]
    fn plain_decimals_are_exact_unless_a_quotient_runs_on() {
        assert_eq!(plain(d("0.1633750000")), "0.163375");
        assert_eq!(plain(d("40.00")), "40");
        assert_eq!(plain(d("-1250.5")), "-1250.5");
        assert_eq!(plain(Decimal::from(40) / Decimal::from(3)), "13.3333333333333");
        assert_eq!(plain(Decimal::ONE / Decimal::from(3)), "0.333333333333333");
        assert_eq!(plain(Decimal::from(2) / Decimal::from(3014)), "0.0006635700066357");
        assert_eq!(plain(Decimal::ONE / Decimal::from(8)), "0.125");
        assert_eq!(plain(Decimal::ZERO), "0");
        let share = Decimal::new(6, 3) * (Decimal::ONE / Decimal::new(3014, 3));
        assert_eq!(plain(share), "0.0019907100199071");
    }

    #[test]
    fn counts_and_shares() {
        assert_eq!(quantity(d("1.23456")), "1.2346");
        assert_eq!(percent(Some(d("0.1327"))), "13.3%");
        assert_eq!(percent(None), "-");
        assert_eq!(group(1_234_567), "1,234,567");
        assert_eq!(seconds(d("6.2500")), "6.25");
    }
}
