//! Expressions over parameters: `augmentations`, `0.05 * videos_per_month`,
//! `(voice_seconds + 0.5) / 2`. Parsed once when a scenario loads, names bound to the
//! parameters they mean, and evaluated in exact, checked `Decimal` for every bill.

use std::sync::Arc;

use rust_decimal::Decimal;

use super::number::parse_decimal;
use super::params::{Params, Ref};
use super::source::{Diagnostic, Origin};

/// How deeply an expression may nest: far beyond anything written by hand, and shallow enough
/// that evaluating it by recursion can never exhaust the stack.
const MAX_DEPTH: usize = 64;

/// An arithmetic operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Op {
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
enum Node {
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

/// Why an expression could not be read or bound, at a byte offset of its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Syntax {
    /// Byte offset into the text.
    pub at: usize,
    /// What is wrong.
    pub message: String,
}

impl Expression {
    /// Parses `text`, written at `origin` (the string's span, quotes included).
    pub fn parse(text: &str, origin: Origin) -> Result<Self, Diagnostic> {
        let written = origin.file().text().get(origin.span()).unwrap_or_default();
        let exact = written.len() == text.len() + 2 && written.get(1..=text.len()) == Some(text);
        let mut parser = Parser {
            text,
            at: 0,
            names: Vec::new(),
            depth: 0,
        };
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
            Node::Neg(inner) => Ok(-self.node(inner, params)?),
            Node::Binary { op, left, right, at } => {
                let (a, b) = (self.node(left, params)?, self.node(right, params)?);
                let value = match op {
                    Op::Add => a.checked_add(b),
                    Op::Sub => a.checked_sub(b),
                    Op::Mul => a.checked_mul(b),
                    Op::Div if b.is_zero() => {
                        return Err(self
                            .error_at(
                                *at,
                                format!("division by zero in `{}`{}", self.text, self.values(params)),
                            )
                            .with_help("divide by a parameter that cannot be zero, or give it a value above 0"));
                    }
                    Op::Div => a.checked_div(b),
                };
                value.ok_or_else(|| {
                    self.error_at(
                        *at,
                        format!(
                            "`{}` overflows at `{}`: the result is too large to compute exactly{}",
                            self.text,
                            op.symbol(),
                            self.values(params)
                        ),
                    )
                    .with_help("check the parameters for a mistyped figure")
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
            let start = span.start + 1 + at;
            Origin::new(self.origin.file(), start..start).error(message)
        } else {
            self.origin.error(message)
        }
    }

    /// An error about the expression's whole value, at its start.
    pub fn error(&self, message: impl Into<String>) -> Diagnostic {
        self.error_at(self.text.len() - self.text.trim_start().len(), message)
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

/// A recursive-descent parser: `+ -` bind looser than `* /`, both to the left; a unary minus
/// binds tightest.
struct Parser<'t> {
    text: &'t str,
    at: usize,
    names: Vec<String>,
    depth: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<char> {
        self.text[self.at..].chars().next()
    }

    fn skip_space(&mut self) {
        while self.peek().is_some_and(char::is_whitespace) {
            self.at += self.peek().map_or(1, char::len_utf8);
        }
    }

    fn error(&self, message: impl Into<String>) -> Syntax {
        Syntax {
            at: self.at,
            message: message.into(),
        }
    }

    fn deeper(&mut self) -> Result<(), Syntax> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(self.error(format!("nested more than {MAX_DEPTH} deep")));
        }
        Ok(())
    }

    fn expression(&mut self) -> Result<Node, Syntax> {
        let mut left = self.term()?;
        let start = self.depth;
        loop {
            self.skip_space();
            let op = match self.peek() {
                Some('+') => Op::Add,
                Some('-') => Op::Sub,
                _ => break,
            };
            let at = self.at;
            self.at += 1;
            self.deeper()?;
            let right = self.term()?;
            left = Node::Binary {
                op,
                left: Box::new(left),
                right: Box::new(right),
                at,
            };
        }
        self.depth = start;
        Ok(left)
    }

    fn term(&mut self) -> Result<Node, Syntax> {
        let mut left = self.unary()?;
        let start = self.depth;
        loop {
            self.skip_space();
            let op = match self.peek() {
                Some('*') => Op::Mul,
                Some('/') => Op::Div,
                _ => break,
            };
            let at = self.at;
            self.at += 1;
            self.deeper()?;
            let right = self.unary()?;
            left = Node::Binary {
                op,
                left: Box::new(left),
                right: Box::new(right),
                at,
            };
        }
        self.depth = start;
        Ok(left)
    }

    fn unary(&mut self) -> Result<Node, Syntax> {
        self.skip_space();
        if self.peek() == Some('-') {
            self.at += 1;
            self.deeper()?;
            let inner = self.unary()?;
            self.depth -= 1;
            return Ok(Node::Neg(Box::new(inner)));
        }
        self.primary()
    }

    fn primary(&mut self) -> Result<Node, Syntax> {
        self.skip_space();
        let start = self.at;
        match self.peek() {
            Some('(') => {
                self.at += 1;
                self.deeper()?;
                let inner = self.expression()?;
                self.skip_space();
                if self.peek() != Some(')') {
                    return Err(Syntax {
                        at: start,
                        message: "this `(` is never closed".into(),
                    });
                }
                self.at += 1;
                self.depth -= 1;
                Ok(inner)
            }
            Some(c) if c.is_ascii_digit() || c == '.' => {
                let end = self.scan(|c| c.is_ascii_digit() || c == '.' || c == '_');
                let literal = &self.text[start..end];
                let value = parse_decimal(literal).map_err(|why| Syntax {
                    at: start,
                    message: format!("the number {why}"),
                })?;
                self.at = end;
                Ok(Node::Number(value))
            }
            Some(c) if c.is_ascii_alphabetic() || c == '_' => {
                let end = self.scan(|c| c.is_ascii_alphanumeric() || c == '_');
                let name = &self.text[start..end];
                self.at = end;
                let index = match self.names.iter().position(|n| n == name) {
                    Some(i) => i,
                    None => {
                        self.names.push(name.to_owned());
                        self.names.len() - 1
                    }
                };
                Ok(Node::Name { index, at: start })
            }
            Some(c) => Err(self.error(format!("unexpected `{c}`: expected a number, a parameter name or `(`"))),
            None if start == 0 => Err(self.error("the expression is empty")),
            None => Err(self.error("the expression ends early: expected a number, a parameter name or `(`")),
        }
    }

    fn scan(&self, keep: impl Fn(char) -> bool) -> usize {
        self.text[self.at..]
            .char_indices()
            .find(|&(_, c)| !keep(c))
            .map_or(self.text.len(), |(i, _)| self.at + i)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::SourceFile;

    fn parse(text: &str) -> Result<Expression, Diagnostic> {
        let line = format!("x = \"{text}\"\n");
        let file = SourceFile::new("e.toml", line.clone());
        Expression::parse(text, Origin::new(&file, 4..line.len() - 1))
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
            ("1 / 3 * 3", "0.9999999999999999999999999999"),
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
        assert!(err.message.contains("overflows at `*`"), "{err}");
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
}
