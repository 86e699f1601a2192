//! A real terminal for tests: runs a command in a detached tmux session on a private tmux server
//! (its own socket, no user configuration), types keys into it and reads the screen back. The
//! server is killed when the session is dropped.

#![allow(dead_code)]

use crate::helpers::{Missing, program, require};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// How long to wait for the screen to show what a test expects before failing. A guard against
/// hanging, not a measure of speed: the screen usually changes within milliseconds.
const PATIENCE: Duration = Duration::from_secs(30);

pub struct Tmux {
    socket: String,
}

impl Tmux {
    /// Starts `shell_command` in a new 200×60 terminal. `None` when tmux is missing or cannot
    /// start here: then the test fails under CI and is skipped elsewhere (`helpers::require`).
    pub fn start(shell_command: &str) -> Option<Tmux> {
        require(Tmux::open(shell_command))
    }

    fn open(shell_command: &str) -> Result<Tmux, Missing> {
        static SESSIONS: AtomicUsize = AtomicUsize::new(0);
        program("tmux")?;
        let socket = format!(
            "portlens-test-{}-{}",
            std::process::id(),
            SESSIONS.fetch_add(1, Ordering::Relaxed)
        );
        let tmux = Tmux { socket };
        let started = tmux
            .command()
            .args(["new-session", "-d", "-x", "200", "-y", "60", shell_command])
            .output()
            .expect("run tmux");
        if started.status.success() {
            return Ok(tmux);
        }
        Err(Missing::new(
            format!(
                "tmux could not start a session ({})",
                String::from_utf8_lossy(&started.stderr).trim()
            ),
            "scripts/setup.sh installs tmux",
        ))
    }

    fn command(&self) -> Command {
        let mut command = Command::new("tmux");
        command
            .args(["-L", &self.socket, "-f", "/dev/null"])
            .env_remove("TMUX")
            .env("LC_ALL", "C.UTF-8")
            .env("TERM", "xterm-256color");
        command
    }

    fn run(&self, args: &[&str]) -> Output {
        let output = self.command().args(args).output().expect("tmux runs");
        assert!(
            output.status.success(),
            "tmux {args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        output
    }

    /// Types keys, in tmux's names (`n`, `Space`, `Enter`, `Left`).
    pub fn keys(&self, keys: &[&str]) {
        self.run(&[&["send-keys", "-t", "0"][..], keys].concat());
    }

    /// What the terminal shows now.
    pub fn screen(&self) -> String {
        String::from_utf8_lossy(&self.run(&["capture-pane", "-p", "-t", "0"]).stdout).into_owned()
    }

    /// Everything the terminal has shown, scrolled-off lines included.
    pub fn history(&self) -> String {
        String::from_utf8_lossy(
            &self
                .run(&["capture-pane", "-p", "-S", "-", "-t", "0"])
                .stdout,
        )
        .into_owned()
    }

    /// Waits until `done` holds for the screen and returns that screen; panics with the last
    /// screen if it never does.
    pub fn wait_for(&self, what: &str, done: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if done(&screen) {
                return screen;
            }
            if start.elapsed() > PATIENCE {
                panic!("the terminal never showed {what}; it shows:\n{screen}");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.command().arg("kill-server").output();
    }
}
