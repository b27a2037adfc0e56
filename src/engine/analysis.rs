//! What-if questions asked of the engine: how cost moves with videos per character, which video
//! models could take the clip step, and which thresholds a scenario sits just past. Every answer
//! is a re-evaluation of the same cost model at other parameters.
#![warn(clippy::arithmetic_side_effects)]

use std::ops::RangeInclusive;
use std::sync::Arc;

use rust_decimal::Decimal;

use super::bill::{Bill, evaluate, reprice, reprice_swapped};
use super::catalog::{Catalogs, Kind, Model};
use super::params::Params;
use super::scenario::{Scenario, Stage, Step};

/// One point of the amortisation sweep.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AmortisationPoint {
    /// Videos made per character.
    pub videos_per_character: u32,
    /// Cost per video there.
    pub per_video: Decimal,
    /// Cost per finished second there, when the scenario finishes any seconds.
    pub per_finished_second: Option<Decimal>,
}

/// Cost against videos per character, every other parameter held. Only the character steps
/// depend on it, so the bill is evaluated once and those lines are priced again at each point.
pub fn amortisation(
    scenario: &Scenario,
    catalogs: &Catalogs,
    params: &Params,
    range: RangeInclusive<u32>,
) -> Vec<AmortisationPoint> {
    let Ok(bill) = evaluate(scenario, catalogs, params) else {
        return Vec::new();
    };
    let characters = steps_where(scenario, |s| s.stage == Stage::Character);
    let mut at = params.clone();
    range
        .filter_map(|videos| {
            at.videos_per_character = videos.max(1);
            let totals = reprice(scenario, catalogs, &at, &bill, &characters).ok()?;
            Some(AmortisationPoint {
                videos_per_character: at.videos_per_character,
                per_video: totals.per_video,
                per_finished_second: totals.per_finished_second,
            })
        })
        .collect()
}

/// The indices of the scenario's steps that `keep` accepts.
fn steps_where(scenario: &Scenario, keep: impl Fn(&Step) -> bool) -> Vec<usize> {
    scenario
        .steps
        .iter()
        .enumerate()
        .filter(|(_, s)| keep(s))
        .map(|(i, _)| i)
        .collect()
}

/// A video model that could make the scenario's clips, and what a video would cost with it.
///
/// Only the cost per video is kept: a catalog can offer hundreds of thousands of video models,
/// and their whole totals (with a sale, its margin and break-even) were 43 MB of a 63 MB
/// catalog's list.
#[derive(Debug, Clone)]
pub struct Alternative {
    /// The model.
    pub model: Arc<Model>,
    /// Cost of one video with it in place.
    pub per_video: Decimal,
}

/// The scenario's clip model: the first video model among its scene steps.
pub fn clip_model<'c>(scenario: &Scenario, catalogs: &'c Catalogs, params: &Params) -> Option<&'c Arc<Model>> {
    if let Some(id) = &params.video_model {
        return catalogs.model(id);
    }
    scenario
        .steps
        .iter()
        .filter(|s| s.stage == Stage::Scene)
        .filter_map(|s| catalogs.model(&s.model))
        .find(|m| m.kind == Kind::Video)
}

/// Every catalog video model that can make the scenario's clips at these parameters (its
/// resolution, audio and length), cheapest first. A swap changes only the scene steps made by a
/// video model, so the bill is evaluated once and, for each model, only those lines again.
pub fn video_alternatives(scenario: &Scenario, catalogs: &Catalogs, params: &Params) -> Vec<Alternative> {
    match evaluate(scenario, catalogs, params) {
        Ok(bill) => video_alternatives_at(scenario, catalogs, params, &bill),
        Err(_) => Vec::new(),
    }
}

/// [`video_alternatives`] given the bill at `params`, which the caller has already made.
pub fn video_alternatives_at(
    scenario: &Scenario,
    catalogs: &Catalogs,
    params: &Params,
    bill: &Bill,
) -> Vec<Alternative> {
    video_alternatives_while(scenario, catalogs, params, bill, &|| true).unwrap_or_default()
}

/// How many models are priced between two asks of `going` in [`video_alternatives_while`].
const BETWEEN_ASKS: usize = 256;

