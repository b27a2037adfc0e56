//! The bill's totals: cost per video, per second and per month, and what a sale brings in.

use std::sync::Arc;

use rust_decimal::Decimal;

use super::{Evaluation, Line};
use crate::engine::catalog::Kind;
use crate::engine::money;
use crate::engine::params::Params;
use crate::engine::scenario::Stage;
use crate::engine::warning::{Warning, WarningKind};

/// The bill's totals.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Totals {
    /// Cost of one video.
    pub per_video: Decimal,
    /// Seconds of video generated (and paid for): scenes x frames / fps.
    pub generated_seconds: Decimal,
    /// Seconds left after trimming: scenes x finished seconds per scene.
    pub finished_seconds: Decimal,
    /// Cost per generated second; `None` when nothing is generated.
    pub per_generated_second: Option<Decimal>,
    /// Cost per finished second; `None` when nothing is finished.
    pub per_finished_second: Option<Decimal>,
    /// Cost of a month's videos.
    pub per_month: Decimal,
    /// What the videos bring in, when the scenario sells them.
    pub sale: Option<Box<SaleTotals>>,
}

/// Price and margin, all exact.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SaleTotals {
    /// What a paying video sells for.
    pub price: Decimal,
    /// Credits per video and the price of one, when it is sold in credits.
    pub credits: Option<(Decimal, Decimal)>,
    /// The pack the credit price comes from.
    pub pack: Option<Arc<str>>,
    /// The share of videos that pay.
    pub paid_share: Decimal,
    /// The margin aimed for, as a share of revenue.
    pub target_margin: Option<Decimal>,
    /// Revenue per video made: price x paid share.
    pub revenue_per_video: Decimal,
    /// Revenue less cost, per video made.
    pub margin_per_video: Decimal,
    /// The margin as a share of revenue; `None` when there is no revenue.
    pub margin_share: Option<Decimal>,
    /// Revenue of a month's videos.
    pub revenue_per_month: Decimal,
    /// Revenue less cost of a month's videos.
    pub profit_per_month: Decimal,
    /// The price per paying video that meets the target margin (or breaks even without one)
    /// at this paid share; `None` when no video pays.
    pub break_even_price: Option<Decimal>,
}

/// What the sale brings in at these parameters, or `None` without a price. The outer `None`
/// is an overflow.
pub fn sale_totals(params: &Params, per_video: Decimal) -> Option<Option<SaleTotals>> {
    let sale = &params.sale;
    if !sale.is_set() {
        return Some(None);
    }
    let pack = sale.pack.as_ref().and_then(|name| params.schema.pack(name));
    // Credits x pack price / pack credits: multiply before dividing.
    let (price, credits) = match (sale.price, sale.credits, pack) {
        (Some(price), _, _) => (price, None),
        (None, Some(credits), Some(pack)) => (
            money::mul(credits, pack.price)?.checked_div(pack.credits)?,
            Some((credits, pack.credit_price()?)),
        ),
        (None, Some(credits), None) => {
            let each = sale.credit_price.unwrap_or_default();
            (money::mul(credits, each)?, Some((credits, each)))
        }
        (None, None, _) => return Some(None),
    };
    let paid = sale.paid_share;
    let revenue = money::mul(price, paid)?;
    let margin = revenue.checked_sub(per_video)?;
    let month = Decimal::from(params.videos_per_month);
    let keep = Decimal::ONE - sale.target_margin.unwrap_or_default();
    let break_even = if paid.is_zero() {
        None
    } else {
        Some(per_video.checked_div(money::mul(keep, paid)?)?)
    };
    Some(Some(SaleTotals {
        price,
        credits,
        pack: pack.map(|p| Arc::clone(&p.name)),
        paid_share: paid,
        target_margin: sale.target_margin,
        revenue_per_video: revenue,
        margin_per_video: margin,
        margin_share: if revenue.is_zero() {
            None
        } else {
            Some(margin.checked_div(revenue)?)
        },
        revenue_per_month: money::mul(revenue, month)?,
        profit_per_month: money::mul(margin, month)?,
        break_even_price: break_even,
    }))
}

impl Evaluation<'_> {
    pub(super) fn totals(&mut self, lines: &[Line], per_video: Decimal) -> Option<Totals> {
        let p = self.params;
        let scenes = Decimal::from(p.scenes);
        let makes_clips = lines
            .iter()
            .any(|l| l.stage == Stage::Scene && l.model.kind == Kind::Video);
        let (generated, finished) = match (makes_clips, self.seconds) {
            (true, Some(clip)) => {
                let mut finished = p.finished_seconds_per_scene.unwrap_or(clip);
                if finished > clip {
                    self.warnings.push(Warning {
                        origin: self.scenario.param_origins.get("finished_seconds_per_scene").cloned(),
                        file: Arc::clone(&self.scenario.file),
                        kind: WarningKind::TrimLongerThanClip { finished, clip },
                    });
                    finished = clip;
                }
                (money::mul(scenes, clip)?, money::mul(scenes, finished)?)
            }
            _ => (Decimal::ZERO, Decimal::ZERO),
        };
        let sale = sale_totals(p, per_video)?;
        if let Some(s) = &sale
            && let (Some(share), Some(target)) = (s.margin_share, s.target_margin)
            && share < target
        {
            self.warnings.push(Warning {
                origin: self.scenario.sale.as_ref().map(|s| s.origin.clone()),
                file: Arc::clone(&self.scenario.file),
                kind: WarningKind::MarginBelowTarget {
                    share,
                    target,
                    price: s.price,
                    credits: s.credits,
                },
            });
        }
        let per = |seconds: Decimal| {
            if seconds.is_zero() {
                Some(None)
            } else {
                per_video.checked_div(seconds).map(Some)
            }
        };
        Some(Totals {
            per_video,
            generated_seconds: generated,
            finished_seconds: finished,
            per_generated_second: per(generated)?,
            per_finished_second: per(finished)?,
            per_month: money::mul(per_video, Decimal::from(p.videos_per_month))?,
            sale: sale.map(Box::new),
        })
    }
}
