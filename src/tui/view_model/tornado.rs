//! The tornado's rows: each input the bill depends on, swung to its low and high end, with the
//! cost per video at each, largest swing first, as text and bar lengths.

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use crate::engine::money;
use crate::engine::whatif::Swing;
use crate::format::{Currency, escape};

/// One input of the tornado as drawn.
#[derive(Debug, Clone, PartialEq)]
pub struct TornadoRow {
    /// The input's name.
    pub name: String,
    /// Its ends, e.g. `80 - 120` or `declared 0.1 - 0.12`.
    pub ends: String,
    /// Cost per video at the end that lowers it, and at the end that raises it.
    pub costs: (String, String),
    /// How far each way from today's cost the bar reaches, as shares of the widest swing.
    pub reach: (f64, f64),
}

/// The tornado panel.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Tornado {
    /// Its title.
    pub title: String,
    /// The inputs, largest swing first.
    pub rows: Vec<TornadoRow>,
}

impl Tornado {
    /// The tornado of these swings around the cost per video `now`.
    pub fn of(swings: &[Swing], (now, currency): (Decimal, &Currency), key: &str) -> Self {
        let widest = swings
            .iter()
            .map(|s| {
                let lo = s.per_video_at_low.min(s.per_video_at_high);
                let hi = s.per_video_at_low.max(s.per_video_at_high);
                (now - lo).max(hi - now)
            })
            .max()
            .unwrap_or_default();
        let share = |d: Decimal| {
            if widest.is_zero() {
                0.0
            } else {
                (d / widest).to_f64().unwrap_or(0.0).clamp(0.0, 1.0)
            }
        };
        let rows = swings
            .iter()
            .filter(|s| !s.swing.is_zero())
            .map(|s| {
                let lo = s.per_video_at_low.min(s.per_video_at_high);
                let hi = s.per_video_at_low.max(s.per_video_at_high);
                let ends = format!(
                    "{}{} - {}",
                    if s.declared { "range " } else { "" },
                    money::round(s.low, 4).normalize(),
                    money::round(s.high, 4).normalize()
                );
                TornadoRow {
                    name: escape(&s.name).into_owned(),
                    ends,
                    costs: (currency.amount(lo), currency.amount(hi)),
                    reach: (share(now - lo), share(hi - now)),
                }
            })
            .collect();
        Self {
            title: format!(" Sensitivity: cost per video at each input's ends · {key} "),
            rows,
        }
    }
}
