//! Exporting, as the shell carries it out: the workbook, the CSV, and the memo with its charts,
//! at the dashboard's current parameters, through the exporters `reelcost export` uses.

use std::path::Path;

use crate::export::{self, Format, Subject, chart::Compared};
use crate::tui::action::Action;
use crate::tui::app::App;

/// Writes every export format into `dir` and says which files it wrote, or why it could not.
pub(super) fn into_dir(app: &App, dir: &Path) -> Action {
    let subject = Subject {
        scenario: &app.project.scenario,
        catalogs: &app.project.catalogs,
        params: &app.params,
        bill: &app.bill,
    };
    // The other open scenarios, as they are now, make the compare chart.
    let compared: Vec<Compared> = app
        .others
        .iter()
        .map(|p| Compared {
            name: p.project.scenario.name.to_string(),
            totals: p.bill.totals.clone(),
            currency: p.bill.currency.to_string(),
        })
        .collect();
    let stem = crate::tui::export::stem(app);
    // The memo makes the directory; the workbook and the CSV go beside it.
    let outputs = [
        (Format::Md, dir.to_path_buf()),
        (Format::Xlsx, dir.join(format!("{stem}.xlsx"))),
        (Format::Csv, dir.join(format!("{stem}.csv"))),
    ];
    let mut written = Vec::new();
    for (format, out) in outputs {
        match export::write(&subject, format, &out, &compared) {
            Ok(paths) => written.extend(paths),
            Err(why) => return Action::ExportFailed(why.to_string()),
        }
    }
    Action::Exported(written)
}
