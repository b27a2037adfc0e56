//! Money as text, in the bill's own currency. The engine hands over exact decimals and a
//! currency code; this is the one place they become `$1,250.00`, `€0.06` or `12.50 CHF`.
//!
//! Places are given as for a currency of cents (2 for a total, 4 for a line, where sub-cent
//! amounts matter) and shift with the currency's minor unit: a yen total shows no decimals.

use rust_decimal::Decimal;

use super::escape::escape;
use crate::engine::money::round;

/// A currency's written form: a symbol before the figure, or its code after it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Currency {
    symbol: Option<&'static str>,
    code: String,
    minor: u32,
}

/// Currencies written with a symbol, and the decimal places of their minor unit.
const SYMBOLS: [(&str, &str, u32); 6] = [
    ("USD", "$", 2),
    ("EUR", "€", 2),
    ("GBP", "£", 2),
    ("JPY", "¥", 0),
    ("INR", "₹", 2),
    ("KRW", "₩", 0),
];

impl Currency {
    /// The form of an ISO 4217 code, e.g. `EUR`. An unknown code is written after the figure.
    pub fn of(code: &str) -> Self {
        match SYMBOLS.iter().find(|(c, _, _)| *c == code) {
            Some(&(_, symbol, minor)) => Self {
                symbol: Some(symbol),
                code: code.to_owned(),
                minor,
            },
            None => Self {
                symbol: None,
                // Loaders accept only three capitals, but a code is file text all the same.
                code: escape(code).into_owned(),
                minor: 2,
            },
        }
    }

    /// The ISO code, e.g. `EUR`.
    pub fn code(&self) -> &str {
        &self.code
    }

    /// Places for a figure asked for with `places` as if in cents.
    fn places(&self, places: u32) -> u32 {
        places.saturating_add(self.minor).saturating_sub(2)
    }

    /// A unit price as written: `$0.0008`, `$0.40`, trailing zeros beyond the minor unit dropped.
    pub fn price(&self, value: Decimal) -> String {
        let mut shown = value.normalize();
        if shown.scale() < self.minor {
            shown.rescale(self.minor);
        }
        self.write(shown)
    }

    /// Money rounded to `places` (as for cents) with thousands separators: `$1,250.00`.
    pub fn fixed(&self, value: Decimal, places: u32) -> String {
        let places = self.places(places);
        let mut shown = round(value, places);
        shown.rescale(places);
        self.write(shown)
    }

    /// Money for a total: cents, or more places when cents would hide it (`$0.0138`).
    pub fn amount(&self, value: Decimal) -> String {
        let cent = Decimal::new(1, self.minor);
        if value.is_zero() || cent.checked_mul(Decimal::TEN).is_none_or(|ten| value.abs() >= ten) {
            self.fixed(value, 2)
        } else {
            self.fixed(value, 4)
        }
    }

    /// Money with its sign always shown: `+$0.40`, `-$0.0250`.
    pub fn signed(&self, value: Decimal, places: u32) -> String {
        let shown = self.fixed(value, places);
        if shown.starts_with('-') {
            shown
        } else {
            format!("+{shown}")
        }
    }

    fn write(&self, value: Decimal) -> String {
        let sign = if value.is_sign_negative() && !value.is_zero() {
            "-"
        } else {
            ""
        };
        let figure = grouped(value.abs());
        match self.symbol {
            Some(symbol) => format!("{sign}{symbol}{figure}"),
            None => format!("{sign}{figure} {}", self.code),
        }
    }
}

/// A non-negative decimal with thousands separators in its whole part: `1,234,567.895`.
pub fn grouped(value: Decimal) -> String {
    let text = value.to_string();
    let (whole, frac) = text
        .split_once('.')
        .map_or((text.as_str(), None), |(w, f)| (w, Some(f)));
    let mut out = String::with_capacity(text.len().saturating_add(whole.len() / 3));
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && whole.len().saturating_sub(i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if let Some(frac) = frac {
        out.push('.');
        out.push_str(frac);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).expect("decimal")
    }

    #[test]
    fn dollars() {
        let usd = Currency::of("USD");
        assert_eq!(usd.fixed(d("1250"), 2), "$1,250.00");
        assert_eq!(usd.fixed(d("1234567.895"), 2), "$1,234,567.90");
        assert_eq!(usd.price(d("0.0008")), "$0.0008");
        assert_eq!(usd.price(d("0.4")), "$0.40");
        assert_eq!(usd.price(d("1.111")), "$1.111");
        assert_eq!(usd.amount(d("0.0138")), "$0.0138");
        assert_eq!(usd.amount(d("3.014")), "$3.01");
        assert_eq!(usd.fixed(d("-0.4"), 2), "-$0.40");
        assert_eq!(usd.fixed(d("0.2"), 4), "$0.2000");
        assert_eq!(usd.signed(d("0.4"), 2), "+$0.40");
        assert_eq!(usd.signed(d("-0.025"), 4), "-$0.0250");
    }

    #[test]
    fn each_currency_its_own_sign_and_places() {
        assert_eq!(Currency::of("EUR").fixed(d("0.06"), 2), "€0.06");
        assert_eq!(Currency::of("GBP").fixed(d("-1234.5"), 2), "-£1,234.50");
        assert_eq!(Currency::of("JPY").fixed(d("1234.5"), 2), "¥1,235");
        assert_eq!(Currency::of("JPY").fixed(d("12.345"), 4), "¥12.35");
        assert_eq!(Currency::of("JPY").price(d("3")), "¥3");
        assert_eq!(Currency::of("CHF").fixed(d("12.5"), 2), "12.50 CHF");
        assert_eq!(Currency::of("CHF").fixed(d("-12.5"), 2), "-12.50 CHF");
        assert_eq!(Currency::of("CHF").signed(d("1"), 2), "+1.00 CHF");
    }
}
