//! The command line as a user runs it: report formats, check's exit status, init, watch.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

fn reelcost(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_reelcost"))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap()
}

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn report_formats() {
    for format in ["table", "markdown", "csv"] {
        let out = reelcost(&["report", "scenarios/atve.toml", "--format", format], repo());
        assert!(
            out.status.success(),
            "{format}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        insta::assert_snapshot!(format!("report_atve_{format}"), stdout(&out));
    }
    let out = reelcost(&["report", "atve", "--format", "json", "--set", "frames=80"], repo());
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["totals"]["per_video"], "2.614");
    assert_eq!(json["parameters"]["frames"], 80);
    for key in [
        "per_video",
        "generated_seconds",
        "finished_seconds",
        "per_generated_second",
        "per_finished_second",
        "per_month",
    ] {
        assert!(json["totals"][key].is_string(), "{key}");
    }
    for key in [
        "stage",
        "label",
        "model",
        "unit_price",
        "quantity",
        "per_video",
        "share",
    ] {
        assert!(!json["lines"][0][key].is_null(), "{key}");
    }
}

#[test]
fn check_passes_on_the_shipped_files_and_fails_on_a_broken_one() {
    let out = reelcost(&["check", "catalogs", "scenarios"], repo());
    assert!(out.status.success(), "{}", stdout(&out));
    assert!(stdout(&out).contains("0 errors"));
    assert!(stdout(&out).contains("warning: sources disagree on fal-ai/flux-lora-fast-training"));

    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("bad.toml"),
        "provider = \"P\"\ncurrency = \"USD\"\n[[model]]\nid = \"x\"\nkind = \"image\"\nunit = \"image\"\nprice = -1\n",
    )
    .unwrap();
    let out = reelcost(&["check", "bad.toml"], dir.path());
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout(&out).starts_with("bad.toml:7:9: price cannot be negative (-1)\n7 | price = -1\n"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn init_writes_editable_copies_that_report_and_check() {
    let dir = tempfile::tempdir().unwrap();
    let out = reelcost(&["init", "costs"], dir.path());
    assert!(out.status.success());
    let out = reelcost(&["report", "costs/scenarios/atve.toml", "--format", "json"], dir.path());
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["totals"]["per_video"], "3.014");
    assert!(
        reelcost(&["check", "costs/catalogs", "costs/scenarios"], dir.path())
            .status
            .success()
    );
    let again = reelcost(&["init", "costs"], dir.path());
    assert_eq!(again.status.code(), Some(1), "refuses to overwrite");
    assert!(String::from_utf8_lossy(&again.stderr).contains("already exists"));
    assert!(reelcost(&["init", "costs", "--force"], dir.path()).status.success());
}

#[test]
fn a_built_in_scenario_works_from_any_directory() {
    let dir = tempfile::tempdir().unwrap();
    let out = reelcost(&["report", "kling-o3"], dir.path());
    assert!(out.status.success());
    assert!(stdout(&out).contains("$1,250.00"), "{}", stdout(&out));
    let out = reelcost(&["report", "nope"], dir.path());
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("built-in scenarios: atve"));
}

