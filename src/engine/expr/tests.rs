//! Expressions: arithmetic, located errors, bounded nesting.

use super::*;
use crate::engine::SourceFile;

fn parse(text: &str) -> Result<Expression, Diagnostic> {
    let line = format!("x = \"{text}\"\n");
    let file = SourceFile::new("e.toml", line.clone());
    Expression::parse(text, Origin::new(&file, 4..line.trim_end().len()))
}

fn value(text: &str) -> Result<Decimal, Diagnostic> {
    let mut e = parse(text)?;
    let params = Params {
        scenes: 4,
        fps: 16,
        ..Params::default()
    };
    e.bind(
        |n| match n {
            "scenes" => Some(Ref::Builtin(super::super::params::Number::Scenes)),
            "fps" => Some(Ref::Builtin(super::super::params::Number::Fps)),
            _ => None,
        },
        |_| Some("scenes".into()),
    )?;
    e.eval(&params)
}

#[test]
fn arithmetic_is_exact_and_binds_as_usual() {
    for (text, exact) in [
        ("1 + 2 * 3", "7"),
        ("(1 + 2) * 3", "9"),
        ("10 - 4 - 3", "3"),
        ("3 * 1 / 3", "1"),
        ("0.000000000000001 * 0.0000000000001", "0.0000000000000000000000000001"),
        ("-scenes + 1", "-3"),
        ("--2", "2"),
        ("0.1 + 0.2", "0.3"),
        ("scenes * fps / 2", "32"),
        ("1_000 * 2", "2000"),
    ] {
        assert_eq!(value(text).expect(text).normalize().to_string(), exact, "{text}");
    }
}

#[test]
fn errors_point_inside_the_string() {
    let err = value("scenes + sceens").expect_err("unknown");
    assert_eq!(err.location(), "e.toml:1:15", "{err}");
    assert_eq!(err.help.as_deref(), Some("did you mean `scenes`?"));
    let err = value("scenes / (fps - 16)").expect_err("zero");
    assert_eq!(err.location(), "e.toml:1:13");
    assert!(err.message.contains("division by zero"), "{err}");
    assert!(err.message.contains("scenes = 4, fps = 16"), "{err}");
    let err = value("79228162514264337593543950335 * scenes").expect_err("overflow");
    assert!(
        err.message
            .contains("cannot be computed exactly at `*`: it is too large"),
        "{err}"
    );
    // A quotient that does not end, or a product past the 28th place, is an error rather than a
    // figure rounded without a word.
    let err = value("1 / 3 * 3").expect_err("a third");
    assert_eq!(err.location(), "e.toml:1:8", "{err}");
    assert!(err.message.contains("the quotient does not end"), "{err}");
    assert!(
        err.help
            .as_deref()
            .is_some_and(|h| h.contains("multiply before dividing")),
        "{err}"
    );
    let err = value("0.00000000000001 * 0.000000000000001").expect_err("too fine");
    assert!(err.message.contains("needs more than 28 decimal places"), "{err}");
    let err = value("10000000000000000000000000000 + 0.1").expect_err("too fine a sum");
    assert_eq!(err.location(), "e.toml:1:36", "{err}");
    for (text, col) in [("(1 + 2", 6), ("1 +", 9), ("1 2", 8), ("", 6), ("2 $ 3", 8), ("1)", 7)] {
        let err = value(text).expect_err(text);
        assert_eq!(err.position.map(|p| p.1), Some(col), "{text}: {err}");
    }
}

#[test]
fn nesting_is_bounded() {
    let deep = format!("{}1{}", "(".repeat(200), ")".repeat(200));
    assert!(value(&deep).expect_err("deep").message.contains("nested"));
    let long = vec!["1"; 500].join(" + ");
    assert!(value(&long).expect_err("long").message.contains("nested"));
    let minus = format!("{}1", "-".repeat(500));
    assert!(value(&minus).expect_err("minus").message.contains("nested"));
}
