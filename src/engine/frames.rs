//! Clip lengths as frames: one rule for the `seconds` parameter and a step's own `seconds`.
//!
//! A clip is a whole number of frames. A length whose frames at the frame rate are not whole
//! (5.1 s at 16 fps is 81.6 frames) is refused, wherever it is written, with the two nearest
//! lengths that are whole: rounding it silently could decide whether a price's frame
//! multiplier fires.
#![warn(clippy::arithmetic_side_effects)]

use rust_decimal::Decimal;

use super::money;

/// Why a clip length has no whole number of frames.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FramesError {
    /// The frames are past what a clip can have.
    TooLong,
    /// The frames are fractional: `frames` at `fps`.
    Fractional {
        /// The clip length as written.
        seconds: Decimal,
        /// The frame rate.
        fps: u32,
        /// The fractional frame count it gives.
        frames: Decimal,
    },
}

impl FramesError {
    /// What went wrong, in words.
    pub fn message(&self, seconds: Decimal) -> String {
        match self {
            Self::TooLong => format!(
                "{} s is too long a clip: its frames are too large to count",
                seconds.normalize()
            ),
            Self::Fractional { seconds, fps, frames } => format!(
                "{} s at {fps} fps is {} frames: a clip is a whole number of frames",
                seconds.normalize(),
                frames.normalize()
            ),
        }
    }

    /// What would be valid: the lengths of the whole frame counts either side.
    pub fn help(&self, fps: u32) -> String {
        match self {
            Self::TooLong => format!("a clip length whose frames at {fps} fps are whole, e.g. 5"),
            Self::Fractional { seconds, fps, frames } => {
                // The frame counts either side, as lengths that give them exactly: 94 frames at
                // 15 fps is 6.2666... s, which no decimal writes, so whole seconds stand in.
                let exact = |frames: Decimal| {
                    let length = frames.checked_div(Decimal::from(*fps))?;
                    whole_frames(length, *fps)
                        .ok()
                        .map(|n| format!("{} s ({n} frames)", length.normalize()))
                };
                let either_side: Vec<String> = [frames.floor(), frames.ceil()].into_iter().filter_map(exact).collect();
                if either_side.is_empty() {
                    format!(
                        "a clip length whose frames at {fps} fps are whole, e.g. {} s or {} s",
                        seconds.floor().normalize(),
                        seconds.ceil().normalize()
                    )
                } else {
                    format!(
                        "a clip length whose frames at {fps} fps are whole: {}",
                        either_side.join(" or ")
                    )
                }
            }
        }
    }
}

/// The frames of a clip of `seconds` at `fps`, when they are whole and fit a `u32`.
pub fn whole_frames(seconds: Decimal, fps: u32) -> Result<u32, FramesError> {
    // An exact product: a rounded one would turn 6.2666...67 s at 15 fps into 94 frames.
    let frames = match money::exact_mul(seconds, Decimal::from(fps)) {
        Some(frames) => frames,
        None => match seconds.checked_mul(Decimal::from(fps)) {
            Some(frames) => return Err(FramesError::Fractional { seconds, fps, frames }),
            None => return Err(FramesError::TooLong),
        },
    };
    if !frames.fract().is_zero() {
        return Err(FramesError::Fractional { seconds, fps, frames });
    }
    u32::try_from(frames.trunc()).map_err(|_| FramesError::TooLong)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_frames_pass_and_fractional_ones_name_their_neighbours() {
        assert_eq!(whole_frames(Decimal::new(625, 2), 16), Ok(100));
        let error = whole_frames(Decimal::new(51, 1), 16).unwrap_err();
        assert_eq!(
            error.message(Decimal::new(51, 1)),
            "5.1 s at 16 fps is 81.6 frames: a clip is a whole number of frames"
        );
        assert_eq!(
            error.help(16),
            "a clip length whose frames at 16 fps are whole: 5.0625 s (81 frames) or 5.125 s (82 frames)"
        );
        let error = whole_frames(Decimal::new(625, 2), 15).unwrap_err();
        assert_eq!(
            error.help(15),
            "a clip length whose frames at 15 fps are whole: 6.2 s (93 frames)"
        );
        assert_eq!(whole_frames(Decimal::MAX, 16), Err(FramesError::TooLong));
        assert_eq!(whole_frames(Decimal::from(u64::MAX), 1), Err(FramesError::TooLong));
    }
}
