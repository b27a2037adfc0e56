//! The Prices sheet: each model the bill uses, one row per rate, multiplier, base price and free
//! tier, with its source and as_of. The Bill sheet's formulas point at these cells, so a price
//! changed here flows through the bill.

use std::sync::Arc;

use rust_decimal::Decimal;
use rust_xlsxwriter::{Format, Formula, Worksheet, XlsxError, utility::row_col_to_cell_absolute};

use crate::engine::catalog::{Amount, Charge, Model, Pricing, Rate, Rounding};

use super::Styles;

/// Where one rate's prices are.
#[derive(Debug, Clone)]
pub struct RateRef {
    /// The price per unit, or per million input tokens.
    pub price: String,
    /// The price per million output tokens, for a token rate.
    pub output: Option<String>,
}

/// Where one pricing's figures are on the Prices sheet.
#[derive(Debug, Clone, Default)]
pub struct PricingRefs {
    /// Its rates, in order.
    pub rates: Vec<RateRef>,
    /// Its multipliers' factors, in order.
    pub factors: Vec<String>,
    /// Its base price and the units that price includes.
    pub base: Option<(String, String)>,
    /// Its free units each month.
    pub free: Option<String>,
}

/// Where every pricing in use is, found by model id and quote.
#[derive(Debug, Default)]
pub struct PriceRefs(Vec<(Arc<str>, Option<usize>, PricingRefs)>);

impl PriceRefs {
    /// The cells of a model's pricing: its own (`None`) or a quote's.
    pub fn get(&self, model: &str, quote: Option<usize>) -> Option<&PricingRefs> {
        self.0
            .iter()
            .find(|(id, q, _)| &**id == model && *q == quote)
            .map(|(_, _, refs)| refs)
    }
}

const SHEET: &str = "Prices";
const HEADERS: [(&str, f64); 13] = [
    ("Model", 34.0),
    ("Name", 26.0),
    ("Pricing", 16.0),
    ("Item", 14.0),
    ("Applies when", 20.0),
    ("Low", 10.0),
    ("High", 10.0),
    ("Price", 12.0),
    ("Output price", 12.0),
    ("Unit", 18.0),
    ("Rounding", 10.0),
    ("Source", 60.0),
    ("As of", 10.0),
];

fn cell(row: u32, col: u16) -> String {
    format!("{SHEET}!{}", row_col_to_cell_absolute(row, col))
}

