//! Typing: an exact value for a parameter or a file name to save as, and the ways out of it
//! and of the other modes and views.

use super::action::Effect;
use super::app::{App, Input, Mode, View};

/// The longest value the input takes: enough for any number, short enough to show.
const MAX_INPUT: usize = 24;

/// The longest file name the save-as input takes.
const MAX_NAME: usize = 200;

impl App {
    /// Opens the input for an exact value of the selected parameter.
    pub(super) fn start_editing(&mut self) {
        self.mode = Mode::Editing(Input {
            param: self.selected,
            text: String::new(),
        });
    }

    /// Types a character into the value or the file name, up to the longest each takes.
    pub(super) fn type_char(&mut self, c: char) {
        match &mut self.mode {
            Mode::Editing(input) if !c.is_control() && input.text.chars().count() < MAX_INPUT => {
                input.text.push(c);
            }
            Mode::Naming(name) if !c.is_control() && name.chars().count() < MAX_NAME => name.push(c),
            _ => {}
        }
    }

    /// Deletes the last character typed.
    pub(super) fn backspace(&mut self) {
        match &mut self.mode {
            Mode::Editing(input) => {
                input.text.pop();
            }
            Mode::Naming(name) => {
                name.pop();
            }
            _ => {}
        }
    }

    /// Applies the typed value, or asks for the save under the typed name.
    pub(super) fn apply_input(&mut self) -> Option<Effect> {
        match &self.mode {
            Mode::Editing(input) => {
                let (param, text) = (input.param, input.text.clone());
                self.mode = Mode::Normal;
                self.set_typed(param, &text);
                None
            }
            Mode::Naming(name) => {
                let name = name.clone();
                self.save_as(&name)
            }
            _ => None,
        }
    }

    /// Closes the input or the save prompt without changing anything.
    pub(super) fn cancel_input(&mut self) {
        if self.mode != Mode::Normal && self.mode != Mode::Help {
            self.mode = Mode::Normal;
        }
    }

    /// Shows or hides the key bindings.
    pub(super) fn toggle_help(&mut self) {
        self.mode = if self.mode == Mode::Help {
            Mode::Normal
        } else {
            Mode::Help
        };
    }

    /// Switches between the dashboard and the presentation view.
    pub(super) fn toggle_presentation(&mut self) {
        self.view = match self.view {
            View::Dashboard => View::Presentation,
            View::Presentation => View::Dashboard,
        };
    }

    /// Closes what is open; quits when nothing is.
    pub(super) fn back(&mut self) -> Option<Effect> {
        match (&self.mode, self.view) {
            (Mode::Normal, View::Presentation) => self.view = View::Dashboard,
            (Mode::Normal, View::Dashboard) => return Some(Effect::Quit),
            _ => self.mode = Mode::Normal,
        }
        None
    }
}
