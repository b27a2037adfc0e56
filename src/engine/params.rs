//! The parameters a founder tunes. Their names are shared by scenario files, `--set`, the
//! dashboard and JSON output.

use std::fmt;
use std::sync::Arc;

use rust_decimal::Decimal;

use super::number::parse_decimal;

/// Every parameter name, in the order they are shown.
pub const NAMES: [&str; 12] = [
    "scenes",
    "frames",
    "fps",
    "seconds",
    "resolution",
    "audio",
    "characters",
    "videos_per_character",
    "reroll_rate",
    "videos_per_month",
    "finished_seconds_per_scene",
    "video_model",
];

/// A scenario's tunable parameters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Params {
    /// Scenes per video.
    pub scenes: u32,
    /// Frames per generated clip.
    pub frames: u32,
    /// Frames per second of the clip.
    pub fps: u32,
    /// Output resolution of video steps, e.g. `720p`.
    pub resolution: Option<Arc<str>>,
    /// Whether video steps generate audio.
    pub audio: bool,
    /// Characters per video, each set up once.
    pub characters: u32,
    /// Videos made with each character, over which its setup is spread.
    pub videos_per_character: u32,
    /// Share of scene generations thrown away and made again, in [0, 1).
    pub reroll_rate: Decimal,
    /// Videos made per month.
    pub videos_per_month: u64,
    /// Seconds of each scene left after trimming; the clip length when unset.
    pub finished_seconds_per_scene: Option<Decimal>,
    /// Another video model for the scene's clip step, in place of the scenario's.
    pub video_model: Option<Arc<str>>,
}

impl Default for Params {
    fn default() -> Self {
        Self {
            scenes: 1,
            frames: 0,
            fps: 24,
            resolution: None,
            audio: false,
            characters: 0,
            videos_per_character: 1,
            reroll_rate: Decimal::ZERO,
            videos_per_month: 1000,
            finished_seconds_per_scene: None,
            video_model: None,
        }
    }
}

/// A parameter value that is not valid, with what would be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParamError {
    /// The parameter.
    pub name: String,
    /// What is wrong.
    pub message: String,
    /// What would be valid.
    pub help: String,
}

impl fmt::Display for ParamError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {} ({})", self.name, self.message, self.help)
    }
}

impl std::error::Error for ParamError {}

fn error(name: &str, message: impl Into<String>, help: impl Into<String>) -> ParamError {
    ParamError {
        name: name.into(),
        message: message.into(),
        help: help.into(),
    }
}

fn whole(name: &str, text: &str, min: u64, max: u64) -> Result<u64, ParamError> {
    let help = format!("a whole number from {min} to {max}");
    let value =
        parse_decimal(text).map_err(|_| error(name, format!("`{}` is not a number", text.trim()), help.clone()))?;
    if !value.fract().is_zero() || value < Decimal::from(min) || value > Decimal::from(max) {
        return Err(error(name, format!("{} is out of range", value.normalize()), help));
    }
    value
        .trunc()
        .to_string()
        .parse()
        .map_err(|_| error(name, "is out of range", help))
}

fn small(name: &str, text: &str, min: u32) -> Result<u32, ParamError> {
    whole(name, text, u64::from(min), 100_000)
        .and_then(|v| u32::try_from(v).map_err(|_| error(name, "is out of range", "a smaller number")))
}

fn boolean(name: &str, text: &str) -> Result<bool, ParamError> {
    match text.trim().to_ascii_lowercase().as_str() {
        "true" | "on" | "yes" | "1" => Ok(true),
        "false" | "off" | "no" | "0" => Ok(false),
        other => Err(error(name, format!("`{other}` is not on or off"), "true or false")),
    }
}

impl Params {
    /// Clip length in seconds: frames / fps, or `None` when there is no clip.
    pub fn seconds(&self) -> Option<Decimal> {
        (self.frames > 0 && self.fps > 0).then(|| Decimal::from(self.frames) / Decimal::from(self.fps))
    }

