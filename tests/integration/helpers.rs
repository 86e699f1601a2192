//! Shared helpers: where the binary, the samples and the shared captures are, how to run
//! portlens and read its NDJSON, and what a test that depends on the machine needs (root, a
//! program, the shared captures): [`require`] fails such a test under CI when a requirement is
//! missing, and elsewhere skips it, saying why and recording the skip for `make test`'s summary.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The requirements of tests that depend on the machine, shared with the unit tests.
#[path = "../../src/test_fixtures/environment.rs"]
mod environment;

/// Whole outputs compared with a unified diff, shared with the unit tests.
#[path = "../../src/test_fixtures/text.rs"]
mod text;

pub use text::{assert_same_text, strip_ansi, unified_diff};

pub use environment::{Missing, captures_in, require, require_part, shared_captures};

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A command that runs the portlens binary under test, with colour and locale pinned.
pub fn portlens() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_portlens"));
    command.env_remove("NO_COLOR").env("LC_ALL", "C.UTF-8");
    command
}

/// Runs portlens with `args` and returns its output.
pub fn run(args: &[&str]) -> Output {
    portlens().args(args).output().expect("portlens runs")
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// The samples bundled in samples/, sorted by name.
pub fn samples() -> Vec<PathBuf> {
    let files = captures_in(&root().join("samples"));
    assert!(!files.is_empty(), "samples/ holds the bundled captures");
    files
}

/// Parses NDJSON output into values, one per line.
pub fn ndjson(text: &str) -> Vec<serde_json::Value> {
    text.lines()
        .map(|line| {
            serde_json::from_str(line).unwrap_or_else(|e| panic!("bad JSON line {line}: {e}"))
        })
        .collect()
}

/// The file name of a path, for messages.
pub fn name(path: &Path) -> String {
    path.file_name()
        .unwrap_or_default()
        .to_string_lossy()
        .into_owned()
}

/// True when the process runs as root (live capture and namespaces need it).
pub fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false)
}

/// Root privilege, which `purpose` needs.
pub fn root_for(purpose: &str) -> Result<(), Missing> {
    if is_root() {
        Ok(())
    } else {
        Err(Missing::root(purpose))
    }
}

/// The path of an executable found on PATH (or in the sbin folders, where `ip` lives).
pub fn which(program: &str) -> Option<PathBuf> {
    use std::os::unix::fs::PermissionsExt;
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path)
        .chain(["/usr/sbin", "/sbin", "/usr/bin", "/bin"].map(PathBuf::from))
        .map(|dir| dir.join(program))
        .find(|candidate| {
            std::fs::metadata(candidate)
                .is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
        })
}

/// The path of `name`, a program a test needs.
pub fn program(name: &str) -> Result<PathBuf, Missing> {
    which(name).ok_or_else(|| Missing::program(name))
}
