//! The dashboard's `update`, driven by sequences of actions with no terminal: every figure it
//! shows is recomputed through the engine, and a refused value changes nothing but the message.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::str::FromStr;
use std::sync::Arc;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::Rect;
use reelcost::engine::evaluate;
use reelcost::project::{self, ScenarioSource};
use reelcost::tui::keys::{BINDINGS, action_for, mouse_action};
use reelcost::tui::view_model::ModelRow;
use reelcost::tui::{Action, App, Effect, Event, Mode, Param, Theme, View, handle, ui};
use rust_decimal::Decimal;

fn d(text: &str) -> Decimal {
    Decimal::from_str(text).unwrap()
}

/// The dashboard on scenarios/atve.toml, as `reelcost` opens it in the repository.
fn atve() -> App {
    let project = project::load(&ScenarioSource::File("scenarios/atve.toml".into()), None).unwrap();
    App::new(project, Theme::colour()).unwrap()
}

fn run(app: &mut App, actions: impl IntoIterator<Item = Action>) {
    for action in actions {
        assert_eq!(app.update(action), None);
    }
}

fn type_value(app: &mut App, text: &str) {
    app.update(Action::StartEditing);
    for c in text.chars() {
        app.update(Action::InputChar(c));
    }
    app.update(Action::ApplyInput);
}

fn message(app: &App) -> (bool, String) {
    let m = app.message.clone().expect("a message");
    (m.error, m.text)
}

fn reroll_shown(info: &reelcost::engine::ParamInfo, app: &App) -> String {
    reelcost::tui::param::shown(info, &app.params, &app.money())
}

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

#[test]
fn frames_100_to_80_saves_40_cents_a_video_and_2_5_cents_a_finished_second() {
    let mut app = atve();
    assert_eq!(app.bill.totals.per_video, d("3.014"));
    run(&mut app, [Action::SelectNext]);
    assert_eq!(app.selected, Param::named("frames"));
    type_value(&mut app, "80");

    assert_eq!(app.params.frames, 80);
    assert_eq!(app.bill.totals.per_video, d("2.614"));
    let [per_video, _, per_finished_second, per_month] = &app.figures;
    assert_eq!(per_video.delta.unwrap().amount, d("-0.40"));
    assert_eq!(per_finished_second.delta.unwrap().amount, d("-0.025"));
    assert_eq!(per_finished_second.value, Some(d("0.163375")));
    assert_eq!(per_month.delta.unwrap().amount, d("-400"));

    // The breakdown says why: WAN's x1.25 above 81 frames no longer fires.
    let clip = app
        .bill
        .lines
        .iter()
        .position(|l| &*l.label == "Animated clip")
        .unwrap();
    let before = app.before[clip].as_ref().expect("the clip line changed");
    assert!(before.repriced);
    assert!(before.rule.contains(">81 frames x1.25"), "{}", before.rule);
    let rule = reelcost::format::rule::line(&app.bill.lines[clip], &app.money());
    assert!(!rule.contains("x1.25"), "{rule}");
    assert_eq!((before.per_video, app.bill.lines[clip].per_video), (d("2"), d("1.6")));
    assert_eq!(app.before.iter().flatten().count(), 1, "only the clip line changed");
    let frames = app.rows.iter().position(|r| r.name == "frames").unwrap();
    assert_eq!(app.was[frames].as_deref(), Some("100"));
    assert!(app.analysis.cliffs.is_empty(), "no cliff left below 81 frames");
    assert!(message(&app).1.contains("$3.01 → $2.61 per video"), "{:?}", app.message);
}

#[test]
fn stepping_frames_down_by_ten_twice_lands_on_the_same_bill() {
    let mut app = atve();
    run(&mut app, [Action::SelectNext, Action::Step(-10), Action::Step(-10)]);
    assert_eq!(app.params.frames, 80);
    assert_eq!(app.bill.totals.per_video, d("2.614"));
    run(&mut app, [Action::Step(1)]);
    assert_eq!(app.params.frames, 81, "one unit up");
    assert_eq!(
        app.bill.totals.per_video,
        d("2.614"),
        "81 frames is still under the cliff"
    );
}

