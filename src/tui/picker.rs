//! The model lists a person picks from: the clip models (`m`/`M`) and, while the breakdown has the
//! focus, the models that could price its selected line (`←`/`→`). Hundreds of models fit a clip
//! step once the imported catalogs load, so a list is narrowed to what the step needs (a clip made
//! from a keyframe needs a model that takes an image), then to what has been typed into its
//! filter, and shown grouped by provider: groups in the order of their cheapest model, each
//! cheapest first. The keys step through a list in the order it is shown.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use rust_decimal::Decimal;

use super::app::{App, Focus, Mode};
use crate::engine::analysis::Alternative;
use crate::engine::capability::{Need, need_of};
use crate::engine::{Kind, Model, Stage};

/// The longest filter the list takes: enough for any id, short enough to show.
const MAX_FILTER: usize = 60;

/// What has been typed to narrow the model lists.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Picker {
    /// Words each listed model's id or provider must hold, case aside.
    pub filter: String,
}

impl Picker {
    /// Whether a model's id or provider holds every word of the filter, case aside.
    pub fn matches(&self, model: &Model) -> bool {
        matches_words(&self.words(), model)
    }

    /// The filter's words, lowercased once for a whole list.
    fn words(&self) -> Vec<String> {
        self.filter.split_whitespace().map(str::to_lowercase).collect()
    }
}

/// Whether a model's id or provider holds every one of `words` (lowercase), case aside.
fn matches_words(words: &[String], model: &Model) -> bool {
    if words.is_empty() {
        return true;
    }
    let (id, provider) = (model.id.to_lowercase(), model.provider().to_lowercase());
    words.iter().all(|word| id.contains(word) || provider.contains(word))
}

/// A model in a list, and what a video would cost with it.
#[derive(Debug, Clone)]
pub struct Entry {
    /// The model.
    pub model: Arc<Model>,
    /// Cost per video with it.
    pub per_video: Decimal,
    /// That cost less the cost now, for a breakdown line's list.
    pub change: Option<Decimal>,
}

/// A list as shown: the models that pass, grouped by provider, and what was left out.
#[derive(Debug, Clone, Default)]
pub struct Listing {
    /// The models shown, in the order shown.
    pub entries: Vec<Entry>,
    /// Where each provider's models are in `entries`, in order.
    pub groups: Vec<Range<usize>>,
    /// The models that could price the step, before the need and the filter.
    pub total: usize,
    /// What the step needs of its model, when it needs something.
    pub need: Option<Need>,
    /// The models the need set aside.
    pub unfit: usize,
}

impl Listing {
    /// A list of priced models, cheapest first: those that meet the need and the filter, grouped.
    /// The model in use stays whatever it takes in, so the list always says where the step is.
    ///
    /// Narrowed and grouped in place: a catalog can offer hundreds of thousands of models, and
    /// each copy of their list would be megabytes.
    fn of(mut priced: Vec<Entry>, need: Option<Need>, picker: &Picker, now: Option<&str>) -> Self {
        let total = priced.len();
        priced.retain(|e| need.is_none_or(|n| n.met_by(&e.model)) || Some(&*e.model.id) == now);
        let unfit = total - priced.len();
        let words = picker.words();
        priced.retain(|e| matches_words(&words, &e.model));
        let groups = by_provider(&mut priced);
        Self {
            entries: priced,
            groups,
            total,
            need,
            unfit,
        }
    }

    /// The ids, in the order shown.
    pub fn ids(&self) -> Vec<Arc<str>> {
        self.entries.iter().map(|e| Arc::clone(&e.model.id)).collect()
    }
}

/// Groups entries by provider, keeping their order within each group, and says where each group
/// is; the groups come in the order of their first entry, so a list sorted cheapest first starts
/// with the cheapest model.
fn by_provider(entries: &mut [Entry]) -> Vec<Range<usize>> {
    let mut group_of: HashMap<Arc<str>, usize> = HashMap::new();
    let mut sizes: Vec<usize> = Vec::new();
    for entry in entries.iter() {
        match group_of.get(entry.model.provider()).and_then(|&at| sizes.get_mut(at)) {
            Some(size) => *size += 1,
            None => {
                group_of.insert(Arc::clone(entry.model.provider()), sizes.len());
                sizes.push(1);
            }
        }
    }
    // One key per entry, then moved in place: the sort is stable, so each group keeps its order.
    entries.sort_by_cached_key(|e| group_of.get(e.model.provider()).copied());
    let mut start = 0;
    sizes
        .into_iter()
        .map(|size| {
            let range = start..start + size;
            start = range.end;
            range
        })
        .collect()
}

