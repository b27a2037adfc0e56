//! Invalid inputs: every broken catalog and scenario must be refused by the real binary with a
//! located, readable message, and never with a panic or a hang.
//!
//! Fixtures live in `tests/fixtures/invalid/` and state what they expect in their leading
//! comment lines:
//!
//! ```text
//! # expect: 10:9: price cannot be negative   <path>:10:9: and a message containing the fragment
//! # expect: : the scenario has no steps      no line to point at: only the fragment is checked
//! # help: did you mean `price`?              some `help:` line contains this
//! ```
//!
//! Where a fixture is decides how it is run:
//!
//! - `catalog/*.toml`: `reelcost check FILE`.
//! - `scenario/*.toml`: `reelcost check FILE` and `reelcost report FILE`, against the repo's
//!   `catalogs/` unless the fixture sets its own `catalogs` key.
//! - `catalog-set/*/`: `reelcost check DIR`, for problems that take more than one file.
//! - `support/`: valid catalogs that scenario fixtures point at; never run as fixtures.
//!
//! Inputs that cannot carry a comment (an empty file, bad bytes, a byte-order mark) and inputs
//! too large to commit are generated into a temporary directory by the focused tests below.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::fmt::Write as _;
use std::fs;
use std::io::{Read, Seek, SeekFrom};
use std::path::Path;
use std::process::{Command, ExitStatus, Stdio};

const FIXTURES: &str = "tests/fixtures/invalid";

/// What a finished run of the binary left behind. No run is timed: how fast reelcost refuses a
/// file is for the benches, and a slow, busy machine must not fail these tests.
struct Run {
    status: ExitStatus,
    stdout: String,
    stderr: String,
}

impl Run {
    fn code(&self) -> Option<i32> {
        self.status.code()
    }

    /// Problems every refusal must avoid, whatever the input.
    fn unclean(&self) -> Option<String> {
        let both = format!("{}{}", self.stdout, self.stderr);
        ["panicked", "RUST_BACKTRACE", "stack backtrace"]
            .iter()
            .find(|marker| both.contains(*marker))
            .map(|marker| format!("output contains `{marker}`: reelcost panicked"))
    }

    fn transcript(&self) -> String {
        let clip = |text: &str| {
            const MAX: usize = 3000;
            if text.len() <= MAX {
                text.to_owned()
            } else {
                let end = (0..=MAX).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0);
                format!("{}... ({} more bytes)", &text[..end], text.len() - end)
            }
        };
        format!(
            "    status: {:?}\n    stdout:\n{}\n    stderr:\n{}",
            self.status,
            indent(&clip(&self.stdout)),
            indent(&clip(&self.stderr))
        )
    }
}

fn indent(text: &str) -> String {
    text.lines().map(|l| format!("      | {l}\n")).collect()
}

/// Runs the binary from the crate root, so that fixture paths in its output are the relative
/// paths passed in. Output goes to temporary files rather than pipes: a child that fills a pipe
/// nobody is reading would look like a hang.
fn reelcost(args: &[&str]) -> Run {
    let mut stdout = tempfile::tempfile().unwrap();
    let mut stderr = tempfile::tempfile().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_reelcost"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(Stdio::null())
        .stdout(stdout.try_clone().unwrap())
        .stderr(stderr.try_clone().unwrap())
        .spawn()
        .expect("the reelcost binary runs");
    let status = child.wait().unwrap();
    let read = |file: &mut fs::File| {
        let mut bytes = Vec::new();
        file.seek(SeekFrom::Start(0)).unwrap();
        file.read_to_end(&mut bytes).unwrap();
        String::from_utf8_lossy(&bytes).into_owned()
    };
    Run {
        status,
        stdout: read(&mut stdout),
        stderr: read(&mut stderr),
    }
}

/// One expected diagnostic.
#[derive(Debug, Clone)]
struct Expect {
    /// The file the diagnostic names, as reelcost prints it.
    path: String,
    /// `line:col`, or `None` for a problem with no place in the file.
    position: Option<String>,
    fragment: String,
}

