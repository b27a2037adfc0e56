//! Opening another scenario for the picker, off the UI thread: listing the scenario directory
//! and reading the scenario chosen with its catalogs each run on a thread of their own and send
//! what they found back as an event, so keys are answered meanwhile. Where no thread can be
//! started, the work is done in place. A panic in the work is reported as
//! [`Event::ReaderFailed`], as the file reader's is, rather than leaving the dashboard waiting.

use std::path::PathBuf;
use std::sync::mpsc::Sender;
use std::thread;

use super::reader::guarded;
use crate::engine::Diagnostics;
use crate::live::Live;
use crate::project::{self, ScenarioSource};
use crate::tui::event::Event;

/// What reading a scenario chosen in the picker found: its files, live, or what is wrong.
pub type Opened = Result<Live, Diagnostics>;

/// Runs `work` on a thread of its own, or in place if none can be started, and sends the event
/// it makes to `reply`, or [`Event::ReaderFailed`] if it panics.
pub(in crate::tui) fn off_the_ui_thread<W>(name: &str, reply: Sender<Event>, work: W)
where
    W: FnOnce() -> Event + Send + 'static,
{
    // The work is shared with the thread so that it can run here if the thread cannot start.
    let work = std::sync::Arc::new(std::sync::Mutex::new(Some(work)));
    let (theirs, their_reply) = (std::sync::Arc::clone(&work), reply.clone());
    let run = |job: Option<W>, reply: &Sender<Event>| {
        if let Some(job) = job {
            guarded(reply, || {
                let _ = reply.send(job());
            });
        }
    };
    let started = thread::Builder::new().name(name.to_owned()).spawn(move || {
        let job = theirs.lock().ok().and_then(|mut w| w.take());
        run(job, &their_reply);
    });
    if started.is_err() {
        let job = work.lock().ok().and_then(|mut w| w.take());
        run(job, &reply);
    }
}

/// Lists the scenario files in `dir`, sending [`Event::Listed`].
pub(super) fn list(dir: PathBuf, reply: Sender<Event>) {
    off_the_ui_thread("reelcost-list", reply, move || {
        Event::Listed(project::toml_files(&dir).map_err(|d| d.headline()))
    });
}

/// Reads a scenario and its catalogs (`catalogs` when given, as on the command line), sending
/// [`Event::Opened`].
pub(super) fn open(source: ScenarioSource, catalogs: Option<PathBuf>, reply: Sender<Event>) {
    off_the_ui_thread("reelcost-open", reply, move || {
        Event::Opened(Box::new(Live::open(source, catalogs)))
    });
}
