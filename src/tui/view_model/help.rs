//! The help's text, from the key table (the scenario picker's keys aside: its border shows
//! them, from the same table, while it is open): a section per context (the prompts a save can raise
//! share one), each binding's keys and what it does, then the mouse.

use crate::tui::Action;
use crate::tui::keys::{self, BINDINGS, Context, Key, MOUSE, keys_of};

/// The help overlay's text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HelpText {
    /// Each section's heading and rows: the keys, padded to one width, and what they do.
    pub sections: Vec<(&'static str, Vec<(String, &'static str)>)>,
    /// The keys that close the help, for its bottom border: ` ? or Esc or q closes `.
    pub closes: String,
    /// The keys that scroll it, where the screen is too small for all of it: `↑/↓ scroll`.
    pub scrolls: String,
}

/// The keys of a binding as `↑ / k`.
fn keys_text(keys: &[Key]) -> String {
    keys.iter().map(Key::name).collect::<Vec<_>>().join(" / ")
}

impl HelpText {
    /// Every binding of the table, and the mouse's.
    pub fn of_table() -> Self {
        let mut sections: Vec<(&'static str, Vec<(String, &'static str)>)> = Vec::new();
        for context in [
            Context::Normal,
            Context::Typing,
            Context::Conflict,
            Context::ReadOnly,
            Context::Linked,
            Context::Quitting,
            Context::Help,
            Context::Anywhere,
            Context::Presenting,
        ] {
            // Contexts that share a heading share a section, each (keys, help) pair listed once:
            // the prompts a save can raise differ in a key or two.
            if sections.last().is_none_or(|(heading, _)| *heading != context.heading()) {
                sections.push((context.heading(), Vec::new()));
            }
            let Some((_, rows)) = sections.last_mut() else { continue };
            for binding in BINDINGS.iter().filter(|b| b.context == context) {
                let entry = (keys_text(binding.keys), binding.help);
                if !rows.contains(&entry) {
                    rows.push(entry);
                }
            }
        }
        sections.push(("Mouse", MOUSE.iter().map(|m| (m.name.to_owned(), m.help)).collect()));
        let width = BINDINGS
            .iter()
            .map(|b| keys_text(b.keys).chars().count())
            .max()
            .unwrap_or(0);
        for (_, rows) in &mut sections {
            for (keys, _) in rows.iter_mut() {
                *keys = format!(" {keys:<width$}  ");
            }
        }
        let close: Vec<String> = keys_of(Context::Help, &Action::ToggleHelp)
            .iter()
            .map(Key::name)
            .collect();
        let scroll = |by| keys::key_name(Context::Help, &Action::ScrollHelp { by, most: u16::MAX });
        Self {
            sections,
            closes: format!(" {} closes ", close.join(" or ")),
            scrolls: format!("{}/{} scroll", scroll(-1), scroll(1)),
        }
    }
}
