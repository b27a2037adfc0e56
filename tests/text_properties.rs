//! Properties of the text outputs, for any file text: nothing a file holds reaches a terminal as
//! a control character, a diagnostic anywhere on any line shows a bounded window with its caret
//! under the column, and money reads back as the figure it rounds.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::Arc;

use proptest::prelude::*;
use reelcost::builtin;
use reelcost::engine::{Catalogs, SourceFile, evaluate, load_catalogs, load_scenario};
use reelcost::format::escape::{escape, is_unsafe};
use reelcost::format::{Currency, diagnostic};
use reelcost::report::{self, Format};
use rust_decimal::Decimal;
use unicode_width::UnicodeWidthStr;

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 128,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

fn catalogs() -> Catalogs {
    let files: Vec<Arc<SourceFile>> = builtin::CATALOGS.iter().map(|(n, t)| SourceFile::new(*n, *t)).collect();
    load_catalogs(&files).unwrap()
}

/// Text a hostile file could hold: controls of every kind, wide characters, plain letters.
fn hostile_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        3 => "[a-z ]{1,4}",
        1 => "[\u{0}-\u{1f}\u{7f}-\u{9f}]{1,3}",
        1 => "[\u{202a}-\u{202e}\u{2066}-\u{2069}]",
        1 => "[日本語é|`\"\\\\]{1,2}",
    ];
    proptest::collection::vec(piece, 0..12).prop_map(|pieces| pieces.concat())
}

/// A TOML basic string holding `text`, every character written as an escape.
fn toml_string(text: &str) -> String {
    let escaped: String = text.chars().map(|c| format!("\\U{:08X}", u32::from(c))).collect();
    format!("\"{escaped}\"")
}

fn is_raw(c: char) -> bool {
    c != '\n' && is_unsafe(c)
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn escaped_text_has_no_control_characters(text in hostile_text()) {
        let shown = escape(&text);
        prop_assert!(!shown.contains(is_unsafe));
        if !text.contains(is_unsafe) {
            prop_assert_eq!(shown.as_ref(), text.as_str());
        }
    }

    #[test]
    fn every_text_report_escapes_labels_and_names(name in hostile_text(), label in hostile_text()) {
        let text = format!(
            "name = {}\n[parameters]\nscenes = 1\n[[video]]\nlabel = {}\nmodel = \"anthropic/claude-3-5-haiku\"\nquote = \"per-call-mean\"\n",
            toml_string(&name),
            toml_string(&label)
        );
        let scenario = load_scenario(&SourceFile::new("s.toml", text)).unwrap();
        let bill = evaluate(&scenario, &catalogs(), &scenario.params).unwrap();
        for format in [Format::Table, Format::Markdown, Format::Csv, Format::Json] {
            let shown = report::render(format, &scenario, &scenario.params, &bill);
            prop_assert!(!shown.contains(is_raw), "{:?}: {:?}", format, shown);
        }
    }

    #[test]
    fn a_diagnostic_anywhere_shows_a_window_with_its_caret_on_the_column(
        before in hostile_text(),
        filler in prop_oneof![0usize..200, 65_400usize..70_000],
        after in hostile_text(),
    ) {
        // `before` and the filler, then the mistake `X`, on one line.
        let before: String = before.chars().filter(|&c| c != '\n' && c != '\r').collect();
        let after: String = after.chars().filter(|&c| c != '\n' && c != '\r').collect();
        let line = format!("{before}{}X{after}", "a".repeat(filler));
        let at = before.len() + filler;
        prop_assert_eq!(&line[at..at + 1], "X");
        let file = SourceFile::new("f.toml", line.clone());
        let d = file.diagnostic(at..at + 1, "here");
        let shown = d.to_string();
        prop_assert!(!shown.contains(is_raw));
        let rows: Vec<&str> = shown.lines().collect();
        prop_assert!(rows[1].len() < 1_500, "a window, not the line");
        let (excerpt, caret) = diagnostic::snippet(d.snippet.as_ref().unwrap());
        prop_assert_eq!(rows[1], format!("1 | {excerpt}"));
        prop_assert_eq!(rows[2].width(), "1 | ".width() + caret + 1);
        // The caret's columns are those of the excerpt up to the mistake.
        let upto = excerpt.find('X').map(|i| &excerpt[..i]);
        prop_assert_eq!(upto.map(UnicodeWidthStr::width), Some(caret));
    }

    #[test]
    fn money_reads_back_as_the_figure_it_rounds(
        mantissa in -10_000_000_000i64..10_000_000_000,
        scale in 0u32..10,
        code in prop::sample::select(vec!["USD", "EUR", "GBP", "JPY", "CHF"]),
    ) {
        let value = Decimal::new(mantissa, scale);
        let currency = Currency::of(code);
        let shown = currency.fixed(value, 2);
        let digits: String = shown
            .chars()
            .filter(|c| c.is_ascii_digit() || *c == '.' || *c == '-')
            .collect();
        let places = if code == "JPY" { 0 } else { 2 };
        let read: Decimal = digits.parse().unwrap();
        prop_assert_eq!(read, reelcost::engine::money::round(value, places));
        prop_assert!(shown.contains(['$', '€', '£', '¥']) || shown.ends_with(" CHF"), "{}", shown);
    }
}
