//! Money as the dashboard writes it: figures to their places, signed changes, exact prices, in
//! the bill's currency through `crate::format`, in one pass per change.

use rust_decimal::Decimal;

use crate::engine::money;
use crate::format::Currency;
use crate::tui::app::Delta;

/// A change as `-$0.40 (-13.3%)`, or `no change`.
pub fn delta(delta: &Delta, places: u32, currency: &Currency) -> String {
    if money::round(delta.amount, places).is_zero() {
        return "no change".to_owned();
    }
    match delta.percent {
        Some(p) => {
            let p = money::round(p, 1);
            let sign = if p.is_sign_negative() { "" } else { "+" };
            format!("{} ({sign}{p}%)", currency.signed(delta.amount, places))
        }
        None => currency.signed(delta.amount, places),
    }
}

/// A figure to the places the headline shows it to, or `n/a` when it has no value.
pub fn figure(value: Option<Decimal>, places: u32, currency: &Currency) -> String {
    value.map_or_else(|| "n/a".to_owned(), |v| currency.fixed(v, places))
}

/// An exact figure, up to six decimals without trailing zeros: `$2.614`, `$0.163375`.
pub fn exact(value: Decimal, currency: &Currency) -> String {
    currency.price(money::round(value, 6))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signs_and_changes() {
        let d = Delta::between(Decimal::new(3014, 3), Decimal::new(2614, 3)).unwrap();
        assert_eq!(delta(&d, 2, &Currency::of("USD")), "-$0.40 (-13.3%)");
        assert_eq!(delta(&d, 2, &Currency::of("EUR")), "-€0.40 (-13.3%)");
    }
}
