//! The real binary in tmux: open the dashboard on atve, take Frames from 100 to 80 by typing it,
//! watch the cost per video drop to $2.61, quit, and check the exit status.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "support/tmux.rs"]
mod tmux;

use std::path::Path;
use std::process::Command;
use std::thread::sleep;
use std::time::Duration;

use tmux::{Tmux, dashboard_on_a_copy, require_tmux, tmux_or_skip, wait_for_exit};

#[test]
fn frames_100_to_80_in_the_real_dashboard() {
    require_tmux();
    let dir = tempfile::tempdir().unwrap();
    let exit_file = dir.path().join("exit");
    // From the repository root, so the dashboard opens scenarios/atve.toml.
    let command = format!(
        "cd '{}' && '{}'; echo EXIT:$? > '{}'",
        env!("CARGO_MANIFEST_DIR"),
        env!("CARGO_BIN_EXE_reelcost"),
        exit_file.display()
    );
    let tmux = Tmux::start(140, 45, &command);

    // The whole first frame, breakdown included, before looking at it.
    tmux.wait_for_all(&["$3.0140", "scenarios/atve.toml", "Cost per video"]);

    tmux.send(&["j"]);
    tmux.wait_for("Frames: ←/→");
    tmux.send(&["Enter"]);
    tmux.wait_for("Frames =");
    tmux.send(&["8", "0"]);
    tmux.send(&["Enter"]);
    tmux.wait_for_all(&["$2.61", "-$0.40 (-13.3%)", "-$0.0250 (-13.3%)"]);

    // Frames 80 is not in the file: quitting asks first; discarding leaves.
    tmux.send(&["q"]);
    tmux.wait_for("Unsaved changes to scenarios/atve.toml");
    tmux.send(&["d"]);
    assert_eq!(wait_for_exit(&exit_file), "EXIT:0\n");
}

/// Saves a file the way vim does by default: a new file written beside it and renamed over it.
fn save_like_vim(path: &Path, text: &str) {
    let swap = path.with_extension("toml~");
    std::fs::write(&swap, text).unwrap();
    std::fs::rename(&swap, path).unwrap();
}

#[test]
fn catalog_edits_show_up_live_and_a_save_changes_one_line() {
    require_tmux();
    let (dir, tmux, exit_file) = dashboard_on_a_copy("");
    tmux.wait_for("$3.0140");

    // The WAN clip at 720p from $0.40 to $0.32 a clip: $0.40 x 1.25 x 4 becomes $0.32 x 1.25 x 4.
    let fal = dir.path().join("catalogs/fal.toml");
    let good = std::fs::read_to_string(&fal).unwrap();
    let cheaper = good.replace(
        "{ resolution = \"720p\", price = 0.40 }",
        "{ resolution = \"720p\", price = 0.32 }",
    );
    save_like_vim(&fal, &cheaper);
    tmux.wait_for_all(&["$2.6140", "catalogs reloaded", "$0.50 → $0.40"]);

    // A broken save: the error names the file and line, and the last good figure stays.
    save_like_vim(&fal, &cheaper.replace("price = 0.32 }", "price = 0.32 "));
    tmux.wait_for_all(&[
        "catalogs/fal.toml:28:1:",
        "$2.6140",
        "Still showing the last good figures",
    ]);
    save_like_vim(&fal, &cheaper);
    tmux.wait_for("catalogs reloaded");
    tmux.wait_until_gone("catalogs/fal.toml:28:1:");

    // Frames 100 -> 80, saved: exactly one line of the scenario changes.
    let scenario = dir.path().join("scenarios/atve.toml");
    let before = std::fs::read_to_string(&scenario).unwrap();
    tmux.send(&["j", "Enter", "8", "0", "Enter"]);
    tmux.wait_for("80 (5 s @ 16 fps)");
    tmux.send(&["s"]);
    tmux.wait_for("Saved scenarios/atve.toml");
    let after = std::fs::read_to_string(&scenario).unwrap();
    let changed: Vec<(&str, &str)> = before.lines().zip(after.lines()).filter(|(a, b)| a != b).collect();
    assert_eq!(changed.len(), 1, "{changed:?}");
    assert!(changed[0].1.starts_with("frames = 80 "), "{changed:?}");
    assert_eq!(before.lines().count(), after.lines().count());

    tmux.send(&["q"]);
    assert_eq!(wait_for_exit(&exit_file), "EXIT:0\n");
}

