//! Workbook names for parameters, and parameter expressions as spreadsheet formulas.
//!
//! A parameter's cell is named after the parameter. A few names cannot name a cell because a
//! spreadsheet reads them as something else (`x1` is a cell, `r` and `c` are rows and columns
//! in R1C1 notation, `true` is a value); those get a `p_` prefix, and expressions use the same
//! prefixed name. The expression grammar (numbers, names, + - * /, parentheses) is a subset of
//! a spreadsheet formula's, so translating one is renaming its names.

/// The workbook name of a parameter's cell. A character a name cannot hold (the dot of a step's
/// `keyframe.model`) becomes an underscore.
pub fn defined_name(parameter: &str) -> String {
    let name: String = parameter
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() || c == '_' { c } else { '_' })
        .collect();
    if reserved(&name) { format!("p_{name}") } else { name }
}

fn reserved(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    if matches!(lower.as_str(), "r" | "c" | "true" | "false")
        || !lower.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
    {
        return true;
    }
    // A1 notation: one to three letters up to XFD, then a row number.
    let letters = lower.chars().take_while(char::is_ascii_alphabetic).count();
    let digits = &lower[letters..];
    if (1..=3).contains(&letters) && !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit()) {
        let column = lower[..letters]
            .bytes()
            // At most three letters, each 1 to 26: at most 18,278.
            .fold(0u32, |n, b| {
                n.saturating_mul(26)
                    .saturating_add(u32::from(b.saturating_sub(b'a')).saturating_add(1))
            });
        return column <= 16_384;
    }
    // R1C1 notation: r, c, rN, cN, rNcN.
    let r1c1 = |s: &str| {
        let s = s.strip_prefix('r').unwrap_or(s);
        let (row, rest) = s.split_at(s.find('c').unwrap_or(s.len()));
        row.chars().all(|c| c.is_ascii_digit())
            && rest
                .strip_prefix('c')
                .is_none_or(|col| col.chars().all(|c| c.is_ascii_digit()))
    };
    (lower.starts_with('r') || lower.starts_with('c')) && r1c1(&lower)
}

/// An expression over parameters as a spreadsheet formula over their cells' names: `(voice_seconds
/// + 0.5) / 2` becomes `=(voice_seconds+0.5)/2`.
pub fn formula(expression: &str) -> String {
    format!("={}", self::expression(expression))
}

/// An expression over parameters as formula text over their cells' names, without the `=`.
pub fn expression(expression: &str) -> String {
    let mut out = String::new();
    let mut chars = expression.chars().peekable();
    while let Some(&c) = chars.peek() {
        if c.is_ascii_alphabetic() || c == '_' {
            let mut name = String::new();
            while let Some(&c) = chars.peek().filter(|c| c.is_ascii_alphanumeric() || **c == '_') {
                name.push(c);
                chars.next();
            }
            out.push_str(&defined_name(&name));
        } else {
            if !c.is_whitespace() {
                out.push(c);
            }
            chars.next();
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_names_name_their_cells() {
        for name in [
            "frames",
            "videos_per_month",
            "augmentations",
            "fps",
            "abc",
            "xfe1",
            "rate",
            "cost",
        ] {
            assert_eq!(defined_name(name), name);
        }
    }

    #[test]
    fn names_a_spreadsheet_reads_otherwise_are_prefixed() {
        for name in ["x1", "AB12", "xfd1", "r", "c", "r2c3", "c7", "true", "1st"] {
            assert_eq!(defined_name(name), format!("p_{name}"), "{name}");
        }
    }

    #[test]
    fn expressions_become_formulas_over_the_names() {
        assert_eq!(formula("augmentations"), "=augmentations");
        assert_eq!(formula("(voice_seconds + 0.5) / 2"), "=(voice_seconds+0.5)/2");
        assert_eq!(formula("-x1 * 0.05*videos_per_month"), "=-p_x1*0.05*videos_per_month");
    }
}
