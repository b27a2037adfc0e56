//! The dashboard's model lists over the built-in market of hundreds of models: narrowed to what
//! the step needs, filtered by typing, grouped by provider, stale prices marked by an injected
//! date. `update` driven by actions with no terminal, and snapshots of TestBackend.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "support/screen.rs"]
mod screen;
mod support;

use std::sync::Arc;
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

use reelcost::live::Live;
use reelcost::project::ScenarioSource;
use reelcost::tui::{Event, Flow, Param, Shell, Theme};

use reelcost::engine::stale::Freshness;
use reelcost::tui::app::Focus;
use reelcost::tui::view_model::{Column, ModelRow, STALE_MARK};
use reelcost::tui::{Action, App, Mode};
use screen::screen;

fn open(path: &str) -> App {
    screen::open(path, [])
}

/// The dashboard on a date: prices are stale by it, never by the machine's clock.
fn on(path: &str, today: &str) -> App {
    open(path).with_freshness(Freshness {
        today: today.parse().unwrap(),
        stale_after_days: None,
    })
}

fn typed(app: &mut App, text: &str) {
    for c in text.chars() {
        app.update(Action::InputChar(c));
    }
}

fn listed(app: &App) -> Vec<Arc<str>> {
    app.shown
        .models
        .rows
        .iter()
        .filter_map(ModelRow::model)
        .cloned()
        .collect()
}

fn message(app: &App) -> String {
    app.message.as_ref().map(|m| m.text.clone()).unwrap_or_default()
}

#[test]
fn a_clip_made_from_a_keyframe_lists_only_models_that_take_an_image() {
    let app = open("scenarios/atve.toml");
    let listed = listed(&app);
    assert!(listed.len() > 20, "{listed:?}");
    assert!(
        listed.len() < app.analysis.alternatives.len(),
        "text-only models are left out"
    );
    for id in &listed {
        let model = app.project.catalogs.model(id).unwrap();
        assert!(model.takes_image(), "{id} cannot start from the keyframe");
    }
    let left_out = app.analysis.alternatives.len() - listed.len();
    assert!(
        app.shown
            .models
            .hint
            .contains(&format!("takes an image ({left_out} left out)")),
        "{}",
        app.shown.models.hint
    );
    assert!(!listed.iter().any(|id| &**id == "kling/o3/text-to-video"));

    // A text-to-video scenario with no keyframe needs nothing more: every fitting model is listed.
    let kling = open("scenarios/kling-o3.toml");
    assert_eq!(listed_len(&kling), kling.analysis.alternatives.len());
    assert!(!kling.shown.models.hint.contains("takes an image"));
}

fn listed_len(app: &App) -> usize {
    listed(app).len()
}

#[test]
fn rows_come_under_one_heading_per_provider_groups_by_their_cheapest_and_cheapest_first_within() {
    let app = open("scenarios/atve.toml");
    let cost = |id: &str| {
        let a = app.analysis.alternatives.iter().find(|a| &*a.model.id == id).unwrap();
        (a.per_video, Arc::clone(a.model.provider()))
    };
    let mut seen: Vec<String> = Vec::new();
    let mut groups: Vec<Vec<Arc<str>>> = Vec::new();
    for row in &app.shown.models.rows {
        match row {
            ModelRow::Provider { name, count } => {
                assert!(!seen.contains(name), "{name} has one heading");
                seen.push(name.clone());
                groups.push(Vec::new());
                assert!(*count > 0);
            }
            ModelRow::Model { id, .. } => groups.last_mut().expect("a heading first").push(Arc::clone(id)),
        }
    }
    assert!(groups.len() > 3, "{seen:?}");
    for (group, name) in groups.iter().zip(&seen) {
        assert!(
            group.iter().all(|id| &*cost(id).1 == name.as_str()),
            "{name}: {group:?}"
        );
        assert!(
            group.windows(2).all(|w| cost(&w[0]).0 <= cost(&w[1]).0),
            "{name} cheapest first"
        );
    }
    let cheapest: Vec<_> = groups.iter().map(|g| cost(&g[0]).0).collect();
    assert!(
        cheapest.windows(2).all(|w| w[0] <= w[1]),
        "groups by their cheapest: {cheapest:?}"
    );
}

