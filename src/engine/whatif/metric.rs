//! The totals an analysis can target, sweep, budget or compare, by their JSON names.

use rust_decimal::Decimal;

use crate::engine::Totals;

/// Every total by its JSON name, in the order reports show them.
pub const METRICS: [&str; 14] = [
    "per_video",
    "generated_seconds",
    "finished_seconds",
    "per_generated_second",
    "per_finished_second",
    "per_month",
    "price",
    "margin",
    "margin_share",
    "revenue_per_video",
    "margin_per_video",
    "revenue_per_month",
    "profit_per_month",
    "break_even_price",
];

/// A total by name: `None` for an unknown name, `Some(None)` for a total this bill has no value
/// for (a per-second figure without video, a margin without a sale).
pub fn metric(totals: &Totals, name: &str) -> Option<Option<Decimal>> {
    Some(match name {
        "per_video" => Some(totals.per_video),
        "generated_seconds" => Some(totals.generated_seconds),
        "finished_seconds" => Some(totals.finished_seconds),
        "per_generated_second" => totals.per_generated_second,
        "per_finished_second" => totals.per_finished_second,
        "per_month" => Some(totals.per_month),
        "price" => totals.sale.as_ref().map(|s| s.price),
        // `margin` is the report's older name for the margin per video.
        "margin" | "margin_per_video" => totals.sale.as_ref().map(|s| s.margin_per_video),
        "margin_share" => totals.sale.as_ref().and_then(|s| s.margin_share),
        "revenue_per_video" => totals.sale.as_ref().map(|s| s.revenue_per_video),
        "revenue_per_month" => totals.sale.as_ref().map(|s| s.revenue_per_month),
        "profit_per_month" => totals.sale.as_ref().map(|s| s.profit_per_month),
        "break_even_price" => totals.sale.as_ref().and_then(|s| s.break_even_price),
        _ => return None,
    })
}

/// Every total with its value, `None` where the bill has none.
pub fn figures(totals: &Totals) -> Vec<(&'static str, Option<Decimal>)> {
    METRICS
        .iter()
        .map(|&name| (name, metric(totals, name).flatten()))
        .collect()
}

/// True for totals a founder wants higher (price, revenue, margin, profit); costs, seconds and
/// the break-even price are wanted lower.
pub fn higher_is_better(name: &str) -> bool {
    name == "price" || name.starts_with("revenue") || name.starts_with("profit") || name.starts_with("margin")
}

/// True for totals in money, shown to cents or finer; the rest are seconds and shares.
pub fn is_money(name: &str) -> bool {
    !matches!(name, "generated_seconds" | "finished_seconds" | "margin_share")
}

/// The metric with this name, or an error naming the closest one and every metric.
pub fn known(name: &str) -> Result<&'static str, super::Error> {
    if let Some(found) = METRICS.iter().find(|m| **m == name) {
        return Ok(found);
    }
    let list = METRICS.join(", ");
    let help = match crate::engine::suggest::closest(name, METRICS.into_iter()) {
        Some(best) => format!("did you mean `{best}`? metrics: {list}"),
        None => format!("metrics: {list}"),
    };
    Err(super::input_error(name, "is not a metric", help))
}
