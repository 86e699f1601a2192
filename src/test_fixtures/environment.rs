//! Tests that depend on the machine: what such a test needs (root, a network namespace, a program,
//! the shared captures), and what happens when it is not there. Under CI (the environment variable
//! `CI` is set; CI exports `CI=true`) a missing requirement fails the test with one sentence that
//! names it and what provides it. Elsewhere the test prints `skipped: …` and returns. Either way a
//! line is appended to a record that `make test` summarises after the run: `ran` for each
//! environment-dependent test (or part of one) that found what it needs, `skipped` with the reason
//! for each that did not.
//!
//! Standard library only, so that one file serves both the unit tests (`crate::test_fixtures`) and
//! the integration tests (tests/integration/helpers.rs includes it with `#[path]`).

#![allow(dead_code)]

use std::fmt;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// The environment variable that names the record file; `make test` sets it.
pub const RECORD_VARIABLE: &str = "PORTLENS_ENVIRONMENT_RECORD";

/// A requirement of a test that this machine does not meet: what is missing, and what provides it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Missing {
    what: String,
    remedy: String,
}

impl Missing {
    /// `what` is missing (a clause: "`ip netns add` failed: …"); `remedy` says what provides it.
    pub fn new(what: impl Into<String>, remedy: impl Into<String>) -> Missing {
        Missing {
            what: what.into(),
            remedy: remedy.into(),
        }
    }

    /// A program that is not installed.
    pub fn program(name: &str) -> Missing {
        Missing::new(
            format!("`{name}` is not installed"),
            "scripts/setup.sh installs it",
        )
    }

    /// Root privilege, which `purpose` needs.
    pub fn root(purpose: &str) -> Missing {
        Missing::new(
            format!("{purpose} needs root"),
            "run the tests as root, as CI does: sudo make test",
        )
    }
}

impl fmt::Display for Missing {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.what, self.remedy)
    }
}

/// True when the tests run in CI: `CI` is set to anything but nothing, `false` or `0`.
pub fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|value| !matches!(value.trim(), "" | "false" | "0"))
}

/// `Some(value)` when the requirements `found` checked are met, recorded as a test that ran;
/// otherwise, under CI, a failure naming what is missing, and elsewhere `None` after printing
/// `skipped: …` and recording the skip (the caller then returns).
pub fn require<T>(found: Result<T, Missing>) -> Option<T> {
    require_part("", found)
}

/// [`require`] for one part of a test (`part` names it in the record, e.g. "the setcap part"),
/// when the rest of the test runs whatever happens to that part.
pub fn require_part<T>(part: &str, found: Result<T, Missing>) -> Option<T> {
    let test = test_name(part);
    match found {
        Ok(value) => {
            record(&format!("ran\t{test}"));
            Some(value)
        }
        Err(missing) => {
            if in_ci() {
                panic!("{test} may not be skipped in CI, but {missing}.");
            }
            eprintln!("skipped: {test}: {missing}");
            record(&format!("skipped\t{test}\t{missing}"));
            None
        }
    }
}

/// The name of the running test (libtest names each test's thread after it), with `part`.
fn test_name(part: &str) -> String {
    let thread = std::thread::current();
    let test = thread.name().unwrap_or("a test");
    if part.is_empty() {
        test.to_string()
    } else {
        format!("{test} ({part})")
    }
}

/// Appends one line to the record. Tests run on parallel threads and in more than one test binary:
/// each line is written whole by a single `write` on a file opened for appending, under a lock.
fn record(line: &str) {
    static LOCK: Mutex<()> = Mutex::new(());
    let _guard = LOCK.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    let path = record_path();
    if let Some(dir) = path.parent() {
        let _ = std::fs::create_dir_all(dir);
    }
    let written = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path)
        .and_then(|mut file| file.write_all(format!("{line}\n").as_bytes()));
    if let Err(error) = written {
        panic!(
            "cannot record an environment-dependent test in {}: {error}",
            path.display()
        );
    }
}

/// Where the record is kept: the file `PORTLENS_ENVIRONMENT_RECORD` names, else
/// environment-tests.txt in the target directory's tmp folder (cargo's `CARGO_TARGET_TMPDIR` for
/// integration tests; for unit tests the same folder, found from the test binary's place in
/// target/PROFILE/deps).
pub fn record_path() -> PathBuf {
    if let Some(path) = std::env::var_os(RECORD_VARIABLE) {
        return PathBuf::from(path);
    }
    let tmp = match option_env!("CARGO_TARGET_TMPDIR") {
        Some(dir) => PathBuf::from(dir),
        None => std::env::current_exe()
            .ok()
            .and_then(|exe| Some(exe.parent()?.parent()?.parent()?.join("tmp")))
            .unwrap_or_else(std::env::temp_dir),
    };
    tmp.join("environment-tests.txt")
}

/// The folder of real third-party captures: the one `PORTLENS_SHARED_CAPTURES` names, else
/// ../shared/captures beside the repository.
pub fn shared_captures_dir() -> PathBuf {
    std::env::var_os("PORTLENS_SHARED_CAPTURES")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/captures"))
}

/// The shared captures folder, when it holds at least one .pcap or .pcapng file.
pub fn find_shared_captures() -> Result<PathBuf, Missing> {
    let dir = shared_captures_dir();
    let holds_captures = std::fs::read_dir(&dir).is_ok_and(|entries| {
        entries
            .filter_map(Result::ok)
            .any(|entry| is_capture(&entry.path()))
    });
    if holds_captures {
        Ok(dir)
    } else {
        Err(Missing::new(
            format!(
                "the shared captures are absent ({} holds no capture)",
                dir.display()
            ),
            "no script installs them: CI puts tcpdump's test captures in ../shared/captures \
             beside the repository; PORTLENS_SHARED_CAPTURES names another folder",
        ))
    }
}

/// The shared captures folder ([`find_shared_captures`]) through [`require`].
pub fn shared_captures() -> Option<PathBuf> {
    require(find_shared_captures())
}

/// True for a .pcap or .pcapng file name.
pub fn is_capture(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("pcap" | "pcapng")
    )
}

/// The .pcap and .pcapng files of `dir`, sorted by name; nothing when it cannot be read.
pub fn captures_in(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| is_capture(p))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_requirement_says_what_provides_it() {
        assert_eq!(
            Missing::program("tmux").to_string(),
            "`tmux` is not installed (scripts/setup.sh installs it)"
        );
        let root = Missing::root("a live capture").to_string();
        assert!(root.starts_with("a live capture needs root ("), "{root}");
    }
}
