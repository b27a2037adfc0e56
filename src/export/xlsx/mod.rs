//! A workbook whose figures are live formulas: a Parameters sheet whose values carry the
//! parameters' names, a Prices sheet of the models in use, and a Bill sheet that works every line
//! and total out from them as the engine does. The engine's figures are written as the formulas'
//! cached results, so a viewer that does not recalculate still shows them.

mod bill;
mod formula;
mod names;
mod prices;

use rust_decimal::Decimal;
use rust_xlsxwriter::{Format, Formula, Workbook, Worksheet, XlsxError, utility::row_col_to_cell_absolute};

use super::Subject;
use super::params::{Value, parameters};
use crate::engine::SaleTotals;

pub use bill::usage;

/// The defined names of the totals, in the order the Bill sheet lists them.
pub const TOTALS: [&str; 6] = [
    "per_video",
    "generated_seconds",
    "finished_seconds",
    "per_generated_second",
    "per_finished_second",
    "per_month",
];

/// The defined names of the sale's totals, present when the scenario sells its videos.
pub const SALE_TOTALS: [&str; 4] = [
    "revenue_per_video",
    "margin_per_video",
    "margin_share",
    "profit_per_month",
];

/// The rules the sheet cannot follow by formula, said beside the totals.
const NOT_FORMULAS: [&str; 3] = [
    "Which model and quote each step uses, and the credit pack, are fixed on export (video_model, STEP.model, pack): export again to change them.",
    "The Rule at export column and the warnings (see reelcost report or the memo) describe the bill as exported.",
    "Spreadsheets compute in binary floating point: figures can differ from reelcost's exact decimals in the 15th digit.",
];

/// The cell formats every sheet shares.
pub struct Styles {
    title: Format,
    header: Format,
    total: Format,
    money: Format,
    line_money: Format,
    price: Format,
    quantity: Format,
    factor: Format,
    percent: Format,
}

impl Styles {
    fn new(currency: &str) -> Self {
        let money = |min, max| Format::new().set_num_format(super::money_format(currency, min, max));
        Self {
            title: Format::new().set_bold().set_font_size(14),
            header: Format::new()
                .set_bold()
                .set_border_bottom(rust_xlsxwriter::FormatBorder::Thin),
            total: Format::new().set_bold(),
            money: money(2, 4).set_bold(),
            line_money: money(2, 4),
            price: money(2, 6),
            quantity: Format::new().set_num_format("#,##0.####"),
            factor: Format::new().set_num_format("0.00##"),
            percent: Format::new().set_num_format("0.0%"),
        }
    }
}

/// Why a workbook could not be built.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkbookError(pub String);

impl std::fmt::Display for WorkbookError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<XlsxError> for WorkbookError {
    fn from(e: XlsxError) -> Self {
        Self(e.to_string())
    }
}

/// A formula with the engine's figure as its cached result.
fn result(formula: &str, value: Decimal) -> Formula {
    Formula::new(formula).set_result(value.normalize().to_string())
}

/// The parameter holding the rate from a currency to the bill's, e.g. `exchange_eur`.
fn exchange_name(currency: &str) -> String {
    let code: String = currency
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect::<String>()
        .to_ascii_lowercase();
    format!("exchange_{code}")
}

/// The workbook for a subject, as the bytes of an .xlsx file.
pub fn workbook(subject: &Subject<'_>) -> Result<Vec<u8>, WorkbookError> {
    let styles = Styles::new(&subject.bill.currency);
    let mut book = Workbook::new();
    let mut names: Vec<(String, String)> = Vec::new();

    let mut params_sheet = Worksheet::new();
    write_parameters(&mut params_sheet, subject, &styles, &mut names)?;

    let mut prices_sheet = Worksheet::new();
    let price_refs = prices::write(&mut prices_sheet, &super::pricings_in_use(subject.bill), &styles)?;

    let mut bill_sheet = Worksheet::new();
    let layout = bill::write(&mut bill_sheet, subject, &price_refs, &styles)?;
    write_totals(&mut bill_sheet, subject, &layout, &styles, &mut names)?;

    book.push_worksheet(bill_sheet);
    book.push_worksheet(params_sheet);
    book.push_worksheet(prices_sheet);
    for (name, cell) in &names {
        book.define_name(name, &format!("={cell}"))?;
    }
    Ok(book.save_to_buffer()?)
}

