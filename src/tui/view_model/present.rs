//! Presentation mode's words: the hint shown after entering, and the page marker.

use crate::tui::Action;
use crate::tui::app::App;
use crate::tui::keys::{self, Context};

/// Presentation mode's text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PresentText {
    /// The keys that work the pages: `←→ page · C contrast · p leave · ? help`.
    pub hint: String,
    /// Where the page stands among the pages: `◂ 2/3 Share of the bill ▸`.
    pub page: String,
}

impl PresentText {
    /// The text for the app's page.
    pub fn of(app: &App) -> Self {
        let pages = app.pages();
        let at = pages.iter().position(|p| *p == app.presentation.page).unwrap_or(0);
        let help = keys::key_name(Context::Normal, &Action::ToggleHelp);
        Self {
            hint: format!(
                " {} · {help} help ",
                keys::hints(Context::Presenting, &["page", "contrast", "leave"])
            ),
            page: format!(" ◂ {}/{} {} ▸ ", at + 1, pages.len(), app.presentation.page.name()),
        }
    }
}