/// Writes the Prices sheet for these pricings (model, quote index) and says where each figure is.
pub fn write(
    sheet: &mut Worksheet,
    used: &[(Arc<Model>, Option<usize>)],
    styles: &Styles,
) -> Result<PriceRefs, XlsxError> {
    sheet.set_name(SHEET)?;
    for (col, (title, width)) in (0u16..).zip(HEADERS) {
        sheet.write_string_with_format(0, col, title, &styles.header)?;
        sheet.set_column_width(col, width)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    sheet.set_landscape().set_print_fit_to_pages(1, 0);
    let mut refs = PriceRefs::default();
    let mut row = 1u32;
    for (model, quote) in used {
        let Some(pricing) = quote.and_then(|q| model.quotes.get(q)).or(Some(&model.pricing)) else {
            continue;
        };
        let money = Format::new().set_num_format(super::super::money_format(model.currency(), 2, 6));
        let first = row;
        let mut found = PricingRefs::default();
        for rate in &pricing.rates {
            found.rates.push(write_rate(sheet, row, rate, &money)?);
            row = row.saturating_add(1);
        }
        for m in &pricing.multipliers {
            let mut when = Vec::new();
            if let Some(n) = m.frames_above {
                when.push(format!(">{n} frames"));
            }
            if let Some(s) = m.seconds_above {
                when.push(format!(">{} s", s.normalize()));
            }
            if let Some(r) = &m.resolution {
                when.push(r.to_string());
            }
            if let Some(a) = m.audio {
                when.push(if a { "audio" } else { "silent" }.to_owned());
            }
            item(sheet, row, "multiplier", &when.join(" "))?;
            sheet.write_number_with_format(row, 7, number(m.factor), &styles.factor)?;
            found.factors.push(cell(row, 7));
            row = row.saturating_add(1);
        }
        if let Some(base) = pricing.base() {
            item(sheet, row, "base price", "the first units")?;
            sheet.write_number_with_format(row, 7, number(base.price), &money)?;
            item(sheet, row.saturating_add(1), "base includes", pricing.unit.noun())?;
            sheet.write_number(row.saturating_add(1), 7, number(base.includes))?;
            found.base = Some((cell(row, 7), cell(row.saturating_add(1), 7)));
            row = row.saturating_add(2);
        }
        if let Some(free) = pricing.free_tier() {
            item(sheet, row, "free tier", "each month, month steps")?;
            sheet.write_number(row, 7, number(free))?;
            found.free = Some(cell(row, 7));
            row = row.saturating_add(1);
        }
        for r in first..row {
            sheet.write_string(r, 0, clean(&model.id))?;
        }
        describe(sheet, first, model, pricing)?;
        refs.0.push((Arc::clone(&model.id), *quote, found));
        row = row.saturating_add(1);
    }
    Ok(refs)
}

fn describe(sheet: &mut Worksheet, row: u32, model: &Model, pricing: &Pricing) -> Result<(), XlsxError> {
    sheet.write_string(row, 1, clean(&model.name))?;
    sheet.write_string(row, 2, pricing.name.as_deref().map_or("catalog".to_owned(), clean))?;
    let unit = match pricing.unit {
        crate::engine::Unit::Token => format!("{} per 1M tokens", model.currency()),
        unit => format!("{}/{}", model.currency(), unit.short()),
    };
    sheet.write_string(row, 9, unit)?;
    let round = match pricing.round {
        Rounding::Exact => "exact",
        Rounding::Nearest => "nearest",
        Rounding::Up => "up",
        Rounding::Down => "down",
    };
    sheet.write_string(row, 10, round)?;
    sheet.write_string(
        row,
        11,
        pricing
            .provenance
            .source
            .as_deref()
            .map_or("not given".to_owned(), clean),
    )?;
    sheet.write_string(
        row,
        12,
        pricing
            .provenance
            .as_of
            .as_ref()
            .map_or("not given".to_owned(), |d| clean(&d.to_string())),
    )?;
    Ok(())
}

fn item(sheet: &mut Worksheet, row: u32, what: &str, when: &str) -> Result<(), XlsxError> {
    sheet.write_string(row, 3, what)?;
    sheet.write_string(row, 4, clean(when))?;
    Ok(())
}

fn write_rate(sheet: &mut Worksheet, row: u32, rate: &Rate, money: &Format) -> Result<RateRef, XlsxError> {
    let mut when = Vec::new();
    if let Some(r) = &rate.resolution {
        when.push(r.to_string());
    }
    match rate.audio {
        Some(true) => when.push("audio".to_owned()),
        Some(false) => when.push("silent".to_owned()),
        None => {}
    }
    if let Some(s) = rate.seconds() {
        when.push(format!("{} s", s.normalize()));
    }
    if let Some(n) = rate.steps() {
        when.push(format!("{n} steps"));
    }
    item(sheet, row, "rate", &when.join(" "))?;
    let mut amount = |col: u16, a: Amount| -> Result<(), XlsxError> {
        match a {
            Amount::Exact(value) => {
                sheet.write_number_with_format(row, col, number(value), money)?;
            }
            // A range keeps both ends; the bill uses the midpoint, as the engine does.
            Amount::Range { low, high } if col == 7 => {
                sheet.write_number_with_format(row, 5, number(low), money)?;
                sheet.write_number_with_format(row, 6, number(high), money)?;
                let mid = Formula::new(format!("=({}+{})/2", cell(row, 5), cell(row, 6)))
                    .set_result(a.point().normalize().to_string());
                sheet.write_formula_with_format(row, col, mid, money)?;
            }
            Amount::Range { .. } => {
                sheet.write_number_with_format(row, col, number(a.point()), money)?;
            }
        }
        Ok(())
    };
    Ok(match &rate.charge {
        &Charge::PerUnit(a) => {
            amount(7, a)?;
            RateRef {
                price: cell(row, 7),
                output: None,
            }
        }
        Charge::Tokens(prices) => {
            amount(7, prices.input)?;
            amount(8, prices.output)?;
            RateRef {
                price: cell(row, 7),
                output: Some(cell(row, 8)),
            }
        }
    })
}

/// A decimal for a cell: spreadsheets hold binary floating point, so the exact figure is kept as
/// the formula results' text and the inputs are the nearest double.
pub fn number(value: Decimal) -> f64 {
    value.normalize().to_string().parse().unwrap_or(f64::NAN)
}

/// Text from a file, its control characters dropped: a cell is no place for an escape sequence.
pub fn clean(text: &str) -> String {
    text.chars().filter(|c| !c.is_control()).collect()
}
