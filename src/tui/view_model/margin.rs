//! The Price & margin tile: what a video sells for and what is left of it, coloured against the
//! target margin. Shown beside the headline figures, and in presentation mode, whenever the
//! scenario sells its videos.

use rust_decimal::Decimal;

use super::Piece;
use crate::engine::{SaleTotals, money};
use crate::format::Currency;
use crate::tui::param::percent;
use crate::tui::theme::Tone;
use crate::tui::ui::text;

/// The tile's text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MarginTile {
    /// Its title.
    pub title: String,
    /// Its lines, most telling first: the margin, the target and break-even, the price's make-up.
    pub lines: Vec<Vec<Piece>>,
    /// Columns the widest line takes.
    pub width: usize,
}

impl MarginTile {
    /// The tile for a bill's sale totals.
    pub fn of(sale: &SaleTotals, money: &Currency) -> Self {
        let share = sale.margin_share.map_or_else(|| "no revenue".to_owned(), percent_of);
        let tone = match (sale.margin_share, sale.target_margin) {
            _ if sale.margin_per_video < Decimal::ZERO => Tone::Dearer,
            (Some(s), Some(target)) if s < target => Tone::Warning,
            (None, _) => Tone::Dearer,
            _ => Tone::Cheaper,
        };
        let margin = vec![
            ("Margin ".to_owned(), Tone::Dim),
            (format!("{} · {share}", money.amount(sale.margin_per_video)), tone),
        ];
        let needs = match sale.break_even_price {
            Some(p) => format!("needs {}", money.amount(p)),
            None => "no video pays".to_owned(),
        };
        let target = match sale.target_margin {
            Some(t) => format!("target {} · {needs}", percent_of(t)),
            None => format!("break-even · {needs}"),
        };
        let mut price = format!("Price {}", money.amount(sale.price));
        if let Some((credits, each)) = sale.credits {
            price.push_str(&format!(" = {} cr × {}", credits.normalize(), money.price(each)));
        }
        if let Some(pack) = &sale.pack {
            // A pack's name comes from the file: no control character reaches the terminal.
            let name: String = pack.chars().flat_map(char::escape_default).collect();
            let name = if pack.chars().any(char::is_control) {
                name
            } else {
                pack.to_string()
            };
            price.push_str(&format!(" ({name})"));
        }
        if sale.paid_share != Decimal::ONE {
            price.push_str(&format!(" · {} pay", percent(sale.paid_share)));
        }
        let lines = vec![margin, vec![(target, Tone::Dim)], vec![(price, Tone::Value)]];
        Self {
            title: " Price & margin ".to_owned(),
            width: lines
                .iter()
                .map(|l| l.iter().map(|(t, _)| text::width(t)).sum::<usize>())
                .max()
                .unwrap_or(0),
            lines,
        }
    }
}

/// A share to a tenth of a per cent: `4.9%`.
fn percent_of(share: Decimal) -> String {
    format!("{}%", money::round(share * Decimal::ONE_HUNDRED, 1).normalize())
}
