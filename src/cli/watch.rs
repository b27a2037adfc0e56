//! `reelcost watch SCENARIO`: reprint the report on every valid change to the scenario or its
//! catalogs, and the error on every invalid one, for a plain terminal beside the editor. Like
//! `report`, it warns of prices older than their catalogs allow.

use super::{print_err, print_out};
use std::io::Write;
use std::path::PathBuf;
use std::sync::mpsc;

use crate::engine::{Diagnostic, Diagnostics, evaluate};
use crate::live::{Live, Reload, WatchMode, Watching};
use crate::project::{self, ScenarioSource};
use crate::report::{self, Format};

use super::apply_sets;

/// The local time of day, as the reload messages show it.
pub fn clock() -> String {
    jiff::Zoned::now().strftime("%H:%M:%S").to_string()
}

/// How `watch` prints: the `--set` changes, the format, and `--stale-after`.
#[derive(Debug, Clone, Copy)]
pub struct Printing<'a> {
    /// Parameters changed first, as `NAME=VALUE`.
    pub sets: &'a [String],
    /// The report's format.
    pub format: Format,
    /// Days after which a price is stale, instead of each catalog's limit.
    pub stale_after: Option<u32>,
}

fn print_report(live: &Live, printing: Printing<'_>) -> Result<(), Diagnostics> {
    let Printing {
        sets,
        format,
        stale_after,
    } = printing;
    let mut scenario = live.project.scenario.clone();
    let mut params = scenario.params.clone();
    apply_sets(&mut params, sets)?;
    super::locate_sets(&mut scenario, sets);
    let scenario = &scenario;
    let mut bill = evaluate(scenario, &live.project.catalogs, &params)?;
    // Today is read at each reprint: a watch left running past a price's limit warns from then on.
    let stale = super::freshness(stale_after)?.bill_warnings(&bill);
    bill.warnings.extend(stale);
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(report::render(format, scenario, &params, &bill).as_bytes());
    let _ = out.flush();
    Ok(())
}

/// Watches until interrupted.
pub fn run(scenario: &str, catalogs: Option<PathBuf>, printing: Printing<'_>) -> Result<(), Diagnostics> {
    let source = project::scenario_source(scenario)?;
    if let ScenarioSource::Builtin(name) = source {
        return Err(Diagnostic::file_error(name, "a built-in scenario has no file to watch")
            .with_help("run `reelcost init DIR` for editable copies, then watch DIR/scenarios/atve.toml")
            .into());
    }
    let mut live = Live::open(source, catalogs)?;
    print_report(&live, printing)?;
    let (tx, rx) = mpsc::channel();
    let mut watching = Watching::default();
    let notify = move |paths| {
        let _ = tx.send(paths);
    };
    if !watching.keep_up(&live, notify.clone()) {
        return Err(Diagnostic::file_error(
            scenario,
            "cannot watch the scenario's or catalogs' directories for changes",
        )
        .into());
    }
    let how = match watching.mode() {
        Some(WatchMode::Polling) => " (polling)",
        _ => "",
    };
    print_err(format_args!("watching {} for changes{how}; Ctrl-C to stop", scenario));
    for paths in rx {
        if !paths.iter().any(|p| live.concerns(p)) {
            continue;
        }
        let mut params = live.project.scenario.params.clone();
        let _ = apply_sets(&mut params, printing.sets);
        match live.reload(Live::evaluates(Some(&params))) {
            Reload::Unchanged => {}
            Reload::Reloaded(changes) => {
                print_out(format_args!("\n--- {} reloaded: {}\n", clock(), changes.summary()));
                if let Err(errors) = print_report(&live, printing) {
                    print_out(format_args!("{errors}"));
                }
            }
            Reload::Failed(errors) => {
                print_out(format_args!(
                    "\n--- {} invalid, still showing the last good figures:\n{errors}",
                    clock()
                ));
            }
        }
        watching.keep_up(&live, notify.clone());
    }
    Ok(())
}
