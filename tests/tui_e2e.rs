//! The real binary in tmux: open the dashboard on atve, take Frames from 100 to 80 by typing it,
//! watch the cost per video drop to $2.61, quit, and check the exit status.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::process::{Command, Output};
use std::thread::sleep;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// How long the dashboard has to show what is expected.
const DEADLINE: Duration = Duration::from_secs(10);

/// A tmux server of its own (so nothing else running in tmux is touched), killed when dropped,
/// pass or fail.
struct Tmux {
    name: String,
}

impl Tmux {
    fn start(width: u16, height: u16, command: &str) -> Self {
        let nanos = SystemTime::now().duration_since(UNIX_EPOCH).unwrap().subsec_nanos();
        let tmux = Self {
            name: format!("reelcost-e2e-{}-{nanos}", std::process::id()),
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
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if screen.contains(text) {
                return screen;
            }
            assert!(
                start.elapsed() < DEADLINE,
                "no `{text}` within {DEADLINE:?}; the screen:\n{screen}"
            );
            sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.run(&["kill-server"]);
    }
}

fn tmux_available() -> bool {
    Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success())
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
    if !tmux_available() {
        let in_ci = std::env::var_os("CI").is_some_and(|v| !v.is_empty());
        assert!(!in_ci, "tmux is needed for the end-to-end test in CI");
        eprintln!("note: tmux is not installed; skipping the end-to-end dashboard test");
        return;
    }
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

    let screen = tmux.wait_for("Cost per video");
    assert!(screen.contains("scenarios/atve.toml"), "{screen}");
    assert!(screen.contains("$3.0140"), "{screen}");

    tmux.send(&["j"]);
    tmux.wait_for("Frames: ←/→");
    tmux.send(&["Enter"]);
    tmux.wait_for("Frames =");
    tmux.send(&["8", "0"]);
    tmux.send(&["Enter"]);
    let screen = tmux.wait_for("$2.61");
    assert!(screen.contains("-$0.40 (-13.3%)"), "{screen}");
    assert!(screen.contains("-$0.0250 (-13.3%)"), "{screen}");

    tmux.send(&["q"]);
    assert_eq!(wait_for_exit(&exit_file), "EXIT:0\n");
}
