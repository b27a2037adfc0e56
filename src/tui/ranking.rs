//! The clip-model list, ranked by what a video would cost with each model.
//!
//! Ranking prices the scenario's clip lines once per video model. On the shipped catalogs that is
//! a few hundred line prices, done as the bill changes. Past [`INLINE_WORK`] of them (a catalog of
//! thousands of video models, or a scenario of thousands of clips) the ranking is handed to a
//! worker thread instead: `update` leaves a [`Job`] for the shell to take, the list ranked last
//! stays on screen marked as behind, and the new list comes back as a [`Ranked`] event. A key
//! press never waits for a hundred thousand models to be priced.

use std::sync::Arc;

use super::curve::Files;
use crate::engine::analysis::{Alternative, clip_steps, video_alternatives_at, video_alternatives_while};
use crate::engine::{Bill, Catalogs, Kind, Params, Scenario};

/// The most line prices a ranking may take on the UI thread: about a millisecond of work.
pub const INLINE_WORK: usize = 4_096;

/// The scenario and catalogs a ranking is priced against, copied once per version of the files
/// for the worker to read.
#[derive(Debug)]
pub struct Snapshot {
    /// The scenario.
    pub scenario: Scenario,
    /// Its catalogs.
    pub catalogs: Catalogs,
}

/// A ranking for the worker: the files, the parameters and the bill at them.
#[derive(Debug, Clone)]
pub struct Job {
    /// The scenario and catalogs.
    pub files: Arc<Snapshot>,
    /// The parameters to rank at.
    pub params: Params,
    /// The bill at those parameters, whose other lines a swap keeps.
    pub bill: Bill,
}

impl Job {
    /// Ranks the models, or gives up (`None`) as soon as `going` says the list is no longer
    /// wanted.
    pub fn run(self, going: &dyn Fn() -> bool) -> Option<Ranked> {
        let Self { files, params, bill } = self;
        let list = video_alternatives_while(&files.scenario, &files.catalogs, &params, &bill, going)?;
        Some(Ranked {
            files,
            params,
            list: Arc::new(list),
        })
    }
}

/// A ranking the worker finished.
#[derive(Debug, Clone)]
pub struct Ranked {
    /// The files it was ranked against.
    pub files: Arc<Snapshot>,
    /// The parameters it was ranked at.
    pub params: Params,
    /// The models, cheapest first.
    pub list: Arc<Vec<Alternative>>,
}

// Compared by identity, as other results that hold whole files are.
impl PartialEq for Ranked {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.files, &other.files) && Arc::ptr_eq(&self.list, &other.list) && self.params == other.params
    }
}

impl Eq for Ranked {}

/// The files a ranking is made against, and how much work one is.
#[derive(Debug, Clone, Default)]
struct Against {
    /// None before the first ranking.
    files: Option<Files>,
    /// Line prices one ranking takes: video models times clip lines.
    work: usize,
    /// The copy handed to the worker, made the first time one is needed.
    snapshot: Option<Arc<Snapshot>>,
}

/// The list shown, kept while the files and parameters stay, and the ranking asked of the worker.
#[derive(Debug, Clone)]
pub struct Ranking {
    /// The most line prices ranked here rather than by the worker.
    inline_work: usize,
    against: Against,
    /// The list shown, cheapest first.
    list: Arc<Vec<Alternative>>,
    /// The parameters `list` was ranked at against these files; `None` when it was not.
    ranked_at: Option<Params>,
    /// A ranking for the worker, not yet handed over.
    wanted: Option<Job>,
}

impl Default for Ranking {
    fn default() -> Self {
        Self {
            inline_work: INLINE_WORK,
            against: Against::default(),
            list: Arc::default(),
            ranked_at: None,
            wanted: None,
        }
    }
}