/// [`video_alternatives_at`], given up (`None`) as soon as `going` says the list is no longer
/// wanted: a list ranked off the UI thread stops when the parameters have moved on.
pub fn video_alternatives_while(
    scenario: &Scenario,
    catalogs: &Catalogs,
    params: &Params,
    bill: &Bill,
    going: &dyn Fn() -> bool,
) -> Option<Vec<Alternative>> {
    if clip_model(scenario, catalogs, params).is_none() {
        return Some(Vec::new());
    }
    let clips = clip_steps(scenario, catalogs);
    let mut at = params.clone();
    // Sized once: grown by doubling, a list of a hundred thousand held its old and new copies.
    let videos = catalogs.models().filter(|m| m.kind == Kind::Video).count();
    let mut found: Vec<Alternative> = Vec::with_capacity(videos);
    for (n, model) in catalogs.models().filter(|m| m.kind == Kind::Video).enumerate() {
        if n % BETWEEN_ASKS == 0 && !going() {
            return None;
        }
        at.video_model = Some(Arc::clone(&model.id));
        if let Ok(totals) = reprice_swapped(scenario, catalogs, &at, bill, &clips) {
            found.push(Alternative {
                model: Arc::clone(model),
                per_video: totals.per_video,
            });
        }
    }
    // Sorted through indices: an alternative is a few hundred bytes, and a catalog can offer a
    // hundred thousand of them. Ids are unique, so an unstable sort gives the one order.
    let mut order: Vec<usize> = (0..found.len()).collect();
    order.sort_unstable_by(|&a, &b| {
        let (a, b) = (&found[a], &found[b]);
        a.per_video.cmp(&b.per_video).then_with(|| a.model.id.cmp(&b.model.id))
    });
    arrange(&mut found, order);
    Some(found)
}

/// Puts `items` in `order` (`order[k]` is the index of the item that goes at `k`) by swaps along
/// each cycle, with no second list of them: a list of a hundred thousand is tens of megabytes.
fn arrange<T>(items: &mut [T], mut order: Vec<usize>) {
    const PLACED: usize = usize::MAX;
    for start in 0..order.len() {
        let mut at = start;
        while order[at] != PLACED {
            let from = std::mem::replace(&mut order[at], PLACED);
            if from == start {
                break;
            }
            items.swap(at, from);
            at = from;
        }
    }
}

/// The scene steps a video model makes: the lines a swap of the clip model prices again.
pub fn clip_steps(scenario: &Scenario, catalogs: &Catalogs) -> Vec<usize> {
    steps_where(scenario, |s| {
        s.stage == Stage::Scene && catalogs.model(&s.model).is_some_and(|m| m.kind == Kind::Video)
    })
}

/// What makes a multiplier fire.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Threshold {
    /// More frames than this.
    Frames(u32),
    /// A clip longer than this many seconds.
    Seconds(Decimal),
}

/// A threshold the scenario sits just past, and what stepping back below it saves.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cliff {
    /// Frames per clip below the threshold.
    pub frames: u32,
    /// The clip's length at those frames, when the scenario has a frame rate.
    pub seconds: Option<Decimal>,
    /// The model whose multiplier fires.
    pub model: Arc<str>,
    /// What fires it.
    pub threshold: Threshold,
    /// The multiplier.
    pub factor: Decimal,
    /// What a video costs less, in the bill's currency.
    pub saving: Decimal,
}

