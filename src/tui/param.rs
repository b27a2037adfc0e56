//! The parameters the dashboard tunes: every parameter of the scenario the engine describes,
//! built-in, the sale's and the scenario's own, and how a key press steps each one. Values go to
//! the engine as text through [`Params::set`], which validates them; one rule reads a share
//! everywhere, the file's: `0.1` and `10%` both mean ten per cent.

use std::sync::Arc;

use rust_decimal::Decimal;

use crate::engine::params::{Kind, ParamInfo, Value};
use crate::engine::{Params, money};
use crate::format::Currency;
use crate::report;

/// A parameter row of the dashboard, by the engine's name for it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Param(Arc<str>);

impl Param {
    /// The parameter `--set` and scenario files call `name`.
    pub fn named(name: &str) -> Self {
        Self(name.into())
    }

    /// The engine's name for it, as `--set` and scenario files use.
    pub fn name(&self) -> &str {
        &self.0
    }
}

/// The parameters the panel shows: those that can change this scenario's figures, bar the step
/// models (the breakdown swaps those) and the clip length (the frames row shows it).
pub fn shown_in_panel(info: &ParamInfo) -> bool {
    info.matters && info.kind != Kind::Model && info.name != "seconds"
}

/// A label for a narrow panel.
pub fn short_label(info: &ParamInfo) -> &str {
    match info.name.as_str() {
        "videos_per_character" => "Videos/char",
        "videos_per_month" => "Videos/month",
        "reroll_rate" => "Reroll",
        "finished_seconds_per_scene" => "Fin. s/scene",
        "target_margin" => "Target",
        _ => &info.label,
    }
}

/// The value as the dashboard shows it, e.g. `100 (6.25 s @ 16 fps)`, `12%` or `$0.75`.
pub fn shown(info: &ParamInfo, params: &Params, money: &Currency) -> String {
    if info.name == "frames"
        && let Some(s) = params.seconds()
    {
        return format!(
            "{} ({} s @ {} fps)",
            params.frames,
            money::round(s, 3).normalize(),
            params.fps
        );
    }
    brief(info, params, money)
}

/// The value in brief, for "was …": the frame count without its clip length.
pub fn brief(info: &ParamInfo, params: &Params, money: &Currency) -> String {
    let value = params.value(&info.name).unwrap_or(Value::Unset);
    let derived = info.kind == Kind::Derived;
    match (value, info.kind) {
        (Value::Unset, _) if info.name == "finished_seconds_per_scene" => "clip length".to_owned(),
        (Value::Unset, _) => "-".to_owned(),
        (Value::Bool(on), _) => (if on { "on" } else { "off" }).to_owned(),
        (Value::Text(t), _) => t.to_string(),
        (Value::Whole(n), _) => report::group(n),
        (Value::Number(d), Kind::Share) => percent(d),
        (Value::Number(d), Kind::Money) => money.price(d),
        (Value::Number(d), _) if derived => format!("{}", money::round(d, 4).normalize()),
        (Value::Number(d), _) => d.normalize().to_string(),
    }
}

/// What to type when entering an exact value.
pub fn hint(info: &ParamInfo) -> String {
    let from = |what: &str| match (info.min, info.max) {
        (Some(min), Some(max)) => format!("{what} from {} to {}", min.normalize(), max.normalize()),
        (Some(min), None) => format!("{what} from {}", min.normalize()),
        _ => what.to_owned(),
    };
    match info.kind {
        Kind::Whole => from("a whole number"),
        Kind::Decimal => from("a number"),
        Kind::Money => "an amount, e.g. 0.75".to_owned(),
        Kind::Share => "a share: 0.1 and 10% both mean ten per cent".to_owned(),
        Kind::Choice if info.choices.is_empty() => "a name".to_owned(),
        Kind::Choice => format!("one of {}", info.choices.join(", ")),
        Kind::Bool => "on or off".to_owned(),
        Kind::Model => "a model id from a catalog".to_owned(),
        Kind::Derived => "nothing: it is computed".to_owned(),
    }
}

/// What the arrow keys do to it.
pub fn step_hint(info: &ParamInfo, money: &Currency) -> String {
    match info.kind {
        Kind::Choice => "cycle what is on offer".to_owned(),
        Kind::Bool => "switch on or off".to_owned(),
        Kind::Derived => match &info.expression {
            Some(e) => format!("computed from {e}: read-only"),
            None => "computed: read-only".to_owned(),
        },
        Kind::Model => "swap in the breakdown".to_owned(),
        Kind::Share => {
            let step = step_of(info);
            format!("±{}, Shift ±{}", percent(step), percent(step * Decimal::TEN))
        }
        Kind::Money => {
            let step = step_of(info);
            format!("±{}, Shift ±{}", money.price(step), money.price(step * Decimal::TEN))
        }
        Kind::Whole | Kind::Decimal => {
            let step = step_of(info);
            let ten = step * Decimal::TEN;
            format!("±{}, Shift ±{}", number(step), number(ten))
        }
    }
}

fn number(d: Decimal) -> String {
    match u64::try_from(d.normalize()) {
        Ok(n) if d.fract().is_zero() => report::group(n),
        _ => d.normalize().to_string(),
    }
}

/// How far one step moves it: what the scenario declares, else a unit of its kind.
fn step_of(info: &ParamInfo) -> Decimal {
    info.step.unwrap_or(match info.kind {
        Kind::Share | Kind::Money => Decimal::new(1, 2),
        _ => Decimal::ONE,
    })
}

/// The text for [`Params::set`] one step of `by` units away, or `None` when the value cannot
/// move that way (at a bound, read-only, or with nothing to cycle through).
pub fn stepped(info: &ParamInfo, params: &Params, by: i64) -> Option<String> {
    let value = params.value(&info.name)?;
    match info.kind {
        Kind::Derived | Kind::Model => None,
        Kind::Bool => match value {
            Value::Bool(on) => Some((!on).to_string()),
            _ => None,
        },
        Kind::Choice => cycle(&info.choices, value, by).map(|c| c.to_string()),
        _ => {
            let now = match value {
                Value::Whole(n) => Decimal::from(n),
                Value::Number(d) => d,
                // A value not set yet (a clip's finished length) starts from the clip length.
                Value::Unset => params.seconds().unwrap_or_default(),
                _ => return None,
            };
            let moved = step_of(info).checked_mul(Decimal::from(by))?;
            let mut next = now.checked_add(moved)?;
            if let Some(min) = info.min {
                next = next.max(min);
            }
            if let Some(max) = info.max {
                next = next.min(max);
            }
            (next != now).then(|| next.normalize().to_string())
        }
    }
}

/// The choice `by` places on from the current one, wrapping round.
fn cycle(choices: &[Arc<str>], value: Value, by: i64) -> Option<&Arc<str>> {
    let count = i64::try_from(choices.len()).ok().filter(|&n| n > 1)?;
    let at = match value {
        Value::Text(t) => choices.iter().position(|c| *c == t),
        _ => None,
    }
    .and_then(|i| i64::try_from(i).ok());
    let next = match at {
        Some(i) => (i + by.signum()).rem_euclid(count),
        None => 0,
    };
    choices.get(usize::try_from(next).ok()?)
}

/// A share as a percentage without trailing zeros: `0%`, `12%`, `12.5%`.
pub fn percent(share: Decimal) -> String {
    format!("{}%", (share * Decimal::ONE_HUNDRED).normalize())
}
