//! The bill's totals: cost per video, per second and per month, and what a sale brings in.

use std::sync::Arc;

use rust_decimal::Decimal;

use super::{Evaluation, Line};
use crate::engine::catalog::Kind;
use crate::engine::money;
use crate::engine::params::Params;
use crate::engine::ratio::Ratio;
use crate::engine::scenario::Stage;
use crate::engine::source::Diagnostic;
use crate::engine::warning::{Warning, WarningKind};

/// The bill's totals.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Totals {
    /// Cost of one video: `cost` divided out once.
    pub per_video: Decimal,
    /// Cost of one video as an exact fraction, the sum of the lines' own.
    pub cost: Ratio,
    /// Seconds of video generated (and paid for): scenes x frames / fps.
    pub generated_seconds: Decimal,
    /// Seconds left after trimming: scenes x finished seconds per scene.
    pub finished_seconds: Decimal,
    /// Cost per generated second; `None` when nothing is generated.
    pub per_generated_second: Option<Decimal>,
    /// Cost per finished second; `None` when nothing is finished.
    pub per_finished_second: Option<Decimal>,
    /// Cost of a month's videos: the sum of the lines' `per_month`, exactly when each is exact.
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

/// A figure of the sale that cannot be computed exactly.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SaleFigure {
    /// The price per video, from credits and a pack or a credit price.
    Price,
    /// Revenue per video made: price x paid share.
    Revenue,
    /// Revenue less cost, per video.
    Margin,
    /// The margin as a share of revenue.
    MarginShare,
    /// Revenue of a month's videos.
    RevenuePerMonth,
    /// Revenue less cost of a month's videos.
    ProfitPerMonth,
    /// The price per paying video that meets the target margin.
    BreakEvenPrice,
}

impl SaleFigure {
    /// The figure's name, for the error that reports it.
    pub fn name(self) -> &'static str {
        match self {
            Self::Price => "the price per video",
            Self::Revenue => "the revenue per video (price x paid_share)",
            Self::Margin => "the margin per video",
            Self::MarginShare => "the margin as a share of revenue",
            Self::RevenuePerMonth => "the revenue per month",
            Self::ProfitPerMonth => "the profit per month",
            Self::BreakEvenPrice => "the break-even price",
        }
    }

    /// The sale values that make the figure, most to blame first: where its error points.
    pub fn written_at(self) -> &'static [&'static str] {
        match self {
            Self::BreakEvenPrice => &["paid_share", "target_margin", "price", "credits"],
            Self::Price => &["credits", "pack", "credit_price", "price"],
            _ => &["price", "credits", "pack", "credit_price", "paid_share"],
        }
    }
}

/// What the sale brings in at these parameters, given the exact cost per video; `Ok(None)`
/// without a price, the figure that overflowed otherwise.
pub fn sale_totals(params: &Params, cost: Ratio) -> Result<Option<SaleTotals>, SaleFigure> {
    use SaleFigure as F;
    let sale = &params.sale;
    if !sale.is_set() {
        return Ok(None);
    }
    let pack = sale.pack.as_ref().and_then(|name| params.schema.pack(name));
    // Credits x pack price / pack credits: multiply first, and keep the division as a fraction
    // (a $10 pack of 3 credits), divided out once per figure shown.
    let (price, credits) = match (sale.price, sale.credits, pack) {
        (Some(price), _, _) => (Ratio::whole(price), None),
        (None, Some(credits), Some(pack)) => (
            money::mul(credits, pack.price)
                .and_then(|total| Ratio::new(total, pack.credits))
                .ok_or(F::Price)?,
            Some((credits, pack.credit_price().ok_or(F::Price)?)),
        ),
        (None, Some(credits), None) => {
            let each = sale.credit_price.unwrap_or_default();
            (
                Ratio::whole(money::mul(credits, each).ok_or(F::Price)?),
                Some((credits, each)),
            )
        }
        (None, None, _) => return Ok(None),
    };
    let paid = sale.paid_share;
    let month = Decimal::from(params.videos_per_month);
    let revenue = price.mul_decimal(paid).ok_or(F::Revenue)?;
    let margin = revenue.checked_sub(cost).ok_or(F::Margin)?;
    let keep = money::sub(Decimal::ONE, sale.target_margin.unwrap_or_default()).ok_or(F::BreakEvenPrice)?;
    let break_even = match paid.is_zero() {
        true => None,
        false => Some(
            money::mul(keep, paid)
                .and_then(|over| cost.div_decimal(over))
                .ok_or(F::BreakEvenPrice)?
                .value(),
        ),
    };
    let margin_share = match revenue.is_zero() {
        true => None,
        false => Some(margin.checked_div(revenue).ok_or(F::MarginShare)?.value()),
    };
    Ok(Some(SaleTotals {
        price: price.value(),
        credits,
        pack: pack.map(|p| Arc::clone(&p.name)),
        paid_share: paid,
        target_margin: sale.target_margin,
        revenue_per_video: revenue.value(),
        margin_per_video: margin.value(),
        margin_share,
        revenue_per_month: revenue.mul_decimal(month).ok_or(F::RevenuePerMonth)?.value(),
        profit_per_month: margin.mul_decimal(month).ok_or(F::ProfitPerMonth)?.value(),
        break_even_price: break_even,
    }))
}