#[test]
fn watch_reprints_on_a_valid_change_and_reports_an_invalid_one() {
    let dir = tempfile::tempdir().unwrap();
    assert!(reelcost(&["init", "."], dir.path()).status.success());
    let mut child = Command::new(env!("CARGO_BIN_EXE_reelcost"))
        .args(["watch", "scenarios/atve.toml", "--format", "csv"])
        .current_dir(dir.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    let reader = BufReader::new(child.stdout.take().unwrap());
    std::thread::spawn(move || {
        for line in reader.lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let wait_for = |needle: &str| {
        let deadline = Instant::now() + Duration::from_secs(10);
        while let Ok(line) = rx.recv_timeout(deadline.saturating_duration_since(Instant::now())) {
            if line.contains(needle) {
                return true;
            }
        }
        false
    };
    assert!(wait_for("scene,Animated clip,fal-ai/wan-i2v,0.5,"));
    std::thread::sleep(Duration::from_millis(300));
    let fal = dir.path().join("catalogs/fal.toml");
    let text = std::fs::read_to_string(&fal).unwrap();
    std::fs::write(
        &fal,
        text.replace(
            "{ resolution = \"720p\", price = 0.40 }",
            "{ resolution = \"720p\", price = 0.32 }",
        ),
    )
    .unwrap();
    assert!(
        wait_for("scene,Animated clip,fal-ai/wan-i2v,0.4,"),
        "the new price is reprinted"
    );
    std::fs::write(&fal, "provider = \n").unwrap();
    assert!(
        wait_for("invalid, still showing the last good figures"),
        "the error is printed"
    );
    let _ = child.kill();
    let _ = child.wait();
}

#[test]
fn the_readme_opens_with_the_dashboard_as_it_is() {
    let readme = std::fs::read_to_string(repo().join("README.md")).unwrap();
    let screen = std::fs::read_to_string(repo().join("assets/dashboard-120x40.txt")).unwrap();
    let capture = readme
        .split("```text\n")
        .nth(1)
        .and_then(|rest| rest.split("\n```").next())
        .unwrap();
    assert_eq!(
        capture,
        screen.trim_end_matches('\n'),
        "README's capture differs from assets/dashboard-120x40.txt"
    );
}

#[test]
fn a_step_model_swap_that_cannot_price_the_step_is_refused() {
    let out = reelcost(
        &[
            "report",
            "atve",
            "--set",
            "keyframe-multi-character.model=fal-ai/z-image/turbo",
        ],
        repo(),
    );
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.starts_with(
            "<built-in>/scenarios/atve.toml:48:9: keyframe-multi-character.model = fal-ai/z-image/turbo: \
             fal-ai/z-image/turbo cannot price this step: this price needs an output size (width and height, or megapixels)"
        ),
        "{err}"
    );
    assert!(out.stdout.is_empty(), "no bill is printed");
    let out = reelcost(
        &[
            "report",
            "atve",
            "--set",
            "keyframe-multi-character.model=fal-ai/kokoro",
        ],
        repo(),
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("fal-ai/kokoro makes audio, but this step makes images"),
        "{err}"
    );
}

#[test]
fn json_totals_carry_price_and_margin() {
    let out = reelcost(
        &[
            "report",
            "natak-premium-video",
            "--format",
            "json",
            "--set",
            "paid_share=0.4",
        ],
        repo(),
    );
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let totals = json["totals"].as_object().unwrap();
    let keys: Vec<&str> = totals.keys().map(String::as_str).collect();
    assert_eq!(
        keys,
        [
            "per_video",
            "generated_seconds",
            "finished_seconds",
            "per_generated_second",
            "per_finished_second",
            "per_month",
            "price",
            "margin",
            "margin_share",
            "revenue_per_video",
            "margin_per_video",
            "revenue_per_month",
            "profit_per_month",
            "break_even_price",
        ]
    );
    assert_eq!(totals["revenue_per_video"], "0.3");
    assert_eq!(totals["margin_per_video"], "-0.413");
    assert_eq!(totals["profit_per_month"], "-413");
    assert_eq!(totals["break_even_price"], "3.565");
    assert_eq!(json["parameters"]["paid_share"], "0.4");
    assert_eq!(json["parameters"]["pack"], "Starter");
    assert_eq!(
        json["parameters"]["kling-2-6-pro-clip.model"],
        "fal-ai/kling-video/v2.6/pro"
    );
    // The scenario's own parameters sit beside the built-in ones.
    let out = reelcost(
        &["report", "atve", "--format", "json", "--set", "augmentations=10"],
        repo(),
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["parameters"]["augmentations"], 10);
    assert_eq!(json["parameters"]["style_options"], 4);
    assert!(json["parameters"].get("price").is_none(), "no sale, no sale parameters");
}