/// The models panel's list as last made, and what it was made of. It is made again only when the
/// ranking, the step's need, the filter or the model in use change, so a key press on a catalog
/// of a hundred thousand models does not list them all again.
#[derive(Debug, Clone, Default)]
pub struct Listed {
    of: Option<ListedOf>,
    /// The list.
    pub listing: Arc<Listing>,
}

/// What the clip models' list is made of.
#[derive(Debug, Clone)]
struct ListedOf {
    alternatives: Arc<Vec<Alternative>>,
    need: Option<Need>,
    filter: String,
    now: Option<Arc<str>>,
}

impl PartialEq for ListedOf {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.alternatives, &other.alternatives)
            && self.need == other.need
            && self.filter == other.filter
            && self.now == other.now
    }
}

impl App {
    /// The list the models panel shows: the selected line's models while the breakdown has
    /// the focus, else the clip models.
    pub fn model_listing(&self) -> Listing {
        if self.focus == Focus::Breakdown {
            self.line_listing()
        } else {
            self.clip_listing()
        }
    }

    /// Makes the models panel's list again if what it is made of changed.
    pub(super) fn relist(&mut self) {
        if self.focus == Focus::Breakdown {
            self.listed = Listed {
                of: None,
                listing: Arc::new(self.line_listing()),
            };
            return;
        }
        let of = ListedOf {
            alternatives: Arc::clone(&self.analysis.alternatives),
            need: self.clip_need(),
            filter: self.picker.filter.clone(),
            now: self.analysis.clip_model.as_ref().map(|m| Arc::clone(&m.id)),
        };
        if self.listed.of.as_ref() != Some(&of) {
            let listing = Arc::new(self.clip_listing_for(of.need));
            self.listed = Listed { of: Some(of), listing };
        }
    }

    /// What the clip step needs of its model.
    fn clip_need(&self) -> Option<Need> {
        let (scenario, catalogs) = (&self.project.scenario, &self.project.catalogs);
        let clip = scenario
            .steps
            .iter()
            .position(|s| s.stage == Stage::Scene && catalogs.model(&s.model).is_some_and(|m| m.kind == Kind::Video));
        clip.and_then(|step| need_of(scenario, catalogs, &self.params, step))
    }

    /// The video models that could make the clips, as `m` and `M` step through them.
    pub fn clip_listing(&self) -> Listing {
        self.clip_listing_for(self.clip_need())
    }

    /// The clip models' list, given what the clip step needs.
    fn clip_listing_for(&self, need: Option<Need>) -> Listing {
        let priced = self
            .analysis
            .alternatives
            .iter()
            .map(|a| Entry {
                model: Arc::clone(&a.model),
                per_video: a.per_video,
                change: None,
            })
            .collect();
        let now = self.analysis.clip_model.as_ref().map(|m| &*m.id);
        Listing::of(priced, need, &self.picker, now)
    }

    /// The models that could price the selected breakdown line, as `←` and `→` step through them.
    pub fn line_listing(&self) -> Listing {
        let Some(step) = self.selected_line().map(|l| l.step) else {
            return Listing::default();
        };
        let (scenario, catalogs) = (&self.project.scenario, &self.project.catalogs);
        let need = need_of(scenario, catalogs, &self.params, step);
        let priced = self
            .line_models
            .iter()
            .filter_map(|c| {
                Some(Entry {
                    model: Arc::clone(catalogs.model(&c.model)?),
                    per_video: c.per_video,
                    change: Some(c.change),
                })
            })
            .collect();
        let now = self.step_model_id(step);
        Listing::of(priced, need, &self.picker, now.as_deref())
    }

    /// Opens the filter of the model list, keeping what was typed before.
    pub(super) fn start_filter(&mut self) {
        self.mode = Mode::Filtering;
    }

