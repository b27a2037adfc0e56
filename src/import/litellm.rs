//! What one litellm entry becomes: a model with the kind and unit its fields imply, or the
//! reason it cannot be priced. A price reelcost cannot express is left out and said so, never
//! written as zero.
//!
//! Which field prices what follows litellm's own cost functions:
//! - video: `output_cost_per_video_per_second` at every resolution when present; else the
//!   `output_cost_per_second_<resolution>` rate for that resolution, falling back to
//!   `output_cost_per_second`. Billed as rate x seconds.
//! - images: a price per image (`output_cost_per_image`, with `_<size>` variants, else
//!   `input_cost_per_image`, which litellm bills per generated image), else a price per pixel of
//!   the image made (`output_cost_per_pixel`, else `input_cost_per_pixel`, litellm's per-pixel
//!   field for generation), as a price per megapixel; else per-token prices.
//! - speech: `input_cost_per_character`, else `output_cost_per_second`, else per-token prices.

use rust_decimal::Decimal;

use super::json::{self, Fields};
use super::{LeftOut, Model, Price, Reason};
use crate::engine::{Kind, Unit};

/// litellm's per-resolution suffixes of `output_cost_per_second_`, in the order written out.
const RESOLUTIONS: [&str; 6] = ["480p", "720p", "768p", "1080p", "2k", "4k"];

/// The modes imported and the kind each becomes.
pub fn kind_for(mode: &str) -> Option<Kind> {
    match mode {
        "video_generation" => Some(Kind::Video),
        "image_generation" | "image_edit" => Some(Kind::Image),
        "audio_speech" => Some(Kind::Audio),
        _ => None,
    }
}

/// The price fields of an entry, read exactly; a field that is not a number is an error.
struct Prices<'f> {
    fields: &'f Fields<'f>,
    used: Vec<&'static str>,
}

impl Prices<'_> {
    /// A non-zero price in `field`, marking it used. Zero is litellm's way of not knowing.
    fn take(&mut self, field: &'static str) -> Result<Option<Decimal>, Reason> {
        let Some(raw) = self.fields.get(field) else {
            return Ok(None);
        };
        let value = json::decimal(raw).map_err(|_| Reason::NotANumber)?;
        if value.is_zero() {
            return Ok(None);
        }
        self.used.push(field);
        Ok(Some(value))
    }
}

/// Converts one entry of a media mode; `Err` says why it cannot be imported.
pub fn convert(id: &str, kind: Kind, fields: &Fields<'_>) -> Result<Model, Reason> {
    let mut prices = Prices {
        fields,
        used: Vec::new(),
    };
    let (unit, price) = match kind {
        Kind::Video => video(&mut prices)?,
        Kind::Image => image(&mut prices)?,
        _ => speech(&mut prices)?,
    };
    let left_out = left_out(fields, &prices.used);
    Ok(Model {
        id: id.to_owned(),
        provider: fields
            .get("litellm_provider")
            .and_then(|p| json::string(p))
            .unwrap_or_default(),
        kind,
        unit,
        price,
        source: fields.get("source").and_then(|s| json::string(s)),
        note: fields.get("metadata").and_then(|m| json::comment(m)),
        inputs: fields
            .get("supported_modalities")
            .map(|m| json::strings(m))
            .unwrap_or_default(),
        left_out,
    })
}

fn video(prices: &mut Prices<'_>) -> Result<(Unit, Price), Reason> {
    if let Some(rate) = prices.take("output_cost_per_video_per_second")? {
        return Ok((Unit::Second, Price::One(rate)));
    }
    let mut rates = Vec::new();
    for resolution in RESOLUTIONS {
        let field = match resolution {
            "480p" => "output_cost_per_second_480p",
            "720p" => "output_cost_per_second_720p",
            "768p" => "output_cost_per_second_768p",
            "1080p" => "output_cost_per_second_1080p",
            "2k" => "output_cost_per_second_2k",
            _ => "output_cost_per_second_4k",
        };
        if let Some(rate) = prices.take(field)? {
            rates.push((resolution.to_owned(), rate));
        }
    }
    let default = prices.take("output_cost_per_second")?;
    priced(Unit::Second, rates, default)
}