    /// Sets a parameter from text, as `--set NAME=VALUE` and the dashboard's input do.
    pub fn set(&mut self, name: &str, text: &str) -> Result<(), ParamError> {
        let mut next = self.clone();
        match name {
            "scenes" => next.scenes = small(name, text, 1)?,
            "frames" => next.frames = small(name, text, 1)?,
            "fps" => next.fps = small(name, text, 1)?,
            "seconds" => {
                let help = format!(
                    "a clip length whose frames at {} fps are whole, e.g. 5 or 6.25",
                    self.fps
                );
                let seconds = parse_decimal(text)
                    .map_err(|_| error(name, format!("`{}` is not a number", text.trim()), help.clone()))?;
                if seconds <= Decimal::ZERO {
                    return Err(error(
                        name,
                        format!("{} s is refused: a clip must be longer than 0 s", seconds.normalize()),
                        help,
                    ));
                }
                let Some(frames) = seconds.checked_mul(Decimal::from(self.fps)) else {
                    return Err(error(
                        name,
                        format!("{} s is too long a clip", seconds.normalize()),
                        help,
                    ));
                };
                if !frames.fract().is_zero() {
                    return Err(error(
                        name,
                        format!(
                            "{} s at {} fps is {} frames",
                            seconds.normalize(),
                            self.fps,
                            frames.normalize()
                        ),
                        help,
                    ));
                }
                next.frames = small("seconds", &frames.to_string(), 1)?;
            }
            "resolution" => {
                let value = text.trim();
                if value.is_empty() {
                    return Err(error(name, "is empty", "a resolution such as 720p"));
                }
                next.resolution = Some(value.into());
            }
            "audio" => next.audio = boolean(name, text)?,
            "characters" => next.characters = small(name, text, 0)?,
            "videos_per_character" => next.videos_per_character = small(name, text, 1)?,
            "reroll_rate" => {
                let help = "a share from 0 up to but not including 1, e.g. 0.1 or 10%";
                let trimmed = text.trim();
                let (number, scale) = match trimmed.strip_suffix('%') {
                    Some(pct) => (pct, Decimal::ONE_HUNDRED),
                    None => (trimmed, Decimal::ONE),
                };
                let rate = parse_decimal(number)
                    .map_err(|_| error(name, format!("`{trimmed}` is not a number"), help))?
                    / scale;
                if rate < Decimal::ZERO || rate >= Decimal::ONE {
                    return Err(error(
                        name,
                        format!("{} is not in [0, 1): every attempt would fail", rate.normalize()),
                        help,
                    ));
                }
                next.reroll_rate = rate;
            }
            "videos_per_month" => next.videos_per_month = whole(name, text, 1, 1_000_000_000_000)?,
            "finished_seconds_per_scene" => {
                let seconds = parse_decimal(text)
                    .map_err(|_| error(name, format!("`{}` is not a number", text.trim()), "seconds, e.g. 4.0"))?;
                if seconds <= Decimal::ZERO {
                    return Err(error(name, "must be above zero", "seconds, e.g. 4.0"));
                }
                next.finished_seconds_per_scene = Some(seconds);
            }
            "video_model" => {
                let value = text.trim();
                next.video_model = (!value.is_empty()).then(|| value.into());
            }
            _ => {
                let help = match super::suggest::closest(name, NAMES.into_iter()) {
                    Some(best) => format!("did you mean `{best}`? parameters: {}", NAMES.join(", ")),
                    None => format!("parameters: {}", NAMES.join(", ")),
                };
                return Err(error(name, "is not a parameter", help));
            }
        }
        *self = next;
        Ok(())
    }

    /// A parameter's value as text, the form `set` accepts.
    pub fn get(&self, name: &str) -> Option<String> {
        Some(match name {
            "scenes" => self.scenes.to_string(),
            "frames" => self.frames.to_string(),
            "fps" => self.fps.to_string(),
            "seconds" => self.seconds().map_or_else(String::new, |s| s.normalize().to_string()),
            "resolution" => self.resolution.as_deref().unwrap_or("").to_owned(),
            "audio" => self.audio.to_string(),
            "characters" => self.characters.to_string(),
            "videos_per_character" => self.videos_per_character.to_string(),
            "reroll_rate" => self.reroll_rate.normalize().to_string(),
            "videos_per_month" => self.videos_per_month.to_string(),
            "finished_seconds_per_scene" => self
                .finished_seconds_per_scene
                .map_or_else(String::new, |s| s.normalize().to_string()),
            "video_model" => self.video_model.as_deref().unwrap_or("").to_owned(),
            _ => return None,
        })
    }
}