/// Multipliers that fire above a frame count or a length, and what stepping back under them saves.
///
/// Each frame count below the current one is priced once, however many lines' multipliers lead
/// to it, and only the lines whose clip length follows the frames parameter are priced again.
pub fn cliffs(scenario: &Scenario, catalogs: &Catalogs, params: &Params, bill: &Bill) -> Vec<Cliff> {
    let clips: Vec<usize> = bill
        .lines
        .iter()
        .filter(|l| {
            let video = l.model.kind == Kind::Video || l.fallback.as_ref().is_some_and(|f| f.model.kind == Kind::Video);
            video && scenario.steps.get(l.step).is_some_and(|s| s.seconds.is_none())
        })
        .map(|l| l.step)
        .collect();
    let mut tried = std::collections::BTreeSet::new();
    let mut found: Vec<Cliff> = Vec::new();
    for line in &bill.lines {
        let pricing = line.pricing();
        for (i, m) in pricing.multipliers.iter().enumerate() {
            if line.priced.fired & (1 << i) == 0 || m.factor <= Decimal::ONE {
                continue;
            }
            let frames = match (m.frames_above, m.seconds_above) {
                // Prefer a whole-second clip at or under the threshold: 81 frames at 16 fps -> 80.
                (Some(n), _) => {
                    // Less the part-second left over, which is less than n.
                    let whole_seconds = n.saturating_sub(n.checked_rem(params.fps).unwrap_or(0));
                    if whole_seconds > 0 { whole_seconds } else { n }
                }
                (None, Some(s)) => {
                    // A threshold too long to count in frames is never under the clip.
                    let Some(frames) = s.checked_mul(Decimal::from(params.fps)).map(|f| f.floor()) else {
                        continue;
                    };
                    u32::try_from(frames.mantissa())
                        .ok()
                        .filter(|_| frames.scale() == 0)
                        .unwrap_or(0)
                }
                _ => continue,
            };
            // The saving depends on the frame count alone: each is priced once.
            if frames == 0 || frames >= params.frames || !tried.insert(frames) {
                continue;
            }
            let mut at = params.clone();
            at.frames = frames;
            let Ok(cheaper) = reprice(scenario, catalogs, &at, bill, &clips) else {
                continue;
            };
            // Costs are never negative: the difference never saturates.
            let saving = bill.totals.per_video.saturating_sub(cheaper.per_video);
            if saving <= Decimal::ZERO {
                continue;
            }
            found.push(Cliff {
                frames,
                seconds: at.seconds(),
                model: Arc::clone(&line.model.id),
                threshold: m.frames_above.map_or_else(
                    || Threshold::Seconds(m.seconds_above.unwrap_or_default()),
                    Threshold::Frames,
                ),
                factor: m.factor,
                saving,
            });
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::builtin;
    use crate::engine::{SourceFile, load_catalogs, load_scenario};

    fn atve() -> (Scenario, Catalogs) {
        let catalogs: Vec<_> = builtin::CATALOGS
            .iter()
            .map(|(name, text)| SourceFile::new(*name, *text))
            .collect();
        let (_, text) = builtin::scenario("atve").expect("built in");
        let scenario = load_scenario(&SourceFile::new("atve.toml", text)).expect("valid");
        (scenario, load_catalogs(&catalogs).expect("valid"))
    }

    #[test]
    fn arranging_in_place_gives_the_order_asked_for() {
        let orders: Vec<Vec<usize>> = vec![
            vec![],
            vec![0],
            (0..7).collect(),
            (0..7).rev().collect(),
            vec![1, 2, 0, 4, 3, 5, 6],
            (0..50).map(|k| (k * 17 + 3) % 50).collect(),
        ];
        for order in orders {
            let items: Vec<String> = (0..order.len()).map(|i| format!("item {i}")).collect();
            let wanted: Vec<String> = order.iter().map(|&i| items[i].clone()).collect();
            let mut arranged = items;
            arrange(&mut arranged, order);
            assert_eq!(arranged, wanted);
        }
    }

    #[test]
    fn sweeps_videos_per_character() {
        let (scenario, catalogs) = atve();
        let points = amortisation(&scenario, &catalogs, &scenario.params, 1..=20);
        assert_eq!(points.len(), 20);
        assert_eq!(points[4].per_finished_second, Some(Decimal::new(188375, 6)));
        assert!(points.windows(2).all(|w| w[0].per_video > w[1].per_video));
    }

    #[test]
    fn finds_the_wan_frame_cliff() {
        let (scenario, catalogs) = atve();
        let bill = evaluate(&scenario, &catalogs, &scenario.params).expect("bill");
        let cliffs = cliffs(&scenario, &catalogs, &scenario.params, &bill);
        assert_eq!(cliffs.len(), 1);
        assert_eq!((cliffs[0].frames, cliffs[0].seconds), (80, Some(Decimal::from(5))));
        assert_eq!(cliffs[0].threshold, Threshold::Frames(81));
        assert_eq!(cliffs[0].factor, Decimal::new(125, 2));
        assert_eq!(cliffs[0].saving, Decimal::new(40, 2));
        let mut at = scenario.params.clone();
        at.frames = 80;
        let bill = evaluate(&scenario, &catalogs, &at).expect("bill");
        assert!(self::cliffs(&scenario, &catalogs, &at, &bill).is_empty());
    }

    #[test]
    fn lists_video_models_that_fit() {
        let (scenario, catalogs) = atve();
        let alternatives = video_alternatives(&scenario, &catalogs, &scenario.params);
        let ids: Vec<&str> = alternatives.iter().map(|a| &*a.model.id).collect();
        assert!(ids.contains(&"fal-ai/wan-i2v"));
        // Kling O3 only makes 3-15 s clips at 720p or 1080p: 6.25 s at 720p fits.
        assert!(ids.contains(&"kling/o3/text-to-video"));
        // LTX-2 Fast offers no 720p.
        assert!(!ids.contains(&"fal-ai/ltx-video-2/fast"));
        assert!(alternatives.windows(2).all(|w| w[0].per_video <= w[1].per_video));
    }
}
