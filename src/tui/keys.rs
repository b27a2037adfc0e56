//! The key bindings, in one table that both the key handler and the help overlay read, and the
//! mapping of mouse events to actions.

mod mouse;

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

pub use mouse::{Gesture, MOUSE, MouseBinding, mouse_action};

use super::action::Action;
use super::app::{App, Mode, View};

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    /// The dashboard and the presentation view.
    Normal,
    /// The presentation view, before the dashboard's keys: its own come first.
    Presenting,
    /// While typing a value.
    Typing,
    /// While choosing a scenario to open.
    Picking,
    /// While the help is open.
    Help,
    /// When a save would write over a file changed on disk.
    Conflict,
    /// When quitting would lose unsaved changes.
    Quitting,
    /// When the scenario file is read-only.
    ReadOnly,
    /// When the scenario file has other names (hard links).
    Linked,
    /// While the files are read, before the dashboard opens.
    Starting,
    /// Whatever is open.
    Anywhere,
}

impl Context {
    /// The heading the help gives it.
    pub fn heading(self) -> &'static str {
        match self {
            Self::Normal => "Dashboard",
            Self::Presenting => "Presentation",
            Self::Typing => "Typing a value",
            Self::Picking => "Opening a scenario",
            // The prompts (a save's, quitting's) and the help's own keys share one section.
            Self::Conflict | Self::ReadOnly | Self::Linked | Self::Quitting | Self::Help => "Prompts and this help",
            Self::Starting => "While the files are read",
            Self::Anywhere => "Anywhere",
        }
    }

    /// Where the keys of a mode apply.
    pub fn of(mode: &Mode) -> Self {
        match mode {
            Mode::Normal => Self::Normal,
            Mode::Editing(_) | Mode::Naming(_) | Mode::Exporting(_) | Mode::Seeking(_) | Mode::Filtering => {
                Self::Typing
            }
            Mode::Help => Self::Help,
            Mode::Picking(_) => Self::Picking,
            Mode::Conflict => Self::Conflict,
            Mode::Quitting => Self::Quitting,
            Mode::ReadOnly(_) => Self::ReadOnly,
            Mode::Linked { .. } => Self::Linked,
        }
    }

    /// Where keys apply now: presentation's own keys come before the dashboard's.
    pub fn of_app(app: &App) -> Self {
        match Self::of(&app.mode) {
            Self::Normal if app.view == View::Presentation => Self::Presenting,
            context => context,
        }
    }
}

/// A key with the modifiers it needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    /// The key.
    pub code: KeyCode,
    /// Shift, Control or Alt as needed. Shift is ignored for characters, whose case says it.
    pub modifiers: KeyModifiers,
}

impl Key {
    const fn plain(code: KeyCode) -> Self {
        Self {
            code,
            modifiers: KeyModifiers::NONE,
        }
    }

    const fn char(c: char) -> Self {
        Self::plain(KeyCode::Char(c))
    }

    const fn shift(code: KeyCode) -> Self {
        Self {
            code,
            modifiers: KeyModifiers::SHIFT,
        }
    }

    const fn ctrl(c: char) -> Self {
        Self {
            code: KeyCode::Char(c),
            modifiers: KeyModifiers::CONTROL,
        }
    }

    /// Whether a key event is this key.
    pub fn matches(&self, event: &KeyEvent) -> bool {
        let relevant = match self.code {
            KeyCode::Char(_) => KeyModifiers::CONTROL | KeyModifiers::ALT,
            _ => KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT,
        };
        event.code == self.code && event.modifiers & relevant == self.modifiers & relevant
    }

    /// The key as the help and footer write it, e.g. `Shift+←` or `Ctrl+c`.
    pub fn name(&self) -> String {
        let base = match self.code {
            KeyCode::Up => "↑".to_owned(),
            KeyCode::Down => "↓".to_owned(),
            KeyCode::Left => "←".to_owned(),
            KeyCode::Right => "→".to_owned(),
            KeyCode::Enter => "Enter".to_owned(),
            KeyCode::Esc => "Esc".to_owned(),
            KeyCode::Backspace => "Backspace".to_owned(),
            KeyCode::Char(c) => c.to_string(),
            other => other.to_string(),
        };
        if self.modifiers.contains(KeyModifiers::CONTROL) {
            format!("Ctrl+{base}")
        } else if self.modifiers.contains(KeyModifiers::SHIFT) {
            format!("Shift+{base}")
        } else {
            base
        }
    }
}

