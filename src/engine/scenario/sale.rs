//! Reading `[sale]`: a price per video, or credits at a credit price or from a named pack; the
//! margin aimed for; the share of videos that pay. Every value becomes a parameter.

use std::collections::BTreeMap;
use std::sync::Arc;

use rust_decimal::Decimal;
use serde::Deserialize;
use toml::Spanned;

use crate::engine::number::{self, RawNumber};
use crate::engine::params::schema::Pack;
use crate::engine::params::{SaleParams, parse_share};
use crate::engine::source::{Diagnostic, Origin, SourceFile};
use crate::engine::suggest;

/// `[sale]` as written.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawSale {
    price: Option<RawNumber>,
    credits: Option<RawNumber>,
    credit_price: Option<RawNumber>,
    pack: Option<Spanned<String>>,
    target_margin: Option<RawNumber>,
    paid_share: Option<RawNumber>,
    #[serde(default)]
    packs: Vec<Spanned<RawPack>>,
}

/// `[[sale.packs]]` as written.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPack {
    name: Spanned<String>,
    credits: RawNumber,
    price: RawNumber,
}

/// Where a scenario's sale is written.
#[derive(Debug, Clone)]
pub struct Sale {
    /// The `[sale]` table.
    pub origin: Origin,
    /// Where each of its values is written, by parameter name.
    pub origins: BTreeMap<&'static str, Origin>,
}

/// A share written as `0.5` or `"50%"`, in [0, 1) or [0, 1].
fn share(file: &Arc<SourceFile>, raw: &RawNumber, what: &str, below_one: bool) -> Result<Decimal, Diagnostic> {
    let origin = Origin::new(file, raw.span());
    let value = match raw.get_ref() {
        toml::Value::String(text) if text.trim().ends_with('%') => {
            parse_share(text).map_err(|why| origin.error(format!("{what} {why}")))?
        }
        _ => number::non_negative(file, raw, what)?.value,
    };
    let over = if below_one {
        value >= Decimal::ONE
    } else {
        value > Decimal::ONE
    };
    if value < Decimal::ZERO || over {
        let range = if below_one { "below 1" } else { "at most 1" };
        return Err(origin
            .error(format!("{what} {} is not {range}", value.normalize()))
            .with_help(format!("{what} is a share, e.g. 0.5 or \"50%\"")));
    }
    Ok(value)
}

/// Reads `[sale]` into its parameters, its packs and where each is written.
pub(super) fn read(
    file: &Arc<SourceFile>,
    raw: &Spanned<RawSale>,
) -> Result<(Sale, SaleParams, Vec<Pack>), Diagnostic> {
    let origin = Origin::new(file, raw.span());
    let s = raw.get_ref();
    let mut origins = BTreeMap::new();
    let mut at = |name: &'static str, span: std::ops::Range<usize>| {
        origins.insert(name, Origin::new(file, span));
    };
    let packs = read_packs(file, &s.packs)?;
    let mut sale = SaleParams::default();
    let amount = |raw: &RawNumber, what| number::non_negative(file, raw, what).map(|l| Some(l.value));
    match (&s.price, &s.credits) {
        (Some(price), None) => {
            sale.price = amount(price, "price")?;
            at("price", price.span());
        }
        (None, Some(credits)) => {
            sale.credits = amount(credits, "credits")?;
            at("credits", credits.span());
        }
        _ => {
            return Err(origin
                .error("a sale needs a price per video, or credits with a credit price or a pack")
                .with_help(
                    "give `price` (per video), or `credits` and `credit_price` (or `pack`, one of [[sale.packs]])",
                ));
        }
    }
    if let Some(raw) = &s.credit_price {
        sale.credit_price = amount(raw, "credit_price")?;
        at("credit_price", raw.span());
    }
    if let Some(pack) = &s.pack {
        let name = pack.get_ref().trim();
        let pack_origin = Origin::new(file, pack.span());
        if !packs.iter().any(|p| &*p.name == name) {
            let names: Vec<&str> = packs.iter().map(|p| &*p.name).collect();
            let error = pack_origin.error(format!("there is no pack named `{name}`"));
            return Err(match suggest::closest(name, names.iter().copied()) {
                Some(best) => error.with_help(format!("did you mean `{best}`? packs: {}", names.join(", "))),
                None if names.is_empty() => {
                    error.with_help("declare it: [[sale.packs]] name = \"...\", credits = ..., price = ...")
                }
                None => error.with_help(format!("packs: {}", names.join(", "))),
            });
        }
        if s.credit_price.is_some() {
            return Err(pack_origin
                .error("a sale gives a credit_price or a pack, not both")
                .with_help("the pack's price per credit applies; remove credit_price"));
        }
        sale.pack = Some(name.into());
        at("pack", pack.span());
    }
    if sale.credits.is_some() && sale.credit_price.is_none() && sale.pack.is_none() {
        return Err(origin
            .error("a sale needs a price per video, or credits with a credit price or a pack")
            .with_help(
                "give `price` (per video), or `credits` and `credit_price` (or `pack`, one of [[sale.packs]])",
            ));
    }
    if let Some(raw) = &s.target_margin {
        sale.target_margin = Some(share(file, raw, "target_margin", true)?);
        at("target_margin", raw.span());
    }
    if let Some(raw) = &s.paid_share {
        sale.paid_share = share(file, raw, "paid_share", false)?;
        at("paid_share", raw.span());
    }
    Ok((Sale { origin, origins }, sale, packs))
}

fn read_packs(file: &Arc<SourceFile>, raw: &[Spanned<RawPack>]) -> Result<Vec<Pack>, Diagnostic> {
    let mut packs: Vec<Pack> = Vec::new();
    for pack in raw {
        let p = pack.get_ref();
        let name = p.name.get_ref().trim();
        let at = Origin::new(file, p.name.span());
        if name.is_empty() {
            return Err(at.error("a pack's name is empty"));
        }
        if packs.iter().any(|other| &*other.name == name) {
            return Err(at
                .error(format!("a second pack named `{name}`"))
                .with_help("give each pack its own name"));
        }
        packs.push(Pack {
            name: name.into(),
            credits: number::positive(file, &p.credits, "a pack's credits")?.value,
            price: number::non_negative(file, &p.price, "a pack's price")?.value,
        });
    }
    Ok(packs)
}