#[test]
fn the_figures_are_the_engines() {
    let mut app = atve();
    run(
        &mut app,
        [
            Action::Select(Param::named("reroll_rate")),
            Action::Step(12),
            Action::Select(Param::named("scenes")),
            Action::Step(2),
        ],
    );
    let bill = evaluate(&app.project.scenario, &app.project.catalogs, &app.params).unwrap();
    assert_eq!(app.bill.totals, bill.totals);
    assert_eq!(app.figures[0].value, Some(bill.totals.per_video));
    assert_eq!(app.figures[1].value, bill.totals.per_generated_second);
    assert_eq!(app.figures[3].value, Some(bill.totals.per_month));
}

/// A refused value leaves the parameters and the bill as they were, and says why.
fn assert_refused(param: Param, text: &str, why: &str) {
    let mut app = atve();
    let (params, per_video) = (app.params.clone(), app.bill.totals.per_video);
    run(&mut app, [Action::Select(param.clone())]);
    type_value(&mut app, text);
    assert_eq!(app.params, params, "{param:?} = {text} changed the parameters");
    assert_eq!(app.bill.totals.per_video, per_video);
    assert_eq!(app.mode, Mode::Normal);
    let (error, shown) = message(&app);
    assert!(error, "{shown}");
    assert!(shown.contains(why), "{param:?} = {text}: {shown}");
}

#[test]
fn refused_values_change_nothing_and_say_why() {
    assert_refused(
        Param::named("frames"),
        "120",
        "120 frames is above WAN 2.1 image-to-video's maximum of 100",
    );
    assert_refused(Param::named("frames"), "eighty", "`eighty` is not a number");
    assert_refused(Param::named("frames"), "0", "0 is out of range");
    assert_refused(
        Param::named("resolution"),
        "4k",
        "resolution 4k is not offered (offered: 480p, 720p)",
    );
    assert_refused(Param::named("reroll_rate"), "100", "every attempt would fail");
    assert_refused(Param::named("reroll_rate"), "150%", "every attempt would fail");
    assert_refused(Param::named("audio"), "on", "audio is not offered");
    assert_refused(Param::named("scenes"), "-1", "out of range");
}

#[test]
fn stepping_past_the_models_limit_is_refused() {
    let mut app = atve();
    run(&mut app, [Action::Select(Param::named("frames")), Action::Step(1)]);
    assert_eq!(app.params.frames, 100);
    assert!(message(&app).0);
    assert!(
        message(&app).1.contains("set frames to 100 or fewer"),
        "{:?}",
        app.message
    );
}

#[test]
fn reroll_steps_by_one_percent_and_stops_below_100() {
    let mut app = atve();
    run(&mut app, [Action::Select(Param::named("reroll_rate")), Action::Step(1)]);
    assert_eq!(app.params.reroll_rate, d("0.01"));
    run(&mut app, [Action::Step(10)]);
    assert_eq!(app.params.reroll_rate, d("0.11"));
    let reroll = app.selected_info().unwrap().clone();
    assert_eq!(reroll_shown(&reroll, &app), "11%");
    run(&mut app, [Action::Step(-20)]);
    assert_eq!(app.params.reroll_rate, Decimal::ZERO, "never below zero");
    type_value(&mut app, "0.99");
    assert_eq!(app.params.reroll_rate, d("0.99"), "0.99 is 99%, as in the file");
    run(&mut app, [Action::Step(1)]);
    assert_eq!(app.params.reroll_rate, d("0.99"), "100% is refused");
    assert!(message(&app).1.contains("every attempt would fail"));
    type_value(&mut app, "12.5%");
    assert_eq!(app.params.reroll_rate, d("0.125"));
}

#[test]
fn resolution_cycles_through_what_the_clip_model_offers() {
    let mut app = atve();
    let offered: Vec<&str> = app.analysis.resolutions.iter().map(|r| &**r).collect();
    assert_eq!(offered, ["480p", "720p"]);
    run(&mut app, [Action::Select(Param::named("resolution")), Action::Step(1)]);
    assert_eq!(app.params.resolution.as_deref(), Some("480p"), "wraps round after 720p");
    // 4 clips at WAN's 480p $0.20 x1.25 in place of 720p's $0.40 x1.25.
    assert_eq!(app.bill.totals.per_video, d("2.014"));
    run(&mut app, [Action::Step(1)]);
    assert_eq!(app.params.resolution.as_deref(), Some("720p"));
    run(&mut app, [Action::Step(-1)]);
    assert_eq!(app.params.resolution.as_deref(), Some("480p"));
}