/// A key binding: where it applies, its keys, what it does, and how help and footer name it.
#[derive(Debug, Clone)]
pub struct Binding {
    /// Where it applies.
    pub context: Context,
    /// The keys, any of which does it.
    pub keys: &'static [Key],
    /// What it does.
    pub action: Action,
    /// Its line in the help.
    pub help: &'static str,
    /// Its word in the footer, if it has a place there; neighbours with the same word share it.
    pub footer: Option<&'static str>,
}

const fn bind(
    context: Context,
    keys: &'static [Key],
    action: Action,
    help: &'static str,
    footer: Option<&'static str>,
) -> Binding {
    Binding {
        context,
        keys,
        action,
        help,
        footer,
    }
}

use Context::{Anywhere, Conflict, Help, Linked, Normal, Picking, Presenting, Quitting, ReadOnly, Starting, Typing};

/// Every key binding. One line each, so the table reads as the help does.
#[rustfmt::skip]
pub const BINDINGS: &[Binding] = &[
    bind(Normal, &[Key::plain(KeyCode::Up), Key::char('k')], Action::SelectPrevious, "select the row above", Some("select")),
    bind(Normal, &[Key::plain(KeyCode::Down), Key::char('j')], Action::SelectNext, "select the row below", Some("select")),
    bind(Normal, &[Key::plain(KeyCode::Left), Key::char('h')], Action::Step(-1), "step down one unit", Some("change")),
    bind(Normal, &[Key::plain(KeyCode::Right), Key::char('l')], Action::Step(1), "step up one unit", Some("change")),
    bind(Normal, &[Key::shift(KeyCode::Left), Key::char('H')], Action::Step(-10), "step down by ten", None),
    bind(Normal, &[Key::shift(KeyCode::Right), Key::char('L')], Action::Step(10), "step up by ten", None),
    bind(Normal, &[Key::plain(KeyCode::Enter)], Action::StartEditing, "type an exact value", Some("type")),
    bind(Normal, &[Key::plain(KeyCode::Tab)], Action::ToggleFocus, "breakdown: swap models", Some("focus")),
    bind(Normal, &[Key::char('c')], Action::ToggleChartMetric, "chart per video or second", Some("chart")),
    bind(Normal, &[Key::char('t')], Action::ToggleTornado, "tornado of inputs", Some("tornado")),
    bind(Normal, &[Key::char('g')], Action::StartGoalSeek, "goal seek this row", Some("seek")),
    bind(Normal, &[Key::char('n')], Action::SwitchScenario(1), "next open scenario", Some("scenario")),
    bind(Normal, &[Key::char('v')], Action::ToggleCompare, "scenarios side by side", Some("compare")),
    bind(Normal, &[Key::char('o')], Action::OpenPicker, "open another scenario", Some("open")),
    bind(Normal, &[Key::char('B')], Action::PinOtherScenario, "cycle baseline scenarios", None),
    bind(Normal, &[Key::char('m')], Action::NextModel, "next clip model", Some("model")),
    bind(Normal, &[Key::char('M')], Action::PreviousModel, "previous clip model", None),
    bind(Normal, &[Key::char('/')], Action::StartFilter, "filter the model list", Some("filter")),
    bind(Normal, &[Key::char('b')], Action::PinBaseline, "pin as the baseline", Some("pin")),
    bind(Normal, &[Key::char('r')], Action::Reset, "reset to file values", Some("reset")),
    bind(Normal, &[Key::char('p')], Action::TogglePresentation, "presentation mode", Some("present")),
    bind(Normal, &[Key::char('?')], Action::ToggleHelp, "this help", Some("help")),
    bind(Normal, &[Key::char('u')], Action::Undo, "undo the last change", Some("undo")),
    bind(Normal, &[Key::ctrl('r')], Action::Redo, "redo what undo undid", None),
    bind(Normal, &[Key::char('s')], Action::Save, "save to the scenario file", Some("save")),
    bind(Normal, &[Key::char('S')], Action::StartSaveAs, "save as a new file", None),
    bind(Normal, &[Key::char('e')], Action::StartExport, "export xlsx, csv, memo", Some("export")),
    bind(Normal, &[Key::char('q')], Action::Quit, "quit", Some("quit")),
    bind(Normal, &[Key::plain(KeyCode::Esc)], Action::Back, "close, else quit", None),
    bind(Presenting, &[Key::plain(KeyCode::Left), Key::char('h')], Action::TurnPage(-1), "previous page", Some("page")),
    bind(Presenting, &[Key::plain(KeyCode::Right), Key::char('l')], Action::TurnPage(1), "next page", Some("page")),
    bind(Presenting, &[Key::char('C')], Action::ToggleContrast, "high-contrast theme", Some("contrast")),
    bind(Presenting, &[Key::char('p'), Key::plain(KeyCode::Esc)], Action::TogglePresentation, "back to the dashboard", Some("leave")),
    bind(Typing, &[Key::plain(KeyCode::Enter)], Action::ApplyInput, "apply, or say why not", Some("apply")),
    bind(Typing, &[Key::plain(KeyCode::Esc)], Action::CancelInput, "cancel", Some("cancel")),
    bind(Typing, &[Key::plain(KeyCode::Backspace)], Action::InputBackspace, "delete a character", None),
    bind(Picking, &[Key::plain(KeyCode::Up)], Action::SelectPrevious, "choose the one above", Some("choose")),
    bind(Picking, &[Key::plain(KeyCode::Down)], Action::SelectNext, "choose the one below", Some("choose")),
    bind(Picking, &[Key::plain(KeyCode::Enter)], Action::ApplyInput, "open it, in front", Some("open")),
    bind(Picking, &[Key::plain(KeyCode::Esc)], Action::CancelInput, "cancel", Some("cancel")),
    bind(Picking, &[Key::plain(KeyCode::Backspace)], Action::InputBackspace, "delete a character", None),
    bind(Help, &[Key::char('?'), Key::plain(KeyCode::Esc), Key::char('q')], Action::ToggleHelp, "close the help", Some("close")),
    bind(Help, &[Key::plain(KeyCode::Up), Key::char('k')], Action::ScrollHelp { by: -1, most: u16::MAX }, "scroll the help up", Some("scroll")),
    bind(Help, &[Key::plain(KeyCode::Down), Key::char('j')], Action::ScrollHelp { by: 1, most: u16::MAX }, "scroll the help down", Some("scroll")),
    bind(Conflict, &[Key::char('o')], Action::Overwrite, "write over the file", Some("overwrite")),
    bind(Conflict, &[Key::char('a')], Action::StartSaveAs, "save as a new file", Some("save as")),
    bind(Conflict, &[Key::char('c'), Key::plain(KeyCode::Esc)], Action::CancelInput, "cancel", Some("cancel")),
    bind(ReadOnly, &[Key::char('a')], Action::StartSaveAs, "save as a new file", Some("save as")),
    bind(ReadOnly, &[Key::char('c'), Key::plain(KeyCode::Esc)], Action::CancelInput, "cancel", Some("cancel")),
    bind(Linked, &[Key::char('w')], Action::WriteThrough, "write to all its names", Some("write all")),
    bind(Linked, &[Key::char('r')], Action::ReplaceName, "replace this name only", Some("this name only")),
    bind(Linked, &[Key::char('a')], Action::StartSaveAs, "save as a new file", Some("save as")),
    bind(Linked, &[Key::char('c'), Key::plain(KeyCode::Esc)], Action::CancelInput, "cancel", Some("cancel")),
    bind(Quitting, &[Key::char('s')], Action::SaveAndQuit, "save, then quit", Some("save")),
    bind(Quitting, &[Key::char('d')], Action::QuitDiscarding, "quit without saving", Some("discard")),
    bind(Quitting, &[Key::char('c'), Key::plain(KeyCode::Esc)], Action::CancelInput, "cancel", Some("cancel")),
    bind(Starting, &[Key::char('q'), Key::plain(KeyCode::Esc)], Action::Quit, "quit", Some("quit")),
    bind(Anywhere, &[Key::ctrl('c')], Action::Quit, "quit", None),
];

