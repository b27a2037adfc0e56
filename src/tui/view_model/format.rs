//! Money as the dashboard writes it: figures to their places, signed changes, exact prices.
//! Every amount the dashboard shows is formatted here or in the engine's `money`, in one pass
//! per change.

use rust_decimal::Decimal;

use crate::engine::money;
use crate::tui::app::Delta;

/// Money with its sign always shown: `+$0.40`, `-$0.0250`.
pub fn signed(value: Decimal, places: u32) -> String {
    let shown = money::fixed(value, places);
    if shown.starts_with('-') {
        shown
    } else {
        format!("+{shown}")
    }
}

/// A change as `-$0.40 (-13.3%)`, or `no change`.
pub fn delta(delta: &Delta, places: u32) -> String {
    if money::round(delta.amount, places).is_zero() {
        return "no change".to_owned();
    }
    match delta.percent {
        Some(p) => {
            let p = money::round(p, 1);
            let sign = if p.is_sign_negative() { "" } else { "+" };
            format!("{} ({sign}{p}%)", signed(delta.amount, places))
        }
        None => signed(delta.amount, places),
    }
}

/// A figure to the places the headline shows it to, or `n/a` when it has no value.
pub fn figure(value: Option<Decimal>, places: u32) -> String {
    value.map_or_else(|| "n/a".to_owned(), |v| money::fixed(v, places))
}

/// An exact figure, up to six decimals without trailing zeros: `$2.614`, `$0.163375`.
pub fn exact(value: Decimal) -> String {
    money::price(money::round(value, 6))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signs_and_changes() {
        assert_eq!(signed(Decimal::new(40, 2), 2), "+$0.40");
        assert_eq!(signed(Decimal::new(-25, 3), 4), "-$0.0250");
        let d = Delta::between(Decimal::new(3014, 3), Decimal::new(2614, 3));
        assert_eq!(delta(&d, 2), "-$0.40 (-13.3%)");
    }
}
