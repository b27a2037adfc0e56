//! The dashboard's model lists over the built-in market of hundreds of models: narrowed to what
//! the step needs, filtered by typing, grouped by provider, stale prices marked by an injected
//! date. `update` driven by actions with no terminal, and snapshots of TestBackend.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "support/screen.rs"]
mod screen;

use std::sync::Arc;

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
        (a.totals.per_video, Arc::clone(&a.model.provider))
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
