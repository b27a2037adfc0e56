//! The bill as CSV with exact figures: one row per line, then one `total` row per figure of the
//! totals (named as in JSON, its exact value in the `per_video` column).

use rust_decimal::Decimal;

use crate::engine::Bill;

fn field(value: &str) -> String {
    if value.contains([',', '"', '\n']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value.to_owned()
    }
}

/// Renders the lines as CSV, then the totals.
pub fn render(bill: &Bill) -> String {
    let mut out = String::from("stage,label,model,unit_price,rule,quantity,per_video,share\n");
    for l in &bill.lines {
        let cells = [
            l.stage.name().to_owned(),
            l.label.to_string(),
            l.model.id.to_string(),
            l.unit_price.normalize().to_string(),
            l.rule().to_string(),
            l.quantity.normalize().to_string(),
            l.per_video.normalize().to_string(),
            l.share.map(|s| s.normalize().to_string()).unwrap_or_default(),
        ];
        let row: Vec<String> = cells.iter().map(|c| field(c)).collect();
        out.push_str(&row.join(","));
        out.push('\n');
    }
    for (name, value) in totals(bill) {
        out.push_str(&format!("total,{name},,,,,{},\n", value.normalize()));
    }
    out
}

/// The totals as (JSON key, exact value), in JSON's order; figures without a value are left out.
pub fn totals(bill: &Bill) -> Vec<(&'static str, Decimal)> {
    let t = &bill.totals;
    let sale = t.sale.as_deref();
    [
        ("per_video", Some(t.per_video)),
        ("generated_seconds", Some(t.generated_seconds)),
        ("finished_seconds", Some(t.finished_seconds)),
        ("per_generated_second", t.per_generated_second),
        ("per_finished_second", t.per_finished_second),
        ("per_month", Some(t.per_month)),
        ("price", sale.map(|s| s.price)),
        ("margin_share", sale.and_then(|s| s.margin_share)),
        ("revenue_per_video", sale.map(|s| s.revenue_per_video)),
        ("margin_per_video", sale.map(|s| s.margin_per_video)),
        ("revenue_per_month", sale.map(|s| s.revenue_per_month)),
        ("profit_per_month", sale.map(|s| s.profit_per_month)),
        ("break_even_price", sale.and_then(|s| s.break_even_price)),
    ]
    .into_iter()
    .filter_map(|(name, value)| Some((name, value?)))
    .collect()
}
