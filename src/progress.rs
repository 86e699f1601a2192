//! The progress bar on standard error for long runs: how far through a capture file the run is
//! (or, for statistics of a live capture, how many packets were counted so far). Drawn only when
//! standard error is a terminal and the output does not go to it (or only statistics will be
//! printed), never with JSON, and only for files big enough to wait for; it is cleared before the
//! statistics print, so it never mixes with the output.

use crate::capture::SourceSpec;
use crate::cli::Config;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::time::Duration;

/// Files smaller than this finish before a bar would be worth drawing.
pub const MIN_FILE_BYTES: u64 = 4 * 1024 * 1024;
/// The bar is moved once per this many frames, so that a run pays almost nothing for it.
const FRAMES_PER_UPDATE: u64 = 4096;

/// A progress bar, or nothing.
pub struct Progress {
    bar: Option<ProgressBar>,
    /// Estimated bytes of the file read so far (record headers included).
    position: u64,
    /// Bytes each record adds beyond its captured bytes.
    record_overhead: u64,
    frames: u64,
    size: u64,
}

impl Progress {
    /// No bar at all.
    pub fn none() -> Progress {
        Progress {
            bar: None,
            position: 0,
            record_overhead: 0,
            frames: 0,
            size: 0,
        }
    }

    /// The bar a run's configuration calls for, given whether standard error is a terminal.
    pub fn for_run(config: &Config, stderr_is_terminal: bool) -> Progress {
        if !config.views.progress || !stderr_is_terminal {
            return Progress::none();
        }
        let target = ProgressDrawTarget::stderr_with_hz(4);
        match &config.capture.source {
            SourceSpec::File(path) => {
                let Ok(meta) = std::fs::metadata(path) else {
                    return Progress::none();
                };
                if meta.len() < MIN_FILE_BYTES {
                    return Progress::none();
                }
                let bar = ProgressBar::with_draw_target(Some(meta.len()), target);
                bar.set_style(
                    ProgressStyle::with_template(
                        "{spinner} reading {msg} {wide_bar} {percent:>3}%  {binary_bytes}/{binary_total_bytes}  {eta} left",
                    )
                    .unwrap_or_else(|_| ProgressStyle::default_bar()),
                );
                bar.set_message(
                    path.file_name()
                        .map(|n| crate::sanitize::terminal_safe(&n.to_string_lossy()).into_owned())
                        .unwrap_or_default(),
                );
                let (header, record_overhead) = layout(path);
                Progress {
                    bar: Some(bar),
                    position: header,
                    record_overhead,
                    frames: 0,
                    size: meta.len(),
                }
            }
            SourceSpec::Builtin { .. } => Progress::none(),
            SourceSpec::Live(_) if config.views.stats && !config.views.packets => {
                let bar = ProgressBar::with_draw_target(None, target);
                bar.set_style(
                    ProgressStyle::with_template("{spinner} counting: {pos} packets, {per_sec}")
                        .unwrap_or_else(|_| ProgressStyle::default_spinner()),
                );
                bar.enable_steady_tick(Duration::from_millis(250));
                Progress {
                    bar: Some(bar),
                    ..Progress::none()
                }
            }
            SourceSpec::Live(_) => Progress::none(),
        }
    }

    /// True when a bar is drawn.
    pub fn is_shown(&self) -> bool {
        self.bar.is_some()
    }

    /// Counts one frame of `captured_length` bytes.
    #[inline]
    pub fn frame(&mut self, captured_length: u32) {
        if self.bar.is_none() {
            return;
        }
        self.frames += 1;
        self.position += u64::from(captured_length) + self.record_overhead;
        if self.frames % FRAMES_PER_UPDATE == 0 {
            self.update();
        }
    }

    fn update(&self) {
        if let Some(bar) = &self.bar {
            if bar.length().is_some() {
                bar.set_position(self.position.min(self.size));
            } else {
                bar.set_position(self.frames);
            }
        }
    }

    /// Removes the bar from the terminal (before the statistics or an error are printed).
    pub fn finish(&mut self) {
        if let Some(bar) = self.bar.take() {
            bar.finish_and_clear();
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.finish();
    }
}

/// The file header's size and each record's overhead, from the file's magic number: classic pcap
/// has a 24-byte header and 16 bytes before each frame; pcapng's enhanced packet blocks carry 32
/// bytes and pad frames to 4 bytes (estimated as 34).
fn layout(path: &std::path::Path) -> (u64, u64) {
    use std::io::Read;
    let mut magic = [0u8; 4];
    let read = std::fs::File::open(path).and_then(|mut f| f.read_exact(&mut magic));
    match (read, magic) {
        (Ok(()), [0x0a, 0x0d, 0x0d, 0x0a]) => (0, 34),
        _ => (24, 16),
    }
}

/// Whether standard error is a terminal.
pub fn stderr_is_terminal() -> bool {
    std::io::stderr().is_terminal()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::Cli;
    use clap::Parser;

    fn config(args: &[&str], stdout_is_terminal: bool) -> Config {
        match Cli::parse_from(args).into_action(stdout_is_terminal, false) {
            crate::cli::Action::Decode(config) => config,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn no_bar_without_a_terminal_for_it_or_for_small_files() {
        let big = std::env::temp_dir().join(format!("portlens-progress-{}", std::process::id()));
        std::fs::write(&big, vec![0u8; MIN_FILE_BYTES as usize]).unwrap();
        let path = big.to_str().unwrap();
        let piped = config(&["portlens", "-r", path], false);
        assert!(Progress::for_run(&piped, true).is_shown());
        assert!(
            !Progress::for_run(&piped, false).is_shown(),
            "stderr is not a terminal"
        );
        let to_terminal = config(&["portlens", "-r", path], true);
        assert!(
            !Progress::for_run(&to_terminal, true).is_shown(),
            "packets go there"
        );
        let stats = config(&["portlens", "-r", path, "--stats"], true);
        assert!(Progress::for_run(&stats, true).is_shown());
        let json = config(&["portlens", "-r", path, "--json"], false);
        assert!(!Progress::for_run(&json, true).is_shown());
        let small = config(&["portlens", "-r", "samples/web-http.pcap"], false);
        assert!(!Progress::for_run(&small, true).is_shown());
        std::fs::remove_file(&big).unwrap();
    }

    #[test]
    fn the_position_follows_the_records() {
        let mut progress = Progress::none();
        progress.frame(100);
        assert_eq!(progress.position, 0, "no bar, no counting");
        assert_eq!(
            layout(std::path::Path::new("samples/web-http.pcap")),
            (24, 16)
        );
    }
}
