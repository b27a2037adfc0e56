//! Typing: an exact value for a parameter or a file name to save as, and the ways out of it
//! and of the other modes and views.

use super::action::Effect;
use super::app::{App, Focus, Input, Mode, View};

/// The longest value the input takes: enough for any number, short enough to show.
const MAX_INPUT: usize = 24;

/// The longest file name the save-as input takes.
const MAX_NAME: usize = 200;

impl App {
    /// Opens the input for an exact value of the selected parameter.
    pub(super) fn start_editing(&mut self) {
        if let Some(info) = self.selected_info()
            && info.kind == crate::engine::params::Kind::Derived
        {
            let what = info.expression.as_deref().unwrap_or("other parameters");
            let text = format!("{} is computed from {what}: change what it reads", info.label);
            self.say(text);
            return;
        }
        self.mode = Mode::Editing(Input {
            param: self.selected.clone(),
            text: String::new(),
        });
    }

    /// Types a character into the value or the file name, up to the longest each takes.
    pub(super) fn type_char(&mut self, c: char) {
        match &mut self.mode {
            Mode::Editing(input) | Mode::Seeking(input)
                if !c.is_control() && input.text.chars().count() < MAX_INPUT =>
            {
                input.text.push(c);
            }
            Mode::Naming(name) | Mode::Exporting(name) if !c.is_control() && name.chars().count() < MAX_NAME => {
                name.push(c);
            }
            Mode::Filtering => self.filter_char(c),
            _ => {}
        }
    }

    /// Deletes the last character typed.
    pub(super) fn backspace(&mut self) {
        match &mut self.mode {
            Mode::Editing(input) | Mode::Seeking(input) => {
                input.text.pop();
            }
            Mode::Naming(name) | Mode::Exporting(name) => {
                name.pop();
            }
            Mode::Filtering => {
                self.picker.filter.pop();
            }
            _ => {}
        }
    }

    /// Applies the typed value, or asks for the save under the typed name.
    pub(super) fn apply_input(&mut self) -> Option<Effect> {
        match &self.mode {
            Mode::Editing(input) => {
                let (param, text) = (input.param.clone(), input.text.clone());
                self.mode = Mode::Normal;
                self.set_typed(param, &text);
                None
            }
            Mode::Naming(name) => {
                let name = name.clone();
                self.save_as(&name)
            }
            Mode::Exporting(dir) => {
                let dir = dir.clone();
                self.export_to(&dir)
            }
            Mode::Seeking(input) => {
                let (param, text) = (input.param.clone(), input.text.clone());
                self.goal_seek(&param, &text);
                None
            }
            Mode::Filtering => {
                self.keep_filter();
                None
            }
            _ => None,
        }
    }

    /// Closes the input or the save prompt without changing anything.
    pub(super) fn cancel_input(&mut self) {
        if self.mode == Mode::Filtering {
            self.clear_filter();
        }
        if self.mode != Mode::Normal && self.mode != Mode::Help {
            self.mode = Mode::Normal;
            self.quit_after_save = false;
        }
    }

    /// Shows or hides the key bindings.
    pub(super) fn toggle_help(&mut self) {
        self.mode = if self.mode == Mode::Help {
            Mode::Normal
        } else {
            Mode::Help
        };
        self.help_scroll = 0;
    }

    /// Switches between the dashboard and the presentation view.
    pub(super) fn toggle_presentation(&mut self) {
        self.view = match self.view {
            View::Dashboard | View::Compare => View::Presentation,
            View::Presentation => View::Dashboard,
        };
        self.presentation_entered();
    }

    /// Closes what is open; quits when nothing is.
    pub(super) fn back(&mut self) -> Option<Effect> {
        match (&self.mode, self.view) {
            (Mode::Normal, View::Presentation | View::Compare) => self.view = View::Dashboard,
            // A filter kept on the model list is the first thing Esc takes away.
            (Mode::Normal, View::Dashboard) if !self.picker.filter.is_empty() => self.clear_filter(),
            (Mode::Normal, View::Dashboard) if self.focus == Focus::Breakdown => {
                self.focus = Focus::Params;
                self.refresh();
            }
            (Mode::Normal, View::Dashboard) => return self.quit(),
            _ => self.mode = Mode::Normal,
        }
        None
    }

    /// Whether the parameters differ from what the scenario file holds: the one in front's, or
    /// the first scenario's while it waits behind (the only one a save writes).
    pub fn unsaved(&self) -> bool {
        self.params != self.project.scenario.params
            || self
                .others
                .iter()
                .any(|p| p.position == 0 && p.params != p.project.scenario.params)
    }

    /// Leaves, or asks first when that would lose changes: a second quit while asking leaves.
    pub(super) fn quit(&mut self) -> Option<Effect> {
        if self.mode == Mode::Quitting || !self.unsaved() {
            return Some(Effect::Quit);
        }
        self.mode = Mode::Quitting;
        None
    }

    /// Saves, then leaves once the save is made; a built-in scenario asks for a file name.
    pub(super) fn save_and_quit(&mut self) -> Option<Effect> {
        self.mode = Mode::Normal;
        self.quit_after_save = true;
        if self.project.scenario.file.path().starts_with("<built-in>") {
            self.mode = Mode::Naming(String::new());
            return None;
        }
        let effect = self.save();
        if effect.is_none() {
            self.quit_after_save = false;
        }
        effect
    }
}