/// Parameters after the scenario file changed on disk: the file's new values where the user had
/// left the file's old value, the user's own where they had changed it. Returns the merged
/// parameters and the names where the user's value was kept over a new one from the file.
pub fn merge(old_file: &Params, new_file: &Params, current: &Params) -> (Params, Vec<&'static str>) {
    let mut merged = current.clone();
    let mut kept = Vec::new();
    // fps goes before frames so that frames are read at the new rate; seconds follows frames.
    for name in NAMES.iter().copied().filter(|n| *n != "seconds") {
        let (old, new, mine) = (old_file.get(name), new_file.get(name), current.get(name));
        if mine == old {
            if let Some(value) = new.filter(|v| !v.is_empty()) {
                if merged.set(name, &value).is_err() {
                    kept.push(name);
                }
            } else if matches!(name, "resolution" | "video_model" | "finished_seconds_per_scene") {
                match name {
                    "resolution" => merged.resolution = None,
                    "video_model" => merged.video_model = None,
                    _ => merged.finished_seconds_per_scene = None,
                }
            }
        } else if new != old {
            kept.push(name);
        }
    }
    (merged, kept)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_change_keeps_the_users_tweaks() {
        let old_file = Params {
            scenes: 4,
            frames: 100,
            fps: 16,
            ..Params::default()
        };
        let mut new_file = old_file.clone();
        new_file.scenes = 6;
        new_file.frames = 90;
        let mut mine = old_file.clone();
        mine.frames = 80;
        let (merged, kept) = merge(&old_file, &new_file, &mine);
        assert_eq!(merged.scenes, 6, "untouched: the file's new value");
        assert_eq!(merged.frames, 80, "tweaked: the user's value");
        assert_eq!(kept, vec!["frames"]);
    }

    #[test]
    fn seconds_sets_frames() {
        let mut p = Params {
            fps: 16,
            frames: 100,
            ..Params::default()
        };
        p.set("seconds", "5").expect("5 s");
        assert_eq!(p.frames, 80);
        let err = p.set("seconds", "5.1").expect_err("81.6 frames");
        assert!(err.message.contains("81.6 frames"), "{err}");
        assert_eq!(p.frames, 80, "a refused value changes nothing");
    }

    #[test]
    fn reroll_rate_must_leave_room_for_success() {
        let mut p = Params::default();
        p.set("reroll_rate", "20%").expect("20%");
        assert_eq!(p.reroll_rate, Decimal::new(2, 1));
        assert!(p.set("reroll_rate", "1").is_err());
        assert!(p.set("reroll_rate", "-0.1").is_err());
    }

    #[test]
    fn unknown_names_get_a_suggestion() {
        let err = Params::default().set("frams", "80").expect_err("unknown");
        assert!(err.help.contains("did you mean `frames`?"), "{}", err.help);
    }

    #[test]
    fn zero_is_refused_where_it_is_meaningless() {
        let mut p = Params::default();
        for name in ["fps", "videos_per_character", "scenes", "frames", "videos_per_month"] {
            assert!(p.set(name, "0").is_err(), "{name}");
        }
        p.set("characters", "0").expect("no characters is fine");
    }

    #[test]
    fn every_name_reads_back_what_was_set() {
        let mut p = Params {
            fps: 16,
            frames: 100,
            resolution: Some("720p".into()),
            ..Params::default()
        };
        for name in NAMES {
            let value = p.get(name).expect("known name");
            if !value.is_empty() {
                let before = p.clone();
                p.set(name, &value).expect(name);
                assert_eq!(p, before, "setting {name} to its own value changes nothing");
            }
        }
    }
}
