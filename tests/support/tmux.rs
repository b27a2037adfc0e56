//! The real binary in tmux, for the end-to-end tests: a tmux server of its own per test, the
//! screen polled until it shows what is expected, and the exit status the shell records.
#![allow(clippy::unwrap_used, clippy::expect_used, dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::thread::sleep;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// Only bounds a hang: every wait polls and returns as soon as the screen shows what it expects,
/// so a slow, busy machine takes longer but does not fail.
pub const DEADLINE: Duration = Duration::from_secs(180);

/// A tmux server of its own (so nothing else running in tmux is touched), killed when dropped,
/// pass or fail.
pub struct Tmux {
    /// The session's name, which is also its server's socket name.
    pub name: String,
    /// The server's socket file, which tmux leaves behind when the server ends.
    socket: Option<String>,
}

impl Tmux {
    pub fn start(width: u16, height: u16, command: &str) -> Self {
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

    pub fn run(&self, args: &[&str]) -> Output {
        Command::new("tmux")
            .args(["-L", &self.name, "-f", "/dev/null"])
            .args(args)
            .output()
            .expect("tmux runs")
    }

    pub fn send(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", &self.name];
        args.extend_from_slice(keys);
        assert!(self.run(&args).status.success(), "send-keys {keys:?}");
    }

    pub fn screen(&self) -> String {
        String::from_utf8_lossy(&self.run(&["capture-pane", "-p", "-t", &self.name]).stdout).into_owned()
    }

    /// Polls the screen until it shows `text`, or fails with what it shows.
    pub fn wait_for(&self, text: &str) -> String {
        self.wait_for_all(&[text])
    }

    /// Polls the screen until it shows every one of `texts` at once. A capture can catch a frame
    /// half drawn, so everything a test looks at is waited for, not read off the first capture
    /// that shows one of them.
    pub fn wait_for_all(&self, texts: &[&str]) -> String {
        self.wait_until(&format!("{texts:?}"), |screen| texts.iter().all(|t| screen.contains(t)))
    }

    /// Polls the screen until it no longer shows `text`, or fails with what it shows.
    pub fn wait_until_gone(&self, text: &str) -> String {
        self.wait_until(&format!("no `{text}`"), |screen| !screen.contains(text))
    }

    /// Polls the screen until `ok` accepts it, or fails with what it shows.
    pub fn wait_until(&self, what: &str, ok: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if ok(&screen) {
                return screen;
            }
            assert!(
                start.elapsed() < DEADLINE,
                "{what} not on screen within {DEADLINE:?}; the screen:\n{screen}"
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

/// True when tmux can run. A missing tmux fails the test rather than letting it pass unrun.
pub fn tmux_or_skip() -> bool {
    assert!(
        tmux_available(),
        "tmux is needed for the end-to-end tests: install it (apt-get install tmux)"
    );
    true
}

/// Fails the test, saying how to install tmux, when tmux cannot run.
pub fn require_tmux() {
    tmux_or_skip();
}

/// True when tmux can run.
pub fn tmux_available() -> bool {
    Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Waits for the file the shell writes the exit status to.
pub fn wait_for_exit(path: &Path) -> String {
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

/// A fresh `reelcost init` copy of the shipped scenarios and catalogs.
pub fn initialised_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let init = Command::new(env!("CARGO_BIN_EXE_reelcost"))
        .args(["init", "."])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(init.status.success());
    dir
}

/// A dashboard on a fresh `reelcost init` copy, and the file its exit status goes to.
pub fn dashboard_on_a_copy(args: &str) -> (tempfile::TempDir, Tmux, PathBuf) {
    let dir = initialised_copy();
    let (tmux, exit_file) = dashboard_in(dir.path(), args);
    (dir, tmux, exit_file)
}

/// A dashboard started in `dir` with `args`, and the file its exit status goes to.
pub fn dashboard_in(dir: &Path, args: &str) -> (Tmux, PathBuf) {
    let exit_file = dir.join("exit");
    let command = format!(
        "cd '{}' && '{}' {args}; echo EXIT:$? > '{}'",
        dir.display(),
        env!("CARGO_BIN_EXE_reelcost"),
        exit_file.display()
    );
    (Tmux::start(140, 45, &command), exit_file)
}
