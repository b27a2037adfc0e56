//! Exporting, as the shell carries it out: the workbook, the CSV, and the memo with its charts,
//! at the dashboard's current parameters, through the exporters `reelcost export` uses. The
//! files are written on a thread of their own from a copy of what they show, so keys are
//! answered meanwhile; what came of it comes back as an [`Event::Exported`].

use std::path::{Path, PathBuf};
use std::sync::mpsc::Sender;
use std::thread::{self, JoinHandle};

use crate::engine::{Bill, Params};
use crate::export::{self, Format, Subject, chart::Compared};
use crate::project::Project;
use crate::tui::app::App;
use crate::tui::event::Event;

/// What an export writes: a copy of the dashboard's figures at the moment it was asked for.
struct Job {
    project: Project,
    params: Params,
    bill: Bill,
    /// The other open scenarios, as they are now, for the compare chart.
    compared: Vec<Compared>,
    /// What the files are named after.
    stem: String,
    dir: PathBuf,
}

impl Job {
    fn of(app: &App, dir: PathBuf) -> Self {
        Self {
            project: app.project.clone(),
            params: app.params.clone(),
            bill: app.bill.clone(),
            compared: app
                .others
                .iter()
                .map(|p| Compared {
                    name: p.project.scenario.name.to_string(),
                    totals: p.bill.totals.clone(),
                    currency: p.bill.currency.to_string(),
                })
                .collect(),
            stem: crate::tui::export::stem(app),
            dir,
        }
    }

    /// Writes every export format into the directory: the files written, or why not.
    fn run(&self) -> Result<Vec<PathBuf>, String> {
        let subject = Subject {
            scenario: &self.project.scenario,
            catalogs: &self.project.catalogs,
            params: &self.params,
            bill: &self.bill,
        };
        let (dir, stem) = (&self.dir, &self.stem);
        // The memo makes the directory; the workbook and the CSV go beside it.
        let outputs = [
            (Format::Md, dir.clone()),
            (Format::Xlsx, dir.join(format!("{stem}.xlsx"))),
            (Format::Csv, dir.join(format!("{stem}.csv"))),
        ];
        let mut written = Vec::new();
        for (format, out) in outputs {
            written.extend(export::write(&subject, format, &out, &self.compared).map_err(|why| why.to_string())?);
        }
        Ok(written)
    }
}

/// Starts writing every export format into `dir`, sending what came of it to `reply`. Returns
/// the thread, to be waited for before the dashboard leaves; without a thread, the files are
/// written in place.
pub(super) fn start(app: &App, dir: &Path, reply: Sender<Event>) -> Option<JoinHandle<()>> {
    let job = Job::of(app, dir.to_path_buf());
    let answer = reply.clone();
    let spawned = thread::Builder::new().name("reelcost-export".into()).spawn(move || {
        let _ = answer.send(Event::Exported(job.run()));
    });
    match spawned {
        Ok(handle) => Some(handle),
        Err(why) => {
            let _ = reply.send(Event::Exported(Err(format!("no thread to write it: {why}"))));
            None
        }
    }
}
