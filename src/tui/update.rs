//! `App::update`: the one place the dashboard's state changes. Every change of parameters goes
//! through the engine (`Params::set`, then `evaluate`) on a copy, and is kept only if both accept it.

use std::sync::Arc;

use super::action::{Action, Effect};
use super::app::{App, Focus, Message, Mode, View};
use super::param::{self, Param};
use crate::save::Links;

impl App {
    /// Carries out an action, recomputes what it changed and what the screen shows. Returns
    /// what the shell must do.
    pub fn update(&mut self, action: Action) -> Option<Effect> {
        let fading = self.files.flash_until;
        // A file event changes nothing until the shell reports what the reload found, and a
        // tick only when a highlight fades: neither reformats the screen otherwise.
        let quiet = matches!(action, Action::Tick(_) | Action::FilesChanged(_));
        let effect = self.act(action);
        if !quiet || self.files.flash_until != fading {
            self.reshow();
        }
        effect
    }

    fn act(&mut self, action: Action) -> Option<Effect> {
        // Feedback answers one action: typing keeps it in view, and so does a file event until it
        // turns out to matter; anything else replaces it.
        if !matches!(
            action,
            Action::InputChar(_)
                | Action::InputBackspace
                | Action::Tick(_)
                | Action::FilesChanged(_)
                | Action::Reading(_)
                | Action::Behind { .. }
        ) {
            self.message = None;
        }
        if let Some(effect) = self.picking(&action) {
            return effect;
        }
        match action {
            Action::SelectPrevious => self.select_by(-1),
            Action::SelectNext => self.select_by(1),
            Action::Select(param) => {
                self.focus = Focus::Params;
                self.selected = param;
                self.refresh();
            }
            Action::StartGoalSeek
            | Action::SwitchScenario(_)
            | Action::ToggleCompare
            | Action::PinOtherScenario
            | Action::ToggleTornado
            | Action::ToggleChartMetric => return self.what_if(action),
            Action::Step(by) if self.focus == Focus::Breakdown => self.cycle_line_model(by),
            Action::Step(by) => self.step(by),
            Action::ToggleFocus => self.toggle_focus(),
            Action::SaveAndQuit => return self.save_and_quit(),
            Action::QuitDiscarding => return Some(Effect::Quit),
            Action::StartEditing => self.start_editing(),
            Action::InputChar(c) => self.type_char(c),
            Action::InputBackspace => self.backspace(),
            Action::ApplyInput => return self.apply_input(),
            Action::CancelInput => self.cancel_input(),
            Action::Undo => self.undo(),
            Action::Redo => self.redo(),
            Action::Save => return self.save(),
            Action::StartSaveAs => self.mode = Mode::Naming(String::new()),
            Action::StartExport => self.start_export(),
            Action::Exported(paths) => self.exported(&paths),
            Action::ExportFailed(why) => self.refuse(format!("Not exported: {why}")),
            Action::Overwrite => {
                self.mode = Mode::Normal;
                return Some(Effect::Save {
                    force: true,
                    links: Links::Ask,
                });
            }
            Action::WriteThrough => return self.save_linked(Links::WriteThrough),
            Action::ReplaceName => return self.save_linked(Links::ReplaceName),
            Action::FilesChanged(paths) => return Some(Effect::Reload(paths)),
            Action::Behind { position, action } => {
                // A reload behind asks nothing of the shell: its effects are dropped.
                self.behind(position, |app| app.act(*action));
            }
            Action::Reading(reading) => self.files.reading = reading,
            Action::Ranked(ranked) => self.ranked(*ranked),
            Action::Reloaded(reload) => self.reloaded(reload),
            Action::ReloadFailed { errors, time } => self.reload_failed(&errors, &time),
            Action::Saved { project, time } => {
                self.saved(project, &time);
                if std::mem::take(&mut self.quit_after_save) {
                    return Some(Effect::Quit);
                }
            }
            Action::SaveFailed(why) => {
                self.quit_after_save = false;
                self.mode = Mode::Normal;
                self.refuse(format!("Not saved: {why}"));
            }
            Action::SaveConflict => self.save_conflict(),
            Action::SaveReadOnly(mode) => self.mode = Mode::ReadOnly(mode),
            Action::SaveLinked { names, force } => self.mode = Mode::Linked { names, force },
            Action::Tick(now) => {
                self.tick(now);
                self.fade_hint(now);
            }
            Action::OpenPicker => return self.open_picker(),
            Action::ScenariosListed(listed) => self.scenarios_listed(listed),
            Action::ScenarioOpened(project) => self.scenario_opened(project),
            Action::OpenFailed(errors) => self.open_failed(&errors),
            Action::WatchFailed => {
                self.refuse("Cannot watch the files for changes: edits on disk will show after a restart");
            }
            Action::SetParam(param, text) => self.set_typed(param, &text),
            Action::NextModel => self.swap_model(1),
            Action::PreviousModel => self.swap_model(-1),
            Action::ChooseModel(id) => self.choose_model(&id),
            Action::StartFilter => self.start_filter(),
            Action::PinBaseline => {
                self.pin_baseline();
                self.say("Baseline pinned: changes now show against these figures");
            }
            Action::Reset => self.reset(),
            Action::ToggleHelp => self.toggle_help(),
            Action::ScrollHelp { by, most } => self.help_scroll = self.help_scroll.saturating_add_signed(by).min(most),
            Action::TogglePresentation => self.toggle_presentation(),
            Action::TurnPage(by) => self.turn_page(by),
            Action::ToggleContrast => self.toggle_contrast(),
            Action::Back => return self.back(),
            Action::Quit => return self.quit(),
        }
        None
    }