#[test]
fn sigterm_ends_the_dashboard_and_restores_the_terminal() {
    require_tmux();
    let dir = tempfile::tempdir().unwrap();
    let (pid_file, exit_file) = (dir.path().join("pid"), dir.path().join("exit"));
    // The inner shell records its pid and becomes the dashboard; the outer one reports how it
    // ended and stays, so the screen after it can be read.
    let command = format!(
        "sh -c 'echo $$ > {}; exec {}'; echo EXIT:$? > '{}'; echo restored; sleep 30",
        pid_file.display(),
        env!("CARGO_BIN_EXE_reelcost"),
        exit_file.display()
    );
    let tmux = Tmux::start(120, 40, &format!("cd '{}' && {command}", env!("CARGO_MANIFEST_DIR")));
    tmux.wait_for("Cost per video");
    let pid = std::fs::read_to_string(&pid_file).unwrap();
    let kill = Command::new("kill").args(["-TERM", pid.trim()]).status().unwrap();
    assert!(kill.success());
    assert_eq!(wait_for_exit(&exit_file), "EXIT:0\n");
    let screen = tmux.wait_for("restored");
    assert!(
        !screen.contains("Cost per video"),
        "the alternate screen is left:\n{screen}"
    );
}

/// A scenario whose names carry terminal sequences (OSC 0 sets the window title, OSC 52 the
/// clipboard): the report, check and the dashboard show them escaped, and the terminal obeys none.
#[test]
fn hostile_file_text_never_reaches_the_terminal() {
    require_tmux();
    let dir = tempfile::tempdir().unwrap();
    let exit_file = dir.path().join("exit");
    let bin = env!("CARGO_BIN_EXE_reelcost");
    let scenario = "tests/fixtures/hostile/scenario.toml";
    // It waits for a line on its input, so the pane can be set to take OSC 52 first, and stays
    // open after, so its title can be read.
    let command = format!(
        "cd '{}' && read _ && '{bin}' report {scenario} && '{bin}' check tests/fixtures/hostile/catalogs {scenario}; \
         '{bin}' {scenario}; echo EXIT:$? > '{}'; sleep 600",
        env!("CARGO_MANIFEST_DIR"),
        exit_file.display()
    );
    let tmux = Tmux::start(200, 50, &command);
    assert!(tmux.run(&["set-option", "-g", "set-clipboard", "on"]).status.success());
    let title = |tmux: &Tmux| {
        let out = tmux.run(&["display-message", "-p", "-t", &tmux.name, "#{pane_title}"]);
        String::from_utf8_lossy(&out.stdout).trim().to_owned()
    };
    let before = title(&tmux);
    tmux.send(&["Enter"]);

    // Waited for together: a capture can catch a frame half drawn (the breakdown still empty).
    tmux.wait_for_all(&[
        "Clip model (m)",
        "Hostile \\u{1b}]0;pwned\\u{7} scenario\\r",
        "Clip \\u{1b}]52;c;cm0gLXJmIH4=\\u{7}|=cmd",
        "evil/clip\\u{1b}[2J",
    ]);
    tmux.send(&["q"]);
    assert_eq!(wait_for_exit(&exit_file), "EXIT:0\n");
    // The report and check ran before the dashboard; none of the three set the title or the
    // clipboard.
    assert_eq!(title(&tmux), before, "the pane's title changed");
    let buffers = tmux.run(&["list-buffers"]);
    assert_eq!(
        String::from_utf8_lossy(&buffers.stdout),
        "",
        "something wrote the clipboard"
    );
}