#[test]
fn typing_narrows_the_list_backspace_widens_it_and_esc_clears_it() {
    let mut app = open("scenarios/atve.toml");
    let all = listed_len(&app);
    app.update(Action::StartFilter);
    assert_eq!(app.mode, Mode::Filtering);
    typed(&mut app, "WAN");
    let wan = listed(&app);
    assert!(!wan.is_empty() && wan.len() < all, "{wan:?}");
    assert!(wan.iter().all(|id| id.to_lowercase().contains("wan")), "{wan:?}");
    assert!(
        app.shown
            .models
            .title
            .contains(&format!("{} of {all} match", wan.len())),
        "{}",
        app.shown.models.title
    );
    // Words match the provider too, and every word must match.
    typed(&mut app, " wavespeed");
    let both = listed(&app);
    assert!(!both.is_empty() && both.len() < wan.len(), "{both:?}");
    assert!(both.iter().all(|id| id.starts_with("wavespeed-ai/")), "{both:?}");
    typed(&mut app, "zzz");
    assert!(listed(&app).is_empty());
    assert!(app.shown.models.empty.contains("zzz"), "{}", app.shown.models.empty);
    for _ in 0.."zzz".len() {
        app.update(Action::InputBackspace);
    }
    assert_eq!(listed(&app), both);
    app.update(Action::CancelInput);
    assert_eq!(app.mode, Mode::Normal);
    assert_eq!(app.picker.filter, "");
    assert_eq!(listed_len(&app), all);
    assert_eq!(app.params.video_model, None, "filtering alone changes no price");
}

#[test]
fn enter_keeps_the_filter_takes_the_top_match_and_m_stays_within_it() {
    let mut app = open("scenarios/atve.toml");
    app.update(Action::StartFilter);
    typed(&mut app, "seedance");
    let matches = listed(&app);
    assert!(matches.len() > 1, "{matches:?}");
    app.update(Action::ApplyInput);
    assert_eq!(app.mode, Mode::Normal);
    assert_eq!(app.picker.filter, "seedance", "the filter stays");
    assert_eq!(
        app.params.video_model.as_deref(),
        Some(&*matches[0]),
        "{}",
        message(&app)
    );
    for _ in 0..matches.len() {
        app.update(Action::NextModel);
        let now = app.params.video_model.clone().unwrap();
        assert!(matches.contains(&now), "{now} is outside the filter");
    }
    assert_eq!(
        app.params.video_model.as_deref(),
        Some(&*matches[0]),
        "round the matches"
    );
    // With the model in use among the matches, Enter changes nothing.
    app.update(Action::StartFilter);
    app.update(Action::ApplyInput);
    assert_eq!(app.params.video_model.as_deref(), Some(&*matches[0]));
    // Esc on the dashboard clears a kept filter before it would quit.
    assert_eq!(app.update(Action::Back), None);
    assert_eq!(app.picker.filter, "");
    assert!(listed_len(&app) > matches.len());
}

#[test]
fn the_breakdown_lines_list_is_filtered_and_the_arrows_stay_within_it() {
    let mut app = open("scenarios/atve.toml");
    app.update(Action::ToggleFocus);
    while &*app.selected_line().unwrap().label != "Keyframe (multi-character)" {
        app.update(Action::SelectNext);
    }
    assert_eq!(app.focus, Focus::Breakdown);
    let all = listed_len(&app);
    app.update(Action::StartFilter);
    typed(&mut app, "kontext");
    let kontext = listed(&app);
    assert!(kontext.len() > 1 && kontext.len() < all, "{kontext:?}");
    assert!(
        app.shown
            .models
            .title
            .starts_with(" Keyframe (multi-character) model · ")
    );
    app.update(Action::ApplyInput);
    for _ in 0..kontext.len() + 1 {
        app.update(Action::Step(1));
        let now = app.params.get("keyframe-multi-character.model").unwrap();
        assert!(kontext.iter().any(|id| **id == *now), "{now} is outside the filter");
    }
}