impl Evaluation<'_> {
    /// The totals of lines whose exact costs per video are `costs` (by step index, in order).
    pub(super) fn totals(&mut self, lines: &[Line], costs: &[(usize, Ratio)]) -> Result<Totals, Diagnostic> {
        let cost = costs.iter().try_fold(Ratio::ZERO, |sum, (_, c)| sum.checked_add(*c));
        let cost = cost.ok_or_else(|| self.total_overflow(costs, "the cost per video", Some))?;
        let (generated, finished) = self.seconds_made(lines)?;
        let sale = sale_totals(self.params, cost).map_err(|figure| self.sale_overflow(figure))?;
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
        let per = |seconds: Ratio, what: &str| match seconds.is_zero() {
            true => Ok(None),
            false => match cost.checked_div(seconds) {
                Some(each) => Ok(Some(each.value())),
                None => Err(self.total_overflow(costs, what, |c| c.checked_div(seconds))),
            },
        };
        let month = self.videos_per_month();
        let per_month = cost
            .mul_decimal(month)
            .ok_or_else(|| self.total_overflow(costs, "the cost per month", |c| c.mul_decimal(month)))?;
        Ok(Totals {
            per_video: cost.value(),
            cost,
            generated_seconds: generated.value(),
            finished_seconds: finished.value(),
            per_generated_second: per(generated, "the cost per generated second")?,
            per_finished_second: per(finished, "the cost per finished second")?,
            per_month: per_month.value(),
            sale: sale.map(Box::new),
        })
    }

    /// Seconds of video generated and left after trimming, when a scene step makes clips.
    fn seconds_made(&mut self, lines: &[Line]) -> Result<(Ratio, Ratio), Diagnostic> {
        let p = self.params;
        let makes_clips = lines
            .iter()
            .any(|l| l.stage == Stage::Scene && l.model.kind == Kind::Video);
        // frames / fps as a fraction: 250 frames at 24 fps is 125/12 s, which no decimal writes,
        // and a cost per second divided by a rounded length would not multiply back.
        let exact_clip = Ratio::new(Decimal::from(p.frames), Decimal::from(p.fps));
        let (true, Some(clip), Some(exact_clip)) = (makes_clips, self.seconds, exact_clip) else {
            return Ok((Ratio::ZERO, Ratio::ZERO));
        };
        let mut finished = p.finished_seconds_per_scene.map_or(exact_clip, Ratio::whole);
        if finished.value() > clip {
            self.warnings.push(Warning {
                origin: self.scenario.param_origins.get("finished_seconds_per_scene").cloned(),
                file: Arc::clone(&self.scenario.file),
                kind: WarningKind::TrimLongerThanClip {
                    finished: finished.value(),
                    clip,
                },
            });
            finished = exact_clip;
        }
        let scenes = Decimal::from(p.scenes);
        let generated = exact_clip.mul_decimal(scenes).ok_or_else(|| {
            self.parameter_overflow(&["frames", "seconds", "scenes"], "the seconds generated per video")
        })?;
        let finished = finished.mul_decimal(scenes).ok_or_else(|| {
            self.parameter_overflow(
                &["finished_seconds_per_scene", "scenes"],
                "the seconds finished per video",
            )
        })?;
        Ok((generated, finished))
    }
}
