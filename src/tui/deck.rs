//! Several scenarios open at once: the one in front is the dashboard's; the others wait with
//! their own tweaks, baseline and undo history, and come to the front in turn. The compare view
//! puts them side by side, and any one of them can be pinned as the baseline of another.
//!
//! Every scenario's files are live: the one in front saves into its own file, and a change on
//! disk reloads whichever scenarios it concerns, in front or behind, each keeping its own tweaks.

use super::app::{App, Baseline};
use super::files::FileState;
use super::param::Param;
use crate::engine::whatif::{Row, Side, match_lines};
use crate::engine::{Bill, Params, evaluate};
use crate::project::Project;

/// A scenario waiting behind the one in front, as it was left.
#[derive(Debug, Clone)]
pub struct Parked {
    /// The scenario and its catalogs.
    pub project: Project,
    /// Its parameters, tweaks included.
    pub params: Params,
    /// Its bill at them.
    pub bill: Bill,
    /// What its changes are shown against.
    pub baseline: Baseline,
    /// Its undo history and file state.
    pub files: FileState,
    /// Its selected parameter.
    pub selected: Param,
    /// Its position in the order the scenarios were opened.
    pub position: usize,
}

/// The scenarios side by side: each one's name and totals, and their lines matched.
#[derive(Debug, Clone, Default)]
pub struct Comparison {
    /// Each scenario, in the order opened.
    pub sides: Vec<Side>,
    /// Their lines matched by stage and label, with each one's cost per video.
    pub rows: Vec<Row>,
}

impl App {
    /// Opens more scenarios behind the one in front. One that cannot be priced is left out,
    /// with the reason. Returns the position each was given in the order opened, `None` for
    /// one left out.
    pub fn open_others(&mut self, projects: Vec<Project>) -> Vec<Option<usize>> {
        let mut positions = Vec::with_capacity(projects.len());
        for project in projects {
            let params = project.scenario.params.clone();
            match evaluate(&project.scenario, &project.catalogs, &params) {
                Ok(bill) => {
                    let position = self.others.len() + 1;
                    self.others.push(Parked {
                        baseline: Baseline {
                            params: params.clone(),
                            bill: bill.clone(),
                            pinned: false,
                            from: None,
                            other: None,
                        },
                        selected: Param::named("scenes"),
                        project,
                        params,
                        bill,
                        files: FileState::default(),
                        position,
                    });
                    positions.push(Some(position));
                }
                Err(e) => {
                    positions.push(None);
                    self.refuse(format!(
                        "{} not opened: {}",
                        project.scenario.file.path(),
                        super::scenario_picker::located(&e)
                    ));
                }
            }
        }
        self.compare();
        self.reshow();
        positions
    }

    /// How many scenarios are open.
    pub fn scenario_count(&self) -> usize {
        self.others.len() + 1
    }

    /// Brings the next scenario (by `by` places) to the front, parking the one there.
    pub(super) fn switch_scenario(&mut self, by: isize) {
        if self.others.is_empty() {
            self.say("One scenario is open: give more on the command line, `reelcost a.toml b.toml`");
            return;
        }
        let count = self.others.len();
        let at = if by >= 0 { 0 } else { count - 1 };
        let next = self.others.remove(at);
        let parked = self.exchange(next);
        if by >= 0 {
            self.others.push(parked);
        } else {
            self.others.insert(0, parked);
        }
        self.refresh();
        self.compare();
        let name = self.project.scenario.name.clone();
        self.say(format!(
            "Scenario {} of {}: {name}",
            self.position + 1,
            self.scenario_count()
        ));
    }

    /// Puts a parked scenario's state in front and returns the front's, parked; nothing is
    /// recomputed.
    fn exchange(&mut self, next: Parked) -> Parked {
        Parked {
            project: std::mem::replace(&mut self.project, next.project),
            params: std::mem::replace(&mut self.params, next.params),
            bill: std::mem::replace(&mut self.bill, next.bill),
            baseline: std::mem::replace(&mut self.baseline, next.baseline),
            files: std::mem::replace(&mut self.files, next.files),
            selected: std::mem::replace(&mut self.selected, next.selected),
            position: std::mem::replace(&mut self.position, next.position),
        }
    }

