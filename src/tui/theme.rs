//! Every colour and style the dashboard uses, in one place.
//!
//! Three palettes: colour; high contrast, for a projector (`--theme high-contrast`, or a key in
//! presentation mode); and plain for `NO_COLOR` (<https://no-color.org>), which keeps emphasis
//! with bold, reverse and underline so a change still stands out.

use ratatui::style::{Color, Modifier, Style};

/// What a piece of text is, for the style it is drawn in. The view model says the tone; the
/// theme, chosen at start-up, says what it looks like.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Tone {
    /// No emphasis.
    #[default]
    Plain,
    /// A figure.
    Value,
    /// Text that matters less.
    Dim,
    /// A change that makes a video cheaper.
    Cheaper,
    /// A change that makes a video dearer.
    Dearer,
    /// A value that differs from the baseline.
    Changed,
    /// A refusal or an error.
    Error,
    /// A confirmation.
    Info,
    /// The text being typed.
    Input,
    /// A warning.
    Warning,
}

impl Tone {
    /// The tone of a change: cheaper, dearer, or dim when there is none.
    pub fn of_change(sign: std::cmp::Ordering) -> Self {
        match sign {
            std::cmp::Ordering::Less => Self::Cheaper,
            std::cmp::Ordering::Greater => Self::Dearer,
            std::cmp::Ordering::Equal => Self::Dim,
        }
    }
}

/// The themes `--theme` names.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum ThemeName {
    /// Colours on the terminal's own background (plain with `NO_COLOR`).
    #[default]
    Default,
    /// Bright, bold colours on black, for a projector.
    HighContrast,
}

/// The styles of every element on screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    /// Whether colours are used at all.
    pub colour: bool,
    /// Whether this is the high-contrast palette.
    pub high_contrast: bool,
    /// The title bar.
    pub title: Style,
    /// Panel borders.
    pub border: Style,
    /// The border of the panel the arrow keys work.
    pub focus_border: Style,
    /// Panel titles.
    pub panel_title: Style,
    /// Text that matters less: units, rules, hints.
    pub dim: Style,
    /// A figure.
    pub value: Style,
    /// The big digits of a headline figure.
    pub big: Style,
    /// The selected row.
    pub selected: Style,
    /// A change that makes a video cheaper.
    pub cheaper: Style,
    /// A change that makes a video dearer.
    pub dearer: Style,
    /// A value that differs from the baseline.
    pub changed: Style,
    /// A refused input or other error.
    pub error: Style,
    /// A line a catalog reload just repriced.
    pub flash: Style,
    /// A confirmation.
    pub info: Style,
    /// Share-of-bill bars.
    pub bar: Style,
    /// Key names in the footer and help.
    pub key: Style,
    /// The text being typed.
    pub input: Style,
    /// The amortisation curve.
    pub curve: Style,
    /// The baseline's amortisation curve.
    pub baseline_curve: Style,
    /// The current point on the curve.
    pub marker: Style,
    /// A warning from the engine.
    pub warning: Style,
    /// The whole screen in presentation mode: high contrast for a projector.
    pub present: Style,
    /// Big digits in presentation mode.
    pub present_big: Style,
}

impl Theme {
    /// The theme the environment asks for: plain when `NO_COLOR` is set and not empty.
    pub fn from_env() -> Self {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        if no_color { Self::plain() } else { Self::colour() }
    }