#[test]
fn augmentations_a_keyframe_swap_a_save_and_the_question_before_quitting() {
    assert!(tmux_or_skip());
    let (dir, tmux, exit_file) = dashboard_on_a_copy("scenarios/atve.toml");
    tmux.wait_for("$3.0140");

    // Down to the scenario's own Augmentation images, then ten steps of five down: 35 -> 0.
    for _ in 0..10 {
        tmux.send(&["j"]);
    }
    tmux.wait_for("Augmentation images: ←/→ ±5");
    tmux.send(&["H"]);
    tmux.wait_for_all(&["Augmentation images 35 → 0", "$2.4540"]);
    tmux.send(&["Enter", "5", "Enter"]);
    tmux.wait_for("Augmentation images 0 → 5");

    // The breakdown: the clip, then the keyframe; one model cheaper, undone, then again.
    tmux.send(&["Tab", "j"]);
    tmux.wait_for("Keyframe (multi-character) model ·");
    tmux.send(&["Left"]);
    tmux.wait_for("Keyframe (multi-character) model fal-ai/flux-pro/kontext/multi →");
    tmux.send(&["u"]);
    tmux.wait_for("Undone");
    tmux.send(&["Left"]);
    tmux.wait_for("Keyframe (multi-character) model fal-ai/flux-pro/kontext/multi →");
    let swapped = std::fs::read_to_string(dir.path().join("scenarios/atve.toml")).unwrap();
    tmux.send(&["s"]);
    let screen = tmux.wait_for("Saved scenarios/atve.toml");
    // The changes are now the file's values: nothing shows against the old ones.
    assert!(screen.contains("changes vs the file's values"), "{screen}");
    assert!(!screen.contains("was 35"), "{screen}");
    let saved = std::fs::read_to_string(dir.path().join("scenarios/atve.toml")).unwrap();
    assert_ne!(saved, swapped);
    assert!(saved.contains("augmentations = { value = 5,"), "{saved}");
    let keyframe = saved
        .split("[[scene]]")
        .find(|s| s.contains("Keyframe (multi-character)"))
        .unwrap();
    assert!(keyframe.contains("model = \""), "{keyframe}");
    assert!(!keyframe.contains("kontext/multi"), "{keyframe}");

    // A change not saved: q asks; Esc closes the question and the dashboard stays; q, s saves
    // and leaves.
    tmux.send(&["Tab", "l"]);
    tmux.wait_for("Augmentation images 5 → 10");
    tmux.send(&["q"]);
    tmux.wait_for("Unsaved changes to scenarios/atve.toml");
    tmux.send(&["Escape"]);
    sleep(Duration::from_millis(300));
    let screen = tmux.wait_for("Tab focus");
    assert!(!screen.contains("Unsaved changes"), "{screen}");
    assert!(!exit_file.exists(), "Esc closed the question and did not quit");
    tmux.send(&["q"]);
    tmux.wait_for("Unsaved changes to scenarios/atve.toml");
    tmux.send(&["s"]);
    assert_eq!(wait_for_exit(&exit_file), "EXIT:0\n");
    let saved = std::fs::read_to_string(dir.path().join("scenarios/atve.toml")).unwrap();
    assert!(saved.contains("augmentations = { value = 10,"), "{saved}");
}

#[test]
fn natak_premium_shows_its_margin_on_the_dashboard_and_the_projector() {
    assert!(tmux_or_skip());
    let (_dir, tmux, exit_file) = dashboard_on_a_copy("scenarios/natak-premium-video.toml");
    tmux.wait_for("Price & margin");
    tmux.wait_for("Margin $0.0370 · 4.9%");
    let screen = tmux.wait_for("target 50% · needs $1.43");
    assert!(!screen.contains("Characters "), "no character step: {screen}");
    tmux.send(&["p"]);
    tmux.wait_for_all(&[
        "1/3 Headline",
        "Margin $0.0370 · 4.9%",
        "Price $0.75 = 15 cr × $0.05 (Starter)",
    ]);
    tmux.send(&["Right"]);
    tmux.wait_for("2/3 Share of the bill");
    tmux.send(&["Escape"]);
    tmux.wait_for("Parameters");
    tmux.send(&["q"]);
    assert_eq!(wait_for_exit(&exit_file), "EXIT:0\n");
}
