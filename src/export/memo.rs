//! The Markdown memo.

use super::Subject;
use super::chart::Chart;

/// The memo's file name in its directory.
pub const FILE: &str = "memo.md";

/// Renders the memo.
pub fn render(_subject: &Subject<'_>, _charts: &[Chart]) -> String {
    String::new()
}