    /// The what-if actions: goal seek, the open scenarios, the tornado and the chart's metric.
    fn what_if(&mut self, action: Action) -> Option<Effect> {
        match action {
            Action::StartGoalSeek => self.start_goal_seek(),
            Action::SwitchScenario(by) => self.switch_scenario(by),
            Action::ToggleCompare => {
                self.view = if self.view == View::Compare {
                    View::Dashboard
                } else {
                    View::Compare
                };
            }
            Action::PinOtherScenario => self.pin_other_scenario(),
            Action::ToggleTornado => {
                self.tornado_shown = !self.tornado_shown;
                self.refresh();
            }
            Action::ToggleChartMetric => {
                self.chart_metric = self.chart_metric.other();
                self.refresh_chart();
            }
            _ => {}
        }
        None
    }

    pub(super) fn say(&mut self, text: impl Into<String>) {
        // Messages quote model ids, paths and file text: shown escaped, like every text output.
        self.message = Some(Message {
            error: false,
            text: crate::format::escape(&text.into()).into_owned(),
        });
    }

    pub(super) fn refuse(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
            error: true,
            text: crate::format::escape(&text.into()).into_owned(),
        });
    }

    /// Puts every parameter back to the scenario file's value.
    fn reset(&mut self) {
        let file = self.project.scenario.params.clone();
        match self.apply(file) {
            Ok(()) => {
                self.follow_file();
                self.say(format!("Parameters reset to {}", self.source()));
            }
            Err(why) => self.refuse(format!("Cannot reset: {why}")),
        }
    }

    /// Sets a parameter from what was typed.
    pub(super) fn set_typed(&mut self, param: Param, text: &str) {
        if text.trim().is_empty() {
            self.say(format!("Nothing typed: {} is unchanged", self.label_of(&param)));
            return;
        }
        self.set(&param, text.trim());
    }

    fn label_of(&self, param: &Param) -> String {
        self.infos
            .iter()
            .find(|i| i.name == param.name())
            .map_or_else(|| param.name().to_owned(), |i| i.label.clone())
    }

    fn shown_of(&self, param: &Param) -> String {
        self.infos.iter().find(|i| i.name == param.name()).map_or_else(
            || self.params.get(param.name()).unwrap_or_default(),
            |i| param::shown(i, &self.params, &self.money()),
        )
    }

    /// Sets a parameter from the engine's text for it, saying what changed or why not.
    fn set(&mut self, param: &Param, text: &str) {
        let before = self.snapshot(param);
        match self.try_set(param, text) {
            Ok(()) => self.say_changed(param, before),
            Err(why) => self.refuse(why),
        }
    }

    /// Sets a parameter on a copy that is kept only if the engine accepts it.
    fn try_set(&mut self, param: &Param, text: &str) -> Result<(), String> {
        let mut next = self.params.clone();
        next.set(param.name(), text)
            .map_err(|e| format!("Refused {} = {}: {} ({})", e.name, text.trim(), e.message, e.help))?;
        self.apply(next)
            .map_err(|why| format!("Refused {} = {}: {why}", param.name(), text.trim()))
    }

    /// A parameter's shown value and the cost per video, to say what a change did.
    fn snapshot(&self, param: &Param) -> (String, rust_decimal::Decimal) {
        (self.shown_of(param), self.bill.totals.per_video)
    }

    fn say_changed(&mut self, param: &Param, (before, per_video): (String, rust_decimal::Decimal)) {
        let after = self.shown_of(param);
        self.say(format!(
            "{} {before} → {after}: {} → {} per video",
            self.label_of(param),
            self.money().amount(per_video),
            self.money().amount(self.bill.totals.per_video)
        ));
    }

    /// Moves the selection in the focused panel, wrapping round.
    fn select_by(&mut self, by: isize) {
        let wrap = |at: usize, len: usize| {
            let len = isize::try_from(len).unwrap_or(isize::MAX).max(1);
            let at = isize::try_from(at).unwrap_or(0);
            usize::try_from((at + by).rem_euclid(len)).unwrap_or(0)
        };
        match self.focus {
            Focus::Breakdown => {
                let lines = &self.bill.lines;
                let at = self
                    .order
                    .iter()
                    .position(|&i| lines.get(i).is_some_and(|l| l.step == self.line));
                let next = wrap(at.unwrap_or(0), self.order.len());
                if let Some(line) = self.order.get(next).and_then(|&i| lines.get(i)) {
                    self.line = line.step;
                }
                self.refresh();
            }
            Focus::Params => {
                let at = self
                    .rows
                    .iter()
                    .position(|r| r.name == self.selected.name())
                    .unwrap_or(0);
                if let Some(row) = self.rows.get(wrap(at, self.rows.len())) {
                    self.selected = Param::named(&row.name);
                }
                self.refresh_chart();
            }
        }
    }

    /// Moves the arrow keys between the parameters and the breakdown.
    fn toggle_focus(&mut self) {
        self.focus = match self.focus {
            Focus::Params => {
                // The largest line first, as the breakdown lists them.
                if let Some(line) = self.order.first().and_then(|&i| self.bill.lines.get(i)) {
                    self.line = line.step;
                }
                Focus::Breakdown
            }
            Focus::Breakdown => Focus::Params,
        };
        self.refresh();
    }

    /// Steps the selected parameter.
    fn step(&mut self, by: i64) {
        let param = self.selected.clone();
        let Some(info) = self.selected_info().cloned() else {
            return;
        };
        if param.name() == "resolution" {
            self.cycle_resolution(by);
            return;
        }
        match param::stepped(&info, &self.params, by) {
            Some(text) => self.set(&param, &text),
            None if info.kind == crate::engine::params::Kind::Derived => self.say(format!(
                "{} is computed from {}: change what it reads",
                info.label,
                info.expression.as_deref().unwrap_or("other parameters")
            )),
            None => self.say(format!(
                "{} is at its {}: {}",
                info.label,
                if by < 0 { "lowest" } else { "highest" },
                param::shown(&info, &self.params, &self.money())
            )),
        }
    }

    /// Steps to the next resolution the clip model offers that the scenario can be priced at.
    fn cycle_resolution(&mut self, by: i64) {
        let offered = self.analysis.resolutions.clone();
        let Some(model) = self.analysis.clip_model.as_ref().map(|m| Arc::clone(&m.id)) else {
            self.say("This scenario has no video clip step: resolution does not apply");
            return;
        };
        if offered.len() < 2 {
            self.say(format!("{model} is priced at one resolution only"));
            return;
        }
        let Some(mut info) = self.selected_info().cloned() else {
            return;
        };
        info.choices = offered;
        // Skip past resolutions another step cannot be priced at, saying why if none fits.
        let param = Param::named("resolution");
        let before = self.snapshot(&param);
        let mut probe = self.params.clone();
        let mut refusal = None;
        for _ in 1..info.choices.len() {
            let Some(text) = param::stepped(&info, &probe, by) else {
                break;
            };
            probe.resolution = Some(text.as_str().into());
            match self.try_set(&param, &text) {
                Ok(()) => return self.say_changed(&param, before),
                Err(why) => {
                    refusal.get_or_insert(why);
                }
            }
        }
        if let Some(why) = refusal {
            self.refuse(why);
        }
    }

    /// Puts the next (or previous) fitting video model on the clip step.
    fn swap_model(&mut self, by: i64) {
        let Some(current) = self.analysis.clip_model.as_ref().map(|m| Arc::clone(&m.id)) else {
            self.say("This scenario has no video clip step to swap");
            return;
        };
        // The list as shown: what the clips need, the filter, grouped by provider.
        let ids = self.clip_listing().ids();
        if ids.iter().all(|id| *id == current) {
            self.say(format!(
                "No other video model in the list can make these clips: {current} stays"
            ));
            return;
        }
        let (next, wrapped) = super::swap::next_in(&ids, &current, by);
        if let Some(id) = ids.get(next) {
            let id = Arc::clone(id);
            self.choose_model(&id);
            if let (Some(note), Some(m)) = (wrapped, self.message.as_mut()) {
                m.text.push_str(note);
            }
        }
    }

    /// Puts a video model on the clip step; the scenario's own model clears the swap.
    pub(super) fn choose_model(&mut self, id: &Arc<str>) {
        let before = self.analysis.clip_model.as_ref().map(|m| Arc::clone(&m.id));
        let per_video = self.bill.totals.per_video;
        let mut next = self.params.clone();
        next.video_model = (self.own_clip_model().as_ref() != Some(id)).then(|| Arc::clone(id));
        match self.apply(next) {
            Ok(()) => self.say(format!(
                "Clip model {} → {id}: {} → {} per video",
                before.as_deref().unwrap_or("-"),
                self.money().amount(per_video),
                self.money().amount(self.bill.totals.per_video)
            )),
            Err(why) => self.refuse(format!("Refused clip model {id}: {why}")),
        }
    }
}