impl Ranking {
    /// The list at these parameters, whose bill is `bill`, and whether it is behind them: a
    /// ranking too large to make here is left for the worker, and the last list is shown meanwhile.
    pub fn at(
        &mut self,
        scenario: &Scenario,
        catalogs: &Catalogs,
        params: &Params,
        bill: &Bill,
    ) -> (Arc<Vec<Alternative>>, bool) {
        let work = self.against(scenario, catalogs).work;
        if self.ranked_at.as_ref() == Some(params) {
            self.wanted = None;
            return (Arc::clone(&self.list), false);
        }
        if work <= self.inline_work {
            self.list = Arc::new(video_alternatives_at(scenario, catalogs, params, bill));
            self.ranked_at = Some(params.clone());
            self.wanted = None;
            return (Arc::clone(&self.list), false);
        }
        // The worker's copy of the files, made once per version of them.
        let files = Arc::clone(self.against(scenario, catalogs).snapshot.get_or_insert_with(|| {
            Arc::new(Snapshot {
                scenario: scenario.clone(),
                catalogs: catalogs.clone(),
            })
        }));
        self.wanted = Some(Job {
            files,
            params: params.clone(),
            bill: bill.clone(),
        });
        (Arc::clone(&self.list), true)
    }

    /// The ranking to hand to the worker, once.
    pub fn take_job(&mut self) -> Option<Job> {
        self.wanted.take()
    }

    /// Shows a ranking the worker finished, if it was made against the files now. Returns the
    /// list and whether it is behind `params`, or `None` when the ranking no longer applies.
    pub fn finished(&mut self, ranked: Ranked, params: &Params) -> Option<(Arc<Vec<Alternative>>, bool)> {
        let current = self
            .against
            .snapshot
            .as_ref()
            .is_some_and(|s| Arc::ptr_eq(s, &ranked.files));
        if !current {
            return None;
        }
        self.list = ranked.list;
        let behind = ranked.params != *params;
        self.ranked_at = Some(ranked.params);
        Some((Arc::clone(&self.list), behind))
    }

