//! Words and figures for people: the one place the engine's data becomes text. Money in the
//! bill's currency ([`money`]), price rules ([`rule`]), warnings and cliffs ([`warning`]),
//! diagnostics ([`diagnostic`]), plain numbers ([`number`]), and the escaping of file text that
//! every text output goes through ([`escape`]). The report renderers, the dashboard and the
//! exporters all use it, so a figure reads the same wherever it is shown.
#![warn(clippy::arithmetic_side_effects)]

pub mod diagnostic;
pub mod escape;
pub mod money;
pub mod number;
pub mod rule;
pub mod total;
pub mod warning;

pub use escape::escape;
pub use money::Currency;