/// The action a key press asks for, if any. Only presses (and auto-repeats) count.
pub fn action_for(app: &App, key: KeyEvent) -> Option<Action> {
    if !matches!(key.kind, KeyEventKind::Press | KeyEventKind::Repeat) {
        return None;
    }
    let context = Context::of_app(app);
    let pressed = |b: &&Binding| b.keys.iter().any(|k| k.matches(&key));
    // In presentation its own keys win; the dashboard's others work as on the dashboard.
    let binding = BINDINGS
        .iter()
        .filter(|b| b.context == context || b.context == Context::Anywhere)
        .find(pressed)
        .or_else(|| {
            (context == Context::Presenting)
                .then(|| BINDINGS.iter().filter(|b| b.context == Context::Normal).find(pressed))
                .flatten()
        });
    if let Some(binding) = binding {
        return Some(binding.action.clone());
    }
    match key.code {
        KeyCode::Char(c)
            if matches!(context, Context::Typing | Context::Picking)
                && !key.modifiers.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
        {
            Some(Action::InputChar(c))
        }
        _ => None,
    }
}

/// The action a key press asks for where only a context's own keys and those that work anywhere
/// apply, as while the files are read.
pub fn action_in(context: Context, key: KeyEvent) -> Option<Action> {
    if !matches!(key.kind, KeyEventKind::Press | KeyEventKind::Repeat) {
        return None;
    }
    BINDINGS
        .iter()
        .filter(|b| b.context == context || b.context == Context::Anywhere)
        .find(|b| b.keys.iter().any(|k| k.matches(&key)))
        .map(|b| b.action.clone())
}

