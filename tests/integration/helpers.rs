//! Shared helpers: where the binary, the samples and the shared captures are, and how to run
//! portlens and read its NDJSON.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

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
    let mut files: Vec<PathBuf> = std::fs::read_dir(root().join("samples"))
        .expect("samples/ exists")
        .map(|e| e.expect("entry").path())
        .filter(|p| {
            matches!(
                p.extension().and_then(|e| e.to_str()),
                Some("pcap" | "pcapng")
            )
        })
        .collect();
    files.sort();
    files
}

/// The directory of real third-party captures beside the repository (../shared/captures), or
/// the one named by PORTLENS_SHARED_CAPTURES. `None` (with a printed reason) when absent.
pub fn shared_captures() -> Option<PathBuf> {
    let dir = std::env::var_os("PORTLENS_SHARED_CAPTURES")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("../shared/captures"));
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!(
            "skipped: {} is absent (the shared captures sit beside the repository in CI)",
            dir.display()
        );
        None
    }
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
