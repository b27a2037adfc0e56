//! Expressions over parameters: `augmentations`, `0.05 * videos_per_month`,
//! `(voice_seconds + 0.5) / 2`. Parsed once when a scenario loads, names bound to the
//! parameters they mean, and evaluated in exact, checked `Decimal` for every bill.
#![warn(clippy::arithmetic_side_effects)]

use std::sync::Arc;

use rust_decimal::Decimal;

mod parse;

use super::money;
use super::params::{Params, Ref};
use super::source::{Diagnostic, Origin};
use parse::Parser;

/// An arithmetic operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Op {
    Add,
    Sub,
    Mul,
    Div,
}

impl Op {
    fn symbol(self) -> char {
        match self {
            Self::Add => '+',
            Self::Sub => '-',
            Self::Mul => '*',
            Self::Div => '/',
        }
    }
}

/// A node of the parsed expression; `at` is a byte offset into the expression's text.
#[derive(Debug, Clone)]
pub(super) enum Node {
    Number(Decimal),
    Name {
        index: usize,
        at: usize,
    },
    Neg(Box<Node>),
    Binary {
        op: Op,
        left: Box<Node>,
        right: Box<Node>,
        at: usize,
    },
}

/// A parsed expression and where it is written.
#[derive(Debug, Clone)]
pub struct Expression {
    /// The text as written, without quotes.
    text: Arc<str>,
    root: Node,
    /// The names it uses, in order of first use, and what each is bound to.
    names: Vec<(Arc<str>, Option<Ref>)>,
    /// The string in the file.
    origin: Origin,
    /// Whether offsets in the text are offsets in the file after the opening quote: not so when
    /// the string holds escapes.
    exact: bool,
}

impl Expression {
    /// Parses `text`, written at `origin` (the string's span, quotes included).
    pub fn parse(text: &str, origin: Origin) -> Result<Self, Diagnostic> {
        let written = origin.file().text().get(origin.span()).unwrap_or_default();
        let exact = written.len().checked_sub(2) == Some(text.len()) && written.get(1..=text.len()) == Some(text);
        let mut parser = Parser::new(text);
        let result = parser.expression().and_then(|root| {
            parser.skip_space();
            match parser.peek() {
                None => Ok(root),
                Some(')') => Err(parser.error("a `)` without its `(`")),
                Some(c) => Err(parser.error(format!("unexpected `{c}`: expected an operator + - * /"))),
            }
        });
        let names = parser.names.into_iter().map(|n| (Arc::from(n), None)).collect();
        let mut expression = Self {
            text: text.into(),
            root: Node::Number(Decimal::ZERO),
            names,
            origin,
            exact,
        };
        match result {
            Ok(root) => {
                expression.root = root;
                Ok(expression)
            }
            Err(syntax) => Err(expression
                .error_at(syntax.at, format!("in `{text}`: {}", syntax.message))
                .with_help("an expression uses numbers, parameter names, + - * / and parentheses")),
        }
    }

    /// The text as written.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Where it is written.
    pub fn origin(&self) -> &Origin {
        &self.origin
    }