#[test]
fn m_cycles_the_clip_model_through_the_alternatives() {
    let mut app = atve();
    // The list as shown: models that take an image (a keyframe feeds the clip), by provider.
    let ids = app.clip_listing().ids();
    let wan = ids.iter().position(|id| &**id == "fal-ai/wan-i2v").unwrap();
    let next_id = Arc::clone(&ids[(wan + 1) % ids.len()]);
    let next = app
        .analysis
        .alternatives
        .iter()
        .find(|a| a.model.id == next_id)
        .unwrap();
    let next_cost = next.per_video;

    run(&mut app, [Action::NextModel]);
    assert_eq!(app.params.video_model.as_deref(), Some(&*next_id));
    assert_eq!(app.bill.totals.per_video, next_cost, "the cost the list promised");
    let clip = app
        .bill
        .lines
        .iter()
        .position(|l| &*l.label == "Animated clip")
        .unwrap();
    assert_eq!(app.before[clip].as_ref().map(|b| &*b.model), Some("fal-ai/wan-i2v"));

    run(&mut app, [Action::PreviousModel]);
    assert_eq!(app.params.video_model, None, "back on the scenario's own model");
    assert_eq!(app.bill.totals.per_video, d("3.014"));

    // Every alternative in turn, and round to the start.
    for _ in 0..ids.len() {
        run(&mut app, [Action::NextModel]);
    }
    assert_eq!(app.params.video_model, None);
}

#[test]
fn b_pins_the_baseline_and_r_resets_to_the_file() {
    let mut app = atve();
    run(&mut app, [Action::Select(Param::named("frames"))]);
    type_value(&mut app, "80");
    run(&mut app, [Action::PinBaseline]);
    assert!(app.baseline.pinned);
    assert_eq!(app.figures[0].delta.unwrap().amount, Decimal::ZERO);
    assert!(app.before.iter().all(Option::is_none));
    assert!(app.was.iter().all(Option::is_none));

    run(
        &mut app,
        [Action::Select(Param::named("reroll_rate")), Action::Step(10)],
    );
    assert!(
        app.figures[0].delta.unwrap().amount > Decimal::ZERO,
        "dearer than the pinned state"
    );

    run(&mut app, [Action::Reset]);
    assert_eq!(app.params, app.project.scenario.params);
    assert_eq!(app.bill.totals.per_video, d("3.014"));
    assert_eq!(
        app.figures[0].delta.unwrap().amount,
        d("0.40"),
        "against the pinned 80 frames"
    );
    assert!(!message(&app).0);
}

#[test]
fn the_input_types_edits_and_cancels() {
    let mut app = atve();
    run(&mut app, [Action::Select(Param::named("frames")), Action::StartEditing]);
    run(&mut app, "890".chars().map(Action::InputChar));
    run(&mut app, [Action::InputBackspace]);
    assert_eq!(
        app.mode,
        Mode::Editing(reelcost::tui::app::Input {
            param: Param::named("frames"),
            text: "89".into()
        })
    );
    run(&mut app, [Action::CancelInput]);
    assert_eq!(app.mode, Mode::Normal);
    assert_eq!(app.params.frames, 100);
    type_value(&mut app, "");
    assert_eq!(app.params.frames, 100, "an empty input changes nothing");
}