fn image(prices: &mut Prices<'_>) -> Result<(Unit, Price), Reason> {
    // Size variants are few and named freely (`_1K`, `_0.5K`, `_1024`); they key the rates.
    let mut rates = Vec::new();
    let sizes: Vec<&String> = prices
        .fields
        .keys()
        .filter(|k| k.starts_with("output_cost_per_image_") && !k.starts_with("output_cost_per_image_token"))
        .collect();
    for field in sizes {
        let Some(raw) = prices.fields.get(field.as_str()) else {
            continue;
        };
        let value = json::decimal(raw).map_err(|_| Reason::NotANumber)?;
        if !value.is_zero() {
            rates.push((field.trim_start_matches("output_cost_per_image_").to_owned(), value));
        }
    }
    let default = prices.take("output_cost_per_image")?;
    if default.is_some() || !rates.is_empty() {
        prices.used.push("output_cost_per_image_*");
        return priced(Unit::Image, rates, default);
    }
    if let Some(each) = prices.take("input_cost_per_image")? {
        return Ok((Unit::Image, Price::One(each)));
    }
    for field in ["output_cost_per_pixel", "input_cost_per_pixel"] {
        if let Some(per_pixel) = prices.take(field)? {
            let per_megapixel = per_pixel
                .checked_mul(Decimal::from(1_000_000u32))
                .ok_or(Reason::NotANumber)?;
            return Ok((Unit::Megapixel, Price::One(per_megapixel)));
        }
    }
    tokens(prices, "output_cost_per_image_token")
}

fn speech(prices: &mut Prices<'_>) -> Result<(Unit, Price), Reason> {
    if let Some(rate) = prices.take("input_cost_per_character")? {
        return Ok((Unit::Character, Price::One(rate)));
    }
    if let Some(rate) = prices.take("output_cost_per_second")? {
        return Ok((Unit::Second, Price::One(rate)));
    }
    tokens(prices, "output_cost_per_audio_token")
}

/// Per-token prices, per million: input, and the media output's own token price if given.
fn tokens(prices: &mut Prices<'_>, media_output: &'static str) -> Result<(Unit, Price), Reason> {
    let input = prices.take("input_cost_per_token")?;
    let output = match prices.take(media_output)? {
        Some(o) => Some(o),
        None => prices.take("output_cost_per_token")?,
    };
    let million = Decimal::from(1_000_000u32);
    match (input, output) {
        (Some(i), Some(o)) => Ok((
            Unit::Token,
            Price::Tokens {
                input: i.checked_mul(million).ok_or(Reason::NotANumber)?,
                output: o.checked_mul(million).ok_or(Reason::NotANumber)?,
            },
        )),
        (None, None) => Err(no_price(prices.fields)),
        _ => Err(Reason::OneSidedTokens),
    }
}

fn priced(unit: Unit, rates: Vec<(String, Decimal)>, default: Option<Decimal>) -> Result<(Unit, Price), Reason> {
    match (rates.is_empty(), default) {
        (true, Some(one)) => Ok((unit, Price::One(one))),
        (false, _) => Ok((unit, Price::Rates { rates, default })),
        (true, None) => Err(Reason::NoPrice),
    }
}

/// An entry with no usable price: every price zero, or prices of a kind reelcost has no unit for.
fn no_price(fields: &Fields<'_>) -> Reason {
    let has_cost = fields.keys().any(|k| is_price(k));
    let all_zero = fields
        .iter()
        .filter(|(k, _)| is_price(k))
        .all(|(_, v)| json::decimal(v).is_ok_and(|d| d.is_zero()));
    if has_cost && all_zero {
        Reason::AllZero
    } else {
        Reason::NoPrice
    }
}

fn is_price(field: &str) -> bool {
    field.contains("cost") && !field.ends_with("_billing_unit")
}

/// The price fields that were not used, each with the reason.
fn left_out(fields: &Fields<'_>, used: &[&str]) -> Vec<LeftOut> {
    let sizes_used = used.contains(&"output_cost_per_image_*");
    fields
        .iter()
        .filter(|(field, _)| is_price(field) && !used.contains(&field.as_str()))
        .filter(|(field, _)| !(sizes_used && field.starts_with("output_cost_per_image_") && !field.contains("token")))
        .map(|(field, raw)| LeftOut {
            field: field.clone(),
            value: raw.get().to_owned(),
            reason: field_reason(field, raw, used),
        })
        .collect()
}

fn field_reason(field: &str, raw: &serde_json::value::RawValue, used: &[&str]) -> Reason {
    if json::decimal(raw).is_ok_and(|d| d.is_zero()) {
        Reason::Zero
    } else if field.starts_with("cache") {
        Reason::Cache
    } else if ["_batches", "_flex", "_priority", "_above_200k_tokens"]
        .iter()
        .any(|tier| field.ends_with(tier) || field.contains("_above_"))
    {
        Reason::Tier
    } else if field == "input_cost_per_image" || field == "input_cost_per_image_token" {
        Reason::InputImage
    } else if field.contains("token") && !used.iter().any(|u| u.contains("token")) {
        Reason::TokensBeside
    } else if !used.is_empty() && (field.starts_with("output_cost") || field.contains("per_pixel")) {
        Reason::Alternative
    } else {
        Reason::OtherCost
    }
}
