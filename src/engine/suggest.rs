//! Turning parser errors into diagnostics that say what would be valid.

use std::sync::Arc;

use super::source::{Diagnostic, SourceFile};

/// The candidate closest to a mistyped word, if one is close enough to be what was meant.
pub fn closest<'a>(word: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .map(|c| (strsim::jaro_winkler(word, c), c))
        .filter(|&(score, _)| score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

/// Words quoted in backticks, as serde writes field and variant names.
fn backticked(message: &str) -> Vec<&str> {
    message.split('`').skip(1).step_by(2).collect()
}

/// A TOML syntax or shape error as a located diagnostic, with a "did you mean" where it helps.
pub fn toml_error(file: &Arc<SourceFile>, err: &toml::de::Error) -> Diagnostic {
    let mut message = err.message().trim().to_owned();
    let mut help = None;
    // TOML integers are 64-bit; a larger literal reaches serde as an i128 it cannot place.
    let too_big = message.starts_with("invalid type: integer") && message.contains("as i128")
        || message.contains("integer number overflowed")
        || message.contains("value was too large");
    if too_big {
        let literal = err
            .span()
            .and_then(|span| file.text().get(span))
            .map(str::trim)
            .filter(|t| {
                t.chars()
                    .all(|c| c.is_ascii_digit() || c == '_' || c == '-' || c == '+')
            })
            .map(str::to_owned)
            .or_else(|| backticked(&message).first().map(|s| s.to_string()))
            .unwrap_or_default();
        message = format!("the integer {literal} is too large for TOML, whose integers are 64-bit");
        help = Some(format!("write a large figure as a decimal string: \"{literal}\""));
    }
    let mut span = err.span();
    if message.starts_with("duplicate key")
        && !message.contains('`')
        && let Some(key) = span.clone().and_then(|s| file.text().get(s)).map(str::trim)
    {
        let key: String = key.chars().take(80).collect();
        message = format!("duplicate key `{key}`: it is already set above in the same table");
        help = Some("keep one of them".to_owned());
    }
    if message.contains("recursion limit") && span.is_none() {
        span = deepest_line(file.text());
        message = "tables, arrays or dotted keys are nested too deeply here for the parser".to_owned();
        help = Some("catalogs and scenarios nest a few levels at most; look for a runaway key or bracket".to_owned());
    }
    let mut diagnostic = match span {
        Some(span) => file.diagnostic(span, message.clone()),
        None => Diagnostic::file_error(file.path(), message.clone()),
    };
    if let Some(help) = help {
        diagnostic = diagnostic.with_help(help);
    }
    let unknown = message.starts_with("unknown field") || message.starts_with("unknown variant");
    if unknown {
        let words = backticked(&message);
        if let Some((typed, valid)) = words.split_first() {
            diagnostic = match closest(typed, valid.iter().copied()) {
                Some(best) => diagnostic.with_help(format!("did you mean `{best}`?")),
                None => diagnostic.with_help(format!("valid here: {}", valid.join(", "))),
            };
        }
    }
    diagnostic
}

/// The start of the most deeply nested line: dotted key parts plus open brackets. Used to place
/// a recursion-limit error, which the parser reports without a position.
fn deepest_line(text: &str) -> Option<std::ops::Range<usize>> {
    let mut best: Option<(usize, usize)> = None;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let (mut depth, mut deepest, mut quoted) = (1usize, 1usize, None::<char>);
        for c in line.chars() {
            match (quoted, c) {
                (Some(q), c) if c == q => quoted = None,
                (Some(_), _) => {}
                (None, '"' | '\'') => quoted = Some(c),
                (None, '#') => break,
                (None, '.' | '[' | '{') => depth += 1,
                (None, ']' | '}') => depth = depth.saturating_sub(1),
                _ => {}
            }
            deepest = deepest.max(depth);
        }
        if best.is_none_or(|(most, _)| deepest > most) {
            let indent = line.len() - line.trim_start().len();
            best = Some((deepest, offset + indent));
        }
        offset += line.len();
    }
    best.map(|(_, at)| at..at)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_a_close_name() {
        assert_eq!(closest("pirce", ["price", "unit", "rates"].into_iter()), Some("price"));
        assert_eq!(closest("zzz", ["price", "unit"].into_iter()), None);
    }

    #[test]
    fn a_recursion_limit_is_placed_at_the_deepest_line() {
        let text = format!("provider = \"a\"\n{} = 1\nb = 2\n", vec!["k"; 200].join("."));
        assert_eq!(deepest_line(&text), Some(15..15));
    }

    #[test]
    fn unknown_fields_get_a_suggestion() {
        #[derive(Debug, serde::Deserialize)]
        #[serde(deny_unknown_fields)]
        #[allow(dead_code)]
        struct Doc {
            price: i64,
            unit: String,
        }
        let file = SourceFile::new("c.toml", "pirce = 1\nunit = \"s\"\n");
        let err = toml::from_str::<Doc>(file.text()).expect_err("unknown field");
        let diagnostic = toml_error(&file, &err);
        assert_eq!(diagnostic.location(), "c.toml:1:1");
        assert_eq!(diagnostic.help.as_deref(), Some("did you mean `price`?"));
    }
}
