//! The real binary in tmux: open the dashboard on atve, take Frames from 100 to 80 by typing it,
//! watch the cost per video drop to $2.61, quit, and check the exit status.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::process::{Command, Output};
use std::thread::sleep;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// Only bounds a hang: every wait polls for what it expects and returns as soon as it shows, so a
/// slow, busy machine takes longer but does not fail.
const DEADLINE: Duration = Duration::from_secs(180);

/// A tmux server of its own (so nothing else running in tmux is touched), killed when dropped,
/// pass or fail.
struct Tmux {
    name: String,
    /// The server's socket file, which tmux leaves behind when the server ends.
    socket: Option<String>,
}

impl Tmux {
    fn start(width: u16, height: u16, command: &str) -> Self {
        let nanos = SystemTime::now().duration_since(UNIX_EPOCH).unwrap().subsec_nanos();
        let mut tmux = Self {
            name: format!("reelcost-e2e-{}-{nanos}", std::process::id()),
            socket: None,
        };
        let (width, height) = (width.to_string(), height.to_string());
        let out = tmux.run(&[
            "new-session",
            "-d",
            "-x",
            &width,
            "-y",
            &height,
            "-s",
            &tmux.name,
            command,
        ]);
        assert!(
            out.status.success(),
            "tmux new-session: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let socket = tmux.run(&["display-message", "-p", "#{socket_path}"]);
        tmux.socket =
            Some(String::from_utf8_lossy(&socket.stdout).trim().to_owned()).filter(|p| p.contains(&tmux.name));
        tmux
    }

    fn run(&self, args: &[&str]) -> Output {
        Command::new("tmux")
            .args(["-L", &self.name, "-f", "/dev/null"])
            .args(args)
            .output()
            .expect("tmux runs")
    }

    fn send(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", &self.name];
        args.extend_from_slice(keys);
        assert!(self.run(&args).status.success(), "send-keys {keys:?}");
    }

    fn screen(&self) -> String {
        String::from_utf8_lossy(&self.run(&["capture-pane", "-p", "-t", &self.name]).stdout).into_owned()
    }

    /// Polls the screen until it shows `text`, or fails with what it shows.
    fn wait_for(&self, text: &str) -> String {
        self.wait_for_all(&[text])
    }

    /// Polls the screen until it shows every one of `texts` at once. A capture can catch a frame
    /// half drawn, so everything a test then looks at is waited for, not read off the first
    /// capture that shows one of them.
    fn wait_for_all(&self, texts: &[&str]) -> String {
        self.wait_until(&format!("{texts:?}"), |screen| texts.iter().all(|t| screen.contains(t)))
    }

    /// Polls the screen until `ok` accepts it, or fails with what it shows.
    fn wait_until(&self, what: &str, ok: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if ok(&screen) {
                return screen;
            }
            assert!(
                start.elapsed() < DEADLINE,
                "no {what} within {DEADLINE:?}; the screen:\n{screen}"
            );
            sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.run(&["kill-server"]);
        // The server leaves its socket file behind; remove it so runs do not pile them up.
        if let Some(path) = &self.socket {
            let _ = std::fs::remove_file(path);
        }
    }
}

/// Fails the test when tmux cannot run: an end-to-end test that skips itself would pass without
/// having looked at the screen.
fn require_tmux() {
    let runs = Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success());
    assert!(
        runs,
        "the end-to-end tests drive the dashboard in tmux, which is not installed: install tmux \
         (Debian/Ubuntu: apt-get install tmux; macOS: brew install tmux); .ci/run does this"
    );
}

/// Waits for the file the shell writes the exit status to.
fn wait_for_exit(path: &Path) -> String {
    let start = Instant::now();
    loop {
        if let Ok(text) = std::fs::read_to_string(path)
            && text.ends_with('\n')
        {
            return text;
        }
        assert!(
            start.elapsed() < DEADLINE,
            "the dashboard did not exit within {DEADLINE:?}"
        );
        sleep(Duration::from_millis(50));
    }
}

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

    tmux.wait_for_all(&["Cost per video", "scenarios/atve.toml", "$3.0140"]);

    tmux.send(&["j"]);
    tmux.wait_for("Frames: ←/→");
    tmux.send(&["Enter"]);
    tmux.wait_for("Frames =");
    tmux.send(&["8", "0"]);
    tmux.send(&["Enter"]);
    tmux.wait_for_all(&["$2.61", "-$0.40 (-13.3%)", "-$0.0250 (-13.3%)"]);

    tmux.send(&["q"]);
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
    let dir = tempfile::tempdir().unwrap();
    let init = Command::new(env!("CARGO_BIN_EXE_reelcost"))
        .args(["init", "."])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(init.status.success());
    let exit_file = dir.path().join("exit");
    let command = format!(
        "cd '{}' && '{}'; echo EXIT:$? > '{}'",
        dir.path().display(),
        env!("CARGO_BIN_EXE_reelcost"),
        exit_file.display()
    );
    let tmux = Tmux::start(140, 45, &command);
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
    tmux.wait_until("the error gone after the reload", |screen| {
        screen.contains("catalogs reloaded") && !screen.contains("catalogs/fal.toml:28:1:")
    });

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

    let screen = tmux.wait_for("Clip model (m)");
    for visible in [
        "Hostile \\u{1b}]0;pwned\\u{7} scenario\\r",
        "Clip \\u{1b}]52;c;cm0gLXJmIH4=\\u{7}|=cmd",
        "evil/clip\\u{1b}[2J",
    ] {
        assert!(screen.contains(visible), "the dashboard lacks {visible}:\n{screen}");
    }
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