    /// Colours on a terminal's own background.
    pub fn colour() -> Self {
        let bold = Style::new().add_modifier(Modifier::BOLD);
        Self {
            colour: true,
            high_contrast: false,
            title: bold.fg(Color::Black).bg(Color::Cyan),
            border: Style::new().fg(Color::DarkGray),
            focus_border: Style::new().fg(Color::Cyan),
            panel_title: bold.fg(Color::Cyan),
            dim: Style::new().fg(Color::DarkGray),
            value: bold,
            big: bold.fg(Color::White),
            selected: Style::new().add_modifier(Modifier::REVERSED),
            cheaper: bold.fg(Color::Green),
            dearer: bold.fg(Color::Red),
            changed: bold.fg(Color::Yellow),
            error: bold.fg(Color::White).bg(Color::Red),
            flash: bold.fg(Color::Black).bg(Color::Yellow),
            info: Style::new().fg(Color::Green),
            bar: Style::new().fg(Color::Cyan),
            key: bold.fg(Color::Yellow),
            input: bold.fg(Color::Black).bg(Color::Yellow),
            curve: Style::new().fg(Color::Cyan),
            baseline_curve: Style::new().fg(Color::DarkGray),
            marker: bold.fg(Color::Yellow),
            warning: Style::new().fg(Color::Yellow),
            present: Style::new().fg(Color::White).bg(Color::Black),
            present_big: bold.fg(Color::White).bg(Color::Black),
        }
    }

    /// No colours: bold, reverse and underline carry the emphasis.
    pub fn plain() -> Self {
        let bold = Style::new().add_modifier(Modifier::BOLD);
        let none = Style::new();
        Self {
            colour: false,
            high_contrast: false,
            title: Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
            border: none,
            focus_border: bold,
            panel_title: bold,
            dim: none,
            value: bold,
            big: bold,
            selected: Style::new().add_modifier(Modifier::REVERSED),
            cheaper: bold,
            dearer: bold.add_modifier(Modifier::UNDERLINED),
            changed: bold,
            error: Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
            flash: Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
            info: bold,
            bar: none,
            key: bold,
            input: Style::new().add_modifier(Modifier::REVERSED),
            curve: none,
            baseline_curve: none,
            marker: bold,
            warning: none,
            present: none,
            present_big: bold,
        }
    }

    /// Bright, bold colours on black and no dark grey, for a projector in a lit room.
    pub fn high_contrast() -> Self {
        let bold = Style::new().add_modifier(Modifier::BOLD);
        let on_black = bold.bg(Color::Black);
        Self {
            colour: true,
            high_contrast: true,
            title: bold.fg(Color::Black).bg(Color::White),
            border: on_black.fg(Color::White),
            focus_border: on_black.fg(Color::LightYellow),
            panel_title: on_black.fg(Color::LightYellow),
            dim: on_black.fg(Color::White),
            value: on_black.fg(Color::White),
            big: on_black.fg(Color::White),
            selected: bold.fg(Color::Black).bg(Color::White),
            cheaper: on_black.fg(Color::LightGreen),
            dearer: on_black.fg(Color::LightRed),
            changed: on_black.fg(Color::LightYellow),
            error: bold.fg(Color::White).bg(Color::Red),
            flash: bold.fg(Color::Black).bg(Color::LightYellow),
            info: on_black.fg(Color::LightGreen),
            bar: on_black.fg(Color::White),
            key: on_black.fg(Color::LightYellow),
            input: bold.fg(Color::Black).bg(Color::LightYellow),
            curve: on_black.fg(Color::White),
            baseline_curve: on_black.fg(Color::Gray),
            marker: on_black.fg(Color::LightYellow),
            warning: on_black.fg(Color::LightYellow),
            present: on_black.fg(Color::White),
            present_big: on_black.fg(Color::White),
        }
    }

    /// The theme a name asks for; `NO_COLOR` wins over either.
    pub fn named(name: ThemeName) -> Self {
        match name {
            ThemeName::HighContrast if Self::from_env().colour => Self::high_contrast(),
            ThemeName::HighContrast | ThemeName::Default => Self::from_env(),
        }
    }

    /// The style of a tone.
    pub fn style(&self, tone: Tone) -> Style {
        match tone {
            Tone::Plain => Style::new(),
            Tone::Value => self.value,
            Tone::Dim => self.dim,
            Tone::Cheaper => self.cheaper,
            Tone::Dearer => self.dearer,
            Tone::Changed => self.changed,
            Tone::Error => self.error,
            Tone::Info => self.info,
            Tone::Input => self.input,
            Tone::Warning => self.warning,
        }
    }
}
