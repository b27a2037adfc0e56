//! The picker's text: the filter typed, the scenarios it keeps, and which is chosen.

use crate::format::escape;
use crate::tui::Action;
use crate::tui::app::{App, Mode};
use crate::tui::keys::{self, Context};

/// The picker as text, while it is open.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PickerText {
    /// The border's title: where the files are listed from.
    pub title: String,
    /// The filter line: what has been typed, with the cursor.
    pub filter: String,
    /// Each scenario the filter keeps, its name escaped, and whether it is chosen.
    pub rows: Vec<(String, bool)>,
    /// The chosen row's index in `rows`.
    pub chosen: usize,
    /// A line under the list: still listing, a problem, or nothing matching.
    pub note: Option<String>,
    /// The keys, for the bottom border.
    pub keys: String,
}

impl PickerText {
    /// The picker's text, or `None` when it is closed.
    pub fn of(app: &App) -> Option<Self> {
        let Mode::Picking(picker) = &app.mode else {
            return None;
        };
        let title = match &picker.dir {
            Some(dir) => format!(
                " Open a scenario · {} and built-in ",
                escape(&dir.display().to_string())
            ),
            None => " Open a scenario · built-in ".to_owned(),
        };
        let rows = picker
            .shown
            .iter()
            .enumerate()
            .filter_map(|(row, &i)| {
                let entry = picker.entries.get(i)?;
                Some((escape(&entry.name).into_owned(), row == picker.chosen))
            })
            .collect::<Vec<_>>();
        let note = if let Some(problem) = &picker.problem {
            Some(format!("✗ {problem}"))
        } else if picker.listing {
            Some("listing the directory…".to_owned())
        } else if rows.is_empty() {
            Some(format!("no scenario matches `{}`", escape(&picker.filter)))
        } else {
            None
        };
        let key = |action: Action| keys::key_name(Context::Picking, &action);
        Some(Self {
            title,
            filter: format!(" filter: {}▏", escape(&picker.filter)),
            chosen: picker.chosen,
            rows,
            note,
            keys: format!(
                " {}{} choose · {} open · {} cancel ",
                key(Action::SelectPrevious),
                key(Action::SelectNext),
                key(Action::ApplyInput),
                key(Action::CancelInput)
            ),
        })
    }
}
