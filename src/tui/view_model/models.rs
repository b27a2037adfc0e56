//! The models panel's text: the clip models, or the selected breakdown line's models, as the
//! picker lists them (what the step needs, the filter, grouped by provider), each with what a
//! video would cost with it and a mark where its price is past its date.

use std::sync::Arc;

use rust_decimal::Decimal;

use crate::engine::capability::Need;
use crate::format::escape;
use crate::tui::Action;
use crate::tui::app::{App, Focus, Mode};
use crate::tui::keys::{self, Context};
use crate::tui::picker::{Entry, Listing};

/// The mark of a price older than its catalog allows.
pub const STALE_MARK: &str = "⚠";

/// A row of the models panel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ModelRow {
    /// A provider's heading, over its models.
    Provider {
        /// The provider's name, escaped.
        name: String,
        /// How many of its models are listed.
        count: usize,
    },
    /// A model.
    Model {
        /// Its id.
        id: Arc<str>,
        /// Its id as shown, escaped.
        shown: String,
        /// What a video would cost with it (and the change, for a line).
        cost: String,
        /// Whether its price is older than its catalog allows.
        stale: bool,
    },
}

impl ModelRow {
    /// The model's id, for a model's row.
    pub fn model(&self) -> Option<&Arc<str>> {
        match self {
            Self::Model { id, .. } => Some(id),
            Self::Provider { .. } => None,
        }
    }
}

/// The video models that could make the clips; while the breakdown has the focus, the models
/// that could price its selected line instead.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Models {
    /// The panel's title: how many are listed, of how many, and the keys that swap them.
    pub title: String,
    /// What narrows the list, for the panel's bottom border: the step's need, the filter, the
    /// stale mark's meaning.
    pub hint: String,
    /// Provider headings and their models, in the order shown: those within [`WINDOW`] models
    /// of the one in use, which is more than any panel shows.
    pub rows: Vec<ModelRow>,
    /// The place in the whole list of the first of `rows`.
    pub first: usize,
    /// How many rows the whole list has, headings included.
    pub count: usize,
    /// The row of the model in use, in the whole list.
    pub current: Option<usize>,
    /// What to say when there is nothing to list.
    pub empty: String,
    /// Whether the costs shown are from before the last change, while the models are priced
    /// again off the UI thread.
    pub behind: bool,
}

/// How many models either side of the one in use are written out: far more rows than any panel
/// has, far fewer than a catalog of a hundred thousand models.
pub const WINDOW: usize = 200;

impl Models {
    /// The row at `row` in the whole list, if it is written out.
    pub fn row(&self, row: usize) -> Option<&ModelRow> {
        self.rows.get(row.checked_sub(self.first)?)
    }

    /// The list the panel shows at the current state.
    pub fn of(app: &App) -> Self {
        let listing = &*app.listed.listing;
        let key = |action: Action| keys::key_name(Context::Normal, &action);
        let behind = app.focus != Focus::Breakdown && app.analysis.alternatives_behind;
        let (what, keys, empty, now) = if app.focus == Focus::Breakdown {
            let line = app.selected_line();
            (
                format!(
                    "{} model",
                    line.map(|l| escape(&l.label).into_owned()).unwrap_or_default()
                ),
                format!("{}/{}", key(Action::Step(-1)), key(Action::Step(1))),
                "No catalog model can price this line.",
                line.and_then(|l| app.step_model_id(l.step)),
            )
        } else {
            (
                "Clip model".to_owned(),
                format!("{}/{}", key(Action::NextModel), key(Action::PreviousModel)),
                "No video clip step: nothing to swap.",
                app.analysis.clip_model.as_ref().map(|m| Arc::clone(&m.id)),
            )
        };
        let at = now
            .as_ref()
            .and_then(|id| listing.entries.iter().position(|e| e.model.id == *id));
        let window = at.unwrap_or(0).saturating_sub(WINDOW)..at.unwrap_or(0).saturating_add(WINDOW + 1);
        let (rows, first) = rows(app, listing, window);
        let filter = &app.picker.filter;
        let fit = listing.total.saturating_sub(listing.unfit);
        let count = if filter.is_empty() {
            format!("{} fit", listing.entries.len())
        } else {
            format!("{} of {fit} match", listing.entries.len())
        };
        let title = if behind {
            format!(" {what} · {count} · repricing… · {keys} swap ")
        } else if listing.total == 0 {
            format!(" {what} ")
        } else {
            format!(" {what} · {count} · {keys} swap ")
        };
        let empty = if behind && listing.total == 0 {
            "Pricing every video model for these clips…".to_owned()
        } else if listing.total > 0 && listing.entries.is_empty() {
            format!("No model's id or provider holds “{}”.", escape(filter))
        } else {
            empty.to_owned()
        };
        Self {
            title,
            hint: hint(app, listing, &rows),
            current: at.map(|i| row_of(listing, i)),
            first,
            count: listing.entries.len().saturating_add(listing.groups.len()),
            rows,
            empty,
            behind,
        }
    }
}