#[test]
fn stale_prices_are_marked_by_the_injected_date_only() {
    let stale_on = |today: &str| {
        let mut app = on("scenarios/atve.toml", today);
        app.update(Action::StartFilter);
        typed(&mut app, "wavespeed");
        app.shown
            .models
            .rows
            .iter()
            .filter(|r| matches!(r, ModelRow::Model { stale: true, .. }))
            .count()
    };
    // Wavespeed's prices are as of 2026-01: fresh for 90 days after the month ends.
    assert_eq!(stale_on("2026-03-01"), 0);
    assert!(stale_on("2026-11-22") > 0);
    let mut undated = open("scenarios/atve.toml");
    undated.update(Action::StartFilter);
    typed(&mut undated, "wavespeed");
    assert!(
        !undated.shown.models.hint.contains(STALE_MARK),
        "no clock, no mark: {}",
        undated.shown.models.hint
    );
}

#[test]
fn the_notes_warn_of_a_stale_price_in_the_bill_and_the_breakdown_marks_its_line() {
    let fresh = on("scenarios/kling-o3.toml", "2026-07-08");
    let stale = on("scenarios/kling-o3.toml", "2026-07-09");
    let said = |app: &App| {
        app.shown
            .notes
            .lines
            .iter()
            .flatten()
            .map(|(t, _)| t.as_str())
            .collect::<String>()
    };
    assert!(!said(&fresh).contains("days old"), "{}", said(&fresh));
    assert!(
        said(&stale).contains("kling/o3/text-to-video: price as of 2026-04-09 is 91 days old"),
        "{}",
        said(&stale)
    );
    assert!(
        stale.shown.notes.title.contains("1 warning"),
        "{}",
        stale.shown.notes.title
    );
    // The breakdown marks the line priced by it.
    let label = |app: &App| app.shown.breakdown.rows[0].cells[Column::Label.index()].0.clone();
    assert_eq!(label(&fresh), "Text-to-video clip");
    assert_eq!(label(&stale), format!("{STALE_MARK} Text-to-video clip"));
}

/// Snapshots at 120x40 and 80x24.
fn snapshot(name: &str, app: &App) {
    insta::assert_snapshot!(format!("{name}_120x40"), screen(app, 120, 40));
    insta::assert_snapshot!(format!("{name}_80x24"), screen(app, 80, 24));
}

#[test]
fn a_filtered_list_with_stale_marks() {
    let mut app = on("scenarios/atve.toml", "2026-11-22");
    app.update(Action::StartFilter);
    typed(&mut app, "wan");
    let text = screen(&app, 80, 24);
    assert!(text.contains(STALE_MARK) && text.contains("match"), "{text}");
    snapshot("filtering_wan", &app);
    app.update(Action::ApplyInput);
    snapshot("filter_kept_wan", &app);
}

/// A copy of atve whose catalogs offer `count` more video models for its clips, each priced per
/// 720p clip a tenth of a cent above the last.
fn with_video_models(count: usize) -> tempfile::TempDir {
    use std::fmt::Write;
    let dir = support::copy_of_atve();
    let mut text = String::from("provider = \"Bulk\"\ncurrency = \"USD\"\nas_of = \"2026-11\"\n");
    for i in 0..count {
        let _ = write!(
            text,
            "\n[[model]]\nid = \"bulk/video-{i}\"\nkind = \"video\"\nunit = \"clip\"\ninputs = [\"image\"]\n\
             rates = [{{ resolution = \"720p\", price = {}.{:03} }}]\n",
            1 + i / 1000,
            i % 1000
        );
    }
    std::fs::write(dir.path().join("catalogs/bulk.toml"), text).unwrap();
    dir
}