impl Expect {
    fn parse(path: &str, text: &str) -> Result<Self, String> {
        let (position, fragment) = match text.strip_prefix(": ") {
            Some(fragment) => (None, fragment),
            None => {
                let (position, fragment) = text
                    .split_once(": ")
                    .ok_or_else(|| format!("`# expect: {text}` is not `LINE:COL: fragment` or `: fragment`"))?;
                let valid = position
                    .split_once(':')
                    .is_some_and(|(l, c)| is_number(l) && is_number(c));
                if !valid {
                    return Err(format!("`# expect: {text}`: `{position}` is not LINE:COL"));
                }
                (Some(position.to_owned()), fragment)
            }
        };
        if fragment.trim().is_empty() {
            return Err(format!("`# expect: {text}` has no message fragment"));
        }
        Ok(Self {
            path: path.to_owned(),
            position,
            fragment: fragment.to_owned(),
        })
    }

    fn found_in(&self, output: &str) -> bool {
        match &self.position {
            Some(position) => {
                let prefix = format!("{}:{position}: ", self.path);
                output
                    .lines()
                    .any(|line| line.strip_prefix(&prefix).is_some_and(|m| m.contains(&self.fragment)))
            }
            None => output.contains(&self.fragment),
        }
    }
}

impl std::fmt::Display for Expect {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.position {
            Some(position) => write!(f, "`{}:{position}: ...{}...`", self.path, self.fragment),
            None => write!(f, "`...{}...`", self.fragment),
        }
    }
}

fn is_number(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit())
}

fn has_help(output: &str, fragment: &str) -> bool {
    output
        .lines()
        .filter_map(|line| line.trim_start().strip_prefix("help: "))
        .any(|help| help.contains(fragment))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Group {
    Catalog,
    Scenario,
    CatalogSet,
}

/// A fixture and what its header says about it.
#[derive(Debug)]
struct Fixture {
    /// The file, or the directory of a catalog set, relative to the crate root.
    target: String,
    group: Group,
    expects: Vec<Expect>,
    helps: Vec<String>,
    /// A scenario that names its own catalogs is run without `--catalogs`, which would override them.
    own_catalogs: bool,
}

#[derive(Default)]
struct Header {
    expects: Vec<Expect>,
    helps: Vec<String>,
}

fn read_header(path: &str, text: &str, header: &mut Header) -> Result<(), String> {
    for line in text.lines().take_while(|l| l.starts_with('#')) {
        let line = line.trim_start_matches('#').trim();
        if let Some(rest) = line.strip_prefix("expect:") {
            header.expects.push(Expect::parse(path, rest.trim_start())?);
        } else if let Some(rest) = line.strip_prefix("help:") {
            header.helps.push(rest.trim().to_owned());
        }
    }
    Ok(())
}

fn sorted_entries(dir: &str) -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut names: Vec<String> = fs::read_dir(root.join(dir))
        .unwrap_or_else(|e| panic!("{dir}: {e}"))
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    names.into_iter().map(|name| format!("{dir}/{name}")).collect()
}

