//! What the real binary prints, as text a person reads: control characters from files escaped in
//! every format and error, each bill in its own currency, CSV that a spreadsheet reads back, and
//! diagnostics far along enormous lines cut to a window instead of a panic.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

use reelcost::format::escape::is_unsafe;

const HOSTILE: &str = "tests/fixtures/hostile/scenario.toml";
const EURO: &str = "tests/fixtures/euro/scenario.toml";

fn reelcost(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_reelcost"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        // Stale-price warnings count days from today: a fixed date keeps the snapshots still.
        .env("REELCOST_TODAY", "2026-11-22")
        .output()
        .unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("UTF-8 output")
}

/// Panics naming the first character that would reach a terminal raw.
fn assert_terminal_safe(what: &str, output: &str) {
    if let Some((at, c)) = output.char_indices().find(|&(_, c)| c != '\n' && is_unsafe(c)) {
        let from = output[..at].char_indices().rev().nth(30).map_or(0, |(i, _)| i);
        panic!("{what}: raw {c:?} at byte {at}, after {:?}", &output[from..at]);
    }
}

fn success(args: &[&str]) -> String {
    let out = reelcost(args);
    assert!(out.status.success(), "{args:?}: {}", text(&out.stderr));
    text(&out.stdout)
}

#[test]
fn every_report_format_escapes_control_characters_from_files() {
    for format in ["table", "markdown", "csv"] {
        let shown = success(&["report", HOSTILE, "--format", format]);
        assert_terminal_safe(format, &shown);
        // Shown, not dropped: the reader sees what the file holds.
        for visible in [
            "Hostile \\u{1b}]0;pwned\\u{7} scenario\\r",
            "Clip \\u{1b}]52;c;cm0gLXJmIH4=\\u{7}",
            "evil/clip\\u{1b}[2J",
            "720p\\u{7}",
            "\\u{8}\\u{8}, voice",
        ] {
            assert!(shown.contains(visible), "{format} lacks {visible}:\n{shown}");
        }
        // The warnings name the quote; CSV carries figures, not warnings.
        assert!(
            format == "csv" || shown.contains("quote\\u{9b}31m"),
            "{format}:\n{shown}"
        );
    }
    // JSON keeps the text exact, in its own escapes, C1 controls included.
    let json = success(&["report", HOSTILE, "--format", "json"]);
    assert_terminal_safe("json", &json);
    let parsed: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(parsed["scenario"], "Hostile \u{1b}]0;pwned\u{7} scenario\r");
    assert_eq!(parsed["lines"][0]["label"], "Clip \u{1b}]52;c;cm0gLXJmIH4=\u{7}|=cmd");
    assert!(parsed["warnings"][0].as_str().unwrap().contains("quote\u{9b}31m"));
}

#[test]
fn check_and_errors_escape_control_characters_from_files() {
    let checked = reelcost(&["check", "tests/fixtures/hostile/catalogs", HOSTILE]);
    let shown = text(&checked.stdout);
    assert_terminal_safe("check", &shown);
    assert!(shown.contains("quote\\u{9b}31m"), "{shown}");
    assert!(
        shown.contains("invoice \\u{1b}]52;c;aGk=\\u{7}"),
        "the sources in the help: {shown}"
    );

    let dir = tempfile::tempdir().unwrap();
    // A model id with escapes, quoted back by the error; and raw control bytes in the file,
    // which the parser refuses and the snippet echoes.
    let unknown = dir.path().join("unknown.toml");
    fs::write(
        &unknown,
        "name = \"x\"\n[parameters]\nscenes = 1\n[[scene]]\nlabel = \"a\"\nmodel = \"nope\\u001b]0;t\\u0007\"\n",
    )
    .unwrap();
    let raw = dir.path().join("raw.toml");
    fs::write(&raw, "name = \"x\u{1b}]52;c;aGk=\u{7}\r\u{8}\"\n").unwrap();
    let repo_catalogs = Path::new(env!("CARGO_MANIFEST_DIR")).join("catalogs");
    for (file, visible) in [
        (&unknown, "nope\\u{1b}]0;t\\u{7}"),
        (&raw, "x\\u{1b}]52;c;aGk=\\u{7}\\r\\u{8}"),
    ] {
        let file = file.display().to_string();
        let catalogs = repo_catalogs.display().to_string();
        let report = reelcost(&["report", &file, "--catalogs", &catalogs]);
        assert_eq!(report.status.code(), Some(1));
        let check = reelcost(&["check", &file, "--catalogs", &catalogs]);
        assert_eq!(check.status.code(), Some(1));
        for (what, output) in [("report", text(&report.stderr)), ("check", text(&check.stdout))] {
            assert_terminal_safe(what, &output);
            assert!(output.contains(visible), "{what} lacks {visible}:\n{output}");
        }
    }
}

#[test]
fn a_euro_bill_is_shown_in_euros() {
    for format in ["table", "markdown", "csv"] {
        let shown = success(&["report", EURO, "--format", format]);
        assert!(!shown.contains('$'), "{format} shows dollars:\n{shown}");
        insta::assert_snapshot!(format!("report_euro_{format}"), shown);
    }
    let table = success(&["report", EURO]);
    assert!(table.contains("Per month             €1,050.00"), "{table}");
    assert!(
        table.contains("margin at €1.20 a video (10 credits at €0.12)"),
        "{table}"
    );
    let checked = success(&["check", "tests/fixtures/euro"]);
    assert!(checked.contains("€1.20") && !checked.contains('$'), "{checked}");
}