/// The row of the `entry`th model in the whole list: after its own and every earlier heading.
fn row_of(listing: &Listing, entry: usize) -> usize {
    let groups = listing.groups.partition_point(|g| g.start <= entry);
    entry.saturating_add(groups)
}

/// The models within `window` (by their place in the list), each provider's heading before its
/// first; and the place of the first row in the whole list.
fn rows(app: &App, listing: &Listing, window: std::ops::Range<usize>) -> (Vec<ModelRow>, usize) {
    let money = app.money();
    let window = window.start.min(listing.entries.len())..window.end.min(listing.entries.len());
    let mut rows = Vec::with_capacity(window.len() + 8);
    let mut first = row_of(listing, window.start);
    for (i, entry) in listing.entries.iter().enumerate().take(window.end).skip(window.start) {
        if let Ok(group) = listing
            .groups
            .binary_search_by_key(&i, |g| g.start)
            .map(|g| &listing.groups[g])
        {
            if i == window.start {
                first = first.saturating_sub(1);
            }
            rows.push(ModelRow::Provider {
                name: escape(entry.model.provider()).into_owned(),
                count: group.len(),
            });
        }
        let cost = match entry.change {
            None => money.fixed(entry.per_video, 2),
            Some(change) => format!("{} {:>9}", money.fixed(entry.per_video, 2), change_text(change, app)),
        };
        rows.push(ModelRow::Model {
            id: Arc::clone(&entry.model.id),
            shown: escape(&entry.model.id).into_owned(),
            cost,
            stale: is_stale(app, entry),
        });
    }
    (rows, first)
}

fn change_text(change: Decimal, app: &App) -> String {
    if change.is_zero() {
        return "now".to_owned();
    }
    let sign = if change > Decimal::ZERO { "+" } else { "" };
    format!("{sign}{}", app.money().amount(change))
}

/// Whether a listed model's price is past its date, by the injected clock.
fn is_stale(app: &App, entry: &Entry) -> bool {
    app.freshness
        .is_some_and(|f| f.check(&entry.model, &entry.model.pricing).is_some())
}

/// What narrows the list and how: `takes an image (39 left out) · /wan · ⚠ stale · Esc clears`. The parts
/// come in the order they matter, so a narrow panel cuts the least needed.
fn hint(app: &App, listing: &Listing, rows: &[ModelRow]) -> String {
    let mut parts: Vec<String> = Vec::new();
    if listing.need == Some(Need::Image) {
        parts.push(if listing.unfit > 0 {
            format!("takes an image ({} left out)", listing.unfit)
        } else {
            "takes an image".to_owned()
        });
    }
    let filter = escape(&app.picker.filter);
    let start = keys::key_name(Context::Normal, &Action::StartFilter);
    let kept = app.mode != Mode::Filtering && !filter.is_empty();
    // While the filter is typed, the status line shows it.
    if kept {
        parts.push(format!("{start}{filter}"));
    } else if listing.total > 1 && app.mode != Mode::Filtering {
        parts.push(format!("{start} filter"));
    }
    if rows.iter().any(|r| matches!(r, ModelRow::Model { stale: true, .. })) {
        parts.push(format!("{STALE_MARK} stale"));
    }
    if kept {
        parts.push(format!("{} clears", keys::key_name(Context::Normal, &Action::Back)));
    }
    if parts.is_empty() {
        String::new()
    } else {
        format!(" {} ", parts.join(" · "))
    }
}
