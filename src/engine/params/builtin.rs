//! Reading the built-in and sale parameters from text, each with the rule for what it may be.

use rust_decimal::Decimal;

use super::{MODEL_SUFFIX, NAMES, ParamError, Params, SALE_NAMES, error};
use crate::engine::frames::whole_frames;
use crate::engine::number::parse_decimal;
use crate::engine::suggest;

fn number(name: &str, text: &str, help: &str) -> Result<Decimal, ParamError> {
    parse_decimal(text).map_err(|_| error(name, format!("`{}` is not a number", text.trim()), help))
}

fn whole(name: &str, text: &str, min: u64, max: u64) -> Result<u64, ParamError> {
    let help = format!("a whole number from {min} to {max}");
    let value = number(name, text, &help)?;
    if !value.fract().is_zero() || value < Decimal::from(min) || value > Decimal::from(max) {
        return Err(error(name, format!("{} is out of range", value.normalize()), help));
    }
    u64::try_from(value.trunc()).map_err(|_| error(name, "is out of range", help))
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

/// A share from text: `0.1` and `10%` both mean ten per cent. The rule every input of a share
/// follows, the file's, `--set`'s and the dashboard's alike.
pub fn parse_share(text: &str) -> Result<Decimal, String> {
    let trimmed = text.trim();
    let (digits, scale) = match trimmed.strip_suffix('%') {
        Some(pct) => (pct, Decimal::ONE_HUNDRED),
        None => (trimmed, Decimal::ONE),
    };
    let value = parse_decimal(digits).map_err(|_| format!("`{trimmed}` is not a number"))?;
    // 0.00000000000000000000000001% would be rounded at the 28th place: refused instead.
    crate::engine::money::div(value, scale)
        .ok_or_else(|| format!("`{trimmed}` has more decimal places than a share can hold (28)"))
}

/// A share in [0, 1) (`below_one`) or [0, 1].
fn share(name: &str, text: &str, below_one: bool) -> Result<Decimal, ParamError> {
    let help = if below_one {
        "a share from 0 up to but not including 1, e.g. 0.1 or 10%"
    } else {
        "a share from 0 to 1, e.g. 0.1 or 10%"
    };
    let value = parse_share(text).map_err(|why| error(name, why, help))?;
    let too_big = if below_one {
        value >= Decimal::ONE
    } else {
        value > Decimal::ONE
    };
    if value < Decimal::ZERO || too_big {
        let range = if below_one { "[0, 1)" } else { "[0, 1]" };
        return Err(error(name, format!("{} is not in {range}", value.normalize()), help));
    }
    Ok(value)
}

fn money(name: &str, text: &str) -> Result<Decimal, ParamError> {
    let help = "an amount of zero or more, e.g. 0.75";
    let value = number(name, text, help)?;
    if value < Decimal::ZERO {
        return Err(error(name, format!("{} is negative", value.normalize()), help));
    }
    Ok(value)
}

impl Params {
    pub(crate) fn set_builtin(&mut self, name: &str, text: &str) -> Result<(), ParamError> {
        match name {
            "scenes" => self.scenes = small(name, text, 1)?,
            "frames" => self.frames = small(name, text, 1)?,
            "fps" => self.fps = small(name, text, 1)?,
            "seconds" => self.set_seconds(text)?,
            "resolution" => {
                let value = text.trim();
                if value.is_empty() {
                    return Err(error(name, "is empty", "a resolution such as 720p"));
                }
                self.resolution = Some(value.into());
            }
            "audio" => self.audio = boolean(name, text)?,
            "characters" => self.characters = small(name, text, 0)?,
            "videos_per_character" => self.videos_per_character = small(name, text, 1)?,
            "reroll_rate" => {
                let rate = share(name, text, true).map_err(|mut e| {
                    if e.message.contains("not in") {
                        e.message.push_str(": every attempt would fail");
                    }
                    e
                })?;
                self.reroll_rate = rate;
            }
            "videos_per_month" => self.videos_per_month = whole(name, text, 1, 1_000_000_000_000)?,
            "finished_seconds_per_scene" => {
                let seconds = number(name, text, "seconds, e.g. 4.0")?;
                if seconds <= Decimal::ZERO {
                    return Err(error(name, "must be above zero", "seconds, e.g. 4.0"));
                }
                self.finished_seconds_per_scene = Some(seconds);
            }
            "video_model" => {
                let value = text.trim();
                self.video_model = (!value.is_empty()).then(|| value.into());
            }
            _ => return Err(self.unknown(name)),
        }
        Ok(())
    }

    fn set_seconds(&mut self, text: &str) -> Result<(), ParamError> {
        let name = "seconds";
        let help = format!(
            "a clip length whose frames at {} fps are whole, e.g. 5 or 6.25",
            self.fps
        );
        let seconds = number(name, text, &help)?;
        if seconds <= Decimal::ZERO {
            return Err(error(
                name,
                format!("{} s is refused: a clip must be longer than 0 s", seconds.normalize()),
                help,
            ));
        }
        // One rule for every clip length: frames are whole (`engine::frames`).
        let frames = whole_frames(seconds, self.fps).map_err(|e| error(name, e.message(seconds), e.help(self.fps)))?;
        self.frames = small(name, &frames.to_string(), 1)?;
        Ok(())
    }

    /// Sets a sale parameter. A price per video and credits exclude each other, as do a credit
    /// price and a pack: setting one clears the other.
    pub(super) fn set_sale(&mut self, name: &str, text: &str) -> Result<(), ParamError> {
        let empty = text.trim().is_empty();
        let sale = &mut self.sale;
        match name {
            "price" => {
                sale.price = Some(money(name, text)?);
                sale.credits = None;
            }
            "credits" => {
                let credits = money(name, text)?;
                if sale.credit_price.is_none() && sale.pack.is_none() {
                    return Err(error(
                        name,
                        "need a price per credit: the sale has none",
                        "set credit_price or pack first",
                    ));
                }
                sale.credits = Some(credits);
                sale.price = None;
            }
            "credit_price" => {
                sale.credit_price = Some(money(name, text)?);
                sale.pack = None;
            }
            "pack" if empty => {
                if sale.credits.is_some() && sale.credit_price.is_none() {
                    return Err(error(
                        name,
                        "cannot be cleared: the credits need it",
                        "name a pack, or set credit_price",
                    ));
                }
                sale.pack = None;
            }
            "pack" => {
                let wanted = text.trim();
                let names: Vec<&str> = self.schema.packs.iter().map(|p| &*p.name).collect();
                if !names.contains(&wanted) {
                    let help = match suggest::closest(wanted, names.iter().copied()) {
                        Some(best) => format!("did you mean `{best}`? packs: {}", names.join(", ")),
                        None if names.is_empty() => "the scenario declares no [[sale.pack]]".to_owned(),
                        None => format!("packs: {}", names.join(", ")),
                    };
                    return Err(error(name, format!("`{wanted}` is not one of the packs on sale"), help));
                }
                sale.pack = Some(wanted.into());
                sale.credit_price = None;
            }
            "target_margin" if empty => sale.target_margin = None,
            "target_margin" => sale.target_margin = Some(share(name, text, true)?),
            "paid_share" => sale.paid_share = share(name, text, false)?,
            _ => return Err(self.unknown(name)),
        }
        Ok(())
    }

    fn unknown(&self, name: &str) -> ParamError {
        let all: Vec<String> = self.names().filter(|n| !n.ends_with(MODEL_SUFFIX)).collect();
        let near = suggest::closest(name, all.iter().map(String::as_str).chain(SALE_NAMES));
        let list = NAMES
            .iter()
            .map(|n| (*n).to_owned())
            .chain(self.schema.custom.iter().map(|c| c.name.to_string()));
        let list: Vec<String> = list.collect();
        let help = match near {
            Some(best) => format!("did you mean `{best}`? parameters: {}", list.join(", ")),
            None => format!("parameters: {}", list.join(", ")),
        };
        error(name, "is not a parameter", help)
    }
}
