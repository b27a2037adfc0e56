//! Goal seek on the selected parameter: the user types a target on a total (`per_video=2.50`,
//! `margin_share=0.5`, or a bare number for the cost per video); the engine finds the value of
//! the parameter that meets it, and the dashboard applies it as an undoable change.

use rust_decimal::Decimal;

use super::app::{App, Input, Mode};
use super::param::Param;
use crate::engine::number::parse_decimal;
use crate::engine::params::Kind;
use crate::engine::whatif::{self, metric};

/// The total a bare number aims at.
const DEFAULT_METRIC: &str = "per_video";

impl App {
    /// Opens the goal-seek prompt for the selected parameter, if it is a number that can move.
    pub(super) fn start_goal_seek(&mut self) {
        let Some(info) = self.selected_info() else {
            return;
        };
        if !matches!(info.kind, Kind::Whole | Kind::Decimal | Kind::Money | Kind::Share) {
            let text = format!("Goal seek varies a number: {} is not one", info.label);
            self.say(text);
            return;
        }
        self.mode = Mode::Seeking(Input {
            param: self.selected.clone(),
            text: String::new(),
        });
    }

    /// Solves for the typed target and applies the value found, or says why not.
    pub(super) fn goal_seek(&mut self, param: &Param, typed: &str) {
        self.mode = Mode::Normal;
        let typed = typed.trim();
        let (name, value) = match typed.split_once('=') {
            Some((m, v)) => (m.trim(), v.trim()),
            None => (DEFAULT_METRIC, typed),
        };
        let value = name_value(name, value);
        let target = match value {
            Ok(v) => v,
            Err(why) => return self.refuse(format!("Goal seek: {why}")),
        };
        let (scenario, catalogs) = (&self.project.scenario, &self.project.catalogs);
        let solved = whatif::solve(scenario, catalogs, &self.params, (name, target), param.name(), None);
        let solution = match solved {
            Ok(s) => s,
            Err(e) => return self.refuse(format!("Goal seek: {e}")),
        };
        let money = self.money();
        let shown = |d: Decimal| {
            if metric::is_money(solution.metric) {
                money.amount(d)
            } else {
                d.normalize().to_string()
            }
        };
        let got = whatif::metric(&solution.totals, solution.metric).flatten();
        let got = got.map_or_else(|| "n/a".to_owned(), shown);
        let bound = if whatif::higher_is_better(solution.metric) {
            "≥"
        } else {
            "≤"
        };
        let goal = format!("{} {bound} {}", solution.metric, shown(solution.target));
        let value = solution.value.normalize().to_string();
        if solution.already {
            return self.say(format!("Goal seek: {goal} already holds at {} = {value}", param.name()));
        }
        let mut next = self.params.clone();
        if let Err(e) = next.set(param.name(), &value) {
            return self.refuse(format!("Goal seek found {value}, refused: {}", e.message));
        }
        if let Err(why) = self.apply(next) {
            return self.refuse(format!("Goal seek found {value}, refused: {why}"));
        }
        if solution.reached {
            self.say(format!(
                "Goal seek: {} = {value} gives {} {got} ({goal}); u undoes",
                param.name(),
                solution.metric
            ));
        } else {
            self.refuse(format!(
                "Goal seek: no value of {} reaches {goal}; the closest, {value}, gives {got} (applied; u undoes)",
                param.name()
            ));
        }
    }
}

/// The target's total and value, or why they are not valid.
fn name_value(name: &str, value: &str) -> Result<Decimal, String> {
    metric::known(name).map_err(|e| e.to_string())?;
    let text = value.trim_start_matches('$');
    let share = name == "margin_share";
    let parsed = if share {
        crate::engine::params::parse_share(text)
    } else {
        parse_decimal(text).map_err(|_| format!("`{value}` is not a number"))
    };
    parsed.map_err(|why| format!("{why}; type e.g. per_video=2.50 or margin_share=50%"))
}