fn read_text(path: &str) -> String {
    fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Every fixture, and the headers that could not be read (which fail the main test).
fn fixtures() -> (Vec<Fixture>, Vec<String>) {
    let mut found = Vec::new();
    let mut broken = Vec::new();
    let mut add = |target: String, group: Group, files: Vec<String>| {
        let mut header = Header::default();
        let mut own_catalogs = false;
        for file in &files {
            let text = read_text(file);
            if let Err(e) = read_header(file, &text, &mut header) {
                broken.push(format!("{file}: {e}"));
                return;
            }
            own_catalogs |= text
                .lines()
                .any(|l| l.split_once('=').is_some_and(|(key, _)| key.trim() == "catalogs"));
        }
        if header.expects.is_empty() {
            broken.push(format!("{target}: no `# expect:` line"));
            return;
        }
        found.push(Fixture {
            target,
            group,
            expects: header.expects,
            helps: header.helps,
            own_catalogs,
        });
    };
    for (dir, group) in [("catalog", Group::Catalog), ("scenario", Group::Scenario)] {
        for file in sorted_entries(&format!("{FIXTURES}/{dir}")) {
            if file.ends_with(".toml") {
                add(file.clone(), group, vec![file]);
            }
        }
    }
    for dir in sorted_entries(&format!("{FIXTURES}/catalog-set")) {
        let files = sorted_entries(&dir)
            .into_iter()
            .filter(|f| f.ends_with(".toml"))
            .collect();
        add(dir, Group::CatalogSet, files);
    }
    (found, broken)
}

impl Fixture {
    /// Runs the fixture the way its group says; returns what went wrong, if anything.
    fn failures(&self) -> Vec<String> {
        let mut failures = Vec::new();
        let catalogs: &[&str] = if self.group == Group::Scenario && !self.own_catalogs {
            &["--catalogs", "catalogs"]
        } else {
            &[]
        };
        let mut check = vec!["check", self.target.as_str()];
        check.extend(catalogs);
        failures.extend(self.judge(&check, |r| r.stdout.clone(), |code| code == Some(1), "exit status 1"));

        if self.group == Group::Scenario {
            let mut report = vec!["report", self.target.as_str()];
            report.extend(catalogs);
            failures.extend(self.judge(
                &report,
                |r| r.stderr.clone(),
                |code| code.is_some_and(|c| c != 0),
                "a non-zero exit status",
            ));
        }
        failures
    }

    fn judge(
        &self,
        args: &[&str],
        output: impl Fn(&Run) -> String,
        status_ok: impl Fn(Option<i32>) -> bool,
        wanted_status: &str,
    ) -> Option<String> {
        let run = reelcost(args);
        let mut problems = Vec::new();
        problems.extend(run.unclean());
        if !status_ok(run.code()) {
            problems.push(format!("expected {wanted_status}, got {:?}", run.status));
        }
        let text = output(&run);
        for expect in &self.expects {
            if !expect.found_in(&text) {
                problems.push(format!("missing {expect}"));
            }
        }
        for help in &self.helps {
            if !has_help(&text, help) {
                problems.push(format!("missing a `help:` line containing `{help}`"));
            }
        }
        if problems.is_empty() {
            return None;
        }
        let mut message = format!("reelcost {}\n", args.join(" "));
        for p in &problems {
            let _ = writeln!(message, "  - {p}");
        }
        Some(format!("{message}{}", run.transcript()))
    }
}

fn report_all(failures: &[String], cases: usize) {
    assert!(
        failures.is_empty(),
        "{} failed run(s) across {cases} case(s):\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

#[test]
fn every_fixture_is_refused_with_its_message() {
    let (fixtures, mut failures) = fixtures();
    assert!(fixtures.len() >= 45, "only {} fixtures found", fixtures.len());
    for fixture in &fixtures {
        failures.extend(fixture.failures());
    }
    report_all(&failures, fixtures.len());
}

#[test]
fn support_catalogs_are_valid() {
    // Scenario fixtures point at these; if one broke, its scenarios would fail for the wrong reason.
    for dir in sorted_entries(&format!("{FIXTURES}/support")) {
        let run = reelcost(&["check", &dir]);
        assert!(
            run.unclean().is_none() && run.code() == Some(0),
            "{dir} should check clean\n{}",
            run.transcript()
        );
    }
}

/// How a generated file should fare under `reelcost check`.
enum Outcome {
    Clean,
    /// `position` is `line:col`, or `None` when the problem has no place in the file.
    Refused {
        position: Option<&'static str>,
        fragment: &'static str,
    },
}

const CATALOG: &str = "provider = \"Fixture\"\ncurrency = \"USD\"\n\n[[model]]\nid = \"fixture/image\"\nkind = \"image\"\nunit = \"image\"\nprice = 0.04\n";

/// `text` with its one `marker` byte replaced by `byte`, which need not be valid UTF-8.
fn raw_byte(text: &str, marker: u8, byte: u8) -> Vec<u8> {
    let mut bytes = text.as_bytes().to_vec();
    let at = bytes
        .iter()
        .position(|&b| b == marker)
        .expect("the marker is in the text");
    bytes[at] = byte;
    bytes
}

/// Inputs that cannot carry an `# expect:` comment, so their expectations live here.
fn uncommentable_inputs() -> Vec<(&'static str, Vec<u8>, Outcome)> {
    let with_bom = |text: &str| [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat();
    vec![
        (
            "empty.toml",
            Vec::new(),
            Outcome::Refused {
                position: None,
                fragment: "the file is empty",
            },
        ),
        (
            "whitespace.toml",
            b" \n\t\n\n".to_vec(),
            Outcome::Refused {
                position: None,
                fragment: "the file is empty",
            },
        ),
        (
            // "café" saved as Latin-1: the bad byte is the 18th character of line 5.
            "latin1.toml",
            raw_byte(&CATALOG.replace("fixture/image", "fixture/caf?"), b'?', 0xE9),
            Outcome::Refused {
                position: Some("5:18"),
                fragment: "the file is not valid UTF-8 text",
            },
        ),
        (
            // UTF-16 with its byte-order mark: the first byte is already invalid.
            "utf16.toml",
            [
                b"\xFF\xFE".as_slice(),
                &CATALOG.bytes().flat_map(|b| [b, 0]).collect::<Vec<u8>>(),
            ]
            .concat(),
            Outcome::Refused {
                position: Some("1:1"),
                fragment: "the file is not valid UTF-8 text",
            },
        ),
        // Editors on Windows add a UTF-8 byte-order mark; it is not part of the TOML.
        ("bom.toml", with_bom(CATALOG), Outcome::Clean),
        (
            // ... and must not shift the columns of what follows it on line 1.
            "bom-then-error.toml",
            with_bom(&CATALOG.replace("provider = \"Fixture\"", "provider = 42")),
            Outcome::Refused {
                position: Some("1:12"),
                fragment: "invalid type: integer `42`, expected a string",
            },
        ),
        (
            "bom-negative-price.toml",
            with_bom(&CATALOG.replace("0.04", "-0.04")),
            Outcome::Refused {
                position: Some("8:9"),
                fragment: "price cannot be negative",
            },
        ),
    ]
}

#[test]
fn inputs_that_cannot_hold_comments() {
    let dir = tempfile::tempdir().unwrap();
    let mut failures = Vec::new();
    let inputs = uncommentable_inputs();
    for (name, bytes, outcome) in &inputs {
        let path = dir.path().join(name);
        fs::write(&path, bytes).unwrap();
        let shown = path.display().to_string();
        let run = reelcost(&["check", &shown]);
        let mut problems: Vec<String> = run.unclean().into_iter().collect();
        match outcome {
            Outcome::Clean => {
                if run.code() != Some(0) || !run.stdout.contains("0 errors") {
                    problems.push("expected it to check clean".to_owned());
                }
            }
            Outcome::Refused { position, fragment } => {
                if run.code() != Some(1) {
                    problems.push(format!("expected exit status 1, got {:?}", run.status));
                }
                let expect = Expect {
                    path: shown.clone(),
                    position: position.map(str::to_owned),
                    fragment: (*fragment).to_owned(),
                };
                if !expect.found_in(&run.stdout) {
                    problems.push(format!("missing {expect}"));
                }
            }
        }
        if !problems.is_empty() {
            failures.push(format!("{name}: {}\n{}", problems.join("; "), run.transcript()));
        }
    }
    report_all(&failures, inputs.len());
}

#[test]
fn entries_named_toml_that_are_not_files_are_reported_not_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let catalogs = dir.path().join("catalogs");
    fs::create_dir(&catalogs).unwrap();
    fs::write(catalogs.join("good.toml"), CATALOG).unwrap();
    fs::create_dir(catalogs.join("old.toml")).unwrap();
    let mkfifo = Command::new("mkfifo").arg(catalogs.join("pipe.toml")).status();
    assert!(
        mkfifo.is_ok_and(|s| s.success()),
        "mkfifo (coreutils) makes the named pipe"
    );
    std::os::unix::fs::symlink("/dev/null", catalogs.join("device.toml")).unwrap();
    std::os::unix::fs::symlink("loop.toml", catalogs.join("loop.toml")).unwrap();
    std::os::unix::fs::symlink("nowhere.toml", catalogs.join("gone.toml")).unwrap();
    let scenario = dir.path().join("s.toml");
    fs::write(&scenario, "[[video]]\nmodel = \"fixture/image\"\n").unwrap();
    let shown = catalogs.display().to_string();
    let expected = [
        ("device.toml", "is a device file, not a catalog file"),
        ("gone.toml", "is a symbolic link to nowhere.toml, which does not exist"),
        ("loop.toml", "is a symbolic link that loops back on itself"),
        ("old.toml", "is a directory, not a catalog file"),
        ("pipe.toml", "is a named pipe (FIFO), not a catalog file"),
    ];
    let scenario_shown = scenario.display().to_string();
    let runs = [
        ("check", reelcost(&["check", &shown])),
        ("report", reelcost(&["report", &scenario_shown, "--catalogs", &shown])),
    ];
    for (command, run) in &runs {
        assert!(
            run.unclean().is_none() && run.code() == Some(1),
            "{command}\n{}",
            run.transcript()
        );
        let output = if *command == "check" { &run.stdout } else { &run.stderr };
        for (name, fragment) in expected {
            let expect = Expect {
                path: format!("{shown}/{name}"),
                position: None,
                fragment: format!("{shown}/{name}: {fragment}"),
            };
            assert!(
                expect.found_in(output),
                "{command}: missing {expect}\n{}",
                run.transcript()
            );
        }
    }
    // Named directly, a looping link is a loop, not "no such file" or "no such scenario".
    let looping = format!("{shown}/loop.toml");
    let check = reelcost(&["check", &looping]);
    assert!(
        check
            .stdout
            .contains(&format!("{looping}: is a symbolic link that loops back on itself")),
        "{}",
        check.transcript()
    );
    let report = reelcost(&["report", &looping]);
    assert!(
        report
            .stderr
            .contains(&format!("{looping}: is a symbolic link that loops back on itself")),
        "{}",
        report.transcript()
    );
}

/// A catalog of `models` models, each written by `model(i)`.
fn generated_catalog(models: usize, model: impl Fn(usize) -> String) -> String {
    let mut text = String::from("provider = \"Generated\"\ncurrency = \"USD\"\n");
    for i in 0..models {
        text.push_str(&model(i));
    }
    text
}

fn image_model(i: usize, price: &str) -> String {
    format!("\n[[model]]\nid = \"generated/model-{i}\"\nkind = \"image\"\nunit = \"image\"\nprice = {price}\n")
}

#[test]
fn a_file_of_several_megabytes_is_checked_and_located() {
    // The one mistake is at the very end, so a loader that gives up early or miscounts lines
    // across megabytes shows here.
    let models = 60_000;
    let mut text = generated_catalog(models, |i| image_model(i, "0.01"));
    text.push_str(&image_model(models, "-0.01"));
    assert!(text.len() > 4_000_000, "the file is {} bytes", text.len());
    let last_line = text.lines().count();

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.toml");
    fs::write(&path, &text).unwrap();
    let shown = path.display().to_string();
    let run = reelcost(&["check", &shown]);
    assert!(run.unclean().is_none(), "{}", run.transcript());
    assert_eq!(run.code(), Some(1), "{}", run.transcript());
    let expect = Expect {
        path: shown,
        position: Some(format!("{last_line}:9")),
        fragment: "price cannot be negative".to_owned(),
    };
    assert!(expect.found_in(&run.stdout), "missing {expect}\n{}", run.transcript());
}

#[test]
fn a_file_full_of_errors_reports_every_one() {
    let models = 60_000;
    let text = generated_catalog(models, |i| image_model(i, "-0.01"));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("errors.toml");
    fs::write(&path, &text).unwrap();
    let run = reelcost(&["check", &path.display().to_string()]);
    assert!(run.unclean().is_none(), "{} bytes: {}", text.len(), run.transcript());
    assert!(run.stdout.contains(&format!("{models} errors")), "{}", run.transcript());
}

#[test]
fn a_long_rate_table_is_checked_whole() {
    let rows = 60_000;
    let mut text = String::from(
        "provider = \"Generated\"\ncurrency = \"USD\"\n\n[[model]]\nid = \"generated/video\"\nkind = \"video\"\nunit = \"second\"\nrates = [\n",
    );
    for i in 0..rows {
        let _ = writeln!(text, "  {{ resolution = \"{i}p\", price = 0.01 }},");
    }
    text.push_str("]\n");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("rates.toml");
    fs::write(&path, &text).unwrap();
    let run = reelcost(&["check", &path.display().to_string()]);
    assert!(run.unclean().is_none(), "{} bytes: {}", text.len(), run.transcript());
    assert_eq!(run.code(), Some(0), "{}", run.transcript());
}

/// A command line that must be refused with a clear message: on stdout for `check`, which
/// prints its findings as its output, and on stderr for every other command.
struct Misuse {
    args: &'static [&'static str],
    /// A line of that output must start with this...
    starts: &'static str,
    /// ... and contain this.
    fragment: &'static str,
    help: Option<&'static str>,
    /// A suggestion that would be wrong here, e.g. a "did you mean" with nothing close.
    help_lacks: Option<&'static str>,
}

const MISUSES: &[Misuse] = &[
    Misuse {
        args: &["report", "atve", "--set", "frames=abc"],
        starts: "--set frames=abc: ",
        fragment: "frames `abc` is not a number",
        help: Some("a whole number from 1 to 100000"),
        help_lacks: None,
    },
    Misuse {
        args: &["report", "atve", "--set", "reroll_rate=1"],
        starts: "--set reroll_rate=1: ",
        fragment: "reroll_rate 1 is not in [0, 1)",
        help: None,
        help_lacks: None,
    },
    Misuse {
        args: &["report", "atve", "--set", "nope=1"],
        starts: "--set nope=1: ",
        fragment: "nope is not a parameter",
        help: Some("parameters: scenes, frames"),
        help_lacks: Some("did you mean"),
    },
    Misuse {
        args: &["report", "atve", "--set", "frams=80"],
        starts: "--set frams=80: ",
        fragment: "frams is not a parameter",
        help: Some("did you mean `frames`?"),
        help_lacks: None,
    },
    Misuse {
        args: &["report", "atve", "--set", "frames"],
        starts: "--set frames: ",
        fragment: "expected NAME=VALUE",
        help: Some("--set frames=80"),
        help_lacks: None,
    },
    Misuse {
        args: &["check", "tests/fixtures/invalid/no-such-file.toml"],
        starts: "tests/fixtures/invalid/no-such-file.toml: ",
        fragment: "no such file or directory",
        help: None,
        help_lacks: None,
    },
    Misuse {
        args: &["report", "tests/fixtures/invalid/scenario"],
        starts: "tests/fixtures/invalid/scenario: ",
        fragment: "is a directory, not a file",
        help: Some("name a .toml file"),
        help_lacks: None,
    },
    Misuse {
        args: &["report", "no-such-scenario"],
        starts: "no-such-scenario: ",
        fragment: "no such scenario file, and no built-in scenario has that name",
        help: Some("built-in scenarios: "),
        help_lacks: None,
    },
    Misuse {
        args: &["report", "atve", "--catalogs", "tests/fixtures/invalid/no-such-dir"],
        starts: "tests/fixtures/invalid/no-such-dir: ",
        fragment: "cannot read the catalog directory: no such file or directory",
        help: None,
        help_lacks: None,
    },
    Misuse {
        args: &[
            "report",
            "atve",
            "--catalogs",
            "tests/fixtures/invalid/support/two-currencies/eur.toml",
        ],
        starts: "tests/fixtures/invalid/support/two-currencies/eur.toml: ",
        fragment: "cannot read the catalog directory",
        help: None,
        help_lacks: None,
    },
];

/// `--set` values whose problem only shows when the bill is priced, each with why it matters.
const SETTING_MISUSES: &[(&str, Misuse)] = &[
    (
        "a --set model typo is the setting's fault, not the scenario line's",
        Misuse {
            args: &["report", "atve", "--set", "video_model=kling/o3/nope"],
            starts: "--set video_model=kling/o3/nope: ",
            fragment: "no catalog prices the model `kling/o3/nope`",
            help: Some("did you mean `kling/o3/text-to-video`?"),
            help_lacks: None,
        },
    ),
    (
        "an empty name is not a parameter name",
        Misuse {
            args: &["report", "atve", "--set", "=5"],
            starts: "--set =5: ",
            fragment: "expected NAME=VALUE",
            help: None,
            help_lacks: None,
        },
    ),
    (
        "a clip too long to count its frames is refused, not an overflow",
        Misuse {
            args: &["report", "atve", "--set", "seconds=79000000000000000000000000000"],
            starts: "--set seconds=79000000000000000000000000000: ",
            fragment: "too long a clip",
            help: None,
            help_lacks: None,
        },
    ),
];

impl Misuse {
    fn failure(&self) -> Option<String> {
        let run = reelcost(self.args);
        let (stream, output) = if self.args.first() == Some(&"check") {
            ("stdout", &run.stdout)
        } else {
            ("stderr", &run.stderr)
        };
        let mut problems: Vec<String> = run.unclean().into_iter().collect();
        if run.code().is_none_or(|c| c == 0) {
            problems.push(format!("expected a non-zero exit status, got {:?}", run.status));
        }
        let located = output
            .lines()
            .any(|l| l.strip_prefix(self.starts).is_some_and(|m| m.contains(self.fragment)));
        if !located {
            problems.push(format!("{stream} lacks `{}...{}...`", self.starts, self.fragment));
        }
        if let Some(help) = self.help
            && !has_help(output, help)
        {
            problems.push(format!("missing a `help:` line containing `{help}`"));
        }
        if let Some(wrong) = self.help_lacks
            && has_help(output, wrong)
        {
            problems.push(format!("a `help:` line says `{wrong}`, which does not apply"));
        }
        (!problems.is_empty()).then(|| {
            format!(
                "reelcost {}\n  - {}\n{}",
                self.args.join(" "),
                problems.join("\n  - "),
                run.transcript()
            )
        })
    }
}

#[test]
fn command_line_misuse_is_refused_clearly() {
    let failures: Vec<String> = MISUSES.iter().filter_map(Misuse::failure).collect();
    report_all(&failures, MISUSES.len());
}

#[test]
fn settings_the_engine_cannot_place_are_refused_at_the_setting() {
    let failures: Vec<String> = SETTING_MISUSES
        .iter()
        .filter_map(|(why, misuse)| misuse.failure().map(|f| format!("{why}\n{f}")))
        .collect();
    report_all(&failures, SETTING_MISUSES.len());
}

#[test]
fn a_closed_output_pipe_is_not_a_panic() {
    // The reading end is closed before the child starts, so its first write fails every time,
    // as it does late in `reelcost check catalogs scenarios | head -1`.
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let mut stderr = tempfile::tempfile().unwrap();
    let status = Command::new(env!("CARGO_BIN_EXE_reelcost"))
        .args(["check", "catalogs"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdout(writer)
        .stderr(stderr.try_clone().unwrap())
        .status()
        .unwrap();
    let mut text = String::new();
    stderr.seek(SeekFrom::Start(0)).unwrap();
    stderr.read_to_string(&mut text).unwrap();
    assert!(!text.contains("panicked"), "{status:?}\n{text}");
    assert_ne!(status.code(), Some(101), "{text}");

    // A refused scenario's diagnostics go to stderr; a closed stderr must not turn exit 1 into 101.
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let status = Command::new(env!("CARGO_BIN_EXE_reelcost"))
        .args([
            "report",
            "tests/fixtures/invalid/scenario/no-steps.toml",
            "--catalogs",
            "catalogs",
        ])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdout(Stdio::null())
        .stderr(writer)
        .status()
        .unwrap();
    assert_eq!(status.code(), Some(1));
}