    /// Does `work` to the scenario at `position` as if it were in front (a reload of its files),
    /// then puts it back behind the one in front, whose figures are recomputed. `None` when no
    /// scenario waits at that position.
    pub(super) fn behind<R>(&mut self, position: usize, work: impl FnOnce(&mut Self) -> R) -> Option<R> {
        let at = self.others.iter().position(|p| p.position == position)?;
        let next = self.others.remove(at);
        let name = next.project.scenario.name.to_string();
        let message = self.message.clone();
        let line = self.line;
        let front = self.exchange(next);
        let done = work(self);
        let back = self.exchange(front);
        self.others.insert(at, back);
        // What the work said concerns the scenario behind: it says so.
        if self.message != message
            && let Some(said) = &mut self.message
        {
            said.text = format!("{}: {}", crate::format::escape(&name), said.text);
        }
        self.line = line;
        self.refresh();
        Some(done)
    }

    /// The parameters the scenario at `position` was priced at: its file's, and its own now.
    pub fn basis_of(&self, position: usize) -> Option<(&Params, &Params)> {
        if position == self.position {
            return Some((&self.project.scenario.params, &self.params));
        }
        self.others
            .iter()
            .find(|p| p.position == position)
            .map(|p| (&p.project.scenario.params, &p.params))
    }

    /// Prices a project the files of the scenario at `position` reloaded into, at the
    /// parameters the user is looking at there, as [`App::price_reload`] does for the front.
    pub fn price_reload_at(
        &self,
        position: usize,
        project: &Project,
    ) -> Result<(Params, Vec<String>, Bill), crate::engine::Diagnostics> {
        match self.basis_of(position) {
            Some((file, current)) => super::files::price(file, current, project),
            None => self.price_reload(project),
        }
    }

    /// Brings the open scenario at `position` (in the order opened) to the front.
    pub(super) fn bring_to_front(&mut self, position: usize) {
        if position == self.position {
            let name = self.project.scenario.name.clone();
            self.say(format!("{name} is in front already"));
            return;
        }
        if let Some(at) = self.others.iter().position(|p| p.position == position) {
            // The one wanted becomes the next, then comes to the front as `n` brings it.
            self.others.rotate_left(at);
            self.switch_scenario(1);
        }
    }

    /// Pins another scenario's current figures as the baseline of the one in front: each press
    /// takes the next in the order opened, and after the last the scenario's own file values
    /// come back.
    pub(super) fn pin_other_scenario(&mut self) {
        if self.others.is_empty() {
            self.say("One scenario is open: there is no other to compare with");
            return;
        }
        let pinned = self.baseline.other;
        let next = self
            .others
            .iter()
            .filter(|p| pinned.is_none_or(|at| p.position > at))
            .min_by_key(|p| p.position);
        let Some(other) = next else {
            self.baseline.pinned = false;
            self.follow_file();
            self.say("Baseline: the file's values again");
            return;
        };
        let name = other.project.scenario.name.to_string();
        let position = other.position;
        self.baseline = Baseline {
            params: self.params.clone(),
            bill: other.bill.clone(),
            pinned: true,
            from: Some(name.clone()),
            other: Some(position),
        };
        self.refresh();
        self.say(format!(
            "Baseline: {name} (scenario {} of {}), its figures as they are now; {} again for the next",
            position + 1,
            self.scenario_count(),
            super::keys::key_name(super::keys::Context::Normal, &super::action::Action::PinOtherScenario)
        ));
    }

    /// Rebuilds the side-by-side comparison of every open scenario, in the order opened.
    pub(super) fn compare(&mut self) {
        if self.others.is_empty() {
            self.comparison = Comparison::default();
            return;
        }
        let mut sides: Vec<(usize, Side)> = self
            .others
            .iter()
            .map(|p| {
                let s = &p.project.scenario;
                (p.position, Side::from_bill(s.name.to_string(), s.file.path(), &p.bill))
            })
            .collect();
        let front = &self.project.scenario;
        sides.push((
            self.position,
            Side::from_bill(front.name.to_string(), front.file.path(), &self.bill),
        ));
        sides.sort_by_key(|(position, _)| *position);
        let sides: Vec<Side> = sides.into_iter().map(|(_, s)| s).collect();
        self.comparison = Comparison {
            rows: match_lines(&sides),
            sides,
        };
    }
}