#[test]
fn keys_map_through_the_one_table() {
    let mut app = atve();
    assert_eq!(action_for(&app, key(KeyCode::Char('j'))), Some(Action::SelectNext));
    assert_eq!(action_for(&app, key(KeyCode::Left)), Some(Action::Step(-1)));
    let shift_left = KeyEvent::new(KeyCode::Left, KeyModifiers::SHIFT);
    assert_eq!(action_for(&app, shift_left), Some(Action::Step(-10)));
    let question = KeyEvent::new(KeyCode::Char('?'), KeyModifiers::SHIFT);
    assert_eq!(action_for(&app, question), Some(Action::ToggleHelp));
    assert_eq!(action_for(&app, key(KeyCode::Char('z'))), None);
    let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);

    // Every binding is reachable by its own keys in its own mode.
    for binding in BINDINGS
        .iter()
        .filter(|b| b.context == reelcost::tui::keys::Context::Normal)
    {
        for k in binding.keys {
            assert_eq!(
                action_for(&app, KeyEvent::new(k.code, k.modifiers)),
                Some(binding.action.clone())
            );
        }
    }

    // While typing, letters are text and Esc cancels; Ctrl+C still quits.
    app.update(Action::StartEditing);
    assert_eq!(action_for(&app, key(KeyCode::Char('q'))), Some(Action::InputChar('q')));
    assert_eq!(action_for(&app, key(KeyCode::Esc)), Some(Action::CancelInput));
    assert_eq!(action_for(&app, ctrl_c), Some(Action::Quit));
    app.update(Action::CancelInput);

    // Esc closes the help, leaves presentation, and only then quits.
    app.update(Action::TogglePresentation);
    app.update(Action::ToggleHelp);
    assert_eq!(action_for(&app, key(KeyCode::Esc)), Some(Action::ToggleHelp));
    app.update(Action::ToggleHelp);
    assert_eq!(app.update(Action::Back), None);
    assert_eq!(app.view, View::Dashboard);
    assert_eq!(app.update(Action::Back), Some(Effect::Quit));
    assert_eq!(app.update(Action::Quit), Some(Effect::Quit));
}

#[test]
fn events_reach_update_through_handle() {
    let mut app = atve();
    let screen = Rect::new(0, 0, 120, 40);
    assert_eq!(handle(&mut app, Event::Key(key(KeyCode::Down)), screen), None);
    assert_eq!(app.selected, Param::named("frames"));
    assert_eq!(handle(&mut app, Event::Resize, screen), None);
    assert_eq!(handle(&mut app, Event::InputClosed, screen), Some(Effect::Quit));
    assert_eq!(
        handle(&mut app, Event::Key(key(KeyCode::Char('q'))), screen),
        Some(Effect::Quit)
    );

    // A click on a parameter row selects it; the wheel moves the selection.
    let panels = ui::layout(screen, &app).unwrap();
    let click = |row: u16| {
        Event::Mouse(MouseEvent {
            kind: MouseEventKind::Down(MouseButton::Left),
            column: panels.params.x + 3,
            row: panels.params.y + 1 + row,
            modifiers: KeyModifiers::NONE,
        })
    };
    handle(&mut app, click(7), screen);
    assert_eq!(app.selected, Param::named("reroll_rate"));
    let wheel = Event::Mouse(MouseEvent {
        kind: MouseEventKind::ScrollDown,
        column: 0,
        row: 0,
        modifiers: KeyModifiers::NONE,
    });
    handle(&mut app, wheel, screen);
    assert_eq!(app.selected, Param::named("videos_per_month"));

    // A click on a clip model puts it on the clip step; a click on a provider's heading does
    // nothing.
    let first = ui::models::first_shown(&app, panels.models);
    let visible = usize::from(panels.models.height - 2);
    let models = &app.shown.models;
    let in_use = app.analysis.clip_model.as_ref().map(|m| Arc::clone(&m.id));
    let at = |pick: &dyn Fn(&ModelRow) -> bool| {
        (first..(first + visible).min(models.count))
            .find(|&i| pick(models.row(i).unwrap()))
            .unwrap()
    };
    let heading = at(&|r| r.model().is_none());
    let other = at(&|r| r.model().is_some_and(|id| Some(id) != in_use.as_ref()));
    let chosen = Arc::clone(models.row(other).unwrap().model().unwrap());
    let on_row = |i: usize| MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column: panels.models.x + 4,
        row: panels.models.y + 1 + u16::try_from(i - first).unwrap(),
        modifiers: KeyModifiers::NONE,
    };
    assert_eq!(mouse_action(&app, on_row(heading), screen), None);
    handle(&mut app, Event::Mouse(on_row(other)), screen);
    assert_eq!(
        app.analysis.clip_model.as_ref().map(|m| Arc::clone(&m.id)),
        Some(chosen)
    );
}
