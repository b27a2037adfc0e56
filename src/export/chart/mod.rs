//! SVG charts for slides.

use crate::engine::Totals;

use super::Subject;

/// Another scenario to set beside the subject.
pub struct Compared {
    /// Its name.
    pub name: String,
    /// Its totals.
    pub totals: Totals,
    /// Its currency.
    pub currency: String,
}

/// A drawn chart and the file name it goes by.
pub struct Chart {
    /// The file name, e.g. `share.svg`.
    pub file: String,
    /// What it shows.
    pub title: String,
    /// The SVG text.
    pub svg: String,
}

/// Every chart of a subject.
pub fn all(_subject: &Subject<'_>, _compared: &[Compared]) -> Result<Vec<Chart>, String> {
    Ok(Vec::new())
}
