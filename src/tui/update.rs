//! `App::update`: the one place the dashboard's state changes. Every change of parameters goes
//! through the engine (`Params::set`, then `evaluate`) on a copy, and is kept only if both accept it.

use std::sync::Arc;

use super::action::{Action, Effect};
use super::app::{App, Message, Mode};
use super::param::Param;
use super::view_model::ViewModel;
use crate::engine::money;
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
            self.shown = ViewModel::of(self);
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
        ) {
            self.message = None;
        }
        match action {
            Action::SelectPrevious => self.selected = self.selected.previous(),
            Action::SelectNext => self.selected = self.selected.next(),
            Action::Select(param) => self.selected = param,
            Action::Step(by) => self.step(by),
            Action::StartEditing => self.start_editing(),
            Action::InputChar(c) => self.type_char(c),
            Action::InputBackspace => self.backspace(),
            Action::ApplyInput => return self.apply_input(),
            Action::CancelInput => self.cancel_input(),
            Action::Undo => self.undo(),
            Action::Redo => self.redo(),
            Action::Save => return self.save(),
            Action::StartSaveAs => self.mode = Mode::Naming(String::new()),
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
            Action::Reading(reading) => self.files.reading = reading,
            Action::Reloaded(reload) => self.reloaded(reload),
            Action::ReloadFailed { errors, time } => self.reload_failed(&errors, &time),
            Action::Saved { project, time } => self.saved(project, &time),
            Action::SaveFailed(why) => {
                self.mode = Mode::Normal;
                self.refuse(format!("Not saved: {why}"));
            }
            Action::SaveConflict => self.save_conflict(),
            Action::SaveReadOnly(mode) => self.mode = Mode::ReadOnly(mode),
            Action::SaveLinked { names, force } => self.mode = Mode::Linked { names, force },
            Action::Tick(now) => self.tick(now),
            Action::WatchFailed => {
                self.refuse("Cannot watch the files for changes: edits on disk will show after a restart");
            }
            Action::SetParam(param, text) => self.set_typed(param, &text),
            Action::NextModel => self.swap_model(1),
            Action::PreviousModel => self.swap_model(-1),
            Action::ChooseModel(id) => self.choose_model(&id),
            Action::PinBaseline => {
                self.pin_baseline();
                self.say("Baseline pinned: changes now show against these figures");
            }
            Action::Reset => self.reset(),
            Action::ToggleHelp => self.toggle_help(),
            Action::TogglePresentation => self.toggle_presentation(),
            Action::Back => return self.back(),
            Action::Quit => return Some(Effect::Quit),
        }
        None
    }

    pub(super) fn say(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
            error: false,
            text: text.into(),
        });
    }

    pub(super) fn refuse(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
            error: true,
            text: text.into(),
        });
    }

    /// Puts every parameter back to the scenario file's value.
    fn reset(&mut self) {
        let file = self.project.scenario.params.clone();
        match self.apply(file) {
            Ok(()) => self.say(format!("Parameters reset to {}", self.source())),
            Err(why) => self.refuse(format!("Cannot reset: {why}")),
        }
    }

    /// Sets a parameter from what was typed.
    pub(super) fn set_typed(&mut self, param: Param, text: &str) {
        if text.trim().is_empty() {
            self.say(format!("Nothing typed: {} is unchanged", param.label()));
            return;
        }
        self.set(param, &param.typed(text));
    }

    /// Sets a parameter from the engine's text for it, saying what changed or why not.
    fn set(&mut self, param: Param, text: &str) {
        let before = self.snapshot(param);
        match self.try_set(param, text) {
            Ok(()) => self.say_changed(param, before),
            Err(why) => self.refuse(why),
        }
    }

    /// Sets a parameter on a copy that is kept only if the engine accepts it.
    fn try_set(&mut self, param: Param, text: &str) -> Result<(), String> {
        let mut next = self.params.clone();
        next.set(param.name(), text)
            .map_err(|e| format!("Refused {} = {}: {} ({})", e.name, text.trim(), e.message, e.help))?;
        self.apply(next)
            .map_err(|why| format!("Refused {} = {}: {why}", param.name(), text.trim()))
    }

    /// A parameter's shown value and the cost per video, to say what a change did.
    fn snapshot(&self, param: Param) -> (String, rust_decimal::Decimal) {
        (param.shown(&self.params), self.bill.totals.per_video)
    }

    fn say_changed(&mut self, param: Param, (before, per_video): (String, rust_decimal::Decimal)) {
        let after = param.shown(&self.params);
        self.say(format!(
            "{} {before} → {after}: {} → {} per video",
            param.label(),
            money::amount(per_video),
            money::amount(self.bill.totals.per_video)
        ));
    }

    /// Steps the selected parameter.
    fn step(&mut self, by: i64) {
        let param = self.selected;
        if param == Param::Resolution {
            self.cycle_resolution(by);
            return;
        }
        match param.stepped(&self.params, by, &[]) {
            Some(text) => self.set(param, &text),
            None => self.say(format!(
                "{} is at its lowest: {}",
                param.label(),
                param.shown(&self.params)
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
        // Skip past resolutions another step cannot be priced at, saying why if none fits.
        let before = self.snapshot(Param::Resolution);
        let mut probe = self.params.clone();
        let mut refusal = None;
        for _ in 1..offered.len() {
            let Some(text) = Param::Resolution.stepped(&probe, by, &offered) else {
                break;
            };
            probe.resolution = Some(text.as_str().into());
            match self.try_set(Param::Resolution, &text) {
                Ok(()) => return self.say_changed(Param::Resolution, before),
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
        let ids: Vec<Arc<str>> = self
            .analysis
            .alternatives
            .iter()
            .map(|a| Arc::clone(&a.model.id))
            .collect();
        if ids.iter().all(|id| *id == current) {
            self.say(format!(
                "No other video model in the catalogs can make these clips: {current} stays"
            ));
            return;
        }
        let count = i64::try_from(ids.len()).unwrap_or(i64::MAX);
        let next = ids
            .iter()
            .position(|id| *id == current)
            .and_then(|i| i64::try_from(i).ok())
            .map_or(0, |i| (i + by).rem_euclid(count));
        if let Some(id) = usize::try_from(next).ok().and_then(|i| ids.get(i)) {
            self.choose_model(id);
        }
    }

    /// Puts a video model on the clip step; the scenario's own model clears the swap.
    fn choose_model(&mut self, id: &Arc<str>) {
        let before = self.analysis.clip_model.as_ref().map(|m| Arc::clone(&m.id));
        let per_video = self.bill.totals.per_video;
        let mut next = self.params.clone();
        next.video_model = (self.own_clip_model().as_ref() != Some(id)).then(|| Arc::clone(id));
        match self.apply(next) {
            Ok(()) => self.say(format!(
                "Clip model {} → {id}: {} → {} per video",
                before.as_deref().unwrap_or("-"),
                money::amount(per_video),
                money::amount(self.bill.totals.per_video)
            )),
            Err(why) => self.refuse(format!("Refused clip model {id}: {why}")),
        }
    }
}
