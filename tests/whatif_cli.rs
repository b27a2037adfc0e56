//! The analysis commands as a user runs them: output in each format, JSON shapes, saved reports
//! as baselines, and the exit statuses (0 success, 1 invalid input, 2 usage, 3 budget failed,
//! 4 a goal seek's target out of reach).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

fn reelcost(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_reelcost"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap()
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn json(args: &[&str]) -> Value {
    let out = reelcost(args);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn code(args: &[&str]) -> i32 {
    reelcost(args).status.code().unwrap()
}

#[test]
fn budget_exit_statuses() {
    // atve is $3.014 a video.
    assert_eq!(code(&["report", "atve", "--budget", "per_video<=3.02"]), 0);
    assert_eq!(code(&["report", "atve", "--budget", "per_video<=3.00"]), 3);
    assert_eq!(code(&["report", "atve", "--budget", "per_finished_second<=0.19"]), 0);
    // At 80 frames it is $2.614, inside the budget again.
    assert_eq!(
        code(&["report", "atve", "--set", "frames=80", "--budget", "per_video<=3.00"]),
        0
    );
    // Invalid input stays 1 and usage 2.
    assert_eq!(code(&["report", "atve", "--budget", "per_vide<=3"]), 1);
    assert_eq!(code(&["report", "atve", "--budget", "per_video=3"]), 1);
    assert_eq!(
        code(&["report", "atve", "--budget", "margin_share>=0.5"]),
        1,
        "atve sells nothing"
    );
    assert_eq!(code(&["report", "atve", "--budgett", "per_video<=3"]), 2);
    // compare: any scenario over budget fails the run.
    assert_eq!(
        code(&["compare", "kling-o3", "kling-3", "--budget", "per_video<=1.30"]),
        3
    );
    assert_eq!(
        code(&["compare", "kling-o3", "kling-3", "--budget", "per_video<=1.50"]),
        0
    );
    // The premium-video scenario sells at 15 credits x $0.05 = $0.75 for $0.713: 4.9% margin.
    assert_eq!(
        code(&["report", "natak-premium-video", "--budget", "margin_share>=0.04"]),
        0
    );
    assert_eq!(
        code(&["report", "natak-premium-video", "--budget", "margin_share>=0.5"]),
        3
    );
}

#[test]
fn a_scenarios_own_budgets_show_and_set_the_status() {
    let dir = tempfile::tempdir().unwrap();
    let text = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/atve.toml")).unwrap();
    let path = dir.path().join("atve.toml");
    let catalogs = Path::new(env!("CARGO_MANIFEST_DIR")).join("catalogs");
    let catalogs = catalogs.to_str().unwrap();
    fs::write(
        &path,
        format!("{text}\n[[budget]]\nmetric = \"per_video\"\nmax = 3.00\n"),
    )
    .unwrap();
    let path = path.to_str().unwrap();
    let out = reelcost(&["report", path, "--catalogs", catalogs]);
    assert_eq!(out.status.code(), Some(3));
    // $3.00 - $3.014 = -$0.014 of headroom.
    assert!(
        stdout(&out).contains("FAIL budget per_video <= 3: $3.0140, headroom -$0.0140"),
        "{}",
        stdout(&out)
    );
    let report = json(&[
        "report",
        path,
        "--catalogs",
        catalogs,
        "--set",
        "frames=80",
        "--format",
        "json",
    ]);
    assert_eq!(report["budgets"][0]["passed"], true);
    assert_eq!(report["budgets"][0]["headroom"], "0.386");
}

#[test]
fn compare_json_and_a_saved_baseline() {
    let value = json(&["compare", "kling-o3", "kling-3", "--format", "json"]);
    assert_eq!(value["scenarios"][0]["totals"]["per_month"], "1250");
    assert_eq!(value["scenarios"][1]["totals"]["per_month"], "1500");
    assert_eq!(value["scenarios"][1]["file"], "<built-in>/scenarios/kling-3.toml");
    assert_eq!(value["lines"][0]["stage"], "scene");
    assert_eq!(value["lines"][0]["per_video"], serde_json::json!(["1.25", "1.5"]));

    // A saved report is a baseline: infracost's diff.
    let dir = tempfile::tempdir().unwrap();
    let base = dir.path().join("base.json");
    fs::write(&base, reelcost(&["report", "atve", "--format", "json"]).stdout).unwrap();
    let base = base.to_str().unwrap();
    let value = json(&["compare", base, "atve", "--set", "frames=80", "--format", "json"]);
    assert_eq!(value["scenarios"][0]["file"], base);
    let clip = value["lines"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["label"] == "Animated clip")
        .unwrap();
    assert_eq!(clip["per_video"], serde_json::json!(["2", "1.6"]));
    let table = stdout(&reelcost(&["compare", base, "atve", "--set", "frames=80"]));
    assert!(table.contains("-$0.4000"), "{table}");

    fs::write(dir.path().join("broken.json"), "{\"totals\": [}").unwrap();
    let broken = dir.path().join("broken.json");
    let out = reelcost(&["compare", broken.to_str().unwrap(), "atve"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("broken.json:1:"),
        "{out:?}"
    );
}

#[test]
fn sweep_json_and_the_frames_cliff() {
    let value = json(&[
        "sweep",
        "natak-sfw-video",
        "--over",
        "videos_per_month=1000,10000,100000",
        "--format",
        "json",
    ]);
    assert_eq!(value["parameter"], "videos_per_month");
    let months: Vec<&str> = value["points"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["totals"]["per_month"].as_str().unwrap())
        .collect();
    assert_eq!(months, ["263", "2630", "26300"]);
    let out = reelcost(&["sweep", "atve", "--over", "frames=80..100", "--step", "1"]);
    assert!(out.status.success());
    assert!(
        stdout(&out).contains("frames 81 -> 82: fal-ai/wan-i2v: >81 frames x1.25 applies"),
        "{}",
        stdout(&out)
    );
    // Past WAN's 100 frames the rows say why and the run exits 1.
    let out = reelcost(&["sweep", "atve", "--over", "frames=99..101"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).contains("cannot be priced"), "{}", stdout(&out));
    assert_eq!(code(&["sweep", "atve", "--over", "frams=1,2"]), 1);
    assert_eq!(code(&["sweep", "atve", "--over", "frames"]), 1);
    assert_eq!(code(&["sweep", "atve"]), 2);
}

#[test]
fn sensitivity_json_is_sorted_by_swing() {
    let value = json(&["sensitivity", "atve", "--format", "json"]);
    let inputs = value["inputs"].as_array().unwrap();
    for key in ["name", "low", "high", "per_video_at_low", "per_video_at_high", "swing"] {
        assert!(inputs[0].get(key).is_some(), "{key}");
    }
    assert_eq!(inputs[0]["name"], "scenes");
    let swings: Vec<rust_decimal::Decimal> = inputs
        .iter()
        .map(|i| i["swing"].as_str().unwrap().parse().unwrap())
        .collect();
    assert!(swings.windows(2).all(|w| w[0] >= w[1]));
    assert_eq!(code(&["sensitivity", "atve", "--swing", "0"]), 1);
}

#[test]
fn the_dashboards_budgets_hold_for_the_table_it_prints_when_piped() {
    // No terminal: the dashboard's command prints the table, its budgets checked.
    let out = reelcost(&["tests/fixtures/budgets/atve-budgets.toml"]);
    assert_eq!(out.status.code(), Some(3), "{}", stdout(&out));
    assert!(stdout(&out).contains("FAIL budget per_finished_second <= 0.18: $0.1884, headroom -$0.0084"));
    assert_eq!(code(&["atve", "--budget", "per_video<=3.02"]), 0);
    assert_eq!(code(&["atve", "--budget", "per_video<=3.00"]), 3);
    assert_eq!(code(&["atve", "--budget", "per_vide<=3.00"]), 1);
}

#[test]
fn solve_json_and_an_unreachable_target() {
    let value = json(&[
        "solve",
        "atve",
        "--target",
        "per_finished_second=0.15",
        "--vary",
        "videos_per_character",
        "--format",
        "json",
    ]);
    assert_eq!(value["vary"], "videos_per_character");
    assert_eq!(value["value"], "23");
    assert_eq!(value["reached"], true);
    let out = reelcost(&[
        "solve",
        "atve",
        "--target",
        "per_finished_second=0.10",
        "--vary",
        "videos_per_character",
    ]);
    assert!(stdout(&out).contains("cannot be reached"), "{}", stdout(&out));
    // The closest value is printed, and the status tells a script the target was not met.
    assert!(
        stdout(&out).contains("videos_per_character = 100000"),
        "{}",
        stdout(&out)
    );
    assert_eq!(out.status.code(), Some(4));
    assert_eq!(
        code(&["solve", "atve", "--target", "per_vide=1", "--vary", "frames"]),
        1
    );
    assert_eq!(
        code(&["solve", "atve", "--target", "per_video=1", "--vary", "resolution"]),
        1
    );
}

#[test]
fn report_band_in_every_format() {
    let value = json(&["report", "atve-all-in", "--format", "json", "--seed", "7"]);
    let band = &value["uncertainty"];
    assert_eq!(band["samples"], 10000);
    assert_eq!(band["seed"], 7);
    for key in ["low", "p10", "p50", "p90", "high"] {
        assert!(band["per_video"][key].is_string(), "{key}");
        assert!(band["per_month"][key].is_string(), "{key}");
        assert!(band["per_finished_second"][key].is_string(), "{key}");
    }
    assert!(
        json(&["report", "atve", "--format", "json"])
            .get("uncertainty")
            .is_none(),
        "no range, no band"
    );
    let table = stdout(&reelcost(&["report", "atve-all-in"]));
    assert!(
        // Reroll 10% and $30 a month, 12% and $50 (tests/whatif.rs has the arithmetic).
        table.contains("bounds $3.2884-$3.3640"),
        "{table}"
    );
    let markdown = stdout(&reelcost(&["report", "atve-all-in", "--format", "markdown"]));
    assert!(markdown.contains("| Total | | Band |"), "{markdown}");
}

#[test]
fn analysis_tables() {
    insta::assert_snapshot!("compare_kling", stdout(&reelcost(&["compare", "kling-o3", "kling-3"])));
    insta::assert_snapshot!(
        "sweep_frames",
        stdout(&reelcost(&["sweep", "atve", "--over", "frames=78..84"]))
    );
    insta::assert_snapshot!("sensitivity_atve", stdout(&reelcost(&["sensitivity", "atve"])));
    insta::assert_snapshot!(
        "solve_atve",
        stdout(&reelcost(&[
            "solve",
            "atve",
            "--target",
            "per_finished_second=0.15",
            "--vary",
            "videos_per_character"
        ]))
    );
    insta::assert_snapshot!(
        "compare_markdown",
        stdout(&reelcost(&["compare", "atve", "atve-all-in", "--format", "markdown"]))
    );
    insta::assert_snapshot!(
        "sweep_csv",
        stdout(&reelcost(&[
            "sweep",
            "atve",
            "--over",
            "videos_per_character=1,5,20",
            "--format",
            "csv"
        ]))
    );
}
