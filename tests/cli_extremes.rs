//! The commands at the edges of a decimal's range: sale values, budgets, comparisons, sweeps and
//! uncertainty ranges whose arithmetic would leave it. Each is refused with a message that
//! names the flag, file or parameter responsible; none panics.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

/// The largest decimal, as text.
const MAX: &str = "79228162514264337593543950335";

fn reelcost(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_reelcost"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap()
}

/// Asserts a refusal: status 1, no panic, and stderr holding each of `expected`.
fn refused(args: &[&str], expected: &[&str]) {
    let out = reelcost(args);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{args:?}: {stderr}");
    assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
    for part in expected {
        assert!(stderr.contains(part), "{args:?}: expected {part:?} in {stderr}");
    }
}

#[test]
fn a_sale_value_given_with_set_is_blamed_where_it_was_typed() {
    // atve sells nothing: the price comes from the command line alone.
    refused(
        &[
            "report",
            "scenarios/atve.toml",
            "--set",
            "price=0.0000000000000000000000000001",
            "--set",
            "scenes=100",
        ],
        &[
            "command line:1:13: the margin per video cannot be computed exactly",
            "1 | --set price=0.0000000000000000000000000001 --set scenes=100\n  |             ^",
        ],
    );
    // natak's file sells in credits; the price given on the command line replaces them, and the
    // error points at it, not at the file.
    let price = format!("price={MAX}");
    let out = reelcost(&["report", "natak-premium-video", "--set", "scenes=3", "--set", &price]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.starts_with("command line:1:28: the margin per video cannot be computed exactly"),
        "{stderr}"
    );
}

#[test]
fn a_budget_limit_too_far_from_the_total_is_refused_at_the_flag() {
    // $3.014 less -7.9e28 leaves the range of a decimal.
    let budget = format!("per_video>=-{MAX}");
    refused(
        &["report", "atve", "--budget", &budget],
        &[
            "--budget per_video >= -79228162514264337593543950335",
            "too large to compute",
        ],
    );
}

#[test]
fn a_comparison_whose_difference_overflows_names_the_side() {
    let dir = tempfile::tempdir().unwrap();
    let report = |name: &str, margin: &str, line: &str| {
        let path = dir.path().join(format!("{name}.json"));
        let text = format!(
            r#"{{"scenario":"{name}","totals":{{"per_video":"1","margin_per_video":"{margin}"}},"lines":[{{"stage":"scene","label":"Clip","per_video":"{line}"}}]}}"#
        );
        fs::write(&path, text).unwrap();
        path.to_str().unwrap().to_owned()
    };
    let a = report("a", MAX, "1");
    let b = report("b", &format!("-{MAX}"), "1");
    refused(
        &["compare", &a, &b],
        &["b.json", "margin_per_video less a's is too large to compute"],
    );
    let c = report("c", "1", &format!("-{MAX}"));
    let d = report("d", "1", MAX);
    refused(
        &["compare", &c, &d],
        &["d.json", "the Clip line's cost per video less c's"],
    );
}

#[test]
fn a_sweep_across_the_whole_range_is_refused_at_the_flag() {
    let over = format!("augmentations=-{MAX}..{MAX}");
    refused(
        &[
            "sweep",
            "atve",
            "--over",
            &over,
            "--step",
            "10000000000000000000000000000",
        ],
        &["augmentations", "too many values"],
    );
}

#[test]
fn an_uncertainty_range_too_wide_to_step_names_the_parameter() {
    let dir = tempfile::tempdir().unwrap();
    let text = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/atve.toml")).unwrap();
    let text = text.replace(
        "style_options = { value = 4, min = 1, max = 10, step = 1, label = \"Style options\" }",
        "style_options = { value = 4, low = -7.9e28, high = 7.9e28 }",
    );
    let path = dir.path().join("atve.toml");
    fs::write(&path, text).unwrap();
    let catalogs = Path::new(env!("CARGO_MANIFEST_DIR")).join("catalogs");
    refused(
        &[
            "report",
            path.to_str().unwrap(),
            "--catalogs",
            catalogs.to_str().unwrap(),
        ],
        &["atve.toml:42:27: style_options", "too wide"],
    );
}
