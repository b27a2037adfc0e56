//! Ranking the clip models off the UI thread. A ranking too large to make on a key press goes to
//! a worker thread, which prices every model and sends the list back as an [`Event::Ranked`].
//! Only the newest ranking matters: one asked for while another is under way replaces it, and
//! the one under way gives up as soon as it sees it is no longer the newest.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::thread;

use crate::tui::event::Event;
use crate::tui::ranking::Job;

/// The worker thread that ranks the clip models.
#[derive(Debug)]
pub struct Ranker {
    jobs: Option<Sender<(u64, Job)>>,
    /// The number of the newest job handed over; a job with another number is not wanted.
    newest: Arc<AtomicU64>,
}

impl Ranker {
    /// Starts the worker, which sends what it ranks to `reply`; without one, rankings are made
    /// in place.
    pub fn start(reply: Sender<Event>) -> Self {
        let (jobs, queue) = channel::<(u64, Job)>();
        let newest = Arc::new(AtomicU64::new(0));
        let wanted = Arc::clone(&newest);
        let worker = thread::Builder::new()
            .name("reelcost-ranker".into())
            .spawn(move || work(&queue, &wanted, &reply));
        Self {
            jobs: worker.ok().map(|_| jobs),
            newest,
        }
    }

    /// Ranks the models of `job`, superseding any ranking under way.
    pub fn rank(&self, job: Job, reply: &Sender<Event>) {
        let number = self.newest.fetch_add(1, Ordering::SeqCst).wrapping_add(1);
        let job = match &self.jobs {
            // A worker that has gone hands the job back.
            Some(jobs) => match jobs.send((number, job)) {
                Ok(()) => return,
                Err(returned) => returned.0.1,
            },
            None => job,
        };
        if let Some(ranked) = job.run(&|| true) {
            let _ = reply.send(Event::Ranked(Box::new(ranked)));
        }
    }
}

/// The worker's loop: the newest job queued, run until it is done or superseded.
fn work(queue: &Receiver<(u64, Job)>, newest: &AtomicU64, reply: &Sender<Event>) {
    while let Ok(mut next) = queue.recv() {
        // Jobs queued behind this one are newer: only the last of them is wanted.
        while let Ok(newer) = queue.try_recv() {
            next = newer;
        }
        let (number, job) = next;
        let going = || newest.load(Ordering::SeqCst) == number;
        if let Some(ranked) = job.run(&going)
            && reply.send(Event::Ranked(Box::new(ranked))).is_err()
        {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::builtin;
    use crate::engine::evaluate;

    /// A ranking of atve's clip models at `frames`.
    fn job(frames: &str) -> Job {
        let (scenario, catalogs) = builtin::loaded("atve");
        let mut params = scenario.params.clone();
        params.set("frames", frames).expect("valid");
        let bill = evaluate(&scenario, &catalogs, &params).expect("a bill");
        Job {
            files: Arc::new(crate::tui::ranking::Snapshot { scenario, catalogs }),
            params,
            bill,
        }
    }

    /// What the worker sends for these queued jobs, the newest numbered `newest`.
    fn worked(queued: Vec<(u64, Job)>, newest: u64) -> Vec<Event> {
        let (jobs, queue) = channel();
        for job in queued {
            jobs.send(job).expect("queued");
        }
        drop(jobs);
        let (reply, events) = channel();
        work(&queue, &AtomicU64::new(newest), &reply);
        drop(reply);
        events.into_iter().collect()
    }

    fn frames_of(event: &Event) -> String {
        match event {
            Event::Ranked(ranked) => ranked.params.get("frames").unwrap_or_default(),
            other => panic!("expected a ranking, got {other:?}"),
        }
    }

    #[test]
    fn of_the_jobs_queued_only_the_newest_is_ranked() {
        let events = worked(vec![(1, job("90")), (2, job("80"))], 2);
        assert_eq!(events.iter().map(frames_of).collect::<Vec<_>>(), ["80"]);
    }

    #[test]
    fn a_job_superseded_before_it_ran_sends_nothing() {
        assert!(worked(vec![(1, job("90"))], 2).is_empty());
    }

    #[test]
    fn the_ranker_sends_the_list_back_as_an_event() {
        let (reply, events) = channel();
        let ranker = Ranker::start(reply.clone());
        ranker.rank(job("80"), &reply);
        let event = events
            .recv_timeout(std::time::Duration::from_secs(120))
            .expect("the worker answers");
        assert_eq!(frames_of(&event), "80");
    }
}
