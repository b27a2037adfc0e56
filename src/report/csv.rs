//! The bill as CSV with exact figures, one row per line.

use crate::engine::Bill;

fn field(value: &str) -> String {
    if value.contains([',', '"', '\n']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value.to_owned()
    }
}

/// Renders the lines as CSV; totals are the sum of `per_video`.
pub fn render(bill: &Bill) -> String {
    let mut out = String::from("stage,label,model,unit_price,rule,quantity,per_video,share,as_of,source\n");
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
            super::as_of(l),
            super::source(l),
        ];
        let row: Vec<String> = cells.iter().map(|c| field(c)).collect();
        out.push_str(&row.join(","));
        out.push('\n');
    }
    out
}
