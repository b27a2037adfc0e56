//! Exports as people use them: charts rendered to PNG by a real SVG renderer (rsvg-convert, which
//! is required: without it these tests fail), the memo with its charts beside it, and the CSV.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::path::Path;
use std::process::{Command, Output};

use reelcost::engine::{Params, evaluate};
use reelcost::export::chart::{self, Tornado};

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn reelcost(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_reelcost"))
        .args(args)
        .current_dir(repo())
        .output()
        .unwrap()
}

fn ok(args: &[&str]) -> String {
    let out = reelcost(args);
    assert!(
        out.status.success(),
        "reelcost {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Renders an SVG to a PNG with rsvg-convert and returns the PNG's width and height.
fn render(svg: &Path) -> (u32, u32) {
    let png = svg.with_extension("png");
    let out = Command::new("rsvg-convert")
        .args(["-b", "white", "-o"])
        .arg(&png)
        .arg(svg)
        .output()
        .expect("rsvg-convert is required to render the charts (librsvg2-bin)");
    assert!(
        out.status.success(),
        "{}: {}",
        svg.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    let bytes = std::fs::read(&png).unwrap();
    assert_eq!(&bytes[1..4], b"PNG", "{} is a PNG", png.display());
    let size = |at: usize| u32::from_be_bytes(bytes[at..at + 4].try_into().unwrap());
    (size(16), size(20))
}

#[test]
fn svg_charts_render_at_slide_size_with_the_engines_figures() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("charts");
    let printed = ok(&[
        "export",
        "atve-all-in",
        "--format",
        "svg",
        "-o",
        out.to_str().unwrap(),
        "--compare",
        "atve",
        "--compare",
        "natak-nsfw-video",
    ]);
    for file in ["share.svg", "amortisation.svg", "tornado.svg", "compare.svg"] {
        let path = out.join(file);
        assert!(printed.contains(&path.display().to_string()), "{printed}");
        assert_eq!(render(&path), (1280, 720), "{file}");
    }
    let read = |file: &str| std::fs::read_to_string(out.join(file)).unwrap();
    // The engine's figures: the clip line's $2.2472, and the totals of each compared scenario.
    assert!(read("share.svg").contains("$2.2472  ·  67.6%"));
    assert!(read("share.svg").contains("Where the $3.33 per video goes"));
    assert!(read("amortisation.svg").contains("5: $0.2079"));
    for figure in ["$3.33", "$3.01", "$0.2130"] {
        assert!(read("compare.svg").contains(figure), "{figure}");
    }
}

#[test]
fn the_tornado_renders_from_engine_figures() {
    let project = reelcost::cli::load_project("atve", None).unwrap();
    let at = |name: &str, value: &str| {
        let mut params: Params = project.scenario.params.clone();
        params.set(name, value).unwrap();
        evaluate(&project.scenario, &project.catalogs, &params)
            .unwrap()
            .totals
            .per_video
    };
    let rows = vec![
        ("frames".to_owned(), at("frames", "80"), at("frames", "100")),
        // Fewer videos per character cost more: the input's low end is the higher cost.
        (
            "videos per character".to_owned(),
            at("videos_per_character", "2"),
            at("videos_per_character", "10"),
        ),
        (
            "resolution".to_owned(),
            at("resolution", "480p"),
            at("resolution", "720p"),
        ),
        (
            "reroll rate".to_owned(),
            at("reroll_rate", "0"),
            at("reroll_rate", "0.2"),
        ),
    ];
    let data_rows = rows.len();
    let data = Tornado {
        base: at("frames", "100"),
        measure: "cost per video".into(),
        scenario: project.scenario.name.to_string(),
        currency: "USD".into(),
        rows,
    };
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tornado.svg");
    let svg = chart::tornado(&data).unwrap();
    assert!(
        svg.contains("$2.01") && svg.contains("$3.01"),
        "the 480p and 720p costs"
    );
    // The white page, then a bar (or two) on every row, whichever way the input moves the cost.
    assert!(svg.matches("<rect").count() > data_rows, "{svg}");
    std::fs::write(&path, svg).unwrap();
    assert_eq!(render(&path), (1280, 720));
}

#[test]
fn the_memo_links_its_charts_and_reads_as_expected() {
    let dir = tempfile::tempdir().unwrap();
    for (scenario, name) in [
        ("atve", "atve"),
        ("natak-nsfw-video", "natak_nsfw_video"),
        ("tests/fixtures/export/shapes.toml", "shapes"),
    ] {
        let out = dir.path().join(name);
        ok(&["export", scenario, "--format", "md", "-o", out.to_str().unwrap()]);
        let memo = std::fs::read_to_string(out.join("memo.md")).unwrap();
        for link in memo.lines().filter_map(|l| l.strip_prefix("![")) {
            let file = link.split("](").nth(1).unwrap().trim_end_matches(')');
            assert!(
                out.join(file).is_file(),
                "{name}: the memo links {file}, which was written"
            );
        }
        insta::assert_snapshot!(format!("memo_{name}"), memo);
    }
}

#[test]
fn csv_export_is_the_reports_csv() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("atve.csv");
    ok(&[
        "export",
        "atve",
        "--set",
        "frames=80",
        "--format",
        "csv",
        "-o",
        path.to_str().unwrap(),
    ]);
    let report = ok(&["report", "atve", "--set", "frames=80", "--format", "csv"]);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), report);
}

#[test]
fn a_file_named_xlsx_or_csv_needs_no_format_and_a_directory_says_which_it_takes() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("atve.CSV");
    ok(&["export", "atve", "-o", csv.to_str().unwrap()]);
    assert_eq!(
        std::fs::read_to_string(&csv).unwrap(),
        ok(&["report", "atve", "--format", "csv"])
    );
    let xlsx = dir.path().join("atve.xlsx");
    ok(&["export", "atve", "-o", xlsx.to_str().unwrap()]);
    assert!(std::fs::read(&xlsx).unwrap().starts_with(b"PK"), "a workbook is a zip");

    let charts = dir.path().join("charts");
    let out = reelcost(&["export", "atve", "-o", charts.to_str().unwrap()]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("say what to write into") && err.contains("--format xlsx, svg, md or csv"),
        "{err}"
    );
    assert!(!charts.exists(), "nothing is written");
}

#[test]
fn an_unwritable_path_is_a_clear_error() {
    let dir = support::copy_of_atve();
    let blocker = dir.path().join("file");
    std::fs::write(&blocker, "").unwrap();
    let target = blocker.join("charts");
    let out = reelcost(&["export", "atve", "--format", "svg", "-o", target.to_str().unwrap()]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("cannot make the directory") && err.contains(&*target.to_string_lossy()),
        "{err}"
    );
}

#[test]
fn the_readme_chart_is_what_export_draws_today() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("charts");
    ok(&["export", "atve", "--format", "svg", "-o", out.to_str().unwrap()]);
    let drawn = std::fs::read_to_string(out.join("share.svg")).unwrap();
    let shipped = std::fs::read_to_string(repo().join("assets/atve-share.svg")).unwrap();
    assert!(
        drawn == shipped,
        "assets/atve-share.svg is stale: copy the new share.svg over it"
    );
}

#[test]
fn compare_is_refused_where_no_chart_is_drawn() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("atve.xlsx");
    let out = reelcost(&[
        "export",
        "atve",
        "--format",
        "xlsx",
        "-o",
        path.to_str().unwrap(),
        "--compare",
        "kling-o3",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("use --compare with --format svg or md"));
    assert!(!path.exists(), "nothing is written");
}