/// The footer's entries for a context: (keys, word), neighbours with the same word merged.
pub fn footer(context: Context) -> Vec<(String, &'static str)> {
    let mut entries: Vec<(String, &'static str)> = Vec::new();
    for binding in BINDINGS.iter().filter(|b| b.context == context) {
        let (Some(word), Some(key)) = (binding.footer, binding.keys.first()) else {
            continue;
        };
        match entries.last_mut() {
            Some((keys, last)) if *last == word => keys.push_str(&key.name()),
            _ => entries.push((key.name(), word)),
        }
    }
    entries
}

/// The footer for the current mode.
pub fn footer_for(app: &App) -> Vec<(String, &'static str)> {
    footer(Context::of_app(app))
}

/// The footer's hints for a context with these words, as a phrase: `↑↓ select · ←→ change`.
pub fn hints(context: Context, words: &[&str]) -> String {
    footer(context)
        .into_iter()
        .filter(|(_, word)| words.contains(word))
        .map(|(keys, word)| format!("{keys} {word}"))
        .collect::<Vec<_>>()
        .join(" · ")
}

/// The keys bound to an action where it applies, first the one hints name.
pub fn keys_of(context: Context, action: &Action) -> &'static [Key] {
    BINDINGS
        .iter()
        .find(|b| b.context == context && b.action == *action)
        .map_or(&[], |b| b.keys)
}

/// The first key bound to an action where it applies, as the screen names it: `Enter`.
pub fn key_name(context: Context, action: &Action) -> String {
    keys_of(context, action).first().map(Key::name).unwrap_or_default()
}

/// Every key bound to an action where it applies, as `? / Esc / q`.
pub fn key_names(context: Context, action: &Action) -> String {
    keys_of(context, action)
        .iter()
        .map(Key::name)
        .collect::<Vec<_>>()
        .join(" / ")
}
