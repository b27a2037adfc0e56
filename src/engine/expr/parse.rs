//! Reading an expression's text into a tree.

use super::{Node, Op};
use crate::engine::number::parse_decimal;

/// How deeply an expression may nest: far beyond anything written by hand, and shallow enough
/// that evaluating it by recursion can never exhaust the stack.
const MAX_DEPTH: usize = 64;

/// Why an expression could not be read, at a byte offset of its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Syntax {
    /// Byte offset into the text.
    pub at: usize,
    /// What is wrong.
    pub message: String,
}

/// A recursive-descent parser: `+ -` bind looser than `* /`, both to the left; a unary minus
/// binds tightest.
pub(super) struct Parser<'t> {
    text: &'t str,
    at: usize,
    pub(super) names: Vec<String>,
    depth: usize,
}

impl<'t> Parser<'t> {
    pub(super) fn new(text: &'t str) -> Self {
        Self {
            text,
            at: 0,
            names: Vec::new(),
            depth: 0,
        }
    }

    pub(super) fn peek(&self) -> Option<char> {
        self.text[self.at..].chars().next()
    }

    pub(super) fn skip_space(&mut self) {
        while self.peek().is_some_and(char::is_whitespace) {
            self.step(self.peek().map_or(1, char::len_utf8));
        }
    }

    /// Moves past `bytes` of the text just peeked at.
    fn step(&mut self, bytes: usize) {
        // An offset into the text, which a `str` keeps below `isize::MAX` bytes.
        self.at = self.at.saturating_add(bytes);
    }

    pub(super) fn error(&self, message: impl Into<String>) -> Syntax {
        Syntax {
            at: self.at,
            message: message.into(),
        }
    }

    fn deeper(&mut self) -> Result<(), Syntax> {
        // At most one past MAX_DEPTH: the parse stops there.
        self.depth = self.depth.saturating_add(1);
        if self.depth > MAX_DEPTH {
            return Err(self.error(format!("nested more than {MAX_DEPTH} deep")));
        }
        Ok(())
    }

    /// Leaves a level that `deeper` entered.
    fn shallower(&mut self) {
        // Each call follows a `deeper`, so the depth is at least one.
        self.depth = self.depth.saturating_sub(1);
    }

    pub(super) fn expression(&mut self) -> Result<Node, Syntax> {
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
            self.step(1);
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
            self.step(1);
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
            self.step(1);
            self.deeper()?;
            let inner = self.unary()?;
            self.shallower();
            return Ok(Node::Neg(Box::new(inner)));
        }
        self.primary()
    }

    fn primary(&mut self) -> Result<Node, Syntax> {
        self.skip_space();
        let start = self.at;
        match self.peek() {
            Some('(') => {
                self.step(1);
                self.deeper()?;
                let inner = self.expression()?;
                self.skip_space();
                if self.peek() != Some(')') {
                    return Err(Syntax {
                        at: start,
                        message: "this `(` is never closed".into(),
                    });
                }
                self.step(1);
                self.shallower();
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
                        // Just pushed: the list is not empty.
                        self.names.len().saturating_sub(1)
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
            // An offset past `at` within the text.
            .map_or(self.text.len(), |(i, _)| self.at.saturating_add(i))
    }
}