const PARAMETERS: &str = "Parameters";

fn write_parameters(
    sheet: &mut Worksheet,
    subject: &Subject<'_>,
    styles: &Styles,
    names: &mut Vec<(String, String)>,
) -> Result<(), XlsxError> {
    sheet.set_name(PARAMETERS)?;
    sheet.set_landscape().set_print_fit_to_pages(1, 0);
    for (col, (title, width)) in (0u16..).zip([("Parameter", 28.0), ("Value", 16.0), ("Note", 80.0)]) {
        sheet.write_string_with_format(0, col, title, &styles.header)?;
        sheet.set_column_width(col, width)?;
    }
    let mut rows: Vec<(String, Value, String)> = parameters(subject)
        .into_iter()
        .map(|p| (p.name, p.value, p.note))
        .collect();
    for (code, rate) in &subject.scenario.exchange {
        let note = format!(
            "{} per {}, from the scenario's [exchange]",
            prices::clean(&subject.bill.currency),
            prices::clean(code)
        );
        rows.push((exchange_name(code), Value::Number(*rate), note));
    }
    for (row, (name, value, note)) in (1u32..).zip(rows) {
        sheet.write_string(row, 0, &name)?;
        let format = match name.as_str() {
            "price" | "credit_price" => &styles.price,
            "reroll_rate" | "target_margin" | "paid_share" => &styles.percent,
            _ => &styles.quantity,
        };
        match value {
            Value::Number(n) => {
                sheet.write_number_with_format(row, 1, prices::number(n), format)?;
            }
            Value::Text(t) => {
                sheet.write_string(row, 1, prices::clean(&t))?;
            }
            Value::Bool(b) => {
                let shown = Format::new().set_num_format("\"TRUE\";\"TRUE\";\"FALSE\"");
                sheet.write_boolean_with_format(row, 1, b, &shown)?;
            }
            Value::Blank => {}
            Value::Derived { expression, value } => {
                sheet.write_formula_with_format(row, 1, result(&names::formula(&expression), value), format)?;
            }
        }
        sheet.write_string(row, 2, note)?;
        names.push((
            names::defined_name(&name),
            format!("{PARAMETERS}!{}", row_col_to_cell_absolute(row, 1)),
        ));
    }
    Ok(())
}

/// Each total as (label, defined name, formula, cached value, format): the headline figures,
/// then the sale's.
fn total_rows<'s>(subject: &Subject<'_>, layout: &bill::Layout, styles: &'s Styles) -> Vec<TotalRow<'s>> {
    let t = &subject.bill.totals;
    let video = subject.bill.lines.iter().any(bill::makes_video);
    let sum = if layout.per_video.is_empty() {
        "=0".to_owned()
    } else {
        format!("=SUM(Q{}:Q{})", layout.first.saturating_add(1), layout.end)
    };
    let per_second = |total: &str| format!("=IF({total}=0,\"n/a (no video)\",per_video/{total})");
    let mut rows: Vec<TotalRow<'s>> = vec![
        (
            "Per video",
            "per_video",
            sum,
            t.per_video.normalize().to_string(),
            &styles.money,
        ),
        (
            "Generated seconds",
            "generated_seconds",
            if video { "=scenes*seconds".into() } else { "=0".into() },
            t.generated_seconds.normalize().to_string(),
            &styles.quantity,
        ),
        (
            "Finished seconds",
            "finished_seconds",
            if video {
                "=scenes*IF(ISBLANK(finished_seconds_per_scene),seconds,MIN(finished_seconds_per_scene,seconds))".into()
            } else {
                "=0".into()
            },
            t.finished_seconds.normalize().to_string(),
            &styles.quantity,
        ),
        (
            "Per generated second",
            "per_generated_second",
            per_second("generated_seconds"),
            cached(t.per_generated_second, "n/a (no video)"),
            &styles.price,
        ),
        (
            "Per finished second",
            "per_finished_second",
            per_second("finished_seconds"),
            cached(t.per_finished_second, "n/a (no video)"),
            &styles.price,
        ),
        (
            "Per month",
            "per_month",
            "=per_video*videos_per_month".into(),
            t.per_month.normalize().to_string(),
            &styles.money,
        ),
    ];
    if let Some(sale) = &t.sale {
        rows.extend(sale_rows(sale, styles));
    }
    rows
}