    /// The files rankings are made against now, starting afresh when they changed.
    fn against(&mut self, scenario: &Scenario, catalogs: &Catalogs) -> &mut Against {
        if !self.against.files.as_ref().is_some_and(|f| f.are(scenario, catalogs)) {
            let models = catalogs.models().filter(|m| m.kind == Kind::Video).count();
            self.against = Against {
                files: Some(Files::of(scenario, catalogs)),
                work: models.saturating_mul(clip_steps(scenario, catalogs).len()),
                snapshot: None,
            };
            self.ranked_at = None;
        }
        &mut self.against
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::builtin;
    use crate::engine::analysis::video_alternatives;
    use crate::engine::catalog::{Amount, Charge};
    use crate::engine::{Model, evaluate};

    fn atve() -> (Scenario, Catalogs) {
        builtin::loaded("atve")
    }

    /// Every ranking goes to the worker.
    fn worker_only() -> Ranking {
        Ranking {
            inline_work: 0,
            ..Ranking::default()
        }
    }

    fn costs(list: &[Alternative]) -> Vec<(String, rust_decimal::Decimal)> {
        list.iter().map(|a| (a.model.id.to_string(), a.per_video)).collect()
    }

    fn at_frames(scenario: &Scenario, frames: &str) -> Params {
        let mut params = scenario.params.clone();
        params.set("frames", frames).expect("valid");
        params
    }

    #[test]
    fn a_small_ranking_is_made_at_once_and_kept_while_nothing_changes() {
        let (scenario, catalogs) = atve();
        let params = &scenario.params;
        let bill = evaluate(&scenario, &catalogs, params).expect("a bill");
        let mut ranking = Ranking::default();
        let (list, behind) = ranking.at(&scenario, &catalogs, params, &bill);
        assert!(!behind);
        assert_eq!(costs(&list), costs(&video_alternatives(&scenario, &catalogs, params)));
        assert!(ranking.take_job().is_none(), "nothing for the worker");
        let (again, _) = ranking.at(&scenario, &catalogs, params, &bill);
        assert!(Arc::ptr_eq(&list, &again), "the same parameters rank nothing again");
    }

    #[test]
    fn a_large_ranking_leaves_one_job_and_shows_the_last_list_until_it_is_done() {
        let (scenario, catalogs) = atve();
        let mut ranking = worker_only();
        let params = &scenario.params;
        let bill = evaluate(&scenario, &catalogs, params).expect("a bill");
        let (list, behind) = ranking.at(&scenario, &catalogs, params, &bill);
        assert!(behind && list.is_empty(), "nothing ranked yet");
        let job = ranking.take_job().expect("a job for the worker");
        assert!(ranking.take_job().is_none(), "handed over once");
        let ranked = job.run(&|| true).expect("not superseded");
        let (shown, behind) = ranking.finished(ranked, params).expect("against the files now");
        assert!(!behind);
        assert_eq!(costs(&shown), costs(&video_alternatives(&scenario, &catalogs, params)));

        // Frames 100 -> 80: the list ranked at 100 stays, behind, until the worker's comes back.
        let shorter = at_frames(&scenario, "80");
        let bill = evaluate(&scenario, &catalogs, &shorter).expect("a bill");
        let (kept, behind) = ranking.at(&scenario, &catalogs, &shorter, &bill);
        assert!(behind && Arc::ptr_eq(&kept, &shown));
        let ranked = ranking.take_job().expect("a job").run(&|| true).expect("done");
        let (shown, behind) = ranking.finished(ranked, &shorter).expect("current");
        assert!(!behind);
        assert_eq!(
            costs(&shown),
            costs(&video_alternatives(&scenario, &catalogs, &shorter))
        );
    }

    #[test]
    fn a_ranking_at_older_parameters_is_shown_but_still_behind() {
        let (scenario, catalogs) = atve();
        let mut ranking = worker_only();
        let at_90 = at_frames(&scenario, "90");
        let bill = evaluate(&scenario, &catalogs, &at_90).expect("a bill");
        ranking.at(&scenario, &catalogs, &at_90, &bill);
        let older = ranking.take_job().expect("a job").run(&|| true).expect("done");
        let at_80 = at_frames(&scenario, "80");
        let bill = evaluate(&scenario, &catalogs, &at_80).expect("a bill");
        ranking.at(&scenario, &catalogs, &at_80, &bill);
        let (_, behind) = ranking.finished(older, &at_80).expect("the same files");
        assert!(behind, "the newer ranking is still to come");
        assert!(ranking.take_job().is_some(), "and it was asked for");
    }

    #[test]
    fn a_ranking_against_files_since_replaced_is_dropped() {
        let (scenario, catalogs) = atve();
        let mut ranking = worker_only();
        let params = &scenario.params;
        let bill = evaluate(&scenario, &catalogs, params).expect("a bill");
        ranking.at(&scenario, &catalogs, params, &bill);
        let old = ranking.take_job().expect("a job").run(&|| true).expect("done");
        // WAN at half price in a reloaded copy of the catalogs.
        let wan = catalogs.model("fal-ai/wan-i2v").expect("shipped");
        let mut cheaper = Model::clone(wan);
        for rate in &mut cheaper.pricing.rates {
            if let Charge::PerUnit(Amount::Exact(price)) = &mut rate.charge {
                *price /= rust_decimal::Decimal::TWO;
            }
        }
        let reloaded = catalogs.with_models([Arc::new(cheaper)]);
        let bill = evaluate(&scenario, &reloaded, params).expect("a bill");
        ranking.at(&scenario, &reloaded, params, &bill);
        assert!(ranking.finished(old, params).is_none(), "priced at the old WAN price");
    }

    #[test]
    fn a_job_no_longer_wanted_gives_up() {
        let (scenario, catalogs) = atve();
        let mut ranking = worker_only();
        let bill = evaluate(&scenario, &catalogs, &scenario.params).expect("a bill");
        ranking.at(&scenario, &catalogs, &scenario.params, &bill);
        assert_eq!(ranking.take_job().expect("a job").run(&|| false), None);
    }
}
