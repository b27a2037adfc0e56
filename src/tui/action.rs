//! Everything the dashboard can be asked to do, and what it asks of the loop in return.
//!
//! Keys and mouse events become [`Action`]s in [`super::keys`]; [`super::App::update`] carries
//! them out and returns an [`Effect`] when something outside the state has to happen.

use std::sync::Arc;

use super::param::Param;

/// A change to the dashboard's state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Select the parameter above, wrapping round.
    SelectPrevious,
    /// Select the parameter below, wrapping round.
    SelectNext,
    /// Select a parameter (a mouse click).
    Select(Param),
    /// Step the selected parameter by this many units (negative steps down; x10 with Shift).
    Step(i64),
    /// Open the input for an exact value of the selected parameter.
    StartEditing,
    /// Type a character into the input.
    InputChar(char),
    /// Delete the last character of the input.
    InputBackspace,
    /// Apply the typed value, or refuse it with the reason.
    ApplyInput,
    /// Close the input without changing anything.
    CancelInput,
    /// Set a parameter from text, as typed (the reroll rate as a percentage).
    SetParam(Param, String),
    /// Put the next video model that fits the clips on the clip step.
    NextModel,
    /// Put the previous video model that fits the clips on the clip step.
    PreviousModel,
    /// Put this video model on the clip step (a mouse click on the list).
    ChooseModel(Arc<str>),
    /// Make the current figures the baseline that changes are shown against.
    PinBaseline,
    /// Put every parameter back to the scenario file's value.
    Reset,
    /// Show or hide the key bindings.
    ToggleHelp,
    /// Switch between the dashboard and the presentation view.
    TogglePresentation,
    /// Close the help, the input or the presentation view; quit when none is open.
    Back,
    /// Leave the dashboard.
    Quit,
}

/// Something `update` asks the event loop to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effect {
    /// Restore the terminal and exit.
    Quit,
}
