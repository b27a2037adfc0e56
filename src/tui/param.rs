//! The parameters the dashboard tunes, in the order it shows them, and how a key press steps
//! each one. Values go to the engine as text through [`Params::set`], which validates them.

use std::sync::Arc;

use rust_decimal::Decimal;

use crate::engine::{Params, money};
use crate::report;

/// A parameter row of the dashboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Param {
    /// Scenes per video.
    Scenes,
    /// Frames per clip.
    Frames,
    /// Output resolution of the clips.
    Resolution,
    /// Whether clips have audio.
    Audio,
    /// Videos made with each character.
    VideosPerCharacter,
    /// Characters per video.
    Characters,
    /// Share of scene generations made again.
    RerollRate,
    /// Videos made per month.
    VideosPerMonth,
}

impl Param {
    /// Every row, top to bottom.
    pub const ALL: [Self; 8] = [
        Self::Scenes,
        Self::Frames,
        Self::Resolution,
        Self::Audio,
        Self::VideosPerCharacter,
        Self::Characters,
        Self::RerollRate,
        Self::VideosPerMonth,
    ];

    /// The engine's name for it, as `--set` and scenario files use.
    pub fn name(self) -> &'static str {
        match self {
            Self::Scenes => "scenes",
            Self::Frames => "frames",
            Self::Resolution => "resolution",
            Self::Audio => "audio",
            Self::VideosPerCharacter => "videos_per_character",
            Self::Characters => "characters",
            Self::RerollRate => "reroll_rate",
            Self::VideosPerMonth => "videos_per_month",
        }
    }

    /// The row's label.
    pub fn label(self) -> &'static str {
        match self {
            Self::Scenes => "Scenes",
            Self::Frames => "Frames",
            Self::Resolution => "Resolution",
            Self::Audio => "Audio",
            Self::VideosPerCharacter => "Videos per character",
            Self::Characters => "Characters",
            Self::RerollRate => "Reroll rate",
            Self::VideosPerMonth => "Videos per month",
        }
    }

    /// What to type when entering an exact value.
    pub fn hint(self) -> &'static str {
        match self {
            Self::Scenes | Self::Frames | Self::VideosPerCharacter => "a whole number from 1",
            Self::Characters => "a whole number from 0",
            Self::Resolution => "a resolution such as 720p",
            Self::Audio => "on or off",
            Self::RerollRate => "a percentage below 100, e.g. 12",
            Self::VideosPerMonth => "a whole number, e.g. 5000",
        }
    }

    /// What the arrow keys do to it.
    pub fn step_hint(self) -> &'static str {
        match self {
            Self::Resolution => "cycle what the clip model offers",
            Self::Audio => "switch on or off",
            Self::RerollRate => "±1%, Shift ±10%",
            Self::VideosPerMonth => "±100, Shift ±1,000",
            _ => "±1, Shift ±10",
        }
    }

    /// The row after this one, wrapping round.
    pub fn next(self) -> Self {
        Self::ALL[(self.index() + 1) % Self::ALL.len()]
    }

    /// The row before this one, wrapping round.
    pub fn previous(self) -> Self {
        Self::ALL[(self.index() + Self::ALL.len() - 1) % Self::ALL.len()]
    }

    /// Its position from the top.
    pub fn index(self) -> usize {
        Self::ALL.iter().position(|&p| p == self).unwrap_or(0)
    }

    /// The value as the dashboard shows it, e.g. `100 (6.25 s @ 16 fps)` or `12%`.
    pub fn shown(self, params: &Params) -> String {
        match self {
            Self::Scenes => params.scenes.to_string(),
            Self::Frames => match params.seconds() {
                Some(s) => format!(
                    "{} ({} s @ {} fps)",
                    params.frames,
                    money::round(s, 3).normalize(),
                    params.fps
                ),
                None => params.frames.to_string(),
            },
            Self::Resolution => params.resolution.as_deref().unwrap_or("-").to_owned(),
            Self::Audio => (if params.audio { "on" } else { "off" }).to_owned(),
            Self::VideosPerCharacter => params.videos_per_character.to_string(),
            Self::Characters => params.characters.to_string(),
            Self::RerollRate => percent(params.reroll_rate),
            Self::VideosPerMonth => report::group(params.videos_per_month),
        }
    }

    /// The value in brief, for "was …": the frame count without its clip length.
    pub fn brief(self, params: &Params) -> String {
        match self {
            Self::Frames => params.frames.to_string(),
            other => other.shown(params),
        }
    }

    /// The text for [`Params::set`] from what was typed: the reroll rate is typed as a
    /// percentage, as it is shown.
    pub fn typed(self, text: &str) -> String {
        let text = text.trim();
        match self {
            Self::RerollRate if !text.ends_with('%') => format!("{text}%"),
            _ => text.to_owned(),
        }
    }

    /// The text for [`Params::set`] one step of `by` units away, or `None` when the value is
    /// already at its lower bound. The resolution steps through `resolutions`.
    pub fn stepped(self, params: &Params, by: i64, resolutions: &[Arc<str>]) -> Option<String> {
        let whole = |value: u64, unit: i64, min: u64| {
            let next = value.saturating_add_signed(by.saturating_mul(unit)).max(min);
            (next != value).then(|| next.to_string())
        };
        match self {
            Self::Scenes => whole(params.scenes.into(), 1, 1),
            Self::Frames => whole(params.frames.into(), 1, 1),
            Self::VideosPerCharacter => whole(params.videos_per_character.into(), 1, 1),
            Self::Characters => whole(params.characters.into(), 1, 0),
            // One video a month is too fine a step to be useful: step by a hundred.
            Self::VideosPerMonth => whole(params.videos_per_month, 100, 1),
            Self::RerollRate => {
                let next = (params.reroll_rate + Decimal::new(by, 2)).max(Decimal::ZERO);
                (next != params.reroll_rate).then(|| next.normalize().to_string())
            }
            Self::Audio => Some((!params.audio).to_string()),
            Self::Resolution => {
                let count = i64::try_from(resolutions.len()).ok().filter(|&n| n > 0)?;
                let at = params
                    .resolution
                    .as_deref()
                    .and_then(|r| resolutions.iter().position(|o| &**o == r))
                    .and_then(|i| i64::try_from(i).ok());
                let next = match at {
                    Some(i) => (i + by.signum()).rem_euclid(count),
                    None => 0,
                };
                let next = usize::try_from(next).ok()?;
                resolutions.get(next).map(|r| r.to_string())
            }
        }
    }
}

/// A share as a percentage without trailing zeros: `0%`, `12%`, `12.5%`.
pub fn percent(share: Decimal) -> String {
    format!("{}%", (share * Decimal::ONE_HUNDRED).normalize())
}