#[test]
fn csv_reads_back_as_sections_of_plain_numbers() {
    let csv_text = success(&["report", HOSTILE, "--format", "csv"]);
    assert!(!csv_text.contains('\r'), "a carriage return in a label stays escaped");
    let sections: Vec<&str> = csv_text.split("\n\n").collect();
    assert_eq!(sections.len(), 3, "parameters, lines, totals:\n{csv_text}");
    let rows = |section: &str| -> Vec<Vec<String>> {
        csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(section.as_bytes())
            .records()
            .map(|r| r.unwrap().iter().map(str::to_owned).collect())
            .collect()
    };
    let lines = rows(sections[1]);
    assert_eq!(lines[0][..4], ["stage", "label", "model", "unit_price"]);
    // A comma and quotes stay in their field; a leading `=` is not a formula.
    assert_eq!(lines[2][1], "'=HYPERLINK(\"x\")\\u{8}\\u{8}, voice");
    for row in &lines[1..] {
        for figure in [&row[3], &row[5], &row[6], &row[7]] {
            figure.parse::<f64>().unwrap_or_else(|_| panic!("{figure} is a number"));
            assert!(figure.len() <= 20, "{figure} is readable");
        }
    }
    let totals = rows(sections[2]);
    assert_eq!(totals[1], ["per_video", "1.012", "USD"]);

    // One section alone is a single table, ready to open.
    let only = success(&["report", EURO, "--format", "csv", "--what", "totals"]);
    assert!(only.starts_with("total,value,unit\nper_video,1.05,EUR\n"), "{only}");
    let two = success(&["report", EURO, "--format", "csv", "--what", "parameters,lines"]);
    assert!(
        two.starts_with("parameter,value\n") && two.contains("\n\nstage,label"),
        "{two}"
    );
    let refused = reelcost(&["report", EURO, "--what", "lines"]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(text(&refused.stderr).contains("--what: chooses the sections of a CSV report"));
}

/// A line far longer than any screen: a string of filler between `open` and `close`, then the
/// mistake at `column` (1-based, in characters).
fn long_line((open, close): (&str, &str), column: usize, mistake: &str) -> String {
    let filler = column - 1 - open.len() - close.len();
    format!("{open}{}{close}{mistake}", "a".repeat(filler))
}

/// Checks a diagnostic printed for a mistake past column 65,535: located, cut to a window, and
/// its caret under the mistake.
fn assert_windowed(output: &str, location: &str, mistake: &str) {
    let at = output
        .find(location)
        .unwrap_or_else(|| panic!("no {location} in:\n{output}"));
    let rows: Vec<&str> = output[at..].lines().take(3).collect();
    assert!(rows[1].contains('…'), "marked as cut: {}", rows[1]);
    assert!(output.lines().all(|l| l.len() < 400), "no line is printed whole");
    // Columns, not bytes: the `…` is one column wide.
    let caret = rows[2].find('^').expect("a caret");
    let shown: String = rows[1].chars().skip(caret).collect();
    assert!(shown.starts_with(mistake), "caret at {shown:?}");
}

#[test]
fn a_mistake_past_column_65535_is_located_not_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let column = 70_000;
    // A catalog whose one-line model has a negative price far along the line.
    let catalog = dir.path().join("wide.toml");
    let open = "model = [{ id = \"w\", kind = \"image\", unit = \"image\", note = \"";
    let line = long_line((open, "\", price = "), column, "-1 }]");
    fs::write(&catalog, format!("provider = \"wide\"\ncurrency = \"USD\"\n{line}\n")).unwrap();
    // A scenario whose TOML breaks far along a line.
    let scenario = dir.path().join("scenario.toml");
    let line = long_line(("name = \"", "\" "), column, "oops");
    fs::write(&scenario, format!("{line}\n[parameters]\nscenes = 1\n")).unwrap();

    let check = reelcost(&["check", &catalog.display().to_string()]);
    assert_eq!(check.status.code(), Some(1), "{}", text(&check.stderr));
    let location = format!("wide.toml:3:{column}: price cannot be negative");
    assert_windowed(&text(&check.stdout), &location, "-1 }]");

    for args in [vec!["check"], vec!["report"], vec![]] {
        let mut args = args;
        let path = scenario.display().to_string();
        args.push(&path);
        let out = reelcost(&args);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {}", text(&out.stderr));
        let shown = format!("{}{}", text(&out.stdout), text(&out.stderr));
        assert_windowed(&shown, &format!("scenario.toml:1:{column}:"), "oops");
    }
}

/// The what-if analyses write a euro bill's money in euros, and the scenario's hostile names
/// escaped, in every text format.
#[test]
fn analyses_write_money_in_the_bills_currency_and_escape_file_text() {
    let analyses: [&[&str]; 4] = [
        &["sensitivity"],
        &["sweep", "--over", "frames=80,100"],
        &["solve", "--target", "per_video=0.9", "--vary", "frames"],
        &["compare"],
    ];
    for args in analyses {
        for format in ["table", "markdown", "csv", "json"] {
            let mut euro: Vec<&str> = args.to_vec();
            euro.insert(1, EURO);
            if args[0] == "compare" {
                euro.insert(1, EURO);
            }
            euro.extend(["--format", format]);
            let shown = success(&euro);
            assert_terminal_safe(&format!("{euro:?}"), &shown);
            if matches!(format, "table" | "markdown") {
                assert!(shown.contains('€') && !shown.contains('$'), "{euro:?}:\n{shown}");
            }
            let mut hostile: Vec<&str> = args.to_vec();
            hostile.insert(1, HOSTILE);
            if args[0] == "compare" {
                hostile.insert(1, HOSTILE);
            }
            hostile.extend(["--format", format]);
            let out = reelcost(&hostile);
            assert_terminal_safe(&format!("{hostile:?} stdout"), &text(&out.stdout));
            assert_terminal_safe(&format!("{hostile:?} stderr"), &text(&out.stderr));
        }
    }
}