/// A total's label, defined name, formula, cached value and format.
type TotalRow<'s> = (&'static str, &'static str, String, String, &'s Format);

fn write_totals(
    sheet: &mut Worksheet,
    subject: &Subject<'_>,
    layout: &bill::Layout,
    styles: &Styles,
    names: &mut Vec<(String, String)>,
) -> Result<(), XlsxError> {
    let rows = total_rows(subject, layout, styles);
    let mut row = layout.end.saturating_add(1);
    sheet.write_string_with_format(row, 1, "Totals", &styles.header)?;
    for (label, name, formula, value, format) in rows {
        row = row.saturating_add(1);
        sheet.write_string_with_format(row, 1, label, &styles.total)?;
        sheet.write_formula_with_format(row, 2, Formula::new(formula).set_result(value), format)?;
        sheet.write_string(row, 3, name)?;
        names.push((
            name.to_owned(),
            format!("{}!{}", bill::SHEET, row_col_to_cell_absolute(row, 2)),
        ));
    }
    if let Some(target) = subject.bill.totals.sale.as_ref().and_then(|s| s.target_margin) {
        row = row.saturating_add(1);
        let text = match subject.bill.totals.sale.as_ref().and_then(|s| s.margin_share) {
            Some(share) if share < target => "below the target margin",
            _ => "",
        };
        sheet.write_string_with_format(row, 1, "Against the target", &styles.total)?;
        let check = "=IF(ISNUMBER(margin_share),IF(margin_share<target_margin,\"below the target margin\",\"\"),\"\")";
        sheet.write_formula(row, 2, Formula::new(check).set_result(text))?;
    }
    row = row.saturating_add(2);
    sheet.write_string_with_format(row, 1, "Not formulas", &styles.header)?;
    for note in NOT_FORMULAS {
        row = row.saturating_add(1);
        sheet.write_string(row, 1, note)?;
    }
    Ok(())
}

/// The sale's totals: revenue, margin and profit, and the price that meets the target.
fn sale_rows<'s>(
    sale: &SaleTotals,
    styles: &'s Styles,
) -> Vec<(&'static str, &'static str, String, String, &'s Format)> {
    let text = |d: Decimal| d.normalize().to_string();
    vec![
        (
            "Revenue per video",
            "revenue_per_video",
            "=price*paid_share".into(),
            text(sale.revenue_per_video),
            &styles.money,
        ),
        (
            "Margin per video",
            "margin_per_video",
            "=revenue_per_video-per_video".into(),
            text(sale.margin_per_video),
            &styles.money,
        ),
        (
            "Margin share",
            "margin_share",
            "=IF(revenue_per_video=0,\"n/a (no revenue)\",margin_per_video/revenue_per_video)".into(),
            cached(sale.margin_share, "n/a (no revenue)"),
            &styles.percent,
        ),
        (
            "Revenue per month",
            "revenue_per_month",
            "=revenue_per_video*videos_per_month".into(),
            text(sale.revenue_per_month),
            &styles.money,
        ),
        (
            "Profit per month",
            "profit_per_month",
            "=margin_per_video*videos_per_month".into(),
            text(sale.profit_per_month),
            &styles.money,
        ),
        (
            "Break-even price",
            "break_even_price",
            "=IF(paid_share=0,\"n/a (nothing is paid)\",per_video/((1-target_margin)*paid_share))".into(),
            cached(sale.break_even_price, "n/a (nothing is paid)"),
            &styles.price,
        ),
    ]
}

fn cached(value: Option<Decimal>, none: &str) -> String {
    value.map_or_else(|| none.to_owned(), |v| v.normalize().to_string())
}
