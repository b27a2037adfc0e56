//! The mouse: the gestures the dashboard answers, in a table the help reads, and where a click
//! lands.

use crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::{Position, Rect};

use crate::tui::action::Action;
use crate::tui::app::{App, Focus, Mode, View};
use crate::tui::param::Param;
use crate::tui::ui;

/// A mouse gesture the dashboard answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gesture {
    /// The wheel, either way.
    Wheel,
    /// A left click.
    Click,
}

/// A mouse binding: the gesture, its name and its line in the help.
#[derive(Debug, Clone, Copy)]
pub struct MouseBinding {
    /// What the mouse does.
    pub gesture: Gesture,
    /// How the help names it.
    pub name: &'static str,
    /// Its line in the help.
    pub help: &'static str,
}

/// What the mouse does on the dashboard, as the help lists it.
pub const MOUSE: &[MouseBinding] = &[
    MouseBinding {
        gesture: Gesture::Wheel,
        name: "wheel",
        help: "select a row",
    },
    MouseBinding {
        gesture: Gesture::Click,
        name: "click",
        help: "a row or a clip model",
    },
];

/// The action a mouse event asks for: the wheel moves the selection, a click selects a
/// parameter or chooses a clip model. `area` is the whole screen.
pub fn mouse_action(app: &App, mouse: MouseEvent, area: Rect) -> Option<Action> {
    if app.mode != Mode::Normal {
        return None;
    }
    let gesture = match mouse.kind {
        MouseEventKind::ScrollUp | MouseEventKind::ScrollDown => Gesture::Wheel,
        MouseEventKind::Down(MouseButton::Left) => Gesture::Click,
        _ => return None,
    };
    // A gesture works while the table lists it, so the help cannot promise what is not there.
    if !MOUSE.iter().any(|m| m.gesture == gesture) {
        return None;
    }
    match mouse.kind {
        MouseEventKind::ScrollUp => Some(Action::SelectPrevious),
        MouseEventKind::ScrollDown => Some(Action::SelectNext),
        MouseEventKind::Down(MouseButton::Left) if app.view == View::Dashboard => {
            let at = Position::new(mouse.column, mouse.row);
            let panels = ui::layout(area, app)?;
            if let Some(row) = ui::row_at(panels.params, at) {
                let first = ui::params::first_shown(app, panels.params);
                return app.rows.get(first + row).map(|r| Action::Select(Param::named(&r.name)));
            }
            if app.focus == Focus::Breakdown {
                return None;
            }
            let row = ui::row_at(panels.models, at)?;
            let first = ui::models::first_shown(app, panels.models);
            app.shown
                .models
                .row(first + row)?
                .model()
                .map(|id| Action::ChooseModel(std::sync::Arc::clone(id)))
        }
        _ => None,
    }
}
