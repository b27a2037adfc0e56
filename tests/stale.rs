//! Stale prices: `report` and `check` warn when a price is older than its catalog allows, on a
//! date the test sets through `REELCOST_TODAY`, never the machine's clock.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::process::{Command, Output};

fn reelcost_on(today: &str, args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_reelcost"))
        .args(args)
        .current_dir(dir)
        .env("REELCOST_TODAY", today)
        .output()
        .unwrap()
}

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn text(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned() + &String::from_utf8_lossy(&output.stderr)
}

const STALE: &str = "kling/o3/text-to-video: price as of 2026-04-09 is";

#[test]
fn report_warns_once_the_price_is_older_than_ninety_days() {
    // Kling O3's price was read on 2026-04-09: 90 days later is 2026-07-08.
    let fresh = reelcost_on("2026-07-08", &["report", "kling-o3"], repo());
    assert!(fresh.status.success());
    assert!(!text(&fresh).contains(STALE), "{}", text(&fresh));
    let stale = reelcost_on("2026-07-09", &["report", "kling-o3"], repo());
    assert!(stale.status.success(), "a stale price is a warning, not an error");
    assert!(
        text(&stale).contains(&format!("{STALE} 91 days old, past the 90 days a price stays fresh")),
        "{}",
        text(&stale)
    );
    assert!(
        text(&stale).contains("catalogs/kling.toml:10:9: warning:"),
        "{}",
        text(&stale)
    );
}

#[test]
fn stale_after_overrides_the_limit() {
    let longer = reelcost_on("2026-07-09", &["report", "kling-o3", "--stale-after", "365"], repo());
    assert!(!text(&longer).contains(STALE), "{}", text(&longer));
    let shorter = reelcost_on("2026-04-20", &["report", "kling-o3", "--stale-after", "10"], repo());
    assert!(
        text(&shorter).contains(&format!("{STALE} 11 days old")),
        "{}",
        text(&shorter)
    );
}

#[test]
fn a_year_only_date_is_compared_by_the_last_day_of_that_year() {
    // The atve prices are dated "2026": fresh through 2026-12-31 + 90 days.
    let inside = reelcost_on("2027-03-31", &["report", "atve"], repo());
    assert!(!text(&inside).contains("days old"), "{}", text(&inside));
    let after = reelcost_on("2027-04-01", &["report", "atve"], repo());
    assert!(
        text(&after).contains("fal-ai/wan-i2v: price as of 2026 is 91 days old"),
        "{}",
        text(&after)
    );
}

#[test]
fn json_lines_carry_as_of_and_source_and_the_warning() {
    let out = reelcost_on("2026-11-22", &["report", "kling-o3", "--format", "json"], repo());
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let line = &json["lines"][0];
    assert_eq!(line["as_of"], "2026-04-09");
    assert!(
        line["source"]
            .as_str()
            .unwrap()
            .starts_with("https://discuss.huggingface.co/")
    );
    let warnings = json["warnings"].as_array().unwrap();
    assert!(
        warnings.iter().any(|w| w.as_str().unwrap().contains(STALE)),
        "{warnings:?}"
    );
}

#[test]
fn check_warns_once_per_stale_date_and_a_catalog_sets_its_own_limit() {
    let dir = tempfile::tempdir().unwrap();
    let catalog = "provider = \"Fixture\"\ncurrency = \"USD\"\nas_of = \"2026-01\"\nstale_after_days = 30\n\n\
        [[model]]\nid = \"fixture/a\"\nkind = \"video\"\nunit = \"second\"\nprice = 0.1\n\n\
        [[model]]\nid = \"fixture/b\"\nkind = \"video\"\nunit = \"second\"\nprice = 0.2\n";
    std::fs::write(dir.path().join("fixture.toml"), catalog).unwrap();
    // January ends on the 31st; 30 days later is 2026-03-02.
    let fresh = reelcost_on("2026-03-02", &["check", "fixture.toml"], dir.path());
    assert!(text(&fresh).contains("0 errors, 0 warnings"), "{}", text(&fresh));
    let stale = reelcost_on("2026-03-03", &["check", "fixture.toml"], dir.path());
    assert!(stale.status.success());
    assert!(
        text(&stale).contains("fixture.toml:3:9: warning: 2 prices as of 2026-01: 31 days old, past the 30 days"),
        "{}",
        text(&stale)
    );
    assert!(text(&stale).contains("0 errors, 1 warning"), "{}", text(&stale));
    let overridden = reelcost_on(
        "2026-03-03",
        &["check", "fixture.toml", "--stale-after", "60"],
        dir.path(),
    );
    assert!(text(&overridden).contains("0 warnings"), "{}", text(&overridden));
}

#[test]
fn a_malformed_today_is_refused() {
    let out = reelcost_on("someday", &["report", "atve"], repo());
    assert!(!out.status.success());
    assert!(text(&out).contains("REELCOST_TODAY"), "{}", text(&out));
}

/// Runs `reelcost watch` on `today` until it says it is watching, and returns everything it
/// printed by then.
fn watch_on(today: &str, args: &[&str], dir: &Path) -> String {
    use std::io::{BufRead, BufReader};
    use std::process::Stdio;
    let mut child = Command::new(env!("CARGO_BIN_EXE_reelcost"))
        .arg("watch")
        .args(args)
        .current_dir(dir)
        .env("REELCOST_TODAY", today)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // The report is written before the watcher starts; "watching" on stderr comes after it.
    let out = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = std::io::Read::read_to_string(&mut BufReader::new(out), &mut text);
        text
    });
    let mut err = String::new();
    for line in BufReader::new(child.stderr.take().unwrap())
        .lines()
        .map_while(Result::ok)
    {
        err.push_str(&line);
        err.push('\n');
        if line.contains("for changes") {
            break;
        }
    }
    let _ = child.kill();
    let _ = child.wait();
    reader.join().unwrap() + &err
}

#[test]
fn watch_warns_of_stale_prices_as_report_does() {
    let dir = tempfile::tempdir().unwrap();
    assert!(reelcost_on("2026-07-09", &["init", "."], dir.path()).status.success());
    let fresh = watch_on("2026-07-08", &["scenarios/kling-o3.toml"], dir.path());
    assert!(fresh.contains("for changes"), "{fresh}");
    assert!(!fresh.contains(STALE), "{fresh}");
    let stale = watch_on("2026-07-09", &["scenarios/kling-o3.toml"], dir.path());
    assert!(
        stale.contains(&format!("{STALE} 91 days old, past the 90 days a price stays fresh")),
        "{stale}"
    );
}

#[test]
fn stale_after_holds_for_watch_and_for_the_dashboard_too() {
    let dir = tempfile::tempdir().unwrap();
    assert!(reelcost_on("2026-07-09", &["init", "."], dir.path()).status.success());
    // Fresh by the catalog's 90 days on this day, stale past 30.
    let args = ["scenarios/kling-o3.toml", "--stale-after", "30"];
    let watched = watch_on("2026-07-08", &args, dir.path());
    assert!(
        watched.contains(&format!("{STALE} 90 days old, past the 30 days a price stays fresh")),
        "{watched}"
    );
    // The dashboard's command, piped, prints its table by the same limit.
    let piped = reelcost_on("2026-07-08", &args, dir.path());
    assert!(piped.status.success(), "{}", text(&piped));
    assert!(
        text(&piped).contains("90 days old, past the 30 days a price stays fresh"),
        "{}",
        text(&piped)
    );
    let by_default = reelcost_on("2026-07-08", &["scenarios/kling-o3.toml"], dir.path());
    assert!(!text(&by_default).contains("stays fresh"), "{}", text(&by_default));
}
