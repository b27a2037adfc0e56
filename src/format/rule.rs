//! The price rule behind a line, in words: `720p $0.40/clip, >81 frames x1.25`. Unit prices are
//! the model's own, so they show in the model's currency; a fallback's cost is the bill's.

use std::fmt::Write;

use rust_decimal::Decimal;

use super::money::Currency;
use crate::engine::Line;
use crate::engine::catalog::{Amount, Charge, Multiplier, Pricing, TokenPrices, Unit};
use crate::engine::money::round;
use crate::engine::pricing::Priced;

/// How a priced call was reached, e.g. `720p $0.40/clip x 5 s, >81 frames x1.25`.
pub fn explain(pricing: &Pricing, priced: &Priced, currency: &Currency) -> String {
    let mut out = String::new();
    let Some(rate) = pricing.rates.get(priced.rate) else {
        return out;
    };
    let mut options = Vec::new();
    if let Some(r) = &rate.resolution {
        options.push(r.to_string());
    }
    match rate.audio {
        Some(true) => options.push("audio".into()),
        Some(false) => options.push("silent".into()),
        None => {}
    }
    if let Some(s) = rate.seconds() {
        options.push(format!("{} s", s.normalize()));
    }
    if let Some(n) = rate.steps() {
        options.push(format!("{n} steps"));
    }
    if !options.is_empty() {
        let _ = write!(out, "{} ", options.join(" "));
    }
    charge(&mut out, pricing, &rate.charge, priced, currency);
    if !pricing.unit.is_per_call() && pricing.unit != Unit::Token {
        let billed = priced.billed.normalize();
        let _ = write!(out, " x {billed} {}", pricing.unit.counted(priced.billed));
        if priced.billed != priced.measured {
            let _ = write!(out, " (from {})", priced.measured.normalize());
        }
    }
    for (i, m) in pricing.multipliers.iter().enumerate() {
        if priced.fired & (1 << i) != 0 {
            let _ = write!(out, ", {} x{}", condition(m), m.factor.normalize());
        }
    }
    out
}

/// The charge of the rate that applied: per unit, a base and extras, a range, or tokens.
fn charge(out: &mut String, pricing: &Pricing, charge: &Charge, priced: &Priced, currency: &Currency) {
    let unit = pricing.unit.short();
    let _ = match charge {
        Charge::Tokens(prices) => {
            let TokenPrices { input, output } = **prices;
            let midpoint = if input.is_range() || output.is_range() {
                " (midpoint)"
            } else {
                ""
            };
            write!(
                out,
                "{}/{} per 1M tokens in/out{midpoint}",
                currency.price(input.point()),
                currency.price(output.point())
            )
        }
        Charge::PerUnit(Amount::Range { low, high }) => write!(
            out,
            "{}-{}/{unit} midpoint {}",
            currency.price(*low),
            currency.price(*high),
            currency.price(priced.unit_price)
        ),
        Charge::PerUnit(Amount::Exact(p)) => match pricing.base() {
            Some(base) => write!(
                out,
                "{} incl. {} {unit} + {}/{unit} extra",
                currency.price(base.price),
                base.includes.normalize(),
                currency.price(*p)
            ),
            None => write!(out, "{}/{unit}", currency.price(*p)),
        },
    };
}

/// What fires a multiplier, e.g. `>81 frames` or `1080p audio`.
pub fn condition(m: &Multiplier) -> String {
    let mut conditions = Vec::new();
    if let Some(n) = m.frames_above {
        conditions.push(format!(">{n} frames"));
    }
    if let Some(s) = m.seconds_above {
        conditions.push(format!(">{} s", s.normalize()));
    }
    if let Some(r) = &m.resolution {
        conditions.push(r.to_string());
    }
    if let Some(a) = m.audio {
        conditions.push(if a { "audio" } else { "silent" }.to_owned());
    }
    conditions.join(" ")
}

/// A line's rule with its quote, free tier, fallback and rerolls noted.
pub fn line(line: &Line, bill: &Currency) -> String {
    let pricing = line.pricing();
    let mut out = explain(pricing, &line.priced, &Currency::of(line.model.currency()));
    if let Some(name) = &pricing.name {
        let _ = write!(out, " [{name}]");
    }
    if line.free_units > Decimal::ZERO {
        let _ = write!(out, ", {} free", line.free_units.normalize());
    }
    if let Some(fb) = &line.fallback {
        let _ = write!(
            out,
            ", {}% via {} at {}",
            fb.share
                .checked_mul(Decimal::ONE_HUNDRED)
                .unwrap_or(fb.share)
                .normalize(),
            fb.model.id,
            bill.price(fb.cost)
        );
    }
    if line.attempts != Decimal::ONE {
        let _ = write!(out, ", x{} attempts", round(line.attempts, 4).normalize());
    }
    out
}
