//! Reading the files off the UI thread. A reload hands the live files to a worker thread, which
//! re-reads, parses and prices them and sends the result back as an [`Event::Reread`]; keys
//! keep being answered meanwhile. Where no thread can be started, the read is done in place.

use std::cell::RefCell;
use std::sync::mpsc::{Sender, channel};
use std::thread;

use crate::engine::{Bill, Diagnostics, Params};
use crate::live::{Changes, Live, Reload};
use crate::project::Project;
use crate::tui::event::Event;
use crate::tui::files::price;

/// What the files were priced at: the scenario file's parameters as the dashboard had them, and
/// the user's.
pub type Basis = (Params, Params);

/// A reload's bill: the parameters it was priced at, the user's changes kept, and the bill.
pub type Priced = (Params, Vec<String>, Bill);

/// What re-reading the files found.
#[derive(Debug)]
pub enum Outcome {
    /// Nothing that is read changed.
    Unchanged,
    /// Everything is valid and priced at the basis.
    Reloaded {
        /// What changed.
        changes: Changes,
        /// The new scenario and catalogs.
        project: Box<Project>,
        /// Its bill at the basis.
        priced: Box<Priced>,
    },
    /// Something is invalid; the last good state is kept.
    Failed(Diagnostics),
}

/// A finished read: the live files handed back, what was found, and what it was priced at.
#[derive(Debug)]
pub struct Reread {
    /// The live files, back from the worker.
    pub live: Live,
    /// What was found.
    pub outcome: Outcome,
    /// What it was priced at.
    pub basis: Basis,
}

/// A read to do: the files, what to price them at, and where to send the result.
struct Job {
    live: Live,
    basis: Basis,
    reply: Sender<Event>,
}

impl Job {
    /// Re-reads the files; the bill at the basis is the reload's check and its result both, so
    /// a reload evaluates the bill once.
    fn run(self) {
        let Self { mut live, basis, reply } = self;
        let priced = RefCell::new(None);
        let outcome = live.reload(|project| {
            let result = price(&basis.0, &basis.1, project)?;
            priced.replace(Some(result));
            Ok(())
        });
        let outcome = match (outcome, priced.into_inner()) {
            (Reload::Reloaded(changes), Some(priced)) => Outcome::Reloaded {
                changes,
                project: Box::new(live.project.clone()),
                priced: Box::new(priced),
            },
            (Reload::Failed(errors), _) => Outcome::Failed(errors),
            (Reload::Unchanged | Reload::Reloaded(_), _) => Outcome::Unchanged,
        };
        let _ = reply.send(Event::Reread(Box::new(Reread { live, outcome, basis })));
    }
}

/// Runs one read, turning a panic into [`Event::ReaderFailed`] with the panic's message. A panic
/// takes the live files with it: the dashboard cannot go on, so it is told to stop, as it would
/// have stopped had the read panicked on its own thread. Says whether the read finished.
pub(super) fn guarded(reply: &Sender<Event>, read: impl FnOnce()) -> bool {
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(read)) {
        Ok(()) => true,
        Err(panic) => {
            let why = panic
                .downcast_ref::<&str>()
                .map(ToString::to_string)
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            let _ = reply.send(Event::ReaderFailed(why));
            false
        }
    }
}

/// The worker thread that reads the files.
#[derive(Debug)]
pub struct Reader {
    jobs: Option<Sender<Job>>,
}

impl Reader {
    /// Starts the worker; without one, reads are done in place.
    pub fn start() -> Self {
        let (jobs, queue) = channel::<Job>();
        let worker = thread::Builder::new().name("reelcost-reader".into()).spawn(move || {
            for job in queue {
                let reply = job.reply.clone();
                if !guarded(&reply, || job.run()) {
                    return;
                }
            }
        });
        Self {
            jobs: worker.ok().map(|_| jobs),
        }
    }

    /// Reads the files at `basis` and sends the [`Reread`] to `reply`.
    pub fn read(&self, live: Live, basis: Basis, reply: Sender<Event>) {
        let job = Job { live, basis, reply };
        let job = match &self.jobs {
            // A worker that has gone hands the job back.
            Some(jobs) => match jobs.send(job) {
                Ok(()) => return,
                Err(returned) => returned.0,
            },
            None => job,
        };
        job.run();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_read_that_panics_tells_the_dashboard_to_stop_with_why() {
        let (reply, events) = channel();
        let finished = guarded(&reply, || panic!("catalog parser fell over at byte {}", 7));
        assert!(!finished);
        match events.try_recv() {
            Ok(Event::ReaderFailed(why)) => assert_eq!(why, "catalog parser fell over at byte 7"),
            other => panic!("expected ReaderFailed, got {other:?}"),
        }
    }

    #[test]
    fn a_read_that_finishes_sends_nothing_of_its_own() {
        let (reply, events) = channel();
        assert!(guarded(&reply, || ()));
        assert!(events.try_recv().is_err());
    }
}
