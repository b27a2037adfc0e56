//! Feeds arbitrary bytes to the catalog and scenario loaders, evaluates any scenario that loads
//! against the built-in catalogs, and puts everything into words as a user would see it: every
//! diagnostic through the diagnostic display, every bill through each report format, warnings,
//! price cliffs and quote disagreements through the formatting module. None of it may panic, and
//! no text output may carry a control character from the input unescaped.
#![no_main]

use std::sync::{Arc, OnceLock};

use libfuzzer_sys::fuzz_target;
use reelcost::builtin;
use reelcost::engine::analysis::cliffs;
use reelcost::engine::catalog::disagreements;
use reelcost::engine::{Catalogs, Diagnostic, Diagnostics, SourceFile, evaluate, load_catalog, load_catalogs, load_scenario};
use reelcost::format::escape::is_unsafe;
use reelcost::format::{Currency, rule, warning};
use reelcost::report::{self, Format, Section};

fn catalogs() -> &'static Catalogs {
    static CATALOGS: OnceLock<Catalogs> = OnceLock::new();
    CATALOGS.get_or_init(|| {
        let files: Vec<Arc<SourceFile>> = builtin::CATALOGS.iter().map(|(n, t)| SourceFile::new(*n, *t)).collect();
        load_catalogs(&files).unwrap_or_default()
    })
}

/// Text bound for a terminal: line breaks are the output's own; nothing else may be a control.
fn assert_safe(what: &str, text: &str) {
    if let Some(c) = text.chars().find(|&c| c != '\n' && is_unsafe(c)) {
        panic!("{what} carries a raw {c:?}: {text:?}");
    }
}

fn show(diagnostic: &Diagnostic) {
    assert_safe("a diagnostic", &diagnostic.to_string());
    assert_safe("a headline", &diagnostic.headline());
    if let Some(snippet) = &diagnostic.snippet {
        let (text, _) = reelcost::format::diagnostic::snippet(snippet);
        assert_safe("a snippet", &text);
    }
}

fn show_all(diagnostics: &Diagnostics) {
    diagnostics.0.iter().for_each(show);
    assert_safe("diagnostics", &diagnostics.to_string());
}

fuzz_target!(|data: &[u8]| {
    let file = match SourceFile::from_bytes("fuzz.toml", data.to_vec()) {
        Ok(file) => file,
        Err(diagnostic) => return show(&diagnostic),
    };
    match load_catalog(&file) {
        Ok(catalog) => match load_catalogs(&[file.clone()]) {
            Ok(loaded) => {
                for found in disagreements(&loaded) {
                    if let Some(d) = warning::quote_disagreement(&found) {
                        show(&d);
                    }
                }
                assert_safe("a currency", Currency::of(&catalog.currency).code());
            }
            Err(errors) => show_all(&errors),
        },
        Err(errors) => show_all(&errors),
    }
    let scenario = match load_scenario(&file) {
        Ok(scenario) => scenario,
        Err(errors) => return show_all(&errors),
    };
    let bill = match evaluate(&scenario, catalogs(), &scenario.params) {
        Ok(bill) => bill,
        Err(errors) => return show_all(&errors),
    };
    let money = Currency::of(&bill.currency);
    for w in &bill.warnings {
        show(&warning::diagnostic(w, &money));
    }
    for line in &bill.lines {
        let _ = rule::line(line, &money);
    }
    for cliff in cliffs(&scenario, catalogs(), &scenario.params, &bill) {
        let _ = warning::cliff(&cliff, &money);
    }
    for format in [Format::Table, Format::Markdown, Format::Csv, Format::Json] {
        assert_safe("a report", &report::render(format, &scenario, &scenario.params, &bill));
    }
    assert_safe("a CSV section", &report::render_csv(&scenario, &scenario.params, &bill, &[Section::Lines]));
});