/// Hands events to the shell, then what the worker sends until the clip models are ranked at
/// the parameters now. The timeout only keeps a broken worker from hanging the suite.
fn until_ranked(shell: &mut Shell, app: &mut App, events: &Receiver<Event>, batch: Vec<Event>) {
    let screen = ratatui::layout::Rect::new(0, 0, 120, 40);
    assert_eq!(shell.process(app, batch, screen), Flow::Continue);
    while app.analysis.alternatives_behind {
        let answer = events
            .recv_timeout(Duration::from_secs(120))
            .expect("the worker answers");
        assert_eq!(shell.process(app, [answer], screen), Flow::Continue);
    }
}

fn costs(list: &[reelcost::engine::analysis::Alternative]) -> Vec<(Arc<str>, rust_decimal::Decimal)> {
    list.iter().map(|a| (Arc::clone(&a.model.id), a.per_video)).collect()
}

#[test]
fn thousands_of_clip_models_are_ranked_off_the_key_press_and_shown_when_priced() {
    use reelcost::engine::analysis::video_alternatives;

    let dir = with_video_models(5_000);
    let source = ScenarioSource::File(dir.path().join("scenarios/atve.toml"));
    let live = Live::open(source, None).unwrap();
    let mut app = App::new(live.project.clone(), Theme::plain()).unwrap();
    assert!(
        app.analysis.alternatives_behind && app.analysis.alternatives.is_empty(),
        "5,000 models are not priced before the first frame"
    );
    assert_eq!(app.shown.models.empty, "Pricing every video model for these clips…");
    let (sender, events) = channel();
    let mut shell = Shell::new(live, sender);
    until_ranked(&mut shell, &mut app, &events, Vec::new());
    let engine = |app: &App| video_alternatives(&app.project.scenario, &app.project.catalogs, &app.params);
    assert!(app.analysis.alternatives.len() > 5_000);
    assert_eq!(costs(&app.analysis.alternatives), costs(&engine(&app)));
    assert!(
        !app.shown.models.title.contains("repricing"),
        "{}",
        app.shown.models.title
    );

    // Frames 100 -> 80: the list priced at 100 frames stays, marked, until the worker's is back.
    let at_100 = Arc::clone(&app.analysis.alternatives);
    app.update(Action::SetParam(Param::named("frames"), "80".to_owned()));
    assert!(app.analysis.alternatives_behind);
    assert!(Arc::ptr_eq(&at_100, &app.analysis.alternatives));
    assert!(
        app.shown.models.title.contains("repricing…"),
        "{}",
        app.shown.models.title
    );
    until_ranked(&mut shell, &mut app, &events, Vec::new());
    assert_eq!(costs(&app.analysis.alternatives), costs(&engine(&app)));
    assert_ne!(
        costs(&at_100),
        costs(&app.analysis.alternatives),
        "WAN is a tenth cheaper per clip under its 81-frame cliff"
    );

    // Far down the list: only the rows around it are written out, and the panel shows it.
    let far = Arc::clone(&app.listed.listing.entries[3_000].model.id);
    app.update(Action::ChooseModel(Arc::clone(&far)));
    until_ranked(&mut shell, &mut app, &events, Vec::new());
    let models = &app.shown.models;
    assert_eq!(
        models.count,
        app.listed.listing.entries.len() + app.listed.listing.groups.len()
    );
    assert!(
        models.rows.len() < 2 * reelcost::tui::view_model::WINDOW + 10,
        "{}",
        models.rows.len()
    );
    let current = models.current.expect("the model in use is listed");
    assert_eq!(models.row(current).and_then(ModelRow::model), Some(&far));
    let text = screen(&app, 160, 48);
    assert!(text.contains(&format!("▶ {far}")), "{text}");
}
