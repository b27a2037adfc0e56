//! A usage number of a step: a literal checked once when the scenario loads, or an expression
//! over parameters checked for every bill.

use std::sync::Arc;

use rust_decimal::Decimal;

use super::names::Names;
use crate::engine::expr::Expression;
use crate::engine::number::{self, RawNumber};
use crate::engine::params::{Params, parse_share};
use crate::engine::source::{Diagnostic, Origin, SourceFile};

/// What values a usage field can take.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Check {
    /// A whole number within `min..=max`.
    Whole {
        /// The least.
        min: u64,
        /// The most.
        max: u64,
    },
    /// Above zero.
    Positive,
    /// Zero or more.
    NonNegative,
    /// A share in [0, 1) (`below_one`) or [0, 1].
    Share {
        /// Whether one itself is refused.
        below_one: bool,
    },
}

impl Check {
    /// Why `value` is refused, or `None` when it is valid.
    fn refuse(self, value: Decimal) -> Option<String> {
        match self {
            // A whole number the usual size, checked without rescaling: this runs for every
            // expression in every bill.
            Self::Whole { min, max }
                if value.scale() == 0 && u64::try_from(value.mantissa()).is_ok_and(|n| (min..=max).contains(&n)) =>
            {
                None
            }
            Self::Whole { min, max } => {
                let ok = value.fract().is_zero() && value >= Decimal::from(min) && value <= Decimal::from(max);
                (!ok).then(|| format!("a whole number from {min} to {max}"))
            }
            Self::Positive => (value <= Decimal::ZERO).then(|| "a number above 0".to_owned()),
            Self::NonNegative => (value < Decimal::ZERO).then(|| "zero or more".to_owned()),
            Self::Share { below_one } => {
                let over = if below_one {
                    value >= Decimal::ONE
                } else {
                    value > Decimal::ONE
                };
                let range = if below_one { "[0, 1)" } else { "[0, 1]" };
                (value < Decimal::ZERO || over).then(|| format!("a share in {range}"))
            }
        }
    }
}

/// A usage number: fixed in the file, or computed from parameters.
#[derive(Debug, Clone)]
pub enum Quantity {
    /// A literal, already checked.
    Fixed(Decimal),
    /// An expression, checked when evaluated.
    Expr {
        /// What it computes.
        expression: Arc<Expression>,
        /// The field's name, for messages.
        what: &'static str,
        /// What values the field takes.
        check: Check,
    },
}

impl Quantity {
    /// The value at these parameters, or an error at the expression naming the parameter
    /// values that produced a value the field cannot take.
    #[inline(always)]
    pub fn value(&self, params: &Params) -> Result<Decimal, Diagnostic> {
        match self {
            Self::Fixed(value) => Ok(*value),
            Self::Expr {
                expression,
                what,
                check,
            } => computed(expression, what, *check, params),
        }
    }

    /// The value when it is a literal.
    pub fn fixed(&self) -> Option<Decimal> {
        match self {
            Self::Fixed(value) => Some(*value),
            Self::Expr { .. } => None,
        }
    }

    /// The expression, when it is one.
    pub fn expression(&self) -> Option<&Arc<Expression>> {
        match self {
            Self::Fixed(_) => None,
            Self::Expr { expression, .. } => Some(expression),
        }
    }
}

/// An expression's value, checked against what its field takes. Out of line, so that a
/// literal's value stays a copy wherever it is read.
#[inline(never)]
fn computed(expression: &Expression, what: &str, check: Check, params: &Params) -> Result<Decimal, Diagnostic> {
    let value = expression.eval(params)?;
    match check.refuse(value) {
        None => Ok(value),
        Some(valid) => Err(expression
            .error(format!(
                "{what} = `{}` gives {}{}: {what} must be {valid}",
                expression.text(),
                value.normalize(),
                expression.values(params)
            ))
            .with_help(format!("change the parameters so that {what} is {valid}"))),
    }
}

/// Reads a usage field: a number (or a string holding one) is a literal, checked now with the
/// same messages as ever; any other string is an expression, bound to the scenario's names.
pub fn read(
    file: &Arc<SourceFile>,
    raw: &RawNumber,
    what: &'static str,
    check: Check,
    names: &Names,
) -> Result<Quantity, Diagnostic> {
    if let (toml::Value::String(text), Check::Share { .. }) = (raw.get_ref(), check)
        && text.trim().ends_with('%')
    {
        let origin = Origin::new(file, raw.span());
        let value = parse_share(text).map_err(|why| origin.error(format!("{what} {why}")))?;
        return match check.refuse(value) {
            None => Ok(Quantity::Fixed(value)),
            Some(valid) => Err(origin.error(format!("{what} {} is not {valid}", text.trim()))),
        };
    }
    if let toml::Value::String(text) = raw.get_ref()
        && number::parse_decimal(text).is_err()
    {
        let mut expression = Expression::parse(text, Origin::new(file, raw.span()))?;
        names.bind(&mut expression)?;
        return Ok(Quantity::Expr {
            expression: Arc::new(expression),
            what,
            check,
        });
    }
    let value = match check {
        Check::Whole { min, max } => {
            number::non_negative(file, raw, what)?;
            Decimal::from(number::whole(file, raw, what, min, max)?.value)
        }
        Check::Positive => number::positive(file, raw, what)?.value,
        Check::NonNegative => number::non_negative(file, raw, what)?.value,
        Check::Share { below_one } => {
            let located = number::non_negative(file, raw, what)?;
            if let Some(valid) = check.refuse(located.value) {
                let range = if below_one { "[0, 1)" } else { "[0, 1]" };
                return Err(located
                    .origin
                    .error(format!("{what} {} is not in {range}", located.value))
                    .with_help(format!("{what} is {valid}, e.g. 0.1 for 10%")));
            }
            located.value
        }
    };
    Ok(Quantity::Fixed(value))
}
