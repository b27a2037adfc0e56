//! Presentation mode's state: the page on screen, the hint that fades after entering, and the
//! theme to go back to from the high-contrast one. Time comes from the loop's ticks, so a test
//! fades the hint by handing `update` a later instant.

use std::time::{Duration, Instant};

use super::app::{App, View};
use super::theme::Theme;

/// How long the hint shows after entering presentation mode.
pub const HINT_FOR: Duration = Duration::from_secs(4);

/// A page of presentation mode, reached with ←/→.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Page {
    /// The headline figures, and the Price & margin tile when the scenario sells its videos.
    #[default]
    Headline,
    /// The share of the bill, a bar per line.
    Share,
    /// The cost against the selected parameter.
    Chart,
    /// Every open scenario side by side; only while several are open.
    Compare,
}

impl Page {
    /// Its name, for the page marker.
    pub fn name(self) -> &'static str {
        match self {
            Self::Headline => "Headline",
            Self::Share => "Share of the bill",
            Self::Chart => "Chart",
            Self::Compare => "Compare",
        }
    }
}

/// Whether the hint is on screen.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Hint {
    /// Not shown.
    #[default]
    Gone,
    /// Just entered: shown, its time starts at the next tick.
    Starting,
    /// Shown until then.
    Until(Instant),
}

/// Presentation mode's state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Presentation {
    /// The page on screen.
    pub page: Page,
    /// The hint's state.
    pub hint: Hint,
    /// The theme the high-contrast one toggles back to.
    pub usual_theme: Theme,
}

impl Presentation {
    /// Presentation mode's state for a dashboard opened in `theme`.
    pub fn new(theme: Theme) -> Self {
        Self {
            page: Page::default(),
            hint: Hint::default(),
            usual_theme: if theme.high_contrast { Theme::colour() } else { theme },
        }
    }

    /// Whether the hint is on screen.
    pub fn hint_shown(&self) -> bool {
        self.hint != Hint::Gone
    }

    /// When the hint is due to fade, for the loop to wake up.
    pub fn hint_until(&self) -> Option<Instant> {
        match self.hint {
            Hint::Until(until) => Some(until),
            Hint::Gone | Hint::Starting => None,
        }
    }
}

impl App {
    /// The pages there are: compare only while several scenarios are open.
    pub fn pages(&self) -> Vec<Page> {
        let mut pages = vec![Page::Headline, Page::Share, Page::Chart];
        if self.scenario_count() > 1 {
            pages.push(Page::Compare);
        }
        pages
    }

    /// Turns to the next page (negative: the previous), round and round.
    pub(super) fn turn_page(&mut self, by: isize) {
        let pages = self.pages();
        let at = pages.iter().position(|p| *p == self.presentation.page).unwrap_or(0);
        let len = isize::try_from(pages.len()).unwrap_or(1).max(1);
        let next = (isize::try_from(at).unwrap_or(0) + by).rem_euclid(len);
        self.presentation.page = usize::try_from(next)
            .ok()
            .and_then(|i| pages.get(i).copied())
            .unwrap_or_default();
    }

    /// Switches between the high-contrast theme and the usual one.
    pub(super) fn toggle_contrast(&mut self) {
        self.theme = if self.theme.high_contrast {
            self.presentation.usual_theme
        } else {
            Theme::high_contrast()
        };
        let name = if self.theme.high_contrast {
            "high-contrast"
        } else {
            "usual"
        };
        self.say(format!("The {name} theme"));
    }

    /// Shows the hint on entering presentation mode, from the first page; hides it on leaving.
    pub(super) fn presentation_entered(&mut self) {
        if self.view == View::Presentation {
            self.presentation.hint = Hint::Starting;
            self.presentation.page = Page::Headline;
        } else {
            self.presentation.hint = Hint::Gone;
        }
    }

    /// Starts the hint's time at the first tick after entering, and fades it when it is up.
    pub(super) fn fade_hint(&mut self, now: Instant) {
        self.presentation.hint = match self.presentation.hint {
            Hint::Starting => Hint::Until(now + HINT_FOR),
            Hint::Until(until) if now >= until => Hint::Gone,
            other => other,
        };
    }

    /// When the loop must wake up with no event: a reload's highlight or the hint fades.
    pub fn wake_at(&self) -> Option<Instant> {
        [self.files.flash_until, self.presentation.hint_until()]
            .into_iter()
            .flatten()
            .min()
    }
}