    /// Types a character into the filter.
    pub(super) fn filter_char(&mut self, c: char) {
        if !c.is_control() && self.picker.filter.chars().count() < MAX_FILTER {
            self.picker.filter.push(c);
        }
    }

    /// Keeps the filter and closes it. When the model in use is not among those left, the first
    /// of them is put in its place, as a picker takes its top match.
    pub(super) fn keep_filter(&mut self) {
        self.mode = Mode::Normal;
        let listing = self.model_listing();
        let now = match self.focus {
            Focus::Breakdown => self.selected_line().and_then(|l| self.step_model_id(l.step)),
            Focus::Params => self.analysis.clip_model.as_ref().map(|m| Arc::clone(&m.id)),
        };
        let ids = listing.ids();
        if ids.iter().any(|id| Some(id) == now.as_ref()) {
            self.say(format!("Filter kept: {} models match", ids.len()));
            return;
        }
        let Some(first) = ids.first().cloned() else {
            self.say("No model matches the filter: nothing changed");
            return;
        };
        match self.focus {
            Focus::Params => self.choose_model(&first),
            Focus::Breakdown => self.put_line_model(&first, None),
        }
    }

    /// Clears the filter, and closes it if it is open.
    pub(super) fn clear_filter(&mut self) {
        self.picker.filter.clear();
        if self.mode == Mode::Filtering {
            self.mode = Mode::Normal;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{SourceFile, load_catalogs};

    fn models() -> Vec<Arc<Model>> {
        let catalog = |name: &str, provider: &str, ids: &[&str]| {
            let models: String = ids
                .iter()
                .map(|id| format!("[[model]]\nid = \"{id}\"\nkind = \"video\"\nunit = \"second\"\nprice = 1\n"))
                .collect();
            SourceFile::new(name, format!("provider = \"{provider}\"\ncurrency = \"USD\"\n{models}"))
        };
        let files = [
            catalog("a.toml", "fal.ai", &["fal-ai/wan-i2v", "fal-ai/ltx"]),
            catalog("b.toml", "Kling AI", &["kling/o3/text-to-video"]),
        ];
        load_catalogs(&files).expect("loads").models().cloned().collect()
    }

    fn entries(costs: &[(usize, i64)]) -> Vec<Entry> {
        let models = models();
        costs
            .iter()
            .map(|&(i, cost)| Entry {
                model: Arc::clone(&models[i]),
                per_video: Decimal::from(cost),
                change: None,
            })
            .collect()
    }

    fn ids(listing: &Listing) -> Vec<&str> {
        listing.entries.iter().map(|e| &*e.model.id).collect()
    }

    #[test]
    fn the_filter_matches_every_word_in_the_id_or_the_provider_case_aside() {
        let models = models();
        let picker = |text: &str| Picker {
            filter: text.to_owned(),
        };
        assert!(picker("WAN").matches(&models[0]));
        assert!(picker("kling ai").matches(&models[2]), "the provider's words");
        assert!(picker("fal i2v").matches(&models[0]));
        assert!(!picker("fal i2v").matches(&models[1]), "every word must match");
        assert!(picker("").matches(&models[1]), "an empty filter lets all through");
    }

    #[test]
    fn groups_come_in_the_order_of_their_cheapest_and_keep_cheapest_first_within() {
        // Cheapest first: ltx (fal) 1, kling 2, wan (fal) 3.
        let listing = Listing::of(entries(&[(1, 1), (2, 2), (0, 3)]), None, &Picker::default(), None);
        assert_eq!(
            ids(&listing),
            ["fal-ai/ltx", "fal-ai/wan-i2v", "kling/o3/text-to-video"]
        );
    }

    #[test]
    fn a_need_for_an_image_leaves_out_text_only_models_but_never_the_one_in_use() {
        let all = entries(&[(1, 1), (2, 2), (0, 3)]);
        let listing = Listing::of(all.clone(), Some(Need::Image), &Picker::default(), None);
        assert_eq!(ids(&listing), ["fal-ai/wan-i2v"]);
        assert_eq!((listing.total, listing.unfit), (3, 2));
        let kept = Listing::of(all, Some(Need::Image), &Picker::default(), Some("fal-ai/ltx"));
        assert_eq!(ids(&kept), ["fal-ai/ltx", "fal-ai/wan-i2v"]);
    }
}
