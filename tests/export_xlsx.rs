//! The workbook as a finance colleague uses it: opened in a real spreadsheet engine (LibreOffice,
//! headless), every formula recalculated, and the totals checked against `report` at the file's
//! values and after parameters are changed in the sheet. LibreOffice and its Python bridge are
//! required: without them these tests fail, they never pass vacuously.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::Command;

use rust_decimal::Decimal;
use serde_json::{Value, json};

const TOTALS: [&str; 6] = [
    "per_video",
    "generated_seconds",
    "finished_seconds",
    "per_generated_second",
    "per_finished_second",
    "per_month",
];

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn reelcost(args: &[&str]) -> std::process::Output {
    let out = Command::new(env!("CARGO_BIN_EXE_reelcost"))
        .args(args)
        .current_dir(repo())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "reelcost {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// The report's totals at these settings, by name, as the workbook names them: every total the
/// JSON report gives (`price` and `margin` are the workbook's `price` parameter and
/// `margin_per_video`).
fn report_totals(scenario: &str, sets: &[(&str, Value)]) -> Vec<(String, Option<Decimal>)> {
    let mut args = vec![
        "report".to_owned(),
        scenario.to_owned(),
        "--format".into(),
        "json".into(),
    ];
    for (name, value) in sets {
        let shown = value.as_str().map_or_else(|| value.to_string(), str::to_owned);
        args.extend(["--set".to_owned(), format!("{name}={shown}")]);
    }
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let json: Value = serde_json::from_slice(&reelcost(&args).stdout).unwrap();
    let totals = json["totals"].as_object().unwrap();
    for name in TOTALS {
        assert!(totals.contains_key(name), "the report has no {name}");
    }
    totals
        .iter()
        .filter(|(name, v)| {
            !matches!(name.as_str(), "price" | "margin") && (TOTALS.contains(&name.as_str()) || !v.is_null())
        })
        .map(|(name, v)| (name.clone(), v.as_str().map(|s| s.parse::<Decimal>().unwrap())))
        .collect()
}

/// A Python that can drive LibreOffice: $REELCOST_PYTHON, the system's, or the first on PATH.
fn python() -> PathBuf {
    if let Some(p) = std::env::var_os("REELCOST_PYTHON") {
        return p.into();
    }
    let system = Path::new("/usr/bin/python3");
    if system.exists() {
        system.to_path_buf()
    } else {
        "python3".into()
    }
}

/// Runs the cases in LibreOffice and returns each case's named values.
fn recalculate(cases: &[Value], dir: &Path) -> Vec<Value> {
    let job = dir.join("job.json");
    std::fs::write(&job, json!({ "cases": cases }).to_string()).unwrap();
    let out = Command::new(python())
        .arg(repo().join("tests/support/recalc.py"))
        .arg(&job)
        .output()
        .unwrap_or_else(|e| {
            panic!(
                "a Python 3 with LibreOffice's bridge is required ({}): {e}",
                python().display()
            )
        });
    assert!(
        out.status.success(),
        "LibreOffice recalculation failed (install libreoffice-calc-nogui and python3-uno): {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let result: Value = serde_json::from_slice(&out.stdout).unwrap();
    result["results"].as_array().unwrap().clone()
}

struct Case {
    scenario: String,
    sets: Vec<(&'static str, Value)>,
}

fn export(scenario: &str, dir: &Path) -> PathBuf {
    let stem = Path::new(scenario).file_stem().unwrap().to_string_lossy().into_owned();
    let path = dir.join(format!("{stem}.xlsx"));
    reelcost(&["export", scenario, "--format", "xlsx", "-o", path.to_str().unwrap()]);
    path
}

/// Spreadsheets hold doubles: a total must match the engine's exact figure to 1e-9 of itself.
fn close(sheet: f64, engine: Decimal) -> bool {
    let engine: f64 = engine.to_string().parse().unwrap();
    (sheet - engine).abs() <= 1e-9 * engine.abs().max(1.0)
}

#[test]
fn recalculated_totals_match_the_report() {
    let dir = tempfile::tempdir().unwrap();
    let mut scenarios: Vec<String> = std::fs::read_dir(repo().join("scenarios"))
        .unwrap()
        .map(|e| format!("scenarios/{}", e.unwrap().file_name().to_string_lossy()))
        .collect();
    scenarios.sort();
    scenarios.push("tests/fixtures/export/shapes.toml".into());
    let mut cases: Vec<Case> = scenarios
        .iter()
        .map(|s| Case {
            scenario: s.clone(),
            sets: Vec::new(),
        })
        .collect();
    for scenario in ["scenarios/atve.toml", "scenarios/atve-all-in.toml"] {
        for set in [
            ("frames", json!(80)),
            ("resolution", json!("480p")),
            ("videos_per_character", json!(10)),
        ] {
            cases.push(Case {
                scenario: scenario.into(),
                sets: vec![set],
            });
        }
    }
    cases.push(Case {
        scenario: "tests/fixtures/export/shapes.toml".into(),
        sets: vec![
            ("frames", json!(120)),
            ("resolution", json!("1080p")),
            ("audio", json!(false)),
            ("videos_per_month", json!(100)),
        ],
    });
    // atve's own levers, read by its steps' counts.
    cases.push(Case {
        scenario: "scenarios/atve.toml".into(),
        sets: vec![("augmentations", json!(10)), ("style_options", json!(6))],
    });
    // The scenario's own parameters, read by expressions, and the sale's.
    cases.push(Case {
        scenario: "tests/fixtures/export/shapes.toml".into(),
        sets: vec![
            ("clips_per_scene", json!(3)),
            ("voice_seconds", json!(6.2)),
            ("upscale", json!(4)),
            ("paid_share", json!(0.5)),
            ("target_margin", json!(0.25)),
        ],
    });
    let files: Vec<(String, PathBuf)> = scenarios.iter().map(|s| (s.clone(), export(s, dir.path()))).collect();
    let mut jobs = Vec::new();
    let mut expected = Vec::new();
    for case in &cases {
        let file = &files.iter().find(|(s, _)| *s == case.scenario).unwrap().1;
        let totals = report_totals(&case.scenario, &case.sets);
        let names: Vec<&str> = totals.iter().map(|(n, _)| n.as_str()).collect();
        let set: serde_json::Map<String, Value> = case.sets.iter().map(|(n, v)| (n.to_string(), v.clone())).collect();
        jobs.push(json!({ "file": file, "set": set, "names": names }));
        expected.push(totals);
    }
    let results = recalculate(&jobs, dir.path());
    assert_eq!(results.len(), cases.len());
    for ((case, totals), got) in cases.iter().zip(&expected).zip(&results) {
        for (name, want) in totals {
            let cell = &got[name];
            let ok = match want {
                Some(want) => cell["number"].as_f64().is_some_and(|n| close(n, *want)),
                None => cell["text"].as_str().is_some_and(|t| t.starts_with("n/a")),
            };
            assert!(
                ok,
                "{} {:?}: {name} is {cell} in the sheet, {want:?} in the report",
                case.scenario, case.sets
            );
        }
    }
}

#[test]
fn a_viewer_that_does_not_recalculate_shows_the_engines_figures() {
    let dir = tempfile::tempdir().unwrap();
    let scenario = "scenarios/natak-nsfw-video.toml";
    let file = export(scenario, dir.path());
    let totals = report_totals(scenario, &[]);
    let names: Vec<&str> = totals.iter().map(|(n, _)| n.as_str()).collect();
    // Loaded with recalculation on load turned off, and not recalculated: the cached figures.
    let case = json!({ "file": file, "set": {}, "names": names, "recalculate": false });
    let got = &recalculate(&[case], dir.path())[0];
    for (name, want) in &totals {
        let want = want.unwrap();
        assert!(
            got[name]["number"].as_f64().is_some_and(|n| close(n, want)),
            "{name}: {got}"
        );
    }
}

#[test]
fn a_value_outside_a_models_limits_shows_an_error_not_zero() {
    let dir = tempfile::tempdir().unwrap();
    let file = export("scenarios/atve.toml", dir.path());
    let names = ["per_video", "per_month"];
    let results = recalculate(
        &[
            json!({ "file": file, "set": { "frames": 101 }, "names": names }),
            json!({ "file": file, "set": { "resolution": "1080p" }, "names": names }),
        ],
        dir.path(),
    );
    for got in &results {
        for name in names {
            assert!(got[name]["error"].is_number(), "{name} should be an error: {got}");
        }
    }
}

#[test]
fn every_parameter_is_a_named_cell_holding_its_value() {
    let dir = tempfile::tempdir().unwrap();
    for scenario in [
        "scenarios/atve.toml",
        "scenarios/natak-nsfw-video.toml",
        "tests/fixtures/export/shapes.toml",
    ] {
        let file = export(scenario, dir.path());
        let json: Value = serde_json::from_slice(&reelcost(&["report", scenario, "--format", "json"]).stdout).unwrap();
        let params = json["parameters"].as_object().unwrap();
        // A step's `keyframe.model` names its cell `keyframe_model`.
        let cell_name = |name: &str| name.replace(|c: char| !c.is_ascii_alphanumeric() && c != '_', "_");
        let names: Vec<String> = params.keys().map(|n| cell_name(n)).collect();
        let case = json!({ "file": file, "set": {}, "names": names, "recalculate": false });
        let got = &recalculate(&[case], dir.path())[0];
        for (name, want) in params {
            let cell = &got[cell_name(name)];
            let ok = match want {
                // A price in credits, and a pack's credit price, are worked out in the sheet.
                Value::Null if matches!(name.as_str(), "price" | "credit_price") => cell["number"].is_number(),
                Value::Null => cell["empty"] == json!(true),
                Value::Bool(b) => cell["number"] == json!(if *b { 1.0 } else { 0.0 }),
                Value::Number(n) => cell["number"].as_f64() == n.as_f64(),
                Value::String(s) => match s.parse::<Decimal>() {
                    Ok(d) => cell["number"].as_f64().is_some_and(|n| close(n, d)),
                    Err(_) => cell["text"] == json!(s),
                },
                other => panic!("{name}: {other}"),
            };
            assert!(ok, "{scenario} {name}: {cell} in the sheet, {want} in the report");
        }
    }
}

#[test]
fn swapped_models_are_priced_in_the_sheet() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("swapped.xlsx");
    // The scene's clip model, and one step's model by its id.
    let model = "video_model=fal-ai/kling-video/v2.6/pro";
    let step = "training-augmentations.model=fal-ai/flux-lora";
    reelcost(&[
        "export",
        "atve",
        "--set",
        model,
        "--set",
        step,
        "--format",
        "xlsx",
        "-o",
        path.to_str().unwrap(),
    ]);
    let mut cases = Vec::new();
    let mut expected = Vec::new();
    for (frames, audio) in [(None, false), (Some(120), false), (Some(120), true)] {
        let mut args = vec!["report", "atve", "--set", model, "--set", step, "--format", "json"];
        let mut set = serde_json::Map::new();
        let frames_set = frames.map(|f| format!("frames={f}"));
        if let Some(f) = &frames_set {
            args.extend(["--set", f.as_str()]);
            set.insert("frames".into(), json!(frames));
        }
        if audio {
            args.extend(["--set", "audio=true"]);
            set.insert("audio".into(), json!(true));
        }
        let json: Value = serde_json::from_slice(&reelcost(&args).stdout).unwrap();
        expected.push(
            json["totals"]["per_video"]
                .as_str()
                .unwrap()
                .parse::<Decimal>()
                .unwrap(),
        );
        cases.push(json!({ "file": path, "set": set, "names": ["per_video"] }));
    }
    let results = recalculate(&cases, dir.path());
    for (got, want) in results.iter().zip(&expected) {
        let n = got["per_video"]["number"].as_f64();
        assert!(
            n.is_some_and(|n| close(n, *want)),
            "{got} in the sheet, {want} in the report"
        );
    }
}

#[test]
fn a_step_length_of_fractional_frames_is_refused_in_the_sheet_as_in_the_report() {
    let dir = tempfile::tempdir().unwrap();
    let scenario = "tests/fixtures/export/step-clip-length.toml";
    // 6.25 s is 100 frames at 16 fps and 93.75 at 15 fps: the report refuses the second.
    let refused = Command::new(env!("CARGO_BIN_EXE_reelcost"))
        .current_dir(repo())
        .args(["report", scenario, "--set", "fps=15"])
        .output()
        .unwrap();
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("6.25 s at 15 fps is 93.75 frames"));
    let file = export(scenario, dir.path());
    let names = ["per_video"];
    let results = recalculate(
        &[
            json!({ "file": file, "set": { "fps": 16 }, "names": names }),
            json!({ "file": file, "set": { "fps": 15 }, "names": names }),
        ],
        dir.path(),
    );
    assert!(
        results[0]["per_video"]["number"]
            .as_f64()
            .is_some_and(|n| close(n, Decimal::new(5, 1))),
        "{}",
        results[0]
    );
    assert!(
        results[1]["per_video"]["error"].is_number(),
        "fractional frames should be an error: {}",
        results[1]
    );
}