    /// The names it uses, in order of first use.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.names.iter().map(|(n, _)| &**n)
    }

    /// The parameters it reads, once bound.
    pub fn refs(&self) -> impl Iterator<Item = Ref> + '_ {
        self.names.iter().filter_map(|(_, r)| *r)
    }

    /// Binds every name with `lookup`; an unknown name is an error at it, with the closest
    /// known name when one is near.
    pub fn bind(
        &mut self,
        lookup: impl Fn(&str) -> Option<Ref>,
        suggest: impl Fn(&str) -> Option<String>,
    ) -> Result<(), Diagnostic> {
        for i in 0..self.names.len() {
            let name = Arc::clone(&self.names[i].0);
            match lookup(&name) {
                Some(r) => self.names[i].1 = Some(r),
                None => {
                    let at = first_use(&self.root, i).unwrap_or(0);
                    let error = self.error_at(at, format!("`{name}` is not a parameter (in `{}`)", self.text));
                    return Err(match suggest(&name) {
                        Some(best) => error.with_help(format!("did you mean `{best}`?")),
                        None => error.with_help("declare it in [parameters], e.g. `name = 10`"),
                    });
                }
            }
        }
        Ok(())
    }

    /// The value at these parameters: exact, with division by zero and overflow as errors at
    /// the operator, and a parameter without a value as an error at its name.
    pub fn eval(&self, params: &Params) -> Result<Decimal, Diagnostic> {
        self.node(&self.root, params)
    }

    fn node(&self, node: &Node, params: &Params) -> Result<Decimal, Diagnostic> {
        match node {
            Node::Number(value) => Ok(*value),
            Node::Name { index, at } => {
                let (name, bound) = &self.names[*index];
                bound.and_then(|r| params.number(r)).ok_or_else(|| {
                    self.error_at(*at, format!("`{name}` has no value here (in `{}`)", self.text))
                        .with_help(format!("give `{name}` a value"))
                })
            }
            Node::Neg(inner) => Ok(money::negated(self.node(inner, params)?)),
            Node::Binary { op, left, right, at } => {
                let (a, b) = (self.node(left, params)?, self.node(right, params)?);
                let value = match op {
                    Op::Add => money::add(a, b),
                    Op::Sub => money::sub(a, b),
                    Op::Mul => money::mul(a, b),
                    Op::Div if b.is_zero() => {
                        return Err(self
                            .error_at(
                                *at,
                                format!("division by zero in `{}`{}", self.text, self.values(params)),
                            )
                            .with_help("divide by a parameter that cannot be zero, or give it a value above 0"));
                    }
                    Op::Div => money::div(a, b),
                };
                value.ok_or_else(|| {
                    let values = self.values(params);
                    let (what, help) = match (op, a.checked_div(b)) {
                        // A quotient that fits but does not end: 1 / 3.
                        (Op::Div, Some(_)) => (
                            "the quotient does not end within 28 decimal places".to_owned(),
                            "multiply before dividing, or divide by a number that divides exactly (2, 4, 5, 8, 10, ...)",
                        ),
                        _ => (money::WHY_INEXACT.to_owned(), "check the parameters for a mistyped figure"),
                    };
                    self.error_at(
                        *at,
                        format!("`{}` cannot be computed exactly at `{}`: {what}{values}", self.text, op.symbol()),
                    )
                    .with_help(help)
                })
            }
        }
    }

    /// `(augmentations = 35, characters = 2)`: the values the expression read, to say what
    /// produced a result. Empty when it reads no parameters.
    pub fn values(&self, params: &Params) -> String {
        let shown: Vec<String> = self
            .names
            .iter()
            .map(|(name, r)| {
                let value = r
                    .and_then(|r| params.number(r))
                    .map_or_else(|| "unset".to_owned(), |v| v.normalize().to_string());
                format!("{name} = {value}")
            })
            .collect();
        if shown.is_empty() {
            String::new()
        } else {
            format!(" ({})", shown.join(", "))
        }
    }

    /// An error at a byte offset of the text: at that character when the file holds the text
    /// as is, else at the string.
    pub fn error_at(&self, at: usize, message: impl Into<String>) -> Diagnostic {
        let span = self.origin.span();
        if self.exact && at <= self.text.len() {
            // Past the opening quote and within the string, so inside the file's text.
            let start = span.start.saturating_add(1).saturating_add(at);
            Origin::new(self.origin.file(), start..start).error(message)
        } else {
            self.origin.error(message)
        }
    }

    /// An error about the expression's whole value, at its start.
    pub fn error(&self, message: impl Into<String>) -> Diagnostic {
        // A trimmed text is never longer than the text.
        self.error_at(self.text.len().saturating_sub(self.text.trim_start().len()), message)
    }
}

/// Where the `index`th name is first used.
fn first_use(node: &Node, index: usize) -> Option<usize> {
    match node {
        Node::Number(_) => None,
        Node::Name { index: i, at } => (*i == index).then_some(*at),
        Node::Neg(inner) => first_use(inner, index),
        Node::Binary { left, right, .. } => first_use(left, index).or_else(|| first_use(right, index)),
    }
}

#[cfg(test)]
mod tests;
